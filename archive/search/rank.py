"""Ranking search candidates: BM25-style weights computed here, not by FTS5's bm25().

FTS5's ``bm25()`` reads the whole list of pages of every phrase in the query to count its
document frequency, on every query: at a million pages a common word costs tens of
milliseconds per phrase whatever the ``LIMIT``. Instead:

- document frequencies come from ``search_terms`` (see :mod:`archive.search.schema`), kept in
  memory per catalog; a missing or stale one (the index grew or shrank by a fifth since it was
  counted) is counted once from an ``fts5vocab`` table and written back;
- a term's weight is ``idf * w`` per place it is found, ``idf = ln(1 + (N - df + .5)/(df + .5))``;
  ``w`` is 12 for metadata with the marks as typed, 6 for metadata (folded), 3 for the page
  text with the marks as typed and 1 for the page text (folded); each token counts once per
  page (no term frequency) and there is no length normalisation;
- metadata presence is exact, read from the hit's ``search_meta`` row (one per document);
- a required term (not under OR) absent from the metadata is in the page text (where else is
  not checked: a term in both gets the metadata weights only);
- "marks as typed" in the text comes from the ``exact`` expression of
  :mod:`archive.search.query`: pages matching it (every marked word as typed, anywhere) get
  weight 3 for those words; pages matching the ``adjacent`` expression (the typed words side by
  side, in order) get weight 1 again for every word.

Ties keep the newest page first.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Collection, Iterable
from typing import Any

import sqlcipher3

from archive.search.query import ScoreTerm

__all__ = ["WEIGHTS", "doc_freqs", "expand_prefix", "index_size", "meta_presence", "presence",
           "score",
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
                             [f for f in fresh if f[1]])
            # a word no page holds any more leaves the table (and prefix expansion)
            conn.executemany("DELETE FROM search_terms WHERE term = ?",
                             [(f[0],) for f in fresh if not f[1]])
            conn.execute("COMMIT")
        except sqlcipher3.Error:  # busy or full: a cache write must never fail a search
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


def _presence_sql(terms: list[ScoreTerm]) -> tuple[str, list[str]]:
    """SQL columns telling, per term, if the metadata holds it folded and as typed."""
    cols: list[str] = []
    args: list[str] = []

    def has(column: str, tokens: tuple[str, ...], prefix: bool) -> str:
        if not tokens:
            return "0"
        args.extend(f" {t}" + ("" if prefix else " ") for t in tokens)
        return "(" + " AND ".join(f"instr(m.{column}, ?) > 0" for _ in tokens) + ")"

    for t in terms:
        prefix = t.kind in ("prefix", "notation")
        cols.append(has("meta_f", t.folded, prefix))
        cols.append(has("meta_e", t.exact, t.kind == "prefix"))
    return ", ".join(cols), args


def meta_presence(conn: Any, page_ids: list[int],
                  terms: list[ScoreTerm]) -> dict[int, tuple[bool, ...]]:
    """Which query terms each page's metadata holds (folded, as typed), read from ``search_meta``.

    Args:
        conn: The catalog's connection.
        page_ids: ``pages.id`` values.
        terms: The query's positive terms.

    Returns:
        Per page id: for each term, (in folded metadata, in exact metadata) flattened; pages
        without metadata are left out.
    """
    by_meta: dict[int, list[int]] = {}
    for k in range(0, len(page_ids), 5000):
        chunk = page_ids[k:k + 5000]
        for pid, mid in conn.execute("SELECT page_id, meta_id FROM search_rows WHERE page_id "
                                     f"IN ({','.join('?' * len(chunk))})", chunk):
            by_meta.setdefault(mid, []).append(pid)
    cols, args = _presence_sql(terms)
    out: dict[int, tuple[bool, ...]] = {}
    mids = [m for m in by_meta if m is not None]
    for k in range(0, len(mids), 5000):
        chunk = mids[k:k + 5000]
        for row in conn.execute(f"SELECT m.id, {cols} FROM search_meta m WHERE m.id IN "
                                f"({','.join('?' * len(chunk))})", (*args, *chunk)):
            flags = tuple(bool(x) for x in row[1:])
            for pid in by_meta[row[0]]:
                out[pid] = flags
    return out


def presence(terms: list[ScoreTerm], exact: set[str], folded: set[str]) -> tuple[bool, ...]:
    """:func:`meta_presence` of one page from its metadata token sets (for tests and tools).

    Args:
        terms: The query's positive terms.
        exact: The metadata's exact tokens.
        folded: The metadata's folded tokens.

    Returns:
        For each term, (in folded, in exact) flattened.
    """
    out: list[bool] = []
    for t in terms:
        if t.kind in ("prefix", "notation"):
            out.append(any(x.startswith(t.folded[0]) for x in folded))
        else:
            out.append(all(x in folded for x in t.folded))
        if t.kind == "prefix":
            out.append(bool(t.exact) and any(x.startswith(t.exact[0]) for x in exact))
        else:
            out.append(bool(t.exact) and all(x in exact for x in t.exact))
    return tuple(out)


def _idf(df: int, n: int) -> float:
    return math.log(1.0 + (n - df + 0.5) / (df + 0.5))


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
          meta: dict[int, tuple[bool, ...]], exact: Collection[int],
          adjacent: Collection[int]) -> dict[int, float]:
    """The relevance of each candidate page (see the module docstring).

    Args:
        page_ids: The candidates.
        terms: The query's positive terms.
        idfs: Their idf, in the same order.
        meta: Per page, :func:`meta_presence` flags.
        exact: Pages that match with the marked words as typed.
        adjacent: Pages where the typed words stand side by side.

    Returns:
        Score per page id (higher is better).
    """
    w_me, w_mf, w_be, w_bf, _ = WEIGHTS
    exact_bonus = w_be * sum(w for t, w in zip(terms, idfs, strict=True) if t.exact)
    adjacent_bonus = w_bf * sum(w for t, w in zip(terms, idfs, strict=True) if t.kind == "word")
    none = (False,) * (2 * len(terms))
    base: dict[tuple[bool, ...], float] = {}
    out: dict[int, float] = {}
    for pid in page_ids:
        flags = meta.get(pid, none)
        s = base.get(flags)
        if s is None:
            s = 0.0
            for k, (t, w) in enumerate(zip(terms, idfs, strict=True)):
                in_f, in_e = flags[2 * k], flags[2 * k + 1]
                s += w * (w_mf * in_f + w_me * in_e + (w_bf if t.required and not in_f else 0))
            base[flags] = s
        out[pid] = s + exact_bonus * (pid in exact) + adjacent_bonus * (pid in adjacent)
    return out
