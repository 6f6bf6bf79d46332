"""Code lists, identifiers and TT 05/2025 validation."""

from __future__ import annotations

import pytest

from digitize.errors import ValidationError
from digitize.metadata import codes
from digitize.metadata.identifiers import doc_code, doc_id, file_code, parse_doc_id, split_file_code
from digitize.metadata.schema import (
    DOCUMENT_FIELDS,
    DOSSIER_FIELDS,
    RequiredFields,
    validate_document,
    validate_dossier,
)


def test_code_lists_match_design_section_5() -> None:
    assert len(codes.options("typeName")) == 32
    assert codes.label("typeName", "22") == "Công văn"
    assert codes.label("maintenance", "01") == "Vĩnh viễn"
    assert codes.label("mode", "03") == "Mật"
    assert [c for c, _ in codes.options("language")] == [f"{i:02d}" for i in range(1, 12)]
    assert codes.options("confidenceLevel")[1] == ("02", "Số hóa")


def test_code_for_ignores_case_diacritics_and_tone_placement() -> None:
    assert codes.code_for("typeName", "QUYẾT ĐỊNH") == "02"
    assert codes.code_for("typeName", "quyet dinh") == "02"
    assert codes.code_for("typeName", "Giấy uỷ quyền") == "16"
    assert codes.code_for("typeName", "02") == "02"
    assert codes.code_for("typeName", "Thông tư") is None
    with pytest.raises(ValidationError):
        codes.label("typeName", "99")
    with pytest.raises(ValidationError):
        codes.options("nope")


def test_type_abbreviations_of_nd30_appendix_iii() -> None:
    assert codes.abbreviation("02") == "QĐ"
    assert codes.abbreviation("15") == "TTr"
    assert codes.abbreviation("05") == "QyĐ"
    assert codes.abbreviation("22") is None  # công văn has none
    assert codes.abbreviation("22", party=True) == "CV"
    assert codes.type_for_abbreviation("QĐ") == "02"
    assert codes.type_for_abbreviation("QD") == "02"  # OCR lost the stroke
    assert codes.type_for_abbreviation("HĐ") == "21" and codes.type_for_abbreviation("HD") == "08"
    assert codes.type_for_abbreviation("KL") == "32"


def test_identifiers_follow_standards_2_5() -> None:
    fc = file_code("H49.64.33", 2001, "160")
    assert fc == "H49.64.33.2001.160"
    assert doc_id(fc, 1) == "H49.64.33.2001.160.1"
    assert doc_code(fc, 1) == "H49.64.33.2001.160.0000001"
    assert split_file_code("000.00.00.H49.2024.TCCB-01") == ("000.00.00.H49", "2024", "TCCB-01")
    assert parse_doc_id("H49.64.33.2001.160.12", fc) == 12
    assert parse_doc_id("H49.64.33.2001.161.12", fc) is None
    for bad in (("h49", 2001, "1"), ("H49", 201, "1"), ("H49", 2001, "a b"), ("A" * 36, 2001, "1")):
        with pytest.raises(ValidationError):
            file_code(*bad)
    with pytest.raises(ValidationError):
        doc_id(fc, 0)


def _dossier(**kw: object) -> dict[str, object]:
    d = {"fileCode": "H49.64.33.2024.01.TH", "title": "Hồ sơ số hóa", "maintenance": "01",
         "mode": "01", "language": "01", "startDate": "01/02/2024", "endDate": "31/12/2024",
         "totalDoc": "2", "numberOfPaper": "3", "numberOfPage": "3", "riskRecovery": "0",
         "confidenceLevel": "02", "paperFileCode": "H49.K1.160"}
    d.update(kw)
    return d


def _doc(n: int, **kw: object) -> dict[str, object]:
    fc = "H49.64.33.2024.01.TH"
    d = {"docId": doc_id(fc, n), "docCode": doc_code(fc, n), "maintenance": "01",
         "typeName": "02", "codeNumber": "15", "codeNotation": "QĐ-UBND",
         "issuedDate": "08/06/2024", "organName": "ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG",
         "subject": "ban hành kế hoạch", "language": "01", "numberOfPage": "1", "mode": "01",
         "riskRecovery": "0"}
    d.update(kw)
    return d


