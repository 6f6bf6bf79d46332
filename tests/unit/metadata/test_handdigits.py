"""Hand-written digit reading: the shipped classifier, splitting numbers, slot ink clean-up."""

from __future__ import annotations

import cv2
import numpy as np

from digitize.metadata.digitnet import MODEL, canonical, probabilities
from digitize.metadata.digitseg import atoms, read_number
from digitize.metadata.handdigits import slot_ink
from digitize.metadata.lexicon import restore_upper
from tests.unit.metadata.wordbox import W

_SCRIPT = cv2.FONT_HERSHEY_SCRIPT_SIMPLEX


def _draw(text: str, gap: int = 6, font: int = _SCRIPT, thick: int = 3) -> np.ndarray:
    """White digits on black, one glyph at a time ``gap`` pixels apart (negative: touching)."""
    img = np.zeros((80, 60 * len(text) + 20), np.uint8)
    x = 10
    for ch in text:
        cv2.putText(img, ch, (x, 60), font, 1.6, 255, thick)
        (w, _), _ = cv2.getTextSize(ch, font, 1.6, thick)
        x += w + gap
    return img


def test_the_model_ships_in_the_package_and_is_small() -> None:
    assert MODEL.exists() and MODEL.stat().st_size < 1_000_000


def test_canonical_form_ignores_pen_width() -> None:
    thin, thick = canonical(_draw("3", thick=2)), canonical(_draw("3", thick=7))
    assert thin.shape == (28, 28) and 0.0 <= thin.min() and thin.max() <= 1.0
    assert float(np.abs(thin - thick).mean()) < 0.08


def test_script_digits_are_read() -> None:
    got = [int(probabilities(_draw(str(d))).argmax()) for d in range(10)]
    assert sum(g == d for d, g in enumerate(got)) >= 8, got


def test_a_number_is_split_into_its_digits() -> None:
    assert read_number(_draw("4532"), 5)[0] == "4532"
    assert read_number(_draw("241"), 5)[0] == "241"
    digits, conf = read_number(_draw("20", gap=-4), 2)  # touching digits are cut apart
    assert digits == "20" and 0.0 < conf <= 1.0
    assert len(read_number(_draw("4532"), 3)[0]) <= 3  # never more digits than the slot holds
    assert read_number(np.zeros((30, 30), np.uint8), 2) == ("", 0.0)
    assert len(atoms(_draw("17"))) >= 2


def _page_with(ink_parts: list[tuple[str, int]], slash_at: int | None,
               pen: tuple[int, int, int] = (160, 40, 20)) -> np.ndarray:
    """A white colour page with hand-drawn digits and an optional printed-style slash."""
    page = np.full((120, 500, 3), 255, np.uint8)
    for text, x in ink_parts:
        cv2.putText(page, text, (x, 85), _SCRIPT, 2.0, pen, 3)
    if slash_at is not None:
        cv2.line(page, (slash_at + 12, 58), (slash_at, 84), (0, 0, 0), 2)
    return page


def test_the_printed_slash_after_a_number_slot_is_not_read_as_a_one() -> None:
    # digits end at x=167, the slash at 199; a black pen: beside a coloured pen the black slash
    # is dropped by its colour alone (checked at the end)
    page = _page_with([("44", 100)], slash_at=185, pen=(30, 30, 30))
    box = (89, 20, 205, 110)  # the slot as slot_box pads it (line height 30) ends past it
    with_slash = slot_ink(page, box, 30.0, slash=False)
    without = slot_ink(page, box, 30.0, slash=True)
    assert with_slash is not None and without is not None
    assert without.shape[1] < with_slash.shape[1]
    assert read_number(without, 5)[0] == "44"
    coloured = slot_ink(_page_with([("44", 100)], slash_at=185), box, 30.0, slash=False)
    assert coloured is not None and coloured.shape[1] <= without.shape[1] + 3


def test_hand_writing_overflowing_the_slot_is_kept_whole() -> None:
    page = _page_with([("7", 160)], slash_at=None)
    box = (88, 20, 183, 110)  # the slot ends at x=180, inside the 7 (x 164..190)
    ink = slot_ink(page, box, 30.0)
    assert ink is not None and ink.shape[1] >= 25
    assert read_number(ink, 2)[0] == "7"


def test_an_upper_case_place_with_one_doubled_letter_is_restored() -> None:
    assert restore_upper("ỦY BAN NHÂN DÂN THÀNH PHỐ HẢÁI PHÒNG").endswith("THÀNH PHỐ HẢI PHÒNG")
    assert restore_upper("ỦY BAN NHÂN DÂN TỈNH HÀ TIÊN").endswith("HÀ TIÊN")


_KT_PAGE = """ỦY BAN NHÂN DÂN
TỈNH BẠC LIÊU
Số: 209/QĐ-UBND
QUYẾT ĐỊNH
Về việc công bố danh mục
Điều 1. Công bố.
Nơi nhận:
- Như Điều 3;
- Lưu: VT.
KT. CHỦ TỊCH
{deputy}
Huỳnh Hữu Trí
"""


def test_a_damaged_deputy_title_under_kt_is_inferred_and_flagged() -> None:
    from digitize.metadata.extract import REVIEW_CONFIDENCE, extract

    got = extract(_KT_PAGE.format(deputy="<PH S4 TỊCH"))["signerTitle"]
    assert got.value == "PHÓ CHỦ TỊCH" and got.confidence < REVIEW_CONFIDENCE
    assert extract(_KT_PAGE.format(deputy="PHÓ CHỦ TỊCH"))["signerTitle"].value == "PHÓ CHỦ TỊCH"
    # a line that is not like the deputy's title leaves the authority line as it was
    assert extract(_KT_PAGE.format(deputy="ĐÃ KÝ"))["signerTitle"].value == "KT. CHỦ TỊCH"


def test_a_speck_between_lines_of_a_long_subject_does_not_cut_it() -> None:
    from digitize.metadata.extract import extract

    rows = [("ỦY BAN NHÂN DÂN", 80, 100), ("TỈNH BẠC LIÊU", 100, 140),
            ("Số: 209/QĐ-UBND", 90, 180), ("QUYẾT ĐỊNH", 520, 300),
            ("Về việc công bố Danh mục thủ tục hành chính mới ban hành", 300, 340),
            ("thuộc thẩm quyền giải quyết của Sở Giao thông vận tải;", 310, 380),
            ("Sở Xây dựng; Ủy ban nhân dân cấp huyện;", 380, 420),
            ("„_", 330, 452),
            ("Ủy ban nhân dân cấp xã trên địa bàn tỉnh Bạc Liêu", 320, 460),
            ("(Lĩnh vực: Đường bộ)", 450, 500),
            ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", 380, 580)]
    ws = []
    for text, x, top in rows:
        for tok in text.split():
            h = 8 if tok == "„_" else 24
            ws.append(W(tok, x, top, 11 * len(tok), h, 95.0))
            x += 11 * len(tok) + 9
    got = extract("\n".join(t for t, _, _ in rows), words=ws, page_size=(1240, 1754))
    assert got["subject"].value.endswith("(Lĩnh vực: Đường bộ)")
