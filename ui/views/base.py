"""What every view shares: the session, the task runner and the settings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QWidget

from digitize.session import Session
from ui.settings import UiSettings
from ui.tasks import BackgroundOp, TaskRunner

__all__ = ["AppContext", "View", "heading"]


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
