"""Search results drawn as rich text: the hit's heading, then its snippet with the matched words
highlighted (the core marks them «like this»)."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

__all__ = ["HTML_ROLE", "SnippetDelegate", "snippet_html"]

#: Item data role holding the rich text a :class:`SnippetDelegate` draws.
HTML_ROLE = Qt.ItemDataRole.UserRole + 1
_MARK = "<span style='background-color:#ffe58f; color:#1f1f1f'><b>"
_PAD = 4


def snippet_html(head: str, snippet: str) -> str:
    """The rich text of one hit: ``head`` in bold, then ``snippet`` with «marked» words lit.

    Args:
        head: The hit's heading (dossier, page, number and date), plain text.
        snippet: The core's snippet, matched words between « and ».

    Returns:
        HTML for a :class:`QTextDocument` (user text escaped).
    """
    body = html.escape(snippet).replace("«", _MARK).replace("»", "</b></span>")
    return f"<b>{html.escape(head)}</b><br>{body}"


Index = QModelIndex | QPersistentModelIndex


class SnippetDelegate(QStyledItemDelegate):
    """Paints an item's :data:`HTML_ROLE` text, wrapped to the view's width."""

    def _document(self, option: QStyleOptionViewItem, index: Index, width: int) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(_PAD)
        doc.setHtml(str(index.data(HTML_ROLE) or html.escape(str(index.data() or ""))))
        doc.setTextWidth(max(50, width))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        """Draw the item's background (selection, hover) and its rich text on top."""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        doc = self._document(option, index, option.rect.width())
        ctx = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        ctx.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(QRectF(0, 0, option.rect.width(), option.rect.height()))
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        """The height of the wrapped rich text at the view's current width."""
        widget = option.widget
        width = widget.viewport().width() if widget is not None else option.rect.width()
        doc = self._document(option, index, width)
        return QSize(int(doc.idealWidth()), int(doc.size().height()))
