"""The secrecy gate's cheap skips (issue #19): a candidate is not read again only when the
page's own OCR read its ink surely, upright, as plainly other text, or read it as a line longer
than any mark. Marked pages stay refused with the page's words given, as the worker runs it."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pytest

from digitize.devtools.sample import make_document, render_document, render_text_page
from digitize.devtools.sample_marks import BLACK, Mark, stamp
from digitize.metadata import gate_skips as gs
from digitize.metadata import secrecy_gate as sg
from digitize.metadata.stamp_regions import Candidate, find_candidates
from ocr import tesseract
from tests.unit.metadata.dense_text import DENSE
from tests.unit.metadata.wordbox import W

pytestmark = pytest.mark.skipif(not tesseract.available(), reason="tesseract not installed")
DPI = 150


@lru_cache(maxsize=1)
def _dense() -> np.ndarray:
    return render_text_page(DENSE, dpi=DPI, size_pt=13)[0]


@lru_cache(maxsize=1)
def _doc() -> np.ndarray:
    return render_document(make_document(7, party=False), dpi=DPI)


def _words(page: np.ndarray) -> list:
    from ocr.engine import recognize

    return list(recognize(page, lang="vie", dpi=DPI).words)


def _check(page: np.ndarray) -> sg.GateFinding | None:
    return sg.check_page(page, DPI, words=_words(page))


@pytest.mark.parametrize(("base", "mark", "level"), [
    # black bold stamp across lines of print, at 45°: its ink lies between the lines
    ("dense", Mark("TUYỆT MẬT", BLACK, "ellipse", 45, 0.5, 0.25, 13), "TUYỆT MẬT"),
    # black bold MẬT without a frame, level, in the margin beside the print
    ("dense", Mark("MẬT", BLACK, "none", 0, 0.9, 0.12, 13), "MẬT"),
    # a thin tilted line in the lower half, and a tilted bold TỐI MẬT line in the header
    ("doc", Mark("mật", BLACK, "none", 10, 0.2, 0.62), "MẬT"),
    ("doc", Mark("TOI MAT", BLACK, "none", -8, 0.25, 0.152), "TỐI MẬT"),
])
def test_marks_are_refused_with_the_page_words(base: str, mark: Mark, level: str) -> None:
    page = stamp(_dense() if base == "dense" else _doc(), mark, DPI)
    found = _check(page)
    assert found is not None and found.level == level, found


def _box_of(c: Candidate) -> W:
    return W("x", int(c.cx - c.long / 2), int(c.cy - c.short / 2), int(c.long), int(c.short), 99)


def test_print_read_surely_is_explained_and_a_mark_never() -> None:
    """The bold heading's ink lies in sure words: explained (it was read again before). The
    same ink with a word read as MẬT, a doubtful word, or a word box as tall as a stamp's
    letters touching print is not."""
    page = stamp(_dense(), Mark("BÌA CỨNG MÀU XANH", BLACK, "none", 0, 0.5, 0.3, 13), DPI)
    words = _words(page)
    sure = gs.sure_words(words)
    bold = [c for c in find_candidates(page, DPI) if c.kind in ("bold", "line")]
    assert bold and any(gs.explained(c, page, DPI, sure) for c in bold)
    for c in bold:
        box = _box_of(c)
        normal = [W("chữ", box.left, box.top, box.width, box.height, 99)] * 8
        assert not gs.explained(c, page, DPI, gs.sure_words(
            [*normal[:-1], W("MẬT", box.left, box.top, box.width, box.height, 99)])[-1:])
        assert not gs.explained(c, page, DPI, gs.sure_words(
            [*normal[:-1], W("chữ", box.left, box.top, box.width, box.height, 70)])[-1:])
        tall = W("chữ", box.left - 5, box.top - 40, box.width + 10, box.height + 80, 99)
        assert tall not in gs.sure_words([*normal, tall])


def test_words_hinting_a_mark_are_never_sure() -> None:
    ws = [W(t, 0, 0, 50, 20, 99) for t in ("Mật", "MAT", "TỐI", "tuyệt", "Mai", "máy", "Nội")]
    assert [w.text for w in gs.sure_words(ws)] == ["máy", "Nội"]


def test_a_line_longer_than_any_mark_is_not_read_again() -> None:
    c = Candidate(500, 100, 800, 30, 0.0, "line")
    long_words = [W(t, 120 + 100 * i, 88, 90, 24, 95) for i, t in
                  enumerate(("Quyết", "định", "này", "có", "hiệu", "lực", "thi", "hành"))]
    assert gs.too_long(c, long_words)
    assert not gs.too_long(c, long_words[:4])  # short enough to be a mark's reading
    assert not gs.too_long(Candidate(500, 100, 800, 30, 30.0, "line"), long_words)
    assert not gs.too_long(Candidate(500, 100, 800, 30, 0.0, "bold"), long_words)


def test_identical_crops_are_read_once_and_every_candidate_judged() -> None:
    """A one-row red stamp's densest row is the stamp itself: the same pixels are not given to
    Tesseract twice, and each candidate still gets its reading (before: read again)."""
    a, b = np.full((60, 90), 255, np.uint8), np.full((60, 90), 255, np.uint8)
    b[20:40, 10:80] = 0
    calls: list[int] = []

    def reader(crops):
        calls.append(len(crops))
        return [("MẬT" if c.min() == 0 else "", 90.0) for c in crops]

    seen: dict = {}
    assert sg._read_once(reader, [a, b, a.copy()], seen) == [("", 90.0), ("MẬT", 90.0),
                                                             ("", 90.0)]
    assert sg._read_once(reader, [b.copy()], seen) == [("MẬT", 90.0)]
    assert calls == [2]
    page = stamp(_doc(), Mark("TỐI MẬT", (200, 30, 30), "rect", 0, 0.3, 0.75), DPI)
    counted: list[int] = []

    def tess(crops):
        counted.extend(hash(c.tobytes()) for c in crops)
        return sg.tesseract_reader()(crops)

    found = sg.check_page(page, DPI, reader=tess)
    assert found is not None and found.level == "TỐI MẬT"
    assert len(counted) == len(set(counted))
