"""The records in the search index: pages with their TT 05/2025 metadata as search documents.

:mod:`archive.search` knows no record format: this module reads the records tables (``pages``,
``documents``, ``dossiers``) and turns each page, with its document's and dossier's metadata,
into an :class:`~archive.search.IndexDocument` (what is searched and filtered) and into a
:class:`~archive.search.HitRow` (what a hit shows). The rest of ``digitize`` indexes and
searches through the functions here.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Sequence
from datetime import date
from typing import Any

from archive.catalog import Catalog
from archive.search import (
    HitRow,
    HitRows,
    IndexDocument,
    SearchResults,
    index_documents,
    unindex_dossier,
)
from archive.search import index as _index
from archive.search import reindex as _reindex
from archive.search import search as _search

__all__ = ["TYPE_LABELS", "documents", "documents_after", "hit_rows", "index_page", "index_pages",
           "migrate_v2", "page_document", "reindex", "search", "unindex_dossier"]

#: ``typeName`` codes of TT 05/2025 (DESIGN section 5), so "quyết định" finds type 02.
TYPE_LABELS = dict(enumerate((
    "", "Nghị quyết", "Quyết định", "Chỉ thị", "Quy chế", "Quy định", "Thông cáo", "Thông báo",
    "Hướng dẫn", "Chương trình", "Kế hoạch", "Phương án", "Đề án", "Dự án", "Báo cáo", "Tờ trình",
    "Giấy ủy quyền", "Phiếu gửi", "Phiếu chuyển", "Phiếu báo", "Biên bản", "Hợp đồng",
    "Công văn", "Công điện", "Bản ghi nhớ", "Bản thỏa thuận", "Giấy mời", "Giấy giới thiệu",
    "Giấy nghỉ phép", "Thư công", "Bản đồ", "Bản vẽ kỹ thuật", "Khác")))
#: A page with its dossier and its document (by ``doc_seq``, else by its page range).
_PAGE_SQL = """
SELECT p.id, p.dossier_id, p.seq, p.doc_seq, p.text, d.title, d.file_code, d.secrecy,
       d.meta AS dossier_meta, doc.doc_id, doc.meta AS doc_meta, doc.type_code, doc.issued,
       doc.organ, doc.notation
FROM pages p JOIN dossiers d ON d.id = p.dossier_id
LEFT JOIN documents doc ON doc.dossier_id = p.dossier_id AND (doc.seq = p.doc_seq OR
     (p.doc_seq IS NULL AND p.seq >= doc.first_page AND p.seq < doc.first_page + doc.n_pages))
"""
_HIT_SQL = """
SELECT p.id, p.dossier_id, p.seq, p.doc_seq, p.text, p.ocr, d.title AS dossier_title,
       d.secrecy AS dossier_secrecy, doc.doc_id, doc.meta AS doc_meta
FROM pages p JOIN dossiers d ON d.id = p.dossier_id
LEFT JOIN documents doc ON doc.dossier_id = p.dossier_id AND (doc.seq = p.doc_seq OR
     (p.doc_seq IS NULL AND p.seq >= doc.first_page AND p.seq < doc.first_page + doc.n_pages))
