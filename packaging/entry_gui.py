"""Frozen entry point of the ``digitize-app`` desktop application.

``freeze_support()`` comes first, before Qt is loaded: a child that multiprocessing's ``spawn``
starts (the scanner host, page workers) is this same binary run with ``--multiprocessing-fork``;
freeze_support runs the child's task and exits there, so no window (and no Qt) is started in it.
"""

import multiprocessing

multiprocessing.freeze_support()

import sys  # noqa: E402 - after freeze_support, on purpose

from ui.app import main  # noqa: E402

sys.exit(main())
