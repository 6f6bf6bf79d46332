"""SQLite's own consistency checks of the catalog (``PRAGMA integrity_check``/``quick_check``)."""

from __future__ import annotations

from typing import Any

import sqlcipher3

from archive.errors import ArchiveError, CatalogCorrupt

__all__ = ["check_catalog"]


def check_catalog(catalog: Any, *, quick: bool = False, limit: int = 20) -> None:
    """Run SQLite's ``integrity_check`` (every page, index and constraint; seconds per GB) or
    ``quick_check`` (the same without matching indexes to tables; a fraction of the time).

    Args:
        catalog: An open :class:`archive.catalog.Catalog`.
        quick: Use ``quick_check``.
        limit: Report at most this many problems.

    Raises:
        CatalogCorrupt: SQLite found problems (or could not even read the file); its
            message names them and the way out (``digitize rebuild-catalog``).
    """
    pragma = "quick_check" if quick else "integrity_check"
    try:
        rows = catalog.query(f"PRAGMA {pragma}({int(limit)})")
    except (ArchiveError, sqlcipher3.Error, MemoryError) as e:
        # a page failing SQLCipher's HMAC stops the check itself ("SQL logic error", and
        # SQLITE_NOMEM, which Python raises as MemoryError, on the next statement)
        raise CatalogCorrupt(str(e) or type(e).__name__) from e
    found = [str(next(iter(r.values()))) for r in rows]
    if found != ["ok"]:
        raise CatalogCorrupt("; ".join(found[:5]) + (" …" if len(found) > 5 else ""))
