"""Frozen entry point of the ``digitize-app`` desktop application."""

import sys

from ui.app import main

sys.exit(main())
