"""Review drafts: a user's unsaved corrections of one stored dossier, kept in the catalog.

The catalog (SQLCipher; a clerk's own staging database) is encrypted like every other record,
so a draft is never plaintext on disk. One draft per user and dossier, stored as a JSON value
in the catalog's ``settings`` table under ``review_draft/<user>/<dossier>`` (no schema change).
"""

from __future__ import annotations

from typing import Any

from archive.catalog import Catalog

__all__ = ["drop_draft", "draft_dossiers", "load_draft", "save_draft"]

_PREFIX = "review_draft/"


def _key(user: str, did: str) -> str:
    return f"{_PREFIX}{user}/{did}"


def save_draft(catalog: Catalog, user: str, did: str, body: dict[str, Any]) -> None:
    """Keep (replace) ``user``'s draft of dossier ``did``: a JSON-serialisable mapping."""
    catalog.set_setting(_key(user, did), body)


def load_draft(catalog: Catalog, user: str, did: str) -> dict[str, Any] | None:
    """``user``'s draft of dossier ``did``, or None."""
    value = catalog.get_setting(_key(user, did))
    return value if isinstance(value, dict) else None


def drop_draft(catalog: Catalog, user: str, did: str) -> None:
    """Forget ``user``'s draft of dossier ``did`` (saved or discarded)."""
    catalog.execute("DELETE FROM settings WHERE key = ?", (_key(user, did),))


def draft_dossiers(catalog: Catalog, user: str) -> list[str]:
    """The dossiers ``user`` holds a draft of."""
    prefix = _key(user, "")
    rows = catalog.query("SELECT key FROM settings WHERE substr(key, 1, ?) = ? ORDER BY key",
                         (len(prefix), prefix))
    return [r["key"][len(prefix):] for r in rows]

