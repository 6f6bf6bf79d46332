"""Reading order from Tesseract's TSV: parse words, split lines at column gaps, order blocks.

Tesseract's own order reads a two-column header (issuer block beside the Quốc hiệu, "Nơi nhận"
beside the signature) line by line across both columns. Here lines are split at wide gaps into
segments, the segments are cut into horizontal bands, consecutive bands that share a column
gutter are merged, and each such band is read column by column (left block first).
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

from vntext import strip_marks

__all__ = ["Box", "Line", "TsvWord", "order_lines", "parse_tsv"]

Box = tuple[int, int, int, int]

#: Narrowest gutter (share of the column gap, 2.5 line heights) two columns may share.
MIN_SHARED = 1 / 6
#: A band goes on with the columns above it only when it starts less than this many column
#: gaps (2.5 line heights each) below them: after a wider vertical gap the page has moved on
#: (``Kính gửi:`` under the header, left of its column cut, is not the header's next line).
NEAR = 1.0
#: Longest misread of ``Nơi`` (letters) taken for the head of ``Nơi nhận:`` (``Xới``,
#: ``Nai``; ``Người nhận:`` of a form is five letters and is not the closing's list).
RECIPIENTS_HEAD = 4


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
    gutter: tuple[int, int] | None = None
    margin = min_gap / 4
    for band in bands:
        if (out and cut is None and not _gutters(band, min_gap)
                and min(ln.top for ln in band) - max(ln.bottom for ln in out[-1]) < min_gap / 2):
            out[-1].extend(band)  # the next line of a one-column paragraph
            continue
        if (out and cut is not None and _fits(band, cut, margin)
                and _near(band, out[-1], min_gap)):
            out[-1].extend(band)
            around = [g for g in _gutters(out[-1], margin) if g[0] <= cut <= g[1]]
            if around:
                gutter, cut = around[0], (around[0][0] + around[0][1]) / 2
            continue
        shared = _shared_gutter(band, gutter, min_gap) if out and gutter else None
        if shared:
            # a line reaching into the gutter (a long "Số:" beside the date): the two
            # columns go on through a narrower gutter
            out[-1].extend(band)
            gutter, cut = shared, (shared[0] + shared[1]) / 2
            continue
        out.append(list(band))
        found = _gutters(band, min_gap)
        gutter = max(found, key=lambda g: g[1] - g[0]) if found else None
        cut = (gutter[0] + gutter[1]) / 2 if gutter else None
        if gutter is None:
            # header columns set almost touching (a 72 dpi scan: 6 px between the issuer's
            # name and the Quốc hiệu): a narrow gutter the next band's may go on through
            narrow = _gutters(band, MIN_SHARED * min_gap)
            gutter = max(narrow, key=lambda g: g[1] - g[0]) if narrow else None
    return out


def _near(band: list[Line], above: list[Line], min_gap: float) -> bool:
    """True when ``band`` starts less than :data:`NEAR` × ``min_gap`` below ``above``."""
    top = min(ln.top for ln in band)
    return top - max(ln.bottom for ln in above) < NEAR * min_gap


def _shared_gutter(band: list[Line], gutter: tuple[int, int], min_gap: float
                   ) -> tuple[int, int] | None:
    """Where ``band``'s own column gap (at least ``min_gap / 2`` wide) overlaps ``gutter`` by
    at least :data:`MIN_SHARED` of ``min_gap``: the two columns go on through that overlap.

    Two header columns set close together (a long issuer name ending where the Quốc hiệu
    begins) leave only a narrow gutter common to all their lines, though each line has a
    wide one."""
    for g in _gutters(band, min_gap / 2):
        lo, hi = max(g[0], gutter[0]), min(g[1], gutter[1])
        if hi - lo >= MIN_SHARED * min_gap:
            return lo, hi
    return None


def _read_band(band: list[Line], min_gap: float) -> list[list[Line]]:
    """Blocks of one band in reading order: column by column, each top to bottom."""
    gutters = _gutters(band, MIN_SHARED * min_gap)
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


def order_lines(words: list[TsvWord], tables: Sequence[Sequence[Box]] = ()) -> list[Line]:
    """Group words into line segments and put them in reading order.

    Args:
        words: Words from :func:`parse_tsv`.
        tables: The cell boxes ``(left, top, right, bottom)`` of each ruled table on the page
            (:func:`ocr.tables.find_tables`), in the words' frame: a table is read row by row,
            cell by cell, where it stands on the page.

    Returns:
        Line segments in reading order; ``Line.block`` numbers the column blocks.
    """
    if not words:
        return []
    height = statistics.median(w.height for w in words)
    by_key: dict[tuple[int, int, int], list[TsvWord]] = {}
    for w in words:
        by_key.setdefault(w.key, []).append(w)
    if _vertical(list(by_key.values())):  # a page turned 90°: keep Tesseract's own order
        return [Line(ws, block=key[0]) for key, ws in by_key.items()]
    lines = _with_tables(words, tables, height) if tables else _columns(words, height)
    return _closing_order(lines, height)


def _columns(words: list[TsvWord], height: float) -> list[Line]:
    """Line segments in reading order: bands of side-by-side blocks, left block first."""
    by_key: dict[tuple[int, int, int], list[TsvWord]] = {}
    for w in words:
        by_key.setdefault(w.key, []).append(w)
    gap = max(2.5 * height, 12.0)
    lines = [seg for group in by_key.values() for seg in _split_line(group, gap)]
    out = []
    for number, block in enumerate(_read_lines(lines, gap)):
        for ln in block:
            ln.block = number
            out.append(ln)
    return out


def _is_recipients(line: Line) -> bool:
    """True for the "Nơi nhận:" line of an NĐ 30 closing (tone marks and case ignored).

    On low-resolution and black-and-white scans the italic ``N`` of ``Nơi`` is often lost or
    misread (``ơi nhận:``, ``Nai nhận:``, ``4ới nhận:``, ``Với nhận:`` — 26 of 77 readings of
    the real sets): a short first word ending in ``oi``/``ai`` followed by ``nhận:`` with
    its colon counts too."""
    words = [strip_marks(w.text.casefold()) for w in line.words[:2]]
    if "".join(words).startswith("noinhan"):
        return True
    if len(words) < 2 or not words[1].startswith("nhan:"):
        return False
    letters = "".join(c for c in words[0] if c.isalpha())
    return 2 <= len(letters) <= RECIPIENTS_HEAD and letters.endswith(("oi", "ai"))


def _closing_order(lines: list[Line], height: float) -> list[Line]:
    """``Nơi nhận`` and its list before the signature block that stands beside it.

    The signature block (``KT. GIÁM ĐỐC`` … the signer's name) usually starts a few lines
    above ``Nơi nhận``, so band by band it would be read first. The closing is the lines below
    the last body line that reaches the recipients' column: the recipients' column (lines
    starting left of the list's right edge, or of the middle of the page when the list is
    narrower) is read first, then the signature column.
    """
    start = next((i for i, ln in enumerate(lines) if _is_recipients(ln)), None)
    if start is None:
        return lines
    head = lines[start]
    items = [ln for ln in lines[start:] if ln.top >= head.top - height
             and abs(ln.left - head.left) < 3 * height]
    # the signature column starts right of the list and, on a page, right of the middle
    mid = (min(ln.left for ln in lines) + max(ln.right for ln in lines)) / 2
    edge = max(max(ln.right for ln in items), mid - height)
    above = [ln.bottom for ln in lines if ln.bottom <= head.top and ln.left < edge]
    body_end = max(above, default=-1)
    left = [ln for ln in lines if ln.top >= head.top - height / 2 and ln.left < edge]
    right = [ln for ln in lines if ln.top > body_end and ln.left >= edge]
    closing = {id(ln) for ln in left + right}
    if not right or len(closing) < len(left) + len(right):
        return lines
    first = min(i for i, ln in enumerate(lines) if id(ln) in closing)
    rest = [ln for ln in lines if id(ln) not in closing]
    ordered = (sorted(left, key=lambda ln: (ln.top, ln.left))
               + sorted(right, key=lambda ln: (ln.top, ln.left)))
    block = max(ln.block for ln in lines) + 1
    for ln in right:
        ln.block = block  # a block of its own: no hyphen joins across the two columns
    return rest[:first] + ordered + rest[first:]


def _cell_of(w: TsvWord, cells: Sequence[Box]) -> int | None:
    cx, cy = w.left + w.width / 2, w.top + w.height / 2
    for i, (x0, y0, x1, y1) in enumerate(cells):
        if x0 <= cx < x1 and y0 <= cy < y1:
            return i
    return None


def _table_lines(cells: Sequence[Box], inside: dict[int, list[TsvWord]], tol: float,
                 block: int) -> list[Line]:
    """The lines of one table: cells by row (their top edge) then left to right, each cell's
    lines top to bottom; each cell is a block of its own."""
    used = sorted(inside, key=lambda i: cells[i][1])
    row, rows, last = -1, {}, None
    for i in used:
        if last is None or cells[i][1] - last > tol:
            row, last = row + 1, cells[i][1]
        rows[i] = row
    out: list[Line] = []
    for n, i in enumerate(sorted(used, key=lambda i: (rows[i], cells[i][0]))):
        by_key: dict[tuple[int, int, int], list[TsvWord]] = {}
        for w in inside[i]:
            by_key.setdefault(w.key, []).append(w)
        for ws in sorted(by_key.values(), key=lambda ws: min(w.top for w in ws)):
            out.append(Line(sorted(ws, key=lambda w: w.left), block=block + n))
    return out


def _with_tables(words: list[TsvWord], tables: Sequence[Sequence[Box]], height: float
                 ) -> list[Line]:
    """Reading order with the ruled tables read row by row, each where its top stands."""
    rest = list(words)
    parts: list[list[Line]] = []
    for cells in tables:
        inside: dict[int, list[TsvWord]] = {}
        left = []
        for w in rest:
            c = _cell_of(w, cells)
            if c is None:
                left.append(w)
            else:
                inside.setdefault(c, []).append(w)
        rest = left
        if inside:
            parts.append(_table_lines(cells, inside, max(4.0, 0.8 * height),
                                      10_000 * (len(parts) + 1)))
    out = _columns(rest, height) if rest else []
    for part in parts:
        top = min(ln.top for ln in part)
        at = next((i for i, ln in enumerate(out) if ln.top >= top), len(out))
        out[at:at] = part
    return out
