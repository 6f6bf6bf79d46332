"""Extraction from page text (no geometry): layouts, OCR damage and the JSON contract."""

from __future__ import annotations

import json

import pytest

from digitize.devtools.sample import make_document, render_document
from digitize.metadata.extract import Extracted, extract, to_json
from tests.unit.metadata.wordbox import words_from_rows

FIELDS = ("codeNumber", "codeNotation", "issuedDate", "typeName", "organName", "subject",
          "signerName", "signerTitle", "place")


def _same(field: str, a: str, b: str) -> bool:
    return (a[:1].lower() + a[1:] == b[:1].lower() + b[1:]) if field == "subject" else a == b


def test_every_field_from_the_drawn_text_of_60_varied_pages() -> None:
    misses = []
    for seed in range(60):
        doc = make_document(seed, variety=True, secrecy="TỐI MẬT" if seed % 9 == 0 else "",
                            urgency="KHẨN" if seed % 7 == 0 else "")
        render_document(doc, dpi=50)
        got = extract(doc.text)
        truth = doc.truth()
        misses += [(seed, f, truth[f], got.get(f)) for f in FIELDS
                   if f not in got or not _same(f, got[f].value, truth[f])]
        assert (got["secrecy"].value if "secrecy" in got else "") == doc.secrecy, seed
        assert (got["urgency"].value if "urgency" in got else "") == doc.urgency, seed
    assert misses == []


STATE = """ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH KIÊN GIANG Độc lập - Tự do - Hạnh phúc
{so} Kiên Giang, ngày 08 tháng 6 năm 2022

QUYẾT ĐỊNH
Về việc ban hành Kế hoạch chuyển đổi số năm 2024

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch số hóa tài liệu lưu trữ giai đoạn
Nơi nhận: TM. ỦY BAN NHÂN DÂN
- Như Điều 3; CHỦ TỊCH
- Lưu: VT, TCCB.

Nguyễn Văn Hùng
"""


@pytest.mark.parametrize("so", ["Số: 15/QĐ-UBND", "S6: 15/QD-UBND", "Số : 15 / QÐ - UBND",
                                "So: 15/QĐ-UBND", "Sô 15/QĐ-UBND", "Số: l5/QĐ-UBND"])
def test_number_survives_ocr_damage(so: str) -> None:
    got = extract(STATE.format(so=so))
    assert got["codeNumber"].value == "15"
    assert got["codeNotation"].value == "QĐ-UBND"
    assert got["typeName"].value == "02" and got["typeName"].confidence >= 0.95
    assert got["issuedDate"].value == "08/06/2022"
    assert got["organName"].value == "ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG"
    assert got["subject"].value == "ban hành Kế hoạch chuyển đổi số năm 2024"
    assert got["signerName"].value == "Nguyễn Văn Hùng"
    assert got["signerTitle"].value == "CHỦ TỊCH"
    assert got["recipients"].value == "Như Điều 3; Lưu: VT, TCCB"


def test_dates_without_diacritics_and_with_specks() -> None:
    for line in ("Kien Giang, ngay 08 thang 6 nam 2022", "Kiên Giang, l ngày 08 tháng 6 năm l 2022",
                 "Kiên Giang, ngày 8 tháng 06 năm 2022"):
        text = STATE.format(so="Số: 15/QĐ-UBND").replace("Kiên Giang, ngày 08 tháng 6 năm 2022",
                                                          line)
        assert extract(text)["issuedDate"].value == "08/06/2022", line


def test_party_layout_and_cong_van() -> None:
    party = ("ĐẢNG BỘ TỈNH KIÊN GIANG ĐẢNG CỘNG SẢN VIỆT NAM\nTỈNH ỦY\n*\n"
             "Số 22-NQ-TU Kiên Giang, ngày 01 tháng 02 năm 2023\n\nNGHỊ QUYẾT\n"
             "Về công tác chuyển đổi số\n\nCăn cứ Điều lệ Đảng;\n")
    got = extract(party)
    assert (got["codeNumber"].value, got["codeNotation"].value) == ("22", "NQ/TU")
    assert got["typeName"].value == "01" and got["organName"].value == "TỈNH ỦY"
    cv = ("UBND TỈNH AN GIANG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ NỘI VỤ Độc lập - Tự do - "
          "Hạnh phúc\nSố: 123/SNV-VP An Giang, ngày 05 tháng 3 năm 2024\nV/v triển khai số hóa "
          "hồ sơ\nthủ tục hành chính\n\nKính gửi: Các sở, ban, ngành tỉnh.\n")
    got = extract(cv)
    assert got["typeName"].value == "22"
    assert got["codeNotation"].value == "SNV-VP"
    assert got["subject"].value == "triển khai số hóa hồ sơ thủ tục hành chính"
    assert got["organName"].value == "SỞ NỘI VỤ"


