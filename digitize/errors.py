"""Error types of the core, each with a stable code, an exit code and bilingual messages."""

from __future__ import annotations

from typing import Protocol, runtime_checkable


class ExitCode:
    """Process exit codes of the command line (DESIGN section 2)."""

    OK = 0
    FAILURE = 1
    USAGE = 2
    TAMPERED = 3


@runtime_checkable
class UserFacingError(Protocol):
    """What the two error sinks (CLI, GUI) need from any error of any package."""

    code: str
    exit_code: int

    def message(self, lang: str = "vi") -> str:
        """The user-facing message in ``vi`` or ``en``."""
        ...


class DigitizeError(Exception):
    """Base of the core's errors.

    Subclasses set ``code``, ``vi`` and ``en`` templates (``str.format`` fields from the
    keyword arguments) and optionally a ``hint_vi``/``hint_en``.
    """

    code = "digitize.error"
    exit_code = ExitCode.FAILURE
    vi = "Lỗi: {detail}"
    en = "Error: {detail}"
    hint_vi = ""
    hint_en = ""

    def __init__(self, detail: str = "", **fields: object) -> None:
        self.fields = {"detail": detail, **fields}
        super().__init__(self.message("en"))

    def message(self, lang: str = "vi") -> str:
        """Render the message (with its hint) in ``vi`` or ``en``."""
        tmpl, hint = (self.vi, self.hint_vi) if lang == "vi" else (self.en, self.hint_en)
        try:
            text = tmpl.format(**self.fields)
        except (KeyError, IndexError):
            text = f"{tmpl} {self.fields}"
        return f"{text} {hint}".strip() if hint else text


class UsageError(DigitizeError):
    code = "digitize.usage"
    exit_code = ExitCode.USAGE
    vi = "Sai cách dùng: {detail}"
    en = "Usage error: {detail}"


class Cancelled(DigitizeError):
    code = "digitize.cancelled"
    vi = "Đã hủy theo yêu cầu."
    en = "Cancelled by the user."


class NotAvailable(DigitizeError):
    code = "digitize.not_available"
    vi = "Chức năng chưa có: {detail}"
    en = "Not available yet: {detail}"


class InputFileError(DigitizeError):
    code = "digitize.input_file"
    vi = "Không đọc được tệp {path}: {detail}"
    en = "Cannot read file {path}: {detail}"
    hint_vi = "Hãy kiểm tra tệp hoặc quét lại trang."
    hint_en = "Check the file or rescan the page."


class SecrecyRefused(DigitizeError):
    code = "digitize.secrecy_refused"
    vi = ("Tài liệu mang dấu mật ({mark}) — không được xử lý trên máy có kết nối mạng. "
          "Không có gì của hồ sơ được lưu; sự kiện đã được ghi nhật ký.")
    en = ("The document bears a state-secret mark ({mark}) and must not be processed on a "
          "networked machine. Nothing of the record was kept; the event was logged.")
    hint_vi = "Hãy dùng máy trạm ngoại tuyến (chế độ mật) do quản trị viên cấu hình."
    hint_en = "Use the offline secrecy workstation configured by an admin."


class ValidationError(DigitizeError):
    code = "digitize.validation"
    vi = "Dữ liệu đặc tả không hợp lệ: {detail}"
    en = "Invalid metadata: {detail}"


class DossierNotFound(DigitizeError):
    code = "digitize.dossier_not_found"
    vi = "Không tìm thấy hồ sơ {detail}."
    en = "Dossier {detail} not found."
