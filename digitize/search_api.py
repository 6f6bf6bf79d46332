"""Search for the GUI: the archive's full-text and field search, limited by the user's rights."""

from __future__ import annotations

from typing import Any

from digitize.workspace import Workspace

__all__ = ["search"]


def search(ws: Workspace, query: str, *, type_code: str | None = None,
           date_from: str | None = None, date_to: str | None = None, organ: str | None = None,
           dossier_id: str | None = None, maintenance: str | None = None, limit: int = 50,
           offset: int = 0) -> Any:
    """Search stored pages and documents.

    Args:
        ws: The workspace (its role decides which secrecy levels are visible).
        query: Words to find (diacritics optional, ``đ`` folded).
        type_code: A ``typeName`` code, e.g. ``"02"``.
        date_from: ISO date, inclusive.
        date_to: ISO date, inclusive.
        organ: Issuer name, or part of it.
        dossier_id: Only this dossier.
        maintenance: Only records of this retention code (``"01"`` = Vĩnh viễn).
        limit: Most hits returned.
        offset: Hits to skip (the next page of results).

    Returns:
        ``SearchResults(hits, total, elapsed_ms)``; each hit has ``dossier_id``,
        ``dossier_title``, ``doc_id``, ``page_seq``, ``score``, ``snippet``, ``boxes``, ``meta``.
    """
    from archive.search import search as _search

    ws.require("search")
    res = _search(ws.catalog, query, type_code=type_code or None, date_from=date_from or None,
                  date_to=date_to or None, organ=organ or None, dossier_id=dossier_id or None,
                  maintenance=maintenance or None,
                  allowed_secrecy=ws.allowed_secrecy(), limit=limit, offset=offset)
    # who searched and how much came back (#24): counts only, never the words
    ws.log("search.query", None, {"hits": len(res.hits), "total": res.total,
                                  "words": len(query.split()), "offset": offset})
    return res
