"""Frozen entry point of the ``digitize`` command line.

``freeze_support()`` comes first, before any import of the app: a child that multiprocessing's
``spawn`` starts (the scanner host, page workers) is this same binary run with
``--multiprocessing-fork``; freeze_support runs the child's task and exits there, so the child
never parses the command line nor loads the app's modules it does not need.
"""

import multiprocessing

multiprocessing.freeze_support()

import sys  # noqa: E402 - after freeze_support, on purpose

from digitize.cli import main  # noqa: E402

sys.exit(main())
