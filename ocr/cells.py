"""Numbering cells of a ruled table read again, alone, when the page's reading lost them.

Tesseract's page layout drops a lone short entry in a narrow cell (``1``, ``4`` in a table's
``STT`` column, once the rules around it are erased) or misreads it (``Ạ`` for ``4``, ``Š``
for ``5``): alone in its cell it makes no text line. Read as one line (page segmentation
mode 7) the same crop gives the digit (1-3 ms a cell). Only the table's leftmost column is
read again, only cells the page reading left empty or filled with a short unsure scrap, and
only a short entry is taken: a numbering column, not a column of text.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np

from ocr.tsvtypes import Box, TsvWord

__all__ = ["SURE", "TAKE", "reread_numbering"]

#: Confidence below which a page reading's word in a numbering cell counts as a scrap.
SURE = 60.0
#: Confidence from which a cell's own reading is taken (a pale ``1`` reads at 50).
TAKE = 40.0
#: Longest entry (characters) of a numbering column (``STT``, ``12``, ``IV``, ``a)``).
ENTRY = 4
#: Pixels left off each side of a cell (what is left of its erased rules).
INSET = 3
#: Gray level under which a cell holds ink.
INK = 200


def _inside(w: TsvWord, c: Box) -> bool:
    cx, cy = w.left + w.width / 2, w.top + w.height / 2
    return c[0] <= cx < c[2] and c[1] <= cy < c[3]


def _entry(words: list[TsvWord]) -> bool:
    text = "".join(w.text for w in words)
    return 0 < len(text) <= ENTRY and any(ch.isalnum() for ch in text)


def reread_numbering(image: np.ndarray, tables: Sequence[Sequence[Box]],
                     words: list[TsvWord], read: Callable[[np.ndarray], list[TsvWord]]
                     ) -> list[TsvWord]:
    """``words`` with the entries of each table's numbering column read again where lost.

    Args:
        image: The gray page the words and cells refer to.
        tables: Cell boxes ``(left, top, right, bottom)`` of each table on ``image``.
        words: The page reading's words, in ``image`` pixels.
        read: Reads one crop as a single line; words in the crop's pixels.

    Returns:
        The words, a cell's scraps replaced by its own reading when that is an entry of at
        most :data:`ENTRY` characters (with a letter or digit) read at :data:`TAKE` or more.
        Scraps are an empty cell, words all under :data:`SURE`, or one or two sure glyphs
        without a digit (``Ạ``, ``Š``), which give way to a reading with a digit only.
    """
    if not words:
        return words
    # a cell of the leftmost column starts at most this far right of the table's edge
    tol = max(4.0, 0.8 * statistics.median(w.height for w in words))
    out = list(words)
    for cells in tables:
        left = min((c[0] for c in cells), default=0)
        for c in cells:
            if c[0] > left + tol or c[2] - c[0] <= 2 * INSET or c[3] - c[1] <= 2 * INSET:
                continue
            own = [w for w in out if _inside(w, c)]
            text = "".join(w.text for w in own)
            unsure = all(w.conf < SURE for w in own)  # also when the cell is empty
            # a sure glyph alone without a digit (``Ạ`` for ``4``) may be a misread number
            glyph = 0 < len(text) <= 2 and not any(ch.isdigit() for ch in text)
            if len(text) > ENTRY or not (unsure or glyph):
                continue
            crop = image[c[1] + INSET:c[3] - INSET, c[0] + INSET:c[2] - INSET]
            if crop.size == 0 or int(crop.min()) >= INK:
                continue
            new = read(np.ascontiguousarray(crop))
            if not _entry(new) or min(w.conf for w in new) < TAKE:
                continue
            if not unsure and not any(ch.isdigit() for w in new for ch in w.text):
                continue  # a sure glyph gives way to a number only (``TT`` stays)
            key = own[0].key if own else (-1, c[1], c[0])
            out = [w for w in out if w not in own] + [
                replace(w, left=w.left + c[0] + INSET, top=w.top + c[1] + INSET, key=key)
                for w in new]
    return out
