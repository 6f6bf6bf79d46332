"""Full-text and field search over the catalog: Vietnamese-aware queries, ranked hits with boxes.

Each page is one row of the contentless FTS5 table ``search_fts`` (see
:mod:`archive.search.schema`), keyed by its id: the metadata and the text the caller gave in
its :class:`~archive.search.index.IndexDocument`, each in an exact (diacritics kept) and a
folded form, plus filter tags. What a hit shows (title, text, OCR words, metadata) is read by
the caller too: :func:`search` asks its ``rows`` function for the hits' :class:`HitRow` s.

A query runs in two steps. Matching: FTS5 finds the newest :data:`RANK_WINDOW` pages that match
the folded query and the filters (``ORDER BY rowid DESC LIMIT``: FTS5 stops there, so a broad
query costs about the same as a narrow one); ``total_exact=False`` says more pages match
(narrow with words or filters). Ranking: those candidates are scored BM25-style by
:mod:`archive.search.rank` (metadata above text, marks as typed above folded, the typed words
side by side above scattered) with document frequencies from a cached table, not FTS5's
``bm25()``, which would read every query word's whole list of pages on each query. Snippets
and boxes are built from the page text and the OCR words of the hits only.
"""

from __future__ import annotations

import json
import time
import weakref
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

import sqlcipher3

from archive.catalog import Catalog, CatalogError
from archive.errors import SearchIndexMissing, SearchQueryError
from archive.search.compact import compact
from archive.search.highlight import boxes_for, snippet_for
from archive.search.index import (
    DocumentSource,
    IndexDocument,
    effective_secrecy,
    index_documents,
    reindex,
    secrecy_key,
    unindex_dossier,
)
from archive.search.query import compile_query
from archive.search.rank import (
    WEIGHTS,
    expand_prefix,
    index_size,
    meta_presence,
    score,
    term_cache,
    term_idfs,
)
from archive.search.textfold import fold_token, tokens

__all__ = ["MIN_WINDOW", "RANK_WINDOW", "WEIGHTS", "DocumentSource", "Hit", "HitRow", "HitRows",
           "IndexDocument", "SearchResults", "compact", "index_documents", "reindex", "search",
           "unindex_dossier"]

#: Most matches ranked per query (newest pages first); larger result sets are reported as
#: such. Ranking costs a few microseconds per match and query term, so a query of many terms
#: ranks fewer matches (down to :data:`MIN_WINDOW`).
RANK_WINDOW = 1000
MIN_WINDOW = 250
_CACHE_KIB = 131072
_tuned: weakref.WeakSet[Catalog] = weakref.WeakSet()


@dataclass(frozen=True)
class Hit:
    """One matching page.

    Attributes:
        dossier_id: The dossier's id.
        dossier_title: The dossier's title.
        doc_id: The document's id ("" when the page belongs to no document).
        page_seq: The page number in the dossier (1-based).
        score: Relevance (higher is better).
        snippet: A piece of the page text with matched words marked «like this».
        boxes: The matched words' boxes on the page image as (left, top, width, height).
        meta: The document's metadata, as the caller's :class:`HitRow` gave it (digitize:
            its TT 05/2025 fields).
        page_id: The page's catalog id.
    """

    dossier_id: str
    dossier_title: str
    doc_id: str
    page_seq: int
    score: float
    snippet: str
    boxes: list[tuple[int, int, int, int]]
    meta: dict[str, Any]
    page_id: int = 0


@dataclass(frozen=True)
class HitRow:
    """What a hit shows of one indexed page, as the caller reads it from its own tables.

    Attributes:
        id: The page's id (its :class:`~archive.search.index.IndexDocument` id).
        group: Its group's id (the dossier).
        title: Its group's title.
        seq: The page number in the group (1-based).
        doc_id: Its document's id ("" when none).
        text: The page text (for the snippet).
        ocr: The OCR words as JSON (``{"words": [{"text", "left", "top", ...}]}``; for boxes).
        meta: The document's metadata, given back as :attr:`Hit.meta`.
        secrecy: The secrecy marks it bears now (checked again before it is shown).
    """

    id: int
    group: str
    title: str
    seq: int
    doc_id: str = ""
    text: str = ""
    ocr: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)
    secrecy: Sequence[str] = ()


