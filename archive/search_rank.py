"""Ranking search candidates: BM25-style weights computed here, not by FTS5's ``bm25()``.

FTS5's ``bm25()`` reads the whole list of pages of every phrase in the query to count its
document frequency, on every query: at a million pages a common word costs tens of
milliseconds per phrase whatever the ``LIMIT``. Instead:

- document frequencies come from ``search_terms`` (see :mod:`archive.search_schema`), kept in
  memory per catalog; a missing or stale one (the index grew or shrank by a fifth since it was
  counted) is counted once from an ``fts5vocab`` table and written back;
- a term's weight is ``idf * w`` per place it is found, ``idf = ln(1 + (N - df + .5)/(df + .5))``;
  ``w`` is 12 for metadata with the marks as typed, 6 for metadata (folded), 3 for the page
  text with the marks as typed and 1 for the page text (folded); each token counts once per
  page (no term frequency) and there is no length normalisation;
- metadata presence is exact, read from the hit's ``search_meta`` tokens; a required term
  (not under OR) absent from the metadata is in the page text; "marks as typed" comes from the
  ``exact`` expression of :mod:`archive.search_query` (pages matching with every marked word
  as typed get the text weight 3 for those words), and pages matching the ``adjacent``
  expression (the typed words side by side) get the text weight 1 again for every word.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Collection, Iterable
from typing import Any

from archive.search_query import ScoreTerm

__all__ = ["WEIGHTS", "doc_freqs", "expand_prefix", "index_size", "meta_tokens", "score",
           "term_cache", "term_idfs"]

#: Weights of metadata exact, metadata folded, text exact, text folded (and filter tags).
WEIGHTS = (12.0, 6.0, 3.0, 1.0, 0.0)
#: Most indexed words a prefix stands for (the most frequent ones).
PREFIX_WORDS = 64
_STALE = 1.25
#: Per catalog (weakly held): term -> (df, pages in the index when it was counted).
_caches: weakref.WeakKeyDictionary[Any, dict[str, tuple[int, int]]] = weakref.WeakKeyDictionary()


def term_cache(owner: Any) -> dict[str, tuple[int, int]]:
    """The in-memory document-frequency cache of one catalog (dropped with the catalog).

    Args:
        owner: The catalog object (weakly referenced).

    Returns:
        term -> (df, pages in the index when it was counted).
    """
    return _caches.setdefault(owner, {})


def index_size(conn: Any) -> int:
    """The number of indexed pages (FTS5's averages record, else ``search_rows``).

    Args:
        conn: The catalog's connection.

    Returns:
        Pages in the index.
    """
    row = conn.execute("SELECT block FROM search_fts_data WHERE id = 1").fetchone()
    if row and row[0]:
        return _varint(bytes(row[0]))
    return int(conn.execute("SELECT count(*) FROM search_rows").fetchone()[0])


def _varint(buf: bytes) -> int:
    """An SQLite (big-endian, 1-9 byte) varint at the start of ``buf``."""
    value = 0
    for i, byte in enumerate(buf[:9]):
        if i == 8:
            return (value << 8) | byte
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value
    return value


def _stale(n_at: int, n: int) -> bool:
    return n_at <= 0 or n > n_at * _STALE or n * _STALE < n_at


def doc_freqs(conn: Any, terms: Iterable[str], n: int,
              mem: dict[str, tuple[int, int]]) -> dict[str, int]:
    """Document frequencies of index tokens, from the cache, ``search_terms`` or FTS5.

    Args:
        conn: The catalog's connection.
        terms: Index tokens (folded syllables, bigrams, exact syllables, notation keys).
        n: The current number of indexed pages (staleness is judged against it).
        mem: The catalog's :func:`term_cache`.

    Returns:
        ``df`` per term (0 for a term no page holds).
    """
    terms = list(terms)
    out: dict[str, int] = {}
    want = [t for t in dict.fromkeys(terms) if t not in mem or _stale(mem[t][1], n)]
    if want:
        marks = ",".join("?" * len(want))
        for term, df, n_at in conn.execute(
                f"SELECT term, df, n FROM search_terms WHERE term IN ({marks})", want):
            mem[term] = (int(df), int(n_at))
    fresh: list[tuple[str, int, int]] = []
    for t in want:
        if t not in mem or _stale(mem[t][1], n):
            conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab "
                         "USING fts5vocab(main, search_fts, row)")
            row = conn.execute("SELECT doc FROM temp.search_vocab WHERE term = ?",
                               (t,)).fetchone()
            mem[t] = (int(row[0]) if row else 0, n)
            fresh.append((t, mem[t][0], n))
    if fresh and not conn.in_transaction:  # best effort: a busy catalog keeps them in memory
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany("INSERT OR REPLACE INTO search_terms(term, df, n) VALUES (?, ?, ?)",
                             [f for f in fresh if f[1] or f[0][:1] != "_"])
            conn.execute("DELETE FROM search_terms WHERE df = 0 AND n > 0")
            conn.execute("COMMIT")
        except Exception:  # noqa: BLE001 - a cache write must never fail a search
            if conn.in_transaction:
                conn.execute("ROLLBACK")
    for t in terms:
        out[t] = mem[t][0]
    return out


def expand_prefix(conn: Any, prefix: str) -> list[str] | None:
    """The most frequent indexed folded syllables that start with ``prefix``.

    Args:
        conn: The catalog's connection.
        prefix: A folded prefix (two characters or more).

    Returns:
        Up to :data:`PREFIX_WORDS` syllables, most frequent first; None when ``search_terms``
        is empty (an index from before it existed: FTS5 expands the prefix itself).
    """
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    rows = conn.execute("SELECT term FROM search_terms WHERE term >= ? AND term < ? "
                        "ORDER BY df DESC LIMIT ?", (prefix, upper, PREFIX_WORDS)).fetchall()
    if rows:
        return [r[0] for r in rows]
    if conn.execute("SELECT 1 FROM search_terms LIMIT 1").fetchone() is None:
        return None
    return []


def meta_tokens(conn: Any, page_ids: list[int]) -> dict[int, tuple[set[str], set[str]]]:
    """The metadata tokens (exact, folded) of each indexed page.

    Args:
        conn: The catalog's connection.
        page_ids: ``pages.id`` values.

    Returns:
        (exact tokens, folded tokens) per page id (pages without metadata are left out).
    """
    out: dict[int, tuple[set[str], set[str]]] = {}
    parsed: dict[int, tuple[set[str], set[str]]] = {}
    for k in range(0, len(page_ids), 5000):
        chunk = page_ids[k:k + 5000]
        for pid, mid, me, mf in conn.execute(
                "SELECT r.page_id, m.id, m.meta_e, m.meta_f FROM search_rows r JOIN search_meta "
                f"m ON m.id = r.meta_id WHERE r.page_id IN ({','.join('?' * len(chunk))})",
                chunk):
            if mid not in parsed:
                parsed[mid] = (set(me.split()), set(mf.split()))
            out[pid] = parsed[mid]
    return out


def _idf(df: int, n: int) -> float:
    return math.log(1.0 + (n - df + 0.5) / (df + 0.5))


def _in_folded(t: ScoreTerm, folded: set[str]) -> bool:
    if t.kind == "prefix" or t.kind == "notation":
        return any(x.startswith(t.folded[0]) for x in folded)
    return all(x in folded for x in t.folded)


def _in_exact(t: ScoreTerm, exact: set[str]) -> bool:
    if not t.exact:
        return False
    if t.kind == "prefix":
        return any(x.startswith(t.exact[0]) for x in exact)
    return all(x in exact for x in t.exact)


def term_idfs(conn: Any, terms: list[ScoreTerm], n: int, matches: int,
              mem: dict[str, tuple[int, int]]) -> list[float]:
    """The idf of each query term (a phrase: its rarest bigram; a prefix: from the matches).

    Args:
        conn: The catalog's connection.
        terms: The query's positive terms.
        n: Indexed pages.
        matches: Pages matched by the query (for prefixes, whose words are not counted).
        mem: The catalog's :func:`term_cache`.

    Returns:
        One idf per term.
    """
    dfs = doc_freqs(conn, [x for t in terms if t.kind != "prefix" for x in t.folded], n, mem)
    return [_idf(matches if t.kind == "prefix" else min(dfs[x] for x in t.folded), n)
            for t in terms]


def score(page_ids: list[int], terms: list[ScoreTerm], idfs: list[float],
          meta: dict[int, tuple[set[str], set[str]]], exact: Collection[int],
          adjacent: Collection[int]) -> dict[int, float]:
    """The relevance of each candidate page (see the module docstring).

    Args:
        page_ids: The candidates.
        terms: The query's positive terms.
        idfs: Their idf, in the same order.
        meta: Each page's metadata tokens (exact, folded).
        exact: Pages that match with the marked words as typed.
        adjacent: Pages where the typed words stand side by side.

    Returns:
        Score per page id (higher is better).
    """
    w_me, w_mf, w_be, w_bf, _ = WEIGHTS
    exact_bonus = w_be * sum(w for t, w in zip(terms, idfs, strict=True) if t.exact)
    adjacent_bonus = w_bf * sum(w for t, w in zip(terms, idfs, strict=True) if t.kind == "word")
    empty: tuple[set[str], set[str]] = (set(), set())
    out: dict[int, float] = {}
    for pid in page_ids:
        me, mf = meta.get(pid, empty)
        s = 0.0
        for t, w in zip(terms, idfs, strict=True):
            in_f = _in_folded(t, mf)
            s += w * (w_mf * in_f + w_me * _in_exact(t, me))
            if t.required and not in_f:
                s += w * w_bf
        if pid in exact:
            s += exact_bonus
        if pid in adjacent:
            s += adjacent_bonus
        out[pid] = s
    return out
