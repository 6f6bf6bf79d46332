"""Snippets, boxes, date-range tags and index columns (pure functions, no database)."""

from __future__ import annotations

import json
from datetime import date

from archive.search.find import _date_tags
from archive.search.highlight import boxes_for, match_positions, snippet_for
from archive.search.index import columns, effective_secrecy
from digitize.store.search_index import page_document


def test_match_positions_words_phrases_prefixes() -> None:
    toks = ["quyet", "dinh", "ve", "so", "hoa", "ho", "so"]
    assert match_positions(toks, [(("so", "hoa"), False)]) == {3, 4}
    assert match_positions(toks, [(("so",), False)]) == {3, 6}
    assert match_positions(toks, [(("ho",), True)]) == {4, 5}  # hoa, ho
    assert match_positions(toks, [(("ve", "s"), True)]) == {2, 3}


def test_snippet_marks_matches_typed_without_marks() -> None:
    text = "Căn cứ Luật Lưu trữ; Quyết định về việc số hóa tài liệu lưu trữ của tỉnh."
    s = snippet_for(text, [(("quyet", "dinh"), False), (("so", "hoa"), False)])
    assert "«Quyết định»" in s and "«số hóa»" in s and "«" not in s.replace("«Quyết", "")[:5]


def test_snippet_of_a_long_page_is_cut_around_the_matches() -> None:
    text = " ".join(["văn bản"] * 200) + " bảo đảm an toàn thông tin " + " ".join(["lưu"] * 200)
    s = snippet_for(text, [(("an", "toan"), False)], width=10)
    assert s.startswith("… ") and s.endswith(" …") and "«an toàn»" in s
    assert len(s.split()) <= 14


def test_boxes_of_matched_words_from_ocr_words() -> None:
    words = [{"text": t, "left": 10 * i, "top": 5, "width": 9, "height": 12, "conf": 90}
             for i, t in enumerate(["Quyết", "định", "số", "15/QĐ-UBND", "về", "số", "hóa."])]
    ocr = json.dumps({"words": words})
    assert boxes_for(ocr, [(("so", "hoa"), False)]) == [(50, 5, 9, 12), (60, 5, 9, 12)]
    assert boxes_for(ocr, [(("15", "qd", "ubnd"), False)]) == [(30, 5, 9, 12)]
    assert boxes_for(None, [(("so",), False)]) == []
    assert boxes_for("not json", [(("so",), False)]) == []


def test_date_tags_cover_ranges_exactly() -> None:
    assert _date_tags(date(2024, 6, 8), date(2024, 6, 8)) == ["__d20240608"]
    assert _date_tags(date(2024, 1, 1), date(2024, 12, 31)) == ["__y2024"]
    assert _date_tags(date(2020, 1, 1), date(2029, 12, 31)) == ["__x202"]
    tags = _date_tags(date(2023, 12, 30), date(2025, 2, 1))
    assert tags == ["__d20231230", "__d20231231", "__y2024", "__m202501", "__d20250201"]


def test_effective_secrecy_takes_the_highest_level() -> None:
    assert effective_secrecy("", "") == ""
    assert effective_secrecy("MẬT", "") == "mat"
    assert effective_secrecy("Mật", "TỐI MẬT") == "toimat"
    assert effective_secrecy("Tuyệt mật", "Mật") == "tuyetmat"


def test_page_columns_hold_exact_folded_notation_and_tags() -> None:
    row = {"id": 1, "dossier_id": "D1", "text": "Quyết định số hóa ban hành", "title": "Hồ sơ",
           "file_code": "KG.2024.01", "secrecy": "", "dossier_meta": "{}",
           "doc_id": "KG.2024.01.1", "type_code": "02", "issued": "2024-06-08",
           "organ": "Sở Nội vụ", "notation": None,
           "doc_meta": json.dumps({"codeNumber": "15", "codeNotation": "QĐ-UBND",
                                   "maintenance": "01", "secrecy": "MẬT"})}
    meta_e, meta_f, body_e, body_f, tags = columns(page_document(row))
    assert "quyết" in body_e.split() and "ban" not in body_e.split()  # exact: marked only
    assert not [t for t in body_e.split() if t.startswith("_")]  # and no pairs
    assert {"quyet", "ban", "_quyet_dinh", "_hoa_ban"} <= set(body_f.split())
    assert "__nk15qdubnd" in meta_f.split() and "quyet" in meta_f.split()  # type label
    assert {"__ty02", "__y2024", "__m202406", "__d20240608", "__x202", "__ogso", "__ognoi",
            "__mt01", "__secret", "__secmat"} <= set(tags.split())
