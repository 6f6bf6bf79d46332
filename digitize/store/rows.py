"""Single rows of the records tables, read by id."""

from __future__ import annotations

from typing import Any

from archive.catalog import Catalog
from archive.errors import RecordNotFound
from digitize.model import Dossier

__all__ = ["dossier_list", "dossier_row"]


def dossier_row(catalog: Catalog, dossier_id: str) -> dict[str, Any]:
    """The dossier's catalog row.

    Raises:
        RecordNotFound: no such dossier.
    """
    row = catalog.one("SELECT * FROM dossiers WHERE id = ?", (dossier_id,))
    if row is None:
        raise RecordNotFound(dossier_id)
    return row


def dossier_list(catalog: Catalog, *, status: str | None = None, owner: str | None = None
                 ) -> list[Dossier]:
    """Dossiers newest first, optionally only of one status and of one owner."""
    where, params = [], []
    for column, value in (("status", status or None), ("owner", owner)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    sql = "SELECT * FROM dossiers" + (" WHERE " + " AND ".join(where) if where else "")
    return [Dossier.from_row(r) for r in catalog.query(sql + " ORDER BY created DESC",
                                                       tuple(params))]
