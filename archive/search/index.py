"""Writing the search index: one FTS5 row per page, from its page, document and dossier rows."""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any

import sqlcipher3

from archive.catalog import Catalog, CatalogError
from archive.errors import SearchIndexMissing
from archive.search.compact import compact
from archive.search.schema import create_search_tables, drop_search_tables
from archive.search.textfold import fold_token, normalize_notation, tokens

__all__ = ["effective_secrecy", "index_page", "index_pages", "migrate_v2", "page_columns",
           "rebuild", "reindex",
           "secrecy_key", "unindex_dossier"]

#: ``typeName`` codes of TT 05/2025 (DESIGN section 5), so "quyết định" finds type 02.
TYPE_LABELS = dict(enumerate((
    "", "Nghị quyết", "Quyết định", "Chỉ thị", "Quy chế", "Quy định", "Thông cáo", "Thông báo",
    "Hướng dẫn", "Chương trình", "Kế hoạch", "Phương án", "Đề án", "Dự án", "Báo cáo", "Tờ trình",
    "Giấy ủy quyền", "Phiếu gửi", "Phiếu chuyển", "Phiếu báo", "Biên bản", "Hợp đồng",
    "Công văn", "Công điện", "Bản ghi nhớ", "Bản thỏa thuận", "Giấy mời", "Giấy giới thiệu",
    "Giấy nghỉ phép", "Thư công", "Bản đồ", "Bản vẽ kỹ thuật", "Khác")))
_LEVELS = ("mat", "toimat", "tuyetmat")  # ascending
_INSERT = ("INSERT INTO search_fts(rowid, meta_e, meta_f, body_e, body_f, tags) "
           "VALUES (?, ?, ?, ?, ?, ?)")
_PAGE_SQL = """
SELECT p.id, p.dossier_id, p.seq, p.doc_seq, p.text, d.title, d.file_code, d.secrecy,
       d.meta AS dossier_meta, doc.doc_id, doc.meta AS doc_meta, doc.type_code, doc.issued,
       doc.organ, doc.notation
FROM pages p JOIN dossiers d ON d.id = p.dossier_id
LEFT JOIN documents doc ON doc.dossier_id = p.dossier_id AND (doc.seq = p.doc_seq OR
     (p.doc_seq IS NULL AND p.seq >= doc.first_page AND p.seq < doc.first_page + doc.n_pages))
"""


@contextlib.contextmanager
def _db_errors() -> Iterator[None]:
    """Raise our own error types for database errors (a lost index says how to rebuild it)."""
    try:
        yield
    except (sqlcipher3.Error, CatalogError) as e:
        if "no such table" in str(e) or "malformed" in str(e):
            raise SearchIndexMissing(str(e)) from e
        if isinstance(e, CatalogError):
            raise
        raise CatalogError(str(e)) from e


def secrecy_key(level: str) -> str:
    """A secrecy level as a key: "" (none), "mat", "toimat", "tuyetmat" or another folded word."""
    return "".join(fold_token(t) for t in tokens(level or ""))


def effective_secrecy(*levels: str) -> str:
    """The highest of the given secrecy levels, as a key (unknown marks rank highest)."""
    keys = {secrecy_key(x) for x in levels} - {""}
    unknown = sorted(keys - set(_LEVELS))
    if unknown:
        return unknown[0]
    return max(keys, key=_LEVELS.index) if keys else ""


def _columns(text: str) -> tuple[str, str]:
    """(exact, folded) token strings of ``text``, each distinct token once.

    Folded: every syllable and every pair of adjacent syllables (``_quyet_dinh``). Exact: the
    syllables that carry marks (an unmarked one is its own folded form); exact pairs are left
    out, which keeps the index a third smaller: an exact phrase is ranked by its syllables.
    """
    ex = tokens(text)
    fo = [fold_token(t) for t in ex]
    f_out = dict.fromkeys(fo)
    f_out.update(dict.fromkeys(f"_{c}_{d}" for c, d in zip(fo, fo[1:], strict=False)))
    e_out = dict.fromkeys(t for t, f in zip(ex, fo, strict=True) if t != f)
    return " ".join(e_out), " ".join(f_out)


def _iso(value: Any) -> date | None:
    s = str(value or "").strip()
    try:
        if len(s) == 10 and s[2] == "/" and s[5] == "/":
            return date(int(s[6:]), int(s[3:5]), int(s[:2]))
        return date.fromisoformat(s[:10]) if s else None
    except ValueError:
        return None