def test_to_json_is_the_design_contract() -> None:
    got = extract(STATE.format(so="Số: 15/QĐ-UBND"))
    doc = json.loads(to_json(got))
    assert doc["codeNumber"] == {"value": "15", "confidence": doc["codeNumber"]["confidence"]}
    assert all(set(v) == {"value", "confidence"} for v in doc.values())
    assert "secrecy" not in doc  # fields not found are omitted
    assert to_json({"typeName": Extracted("02", 0.97)}) == \
        '{"typeName": {"value": "02", "confidence": 0.97}}'
    assert extract("") == {} and to_json({}) == "{}"


def test_geometry_separates_header_columns_and_finds_the_signature_block() -> None:
    rows = [(300, 200, "ỦY BAN NHÂN DÂN"), (1300, 200, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            (300, 250, "HUYỆN CHÂU THÀNH"), (1350, 250, "Độc lập - Tự do - Hạnh phúc"),
            (320, 320, "Số: 07/KH-UBND"), (1300, 330, "Châu Thành, ngày 15 tháng 02 năm 2024"),
            (1050, 480, "KẾ HOẠCH"), (700, 530, "Về việc tổ chức hội nghị tổng kết"),
            (400, 640, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"),
            (300, 1500, "Nơi nhận:"), (1500, 1500, "KT. CHỦ TỊCH"),
            (300, 1550, "- Như trên;"), (1500, 1550, "PHÓ CHỦ TỊCH"),
            (300, 1600, "- Lưu: VT."), (1480, 1800, "Trần Thị Thu Hà")]
    got = extract("", words=words_from_rows(rows), page_size=(2480, 3508))
    assert got["organName"].value == "ỦY BAN NHÂN DÂN HUYỆN CHÂU THÀNH"
    assert (got["codeNumber"].value, got["codeNotation"].value) == ("07", "KH-UBND")
    assert got["issuedDate"].value == "15/02/2024" and got["place"].value == "Châu Thành"
    assert got["typeName"].value == "10"
    assert got["subject"].value == "tổ chức hội nghị tổng kết"
    assert got["signerTitle"].value == "PHÓ CHỦ TỊCH"
    assert got["signerName"].value == "Trần Thị Thu Hà"
    assert got["recipients"].value == "Như trên; Lưu: VT"


def test_a_ticked_box_beside_a_word_is_not_a_signer() -> None:
    """A form's ticked box ``X`` before a given name (``X Toàn``) is no name: every Vietnamese
    syllable has a vowel. (Found on a real annex page with no signature, after the OCR stopped
    leaving ``X_`` there.) An Ê Đê name starting with ``Y`` still is one."""
    rows = [(300, 200, "ỦY BAN NHÂN DÂN"), (1300, 200, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            (300, 250, "TỈNH ĐẮK LẮK"), (1350, 250, "Độc lập - Tự do - Hạnh phúc"),
            (320, 320, "Số: 07/KH-UBND"), (1300, 330, "Đắk Lắk, ngày 15 tháng 02 năm 2024"),
            (1050, 480, "KẾ HOẠCH"), (700, 530, "Về việc tổ chức hội nghị tổng kết"),
            (300, 1500, "Nơi nhận:"), (1500, 1500, "KT. CHỦ TỊCH"),
            (300, 1550, "- Như trên;"), (1500, 1550, "PHÓ CHỦ TỊCH"),
            (300, 1600, "- Lưu: VT."), (1480, 1800, "{name}")]
    ticked = extract("", words=words_from_rows([(x, y, t.format(name="X Toàn"))
                                                for x, y, t in rows]), page_size=(2480, 3508))
    assert "signerName" not in ticked or ticked["signerName"].value != "X Toàn"
    ede = extract("", words=words_from_rows([(x, y, t.format(name="Y Biêr Niê"))
                                             for x, y, t in rows]), page_size=(2480, 3508))
    assert ede["signerName"].value == "Y Biêr Niê"