#: ``rows(page_ids)``: the :class:`HitRow` of each page id that still exists.
HitRows = Callable[[Sequence[int]], Mapping[int, HitRow]]


@dataclass(frozen=True)
class SearchResults:
    """A page of hits, the number of matches and the time taken.

    ``total`` is exact when ``total_exact``; otherwise at least that many pages match.
    """

    hits: list[Hit]
    total: int
    elapsed_ms: float
    total_exact: bool = True
    query: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> str:
        """The results as a JSON document (UTF-8 text, diacritics kept)."""
        return json.dumps(asdict(self), ensure_ascii=False, default=str)


def _date_tags(d1: date, d2: date) -> list[str]:
    """The fewest decade/year/month/day tags that cover [d1, d2] exactly."""
    out: list[str] = []
    d = d1
    while d <= d2 and len(out) < 400:
        if d.month == 1 and d.day == 1 and d.year % 10 == 0 and date(d.year + 9, 12, 31) <= d2:
            out.append(f"__x{d.year // 10}")
            d = date(d.year + 10, 1, 1) if d.year < 9989 else date.max
        elif d.month == 1 and d.day == 1 and date(d.year, 12, 31) <= d2:
            out.append(f"__y{d.year}")
            d = date(d.year + 1, 1, 1) if d.year < 9999 else date.max
        elif d.day == 1 and _month_end(d) <= d2:
            out.append(f"__m{d.year}{d.month:02d}")
            d = date.fromordinal(_month_end(d).toordinal() + 1)
        else:
            out.append(f"__d{d:%Y%m%d}")
            d = date.fromordinal(d.toordinal() + 1)
        if d == date.max:
            break
    return out


def _month_end(d: date) -> date:
    nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return date.fromordinal(nxt.toordinal() - 1)


