"""Writing the search index: one FTS5 row per :class:`IndexDocument` the caller describes.

The index knows no record format: the caller (``digitize.store.search_index``) reads its own
tables and turns each page into an :class:`IndexDocument` (its text, its metadata as plain
texts and the values of the filters); this module tokenises and stores it.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlcipher3

from archive.catalog import Catalog, CatalogError
from archive.errors import SearchIndexMissing
from archive.search.compact import compact
from archive.search.schema import create_search_tables, drop_search_tables
from archive.search.textfold import fold_token, normalize_notation, tokens

__all__ = ["DocumentSource", "IndexDocument", "columns", "effective_secrecy", "index_documents",
           "migrate_v2", "rebuild", "reindex", "secrecy_key", "unindex_dossier"]

_LEVELS = ("mat", "toimat", "tuyetmat")  # ascending
_INSERT = ("INSERT INTO search_fts(rowid, meta_e, meta_f, body_e, body_f, tags) "
           "VALUES (?, ?, ?, ?, ?, ?)")


@dataclass(frozen=True)
class IndexDocument:
    """One searchable unit (a page), as the caller describes it.

    Attributes:
        id: Its key: the FTS5 rowid (a page id), also the id a hit carries.
        group: The group it belongs to (a dossier id): the ``dossier_id`` filter and
            :func:`unindex_dossier`.
        text: Its body text (OCR), ranked below the metadata.
        meta: Metadata texts (type label, notation, organ, subject, title...), searched and
            ranked above the body; empty ones are skipped.
        notation: A number and notation (``15/QĐ-UBND``) also indexed as one key token.
        type_code: The document type code (the ``type_code`` filter).
        issued: Its date (the date filters).
        organ: The issuing body (the ``organ`` filter, by words).
        maintenance: The retention code (the ``maintenance`` filter).
        secrecy: The secrecy marks it bears (the highest counts: :func:`effective_secrecy`).
    """

    id: int
    group: str
    text: str = ""
    meta: Sequence[str] = ()
    notation: str = ""
    type_code: str = ""
    issued: date | None = None
    organ: str = ""
    maintenance: str = ""
    secrecy: Sequence[str] = ()


#: ``source(conn, after, limit)``: the documents whose id is greater than ``after``, in id
#: order, at most ``limit`` (fewer, or none, at the end), read on the catalog connection.
DocumentSource = Callable[[Any, int, int], Sequence[IndexDocument]]


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


def columns(doc: IndexDocument) -> tuple[str, str, str, str, str]:
    """The five FTS column values of one document.

    Args:
        doc: The document.

    Returns:
        (meta_e, meta_f, body_e, body_f, tags).
    """
    meta_e, meta_f = _columns(" ".join(m for m in doc.meta if m))
    key = normalize_notation(doc.notation)
    if key and any(c.isalpha() for c in key) and any(c.isdigit() for c in key):
        meta_f += f" __nk{key}"
    body_e, body_f = _columns(doc.text or "")
    tags = [f"__ds{doc.group.encode().hex()}"]
    if doc.type_code:
        tags.append(f"__ty{secrecy_key(doc.type_code)}")
    if doc.issued:
        y = doc.issued.year
        tags += [f"__x{y // 10}", f"__y{y}", f"__m{doc.issued:%Y%m}", f"__d{doc.issued:%Y%m%d}"]
    tags += [f"__og{t}" for t in dict.fromkeys(fold_token(t) for t in tokens(doc.organ))]
    if doc.maintenance:
        tags.append(f"__mt{secrecy_key(doc.maintenance)}")
    level = effective_secrecy(*doc.secrecy)
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


def index_documents(catalog: Catalog, documents: Iterable[IndexDocument], *,
                    remove: Iterable[int] = ()) -> int:
    """(Re)write the index rows of documents (joins the caller's transaction).

    Give a dossier's pages in one call: FTS5 then writes them as one segment, where a call
    per page writes a segment per page.

    Args:
        catalog: The open catalog.
        documents: The documents to (re)index (the first one of an id counts).
        remove: Ids to take out of the index unless among ``documents`` (pages that are gone).

    Returns:
        The number of documents indexed (removed ones not counted).

    Raises:
        SearchIndexMissing: The index tables are gone (run :func:`reindex`).
        CatalogError: Any other database error.
    """
    docs: dict[int, IndexDocument] = {}
    for d in documents:
        docs.setdefault(d.id, d)
    ids = list(dict.fromkeys([*(int(i) for i in remove), *docs]))
    with _db_errors(), catalog.atomic():
        conn = catalog.conn
        old: dict[int, int | None] = {}
        for k in range(0, len(ids), 500):
            chunk = ids[k:k + 500]
            marks = ",".join("?" * len(chunk))
            old.update(conn.execute("SELECT page_id, meta_id FROM search_rows WHERE page_id "
                                    f"IN ({marks})", chunk).fetchall())
        # every FTS5 write before the other tables': a write elsewhere flushes FTS5's pending
        # terms, so interleaving them would write a tiny segment per page
        for pid in old:
            conn.execute("DELETE FROM search_fts WHERE rowid = ?", (pid,))
        cols = {pid: columns(d) for pid, d in docs.items()}
        for pid, c in cols.items():
            conn.execute(_INSERT, (pid, *c))
        conn.executemany("DELETE FROM search_rows WHERE page_id = ?", [(p,) for p in old])
        conn.executemany(
            "INSERT INTO search_rows(page_id, dossier_id, meta_id) VALUES (?, ?, ?)",
            [(pid, docs[pid].group, _meta_id(conn, c[0], c[1])) for pid, c in cols.items()])
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


def reindex(catalog: Catalog, source: DocumentSource, *, batch: int = 5000,
            compact_index: bool = True) -> int:
    """Rebuild the whole index from the caller's documents (also after its tables were dropped).

    Args:
        catalog: The open catalog.
        source: Reads the documents a batch at a time (:data:`DocumentSource`).
        batch: Documents per transaction.
        compact_index: Merge the index into one segment at the end, in small transactions
            (queries at a million pages take half the time; the merge adds about a tenth
            to the rebuild). See :mod:`archive.search.compact`.

    Returns:
        The number of documents indexed.
    """
    with catalog.atomic():
        drop_search_tables(catalog.conn)
        create_search_tables(catalog.conn)
    cache = catalog.conn.execute("PRAGMA cache_size").fetchone()[0]
    catalog.conn.execute("PRAGMA cache_size = -262144")  # merges re-read fewer pages
    try:
        with _db_errors():
            count = rebuild(catalog.conn, source, batch, catalog.atomic)
        if compact_index:
            compact(catalog, full=True)
        return count
    finally:
        catalog.conn.execute(f"PRAGMA cache_size = {int(cache)}")


def rebuild(conn: Any, source: DocumentSource, batch: int = 5000,
            atomic: Callable[[], contextlib.AbstractContextManager[Any]] | None = None) -> int:
    """Index every document into empty search tables, then count the syllables' frequencies.

    Args:
        conn: The catalog's connection.
        source: Reads the documents a batch at a time (:data:`DocumentSource`).
        batch: Documents asked of ``source`` per transaction.
        atomic: Opens a write transaction (None: the caller's transaction holds it all).

    Returns:
        The number of documents indexed.
    """
    txn = atomic or contextlib.nullcontext
    last, count, df = -1, 0, Counter[str]()
    seen: dict[bytes, int] = {}
    while True:
        with txn():
            docs = source(conn, last, batch)
            done: list[tuple[int, str, tuple[str, ...]]] = []
            for doc in docs:
                if doc.id > last:  # in id order, each once
                    cols = columns(doc)
                    conn.execute(_INSERT, (doc.id, *cols))
                    done.append((doc.id, doc.group, cols))
                    df.update(_syllables(cols))
                    last = doc.id
            # after the FTS rows: a write to another table makes FTS5 flush its pending terms
            # (a statement savepoint), so one per page would write one tiny segment per page
            conn.executemany(
                "INSERT INTO search_rows(page_id, dossier_id, meta_id) VALUES (?, ?, ?)",
                [(pid, did, _meta_id(conn, c[0], c[1], seen)) for pid, did, c in done])
        if not docs:
            break
        count += len(done)
    with txn():
        conn.executemany("INSERT OR REPLACE INTO search_terms(term, df, n) VALUES (?, ?, ?)",
                         [(t, n, count) for t, n in df.items()])
    return count


def migrate_v2(db: Any, source: DocumentSource) -> None:
    """Catalog migration: the index layout of :mod:`archive.search` v2, rebuilt from ``source``.

    Args:
        db: The catalog's ``sqlite_utils.Database`` (inside the migration's transaction).
        source: The caller's documents (:data:`DocumentSource`).
    """
    drop_search_tables(db.conn)
    create_search_tables(db.conn)
    rebuild(db.conn, source)
