"""A view's status line that keeps what it said: the latest message and a history to open.

Messages used to overwrite each other within 100 ms ("3 tệp bị bỏ qua" replaced by "11 trang
trong hồ sơ"). Every message set here is kept with its time; the "Nhật ký" button lists them.
"""

from __future__ import annotations

import time
from collections import deque

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QToolButton, QVBoxLayout, QWidget

from ui.i18n import tr

__all__ = ["StatusLog"]


class StatusLog(QWidget):
    """``setText``/``text`` like a label; ``history()`` holds up to ``keep`` messages."""

    def __init__(self, text: str = "", parent: QWidget | None = None, *, keep: int = 200) -> None:
        super().__init__(parent)
        self._history: deque[tuple[float, str]] = deque(maxlen=keep)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel("")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.toggle = QToolButton()
        self.toggle.setObjectName("statusHistoryButton")
        self.toggle.setCheckable(True)
        self.toggle.setToolTip(tr("Các thông báo trước đó"))
        self.toggle.toggled.connect(self._show_history)
        row.addWidget(self.label, 1)
        row.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(row)
        self.list = QListWidget()
        self.list.setObjectName("statusHistory")
        self.list.setMaximumHeight(120)
        self.list.hide()
        lay.addWidget(self.list)
        self._relabel()
        if text:
            self.setText(text)

    def setObjectName(self, name: str) -> None:  # noqa: N802 - Qt's name
        """Name the widget (tests find the status by name)."""
        super().setObjectName(name)
        self.label.setObjectName(f"{name}Text")

    def setWordWrap(self, on: bool) -> None:  # noqa: N802 - QLabel's name
        """Wrap long messages (always on; kept for QLabel compatibility)."""
        self.label.setWordWrap(on)

    def setText(self, text: str) -> None:  # noqa: N802 - QLabel's name
        """Show ``text`` and keep it in the history (an empty text only clears the line)."""
        self.label.setText(text)
        if text and (not self._history or self._history[-1][1] != text):
            self._history.append((time.time(), text))
            self.list.insertItem(0, f"{time.strftime('%H:%M:%S', time.localtime())}  {text}")
            if self.list.count() > (self._history.maxlen or 200):
                self.list.takeItem(self.list.count() - 1)
            self._relabel()

    def text(self) -> str:
        """The message shown."""
        return self.label.text()

    def history(self) -> list[str]:
        """Every message kept, oldest first."""
        return [t for _s, t in self._history]

    def _relabel(self) -> None:
        self.toggle.setText(tr("Nhật ký ({n})").format(n=len(self._history)))

    def _show_history(self, on: bool) -> None:
        self.list.setVisible(on)
