"""The GUI's one error sink: any exception becomes a message box in the user's language."""

from __future__ import annotations

import logging
import traceback

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from digitize.errors import Cancelled, UserFacingError
from ui.i18n import lang, tr

__all__ = ["error_text", "show_error"]

log = logging.getLogger("digitize.ui")
#: Last messages shown (tests read it; offscreen runs never block on a modal box).
shown: list[str] = []


def error_text(exc: BaseException) -> str:
    """The user-facing text of an error (our classes carry vi/en messages; others do not)."""
    if isinstance(exc, UserFacingError) or hasattr(exc, "message"):
        try:
            return exc.message(lang())  # type: ignore[attr-defined]
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
