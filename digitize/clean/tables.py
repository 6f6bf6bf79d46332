"""Ruled tables: find their cells from the ruling lines, so OCR reads a table row by row.

Tesseract's page layout reads a ruled table column by column, or mixes cells of a row into one
line. The rules themselves give the structure: horizontal and vertical ink runs longer than any
letter are kept by a morphological opening; where they cross into a grid, every enclosed
white region is a cell. Reading order then takes the cells by the row their top edge is on and
left to right within it (a cell merged down several rows is read once, in its first row; a
spanning header cell before its sub-cells), and each cell's lines top to bottom.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

__all__ = ["Table", "find_tables"]

#: Resolution the rules are looked for at (rules stay at least a pixel wide; 4x less work
#: than at 300 dpi).
WORK_DPI = 150
#: Shortest horizontal rule (inches): longer than any word, shorter than a table's width.
MIN_HRULE_IN = 0.5
#: Shortest vertical rule (inches): taller than a capital letter with its tone mark.
MIN_VRULE_IN = 0.22
#: Smallest table (inches) and smallest cell side (inches).
MIN_TABLE_IN = (1.5, 0.35)
MIN_CELL_IN = 0.08
#: Longest break (inches) mended in a horizontal rule whose two ends meet no vertical rule
#: (a rule ends where it meets a vertical one; a free end is a break: a seal's faint ghost
#: over a header rule lost 0.6 in of it, and the cell under it leaked out of the table).
MAX_BREAK_IN = 1.0


@dataclass(frozen=True)
class Table:
    """One ruled table.

    Attributes:
        box: ``(left, top, right, bottom)`` of the table in image pixels.
        cells: Cell boxes ``(left, top, right, bottom)`` inside it, in image pixels.
        rules: uint8 mask (image size) of the table's ruling lines, 255 on a rule.
    """

    box: tuple[int, int, int, int]
    cells: tuple[tuple[int, int, int, int], ...]
    rules: np.ndarray


def _rules(gray: np.ndarray, dpi: float) -> tuple[np.ndarray, np.ndarray]:
    """Masks of long horizontal and vertical ink runs."""
    block = max(15, round(dpi / 6)) | 1
    ink = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV,
                                block, 12)
    hk = cv2.getStructuringElement(cv2.MORPH_RECT, (max(8, round(dpi * MIN_HRULE_IN)), 1))
    vk = cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(6, round(dpi * MIN_VRULE_IN))))
    return cv2.morphologyEx(ink, cv2.MORPH_OPEN, hk), cv2.morphologyEx(ink, cv2.MORPH_OPEN, vk)


def find_tables(gray: np.ndarray, dpi: int) -> list[Table]:
    """The ruled tables of a page.

    Args:
        gray: uint8 gray page (dark ink on light paper), upright.
        dpi: Its resolution.

    Returns:
        The tables with at least two cells, top to bottom; ``[]`` on a page without rules.
    """
    h, w = gray.shape[:2]
    f = min(1.0, WORK_DPI / max(1, dpi))
    small = cv2.resize(gray, (max(1, round(w * f)), max(1, round(h * f))),
                       interpolation=cv2.INTER_AREA) if f < 1.0 else gray
    d = dpi * f
    hor, ver = _rules(small, d)
    drawn = cv2.dilate(hor | ver, np.ones((3, 3), np.uint8))
    grid = cv2.dilate(_mended(hor, ver, d) | ver, np.ones((3, 3), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(grid, connectivity=8)
    tables = []
    for i in range(1, n):
        x, y, bw, bh = (int(v) for v in stats[i, :4])
        if bw < MIN_TABLE_IN[0] * d or bh < MIN_TABLE_IN[1] * d:
            continue
        own = labels[y:y + bh, x:x + bw] == i
        if not (ver[y:y + bh, x:x + bw][own].any() and hor[y:y + bh, x:x + bw][own].any()):
            continue
        cells = _cells(own, x, y, d)
        if len(cells) < 2:
            continue
        mask = np.zeros(small.shape[:2], np.uint8)
        mask[y:y + bh, x:x + bw][own] = drawn[y:y + bh, x:x + bw][own]  # no mended gap
        if f < 1.0:
            mask = cv2.resize(mask, (w, h), interpolation=cv2.INTER_NEAREST)
        scaled = tuple(tuple(round(v / f) for v in c) for c in cells)
        tables.append(Table((round(x / f), round(y / f), round((x + bw) / f),
                             round((y + bh) / f)), scaled, mask))  # type: ignore[arg-type]
    return sorted(tables, key=lambda t: t.box[1])


def _mended(hor: np.ndarray, ver: np.ndarray, dpi: float) -> np.ndarray:
    """``hor`` with every break of at most :data:`MAX_BREAK_IN` in a row filled, when neither
    end of the break meets a vertical rule (within 2 pixels)."""
    near = cv2.dilate(ver, np.ones((5, 5), np.uint8)) > 0
    out = hor.copy()
    longest = MAX_BREAK_IN * dpi
    for y in np.flatnonzero(hor.any(axis=1)):
        on = np.flatnonzero(np.diff(np.concatenate(([0], hor[y] > 0, [0])).astype(np.int8)))
        starts, ends = on[0::2], on[1::2]  # runs [start, end)
        for end, start in zip(ends[:-1], starts[1:], strict=True):
            if start - end <= longest and not near[y, end - 1] and not near[y, start]:
                out[y, end:start] = 255
    return out


def _cells(own: np.ndarray, x0: int, y0: int, dpi: float) -> list[tuple[int, int, int, int]]:
    """White regions fully enclosed by the grid ``own`` (a bool mask at offset x0, y0)."""
    free = np.where(own, 0, 255).astype(np.uint8)
    n, _, stats, _ = cv2.connectedComponentsWithStats(free, connectivity=4)
    hh, ww = own.shape
    side = MIN_CELL_IN * dpi
    out = []
    for j in range(1, n):
        x, y, bw, bh = (int(v) for v in stats[j, :4])
        if x == 0 or y == 0 or x + bw >= ww or y + bh >= hh:
            continue  # open to the outside: not a cell
        if bw < side or bh < side:
            continue
        out.append((x0 + x, y0 + y, x0 + x + bw, y0 + y + bh))
    return out
