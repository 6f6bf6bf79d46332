"""Pure dossier management: close (dates, counts), renumber, reorder, merge and split."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from digitize.errors import ValidationError
from digitize.metadata.identifiers import doc_code, doc_id
from digitize.metadata.schema import parse_date

__all__ = ["close_dossier", "merge_documents", "merge_groups", "move", "renumber", "reorder",
           "split_document", "split_dossier", "split_group"]

Meta = dict[str, Any]


def close_dossier(dossier_meta: Mapping[str, Any], documents_meta: Sequence[Mapping[str, Any]]
                  ) -> Meta:
    """Compute the closing fields of a dossier from its documents.

    Args:
        dossier_meta: The dossier's fields (not modified).
        documents_meta: Its documents in order.

    Returns:
        A new dict with ``startDate``/``endDate`` (earliest/latest ``issuedDate``, DD/MM/YYYY),
        ``totalDoc`` and ``numberOfPage`` (sum over documents) set; other fields copied.

    Raises:
        ValidationError: No documents, or a document without a valid ``numberOfPage``.
    """
    if not documents_meta:
        raise ValidationError("hồ sơ chưa có tài liệu nào, không thể đóng hồ sơ")
    out = dict(dossier_meta)
    dates = [(parse_date(str(d.get("issuedDate") or "")), str(d.get("issuedDate")))
             for d in documents_meta]
    known = [(dt, s) for dt, s in dates if dt is not None]
    if known:
        out["startDate"] = min(known)[1]
        out["endDate"] = max(known)[1]
    pages = 0
    for i, d in enumerate(documents_meta, 1):
        n = str(d.get("numberOfPage") or "")
        if not n.isdigit():
            raise ValidationError(f"tài liệu {i} chưa có số lượng trang")
        pages += int(n)
    out["totalDoc"] = str(len(documents_meta))
    out["numberOfPage"] = str(pages)
    return out


def renumber(file_code: str, documents: Sequence[Mapping[str, Any]]) -> list[Meta]:
    """Copies of ``documents`` with ``docId``/``docCode`` set from their position (from 1)."""
    return [{**d, "docId": doc_id(file_code, i), "docCode": doc_code(file_code, i)}
            for i, d in enumerate(documents, 1)]


def reorder(items: Sequence[Any], order: Sequence[int]) -> list[Any]:
    """``items`` rearranged so that position k holds ``items[order[k]]``.

    Raises:
        ValidationError: ``order`` is not a permutation of the positions.
    """
    if sorted(order) != list(range(len(items))):
        raise ValidationError(f"thứ tự mới không hợp lệ: {list(order)}")
    return [items[i] for i in order]


def move(items: Sequence[Any], src: int, dst: int) -> list[Any]:
    """``items`` with the element at ``src`` moved to position ``dst``."""
    if not (0 <= src < len(items) and 0 <= dst < len(items)):
        raise ValidationError(f"vị trí ngoài phạm vi: {src} → {dst}")
    out = list(items)
    out.insert(dst, out.pop(src))
    return out


def merge_groups(groups: Sequence[Sequence[int]], i: int) -> list[list[int]]:
    """Page groups with group ``i`` and ``i + 1`` joined (a wrong split undone)."""
    if not 0 <= i < len(groups) - 1:
        raise ValidationError(f"không có tài liệu {i + 2} để gộp")
    out = [list(g) for g in groups]
    out[i] += out.pop(i + 1)
    return out


def split_group(groups: Sequence[Sequence[int]], i: int, at: int) -> list[list[int]]:
    """Page groups with group ``i`` cut before its ``at``-th page (0 < at < len)."""
    if not 0 <= i < len(groups) or not 0 < at < len(groups[i]):
        raise ValidationError(f"không thể tách tài liệu {i + 1} tại trang {at + 1}")
    out = [list(g) for g in groups]
    g = out.pop(i)
    out[i:i] = [g[:at], g[at:]]
    return out


def merge_documents(documents: Sequence[Mapping[str, Any]], i: int) -> list[Meta]:
    """Documents with ``i + 1`` folded into ``i`` (fields of ``i`` kept, pages added)."""
    if not 0 <= i < len(documents) - 1:
        raise ValidationError(f"không có tài liệu {i + 2} để gộp")
    out = [dict(d) for d in documents]
    nxt = out.pop(i + 1)
    a, b = str(out[i].get("numberOfPage") or "0"), str(nxt.get("numberOfPage") or "0")
    if a.isdigit() and b.isdigit():
        out[i]["numberOfPage"] = str(int(a) + int(b))
    return out


def split_document(documents: Sequence[Mapping[str, Any]], i: int, first_pages: int
                   ) -> list[Meta]:
    """Documents with ``i`` cut after ``first_pages`` pages; the new one starts with a copy.

    The second part keeps the first's fields except its own page count; the clerk (or
    extraction on its first page) then fills its header fields.
    """
    if not 0 <= i < len(documents):
        raise ValidationError(f"không có tài liệu {i + 1}")
    n = str(documents[i].get("numberOfPage") or "")
    if not n.isdigit() or not 0 < first_pages < int(n):
        raise ValidationError(f"không thể tách tài liệu {i + 1} sau trang {first_pages}")
    out = [dict(d) for d in documents]
    rest = {k: v for k, v in out[i].items() if k not in ("docId", "docCode")}
    rest["numberOfPage"] = str(int(n) - first_pages)
    out[i]["numberOfPage"] = str(first_pages)
    out.insert(i + 1, rest)
    return out


def split_dossier(documents: Sequence[Mapping[str, Any]], at: int
                  ) -> tuple[list[Meta], list[Meta]]:
    """Two document lists: ``documents[:at]`` and ``documents[at:]`` (renumber each after)."""
    if not 0 < at < len(documents):
        raise ValidationError(f"không thể tách hồ sơ tại tài liệu {at + 1}")
    return [dict(d) for d in documents[:at]], [dict(d) for d in documents[at:]]
