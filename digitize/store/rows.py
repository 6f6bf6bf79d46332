"""Single rows of the records tables, read by id."""

from __future__ import annotations

from typing import Any

from archive.catalog import Catalog
from archive.errors import RecordNotFound

__all__ = ["dossier_row"]


def dossier_row(catalog: Catalog, dossier_id: str) -> dict[str, Any]:
    """The dossier's catalog row.

    Raises:
        RecordNotFound: no such dossier.
    """
    row = catalog.one("SELECT * FROM dossiers WHERE id = ?", (dossier_id,))
    if row is None:
        raise RecordNotFound(dossier_id)
    return row
