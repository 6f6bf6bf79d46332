"""The review's page side: the page image with its words, the text with weak words tinted,
moving between pages, and the link between a word in the text and its box on the image."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from ui.i18n import tr

__all__ = ["ReviewPage"]


def _layout_words(words: list[dict[str, Any]]) -> tuple[str, list[tuple[int, int]]]:
    """Text built from the words (one line per OCR line) and each word's character span."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos, line = 0, None
    for w in words:
        sep = "" if line is None else ("\n" if w.get("line") != line else " ")
        parts.append(sep)
        pos += len(sep)
        spans.append((pos, pos + len(w["text"])))
        parts.append(w["text"])
        pos += len(w["text"])
        line = w.get("line")
    return "".join(parts), spans


class ReviewPage:
    """Mixed into :class:`ui.views.review_view.ReviewView` (uses its canvas and text)."""

    dossier: Any
    page: Any
    page_seq: int | None
    spans: list[tuple[int, int]]
    edited_texts: dict[int, str]
    canvas: Any
    text: Any
    before: Any
    page_label: Any
    ctx: Any
    op: Any
    document: Any
    _keep_text: Any
    _pending_zoom: Any = None

    def zoom_to_field(self, name: str) -> None:
        """Show where field ``name`` was read: its box on the document's first page, zoomed
        (the page is loaded first if another one is shown)."""
        doc = self.document()
        box = (doc.meta.get("_boxes") or {}).get(name) if doc is not None else None
        if not box:
            return
        if self.before.isChecked():
            self.before.setChecked(False)  # the boxes are on the cleaned page
        if self.page is None or self.page_seq != doc.first_page:
            self._pending_zoom = box  # applied when the page arrives
            if self.page_seq != doc.first_page:
                self.show_page(doc.first_page)
            return
        self.canvas.show_region(box)

    def show_page(self, seq: int) -> None:
        """Load page ``seq`` of the dossier (image, words) in a reader thread."""
        self._keep_text()
        did, ws = self.dossier.id, self.ctx.ws
        self.page_seq = seq
        self.page_label.setText(tr("trang {n}").format(n=seq))
        self.op(lambda: ws.records.load_page(did, seq)).on_success(
            lambda page, s=seq: self._show_page(s, page)).start()

    def step_page(self, delta: int) -> None:
        """Previous/next page within the document."""
        doc = self.document()
        if doc is None or self.page_seq is None:
            return
        seq = self.page_seq + delta
        if doc.first_page <= seq < doc.first_page + doc.n_pages:
            self.show_page(seq)

    def _show_page(self, seq: int, page: Any) -> None:
        if seq != self.page_seq:
            return
        self.page = page
        self._show_image()
        if self._pending_zoom is not None:
            box, self._pending_zoom = self._pending_zoom, None
            self.canvas.show_region(box)
        text, self.spans = _layout_words(page.words)
        self.text.blockSignals(True)
        if seq in self.edited_texts or not page.words or text.split() != page.text.split():
            self.text.setPlainText(self.edited_texts.get(seq, page.text))
            self.spans = []
        else:
            self.text.setPlainText(text)
            self._tint_weak_words()
        self.text.document().setModified(False)
        self.text.blockSignals(False)

    def _show_image(self) -> None:
        if self.page is None:
            return
        before = self.before.isChecked() and self.page.before is not None
        self.canvas.set_page(self.page.before if before else self.page.image,
                             words=[] if before else self.page.words,
                             ocr_size=(self.page.width, self.page.height))

    def _tint_weak_words(self) -> None:
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(255, 214, 102))
        fmt.setToolTip(tr("Độ tin cậy thấp — hãy kiểm tra"))
        sels = []
        for w, (a, b) in zip(self.page.words, self.spans, strict=False):
            if w.get("low_confidence"):
                sel = QTextEdit.ExtraSelection()
                cur = QTextCursor(self.text.document())
                cur.setPosition(a)
                cur.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
                sel.cursor, sel.format = cur, fmt
                sels.append(sel)
        self.text.setExtraSelections(sels)

    def low_confidence_count(self) -> int:
        """Words tinted in the text (tests)."""
        return len(self.text.extraSelections())

    def _word_from_text(self) -> None:
        pos = self.text.textCursor().position()
        for i, (a, b) in enumerate(self.spans):
            if a <= pos <= b:
                self.canvas.select_word(i)
                return

    def _word_from_image(self, index: int) -> None:
        if index < len(self.spans):
            cur = self.text.textCursor()
            cur.setPosition(self.spans[index][0])
            cur.setPosition(self.spans[index][1], QTextCursor.MoveMode.KeepAnchor)
            self.text.blockSignals(True)
            self.text.setTextCursor(cur)
            self.text.blockSignals(False)
