"""Annex pages citing their decision, and the Số frame when OCR reads slashes in the slot."""

from __future__ import annotations

import cv2
import numpy as np

from digitize.metadata.annex import sentence_case
from digitize.metadata.extract import REVIEW_CONFIDENCE, Extracted, extract
from digitize.metadata.layout import Line
from digitize.metadata.slots import number_frame
from tests.unit.metadata.test_handfilled import W  # the OCR word shape the extractor reads


def _row(text: str, left: int, top: int, cw: int = 16) -> list[W]:
    out, x = [], left
    for t in text.split():
        out.append(W(t, x, top, cw * len(t), 30, 93.0))
        x += cw * (len(t) + 1)
    return out


def test_a_number_slot_read_with_slashes_still_gives_the_notation() -> None:
    fr = number_frame(Line("Số: //Ø4/2/UBND- KSTTHC"))
    assert fr is not None and fr.notation == "UBND- KSTTHC"
    fr = number_frame(Line("Số: 12/2020/NĐ-CP"))
    assert fr is not None and fr.notation == "NĐ-CP" and fr.year == "2020"


def test_sentence_case_keeps_place_names_and_organs_capitalised() -> None:
    got = sentence_case("DANH MỤC THỦ TỤC HÀNH CHÍNH THUỘC THẨM QUYỀN GIẢI QUYẾT CỦA SỞ Y TẾ "
                        "TÍNH ĐIỆN BIÊN")
    assert got == ("Danh mục thủ tục hành chính thuộc thẩm quyền giải quyết của Sở Y tế "
                   "tỉnh Điện Biên")


def test_an_annex_page_takes_number_notation_issuer_and_subject_from_its_subtitle() -> None:
    words = (_row("DANH MỤC THỦ TỤC HÀNH CHÍNH ĐƯỢC SỬA ĐỔI, BỔ SUNG", 400, 100)
             + _row("THUỘC THẨM QUYỀN GIẢI QUYẾT CỦA SỞ Y TẾ TỈNH ĐIỆN BIÊN", 420, 145)
             + _row("(Ban hành kèm theo Quyết định số 339 /QĐ-UBND ngày 19 tháng 02 năm 2025 "
                    "của Chủ tịch UBND tỉnh Điện Biên)", 150, 190)
             + _row("STT Tên thủ tục hành chính Thời hạn giải quyết", 100, 300)
             + _row("1 Cấp mới giấy phép hành nghề 30 ngày", 100, 360))
    text = "\n".join(" ".join(w.text for w in words if w.top == t) for t in (100, 145, 190, 300))
    got = extract(text, words=words, page_size=(2300, 1650))
    assert got["codeNumber"].value == "339"
    assert got["codeNotation"].value == "QĐ-UBND"
    assert got["organName"].value == "Chủ tịch UBND tỉnh Điện Biên"
    assert got["subject"].value == ("Danh mục thủ tục hành chính được sửa đổi, bổ sung thuộc "
                                    "thẩm quyền giải quyết của Sở Y tế tỉnh Điện Biên")
    assert got["issuedDate"].value == "19/02/2025"
    assert all(got[k].confidence < REVIEW_CONFIDENCE
               for k in ("codeNumber", "codeNotation", "organName", "subject"))
    assert "typeName" not in got


def test_a_body_citation_under_a_numbered_header_is_not_taken_for_an_annex() -> None:
    words = (_row("ỦY BAN NHÂN DÂN", 150, 100) + _row("TỈNH ĐIỆN BIÊN", 170, 140)
             + _row("Số: 12/UBND-KT", 160, 190)
             + _row("(Ban hành kèm theo Quyết định số 339/QĐ-UBND ngày 19 tháng 02 năm 2025 "
                    "của Chủ tịch UBND tỉnh Điện Biên)", 150, 400))
    text = "\n".join(" ".join(w.text for w in words if w.top == t) for t in (100, 140, 190, 400))
    got = extract(text, words=words, page_size=(2300, 3200))
    assert got["codeNumber"].value == "12" and got["codeNotation"].value == "UBND-KT"


