"""``ws.search``: the archive's full-text and field search, limited by the user's rights."""

from __future__ import annotations

from typing import TYPE_CHECKING

from digitize.store.vault import Vault

if TYPE_CHECKING:
    from archive.search import SearchResults

__all__ = ["Search"]


class Search:
    """Search over one vault's stored pages and documents."""

    def __init__(self, vault: Vault) -> None:
        self._v = vault

    def __call__(self, query: str, *, type_code: str | None = None,
                 date_from: str | None = None, date_to: str | None = None,
                 organ: str | None = None, dossier_id: str | None = None,
                 maintenance: str | None = None, limit: int = 50,
                 offset: int = 0) -> SearchResults:
        """Search stored pages and documents (``ws.search("quyết định", type_code="02")``).

        Args:
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
            ``dossier_title``, ``doc_id``, ``page_seq``, ``score``, ``snippet``, ``boxes``,
            ``meta``. Secrecy levels the role may not see are left out.
        """
        from digitize.store.search_index import search

        self._v.require("search")
        res = search(self._v.catalog, query, type_code=type_code or None,
                     date_from=date_from or None, date_to=date_to or None,
                     organ=organ or None, dossier_id=dossier_id or None,
                     maintenance=maintenance or None,
                     allowed_secrecy=self._v.allowed_secrecy(), limit=limit, offset=offset)
        # who searched and how much came back (#24): counts only, never the words
        self._v.log("search.query", None, {"hits": len(res.hits), "total": res.total,
                                           "words": len(query.split()), "offset": offset})
        return res

    def reindex(self) -> int:
        """Rebuild the search index from the catalog; how many pages were indexed."""
        from digitize.store.search_index import reindex

        n = reindex(self._v.catalog)
        self._v.log("index.rebuild", None, {"pages": n})
        return n