def _as_date(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError as e:
        raise SearchQueryError(f"not a date (YYYY-MM-DD): {value}") from e


def _or(tags: list[str]) -> str:
    return "(" + " OR ".join(f'"{t}"' for t in tags) + ")"


def _filters(type_code: str | None, date_from: date | str | None, date_to: date | str | None,
             organ: str | None, dossier_id: str | None, maintenance: str | None) -> list[str]:
    out: list[str] = []
    if type_code:
        out.append(f'"__ty{"".join(fold_token(t) for t in tokens(type_code))}"')
    if date_from or date_to:
        lo = _as_date(date_from) or date(1800, 1, 1)
        # open-ended: up to the end of next year's decade (one __x tag, not a tag a year)
        hi = _as_date(date_to) or date((date.today().year + 1) // 10 * 10 + 9, 12, 31)
        if lo > hi:
            raise SearchQueryError(f"date range {lo} > {hi}")
        out.append(_or(_date_tags(lo, hi)))
    if organ:
        toks = sorted({fold_token(t) for t in tokens(organ)})
        if toks:
            out.append("(" + " AND ".join(f'"__og{t}"' for t in toks) + ")")
    if dossier_id:
        out.append(f'"__ds{dossier_id.encode().hex()}"')
    if maintenance:
        out.append(f'"__mt{"".join(fold_token(t) for t in tokens(maintenance))}"')
    return out


def _secrecy_clause(allowed: Collection[str]) -> tuple[str, str]:
    """(required, excluded) FTS fragments so only pages of allowed secrecy levels match."""
    keys = {secrecy_key(a) for a in allowed}
    levels = sorted(k for k in keys if k)
    required = "" if "" in keys else '"__secret"'
    excluded = '"__secret"' + (f" NOT {_or(['__sec' + k for k in levels])}" if levels else "")
    return required, excluded


def _tune(catalog: Catalog) -> None:
    if catalog not in _tuned:
        catalog.query(f"PRAGMA cache_size = -{_CACHE_KIB}")
        _tuned.add(catalog)


def search(catalog: Catalog, query: str, *, rows: HitRows, type_code: str | None = None,
           date_from: date | str | None = None, date_to: date | str | None = None,
           organ: str | None = None,
           dossier_id: str | None = None, maintenance: str | None = None,
           allowed_secrecy: Collection[str] = ("",), limit: int = 20,
           offset: int = 0) -> SearchResults:
    """Search pages by words, phrases, prefixes, notations and filters.

    Args:
        catalog: The open catalog.
        query: The query as typed: words (with or without diacritics), "phrases", prefix*,
            AND/OR/NOT, -word, (groups), notations such as ``15/QĐ-UBND``. May be empty
            when a filter is given.
        rows: Reads what the hits show from the caller's tables (:data:`HitRows`).
        type_code: Only documents of this ``typeName`` code ("02" = Quyết định).
        date_from: Only documents issued on or after this day (a date or ISO text).
        date_to: Only documents issued on or before this day (a date or ISO text).
        organ: Only documents whose issuing organ contains these words (folded).
        dossier_id: Only pages of this dossier.
        maintenance: Only records of this ``maintenance`` code ("01" = Vĩnh viễn).
        allowed_secrecy: Secrecy levels the user's role may see; "" is unmarked records.
        limit: Hits to return.
        offset: Hits to skip (paging).

    Returns:
        The hits, best first, with the number of matching pages.

    Raises:
        SearchQueryError: The query has nothing to look for, or a filter is invalid.
        SearchIndexMissing: The index tables are gone (run ``reindex``).
    """
    t0 = time.perf_counter()
    conn = catalog.conn
    try:
        with catalog._lock:  # one statement sequence on the shared connection
            compiled = compile_query(query, lambda prefix: expand_prefix(conn, prefix))
            filters = _filters(type_code, date_from, date_to, organ, dossier_id, maintenance)
            required, excluded = _secrecy_clause(allowed_secrecy)
            if required:
                filters.append(required)

            def full(e: str | None) -> str:
                parts = [f"({e})"] if e else []
                return f"({' AND '.join(parts + filters)}) NOT ({excluded})"

            if not compiled.expr and not filters:
                raise SearchQueryError("empty query")
            expr = full(compiled.expr)
            _tune(catalog)
            per_terms = 4 * RANK_WINDOW // max(4, len(compiled.terms))
            window = max(MIN_WINDOW, min(RANK_WINDOW, per_terms))
            ids = [r[0] for r in conn.execute(
                "SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid DESC LIMIT ?",
                (expr, window + 1))]
            exact = len(ids) <= window
            ids = ids[:window]
            scores = dict.fromkeys(ids, 0.0)
            if ids and compiled.terms:
                # which candidates also match as typed / side by side (with the filters: they
                # keep FTS5 from walking every unfiltered match between the candidates)
                tiers = []
                for e in (compiled.exact, compiled.adjacent):
                    tiers.append(set() if not e else {r[0] for r in conn.execute(
                        "SELECT rowid FROM search_fts WHERE search_fts MATCH ? "
                        "AND rowid BETWEEN ? AND ?", (full(e), ids[-1], ids[0]))})
                n = index_size(conn)
                idfs = term_idfs(conn, compiled.terms, n, len(ids) if exact else 10 * len(ids),
                                 term_cache(catalog))
                meta = meta_presence(conn, ids, compiled.terms)
                scores = score(ids, compiled.terms, idfs, meta, *tiers)
    except sqlcipher3.Error as e:
        if "no such table" in str(e) or "malformed" in str(e):
            raise SearchIndexMissing(str(e)) from e
        raise CatalogError(str(e)) from e
    ranked = sorted(ids, key=lambda i: (-scores[i], -i))
    page = [{"id": i, "score": scores[i]} for i in ranked[offset:offset + max(0, limit)]]
    hits = _hits(rows, page, compiled.patterns, set(allowed_secrecy))
    ms = (time.perf_counter() - t0) * 1000
    return SearchResults(hits, len(ids), ms, exact, {"text": query, "fts": expr})


def _hits(rows: HitRows, window: list[dict[str, Any]],
          patterns: list[tuple[tuple[str, ...], bool]], allowed: set[str]) -> list[Hit]:
    if not window:
        return []
    found = rows([r["id"] for r in window])
    allowed_keys = {secrecy_key(a) for a in allowed}
    hits = []
    for r in window:
        row = found.get(r["id"])
        if row is None:  # the index is ahead of the catalog: skip, never fail
            continue
        level = effective_secrecy(*row.secrecy)
        if level not in allowed_keys:  # defence in depth: the index said yes, the row says no
            continue
        hits.append(Hit(row.group, row.title, row.doc_id, row.seq, float(r["score"]),
                        snippet_for(row.text, patterns), boxes_for(row.ocr, patterns),
                        dict(row.meta), row.id))
    return hits