def page_columns(row: dict[str, Any]) -> tuple[str, str, str, str, str]:
    """The five FTS column values of one page row (as selected by the index query).

    Args:
        row: Page fields (``text``, ``dossier_id``) joined with its dossier (``title``,
            ``file_code``, ``secrecy``, ``dossier_meta``) and document (``doc_id``,
            ``doc_meta``, ``type_code``, ``issued``, ``organ``, ``notation``; may be None).

    Returns:
        (meta_e, meta_f, body_e, body_f, tags).
    """
    dm = json.loads(row.get("doc_meta") or "{}")
    sm = json.loads(row.get("dossier_meta") or "{}")
    type_code = str(row.get("type_code") or dm.get("typeName") or "")
    label = TYPE_LABELS.get(int(type_code), "") if type_code.isdigit() else type_code
    number, notation = str(dm.get("codeNumber") or ""), str(dm.get("codeNotation") or "")
    full_notation = (f"{number}/{notation}" if number and notation
                     else str(row.get("notation") or ""))
    organ = str(row.get("organ") or dm.get("organName") or "")
    meta_text = " ".join(str(x) for x in (
        label, full_notation, organ, dm.get("subject"), dm.get("signerName"), dm.get("keyword"),
        row.get("doc_id"), row.get("title"), row.get("file_code"), sm.get("keyword")) if x)
    meta_e, meta_f = _columns(meta_text)
    key = normalize_notation(full_notation)
    if key and any(c.isalpha() for c in key) and any(c.isdigit() for c in key):
        meta_f += f" __nk{key}"
    body_e, body_f = _columns(row.get("text") or "")
    tags = [f"__ds{str(row['dossier_id']).encode().hex()}"]
    if type_code:
        tags.append(f"__ty{secrecy_key(type_code)}")
    issued = _iso(row.get("issued")) or _iso(dm.get("issuedDate"))
    if issued:
        tags += [f"__x{issued.year // 10}", f"__y{issued.year}", f"__m{issued:%Y%m}",
                 f"__d{issued:%Y%m%d}"]
    tags += [f"__og{t}" for t in dict.fromkeys(fold_token(t) for t in tokens(organ))]
    maintenance = dm.get("maintenance") or sm.get("maintenance")
    if maintenance:
        tags.append(f"__mt{secrecy_key(str(maintenance))}")
    level = effective_secrecy(str(dm.get("secrecy") or ""), str(row.get("secrecy") or ""))
    if level:
        tags += ["__secret", f"__sec{level}"]
    return meta_e, meta_f, body_e, body_f, " ".join(tags)


def _syllables(cols: tuple[str, ...]) -> set[str]:
    """The folded syllables of a page's columns (not bigrams, keys or tags)."""
    return {t for t in (cols[1] + " " + cols[3]).split() if t[:1] != "_"}


def _meta_id(conn: Any, meta_e: str, meta_f: str, seen: dict[bytes, int] | None = None) -> int:
    """The ``search_meta`` row of these metadata tokens (added if new)."""
    digest = hashlib.blake2b(f"{meta_e}\x00{meta_f}".encode(), digest_size=16).digest()
    if seen is not None and digest in seen:
        return seen[digest]
    conn.execute("INSERT INTO search_meta(digest, meta_e, meta_f) VALUES (?, ?, ?) "
                 "ON CONFLICT(digest) DO NOTHING", (digest, f" {meta_e} ", f" {meta_f} "))
    mid = int(conn.execute("SELECT id FROM search_meta WHERE digest = ?", (digest,)).fetchone()[0])
    if seen is not None:
        if len(seen) > 50000:
            seen.clear()
        seen[digest] = mid
    return mid


def _drop_meta(conn: Any, meta_ids: Iterable[int | None]) -> None:
    """Delete ``search_meta`` rows that no indexed page refers to any more."""
    for mid in {m for m in meta_ids if m is not None}:
        conn.execute("DELETE FROM search_meta WHERE id = ? AND NOT EXISTS "
                     "(SELECT 1 FROM search_rows WHERE meta_id = ?)", (mid, mid))


def index_page(catalog: Catalog, page_id: int) -> None:
    """(Re)write the index row of one page (see :func:`index_pages`)."""
    index_pages(catalog, [page_id])


