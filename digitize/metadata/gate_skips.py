"""Which secrecy-gate candidates need no second reading (issue #19): those whose ink the
page's own OCR already read, upright and surely, as plainly other text.

Each rule fails closed: a word holding a piece of a mark's words (``mat``, ``toi``...), read
with doubt, or taller than the page's print (a stamp's letters touching print make a tall box)
never explains ink; a candidate with ink between the lines, or in coloured ink (it may have
been removed before the page was read), is always read again (:mod:`secrecy_gate`).
"""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np

from digitize.metadata.layout import WordBox
from digitize.metadata.stamp_regions import Candidate, bold_letters, colour_mask, dark_mask
from vntext import fold

__all__ = ["MARK_LETTERS", "candidate_mask", "explained", "hints_a_mark", "sure_words",
           "too_long", "words_in"]

#: Pieces of the marks' words, folded: a stamp read as one of these is not "plainly other text"
#: even when Tesseract is sure of it ("TỎIM VI" for a small red TỐI MẬT at 100 dpi).
_MARK_PIECES = ("toi", "tuye", "uyet", "mat", "mai")


def hints_a_mark(text: str) -> bool:
    """Whether a confident reading still holds a piece of MẬT / TỐI / TUYỆT."""
    letters = "".join(ch for ch in fold(text) if ch.isalpha())
    return any(p in letters for p in _MARK_PIECES)


def words_in(c: Candidate, words: Sequence[WordBox]) -> list[WordBox]:
    """The words whose centre lies in the candidate's box taken upright (for near-level ones)."""
    x0, y0, x1, y1 = c.cx - c.long / 2, c.cy - c.short / 2, c.cx + c.long / 2, c.cy + c.short / 2
    return [w for w in words if x0 <= w.left + w.width / 2 <= x1
            and y0 <= w.top + w.height / 2 <= y1]


def candidate_mask(image: np.ndarray, cand: Candidate, dpi: int
                   ) -> tuple[np.ndarray, int, int]:
    """The candidate's own ink inside its rotated box, unturned, in the page's frame: a
    ``bold`` one's bold letters, any other's dark and coloured ink (255 = ink).

    Returns:
        The mask over the candidate's axis-aligned bounds, and the page ``(x, y)`` of its
        top-left corner.
    """
    x0, y0, x1, y1 = cand.box
    x0, y0 = max(0, x0), max(0, y0)
    x1, y1 = min(image.shape[1], x1), min(image.shape[0], y1)
    crop = image[y0:y1, x0:x1]
    if crop.size == 0:
        return np.zeros((0, 0), np.uint8), x0, y0
    if cand.kind == "bold":
        mask = bold_letters(crop, dpi, cand.stroke)
    else:
        mask = dark_mask(crop, dpi)
        if crop.ndim == 3:
            mask = cv2.bitwise_or(mask, colour_mask(crop))
    inside = np.zeros_like(mask)
    rect = ((cand.cx - x0, cand.cy - y0), (cand.long, cand.short), -cand.angle)
    cv2.fillPoly(inside, [np.round(cv2.boxPoints(rect)).astype(np.int32)], 255)
    return cv2.bitwise_and(mask, inside), x0, y0


#: A word whose ink may explain a candidate's: read this surely, and no taller than this many
#: times the page's typical word (a stamp's letters touching print make a tall box).
SURE_WORD_CONF, WORD_TALL = 85, 1.6
#: Share of a candidate's ink that may lie outside such words (specks, an underline's end).
UNEXPLAINED = 0.03


def sure_words(words: Sequence[WordBox]) -> list[WordBox]:
    """Words read surely, of ordinary height, not holding a piece of a mark's words."""
    heights = [w.height for w in words if w.conf >= 60 and w.height > 0]
    if not heights:
        return []
    tall = WORD_TALL * float(np.median(heights))
    return [w for w in words if w.conf >= SURE_WORD_CONF and 0 < w.height <= tall
            and sum(ch.isalpha() for ch in w.text) >= 2 and not hints_a_mark(w.text)]


def explained(c: Candidate, image: np.ndarray, dpi: int, sure: Sequence[WordBox]) -> bool:
    """All but a speck of the candidate's own ink (:func:`candidate_mask`) lies in words the
    page's OCR read upright and surely as plainly other text: a stamp at any angle would put
    ink between the lines or make its words doubtful, tall or mark-like. Lines and bold words
    only (a coloured stamp's ink may have been removed before the page was read)."""
    if c.kind not in ("line", "bold"):
        return False
    bx0, by0, bx1, by1 = c.box
    near = [wd for wd in sure if wd.left < bx1 and wd.left + wd.width > bx0
            and wd.top < by1 and wd.top + wd.height > by0]
    if not near:  # nothing can explain it: no need to make its mask
        return False
    mask, x0, y0 = candidate_mask(image, c, dpi)
    total = cv2.countNonZero(mask) if mask.size else 0
    if total == 0:
        return False
    for wd in near:
        mask[max(0, wd.top - y0):max(0, wd.top + wd.height - y0),
             max(0, wd.left - x0):max(0, wd.left + wd.width - x0)] = 0
    return cv2.countNonZero(mask) <= UNEXPLAINED * total


#: More letters than any reading :func:`judge_reading` can take for a mark.
MARK_LETTERS = 24


def too_long(c: Candidate, sure: Sequence[WordBox]) -> bool:
    """A dark-ink line whose words the page's OCR read surely (upright, plainly other text)
    hold more letters than a mark's reading may have: read again as one line, all its ink
    together, it cannot be judged a mark. (A mark beside such print, in the same dark ink, is
    read with it just the same; bold and coloured stamps are candidates of their own.)"""
    if c.kind != "line" or abs(c.angle) > 15:
        return False
    letters = sum(sum(ch.isalpha() for ch in w.text) for w in words_in(c, sure))
    return letters > MARK_LETTERS