WHERE p.id IN ({marks})
"""


def _iso(value: Any) -> date | None:
    s = str(value or "").strip()
    try:
        if len(s) == 10 and s[2] == "/" and s[5] == "/":
            return date(int(s[6:]), int(s[3:5]), int(s[:2]))
        return date.fromisoformat(s[:10]) if s else None
    except ValueError:
        return None


def page_document(row: dict[str, Any]) -> IndexDocument:
    """The search document of one page row (as selected by the index query).

    Args:
        row: Page fields (``id``, ``text``, ``dossier_id``) joined with its dossier
            (``title``, ``file_code``, ``secrecy``, ``dossier_meta``) and document
            (``doc_id``, ``doc_meta``, ``type_code``, ``issued``, ``organ``, ``notation``;
            may be None).

    Returns:
        Its text; as metadata the type's label, number/notation, organ, subject, signer,
        keywords, ``docId``, dossier title, file code and dossier keywords; the filters.
    """
    dm = json.loads(row.get("doc_meta") or "{}")
    sm = json.loads(row.get("dossier_meta") or "{}")
    type_code = str(row.get("type_code") or dm.get("typeName") or "")
    label = TYPE_LABELS.get(int(type_code), "") if type_code.isdigit() else type_code
    number, notation = str(dm.get("codeNumber") or ""), str(dm.get("codeNotation") or "")
    full_notation = (f"{number}/{notation}" if number and notation
                     else str(row.get("notation") or ""))
    organ = str(row.get("organ") or dm.get("organName") or "")
    meta = tuple(str(x) for x in (
        label, full_notation, organ, dm.get("subject"), dm.get("signerName"), dm.get("keyword"),
        row.get("doc_id"), row.get("title"), row.get("file_code"), sm.get("keyword")) if x)
    return IndexDocument(
        id=int(row["id"]), group=str(row["dossier_id"]), text=row.get("text") or "",
        meta=meta, notation=full_notation, type_code=type_code,
        issued=_iso(row.get("issued")) or _iso(dm.get("issuedDate")), organ=organ,
        maintenance=str(dm.get("maintenance") or sm.get("maintenance") or ""),
        secrecy=(str(dm.get("secrecy") or ""), str(row.get("secrecy") or "")))


def _read(conn: Any, sql: str, params: Sequence[Any], into: dict[int, IndexDocument]) -> int:
    """Add the documents of a page query to ``into`` (a page matched by two documents: the
    first one); how many rows the query gave."""
    cur = conn.execute(sql, params)
    names = [c[0] for c in cur.description]
    raw = cur.fetchall()
    for r in raw:
        if r[0] not in into:
            into[r[0]] = page_document(dict(zip(names, r, strict=True)))
    return len(raw)


def documents(conn: Any, page_ids: Sequence[int]) -> list[IndexDocument]:
    """The search documents of these pages (pages that do not exist are left out).

    Args:
        conn: The catalog's connection.
        page_ids: ``pages.id`` values.
    """
    out: dict[int, IndexDocument] = {}
    for k in range(0, len(page_ids), 500):
        chunk = list(page_ids[k:k + 500])
        _read(conn, _PAGE_SQL + f" WHERE p.id IN ({','.join('?' * len(chunk))})", chunk, out)
    return list(out.values())


def documents_after(conn: Any, after: int, limit: int) -> list[IndexDocument]:
    """The search documents of the pages whose id is greater than ``after``, in id order
    (``limit`` page rows read: a :data:`archive.search.DocumentSource`)."""
    out: dict[int, IndexDocument] = {}
    _read(conn, _PAGE_SQL + " WHERE p.id > ? ORDER BY p.id LIMIT ?", (after, limit), out)
    return list(out.values())


def index_pages(catalog: Catalog, page_ids: Iterable[int]) -> int:
    """(Re)write the index rows of pages from their rows (joins the caller's transaction).

    Pages that no longer exist are removed from the index. Give a dossier's pages in one call
    (one index segment).

    Args:
        catalog: The open catalog.
        page_ids: ``pages.id`` values.

    Returns:
        The number of pages indexed (removed ones not counted).

    Raises:
        SearchIndexMissing: The index tables are gone (run :func:`reindex`).
        CatalogError: Any other database error.
    """
    ids = list(dict.fromkeys(int(i) for i in page_ids))
    with catalog.atomic():
        return index_documents(catalog, documents(catalog.conn, ids), remove=ids)


def index_page(catalog: Catalog, page_id: int) -> None:
    """(Re)write the index row of one page (see :func:`index_pages`)."""
    index_pages(catalog, [page_id])


def reindex(catalog: Catalog, *, batch: int = 5000, compact_index: bool = True) -> int:
    """Rebuild the whole index from the pages (see :func:`archive.search.reindex`).

    Returns:
        The number of pages indexed.
    """
    return _reindex(catalog, documents_after, batch=batch, compact_index=compact_index)


def migrate_v2(db: Any) -> None:
    """Catalog migration: search index v2, rebuilt from the pages (``store.schema``)."""
    _index.migrate_v2(db, documents_after)


def hit_rows(catalog: Catalog) -> HitRows:
    """What the hits show, read from the pages of ``catalog`` (a :data:`archive.search.HitRows`)."""

    def rows(page_ids: Sequence[int]) -> dict[int, HitRow]:
        ids = tuple(page_ids)
        out = {}
        for r in catalog.query(_HIT_SQL.format(marks=",".join("?" * len(ids))), ids):
            meta = json.loads(r["doc_meta"] or "{}")
            if r["doc_id"]:
                meta.setdefault("docId", r["doc_id"])
            out[r["id"]] = HitRow(
                r["id"], r["dossier_id"], r["dossier_title"] or "", r["seq"],
                r["doc_id"] or "", r["text"] or "", r["ocr"], meta,
                (str(meta.get("secrecy") or ""), r["dossier_secrecy"] or ""))
        return out

    return rows


def search(catalog: Catalog, query: str, *, type_code: str | None = None,
           date_from: date | str | None = None, date_to: date | str | None = None,
           organ: str | None = None, dossier_id: str | None = None,
           maintenance: str | None = None, allowed_secrecy: Collection[str] = ("",),
           limit: int = 20, offset: int = 0) -> SearchResults:
    """Search the records' pages: :func:`archive.search.search` (same arguments), the hits
    read from the pages by :func:`hit_rows`.

    Raises:
        SearchQueryError: The query has nothing to look for, or a filter is invalid.
        SearchIndexMissing: The index tables are gone (run :func:`reindex`).
    """
    return _search(catalog, query, rows=hit_rows(catalog), type_code=type_code,
                   date_from=date_from, date_to=date_to, organ=organ, dossier_id=dossier_id,
                   maintenance=maintenance, allowed_secrecy=allowed_secrecy, limit=limit,
                   offset=offset)
