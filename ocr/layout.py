"""Reading order from Tesseract's TSV: parse words, split lines at column gaps, order blocks.

Tesseract's own order reads a two-column header (issuer block beside the Quốc hiệu, "Nơi nhận"
beside the signature) line by line across both columns. Here lines are split at wide gaps into
segments, the segments are cut into horizontal bands, consecutive bands that share a column
gutter are merged, and each such band is read column by column (left block first).
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from ocr.closing import closing_order
from ocr.tsvtypes import Box, Line, TsvWord

__all__ = ["Box", "Line", "TsvWord", "order_lines", "parse_tsv"]

#: Narrowest gutter (share of the column gap, 2.5 line heights) two columns may share.
MIN_SHARED = 1 / 6
#: A band goes on with the columns above it only when it starts less than this many column
#: gaps (2.5 line heights each) below them: after a wider vertical gap the page has moved on
#: (``Kính gửi:`` under the header, left of its column cut, is not the header's next line).
NEAR = 1.0
#: Distance (median line heights) between the tops of every two lines of a table's
#: numbering cell from which they are the entries of rows whose rule was lost.
SUB_ROW_PITCH = 1.2
#: Longest line (characters) of a numbering column (``STT``, ``12``, ``IV``, ``a)``).
SUB_ROW_ENTRY = 4
#: Narrowest gap (word heights) at which a line is cut where the line above or below it
#: has a column gutter (a header set with its two columns close together: ``ỦY BAN NHÂN
#: DÂN`` 2.4 heights from ``CỘNG HÒA…`` while the lines under them are far apart).
GUTTER_GAP = 1.5
#: Narrowest gutter (word heights) of a neighbouring line that cuts a line so: the columns of
#: a header or a table stand 6-10 heights apart, while a few words lost to blur in a
#: photographed paragraph leave a hole of about 3.
GUTTER_WIDE = 4.0


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


def _split_line(words: list[TsvWord], gap: float,
                cuts: Sequence[tuple[int, int]] = ()) -> list[Line]:
    """A Tesseract line cut into segments at every gap wider than ``gap``, and at every gap
    at least :data:`GUTTER_GAP` heights wide that overlaps one of the gutters ``cuts`` by half
    its width."""
    narrow = GUTTER_GAP * statistics.median(w.height for w in words)
    out, cur = [], [words[0]]
    for w in words[1:]:
        a, b = cur[-1].right, w.left
        if b - a > gap or (b - a >= narrow and any(
                min(b, hi) - max(a, lo) >= (b - a) / 2 for lo, hi in cuts)):
            out.append(Line(cur))
            cur = []
        cur.append(w)
    out.append(Line(cur))
    return out


def _segments(groups: list[list[TsvWord]], gap: float, height: float) -> list[Line]:
    """Every Tesseract line cut at its column gaps; a narrower gap is cut too where a line
    less than a word height above or below has a gutter at least :data:`GUTTER_WIDE`
    heights wide over it (:func:`_split_line`)."""
    first = [_split_line(g, gap) for g in groups]
    gutters = [[(a.right, b.left) for a, b in zip(segs, segs[1:])
                if b.left - a.right >= GUTTER_WIDE * height] for segs in first]
    out = []
    for i, g in enumerate(groups):
        top, bottom = min(w.top for w in g), max(w.bottom for w in g)
        cuts = [c for j, h in enumerate(groups) if j != i and gutters[j]
                and max(min(w.top for w in h) - bottom, top - max(w.bottom for w in h)) < height
                for c in gutters[j]]
        out.extend(_split_line(g, gap, cuts) if cuts else first[i])
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
    return closing_order(lines, height)


def _columns(words: list[TsvWord], height: float) -> list[Line]:
    """Line segments in reading order: bands of side-by-side blocks, left block first."""
    by_key: dict[tuple[int, int, int], list[TsvWord]] = {}
    for w in words:
        by_key.setdefault(w.key, []).append(w)
    gap = max(2.5 * height, 12.0)
    lines = _segments(list(by_key.values()), gap, height)
    out = []
    for number, block in enumerate(_read_lines(lines, gap)):
        for ln in block:
            ln.block = number
            out.append(ln)
    return out


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
    lines = {i: _cell_lines(inside[i]) for i in used}
    out: list[Line] = []
    n = 0
    for r in range(row + 1):
        row_cells = sorted((i for i in used if rows[i] == r), key=lambda i: cells[i][0])
        for part in _sub_rows(row_cells, lines, cells, tol):
            for i in row_cells:
                if part.get(i):
                    for ln in part[i]:
                        ln.block = block + n
                    out.extend(part[i])
                    n += 1
    return out


def _cell_lines(words: list[TsvWord]) -> list[Line]:
    """The lines of one cell, top to bottom."""
    by_key: dict[tuple[int, int, int], list[TsvWord]] = {}
    for w in words:
        by_key.setdefault(w.key, []).append(w)
    return [Line(sorted(ws, key=lambda w: w.left))
            for ws in sorted(by_key.values(), key=lambda ws: min(w.top for w in ws))]


def _sub_rows(row_cells: list[int], lines: dict[int, list[Line]], cells: Sequence[Box],
              tol: float) -> list[dict[int, list[Line]]]:
    """A row of cells split into the rows whose rules the page lost.

    A faint or missing inner rule (a 72 dpi scan keeps the column rules but not the light
    row rules) merges several rows into one tall row of cells; its first cell then holds
    one short entry per row (``STT``, ``1``, ``2``) separated by blank lines. Each such
    entry starts a row, and every cell's lines are read with the row they stand in. Only a
    numbering column does this: the table's leftmost cell, each line at most
    :data:`SUB_ROW_ENTRY` characters with a letter or digit, a line or more apart, each
    level with a line of another cell (a date range wrapped over two lines of a 1.5-spaced
    table is one entry of one row; specks are no entries).
    """
    whole = [{i: lines[i] for i in row_cells}]
    first = lines[row_cells[0]] if row_cells else []
    if len(row_cells) < 2 or len(first) < 2:
        return whole
    if cells[row_cells[0]][0] > min(c[0] for c in cells) + tol:
        return whole
    if any(sum(len(w.text) for w in ln.words) > SUB_ROW_ENTRY
           or not any(c.isalnum() for w in ln.words for c in w.text) for ln in first):
        return whole
    height = statistics.median(ln.bottom - ln.top for ln in first)
    if any(b.top - a.top < SUB_ROW_PITCH * height for a, b in zip(first, first[1:])):
        return whole
    others = [ln.top for i in row_cells[1:] for ln in lines[i]]
    if not all(any(abs(t - ln.top) <= tol for t in others) for ln in first[1:]):
        return whole  # an entry with nothing beside it starts no row
    tops = [ln.top - tol for ln in first[1:]]
    out: list[dict[int, list[Line]]] = [{} for _ in range(len(first))]
    for i in row_cells:
        for ln in lines[i]:
            k = sum(ln.top >= t for t in tops)
            out[k].setdefault(i, []).append(ln)
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
