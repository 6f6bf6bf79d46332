"""Secrecy and urgency marks from OCR text: stamp lines only, never running text."""

from __future__ import annotations

import pytest

from digitize.metadata.secrecy import classify_mark, detect_secrecy, detect_urgency

HEAD = ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "TỈNH KIÊN GIANG Độc lập - Tự do - Hạnh phúc\n"
        "Số: 15/QĐ-UBND Kiên Giang, ngày 08 tháng 6 năm 2022\n")
BODY = ("\nQUYẾT ĐỊNH\nVề việc tăng cường bảo mật thông tin\n\n"
        "Căn cứ Luật Bảo vệ bí mật nhà nước ngày 15 tháng 11 năm 2018 về bảo vệ tài liệu mật;\n"
        "Các đơn vị không dùng chung mật khẩu hộp thư công vụ và tài liệu TỐI MẬT phải được\n"
        "quản lý theo quy định; chế độ sử dụng 03 Mật áp dụng cho hồ sơ lưu trữ.\n"
        "Nơi nhận: TM. ỦY BAN NHÂN DÂN\n- Như Điều 3; CHỦ TỊCH\n\nNguyễn Văn A\n")


@pytest.mark.parametrize(("stamp", "level"), [
    ("MẬT", "MẬT"), ("TỐI MẬT", "TỐI MẬT"), ("TUYỆT MẬT", "TUYỆT MẬT"),
    ("MAT", "MẬT"), ("TOI MAT", "TỐI MẬT"), ("TUYET MAT", "TUYỆT MẬT"),  # diacritics lost
    ("| TỐI MẶT |", "TỐI MẬT"), ("TUYÊT MẠT", "TUYỆT MẬT"), ("TỐl MẬT", "TỐI MẬT"),
])
def test_stamp_lines_in_the_header_are_found(stamp: str, level: str) -> None:
    mark = detect_secrecy(HEAD + stamp + "\n" + BODY)
    assert mark is not None and mark.level == level
    assert stamp.strip("| ") in mark.evidence


def test_running_text_and_mode_03_do_not_trip() -> None:
    assert detect_secrecy(HEAD + BODY) is None
    assert detect_secrecy("Mode: 03 Mật\nmật khẩu\nbảo mật thông tin\n") is None


def test_a_mark_deep_in_the_body_is_not_a_header_stamp() -> None:
    body_only = HEAD + BODY.replace("Nơi nhận:", "MẬT\nNơi nhận:")
    # a stand-alone MẬT after the body lines is not in the header zone
    assert detect_secrecy(body_only) is None


def test_doubtful_stamp_like_line_fails_closed() -> None:
    mark = detect_secrecy(HEAD + "MAI\n" + BODY)
    assert mark is not None and mark.level == "MẬT" and mark.confidence < 0.6


def test_highest_level_wins_and_declassified_is_not_secret() -> None:
    assert detect_secrecy(HEAD + "MẬT\nTUYỆT MẬT\n" + BODY).level == "TUYỆT MẬT"
    assert detect_secrecy(HEAD + "GIẢI MẬT\n" + BODY) is None
    assert classify_mark("GIẢI MẬT")[0] == "declassified"


@pytest.mark.parametrize(("stamp", "level"), [
    ("KHẨN", "KHẨN"), ("THƯỢNG KHẨN", "THƯỢNG KHẨN"), ("HỎA TỐC", "HỎA TỐC"),
    ("HOẢ TỐC", "HỎA TỐC"), ("THUONG KHAN", "THƯỢNG KHẨN"),
])
def test_urgency(stamp: str, level: str) -> None:
    mark = detect_urgency(HEAD + stamp + "\n" + BODY)
    assert mark is not None and mark.level == level
    assert detect_secrecy(HEAD + stamp + "\n" + BODY) is None


def test_lower_case_words_are_not_stamps() -> None:
    assert classify_mark("mật") is None
    assert classify_mark("Khẩn") is None
    assert classify_mark("QUYẾT ĐỊNH") is None
