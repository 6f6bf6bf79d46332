"""Page thumbnails of the capture view: drag to reorder, drop files to import, flags shown."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QImage,
    QPainter,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QAbstractItemView, QListView, QListWidget, QListWidgetItem, QWidget

from ui.i18n import lang, tr

__all__ = ["Thumbnails", "page_item"]


class Thumbnails(QListWidget):
    """Page thumbnails; drag to reorder, drop files from outside to import them."""

    files_dropped = Signal(list)
    page_moved = Signal(int, int)  # seq, new position (1-based)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("thumbnails")
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setIconSize(QSize(140, 180))
        self.setGridSize(QSize(176, 252))
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Snap)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.setAcceptDrops(True)

    def dragEnterEvent(self, e: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        """Accept files from the desktop as well as internal moves."""
        if e.mimeData().hasUrls():
            e.acceptProposedAction()
        else:
            super().dragEnterEvent(e)

    def dragMoveEvent(self, e: Any) -> None:  # noqa: N802 - Qt override
        """Keep accepting file drags."""
        if e.mimeData().hasUrls():
            e.acceptProposedAction()
        else:
            super().dragMoveEvent(e)

    def dropEvent(self, e: QDropEvent) -> None:  # noqa: N802 - Qt override
        """Files: import; items: reorder."""
        if e.mimeData().hasUrls():
            self.files_dropped.emit([u.toLocalFile() for u in e.mimeData().urls()
                                     if u.isLocalFile()])
            e.acceptProposedAction()
            return
        src = self.currentRow()
        target = self.indexAt(e.position().toPoint()).row()
        dst = self.count() - 1 if target < 0 else target
        e.ignore()  # the core reorders; the thumbnails are reloaded in the new order
        if src >= 0 and dst != src:
            self.page_moved.emit(src + 1, dst + 1)


def page_item(page: Any, jpeg: bytes) -> QListWidgetItem:
    """A thumbnail item: the page number and its most important quality flag."""
    pix = QPixmap.fromImage(QImage.fromData(jpeg))
    painter = QPainter(pix)
    painter.setPen(QPen(QColor("#9aa0a6"), 2))
    painter.drawRect(pix.rect().adjusted(0, 0, -1, -1))  # white pages need an edge
    painter.end()
    icon = QIcon(pix)
    flags = sorted(page.flags, key=lambda f: f.get("code") != "blank")  # blank first
    reasons = [f.get(lang(), f.get("vi", f.get("code", ""))) for f in flags]
    text = tr("Trang {n}").format(n=page.seq)
    if reasons:
        short = reasons[0].split(" — ")[0]
        text += "\n⚠ " + short + (f" (+{len(reasons) - 1})" if len(reasons) > 1 else "")
    item = QListWidgetItem(icon, text)
    item.setData(Qt.ItemDataRole.UserRole, page.seq)
    item.setData(Qt.ItemDataRole.UserRole + 1, [f.get("code") for f in page.flags])
    if reasons:
        item.setToolTip("\n".join(reasons))
        item.setForeground(Qt.GlobalColor.darkRed)
    return item
