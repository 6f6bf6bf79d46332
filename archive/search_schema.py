"""The search index schema: one contentless FTS5 table keyed by ``pages.id``, and its migration.

Layout (see ``docs`` in :mod:`archive.search`):

``search_fts``
    Contentless (``content=''``) FTS5 with ``contentless_delete=1`` and ``secure-delete`` on, so a
    page is re-indexed or removed in place and its terms leave the index. Each distinct token
    is written once per column (a contentless table needs ``detail=full`` for bm25, and one
    position per token keeps it small); phrases are matched through syllable-bigram tokens
    (``_quyet_dinh``) written beside the syllables, one doclist instead of a position merge of
    two very common syllables. Columns:

    - ``meta_e``/``meta_f``: document and dossier metadata, exact (NFC with diacritics) and
      folded (no marks, đ -> d), plus the notation key token ``__nk15qdubnd``;
    - ``body_e``/``body_f``: the page's OCR text, exact and folded;
    - ``tags``: filter tokens (``__ty02``, ``__y2024``, ``__m202406``, ``__d20240608``,
      ``__mt01``, ``__ds<hex>``, ``__og<syllable>``, ``__secret``, ``__sec<level>``).

    The exact columns only hold tokens that carry marks (the folded columns cover the rest).
``search_rows``
    Which pages are indexed, by dossier (for ``unindex_dossier`` even after ``pages`` rows are
    gone).
"""

from __future__ import annotations

from typing import Any

__all__ = ["FTS_COLUMNS", "create_search_tables", "drop_search_tables", "migrate"]

#: Column order of ``search_fts`` (bm25 weights follow it).
FTS_COLUMNS = ("meta_e", "meta_f", "body_e", "body_f", "tags")

_FTS = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "meta_e, meta_f, body_e, body_f, tags, content='', contentless_delete=1, "
    "tokenize=\"unicode61 remove_diacritics 0 tokenchars '_'\")"
)
_ROWS = (
    "CREATE TABLE IF NOT EXISTS search_rows (page_id INTEGER PRIMARY KEY, "
    "dossier_id TEXT NOT NULL)"
)
_ROWS_IDX = "CREATE INDEX IF NOT EXISTS search_rows_dossier ON search_rows(dossier_id)"


def create_search_tables(conn: Any) -> None:
    """Create the search tables if missing (idempotent).

    Args:
        conn: A DB-API connection (sqlcipher3 or sqlite3) with FTS5 >= 3.43.
    """
    conn.execute(_FTS)
    conn.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('secure-delete', 1)")
    # Pending terms are flushed to a new segment when they pass this size: 1 MiB (the default)
    # makes many small segments and merges during a bulk (re)index; 32 MiB halves its time.
    conn.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('hashsize', 33554432)")
    conn.execute(_ROWS)
    conn.execute(_ROWS_IDX)


def drop_search_tables(conn: Any) -> None:
    """Drop the search tables (they are rebuilt by ``search.reindex``).

    Args:
        conn: A DB-API connection.
    """
    conn.execute("DROP TABLE IF EXISTS search_fts")
    conn.execute("DROP TABLE IF EXISTS search_rows")


def migrate(db: Any) -> None:
    """Catalog migration: add the search tables.

    Args:
        db: The catalog's ``sqlite_utils.Database``.
    """
    create_search_tables(db.conn)
