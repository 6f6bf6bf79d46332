"""Judging one short reading: MẬT / TỐI MẬT / TUYỆT MẬT in any case or spelling, look-alikes
pass, and a stamp that reads only like M?T is a doubt that refuses (issue #18)."""

from __future__ import annotations

import pytest

from digitize.metadata.secrecy_words import judge_reading


@pytest.mark.parametrize(("text", "level"), [
    ("MẬT", "MẬT"), ("Mật", "MẬT"), ("mật", "MẬT"), ("MAT", "MẬT"), ("M4T", "MẬT"),
    ("TỐI MẬT", "TỐI MẬT"), ("TOI MAT", "TỐI MẬT"), ("Tối mật", "TỐI MẬT"), ("T0I MẶT", "TỐI MẬT"),
    ("TUYỆT MẬT", "TUYỆT MẬT"), ("TUYET MAT", "TUYỆT MẬT"), ("tuyệt mật", "TUYỆT MẬT"),
    ("| TỐI MẬT |", "TỐI MẬT"), ("TUYÊT MẠT", "TUYỆT MẬT"),
])
def test_marks(text: str, level: str) -> None:
    v = judge_reading(text)
    assert v.level == level and not v.doubt, v


@pytest.mark.parametrize("text", ["KHẨN", "HỎA TỐC", "THƯỢNG KHẨN", "SAO Y", "BẢN SAO",
                                  "CV ĐẾN", "DỰ THẢO", "MẪU", "GIẢI MẬT", "bảo mật thông tin",
                                  "mật khẩu", "Hạnh phúc", "QUYẾT ĐỊNH"])
def test_look_alikes(text: str) -> None:
    assert judge_reading(text, in_frame=" " not in text.strip() or text.isupper()).level == ""


def test_a_stamp_that_reads_like_m_t_is_a_doubt() -> None:
    v = judge_reading("MẬI", in_frame=True, conf=40)
    assert v.level == "MẬT" and v.doubt
    assert judge_reading("MAI", conf=95).level == ""  # a name on a clear line passes