def _signed(title: str) -> dict[str, Extracted]:
    rows = [("ỦY BAN NHÂN DÂN", 150, 100), ("TỈNH BẠC LIÊU", 170, 140),
            ("Số: 209/QĐ-UBND", 160, 190),
            ("QUYẾT ĐỊNH", 1000, 400), ("Về việc công bố danh mục", 900, 450),
            ("Điều 1. Công bố danh mục thủ tục hành chính.", 200, 600),
            ("Nơi nhận:", 150, 2000), ("- Như Điều 3;", 150, 2040), ("- Lưu: VT.", 150, 2080),
            (title, 1500, 2000), ("Huỳnh Hữu Trí", 1520, 2300)]
    words = [w for text, x, y in rows for w in _row(text, x, y)]
    return extract("\n".join(r[0] for r in rows), words=words, page_size=(2400, 3300))


def test_a_hand_written_mark_before_the_head_title_means_the_deputy_signs() -> None:
    got = _signed("(6. HIỆU TRƯỞNG")["signerTitle"]
    assert got.value == "PHÓ HIỆU TRƯỞNG" and got.confidence < REVIEW_CONFIDENCE
    assert _signed("HIỆU TRƯỞNG")["signerTitle"].value == "HIỆU TRƯỞNG"
    assert _signed("PHÓ CHỦ TỊCH")["signerTitle"].value == "PHÓ CHỦ TỊCH"


def test_a_faculty_head_is_not_snapped_to_a_department_head() -> None:
    from digitize.metadata.lexicon import restore_title

    assert restore_title("TRƯỞNG KHOA") == "TRƯỞNG KHOA"
    assert restore_title("TRUONG PHONG") == "TRƯỞNG PHÒNG"


def test_print_of_the_line_above_is_not_read_with_the_hand_written_number() -> None:
    import cv2
    import numpy as np

    from digitize.metadata.handdigits import slot_ink

    page = np.full((160, 400, 3), 255, np.uint8)
    cv2.putText(page, "ABQ", (110, 67), cv2.FONT_HERSHEY_SIMPLEX, 0.8, (0, 0, 0), 2)  # above
    cv2.putText(page, "39", (110, 115), cv2.FONT_HERSHEY_SCRIPT_SIMPLEX, 2.0, (160, 40, 20), 3)
    box = (100, 52, 220, 130)  # line top 70 (line height 30): 0.6 lh above it
    ink = slot_ink(page, box, 30.0)
    assert ink is not None and ink.shape[0] < 60  # the digits alone, not the print above


def test_faint_coloured_hand_ink_is_kept_whole() -> None:
    import cv2
    import numpy as np

    from digitize.metadata.handdigits import slot_ink

    page = np.full((160, 400, 3), 250, np.uint8)
    cv2.putText(page, "T", (222, 110), cv2.FONT_HERSHEY_SIMPLEX, 0.8, (0, 0, 0), 3)  # print
    cv2.putText(page, "0", (130, 110), cv2.FONT_HERSHEY_SCRIPT_SIMPLEX, 2.0, (245, 195, 235), 3)
    box = (100, 52, 220, 130)
    ink = slot_ink(page, box, 30.0)
    assert ink is not None and ink.shape[0] >= 30 and ink.shape[1] >= 25  # the whole pink 0


def test_both_digit_networks_ship_and_are_averaged() -> None:
    import numpy as np

    from digitize.metadata import digitnet

    assert digitnet.MODEL_B.exists() and digitnet.MODEL_B.stat().st_size < 1_000_000
    assert len(digitnet._models()) == 2
    ink = np.zeros((40, 30), np.uint8)
    ink[5:35, 14:17] = 255
    assert int(digitnet.probabilities(ink).argmax()) == 1


