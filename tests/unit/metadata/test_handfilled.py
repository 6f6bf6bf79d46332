"""Hand-filled number/day slots: printed frames, slot geometry, date checks, confidences."""

from __future__ import annotations

import datetime as dt

import numpy as np

from digitize.metadata.extract import REVIEW_CONFIDENCE, extract
from digitize.metadata.handdigits import HAND_CAP, read_digits, slot_box
from digitize.metadata.handfilled import date_from_frame, number_from_frame
from digitize.metadata.header import Page
from digitize.metadata.layout import Line, lines_from_words
from digitize.metadata.lexicon import restore_place
from digitize.metadata.slots import clean_digits, date_frame, number_frame
from tests.unit.metadata.wordbox import W


def _words(row: list[tuple[str, int, int]], top: int, h: int = 20) -> list[W]:
    return [W(t, x, top, w, h, 95.0) for t, x, w in row]


def test_number_frame_keeps_the_notation_when_the_slot_is_garbage() -> None:
    fr = number_frame(Line("Số: J†§ /STTTT-CNTT"))
    assert fr is not None and fr.notation == "STTTT-CNTT" and fr.slot.strip() == "J†§"
    fr = number_frame(Line("Số: 0/{) /VP-KSTTHC"))
    assert fr is not None and fr.notation == "VP-KSTTHC"
    fr = number_frame(Line("Só:0/ /QĐ-UBND"))
    assert fr is not None and fr.notation == "QĐ-UBND"
    assert number_frame(Line("Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08 tháng 6")) is None


def test_date_frame_reads_place_month_year_and_leaves_a_garbled_day() -> None:
    fr = date_frame(Line("Phú Thọ, ngày j† tháng 12 năm 2011"))
    assert fr is not None and fr.place == "Phú Thọ" and fr.year == 2011
    assert clean_digits(fr.day, 2) is None and clean_digits(fr.month, 2) == "12"
    fr = date_frame(Line("/QĐ-UBND ngày$ ` tháng 02 năm 2025 của Chủ tịch UBND"))
    assert fr is not None and fr.place is None  # "UBND" glued to the notation is no place


def test_clean_digits_maps_lookalikes_only_in_a_clean_slot() -> None:
    assert clean_digits(" 18 ", 2) == "18"
    assert clean_digits(" O2 ", 2) == "02"
    assert clean_digits("/9", 2) is None
    assert clean_digits("0$", 2) is None


def test_slot_box_lies_between_the_printed_words() -> None:
    ws = _words([("ngày", 100, 60), ("tháng", 220, 70), ("12", 300, 30), ("năm", 340, 50),
                 ("2011", 400, 60)], top=500)
    line = Line("ngày tháng 12 năm 2011", 100, 500, 460, 520)
    fr = date_frame(line)
    assert fr is not None
    x0, y0, x1, y1 = slot_box(line, fr.day_span, ws, 20)
    assert 150 <= x0 <= 170 and 210 <= x1 <= 225 and y0 < 500 < 520 < y1


def _digit_page(day: str, *, month: str = "12", year: str = "2011") -> tuple[np.ndarray, list[W]]:
    import cv2

    img = np.full((400, 1000, 3), 255, np.uint8)
    row = [("ngày", 350, 80), ("tháng", 550, 90), (month, 650, 40), ("năm", 700, 60),
           (year, 770, 80)]
    for t, x, _ in row:
        if t.isascii():
            cv2.putText(img, t, (x, 120), cv2.FONT_HERSHEY_SIMPLEX, 0.8, (0, 0, 0), 2)
    cv2.putText(img, day, (450, 122), cv2.FONT_HERSHEY_SCRIPT_SIMPLEX, 1.0, (200, 60, 20), 2)
    return img, _words(row, top=100, h=24)


def test_a_hand_filled_day_is_read_checked_and_flagged() -> None:
    img, ws = _digit_page("16")
    page = Page(lines_from_words(ws), 1000, 1200, True)
    got = date_from_frame(page, 10, img, ws, reader=lambda _img: ("16", 0.99))
    assert got is not None and got[0] is not None
    assert got[0].value == "16/12/2011" and got[0].confidence <= HAND_CAP < REVIEW_CONFIDENCE


def test_an_impossible_or_future_day_is_left_empty() -> None:
    img, ws = _digit_page("31", month="02", year="2025")
    page = Page(lines_from_words(ws), 1000, 1200, True)
    assert date_from_frame(page, 10, img, ws, reader=lambda _i: ("31", 0.9))[0] is None
    img, ws = _digit_page("05", month="12", year="2099")
    page = Page(lines_from_words(ws), 1000, 1200, True)
    got = date_from_frame(page, 10, img, ws, reader=lambda _i: ("5", 0.9),
                          today=dt.date(2026, 1, 1))
    assert got is not None and got[0] is None


