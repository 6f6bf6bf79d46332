"""Questions the GUI asks before anything is discarded or raised: one place, testable.

``confirm`` shows a modal question in the user's language. Tests (offscreen, nothing may
block) set :data:`answers` to the replies to give; every question asked is kept in
:data:`asked`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QMessageBox, QWidget

from ui.i18n import tr

__all__ = ["answers", "asked", "confirm", "inform", "informed"]

#: Every question asked, as ``(title, text)`` (tests read it).
asked: list[tuple[str, str]] = []
#: Replies queued by tests; when empty, a real modal box asks the user.
answers: list[bool] = []


def confirm(parent: QWidget | None, title: str, text: str, *, yes: str = "",
            no: str = "", pixmap: QPixmap | None = None, detail: str = "") -> bool:
    """Ask a yes/no question; ``no`` is the default button (nothing changes by accident).

    Args:
        parent: The window the box belongs to.
        title: Short title.
        text: The question, saying what will happen.
        yes: Text of the button that goes on (default "Đồng ý").
        no: Text of the button that keeps things as they are (default "Hủy").
        pixmap: A picture shown in the box (e.g. the page concerned).
        detail: A longer list shown under "Chi tiết" (e.g. the pages discarded).

    Returns:
        True only when the user chose ``yes``.
    """
    asked.append((title, text))
    if answers:
        return answers.pop(0)
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton,
                      parent)
    box.setObjectName("confirmBox")
    ok = box.addButton(yes or tr("Đồng ý"), QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(no or tr("Hủy"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    if pixmap is not None and not pixmap.isNull():
        box.setIconPixmap(pixmap)
    if detail:
        box.setDetailedText(detail)
    _exec(box)
    return box.clickedButton() is ok


def _exec(box: QMessageBox) -> int:
    """Run the box modally (tests replace this: an offscreen run must never block)."""
    return box.exec()


#: Every notice shown, as ``(title, text)`` (tests read it).
informed: list[tuple[str, str]] = []


def inform(parent: QWidget | None, title: str, text: str, *, pixmap: QPixmap | None = None,
           detail: str = "") -> QMessageBox:
    """Show a notice that stays until closed (non-modal), with a picture and details."""
    informed.append((title, text))
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok,
                      parent)
    box.setObjectName("noticeBox")
    if pixmap is not None and not pixmap.isNull():
        box.setIconPixmap(pixmap)
    if detail:
        box.setDetailedText(detail)
    box.setModal(False)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.show()
    return box