def test_a_number_read_with_low_ocr_confidence_is_read_again_from_its_slot() -> None:
    import cv2
    import numpy as np

    page = np.full((600, 1200, 3), 255, np.uint8)
    for text, x, y in (("UY BAN NHAN DAN", 100, 60), ("TINH CAN THO", 130, 110),
                       ("So: 383 /QD-UBND", 110, 170)):
        cv2.putText(page, text, (x, y), cv2.FONT_HERSHEY_SIMPLEX, 1.0, (0, 0, 0), 2)
    words = [W("ỦY", 100, 38, 50, 26, 95.0), W("BAN", 160, 38, 70, 26, 95.0),
             W("NHÂN", 240, 38, 80, 26, 95.0), W("DÂN", 330, 38, 70, 26, 95.0),
             W("TỈNH", 130, 88, 80, 26, 95.0), W("CẦN", 220, 88, 70, 26, 95.0),
             W("THƠ", 300, 88, 70, 26, 95.0),
             W("Số:3933", 110, 148, 108, 26, 30.0), W("/QĐ-UBND", 226, 148, 149, 26, 90.0)]
    text = "ỦY BAN NHÂN DÂN\nTỈNH CẦN THƠ\nSố:3933 /QĐ-UBND"
    got = extract(text, words=words, page_size=(1200, 600), image=page)
    assert got["codeNumber"].value == "383"
    assert got["codeNumber"].confidence < REVIEW_CONFIDENCE


def test_the_dot_ocr_dropped_after_tp_is_put_back_as_printed() -> None:
    from digitize.metadata.slots import abbreviation_dot

    def row(gap_after_tp: int) -> tuple[Line, list[W]]:
        ws, x = [], 100
        for t, w in (("Tp", 36), ("Hồ", 39), ("Chí", 48), ("Minh,", 74), ("ngày", 60)):
            ws.append(W(t, x, 240, w, 28, 92.0))
            x += w + (gap_after_tp if t == "Tp" else 10)
        return Line("Tp Hồ Chí Minh, ngày", 100, 240, x, 268), ws

    assert abbreviation_dot("Tp Hồ Chí Minh", *row(5)) == "Tp.Hồ Chí Minh"
    assert abbreviation_dot("Tp Hồ Chí Minh", *row(11)) == "Tp. Hồ Chí Minh"
    assert abbreviation_dot("Tp. Hồ Chí Minh", *row(5)) == "Tp. Hồ Chí Minh"
    assert abbreviation_dot("Cần Thơ", None, None) == "Cần Thơ"


def test_the_second_look_does_not_drop_an_end_digit_its_crop_cut(monkeypatch) -> None:
    from digitize.metadata import doubtful
    from digitize.metadata.header import Found, Page

    line = Line("Số: 2342/QĐ-UBND", 110, 148, 375, 174, 0.5)
    page = Page([line], 1200, 600, True)
    words = [W("Số:", 110, 148, 45, 26, 95.0), W("2342/QĐ-UBND", 161, 148, 214, 26, 30.0)]
    image = np.full((600, 1200, 3), 255, np.uint8)
    cv2.putText(image, "So: 2342/QD-UBND", (110, 170), cv2.FONT_HERSHEY_SIMPLEX, 1.0,
                (0, 0, 0), 2)
    for reread, want in (("234", "2342"), ("2842", "2842")):
        monkeypatch.setattr(doubtful, "tesseract_digits", lambda img, r=reread: (r, 0.9))
        found = Found("2342", 0.83, line)
        doubtful.recheck_number(page, image, found, line, words)
        assert found.value == want


def test_an_annex_citing_a_number_below_ten_keeps_its_leading_zero() -> None:
    # as the strict Số path and NĐ 30 write it (the annex path had made "05" into "5")
    words = (_row("DANH MỤC THỦ TỤC HÀNH CHÍNH ĐƯỢC SỬA ĐỔI, BỔ SUNG", 400, 100)
             + _row("(Ban hành kèm theo Quyết định số 05 /QĐ-UBND ngày 19 tháng 02 năm 2025 "
                    "của Chủ tịch UBND tỉnh Điện Biên)", 150, 190))
    text = "\n".join(" ".join(w.text for w in words if w.top == t) for t in (100, 190))
    got = extract(text, words=words, page_size=(2300, 1650))
    assert got["codeNumber"].value == "05"
