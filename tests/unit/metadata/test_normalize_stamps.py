"""Text normalisation, the header lexicon, red stamps by colour and the second-look reader."""

from __future__ import annotations

import numpy as np

from digitize.devtools.sample import make_document, render_document
from digitize.metadata.header import canonical_notation, strip_national
from digitize.metadata.lexicon import restore_title, restore_upper
from digitize.metadata.normalize import fold, nfc
from digitize.metadata.reread import reread_region
from digitize.metadata.secrecy import detect_secrecy, detect_urgency
from digitize.metadata.stamps import find_red_stamps, stamp_ink


def test_nfc_and_fold() -> None:
    assert nfc("QÐ-UBND") == "QĐ-UBND"  # U+00D0 read for Đ
    assert nfc("CỘNG HOÀ, Thuỷ, qúy, quý") == "CỘNG HÒA, Thủy, quý, quý"
    assert fold("Quyết định số 15") == "QUYET DINH SO 15"


def test_lexicon_restores_header_words() -> None:
    assert restore_upper("ỦY BAN NHÂN DÂN THANH PHO CÂN THƠ") == "ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ"
    assert restore_upper("HỘI ĐỒNG NHÂN DÂN TÍNH ĐỒNG THÁP") == "HỘI ĐỒNG NHÂN DÂN TỈNH ĐỒNG THÁP"
    assert restore_upper("THANH TRA TỈNH") == "THANH TRA TỈNH"  # ambiguous words are left alone
    assert restore_upper("SỞ XYZ", ["Phú Quốc"]) == "SỞ XYZ"
    assert restore_title("ĐHÓ GIÁM ĐỐC") == "PHÓ GIÁM ĐỐC"
    assert restore_title("KT. CHỦ TỊCH") == "KT. CHỦ TỊCH"


def test_notation_repairs() -> None:
    assert canonical_notation("QD-UBND", party=False) == "QĐ-UBND"
    assert canonical_notation("TTR - UBND", party=False) == "TTr-UBND"
    assert canonical_notation("CI-HDND", party=False, type_code="03") == "CT-HĐND"
    assert canonical_notation("PABVĐK", party=False, type_code="11") == "PA-BVĐK"
    assert canonical_notation("NQ-TU", party=True) == "NQ/TU"
    assert canonical_notation("QyĐ-UBNĐnh", party=False) == "QyĐ-UBND"
    assert strip_national("TỈNH KIÊN GIANG Độc lập - Tự do - Hạnh phúc") == "TỈNH KIÊN GIANG"


def test_red_stamps_are_found_and_classified_by_shape() -> None:
    doc = make_document(5, party=False, variety=True, seal=True, urgency="KHẨN")
    img = render_document(doc, dpi=100)
    kinds = [s.kind for s in find_red_stamps(img)]
    assert "rect" in kinds and "seal" in kinds
    rect = next(s for s in find_red_stamps(img) if s.kind == "rect")
    assert rect.top < img.shape[0] * 0.3
    ink = stamp_ink(img, rect)
    assert ink.ndim == 2 and ink.min() == 0 and ink.max() == 255
    assert find_red_stamps(np.full((400, 300, 3), 255, np.uint8)) == []
    assert find_red_stamps(np.full((400, 300), 255, np.uint8)) == []


def test_stamp_reader_decides_secrecy_or_urgency() -> None:
    doc = make_document(6, party=False, variety=True, urgency="HỎA TỐC")
    img = render_document(doc, dpi=100)
    text = "\n".join(ln for ln in doc.lines if ln != "HỎA TỐC")
    assert detect_urgency(text, image=img, reader=lambda _i: "HỎA TỐC").level == "HỎA TỐC"
    assert detect_secrecy(text, image=img, reader=lambda _i: "HỎA TỐC") is None
    mark = detect_secrecy(text, image=img, reader=lambda _i: "~~")  # unreadable: fail closed
    assert mark is not None and mark.confidence < 0.5
    assert detect_secrecy(text, image=img, reader=lambda _i: "TỐI MẬT").level == "TỐI MẬT"


def test_reread_cuts_a_region_into_lines() -> None:
    doc = make_document(7, party=False)
    img = render_document(doc, dpi=100)
    seen: list[tuple[int, int]] = []

    def reader(line: np.ndarray) -> str:
        seen.append(line.shape)
        return f"line {len(seen)}"

    h, w = img.shape[:2]
    out = reread_region(img, (0, 0, w, h // 6), reader)
    assert len(out) >= 3 and out[0][0] == "line 1"
    assert all(0 <= b[1] < b[3] <= h // 6 for _, b in out)
    assert reread_region(img, (10, 10, 5, 5), reader) == []