def test_valid_dossier_and_documents_pass() -> None:
    docs = [_doc(1), _doc(2, numberOfPage="2", codeNotation="NQ/TU")]
    assert validate_dossier(_dossier(), documents=docs) == []
    assert validate_document(_doc(1)) == []


def fields(problems: list) -> set[str]:
    return {p.field for p in problems if p.severity == "error"}


def test_problems_name_the_field_in_vietnamese() -> None:
    probs = validate_document(_doc(1, subject="", issuedDate="2024-06-08", typeName="99"))
    assert fields(probs) == {"subject", "issuedDate", "typeName"}
    by = {p.field: p for p in probs}
    assert by["subject"].vi.startswith("Trích yếu nội dung")
    assert "DD/MM/YYYY" in by["issuedDate"].vi
    assert by["typeName"].vi.startswith("Tên loại tài liệu")


@pytest.mark.parametrize(("change", "field"), [
    ({"issuedDate": "31/02/2024"}, "issuedDate"),
    ({"codeNumber": "15a"}, "codeNumber"),
    ({"codeNotation": "QĐ UBND"}, "codeNotation"),
    ({"subject": "x" * 501}, "subject"),
    ({"mode": "04"}, "mode"),
    ({"language": "01,12"}, "language"),
    ({"numberOfPage": "-1"}, "numberOfPage"),
    ({"docCode": "H49.64.33.2024.01.TH.1"}, "docCode"),
    ({"secrecy": "BÍ MẬT"}, "secrecy"),
    ({"riskRecovery": "1"}, "riskRecoveryStatus"),
    ({"confidenceLevel": "03"}, "process"),
])
def test_document_rules(change: dict[str, str], field: str) -> None:
    assert field in fields(validate_document(_doc(1, **change)))


def test_dossier_rules_and_consistency() -> None:
    assert "fileCode" in fields(validate_dossier(_dossier(fileCode="H49-2024")))
    assert "endDate" in fields(validate_dossier(_dossier(startDate="2025", endDate="2024")))
    assert "paperFileCode" in fields(validate_dossier(_dossier(paperFileCode="")))
    assert "numberOfPaper" in fields(validate_dossier(_dossier(numberOfPaper="")))
    assert validate_dossier(_dossier(startDate="02/2024", endDate="2024")) == []
    docs = [_doc(1), _doc(3)]
    probs = validate_dossier(_dossier(totalDoc="3", numberOfPage="5"), documents=docs)
    assert {"totalDoc", "numberOfPage", "docId", "docCode"} <= fields(probs)
    late = validate_dossier(_dossier(endDate="01/03/2024"), documents=[_doc(1), _doc(2)])
    assert [p.severity for p in late if p.field == "startDate"] == ["warning", "warning"]


def test_required_fields_follow_the_office_profile() -> None:
    doc = _doc(1)
    del doc["codeNumber"]
    assert validate_document(doc) == []
    assert fields(validate_document(doc, RequiredFields.strict())) >= {"codeNumber", "keyword"}
    custom = RequiredFields().with_fields(document=["signerName"])
    assert fields(validate_document(doc, custom)) == {"signerName"}


def test_long_doc_id_warns_but_is_not_an_error() -> None:
    fc = "000.00.00.H49.2024.TCCB-01.12"
    probs = validate_document(_doc(1, docId=doc_id(fc, 1), docCode=doc_code(fc, 1)))
    assert [(p.field, p.severity) for p in probs] == [("docId", "warning")]


def test_field_tables_carry_labels_types_and_lengths() -> None:
    assert len(DOSSIER_FIELDS) == 18
    assert {"secrecy", "urgency", "signerName", "signerTitle", "place"} <= set(DOCUMENT_FIELDS)
    assert DOCUMENT_FIELDS["subject"].max_len == 500
    assert DOCUMENT_FIELDS["typeName"].code_list == "typeName"
    assert DOSSIER_FIELDS["startDate"].type == "date"
