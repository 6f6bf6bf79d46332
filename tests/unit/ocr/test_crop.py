"""Which part of a page goes to Tesseract: all the ink, a blank border, never less."""

from __future__ import annotations

import numpy as np
import pytest

from ocr.crop import MIN_SAVING, content_box


def _page(h: int = 1200, w: int = 900, paper: int = 245) -> np.ndarray:
    return np.full((h, w), paper, np.uint8)


def test_box_holds_every_inked_area_with_a_border() -> None:
    page = _page()
    page[200:230, 150:600] = 20  # a text line
    page[900:915, 700:760] = 30  # a page number far away
    box = content_box(page, 300)
    assert box is not None
    x0, y0, x1, y1 = box
    assert x0 < 150 and y0 < 200 and x1 > 760 and y1 > 915
    assert 150 - x0 >= 30 and y1 - 915 >= 30  # at least 0.1 inch of white kept


def test_faint_text_widens_the_box_rather_than_being_cut() -> None:
    page = _page()
    page[300:330, 200:500] = 20
    page[1000:1020, 100:400] = 215  # faint photocopied line, 30 levels under the paper
    box = content_box(page, 300)
    assert box is None or (box[1] < 1000 and box[3] > 1020 and box[0] < 100)


@pytest.mark.parametrize("paper", [255, 40])
def test_blank_or_dark_pages_are_read_whole(paper: int) -> None:
    assert content_box(_page(paper=paper), 300) is None


def test_a_full_page_is_not_cropped() -> None:
    page = _page()
    page[40:60, 30:870] = 0
    page[1140:1160, 30:870] = 0
    assert content_box(page, 300) is None  # saving < MIN_SAVING
    assert MIN_SAVING > 0


def test_single_specks_do_not_count_as_ink() -> None:
    page = _page()
    page[500:540, 300:600] = 10
    page[5:7, 5:7] = 0  # a 2-pixel speck in the corner vanishes at 75 dpi
    box = content_box(page, 300)
    assert box is not None and box[0] > 200 and box[1] > 400


def test_low_resolution_and_tiny_images() -> None:
    page = _page(300, 220)
    page[100:110, 50:150] = 0
    box = content_box(page, 72)
    assert box is not None and box[0] <= 50 and box[2] >= 150
    assert content_box(_page(10, 10), 300) is None
