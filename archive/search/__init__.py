"""Vietnamese-aware full-text and field search over the catalog (FTS5), as one package.

- :mod:`~archive.search.textfold`: tokens, folding (no marks, đ -> d), notation keys;
- :mod:`~archive.search.schema`: the index tables and their migrations;
- :mod:`~archive.search.index`: writing the index (one row per :class:`IndexDocument` the
  caller describes: the package reads no record tables and parses no record format);
- :mod:`~archive.search.compact`: bounded merges of the index's segments;
- :mod:`~archive.search.query`: a query string compiled to FTS5 expressions;
- :mod:`~archive.search.rank`: BM25-style ranking of the candidates;
- :mod:`~archive.search.highlight`: snippets and word boxes of the hits;
- :mod:`~archive.search.find`: running a query (match, rank, page, hits; what a hit shows is
  read by the caller: :class:`HitRow`).
"""

from __future__ import annotations

from archive.search.compact import AFTER_WRITE_STEPS
from archive.search.find import (
    MIN_WINDOW,
    RANK_WINDOW,
    WEIGHTS,
    DocumentSource,
    Hit,
    HitRow,
    HitRows,
    IndexDocument,
    SearchResults,
    compact,
    index_documents,
    reindex,
    search,
    unindex_dossier,
)

__all__ = ["AFTER_WRITE_STEPS", "MIN_WINDOW", "RANK_WINDOW", "WEIGHTS", "DocumentSource", "Hit",
           "HitRow", "HitRows", "IndexDocument", "SearchResults", "compact", "index_documents",
           "reindex", "search", "unindex_dossier"]
