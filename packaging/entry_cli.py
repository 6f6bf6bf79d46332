"""Frozen entry point of the ``digitize`` command line."""

import sys

from digitize.cli import main

sys.exit(main())
