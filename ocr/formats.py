"""Text formats of OCR results for ``digitize ocr --format``: plain text and TSV (hOCR: hocr)."""

from __future__ import annotations

from collections.abc import Sequence

from ocr.model import OcrPage

__all__ = ["to_text", "to_tsv"]

_TSV_HEAD = "page\tblock\tline\tword\tleft\ttop\twidth\theight\tconf\tlow\ttext\traw"


def to_text(pages: Sequence[OcrPage]) -> str:
    """The pages' corrected text, pages separated by a form feed."""
    return "\f".join(p.text for p in pages) + ("\n" if pages else "")


def to_tsv(pages: Sequence[OcrPage]) -> str:
    """One row per word: page, block, line, word number, box, confidence, review flag, text."""
    rows = [_TSV_HEAD]
    for n, page in enumerate(pages, 1):
        for i, w in enumerate(page.words, 1):
            text = w.text.replace("\t", " ")
            rows.append(f"{n}\t{w.block}\t{w.line}\t{i}\t{w.left}\t{w.top}\t{w.width}\t"
                        f"{w.height}\t{w.conf:.1f}\t{int(w.low_confidence)}\t{text}\t{w.raw}")
    return "\n".join(rows) + "\n"
