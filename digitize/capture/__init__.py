"""Capture: scanners through SANE, file and folder import, a hot folder, quality checks."""

from __future__ import annotations

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
