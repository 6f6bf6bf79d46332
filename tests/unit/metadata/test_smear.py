"""A smeared scan's header read again: deskew, channels apart, squash undone, place kept flagged."""

from __future__ import annotations

import cv2
import numpy as np

from digitize.metadata.extract import extract
from digitize.metadata.header import Page
from digitize.metadata.layout import Line
from digitize.metadata.smear import STRETCHES, deskew_angle, flatten, row_readings
from digitize.metadata.smeared_header import (
    PLACE_CONFIDENCE,
    SUBJECT_CONFIDENCE,
    best_line,
    header_is_poor,
    place_from_reading,
    subject_from_rows,
)
from tests.unit.metadata.wordbox import W


def _lines_image(angle: float = 0.0) -> np.ndarray:
    """White page with three rows of dark 'words' (blocks), turned by ``angle`` degrees."""
    img = np.full((400, 900, 3), 255, np.uint8)
    for y in (100, 200, 300):
        cv2.putText(img, "ngay thang nam hoi thi", (60, y), cv2.FONT_HERSHEY_SIMPLEX, 1.5,
                    (30, 30, 30), 3)
    m = cv2.getRotationMatrix2D((450, 200), angle, 1.0)
    return cv2.warpAffine(img, m, (900, 400), borderValue=(255, 255, 255))


def test_place_is_taken_from_a_damaged_date_line_only_when_it_is_a_known_place() -> None:
    assert place_from_reading("Phủ Tho. ngày hùng \\Ê xem ÔÂÂ") == "Phú Thọ"
    assert place_from_reading("Phủ Tho. này\n\nmhöne") == "Phú Thọ"  # "ngày" read "này"
    assert place_from_reading("~ Hà Nội, ngày 3 tháng") == "Hà Nội"
    assert place_from_reading("Thành phố Hồ Chí Minh, ngày 1") == "Thành phố Hồ Chí Minh"
    assert place_from_reading("Tham gia ngày hội") is None  # not a place
    assert place_from_reading("Đhự Tha ngày — (t@@NG") is None  # too garbled to trust
    assert place_from_reading("Số 12, ngày") is None


def test_the_band_is_deskewed_and_streaks_flattened() -> None:
    assert abs(deskew_angle(_lines_image(2.0)[:, :, 0]) + 2.0) <= 0.5
    assert abs(deskew_angle(_lines_image(0.0)[:, :, 0])) <= 0.25
    streak = np.full((100, 300), 240, np.uint8)
    streak[40:60] = 150  # a gray scanner streak across the band
    streak[45:55, 100:110] = 20  # ink inside it
    flat = flatten(streak)
    assert flat[42, 200] > 230 and flat[50, 105] < 60


def test_each_channel_is_read_apart_and_stretched() -> None:
    img = _lines_image()
    img[:, :, 2] = np.roll(img[:, :, 2], 6, axis=0)  # misregistered channel
    seen: list[np.ndarray] = []

    def reader(line: np.ndarray) -> str:
        seen.append(line)
        return "x"

    rows = row_readings(img, (0, 0, 900, 400), reader)
    assert len(rows) == 3
    assert all(len(texts) == 3 * len(STRETCHES) for _, texts in rows)
    assert all(im.ndim == 2 for im in seen)
    h1, h2 = seen[0].shape[0], seen[1].shape[0]
    assert h2 > 1.6 * h1  # the second reading is stretched along the feed axis


def test_a_header_without_date_line_or_title_is_read_again_for_the_place() -> None:
    img = np.full((1000, 1400, 3), 255, np.uint8)
    cv2.putText(img, "Phu Tho, ngay thang nam", (700, 120), cv2.FONT_HERSHEY_SIMPLEX, 1.2,
                (120, 40, 160), 2)  # a violet date line
    words = [W("vi", 700, 100, 40, 30, 40.0), W("tài", 760, 100, 60, 30, 30.0),
             W("NẰNGớ.", 840, 100, 120, 30, 20.0), W("STT", 100, 500, 60, 30, 90.0),
             W("Họ", 300, 500, 40, 30, 90.0)]
    text = "vi tài NẰNGớ.\nSTT Họ"
    calls: list[int] = []

    def reader(line: np.ndarray) -> str:
        calls.append(1)
        return "Phủ Tho. ngày hùng \\Ê xem"

    got = extract(text, words=words, page_size=(1400, 1000), image=img, reader=reader)
    assert got["place"].value == "Phú Thọ"
    assert got["place"].confidence == PLACE_CONFIDENCE < 0.9
    assert calls


def test_a_header_that_reads_fine_is_not_read_again() -> None:
    img = np.full((1000, 1400, 3), 255, np.uint8)
    words = [W("Hà", 800, 100, 40, 30, 95.0), W("Nội,", 850, 100, 60, 30, 95.0),
             W("ngày", 920, 100, 70, 30, 95.0), W("5", 1000, 100, 20, 30, 95.0),
             W("tháng", 1030, 100, 80, 30, 95.0), W("3", 1120, 100, 20, 30, 95.0),
             W("năm", 1150, 100, 60, 30, 95.0), W("2024", 1220, 100, 70, 30, 95.0)]
    calls: list[int] = []

    def reader(line: np.ndarray) -> str:
        calls.append(1)
        return ""

    got = extract(" ".join(w.text for w in words), words=words, page_size=(1400, 1000),
                  image=img, reader=reader)
    assert got["place"].value == "Hà Nội" and not calls


