"""What every view shares: the session, the task runner and the settings."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from digitize.session import Session
from ui.settings import UiSettings
from ui.tasks import BackgroundOp, TaskRunner

__all__ = ["AppContext", "View", "button_row", "fill_dossier_box", "heading"]


@dataclass
class AppContext:
    """Handed to each view: who is signed in and how to run work off the GUI thread."""

    session: Session
    runner: TaskRunner
    settings: UiSettings

    @property
    def ws(self) -> Any:
        """The session's workspace (use only inside worker functions)."""
        return self.session.workspace


def heading(text: str) -> QLabel:
    """A view's title label."""
    label = QLabel(text)
    label.setObjectName("heading")
    f = label.font()
    f.setPointSizeF(f.pointSizeF() * 1.35)
    f.setBold(True)
    label.setFont(f)
    return label


def button_row(buttons: Iterable[tuple[str, Callable[[], Any], str]]) -> QHBoxLayout:
    """A row of push buttons, left-aligned.

    Args:
        buttons: ``(text, slot, objectName)`` for each button, in order.

    Returns:
        The row, ending in a stretch.
    """
    row = QHBoxLayout()
    for text, slot, name in buttons:
        b = QPushButton(text)
        b.setObjectName(name)
        b.clicked.connect(slot)
        row.addWidget(b)
    row.addStretch(1)
    return row


def fill_dossier_box(box: QComboBox, dossiers: Iterable[Any], select: str | None) -> None:
    """Refill a dossier chooser ("title (id)", data = id) without emitting its signals.

    Args:
        box: The combo box.
        dossiers: Objects with ``title`` and ``id``.
        select: The id to show; the first dossier when None or not found.
    """
    box.blockSignals(True)
    box.clear()
    for d in dossiers:
        box.addItem(f"{d.title} ({d.id})", d.id)
    idx = box.findData(select) if select else 0
    box.setCurrentIndex(max(0, idx))
    box.blockSignals(False)


class View(QWidget):
    """A main screen. ``activated`` runs each time the user opens it."""

    #: The action of :data:`digitize.session.ACTIONS` the view needs.
    action = "dashboard"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def op(self, fn: Any, *, write: bool = False) -> BackgroundOp:
        """A background operation whose errors show over this view."""
        return BackgroundOp(self.ctx.runner, fn, write=write, parent=self)

    def shortcut(self, keys: str | QKeySequence.StandardKey, slot: Any) -> QShortcut:
        """A keyboard shortcut active while this view is shown."""
        sc = QShortcut(QKeySequence(keys), self)
        sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        sc.activated.connect(slot)
        return sc

    def activated(self) -> None:
        """Refresh when shown (default: nothing)."""
