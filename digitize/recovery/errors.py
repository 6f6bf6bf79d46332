"""Errors of backup and restore (Vietnamese and English, as every error of the core)."""

from __future__ import annotations

from digitize.errors import DigitizeError, ExitCode

__all__ = ["NoBackup", "RestoreTargetNotEmpty"]


class RestoreTargetNotEmpty(DigitizeError):
    code = "digitize.restore_target_not_empty"
    exit_code = ExitCode.USAGE
    vi = "Thư mục {detail} đã có dữ liệu: hãy khôi phục vào một thư mục mới hoặc trống."
    en = "{detail} is not empty: restore into a new or empty folder."


class NoBackup(DigitizeError):
    code = "digitize.no_backup"
    exit_code = ExitCode.USAGE
    vi = "Không có bản sao lưu nào tại {detail} (thiếu snapshots/…/manifest.json)."
    en = "There is no backup in {detail} (no snapshots/…/manifest.json)."