def test_the_best_reading_of_a_row_is_the_one_of_whole_syllables() -> None:
    line, share = best_line(["DATkXx SÁẢC tX KSÃ SICS kKš", "DANH SÁCH ĐĂNG KÝ",
                             "DANH SÁCM ĐĂNG Kš", "x\nDANH SÁCH ĐĂNG kx"])
    assert line == "DANH SÁCH ĐĂNG KÝ" and share == 1.0
    assert best_line([])[0] == ""


def test_a_heading_read_again_and_its_whole_word_continuation_make_a_flagged_subject() -> None:
    rows = [((1300, 240, 2250, 335), ["Phủ Tho. ngày hùng"]),
            ((1050, 320, 1770, 377), ["DANH SÁCM ĐĂNG Kš", "DANH SÁCH ĐĂNG KÝ"]),
            ((800, 380, 1900, 440), ["Tham gia Hội thi kỹ năng", "mt.~ea sa Hôi"]),
            ((800, 440, 1900, 500), ["ngành Thông tin và Truyền thông 2011", "¡nh Thông t»"]),
            ((800, 500, 1900, 560), ["STT Họ và tên"])]
    got = subject_from_rows(rows, 2400)
    assert got is not None and got.confidence == SUBJECT_CONFIDENCE < 0.9
    assert got.value == ("Danh sách đăng ký tham gia Hội thi kỹ năng "
                         "ngành Thông tin và Truyền thông 2011")
    # a continuation with a non-word stops the subject; no centred heading, no subject
    rows[2] = ((800, 380, 1900, 440), ["Tham gia Hội thì kỹ nắng sử dụng A2"])
    assert subject_from_rows(rows, 2400).value == "Danh sách đăng ký"  # type: ignore[union-attr]
    assert subject_from_rows(rows[2:], 2400) is None
    assert subject_from_rows([((0, 320, 700, 377), ["DANH SÁCH ĐĂNG KÝ"])], 2400) is None


def test_touching_lines_are_cut_apart() -> None:
    img = np.full((300, 900, 3), 255, np.uint8)
    for y in (100, 135):  # descenders of the first line touch the ascenders of the second
        cv2.putText(img, "play gully hold yelp kilogram", (40, y), cv2.FONT_HERSHEY_SIMPLEX,
                    1.4, (20, 20, 20), 3)
    seen: list[np.ndarray] = []
    rows = row_readings(img, (0, 0, 900, 300), lambda im: seen.append(im) or "x")
    assert len(rows) == 2
    assert rows[0][0][1] < rows[1][0][1]


def test_a_numbered_page_whose_date_line_is_unreadable_gets_its_place_read_again() -> None:
    img = np.full((1000, 1400, 3), 255, np.uint8)
    cv2.putText(img, "Ha Noi, ngay thang nam", (700, 120), cv2.FONT_HERSHEY_SIMPLEX, 1.2,
                (120, 40, 160), 2)
    words = [W("UBND", 100, 40, 120, 30, 95.0), W("TỈNH", 230, 40, 100, 30, 95.0),
             W("Số:", 100, 100, 50, 30, 95.0), W("12/QĐ-UBND", 160, 100, 200, 30, 95.0),
             W("vi", 700, 100, 40, 30, 30.0), W("tàiNẰNGớ", 760, 100, 160, 30, 20.0),
             W("QUYẾT", 560, 200, 120, 30, 95.0), W("ĐỊNH", 690, 200, 100, 30, 95.0)]
    text = "UBND TỈNH\nSố: 12/QĐ-UBND vi tàiNẰNGớ\nQUYẾT ĐỊNH"
    got = extract(text, words=words, page_size=(1400, 1000), image=img,
                  reader=lambda _im: "Hà Nội, ngày hùng \\Ê")
    assert got["place"].value == "Hà Nội" and got["place"].confidence < 0.9
    assert got["codeNotation"].value == "QĐ-UBND"
    assert "issuedDate" not in got


def test_only_a_poorly_read_header_without_title_is_read_again() -> None:
    img = np.full((1000, 1400, 3), 255, np.uint8)
    clean = [W("Điều", 100, 100, 80, 30, 95.0), W("2.", 190, 100, 30, 30, 95.0),
             W("Quyết", 230, 100, 90, 30, 95.0), W("định", 330, 100, 70, 30, 95.0),
             W("này", 410, 100, 60, 30, 95.0), W("có", 480, 100, 40, 30, 95.0),
             W("hiệu", 530, 100, 70, 30, 95.0), W("lực", 610, 100, 50, 30, 95.0)]
    calls: list[int] = []

    def reader(line: np.ndarray) -> str:
        calls.append(1)
        return "QUYẾT ĐỊNH:"

    got = extract(" ".join(w.text for w in clean), words=clean, page_size=(1400, 1000),
                  image=img, reader=reader)
    assert not calls and "place" not in got  # a continuation page: nothing to read again
    assert not header_is_poor(Page([Line("Điều 2. Quyết định này có hiệu lực", 0, 100, 600, 130)],
                                   1400, 1000, True))
    assert header_is_poor(Page([Line("vi tài NẰNGớ. \\% NƯYn ¬&t lÍ", 0, 100, 600, 130)],
                               1400, 1000, True))
    rows = [((1050, 320, 1770, 377), ["QUYẾT ĐỊNH:"]), ((1050, 380, 1770, 430), ["CHƯƠNG II"])]
    assert subject_from_rows(rows, 2400) is None
