"""Page lines from OCR words (grouped by geometry into column segments) or from plain text."""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from digitize.metadata.normalize import nfc
from vntext import strip_marks

__all__ = ["Line", "WordBox", "lines_from_text", "lines_from_words", "loose"]


class WordBox(Protocol):
    """What extraction needs from an OCR word (``ocr.model.OcrWord`` fits)."""

    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float


@dataclass
class Line:
    """One line segment: its NFC text, box (pixels; zeros when from text only), mean confidence."""

    text: str
    left: int = 0
    top: int = 0
    right: int = 0
    bottom: int = 0
    conf: float = 0.9
    index: int = 0  # reading-order position
    row: int = 0  # segments on the same visual row share this

    @property
    def cx(self) -> float:
        """Horizontal centre in pixels."""
        return (self.left + self.right) / 2

    @property
    def height(self) -> int:
        """Box height in pixels."""
        return self.bottom - self.top


@lru_cache(maxsize=4096)
def _loose_char(ch: str) -> str:
    # cached: a character's plain form never changes, and a dossier's seal asks ~10^5 times
    plain = strip_marks(ch)[:1]
    return plain if plain.isascii() and plain else ch


def loose(text: str) -> str:
    """Diacritics stripped character by character, so indices match ``text`` (case kept).

    ``text`` must be NFC without lone combining marks (see :func:`lines_from_text`).
    """
    return "".join(map(_loose_char, text))


def _clean(text: str) -> str:
    text = nfc(text)
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return re.sub(r"[ \t]+", " ", text).strip()


def _conf(c: float) -> float:
    c = float(c)
    return max(0.0, min(1.0, c / 100 if c > 1 else c))


def lines_from_text(text: str) -> list[Line]:
    """Non-empty lines of plain OCR text (no geometry), each marked with its row."""
    out: list[Line] = []
    for i, raw in enumerate(text.splitlines()):
        t = _clean(raw)
        if t:
            out.append(Line(t, index=len(out), row=i))
    return out


def lines_from_words(words: Sequence[WordBox]) -> list[Line]:
    """Group OCR words into rows by vertical overlap, then split rows at wide gaps.

    Two header blocks on the same row (issuer left, Quốc hiệu right) become two segments.

    Args:
        words: OCR words with boxes; empty or negative-confidence blanks are ignored.

    Returns:
        Segments in reading order (top to bottom, left to right).
    """
    ws = [w for w in words if str(w.text).strip() and w.width > 0 and w.height > 0]
    if not ws:
        return []
    med_h = statistics.median(w.height for w in ws)
    rows: list[list[WordBox]] = []
    for w in sorted(ws, key=lambda w: w.top + w.height / 2):
        cy = w.top + w.height / 2
        if rows:
            last = rows[-1]
            rcy = statistics.median(x.top + x.height / 2 for x in last)
            if abs(cy - rcy) < 0.45 * med_h:
                last.append(w)
                continue
        rows.append([w])
    rows = [_drop_echoes(r) for r in _rejoin_tall(rows, med_h)]
    out: list[Line] = []
    top = min(w.top for w in ws)
    header_end = top + 0.3 * (max(w.top + w.height for w in ws) - top)
    x0, x1 = min(w.left for w in ws), max(w.left + w.width for w in ws)
    mid, ext = (x0 + x1) / 2, x1 - x0
    for r, row in enumerate(rows):
        row.sort(key=lambda w: w.left)
        seg: list[WordBox] = [row[0]]
        head = row[0].top < header_end
        for w in row[1:]:
            prev = seg[-1]
            gap = w.left - (prev.left + prev.width)
            # header rows hold two blocks side by side, often closer than body columns
            end = prev.left + prev.width
            column_break = head and gap > 0.8 * med_h and w.left >= mid - 0.2 * ext and \
                end <= mid + 0.05 * ext and (w.left > mid or end < mid - 0.1 * ext)
            if gap > 2.2 * med_h or column_break:
                out.append(_segment(seg, len(out), r))
                seg = []
            seg.append(w)
        out.append(_segment(seg, len(out), r))
    return out


def _cy(x: WordBox) -> float:
    return x.top + x.height / 2


def _rejoin_tall(rows: list[list[WordBox]], med_h: float) -> list[list[WordBox]]:
    """Words whose boxes are much taller than the text (a speck or a stroke of the line below
    joined them, common on blurred photos and low-resolution copies), alone on a row of their
    own, go back to the row their boxes span, where they fit between its words (``về [việc]
    giới thiệu``); their centres, which placed them, lie between two rows. Digits (hand-filled
    slots) stay where they are."""
    keep = [True] * len(rows)
    moved: list[tuple[int, WordBox]] = []
    for i, row in enumerate(rows):
        if len(row) > 3 or any(x.height < 1.6 * med_h or sum(c.isalpha() for c in str(x.text)) < 2
                               for x in row):
            continue
        homes = [_home(rows, keep, i, w, med_h) for w in row]
        if all(h is not None for h in homes):
            moved += [(h, w) for h, w in zip(homes, row, strict=True) if h is not None]
            keep[i] = False
    for j, w in moved:
        rows[j].append(w)
    return [r for r, k in zip(rows, keep, strict=True) if k]


def _home(rows: list[list[WordBox]], keep: list[bool], i: int, w: WordBox,
          med_h: float) -> int | None:
    """The row (index) whose centre a tall word's box spans and between whose words it fits."""
    best, best_gap = None, 3.0 * med_h
    for j, other in enumerate(rows):
        if j == i or not keep[j] or len(other) < 2:
            continue
        rcy = statistics.median(_cy(x) for x in other)
        if not w.top + 0.2 * med_h < rcy < w.top + w.height - 0.2 * med_h:
            continue
        if any(x.left < w.left + w.width and w.left < x.left + x.width for x in other):
            continue  # it would overlap a word of that row: not its place
        gap = min(max(x.left - (w.left + w.width), w.left - (x.left + x.width)) for x in other)
        if gap < best_gap:
            best, best_gap = j, gap
    return best


def _drop_echoes(row: list[WordBox]) -> list[WordBox]:
    """A word read twice (``lĩ`` inside ``lĩnh`` on a blurred photo): the lower-confidence
    reading that lies mostly within the other's box and whose letters begin or end it goes."""
    out = []
    for w in row:
        echo = False
        for o in row:
            if o is w or float(o.conf) <= float(w.conf):
                continue
            inter = min(w.left + w.width, o.left + o.width) - max(w.left, o.left)
            a, b = str(w.text).strip().lower(), str(o.text).strip().lower()
            if inter > 0.5 * w.width and a and len(a) < len(b) and \
                    (b.startswith(a) or b.endswith(a)):
                echo = True
                break
        if not echo:
            out.append(w)
    return out


def _segment(ws: list[WordBox], index: int, row: int) -> Line:
    text = _clean(" ".join(str(w.text) for w in ws))
    confs = [_conf(w.conf) for w in ws if float(w.conf) >= 0]
    return Line(text, min(w.left for w in ws), min(w.top for w in ws),
                max(w.left + w.width for w in ws), max(w.top + w.height for w in ws),
                sum(confs) / len(confs) if confs else 0.5, index, row)
