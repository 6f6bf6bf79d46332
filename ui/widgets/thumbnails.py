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
    QKeySequence,
    QPainter,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QAbstractItemView, QListView, QListWidget, QListWidgetItem, QWidget

from ui.i18n import lang, tr

__all__ = ["DECLASSIFIED", "WITHHELD", "Thumbnails", "declassified_text", "page_item",
           "withheld_item"]

#: Item data role marking the placeholder of a withheld page (no picture of it exists).
WITHHELD = Qt.ItemDataRole.UserRole + 2
#: Item data role marking a page bearing GIẢI MẬT that waits for a confirmation (#18, #23).
DECLASSIFIED = Qt.ItemDataRole.UserRole + 3


class Thumbnails(QListWidget):
    """Page thumbnails; drag to reorder, drop files from outside to import them."""

    files_dropped = Signal(list)
    page_moved = Signal(int, int)  # seq, new position (1-based)
    delete_pressed = Signal()
    undo_pressed = Signal(bool)  # True: redo

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
        self.set_thumb_size(140)

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


    def keyPressEvent(self, e: Any) -> None:  # noqa: N802 - Qt override
        """Delete, Ctrl+Z and Ctrl+Y go to the view (the list itself would eat them)."""
        if e.key() == Qt.Key.Key_Delete and e.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.delete_pressed.emit()
            e.accept()
            return
        for key, redo in ((QKeySequence.StandardKey.Undo, False),
                          (QKeySequence.StandardKey.Redo, True)):
            if e.matches(key):
                self.undo_pressed.emit(redo)
                e.accept()
                return
        super().keyPressEvent(e)

    def set_thumb_size(self, width: int) -> None:
        """Show thumbnails ``width`` pixels wide (A4 proportions; the grid follows)."""
        height = int(width * 1.29)
        self.setIconSize(QSize(width, height))
        self.setGridSize(QSize(width + 36, height + 72))

    def _renumber(self, first: int = 0) -> None:
        for row in range(first, self.count()):
            item = self.item(row)
            item.setData(Qt.ItemDataRole.UserRole, row + 1)
            if item.data(WITHHELD):
                item.setText(tr("Trang {n} — mang dấu {mark}, đã xóa khỏi máy này").format(
                    n=row + 1, mark=item.data(WITHHELD)))
                continue
            if item.data(DECLASSIFIED):
                item.setText(declassified_text(row + 1))
                continue
            rest = item.text().split("\n", 1)[1:]
            item.setText("\n".join([tr("Trang {n}").format(n=row + 1), *rest]))

    def remove_row(self, row: int) -> None:
        """Drop one thumbnail; the following ones are renumbered, nothing is reloaded."""
        if 0 <= row < self.count():
            self.takeItem(row)
            self._renumber(row)

    def move_row(self, src: int, dst: int) -> None:
        """Move one thumbnail to ``dst`` and renumber; selection follows the moved page."""
        if not (0 <= src < self.count()) or src == dst:
            return
        item = self.takeItem(src)
        dst = max(0, min(self.count(), dst))
        self.insertItem(dst, item)
        self._renumber(min(src, dst))
        self.setCurrentRow(dst)

    def sync(self, pages: list[Any], fresh: dict[int, bytes]) -> None:
        """Match the list to ``pages`` (in order), making new items only for ``fresh`` seqs.

        A fresh page replaces the item at its row, or is inserted there when the list is
        short of pages (a deleted page put back); the others keep their pictures.
        """
        for row, page in enumerate(pages):
            if page.seq not in fresh:
                continue
            if self.count() >= len(pages) and row < self.count():
                self.takeItem(row)
            self.insertItem(row, page_item(page, fresh[page.seq]))
        while self.count() > len(pages):
            self.takeItem(self.count() - 1)
        self._renumber(0)


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
    if getattr(page, "status", "") == "declassified":  # GIẢI MẬT: waits for a confirmation
        item.setText(declassified_text(page.seq))
        item.setToolTip("\n".join([item.text(), *reasons]))
        item.setData(DECLASSIFIED, True)
        item.setForeground(Qt.GlobalColor.darkRed)
    return item


def declassified_text(seq: int) -> str:
    """The label of a page bearing GIẢI MẬT that waits for an archivist's confirmation."""
    return tr("Trang {n} — mang dấu GIẢI MẬT, chờ xác nhận").format(n=seq)


def withheld_item(page: Any, mark: str) -> QListWidgetItem:
    """The placeholder of a page withheld for its secrecy mark: a blank card, no picture (the
    page's image was deleted from this machine; it is never asked for)."""
    pix = QPixmap(140, 180)
    pix.fill(QColor("#f1f3f4"))
    painter = QPainter(pix)
    painter.setPen(QPen(QColor("#c5221f"), 3))
    painter.drawRect(pix.rect().adjusted(1, 1, -2, -2))
    painter.drawText(pix.rect(), Qt.AlignmentFlag.AlignCenter, mark)
    painter.end()
    text = tr("Trang {n} — mang dấu {mark}, đã xóa khỏi máy này").format(n=page.seq, mark=mark)
    item = QListWidgetItem(QIcon(pix), text)
    item.setData(Qt.ItemDataRole.UserRole, page.seq)
    item.setData(Qt.ItemDataRole.UserRole + 1, [])
    item.setData(WITHHELD, mark)
    item.setToolTip(text)
    item.setForeground(Qt.GlobalColor.darkRed)
    return item
