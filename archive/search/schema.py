"""The search index schema: a contentless FTS5 table keyed by ``pages.id``, side tables, migrations.

Layout (how queries use it: :mod:`archive.search`):

``search_fts``
    Contentless (``content=''``) FTS5 with ``contentless_delete=1`` and ``secure-delete`` on, so a
    page is re-indexed or removed in place and its terms leave the index. ``detail=none``: the
    index keeps which pages hold a token, not where (queries never need positions or columns:
    each kind of token below is spelled apart, and phrases are matched through syllable-bigram
    tokens such as ``_quyet_dinh``). Columns, each distinct token once:

    - ``meta_e``/``meta_f``: document and dossier metadata, exact (NFC with diacritics; only
      the tokens that carry marks) and folded (no marks, đ -> d; syllables and bigrams), plus
      the notation key token ``__nk15qdubnd``;
    - ``body_e``/``body_f``: the page's OCR text, exact and folded in the same way;
    - ``tags``: filter tokens (``__ty02``, ``__y2024``, ``__m202406``, ``__d20240608``,
      ``__mt01``, ``__ds<hex>``, ``__og<syllable>``, ``__secret``, ``__sec<level>``).
``search_meta``
    The metadata tokens (``meta_e``, ``meta_f``) once per distinct metadata (a document's
    pages share one row), so ranking can tell which query words are in a hit's metadata
    without asking FTS5 (whose column filters would read the words' whole lists of pages).
    Rows no page refers to are deleted with the page.
``search_rows``
    Which pages are indexed, by dossier (for ``unindex_dossier`` even after ``pages`` rows are
    gone), and their ``search_meta`` row.
``search_terms``
    Document frequencies for ranking: ``df`` pages held ``term`` when the index had ``n``
    pages. Filled for every folded syllable at ``reindex`` (so prefixes can be expanded
    from it), extended by ``index_page`` (``df`` unknown: 0) and refreshed lazily when stale.
"""

from __future__ import annotations

from typing import Any

__all__ = ["FTS_COLUMNS", "create_search_tables", "drop_search_tables", "migrate"]

#: Column order of ``search_fts``.
FTS_COLUMNS = ("meta_e", "meta_f", "body_e", "body_f", "tags")

_TABLES = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "meta_e, meta_f, body_e, body_f, tags, content='', contentless_delete=1, detail=none, "
    "tokenize=\"unicode61 remove_diacritics 0 tokenchars '_'\")",
    "CREATE TABLE IF NOT EXISTS search_meta (id INTEGER PRIMARY KEY, digest BLOB NOT NULL "
    "UNIQUE, meta_e TEXT NOT NULL, meta_f TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS search_rows (page_id INTEGER PRIMARY KEY, "
    "dossier_id TEXT NOT NULL, meta_id INTEGER)",
    "CREATE INDEX IF NOT EXISTS search_rows_dossier ON search_rows(dossier_id)",
    "CREATE INDEX IF NOT EXISTS search_rows_meta ON search_rows(meta_id)",
    "CREATE TABLE IF NOT EXISTS search_terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL, "
    "n INTEGER NOT NULL) WITHOUT ROWID",
)


def create_search_tables(conn: Any) -> None:
    """Create the search tables if missing (idempotent).

    Args:
        conn: A DB-API connection (sqlcipher3 or sqlite3) with FTS5 >= 3.43.
    """
    for sql in _TABLES:
        conn.execute(sql)
    conn.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('secure-delete', 1)")
    # Pending terms are flushed to a new segment when they pass this size: 1 MiB (the default)
    # makes many small segments and merges during a bulk (re)index.
    conn.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('hashsize', 33554432)")


def drop_search_tables(conn: Any) -> None:
    """Drop the search tables (they are rebuilt by ``search.reindex``).

    Args:
        conn: A DB-API connection.
    """
    for table in ("search_fts", "search_rows", "search_meta", "search_terms"):
        conn.execute(f"DROP TABLE IF EXISTS {table}")


def migrate(db: Any) -> None:
    """Catalog migration: add the search tables.

    Args:
        db: The catalog's ``sqlite_utils.Database``.
    """
    create_search_tables(db.conn)
