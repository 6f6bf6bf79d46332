"""hOCR rendering of OCR results (words with boxes, confidences and review flags)."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from ocr.model import OcrPage

__all__ = ["to_hocr"]


def to_hocr(pages: OcrPage | Sequence[OcrPage], *, page_no: int = 1, title: str = "",
            lang: str = "vi") -> str:
    """An hOCR 1.2 document (``ocr_page``/``ocr_carea``/``ocr_line``/``ocrx_word``).

    Words flagged for review carry the class ``ocrx_word low_conf``.

    Args:
        pages: One page or several.
        page_no: Number of the first page (1-based), for element ids and ``ppageno``.
        title: Document title.
        lang: Language of the text.

    Returns:
        The XHTML text.
    """
    if isinstance(pages, OcrPage):
        pages = [pages]
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"',
           ' "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">',
           f'<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="{lang}" lang="{lang}">',
           f"<head><title>{escape(title)}</title>",
           '<meta http-equiv="Content-Type" content="text/html;charset=utf-8"/>',
           '<meta name="ocr-system" content="digitize ocr (tesseract)"/>',
           '<meta name="ocr-capabilities" content="ocr_page ocr_carea ocr_line ocrx_word"/>',
           "</head><body>"]
    for n, page in enumerate(pages, page_no):
        out.append(f'<div class="ocr_page" id="page_{n}" title="bbox 0 0 {page.width} '
                   f'{page.height}; ppageno {n - 1}; scan_res {page.dpi} {page.dpi}">')
        block = line = None
        for i, w in enumerate(page.words, 1):
            if w.block != block:
                if line is not None:
                    out.append("</span>")
                if block is not None:
                    out.append("</div>")
                out.append(f'<div class="ocr_carea" id="block_{n}_{w.block}">')
                block, line = w.block, None
            if w.line != line:
                if line is not None:
                    out.append("</span>")
                out.append(f'<span class="ocr_line" id="line_{n}_{w.line}">')
                line = w.line
            cls = "ocrx_word low_conf" if w.low_confidence else "ocrx_word"
            box = f"bbox {w.left} {w.top} {w.left + w.width} {w.top + w.height}"
            out.append(f'<span class="{cls}" id="word_{n}_{i}" '
                       f'title={quoteattr(f"{box}; x_wconf {round(w.conf)}")}>'
                       f"{escape(w.text)}</span>")
        if line is not None:
            out.append("</span>")
        if block is not None:
            out.append("</div>")
        out.append("</div>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
