"""Export to central storage: SIP_hoso packages, targets, the upload queue, uploads, reports."""

from __future__ import annotations

from archive.export.queue import PartRecord, QueueEntry, QueueState, UploadQueue
from archive.export.report import EXCLUSION_REASONS, ExportItem, ExportReport, render_text
from archive.export.sip import SipDocument, SipFields, SipPackage, build_sip, validate_sip
from archive.export.targets import FolderTarget, S3Target, Target, parse_target
from archive.export.uploader import RateLimiter, Uploader, UploadPolicy, UploadResult

__all__ = [
    "EXCLUSION_REASONS",
    "ExportItem",
    "ExportReport",
    "FolderTarget",
    "PartRecord",
    "QueueEntry",
    "QueueState",
    "RateLimiter",
    "S3Target",
    "SipDocument",
    "SipFields",
    "SipPackage",
    "Target",
    "UploadPolicy",
    "UploadQueue",
    "UploadResult",
    "Uploader",
    "build_sip",
    "parse_target",
    "render_text",
    "validate_sip",
]