def test_an_empty_slot_reads_nothing() -> None:
    img = np.full((100, 200, 3), 255, np.uint8)
    assert read_digits(img, (10, 10, 100, 60), 20, most=2, reader=lambda _i: ("1", 1.0)) is None


def test_a_hand_filled_number_keeps_the_printed_notation() -> None:
    img = np.full((400, 800, 3), 255, np.uint8)
    ws = _words([("Số:", 100, 40), ("J†§", 150, 50), ("/STTTT-CNTT", 210, 150)], top=100)
    page = Page(lines_from_words(ws), 800, 1200, True)
    got = number_from_frame(page, 10, img, ws, reader=lambda _i: ("275", 0.9))
    assert got is not None and got[1] == "STTTT-CNTT"
    assert got[0] is None  # a blank slot on the image: nothing invented


def test_extract_gives_notation_place_and_organ_when_digits_are_hand_written() -> None:
    text = ("UBND TỈNH PHÚ THỌ\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: J†§ /STTTT-CNTT\n"
            "Phú Thọ, ngày j† tháng 12 năm 2011\nV/v đăng ký danh sách tham gia Hội thi\n")
    ws: list[W] = []
    for i, ln in enumerate(text.splitlines()):
        x = 600 if ln.startswith("Phú") else 80
        for tok in ln.split():
            ws.append(W(tok, x, 100 + 40 * i, 14 * len(tok), 24, 90.0))
            x += 14 * len(tok) + 12
    got = extract(text, words=ws, page_size=(1200, 1700))
    assert got["codeNotation"].value == "STTTT-CNTT"
    assert got["place"].value == "Phú Thọ"
    assert "issuedDate" not in got and "codeNumber" not in got
    assert got["organName"].value == "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    assert got["codeNotation"].confidence < REVIEW_CONFIDENCE


def test_restore_place_keeps_case() -> None:
    assert restore_place("Cân Thơ") == "Cần Thơ"
    assert restore_place("Thành phó Hồ Chí Minh") == "Thành phố Hồ Chí Minh"
    assert restore_place("Lâm Đông") == "Lâm Đồng"


