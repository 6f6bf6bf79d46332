"""The secrecy gate on rendered pages with real Tesseract: marks anywhere, at any angle, in any
ink, case or spelling are refused; look-alike stamps and running text pass (issue #18).

The page is rendered once at 150 dpi and each mark stamped on a copy; the gate runs on the
image alone (every candidate read), the harder case than with the page's OCR words.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pytest

from digitize.devtools.sample import make_document, render_document, render_text_page
from digitize.devtools.sample_marks import BLACK, BLUE, RED, Mark, stamp, to_gray_rgb
from digitize.metadata.layout import Line
from digitize.metadata.secrecy_gate import check_lines, check_page
from ocr import tesseract
from tests.unit.metadata.dense_text import DENSE

pytestmark = pytest.mark.skipif(not tesseract.available(), reason="tesseract not installed")
DPI = 150


@lru_cache(maxsize=1)
def _page() -> np.ndarray:
    return render_document(make_document(7, party=False), dpi=DPI)


@pytest.mark.parametrize(("mark", "gray", "level"), [
    (Mark("MẬT", BLACK, "rect", 6, 0.25, 0.152), False, "MẬT"),  # header, under Số
    (Mark("TỐI MẬT", RED, "rect", 12, 0.3, 0.75), True, "TỐI MẬT"),  # red, scanned in gray
    (Mark("MẬT", RED, "rect", 35, 0.8, 0.8), False, "MẬT"),
    (Mark("TUYỆT MẬT", RED, "rect", -4, 0.3, 0.9), False, "TUYỆT MẬT"),  # lower half
    (Mark("mật", BLACK, "none", 10, 0.2, 0.62), False, "MẬT"),
    (Mark("TOI MAT", BLUE, "round", -30, 0.75, 0.72), False, "TỐI MẬT"),
])
def test_marks_anywhere_are_refused(mark: Mark, gray: bool, level: str) -> None:
    page = stamp(_page(), mark, DPI)
    found = check_page(to_gray_rgb(page) if gray else page, DPI)
    assert found is not None and found.level == level, found



def test_black_stamp_over_dense_print_is_refused() -> None:
    """A black TUYỆT MẬT ellipse at 45° stamped across lines of print: its frame merges with
    the print, so neither a frame nor a stand-alone line is found; its bold ink is (before:
    passed)."""
    img, _ = render_text_page(DENSE, dpi=DPI, size_pt=13)
    page = stamp(img, Mark("TUYỆT MẬT", BLACK, "ellipse", 45, 0.5, 0.25, 13), DPI)
    found = check_page(page, DPI)
    assert found is not None and found.level == "TUYỆT MẬT", found


def test_bold_print_alone_passes() -> None:
    """Bold headings are bold ink too: read, they are no mark."""
    img, _ = render_text_page(DENSE, dpi=DPI, size_pt=13)
    page = stamp(img, Mark("BÌA CỨNG MÀU XANH", BLACK, "none", 0, 0.5, 0.3, 13), DPI)
    assert check_page(page, DPI) is None


@pytest.mark.parametrize("text", ["KHẨN", "MẪU", "SAO Y", "DỰ THẢO"])
def test_look_alike_stamps_pass(text: str) -> None:
    page = stamp(_page(), Mark(text, RED, "rect", 8, 0.25, 0.152), DPI)
    assert check_page(page, DPI) is None


def test_running_text_about_security_passes() -> None:
    img, _ = render_text_page("Các đơn vị tăng cường bảo mật thông tin, không dùng chung mật "
                              "khẩu hộp thư công vụ và thay đổi mật khẩu định kỳ.", dpi=DPI)
    assert check_page(img, DPI) is None


def test_lines_in_any_case_and_spelling_but_not_wrapped_text() -> None:
    for text in ("Mật", "mật", "MAT", "Tối mật", "TUYET MAT", "| TỐI MẶT |"):
        assert check_lines([Line(text, 100, 1500, 180, 1530)]), text
    # "... giữ bí mật và bảo" / "mật." ends a paragraph: running text, not a mark
    para = [Line("Cán bộ phải giữ bí mật, đăng xuất khi rời máy và bảo", 100, 1400, 1500, 1430),
            Line("mật.", 100, 1440, 160, 1470)]
    assert check_lines(para) == []
    # GIẢI MẬT is no level, but is reported: the page waits for a person to confirm it
    assert [(f.level, f.declassified) for f in
            check_lines([Line("GIẢI MẬT", 100, 300, 260, 330)])] == [("", True)]
