"""Ruled tables: cells found from the rules and read row by row."""

from __future__ import annotations

import cv2
import numpy as np

from digitize.clean.tables import find_tables
from ocr.layout import TsvWord, order_lines


def _grid(dpi: int = 150) -> tuple[np.ndarray, list[int], list[int]]:
    """A white page with a 5-column ruled table: a header row whose last two columns share a
    spanning cell over two sub-cells, and two body rows whose third column is merged."""
    page = np.full((round(11 * dpi), round(8 * dpi)), 255, np.uint8)
    xs = [round(v * dpi) for v in (1.0, 1.6, 4.0, 5.5, 6.3, 7.1)]
    ys = [round(v * dpi) for v in (2.0, 2.4, 2.8, 3.6, 4.4)]
    for y in (ys[0], ys[2], ys[4]):
        cv2.line(page, (xs[0], y), (xs[-1], y), 0, 2)
    cv2.line(page, (xs[3], ys[1]), (xs[-1], ys[1]), 0, 2)  # under the spanning header cell
    cv2.line(page, (xs[0], ys[3]), (xs[2], ys[3]), 0, 2)  # rows 1/2, left of the merged cell
    cv2.line(page, (xs[3], ys[3]), (xs[-1], ys[3]), 0, 2)
    for i, x in enumerate(xs):
        cv2.line(page, (x, ys[1] if i == 4 else ys[0]), (x, ys[-1]), 0, 2)
    cv2.putText(page, "Text", (xs[1] + 20, ys[2] + 60), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 2)
    return page, xs, ys


def test_cells_of_a_ruled_table_are_found() -> None:
    page, xs, ys = _grid()
    tables = find_tables(page, 150)
    assert len(tables) == 1
    t = tables[0]
    assert abs(t.box[0] - xs[0]) < 6 and abs(t.box[3] - ys[-1]) < 6
    # header: 3 cells + the spanning cell + 2 sub-cells; body: 2 rows x 5 columns, one merged
    assert len(t.cells) == 3 + 1 + 2 + 9
    assert t.rules[ys[0], (xs[0] + xs[1]) // 2] == 255
    assert t.rules[ys[2] + 60, xs[1] + 40] == 0  # the text is not a rule


def test_underlines_and_text_are_no_table() -> None:
    page = np.full((1500, 1200), 255, np.uint8)
    cv2.line(page, (100, 200), (700, 200), 0, 2)  # the rule under a header block
    cv2.putText(page, "CONG HOA", (100, 400), cv2.FONT_HERSHEY_SIMPLEX, 2.0, 0, 4)
    cv2.rectangle(page, (100, 600), (900, 800), 0, 2)  # a framed note: one cell
    assert find_tables(page, 150) == []


def _w(text: str, x: int, y: int, key: tuple[int, int, int]) -> TsvWord:
    return TsvWord(text, x, y, 20 * len(text), 20, 90.0, key)


def test_table_is_read_row_by_row_merged_cell_once_in_its_first_row() -> None:
    # two columns; the right cell is merged over two rows. Tesseract read column by column.
    cells = [(100, 100, 300, 200), (300, 100, 600, 400), (100, 200, 300, 400)]
    words = [
        _w("1", 110, 110, (1, 1, 1)), _w("2", 110, 210, (1, 1, 2)),
        _w("gộp", 310, 110, (2, 1, 1)), _w("dòng", 310, 140, (2, 1, 2)),
        _w("Trước", 100, 20, (0, 1, 1)), _w("Sau", 100, 450, (3, 1, 1)),
    ]
    text = [" ".join(w.text for w in ln.words) for ln in order_lines(words, [cells])]
    assert text == ["Trước", "1", "gộp", "dòng", "2", "Sau"]


def test_spanning_header_cell_comes_before_its_sub_cells() -> None:
    cells = [(0, 0, 100, 100), (100, 0, 300, 50), (100, 50, 200, 100), (200, 50, 300, 100)]
    words = [_w("STT", 5, 5, (1, 1, 1)), _w("Cách", 105, 5, (1, 1, 1)),
             _w("tiếp", 105, 55, (2, 1, 1)), _w("tuyến", 205, 55, (2, 1, 1))]
    text = [" ".join(w.text for w in ln.words) for ln in order_lines(words, [cells])]
    assert text == ["STT", "Cách", "tiếp", "tuyến"]


def test_a_rule_broken_under_a_seal_still_closes_its_cell() -> None:
    """A faint seal over a header rule took 0.6 in of it (a real table page): the header cell
    under the break leaked out of the table and was lost, so its words were read after the
    table. A break whose ends meet no vertical rule is mended for finding the cells; the
    rules erased for OCR stay the drawn ones (#19)."""
    page, xs, ys = _grid()
    gap = (round(2.5 * 150), round(3.1 * 150))
    page[ys[0] - 3:ys[0] + 4, gap[0]:gap[1]] = 255
    t = find_tables(page, 150)[0]
    assert (xs[1], ys[0], xs[2], ys[2]) in {tuple(c) for c in _near(t.cells, xs, ys)}
    assert len(t.cells) == 3 + 1 + 2 + 9
    assert t.rules[ys[0], sum(gap) // 2] == 0


def test_a_rule_ending_at_vertical_rules_is_a_merged_cell_not_a_break() -> None:
    """Two rule pieces ending at the vertical rules of a narrow column (0.8 in): its two
    body cells are one merged cell, not a break to mend (#19)."""
    page, xs, ys = _grid()
    page[ys[3] - 3:ys[3] + 4, xs[4] + 3:xs[5] - 2] = 255
    assert len(find_tables(page, 150)[0].cells) == 3 + 1 + 2 + 9 - 1


def _near(cells: tuple[tuple[int, int, int, int], ...], xs: list[int], ys: list[int]
          ) -> list[tuple[int, int, int, int]]:
    """Cells snapped to the drawn rules (cell edges sit a few pixels inside them)."""
    def snap(v: int, grid: list[int]) -> int:
        return min(grid, key=lambda g: abs(g - v))
    return [(snap(c[0], xs), snap(c[1], ys), snap(c[2], xs), snap(c[3], ys)) for c in cells]