def test_a_page_read_sideways_is_turned_upright() -> None:
    from digitize.metadata.sideways import upright_words

    up = [W(t, 100 + 60 * (i % 5), 50 + 40 * (i // 5), 50, 20, 90.0)
          for i, t in enumerate(("ỦY BAN NHÂN DÂN TỈNH " * 4 + "Điều khoản cuối cùng đây").split())]
    w, h = 800, 1200  # upright page; the sideways one is h × w, turned clockwise
    side = [W(b.text, b.top, w - (b.left + b.width), b.height, b.width, b.conf) for b in up]
    words, size, _ = upright_words(" ".join(b.text for b in up), side, (h, w), None)
    assert size == (w, h)
    assert [(b.left, b.top) for b in words] == [(b.left, b.top) for b in up]


def test_an_impossible_day_is_read_again_without_a_glued_printed_letter() -> None:
    import cv2

    img, ws = _digit_page("22", month="01", year="2013")
    # a stroke glued to the slot, of the pen's tint (black print beside a coloured pen is
    # dropped by its colour alone: test_slot_pen)
    cv2.line(img, (445, 100), (445, 128), (200, 60, 20), 3)

    def reader(crop: np.ndarray) -> tuple[str, float]:
        n = cv2.connectedComponents((crop < 128).astype(np.uint8))[0] - 1
        return ("44", 0.9) if n >= 3 else ("22", 0.9)  # the stroke makes it unreadable

    page = Page(lines_from_words(ws), 1000, 1200, True)
    got = date_from_frame(page, 10, img, ws, reader=reader, today=dt.date(2026, 1, 1))
    assert got is not None and got[0] is not None and got[0].value == "22/01/2013"
    assert got[0].confidence <= 0.5


def _number_line_page(tail: str, slash_x: int = 242) -> tuple[np.ndarray, Line, list[W]]:
    """``Số: 440/QĐ-UBND`` with ``440`` written by hand and glued by OCR to the printed code:
    one word ``„R`` + ``tail`` whose letter count says nothing of the capitals' width."""
    import cv2

    img = np.full((140, 640, 3), 255, np.uint8)
    cv2.putText(img, "440", (100, 90), cv2.FONT_HERSHEY_SCRIPT_SIMPLEX, 1.5, (30, 30, 30), 3)
    # the printed slash, at x 229..243 by default
    cv2.line(img, (slash_x, 52), (slash_x - 12, 88), (0, 0, 0), 3)
    for x in (250, 286, 340, 370, 406, 442):  # Q Đ U B N D, U and B touching
        cv2.rectangle(img, (x, 52), (x + 29, 88), (0, 0, 0), 3)
    cv2.line(img, (285, 70), (294, 70), (0, 0, 0), 3)  # the bar of Đ
    cv2.line(img, (322, 70), (334, 70), (0, 0, 0), 3)  # the hyphen
    ws = [W("Số:", 20, 45, 54, 50, 95.0), W("„R" + tail, 95, 40, 380, 58, 10.0)]
    line = Line(f"Số: „R{tail}", 20, 40, 475, 98)
    return img, line, ws


def test_the_printed_code_after_a_hand_filled_number_is_measured_from_its_glyphs() -> None:
    img, line, ws = _number_line_page("/QĐ-UBND")
    fr = number_frame(line)
    assert fr is not None
    guess = slot_box(line, fr.span, ws, 30)[2]  # the letter count alone: inside the 0
    x1 = slot_box(line, fr.span, ws, 30, img)[2]
    assert 227 <= x1 - 3 <= 230 and guess < 200  # ends where the slash begins (+ PAD 0.1 lh)
    got = read_digits(img, slot_box(line, fr.span, ws, 30, img), 30, most=5)
    assert got is not None and got[0] == "440"
    # a tail misread by OCR (a Đ read twice) does not match the glyphs: the letter count stays
    img, line, ws = _number_line_page("/QĐĐ-UBND")
    fr = number_frame(line)
    assert fr is not None
    assert slot_box(line, fr.span, ws, 30, img) == slot_box(line, fr.span, ws, 30)


def test_a_hand_filled_number_below_ten_keeps_its_leading_zero() -> None:
    # NĐ 30/2020 writes a number below 10 as 01..09; the strict printed path keeps it so, the
    # hand-read path had dropped the zero ("01" → "1")
    import cv2

    img = np.full((400, 800, 3), 255, np.uint8)
    cv2.putText(img, "01", (160, 122), cv2.FONT_HERSHEY_SCRIPT_SIMPLEX, 1.0, (30, 30, 30), 2)
    ws = _words([("Số:", 100, 40), ("J†", 150, 50), ("/TB-HTTT", 210, 110)], top=100)
    page = Page(lines_from_words(ws), 800, 1200, True)
    got = number_from_frame(page, 10, img, ws, reader=lambda _i: ("01", 0.9))
    assert got is not None and got[0] is not None and got[0].value == "01"
    got = number_from_frame(page, 10, img, ws, reader=lambda _i: ("0308", 0.9))
    assert got is not None and got[0] is not None and got[0].value == "308"
    assert got[0].confidence <= HAND_CAP


def test_a_printed_slash_touching_the_next_capital_is_counted_as_half_a_letter() -> None:
    # "/Q" printed touching makes one run 1.5 letters wide: the old count by round(width /
    # letter) took it for one glyph, found no match and fell back on the letter count, which
    # cut the slot inside the hand-written number (the last digit was lost)
    img, line, ws = _number_line_page("/QĐ-UBND", slash_x=251)
    fr = number_frame(line)
    assert fr is not None
    guess = slot_box(line, fr.span, ws, 30)[2]
    x1 = slot_box(line, fr.span, ws, 30, img)[2]
    assert 236 <= x1 - 3 <= 241 and guess < 200


def test_a_strict_number_read_with_a_low_word_confidence_is_lowered_with_it() -> None:
    # as the date slots are: "Số: 02 /QĐ-UBND" whose "02" OCR read at 35 % (hand digits misread
    # as print) carried FRAME_CAP 0.85 whatever the word's confidence
    text = "ỦY BAN NHÂN DÂN\nTỈNH BẠC LIÊU\nSố: 02 /QĐ-UBND\n"
    ws = [W("ỦY", 100, 100, 40, 24, 95.0), W("BAN", 150, 100, 50, 24, 95.0),
          W("NHÂN", 210, 100, 60, 24, 95.0), W("DÂN", 280, 100, 50, 24, 95.0),
          W("TỈNH", 130, 140, 60, 24, 95.0), W("BẠC", 200, 140, 50, 24, 95.0),
          W("LIÊU", 260, 140, 60, 24, 95.0),
          W("Số:", 110, 180, 40, 24, 95.0), W("02", 160, 180, 30, 24, 35.0),
          W("/QĐ-UBND", 200, 180, 110, 24, 95.0)]
    got = extract(text, words=ws, page_size=(1650, 2300))
    assert got["codeNumber"].value == "02"
    assert got["codeNumber"].confidence <= 0.81
