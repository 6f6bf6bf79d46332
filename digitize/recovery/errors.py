"""Errors of backup and restore (Vietnamese and English, as every error of the core)."""

from __future__ import annotations

from digitize.errors import DigitizeError, ExitCode

__all__ = ["BackupAccessDenied", "BackupUnreachable", "NoBackup", "RestoreTargetNotEmpty"]


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


class BackupUnreachable(DigitizeError):
    code = "digitize.backup_unreachable"
    exit_code = ExitCode.FAILURE
    vi = ("Không đọc được bản sao lưu: máy chủ {detail} không trả lời (hoặc ngắt giữa chừng). "
          "Chưa có kho mới nào được tạo và không để lại tệp dở dang.")
    en = ("Cannot read the backup: the server {detail} does not answer (or stopped midway). "
          "No new archive was created and nothing partial was left behind.")
    hint_vi = "Hãy kiểm tra mạng và máy chủ S3 (--endpoint), rồi chạy lại lệnh khôi phục."
    hint_en = "Check the network and the S3 server (--endpoint), then run the restore again."


class BackupAccessDenied(DigitizeError):
    code = "digitize.backup_access_denied"
    exit_code = ExitCode.FAILURE
    vi = "Máy chủ sao lưu từ chối truy cập hoặc không có bucket: {detail}"
    en = "The backup server refused access or has no such bucket: {detail}"
    hint_vi = ("Hãy kiểm tra AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (hoặc khóa nhập trong "
               "hộp thoại), địa chỉ máy chủ và tên bucket.")
    hint_en = ("Check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or the keys typed in the "
               "dialog), the server address and the bucket name.")
