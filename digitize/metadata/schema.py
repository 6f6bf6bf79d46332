"""TT 05/2025 dossier and document fields (DESIGN section 5) and their validation."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from digitize.metadata import codes
from digitize.metadata.identifiers import OFFICE_CODE_RE, doc_code, doc_id, split_file_code

__all__ = ["DOCUMENT_FIELDS", "DOSSIER_FIELDS", "OWN_DOCUMENT_FIELDS", "FieldProblem", "FieldSpec",
           "RequiredFields", "parse_date", "validate_document", "validate_dossier"]


@dataclass(frozen=True)
class FieldSpec:
    """One metadata element: XML name, Vietnamese label, type, max length, code list."""

    name: str
    vi: str
    type: str  # "string" | "code" | "codes" | "date" | "number" | "boolean"
    max_len: int | None = None
    code_list: str | None = None


@dataclass(frozen=True)
class FieldProblem:
    """A validation finding, named in Vietnamese for the clerk and in English for logs."""

    field: str
    vi: str
    en: str
    severity: str = "error"  # "error" | "warning"


def _f(name: str, vi: str, typ: str, max_len: int | None = None,
       code_list: str | None = None) -> FieldSpec:
    if typ in ("code", "codes", "boolean") and code_list is None:
        code_list = name
    return FieldSpec(name, vi, typ, max_len, code_list)


#: Dossier elements (SIP_hoso EAD.xml), STANDARDS 2.2.
DOSSIER_FIELDS: dict[str, FieldSpec] = {s.name: s for s in [
    _f("fileCode", "Mã hồ sơ", "string", 100), _f("title", "Tiêu đề hồ sơ", "string", 1000),
    _f("maintenance", "Thời hạn bảo quản", "code", 100),
    _f("mode", "Chế độ sử dụng", "code", 30), _f("language", "Ngôn ngữ", "codes", 100),
    _f("startDate", "Thời gian bắt đầu", "date"), _f("endDate", "Thời gian kết thúc", "date"),
    _f("keyword", "Từ khóa", "string", 100),
    _f("totalDoc", "Tổng số tài liệu trong hồ sơ", "number", 10),
    _f("numberOfPaper", "Số lượng tờ", "number", 10),
    _f("numberOfPage", "Số lượng trang", "number", 10),
    _f("format", "Tình trạng vật lý", "code", 50), _f("inforSign", "Ký hiệu thông tin", "string", 30),
    _f("confidenceLevel", "Mức độ tin cậy", "code", 40),
    _f("paperFileCode", "Mã hồ sơ gốc giấy", "string", 100),
    _f("riskRecovery", "Chế độ dự phòng", "boolean", 1),
    _f("riskRecoveryStatus", "Tình trạng dự phòng", "code", 2),
    _f("description", "Ghi chú", "string", 2000),
]}

#: Document elements (EAD_doc), STANDARDS 2.3, plus our own secrecy/urgency/signer/place.
DOCUMENT_FIELDS: dict[str, FieldSpec] = {s.name: s for s in [
    _f("docId", "Mã định danh tài liệu", "string", 25),
    _f("docCode", "Mã lưu trữ của tài liệu", "string", 100),
    _f("maintenance", "Thời hạn bảo quản", "code", 100),
    _f("typeName", "Tên loại tài liệu", "code", 10),
    _f("codeNumber", "Số của tài liệu", "string", 11),
    _f("codeNotation", "Ký hiệu của tài liệu", "string", 30),
    _f("issuedDate", "Ngày, tháng, năm tài liệu", "date"),
    _f("organName", "Tên cơ quan, tổ chức ban hành", "string", 200),
    _f("subject", "Trích yếu nội dung", "string", 500),
    _f("language", "Ngôn ngữ", "codes", 100),
    _f("numberOfPage", "Số lượng trang", "number", 4),
    _f("inforSign", "Ký hiệu thông tin", "string", 30), _f("keyword", "Từ khóa", "string", 100),
    _f("mode", "Chế độ sử dụng", "code", 20), _f("confidenceLevel", "Mức độ tin cậy", "code", 30),
    _f("autograph", "Bút tích", "string", 2000), _f("format", "Tình trạng vật lý", "code", 50),
    _f("riskRecovery", "Chế độ dự phòng", "boolean", 1),
    _f("riskRecoveryStatus", "Tình trạng dự phòng", "code", 2),
    _f("process", "Quy trình xử lý", "boolean", 1, "riskRecovery"),
    _f("description", "Ghi chú", "string", 500),
    _f("secrecy", "Độ mật", "code", 20), _f("urgency", "Độ khẩn", "code", 30),
    _f("signerName", "Người ký", "string", 100), _f("signerTitle", "Chức vụ người ký", "string", 200),
    _f("place", "Địa danh", "string", 100),
]}
#: Our own document fields (kept in the record, not elements of TT 05's EAD_doc).
OWN_DOCUMENT_FIELDS = ("secrecy", "urgency", "signerName", "signerTitle", "place")


@dataclass(frozen=True)
class RequiredFields:
    """Which fields an office profile requires (the standard's defaults; stricter is common)."""

    dossier: frozenset[str] = frozenset({
        "fileCode", "title", "maintenance", "mode", "language", "startDate", "endDate",
        "totalDoc", "numberOfPage", "riskRecovery"})
    document: frozenset[str] = frozenset({
        "docId", "docCode", "maintenance", "typeName", "issuedDate", "organName", "subject",
        "language", "numberOfPage", "mode", "riskRecovery"})
    digitized: bool = True  # numberOfPaper required for digitized dossiers

    @classmethod
    def strict(cls) -> RequiredFields:
        """Stricter local practice: also keyword, description, codeNumber, codeNotation."""
        base = cls()
        return cls(base.dossier | {"keyword", "description"},
                   base.document | {"keyword", "description", "codeNumber", "codeNotation"})

    def with_fields(self, *, dossier: Sequence[str] = (),
                    document: Sequence[str] = ()) -> RequiredFields:
        """A copy that also requires the given fields."""
        return RequiredFields(self.dossier | set(dossier), self.document | set(document),
                              self.digitized)


_DATE_FORMS = (("%d/%m/%Y", re.compile(r"^\d{2}/\d{2}/\d{4}$")),
               ("%m/%Y", re.compile(r"^\d{2}/\d{4}$")), ("%Y", re.compile(r"^\d{4}$")))
_NOTATION_RE = re.compile(r"^(?:(?:19|20)\d{2}/)?[A-ZĐ][A-Za-zĐđ0-9]*(?:[-/][A-ZĐ0-9][A-Za-zĐđ0-9]*)*$")


def parse_date(value: str, *, partial: bool = False) -> dt.date | None:
    """Parse ``DD/MM/YYYY`` (and ``MM/YYYY``/``YYYY`` when ``partial``); ``None`` if invalid.

    Partial dates map to their first day.
    """
    for fmt, rx in _DATE_FORMS if partial else _DATE_FORMS[:1]:
        if rx.match(value):
            try:
                return dt.datetime.strptime(value, fmt).date()
            except ValueError:
                return None
    return None


def _p(spec: FieldSpec, vi: str, en: str, severity: str = "error") -> FieldProblem:
    return FieldProblem(spec.name, f"{spec.vi}: {vi}", f"{spec.name}: {en}", severity)


def _check_value(spec: FieldSpec, value: object, *, partial_dates: bool) -> list[FieldProblem]:
    text = value if isinstance(value, str) else str(value)
    out: list[FieldProblem] = []
    if spec.max_len is not None and len(text) > spec.max_len:
        sev = "warning" if spec.name == "docId" else "error"
        out.append(_p(spec, f"dài {len(text)} ký tự, tối đa {spec.max_len}",
                      f"{len(text)} characters, at most {spec.max_len}", sev))
    if spec.type == "date" and parse_date(text, partial=partial_dates) is None:
        form = "DD/MM/YYYY, MM/YYYY hoặc YYYY" if partial_dates else "DD/MM/YYYY"
        out.append(_p(spec, f"ngày không hợp lệ {text!r} (định dạng {form})",
                      f"invalid date {text!r} (expected {form})"))
    elif spec.type == "number" and not (text.isdigit() and not isinstance(value, bool)):
        out.append(_p(spec, f"phải là số nguyên không âm, không phải {text!r}",
                      f"must be a non-negative integer, not {text!r}"))
    elif spec.type in ("code", "boolean") and spec.code_list:
        if codes.code_for(spec.code_list, text) != text:
            out.append(_p(spec, f"mã {text!r} không có trong bảng mã",
                          f"{text!r} is not a code of {spec.code_list}"))
    elif spec.type == "codes":
        items = value if isinstance(value, (list, tuple)) else re.split(r"[,;\s]+", text)
        bad = [i for i in items if codes.code_for("language", str(i)) != i]
        if bad or not items:
            out.append(_p(spec, f"mã không có trong bảng mã: {bad}", f"unknown codes {bad}"))
    return out


def _validate(d: Mapping[str, object], specs: Mapping[str, FieldSpec], required: set[str],
              *, partial_dates: bool) -> list[FieldProblem]:
    out: list[FieldProblem] = []
    for name in sorted(required):
        if d.get(name) in (None, "", [], ()):
            spec = specs.get(name) or FieldSpec(name, name, "string")
            out.append(_p(spec, "bắt buộc nhưng còn trống", "required but empty"))
    for name, value in d.items():
        spec = specs.get(name)
        if spec is None:
            out.append(FieldProblem(name, f"Trường không có trong chuẩn: {name}",
                                    f"unknown field {name}", "warning"))
        elif value not in (None, "", [], ()):
            out.extend(_check_value(spec, value, partial_dates=partial_dates))
    return out


def _conditional(d: Mapping[str, object], specs: Mapping[str, FieldSpec]) -> set[str]:
    need = set()
    if str(d.get("riskRecovery", "")) == "1":
        need.add("riskRecoveryStatus")
    if "paperFileCode" in specs and d.get("confidenceLevel") == "02":
        need.add("paperFileCode")
    if "process" in specs and d.get("confidenceLevel") in ("01", "03"):
        need.add("process")
    return need


def validate_dossier(d: Mapping[str, object], profile: RequiredFields | None = None, *,
                     documents: Sequence[Mapping[str, object]] | None = None
                     ) -> list[FieldProblem]:
    """Check a dossier's metadata against TT 05/2025 and the office profile.

    Args:
        d: Dossier fields by XML element name.
        profile: Required fields of the office; the standard's defaults if ``None``.
        documents: The dossier's documents, when known, to check ``totalDoc``, the page count,
            the dates and every ``docId``/``docCode``.

    Returns:
        The problems found (empty when valid); ``severity="warning"`` ones do not block.
    """
    profile = profile or RequiredFields()
    req = set(profile.dossier) | _conditional(d, DOSSIER_FIELDS)
    if profile.digitized:
        req.add("numberOfPaper")
    out = _validate(d, DOSSIER_FIELDS, req, partial_dates=True)
    spec = DOSSIER_FIELDS
    fc = str(d.get("fileCode") or "")
    if fc and split_file_code(fc) is None:
        out.append(_p(spec["fileCode"], "phải có dạng {mã định danh}.{năm}.{số và ký hiệu hồ sơ}",
                      "must be {office code}.{year}.{dossier number}"))
    pfc = str(d.get("paperFileCode") or "")
    if pfc and not (OFFICE_CODE_RE.match(pfc.replace("-", "")) and pfc.count(".") >= 2):
        out.append(_p(spec["paperFileCode"], "phải có dạng {mã cơ quan lưu trữ}.{kho/giá/hộp}.{số}",
                      "must be {archive code}.{store/shelf/box}.{number}"))
    start = parse_date(str(d.get("startDate") or ""), partial=True)
    end = parse_date(str(d.get("endDate") or ""), partial=True)
    if start and end and start > _period_end(d, end):
        out.append(_p(spec["endDate"], "trước thời gian bắt đầu", "before startDate"))
    if documents is not None:
        out.extend(_check_contents(d, documents, fc, start, end))
    return out


def _check_contents(d: Mapping[str, object], documents: Sequence[Mapping[str, object]], fc: str,
                    start: dt.date | None, end: dt.date | None) -> list[FieldProblem]:
    spec = DOSSIER_FIELDS
    out: list[FieldProblem] = []
    total = str(d.get("totalDoc") or "")
    if total.isdigit() and int(total) != len(documents):
        out.append(_p(spec["totalDoc"], f"ghi {total} nhưng hồ sơ có {len(documents)} tài liệu",
                      f"says {total} but the dossier holds {len(documents)} documents"))
    pages = [str(x.get("numberOfPage") or "") for x in documents]
    npage = str(d.get("numberOfPage") or "")
    if npage.isdigit() and all(p.isdigit() for p in pages) and int(npage) != sum(map(int, pages)):
        out.append(_p(spec["numberOfPage"], f"ghi {npage} nhưng các tài liệu có {sum(map(int, pages))} trang",
                      f"says {npage} but the documents have {sum(map(int, pages))} pages"))
    for i, doc in enumerate(documents, 1):
        issued = parse_date(str(doc.get("issuedDate") or ""))
        if issued and start and end and not (start <= issued <= _period_end(d, end)):
            out.append(_p(spec["startDate"], f"tài liệu {i} ngày {doc['issuedDate']} nằm ngoài "
                          "thời gian của hồ sơ", f"document {i} dated {doc['issuedDate']} is "
                          "outside startDate-endDate", "warning"))
        if fc:
            out.extend(validate_document(doc, RequiredFields(document=frozenset()),
                                         file_code=fc, ordinal=i))
    return out


def _period_end(d: Mapping[str, object], end: dt.date) -> dt.date:
    raw = str(d.get("endDate") or "")
    if re.match(r"^\d{4}$", raw):
        return dt.date(end.year, 12, 31)
    if re.match(r"^\d{2}/\d{4}$", raw):
        nxt = dt.date(end.year + (end.month == 12), end.month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return end


def validate_document(d: Mapping[str, object], profile: RequiredFields | None = None, *,
                      file_code: str | None = None, ordinal: int | None = None
                      ) -> list[FieldProblem]:
    """Check a document's metadata against TT 05/2025 and the office profile.

    Args:
        d: Document fields by XML element name (plus secrecy, urgency, signer*, place).
        profile: Required fields of the office; the standard's defaults if ``None``.
        file_code: The dossier's fileCode, to check that docId/docCode are formed from it.
        ordinal: The document's position in the dossier (from 1), with ``file_code``.

    Returns:
        The problems found (empty when valid).
    """
    profile = profile or RequiredFields()
    req = set(profile.document) | _conditional(d, DOCUMENT_FIELDS)
    out = _validate(d, DOCUMENT_FIELDS, req, partial_dates=False)
    spec = DOCUMENT_FIELDS
    num = str(d.get("codeNumber") or "")
    if num and not re.fullmatch(r"\d{1,11}", num):
        out.append(_p(spec["codeNumber"], f"chỉ gồm chữ số, không phải {num!r}",
                      f"digits only, not {num!r}"))
    nota = str(d.get("codeNotation") or "")
    if nota and not _NOTATION_RE.match(nota):
        out.append(_p(spec["codeNotation"], f"ký hiệu {nota!r} không đúng dạng (vd. QĐ-UBND, NQ/TU)",
                      f"notation {nota!r} is malformed (e.g. QĐ-UBND, NQ/TU)"))
    did, dcode = str(d.get("docId") or ""), str(d.get("docCode") or "")
    if file_code and ordinal:
        if did and did != doc_id(file_code, ordinal):
            out.append(_p(spec["docId"], f"phải là {doc_id(file_code, ordinal)}",
                          f"must be {doc_id(file_code, ordinal)}"))
        if dcode and dcode != doc_code(file_code, ordinal):
            out.append(_p(spec["docCode"], f"phải là {doc_code(file_code, ordinal)}",
                          f"must be {doc_code(file_code, ordinal)}"))
    else:
        if did and not re.match(r"^.+\.\d+$", did):
            out.append(_p(spec["docId"], "phải có dạng {mã hồ sơ}.{số thứ tự}",
                          "must be {fileCode}.{ordinal}"))
        if dcode and not re.match(r"^.+\.\d{7}$", dcode):
            out.append(_p(spec["docCode"], "phải có dạng {mã hồ sơ}.{số thứ tự 7 chữ số}",
                          "must be {fileCode}.{7-digit ordinal}"))
    return out
