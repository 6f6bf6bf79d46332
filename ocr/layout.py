"""Reading order from Tesseract's TSV: parse words, split lines at column gaps, order blocks.

Tesseract's own order reads a two-column header (issuer block beside the Quốc hiệu, "Nơi nhận"
beside the signature) line by line across both columns. Here lines are split at wide gaps into
segments, the segments are cut into horizontal bands, consecutive bands that share a column
gutter are merged, and each such band is read column by column (left block first).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

__all__ = ["Line", "TsvWord", "order_lines", "parse_tsv"]


@dataclass(frozen=True, slots=True)
class TsvWord:
    """One word row of Tesseract's TSV output."""

    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float
    key: tuple[int, int, int]  # (block, paragraph, line) as Tesseract numbered them

    @property
    def right(self) -> int:
        """Right edge."""
        return self.left + self.width

    @property
    def bottom(self) -> int:
        """Bottom edge."""
        return self.top + self.height


@dataclass(slots=True)
class Line:
    """A line segment: words left to right, and the block (column piece) it belongs to."""

    words: list[TsvWord]
    block: int = 0
    left: int = field(init=False)
    top: int = field(init=False)
    right: int = field(init=False)
    bottom: int = field(init=False)

    def __post_init__(self) -> None:
        self.left = min(w.left for w in self.words)
        self.top = min(w.top for w in self.words)
        self.right = max(w.right for w in self.words)
        self.bottom = max(w.bottom for w in self.words)


def parse_tsv(tsv: str) -> list[TsvWord]:
    """The non-empty words of a Tesseract TSV, in Tesseract's order.

    Args:
        tsv: Output of ``tesseract ... tsv``.

    Returns:
        Words with boxes, confidences and their (block, paragraph, line) key.
    """
    words = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        words.append(TsvWord(
            text=cols[11].strip(), left=int(cols[6]), top=int(cols[7]), width=int(cols[8]),
            height=int(cols[9]), conf=max(0.0, float(cols[10])),
            key=(int(cols[2]), int(cols[3]), int(cols[4]))))
    return words


def _split_line(words: list[TsvWord], gap: float) -> list[Line]:
    out, cur = [], [words[0]]
    for w in words[1:]:
        if w.left - cur[-1].right > gap:
            out.append(Line(cur))
            cur = []
        cur.append(w)
    out.append(Line(cur))
    return out


def _bands(lines: list[Line]) -> list[list[Line]]:
    """Cut lines into horizontal bands at every y no line crosses."""
    lines = sorted(lines, key=lambda ln: (ln.top, ln.left))
    bands: list[list[Line]] = []
    bottom = -1
    for ln in lines:
        if bands and ln.top < bottom:
            bands[-1].append(ln)
            bottom = max(bottom, ln.bottom)
        else:
            bands.append([ln])
            bottom = ln.bottom
    return bands


def _gutters(band: list[Line], min_gap: float) -> list[tuple[int, int]]:
    """Free x-intervals (at least ``min_gap`` wide) strictly inside a band's extent."""
    spans = sorted((ln.left, ln.right) for ln in band)
    out, reach = [], spans[0][1]
    for left, right in spans[1:]:
        if left - reach >= min_gap:
            out.append((reach, left))
        reach = max(reach, right)
    return out


def _fits(band: list[Line], cut: float, margin: float) -> bool:
    """True when every line of ``band`` keeps ``margin`` away from the column cut ``cut``."""
    return all(ln.right <= cut - margin or ln.left >= cut + margin for ln in band)


def _merge_bands(bands: list[list[Line]], min_gap: float) -> list[list[Line]]:
    """Merge consecutive bands that can be read through one common column gutter."""
    out: list[list[Line]] = []
    cut: float | None = None
    margin = min_gap / 4
    for band in bands:
        if (out and cut is None and not _gutters(band, min_gap)
                and min(ln.top for ln in band) - max(ln.bottom for ln in out[-1]) < min_gap / 2):
            out[-1].extend(band)  # the next line of a one-column paragraph
            continue
        if out and cut is not None and _fits(band, cut, margin):
            out[-1].extend(band)
            around = [g for g in _gutters(out[-1], margin) if g[0] <= cut <= g[1]]
            cut = (around[0][0] + around[0][1]) / 2 if around else cut
            continue
        out.append(list(band))
        found = _gutters(band, min_gap)
        g = max(found, key=lambda g: g[1] - g[0]) if found else None
        cut = (g[0] + g[1]) / 2 if g else None
    return out


def _read_band(band: list[Line], min_gap: float) -> list[list[Line]]:
    """Blocks of one band in reading order: column by column, each top to bottom."""
    gutters = _gutters(band, min_gap / 4)
    if not gutters:
        return [sorted(band, key=lambda ln: (ln.top, ln.left))]
    cut = max(gutters, key=lambda g: g[1] - g[0])
    left = [ln for ln in band if ln.right <= cut[0] + 2]
    right = [ln for ln in band if ln not in left]
    return _read_lines(left, min_gap) + _read_lines(right, min_gap)


def _read_lines(lines: list[Line], min_gap: float) -> list[list[Line]]:
    blocks: list[list[Line]] = []
    for band in _merge_bands(_bands(lines), min_gap):
        blocks.extend(_read_band(band, min_gap))
    return blocks


def _vertical(lines: list[list[TsvWord]]) -> bool:
    """True when most lines of 3+ words run top-down rather than left-right."""
    long = [ws for ws in lines if len(ws) >= 3]
    down = sum(abs(ws[-1].top - ws[0].top) > abs(ws[-1].left - ws[0].left) for ws in long)
    return bool(long) and down > len(long) / 2


def order_lines(words: list[TsvWord]) -> list[Line]:
    """Group words into line segments and put them in reading order.

    Args:
        words: Words from :func:`parse_tsv`.

    Returns:
        Line segments in reading order; ``Line.block`` numbers the column blocks.
    """
    if not words:
        return []
    by_key: dict[tuple[int, int, int], list[TsvWord]] = {}
    for w in words:
        by_key.setdefault(w.key, []).append(w)
    if _vertical(list(by_key.values())):  # a page turned 90°: keep Tesseract's own order
        return [Line(ws, block=key[0]) for key, ws in by_key.items()]
    height = statistics.median(w.height for w in words)
    gap = max(2.5 * height, 12.0)
    lines = [seg for group in by_key.values() for seg in _split_line(group, gap)]
    out = []
    for number, block in enumerate(_read_lines(lines, gap)):
        for ln in block:
            ln.block = number
            out.append(ln)
    return out
