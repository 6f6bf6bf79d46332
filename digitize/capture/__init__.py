"""Capture: scanners through SANE, file and folder import, a hot folder, quality checks.

The names below are imported on first use (PEP 562), so a process that needs one small module
of this package, such as the scanner host (:mod:`digitize.capture.sane_host`, a spawned child
that must start fast), does not load OpenCV, Pillow and the PDF code with it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from digitize.capture.hotfolder import HotFolder
    from digitize.capture.importer import DEFAULT_MAX_PIXELS, iter_import, natural_key
    from digitize.capture.page import CapturedPage, ImportProblem
    from digitize.capture.profiles import ScanProfile
    from digitize.capture.quality import (
        PageCounts,
        QualityFlag,
        QualityReport,
        Thresholds,
        assess,
        count_sheets,
    )
    from digitize.capture.sane_config import write_app_sane_config
    from digitize.capture.scanner import ScannerInfo, list_devices, open_scanner, scan_batch

_WHERE = {
    "HotFolder": "hotfolder",
    "DEFAULT_MAX_PIXELS": "importer", "iter_import": "importer", "natural_key": "importer",
    "CapturedPage": "page", "ImportProblem": "page",
    "ScanProfile": "profiles",
    "PageCounts": "quality", "QualityFlag": "quality", "QualityReport": "quality",
    "Thresholds": "quality", "assess": "quality", "count_sheets": "quality",
    "write_app_sane_config": "sane_config",
    "ScannerInfo": "scanner", "list_devices": "scanner", "open_scanner": "scanner",
    "scan_batch": "scanner",
}

__all__ = [
    "DEFAULT_MAX_PIXELS",
    "CapturedPage",
    "HotFolder",
    "ImportProblem",
    "PageCounts",
    "QualityFlag",
    "QualityReport",
    "ScanProfile",
    "ScannerInfo",
    "Thresholds",
    "assess",
    "count_sheets",
    "iter_import",
    "list_devices",
    "natural_key",
    "open_scanner",
    "scan_batch",
    "write_app_sane_config",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
