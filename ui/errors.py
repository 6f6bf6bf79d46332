"""The GUI's one error sink: any exception becomes a message box in the user's language."""

from __future__ import annotations

import logging
import traceback

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from digitize.errors import Cancelled, UserFacingError
from ui.i18n import N_, lang, tr

__all__ = ["error_text", "show_error"]

log = logging.getLogger("digitize.ui")
#: Last messages shown (tests read it; offscreen runs never block on a modal box).
shown: list[str] = []


#: What to do, said in the application's own words, for errors whose hint names a CLI command
#: (a clerk has no terminal). Keyed by the error's stable code.
GUI_HINTS = {
    "capture.scanner_not_found": N_("Hãy cắm cáp, bật máy quét rồi bấm “Tìm máy quét”."),
    "archive.no_central_key": N_("Quản trị viên nhập khóa lưu trữ trung tâm ở “Quản trị và "
                                 "xuất” → “Khóa mã hóa”, rồi so dấu vân tay qua điện thoại."),
    "archive.not_found": N_("Hãy chọn đúng thư mục kho, hoặc tạo kho mới ở màn hình thiết lập."),
    "digitize.wrong_backup_passphrase": N_("Dùng cụm mật khẩu đã đặt khi sao lưu khóa."),
    "archive.search_index_missing": N_("Hãy báo quản trị viên: chỉ mục tra cứu cần được dựng "
                                       "lại."),
}
#: For any other error whose hint is a command line: who to ask instead.
GUI_HINT_DEFAULT = N_("Hãy báo quản trị viên (mã lỗi: {code}).")


def _without_cli_hint(exc: BaseException, text: str) -> str:
    """Replace a hint that tells the user to run a command by one for the application."""
    hint = getattr(exc, "hint_vi" if lang() == "vi" else "hint_en", "") or ""
    if "`" not in hint or not text.endswith(hint):
        return text
    code = str(getattr(exc, "code", ""))
    gui = tr(GUI_HINTS[code]) if code in GUI_HINTS else tr(GUI_HINT_DEFAULT).format(code=code)
    return f"{text[:-len(hint)].rstrip()} {gui}"


def error_text(exc: BaseException) -> str:
    """The user-facing text of an error (our classes carry vi/en messages; others do not)."""
    if isinstance(exc, UserFacingError) or hasattr(exc, "message"):
        try:
            return _without_cli_hint(exc, exc.message(lang()))  # type: ignore[attr-defined]
        except TypeError:
            pass
    return tr("Lỗi không mong đợi: {detail}").format(detail=f"{type(exc).__name__}: {exc}")


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """Show ``exc`` (non-modal); ``Cancelled`` is ignored, unexpected errors are logged."""
    if isinstance(exc, Cancelled):
        return
    if not hasattr(exc, "message"):
        log.error("unexpected error\n%s", "".join(traceback.format_exception(exc)))
    text = error_text(exc)
    shown.append(text)
    box = QMessageBox(QMessageBox.Icon.Warning, tr("Có lỗi"), text, QMessageBox.StandardButton.Ok,
                      parent)
    box.setObjectName("errorBox")
    box.setModal(False)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.show()
