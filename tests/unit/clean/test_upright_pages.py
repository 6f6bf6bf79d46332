"""Upright pages are never turned: dense text in tight lines, tall ruled tables, landscape.

A real decision (tg_241, a 240 dpi page of tight italic paragraphs) was once turned a quarter:
the letters' nearest neighbours were looked for among a sample of every third letter, so the
letter in the line above looked nearer than the one beside it, and the page's columns
(justified margins, table rules) then won on raw profile size.
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from digitize.clean import CleanProfile, clean_page
from digitize.clean.analysis import analyse
from digitize.clean.deskew import horizontal_share
from digitize.devtools import sample

#: Only the geometric steps (the others do not move pages).
GEOMETRY = CleanProfile(illumination=False, despeckle=False, punch_holes=False, tables=False)


def _page(*, dpi: int, size_pt: float, leading: float, table_share: float,
          landscape: bool = False) -> np.ndarray:
    """Justified italic paragraphs in tight lines above a ruled table of numbers filling
    ``table_share`` of the page height, gray."""
    w, h = round(8.27 * dpi), round(11.69 * dpi)
    if landscape:
        w, h = h, w
    img = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(img)

    def px(pt: float) -> int:
        return round(pt * dpi / 72)

    font = sample._font("liberation-serif", 2, px(size_pt))
    left, right = px(85), w - px(57)
    words = " ".join(sample.BODY * 4).split()
    y, line = px(60), []
    bottom = round(h * (1 - table_share))
    while words and y < bottom:
        if line and font.getlength(" ".join([*line, words[0]])) > right - left:
            gap = (right - left - sum(font.getlength(t) for t in line)) / max(1, len(line) - 1)
            x = float(left)
            for t in line:
                draw.text((x, y), t, font=font, fill=0)
                x += font.getlength(t) + gap
            y += px(size_pt * leading)
            line = []
        else:
            line.append(words.pop(0))
    top = y + px(20)
    cols = np.linspace(left, right, 7).astype(int)
    rows = np.arange(top, h - px(60), px(size_pt * 1.5))
    for x in cols:
        draw.line([(int(x), top), (int(x), int(rows[-1]))], fill=0, width=px(1))
    for r in rows:
        draw.line([(left, int(r)), (right, int(r))], fill=0, width=px(1))
    for i, r in enumerate(rows[:-1]):
        for j, x in enumerate(cols[:-1]):
            draw.text((int(x) + px(4), int(r) + px(3)), str((i * 7 + j * 3) % 97), font=font,
                      fill=0)
    return np.asarray(img)


@pytest.mark.parametrize("leading", [1.0, 1.15])
def test_tall_table_under_tight_italic_text_is_not_turned(leading: float) -> None:
    img = _page(dpi=300, size_pt=11.0, leading=leading, table_share=0.7)
    result = clean_page(img, dpi=300, profile=GEOMETRY)
    assert result.report["orientation_deg"] == 0
    assert abs(result.report["skew_deg"]) < 0.1
    assert result.archive.shape[:2] == img.shape[:2]  # geometry kept: same size, not turned


def test_landscape_page_is_not_turned() -> None:
    img = _page(dpi=200, size_pt=11.0, leading=1.0, table_share=0.5, landscape=True)
    result = clean_page(img, dpi=200, profile=GEOMETRY)
    assert result.report["orientation_deg"] == 0
    assert result.archive.shape[:2] == img.shape[:2]


def test_dense_lines_read_as_horizontal_from_the_letters() -> None:
    img = _page(dpi=300, size_pt=11.0, leading=1.0, table_share=0.0)
    ink = analyse(img, 300).ink
    assert horizontal_share(ink) > 0.9
    assert horizontal_share(np.ascontiguousarray(np.rot90(ink))) < 0.1


def _columns_page(offsets: tuple[int, ...]) -> np.ndarray:
    """An ink mask of side-by-side columns of top-heavy text lines (marks and capitals above
    the x-height band, little below), each column's lines shifted by its offset: the cells
    of a table, whose lines are not level with their neighbours'."""
    rng = np.random.default_rng(7)
    ink = np.zeros((900, 180 * len(offsets)), np.uint8)
    for c, off in enumerate(offsets):
        x0 = 180 * c + 10
        for top in range(60 + off, 840, 26):
            ink[top:top + 9, x0:x0 + 150] = rng.random((9, 150)) < 0.45  # x-height band
            ink[top - 4:top, x0:x0 + 150] = rng.random((4, 150)) < 0.12  # marks above
            ink[top + 9:top + 11, x0:x0 + 150] = rng.random((2, 150)) < 0.05  # descenders
    return ink


def test_table_columns_out_of_step_still_tell_upright_from_upside_down() -> None:
    """Across the whole width the lines of columns out of step blur into one another and the
    page scored near zero (a real table page photographed a little out of focus scored
    -0.08 and was turned upside down); measured strip by strip each column is clear (#19)."""
    from digitize.clean.orientation import resolve_rotation

    ink = _columns_page((0, 9, 17, 4, 13))
    rotation, score, _ = resolve_rotation(ink, 0.0)
    assert rotation == 0.0 and score > 0.1
    rotation, score, _ = resolve_rotation(np.ascontiguousarray(ink[::-1, ::-1]), 0.0)
    assert abs(rotation) == 180.0 and score < -0.1
