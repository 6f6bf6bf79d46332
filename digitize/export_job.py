"""``digitize export``: batch upload of stored dossiers to central storage."""

from __future__ import annotations

import argparse

from digitize.errors import NotAvailable
from digitize.workspace import Workspace

__all__ = ["run_export"]


def run_export(ws: Workspace, args: argparse.Namespace) -> int:
    """Export stored dossiers to ``args.to``; returns the exit code."""
    raise NotAvailable("digitize export (đang xây dựng / being built, issue #9)")