def index_pages(catalog: Catalog, page_ids: Iterable[int]) -> int:
    """(Re)write the index rows of pages from their catalog rows (joins the caller's transaction).

    Pages that no longer exist are removed from the index. Give a dossier's pages in one call:
    FTS5 then writes them as one segment, where a call per page writes a segment per page.

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
    with _db_errors(), catalog.atomic():
        conn = catalog.conn
        rows: dict[int, dict[str, Any]] = {}
        old: dict[int, int | None] = {}
        for k in range(0, len(ids), 500):
            chunk = ids[k:k + 500]
            marks = ",".join("?" * len(chunk))
            cur = conn.execute(_PAGE_SQL + f" WHERE p.id IN ({marks})", chunk)
            names = [c[0] for c in cur.description]
            for raw in cur.fetchall():  # a page matched by two documents: the first one
                rows.setdefault(raw[0], dict(zip(names, raw, strict=True)))
            old.update(conn.execute("SELECT page_id, meta_id FROM search_rows WHERE page_id "
                                    f"IN ({marks})", chunk).fetchall())
        # every FTS5 write before the other tables': a write elsewhere flushes FTS5's pending
        # terms, so interleaving them would write a tiny segment per page
        for pid in old:
            conn.execute("DELETE FROM search_fts WHERE rowid = ?", (pid,))
        cols = {pid: page_columns(row) for pid, row in rows.items()}
        for pid, c in cols.items():
            conn.execute(_INSERT, (pid, *c))
        conn.executemany("DELETE FROM search_rows WHERE page_id = ?", [(p,) for p in old])
        conn.executemany(
            "INSERT INTO search_rows(page_id, dossier_id, meta_id) VALUES (?, ?, ?)",
            [(pid, rows[pid]["dossier_id"], _meta_id(conn, c[0], c[1]))
             for pid, c in cols.items()])
        # new syllables become known to prefix expansion (their frequency is counted later)
        conn.executemany("INSERT OR IGNORE INTO search_terms(term, df, n) VALUES (?, 0, 0)",
                         [(t,) for t in set().union(*map(_syllables, cols.values()))])
        _drop_meta(conn, old.values())
    return len(cols)


def unindex_dossier(catalog: Catalog, dossier_id: str) -> int:
    """Remove every indexed page of a dossier (its terms are erased: FTS5 secure-delete).

    Args:
        catalog: The open catalog.
        dossier_id: The dossier's id (its ``pages`` rows may already be gone).

    Returns:
        The number of pages removed.
    """
    with _db_errors(), catalog.atomic():
        conn = catalog.conn
        rows = conn.execute("SELECT page_id, meta_id FROM search_rows WHERE dossier_id = ?",
                            (dossier_id,)).fetchall()
        for pid, _ in rows:
            conn.execute("DELETE FROM search_fts WHERE rowid = ?", (pid,))
        conn.execute("DELETE FROM search_rows WHERE dossier_id = ?", (dossier_id,))
        _drop_meta(conn, [m for _, m in rows])
    return len(rows)


def reindex(catalog: Catalog, *, batch: int = 5000, compact_index: bool = True) -> int:
    """Rebuild the whole index from the catalog rows (also after its tables were dropped).

    Args:
        catalog: The open catalog.
        batch: Pages per transaction.
        compact_index: Merge the index into one segment at the end, in small transactions
            (queries at a million pages take half the time; the merge adds about a tenth
            to the rebuild). See :mod:`archive.search.compact`.

    Returns:
        The number of pages indexed.
    """
    with catalog.atomic():
        drop_search_tables(catalog.conn)
        create_search_tables(catalog.conn)
    cache = catalog.conn.execute("PRAGMA cache_size").fetchone()[0]
    catalog.conn.execute("PRAGMA cache_size = -262144")  # merges re-read fewer pages
    try:
        with _db_errors():
            count = rebuild(catalog.conn, batch, catalog.atomic)
        if compact_index:
            compact(catalog, full=True)
        return count
    finally:
        catalog.conn.execute(f"PRAGMA cache_size = {int(cache)}")


def rebuild(conn: Any, batch: int = 5000,
            atomic: Callable[[], contextlib.AbstractContextManager[Any]] | None = None) -> int:
    """Index every page into empty search tables, then count the syllables' frequencies.

    Args:
        conn: The catalog's connection.
        batch: Pages per transaction.
        atomic: Opens a write transaction (None: the caller's transaction holds it all).

    Returns:
        The number of pages indexed.
    """
    txn = atomic or contextlib.nullcontext
    last, count, df = -1, 0, Counter[str]()
    seen: dict[bytes, int] = {}
    while True:
        with txn():
            cur = conn.execute(_PAGE_SQL + " WHERE p.id > ? ORDER BY p.id LIMIT ?",
                               (last, batch))
            names = [c[0] for c in cur.description]
            rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
            done: list[tuple[int, str, tuple[str, ...]]] = []
            for row in rows:
                if row["id"] != last:  # a page matched by two documents: index it once
                    cols = page_columns(row)
                    conn.execute(_INSERT, (row["id"], *cols))
                    done.append((row["id"], row["dossier_id"], cols))
                    df.update(_syllables(cols))
                last = row["id"]
            # after the FTS rows: a write to another table makes FTS5 flush its pending terms
            # (a statement savepoint), so one per page would write one tiny segment per page
            conn.executemany(
                "INSERT INTO search_rows(page_id, dossier_id, meta_id) VALUES (?, ?, ?)",
                [(pid, did, _meta_id(conn, c[0], c[1], seen)) for pid, did, c in done])
        if not rows:
            break
        count += len(done)
    with txn():
        conn.executemany("INSERT OR REPLACE INTO search_terms(term, df, n) VALUES (?, ?, ?)",
                         [(t, n, count) for t, n in df.items()])
    return count


def migrate_v2(db: Any) -> None:
    """Catalog migration: the index layout of :mod:`archive.search` v2, rebuilt from the rows.

    Args:
        db: The catalog's ``sqlite_utils.Database`` (inside the migration's transaction).
    """
    drop_search_tables(db.conn)
    create_search_tables(db.conn)
    rebuild(db.conn)
