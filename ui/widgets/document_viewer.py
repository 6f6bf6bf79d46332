"""A document shown inside the application, page by page, at the page of the hit.

PySide6-Essentials has no PDF widget (QtPdf is in the Addons), so the viewer shows the
archive's page images, the very images the document's PDF is made of, with the hit's words
lit. An external PDF viewer stays available for printing; if none is installed the viewer
says so instead of doing nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.i18n import tr
from ui.widgets.page_canvas import PageCanvas

__all__ = ["DocumentViewer"]


class DocumentViewer(QDialog):
    """Pages ``first``..``first + count - 1`` of a dossier; ``load(seq)`` asks for a page."""

    external = Signal()

    def __init__(self, title: str, first: int, count: int, start: int,
                 load: Callable[[int], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentViewer")
        self.setWindowTitle(title)
        self.first, self.count, self.load = first, max(1, count), load
        self.seq = start
        self.hits: list[Any] = []
        lay = QVBoxLayout(self)
        self.canvas = PageCanvas()
        lay.addWidget(self.canvas, 1)
        row = QHBoxLayout()
        self.prev = QPushButton(tr("◀ Trang trước (PgUp)"))
        self.next = QPushButton(tr("Trang sau (PgDown) ▶"))
        self.where = QLabel("")
        self.where.setObjectName("viewerPage")
        self.outside = QPushButton(tr("Mở bằng trình xem PDF khác"))
        self.outside.setObjectName("externalPdf")
        self.note = QLabel("")
        self.note.setObjectName("viewerNote")
        self.note.setWordWrap(True)
        self.prev.clicked.connect(lambda: self.go(self.seq - 1))
        self.next.clicked.connect(lambda: self.go(self.seq + 1))
        self.outside.clicked.connect(self.external.emit)
        close = QPushButton(tr("Đóng"))
        close.clicked.connect(self.close)
        for w in (self.prev, self.where, self.next):
            row.addWidget(w)
        row.addStretch(1)
        row.addWidget(self.outside)
        row.addWidget(close)
        lay.addLayout(row)
        lay.addWidget(self.note)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.resize(900, 680)
        self.go(start)

    def keyPressEvent(self, e: Any) -> None:  # noqa: N802 - Qt override
        """PgUp / PgDown turn the pages."""
        if e.key() == Qt.Key.Key_PageDown:
            self.go(self.seq + 1)
        elif e.key() == Qt.Key.Key_PageUp:
            self.go(self.seq - 1)
        else:
            super().keyPressEvent(e)

    def go(self, seq: int) -> None:
        """Ask for page ``seq`` (kept within the document)."""
        seq = max(self.first, min(self.first + self.count - 1, seq))
        self.seq = seq
        self.where.setText(tr("Trang {i}/{n} của tài liệu").format(
            i=seq - self.first + 1, n=self.count))
        self.prev.setEnabled(seq > self.first)
        self.next.setEnabled(seq < self.first + self.count - 1)
        self.load(seq)

    def show_page(self, seq: int, page: Any, hits: list[Any] | None = None) -> None:
        """Paint a loaded page (ignored if the user has turned on meanwhile)."""
        if seq != self.seq:
            return
        self.canvas.set_page(page.image, ocr_size=(page.width, page.height), hits=hits or [])
