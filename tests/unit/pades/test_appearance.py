"""The visible signature box: position per office profile, text template, ISO 8601 +07:00."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from archive.errors import PadesSigningFailed
from archive.pades import Appearance

A4 = (0.0, 0.0, 595.0, 842.0)
WHEN = datetime(2026, 3, 5, 9, 7, 1, tzinfo=timezone(timedelta(hours=7)))


def test_default_box_is_top_right_of_the_page() -> None:
    x0, y0, x1, y1 = Appearance().box(A4)
    assert x1 == 595 - 14 and y1 == 842 - 14
    assert 0 < x0 < x1 and y0 < y1
    assert y1 - y0 == pytest.approx(2 * 12 + 6, abs=1)  # two 10 pt lines (1.2 leading) + pad


@pytest.mark.parametrize(("position", "corner"), [
    ("top-left", (14, None, None, 828)), ("bottom-left", (14, 14, None, None)),
    ("bottom-right", (None, 14, 581, None)), ("top-right", (None, None, 581, 828))])
def test_every_corner(position: str, corner: tuple) -> None:
    box = Appearance(position=position).box(A4)
    for got, want in zip(box, corner, strict=True):
        if want is not None:
            assert got == want


def test_box_follows_an_offset_media_box() -> None:
    box = Appearance().box((100.0, 200.0, 400.0, 500.0))
    assert box[2] == 400 - 14 and box[3] == 500 - 14


def test_unknown_position_is_refused() -> None:
    with pytest.raises(PadesSigningFailed):
        Appearance(position="middle").box(A4)


def test_text_has_agency_and_iso_time_with_vietnam_offset() -> None:
    text = Appearance().text(agency="Sở Nội vụ tỉnh Đắk Lắk", when=WHEN)
    assert text.splitlines() == ["Ký bởi: Sở Nội vụ tỉnh Đắk Lắk",
                                 "Thời gian ký: 2026-03-05T09:07:01+07:00"]


def test_template_of_another_regime() -> None:
    look = Appearance(template="Signed by {signer}\n{date}", position="bottom-left")
    assert look.text(agency="A", when=WHEN, signer="Nguyễn Văn A") == \
        "Signed by Nguyễn Văn A\n05/03/2026"


def test_from_dict_ignores_unknown_keys_and_keeps_defaults() -> None:
    look = Appearance.from_dict({"position": "top-left", "colour": "red"})
    assert look.position == "top-left" and look.font_size == 10
    assert look.font_file.endswith("LiberationSerif-Regular.ttf")
    assert Appearance.from_dict(None) == Appearance()


def test_embedded_font_has_every_vietnamese_letter() -> None:
    import io

    from fontTools.ttLib import TTFont

    from archive.pades import LIBERATION_SERIF, _font_1000

    font = TTFont(io.BytesIO(_font_1000(LIBERATION_SERIF)))
    cmap = font.getBestCmap()
    letters = ("aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstu"
               "ùủũúụưừửữứựvxyỳỷỹýỵ")
    missing = [c for c in letters + letters.upper() + "0123456789:+-/()., " if ord(c) not in cmap]
    assert missing == []
    assert font["head"].unitsPerEm == 1000
