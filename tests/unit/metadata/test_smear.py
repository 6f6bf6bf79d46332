"""A smeared scan's header read again: deskew, channels apart, squash undone, place kept flagged."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from digitize.metadata.extract import extract
from digitize.metadata.smear import STRETCHES, deskew_angle, flatten, row_readings
from digitize.metadata.smeared_header import PLACE_CONFIDENCE, place_from_reading


@dataclass(frozen=True)
class W:
    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float


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
