"""Identifiers of TT 05/2025 (STANDARDS 2.5): mã hồ sơ, mã định danh and mã lưu trữ tài liệu."""

from __future__ import annotations

import re

from digitize.errors import ValidationError

__all__ = ["OFFICE_CODE_RE", "doc_code", "doc_id", "file_code", "parse_doc_id", "split_file_code"]

#: Mã định danh cơ quan (QĐ 20/2020/QĐ-TTg): dot-separated groups of 0-9 and A-Z, ≤ 35 chars.
OFFICE_CODE_RE = re.compile(r"^[0-9A-Z]+(\.[0-9A-Z]+)*$")
#: Số và ký hiệu hồ sơ from the Danh mục hồ sơ, e.g. ``160``, ``01.TH``, ``TCCB-01``.
_DOSSIER_NO_RE = re.compile(r"^[0-9A-Za-zĐđ]+([.\-][0-9A-Za-zĐđ]+)*$")
_FILE_CODE_RE = re.compile(
    r"^(?P<office>[0-9A-Z]+(?:\.[0-9A-Z]+)*?)\.(?P<year>(?:19|20)\d{2})\.(?P<no>[^\s]+)$")


def check_office_code(office_code: str) -> None:
    """Raise ValidationError unless ``office_code`` is a well-formed mã định danh (≤ 35)."""
    if not OFFICE_CODE_RE.match(office_code) or len(office_code) > 35:
        raise ValidationError(f"mã định danh cơ quan không hợp lệ: {office_code!r}")


def file_code(office_code: str, year: int | str, dossier_no: str) -> str:
    """Mã hồ sơ = ``{mã định danh}.{năm}.{số và ký hiệu hồ sơ}``.

    Args:
        office_code: Mã định danh of the office, e.g. ``000.00.00.H49`` or ``H49.64.33``.
        year: Year the dossier was formed (4 digits).
        dossier_no: Số và ký hiệu hồ sơ from the Danh mục hồ sơ, e.g. ``160`` or ``01.TH``.

    Returns:
        e.g. ``"H49.64.33.2001.160"``.

    Raises:
        ValidationError: A malformed part, or a result longer than 100 characters.
    """
    check_office_code(office_code)
    y = str(year)
    if not re.fullmatch(r"(19|20)\d{2}", y):
        raise ValidationError(f"năm hình thành hồ sơ không hợp lệ: {year!r}")
    if not _DOSSIER_NO_RE.match(dossier_no):
        raise ValidationError(f"số và ký hiệu hồ sơ không hợp lệ: {dossier_no!r}")
    code = f"{office_code}.{y}.{dossier_no}"
    if len(code) > 100:
        raise ValidationError(f"mã hồ sơ dài quá 100 ký tự: {code!r}")
    return code


def doc_id(file_code: str, n: int) -> str:
    """Mã định danh tài liệu = ``{fileCode}.{n}`` (also the PDF's file name stem).

    Args:
        file_code: The dossier's ``fileCode``.
        n: Ordinal of the document in the dossier, from 1.

    Returns:
        e.g. ``"H49.64.33.2001.160.1"``. May exceed the 25-character limit of TT 05;
        ``schema.validate_document`` warns about that rather than truncating.

    Raises:
        ValidationError: ``n`` < 1.
    """
    if n < 1:
        raise ValidationError(f"số thứ tự tài liệu phải từ 1: {n}")
    return f"{file_code}.{n}"


def doc_code(file_code: str, n: int) -> str:
    """Mã lưu trữ tài liệu = ``{fileCode}.{n:07d}``, e.g. ``H49.64.33.2001.160.0000001``."""
    if n < 1 or n > 9_999_999:
        raise ValidationError(f"số thứ tự tài liệu ngoài khoảng: {n}")
    return f"{file_code}.{n:07d}"


def split_file_code(code: str) -> tuple[str, str, str] | None:
    """``(office_code, year, dossier_no)`` of a fileCode, or ``None`` if malformed."""
    m = _FILE_CODE_RE.match(code)
    if not m or not OFFICE_CODE_RE.match(m["office"]) or not _DOSSIER_NO_RE.match(m["no"]):
        return None
    return m["office"], m["year"], m["no"]


def parse_doc_id(identifier: str, file_code: str) -> int | None:
    """The ordinal ``n`` of a docId or docCode under ``file_code``, or ``None`` if not one."""
    prefix = file_code + "."
    if not identifier.startswith(prefix):
        return None
    rest = identifier[len(prefix):]
    if not rest.isdigit() or int(rest) < 1:
        return None
    return int(rest)
