"""Two stamps that went past the gate.

1. A page the cleaner turns wrongly (found by the #23 GUI work: a short one-line page at 100 dpi
   was guessed upside down and turned 180°; its upright red MẬT stamp was then upside down in the
   archive image, where the gate does not read, and the page was stored). The gate now also
   looks at the page as it came whenever cleaning or OCR turned it. The wrong turn is forced
   here, so the test does not depend on how good the orientation guess is today.
2. A small red stamp read confidently as a near miss (below).
3. A short page left upside down (below).
"""

from __future__ import annotations

import dataclasses

import cv2
import numpy as np
import pytest

from digitize.devtools.sample import render_text_page
from digitize.devtools.sample_marks import RED, Mark, stamp
from digitize.metadata.secrecy_gate import check_page
from digitize.pipeline import pagework


def _turned_wrongly(real):
    """The real cleaning of the page turned upside down: an upright page guessed wrong."""
    def clean(image, **kw):
        res = real(np.ascontiguousarray(image[::-1, ::-1]), **kw)
        turn = {"step": "rotate", "angle_deg": 180.0, "turn_deg": 180}
        return dataclasses.replace(res, history=[turn, *res.history])
    return clean


@pytest.mark.parametrize("mark", ["MẬT", "TỐI MẬT"])
def test_a_stamp_on_a_page_the_cleaner_turned_is_still_found(monkeypatch, mark: str) -> None:
    page, _ = render_text_page("Trang 2. Kế hoạch số hóa tài liệu năm 2024.", dpi=100)
    marked = stamp(page, Mark(mark, RED, "rect", 0, 0.6, 0.1, 16), 100)
    ok, png = cv2.imencode(".png", cv2.cvtColor(marked, cv2.COLOR_RGB2BGR))
    assert ok
    monkeypatch.setattr(pagework, "clean_page", _turned_wrongly(pagework.clean_page))
    out = pagework.work_page(png.tobytes(), 100, "vie", None)
    assert out.secrecy == mark


@pytest.mark.parametrize("size_pt", [14, 16])
def test_a_small_red_stamp_read_confidently_as_a_near_miss_is_read_again(size_pt: float) -> None:
    """At 100 dpi a 16 pt red TỐI MẬT was read «TỎIM VI» at confidence 83 and taken for plain
    text, so its other readings (one of them «TỐILMẬT») were never tried: a confident reading
    that still holds a piece of the marks' words does not end a framed stamp's reading."""
    page, _ = render_text_page("Trang 2. Kế hoạch số hóa tài liệu năm 2024.", dpi=100)
    marked = stamp(page, Mark("TỐI MẬT", RED, "rect", 0, 0.6, 0.1, size_pt), 100)
    found = check_page(marked, 100)
    assert found is not None and found.level == "TỐI MẬT"


@pytest.mark.parametrize("text", ["Trang 2.", "Trang 2. Kế hoạch số hóa tài liệu năm 2024."])
def test_a_short_page_left_upside_down_still_shows_its_stamp(text: str) -> None:
    """3. A short page scanned upside down whose orientation nobody can tell (too little text
    for Tesseract's check; the cleaner's turn switched off in the office profile) kept its
    stamp upside down, where the gate does not read: such a page is read turned as well."""
    page, _ = render_text_page(text, dpi=100)
    marked = stamp(page, Mark("MẬT", RED, "rect", 0, 0.6, 0.1, 16), 100)
    upside_down = np.ascontiguousarray(marked[::-1, ::-1])
    ok, png = cv2.imencode(".png", cv2.cvtColor(upside_down, cv2.COLOR_RGB2BGR))
    assert ok
    out = pagework.work_page(png.tobytes(), 100, "vie", {"orientation": False})
    assert out.secrecy == "MẬT"
