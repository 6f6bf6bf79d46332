"""Where a slot of a printed frame lies on the page: the box between the OCR words of its
printed frame (``Số:`` … ``/KÝ-HIỆU``, ``ngày`` … ``tháng``), measured from the words' boxes and,
for print glued by OCR to the hand writing of the slot, from the printed glyphs in the image.
"""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np

from digitize.metadata.layout import Line, WordBox, _clean

__all__ = ["PAD", "slot_box"]

#: Margins (in line heights) added left and right of a slot located from the OCR boxes.
PAD = (0.4, 0.1)
#: Printed glyphs narrower than 0.6 of a capital (``/QĐ-UBND``: ``/`` and ``-``), and wide ones.
_NARROW = frozenset("/-.,:;|!'()[]iIlj")
_WIDE = frozenset("ABCDĐEFGHKLMNOPQRSTUVWXYZmw")


def _line_words(line: Line, words: Sequence[WordBox]) -> list[WordBox]:
    out = []
    for w in words:
        cy = w.top + w.height / 2
        if line.top - 2 <= cy <= line.bottom + 2 and w.left >= line.left - 2 and \
                w.left + w.width <= line.right + 2 and str(w.text).strip():
            out.append(w)
    return sorted(out, key=lambda w: w.left)


def _char_width(words: list[WordBox], texts: list[str]) -> float:
    """Median width of a printed character on the line (words of three letters or more)."""
    ws = sorted(w.width / len(t) for w, t in zip(words, texts) if len(t) >= 3 and t.isalpha())
    if not ws:
        ws = sorted(w.width / max(len(t), 1) for w, t in zip(words, texts) if t)
    return ws[len(ws) // 2] if ws else 1.0


def _printed_edge(w: WordBox, t: str, cw: float, left: bool) -> float:
    """The edge of word ``w`` next to the slot. A word much wider than its text (OCR glued the
    hand writing to it: ``tháng`` read over ``07 tháng``) is measured from its far side."""
    if w.width > 1.3 * len(t) * cw:
        return w.left + w.width - len(t) * cw if left else w.left + len(t) * cw
    return float(w.left if left else w.left + w.width)


def _glyph_runs(image: np.ndarray, w: WordBox) -> list[tuple[int, int, int]]:
    """The ink of word ``w`` split into glyphs, left to right: ``(x0, x1, height)`` of each run of
    columns holding ink (a mark above a letter falls in its letter's columns); specks ignored."""
    h, wd = image.shape[:2]
    y0, y1 = max(0, int(w.top)), min(h, int(w.top + w.height))
    x0, x1 = max(0, int(w.left)), min(wd, int(w.left + w.width))
    if y1 - y0 < 4 or x1 - x0 < 4:
        return []
    crop = image[y0:y1, x0:x1]
    gray = crop.min(axis=2) if crop.ndim == 3 else crop
    if float(gray.max()) - float(gray.min()) < 40:
        return []
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    n, lab, stats, _ = cv2.connectedComponentsWithStats(ink, 8)
    speck = max(3, int(0.0015 * (y1 - y0) ** 2))
    cols = np.zeros(x1 - x0, bool)
    tops = np.full(x1 - x0, y1 - y0)
    bottoms = np.zeros(x1 - x0, int)
    for i in range(1, n):
        x, y, cw, ch, area = stats[i]
        if area < speck:
            continue
        cols[x:x + cw] = True
        tops[x:x + cw] = np.minimum(tops[x:x + cw], y)
        bottoms[x:x + cw] = np.maximum(bottoms[x:x + cw], y + ch)
    runs, start = [], None
    for i, on in enumerate([*cols.tolist(), False]):
        if on and start is None:
            start = i
        elif not on and start is not None:
            hgt = int(bottoms[start:i].max() - tops[start:i].min())
            runs.append((x0 + start, x0 + i, hgt))
            start = None
    return runs


def _glyphs_in(text: str, width: float, letter: float) -> int:
    """How many of the last characters of ``text`` one run of ink ``width`` wide holds (letters
    that touch make one run): the count whose expected width is nearest, a narrow ``/`` or
    ``-`` counting half a letter (``/K`` is 1.5 letters wide, so 2 glyphs, not 1)."""
    best, used = (abs(width), 0), 0.0
    for k, c in enumerate(reversed(text), 1):
        used += (0.5 if c in _NARROW else 1.0) * letter
        best = min(best, (abs(width - used), k))
        if used > width + letter:
            break
    return max(1, best[1])


def _tail_start(image: np.ndarray, w: WordBox, tail: str, guess: float, cw: float
                ) -> float | None:
    """Page x where the printed ``tail`` of word ``w`` begins (``/QĐ-UBND`` after a hand-filled
    number), counted in glyphs from the word's right end in the image; ``None`` when the ink
    does not split into the tail's glyphs plus something before them, or the count lands far
    from ``guess`` (the letter-count estimate)."""
    n = len(tail)
    runs = _glyph_runs(image, w)
    if n < 2 or len(runs) < 3:
        return None
    letter = float(np.median([b - a for a, b, _ in runs]))
    count, i = 0, len(runs)
    while count < n and i > 0:  # letters touching each other make one run: count by width
        i -= 1
        width = runs[i][1] - runs[i][0]
        glyphs = _glyphs_in(tail[:n - count], width, letter)
        c = tail[n - count - 1]
        if glyphs == 1 and (c in _NARROW) != (width < 0.6 * letter) and \
                (c in _NARROW or c in _WIDE):
            return None  # a narrow glyph where the text has a wide one: OCR misread the tail
        count += glyphs
    if count != n or i == 0:
        return None  # the boundary falls inside a run, or nothing is left for the slot
    heights = sorted(h for _, _, h in runs[i:])
    if heights[-1] > 1.6 * heights[len(heights) // 2]:
        return None  # a run taller than print: hand writing touching the printed tail
    x = float(runs[i][0])
    return x if abs(x - guess) <= 3 * cw else None


def _x_at(line: Line, words: list[WordBox], pos: int, end: bool,
          image: np.ndarray | None = None) -> float:
    """Page x of character offset ``pos`` of ``line.text`` (word boxes, else proportional);
    with the page ``image``, a printed tail after the slot inside one OCR word is measured
    from its glyphs (the letter count alone is off by a glyph's width when OCR misreads)."""
    texts = [_clean(str(w.text)) for w in words]
    if words and " ".join(t for t in texts if t) == line.text:
        cw = _char_width(words, texts)
        start, prev_right = 0, float(line.left)
        for w, t in zip(words, texts):
            if not t:
                continue
            stop = start + len(t)
            if pos < start or (pos == start and end):  # the gap before this word: all slot
                return _printed_edge(w, t, cw, left=True) if end else prev_right
            if pos == start and not end and start > 0:
                return prev_right
            if pos <= stop:  # inside a word: measure from its printed side, hand writing
                if end and not any(c.isalnum() for c in t[:pos - start]):  # is wider than print
                    return float(w.left)  # "_/QĐ-UBND": only OCR noise before the print
                if end:
                    guess = max(float(w.left), w.left + w.width - (stop - pos) * cw)
                    got = None if image is None else _tail_start(image, w, t[pos - start:],
                                                                   guess, cw)
                    return guess if got is None else max(float(w.left), got)
                return min(float(w.left + w.width), w.left + (pos - start) * cw)
            start, prev_right = stop + 1, _printed_edge(w, t, cw, left=False)
        return float(line.right)
    return line.left + (line.right - line.left) * pos / max(len(line.text), 1)


def slot_box(line: Line, span: tuple[int, int], words: Sequence[WordBox] | None,
             line_height: float, image: np.ndarray | None = None) -> tuple[int, int, int, int]:
    """The page box ``(x0, y0, x1, y1)`` of a slot given as a character span of ``line.text``;
    with the page ``image``, print glued after the slot is measured from its glyphs."""
    ws = _line_words(line, words or ())
    x0 = _x_at(line, ws, span[0], end=False)
    x1 = _x_at(line, ws, span[1], end=True, image=image)
    lh = max(line_height, line.height * 0.6, 4.0)
    if x1 - x0 < 0.8 * lh:  # OCR saw nothing there: the slot is the gap itself, at least
        mid = (x0 + x1) / 2
        x0, x1 = mid - 0.4 * lh, mid + 0.4 * lh
    return (int(x0 - PAD[0] * lh), int(line.top - 0.6 * lh), int(x1 + PAD[1] * lh),
            int(line.bottom + 0.4 * lh))
