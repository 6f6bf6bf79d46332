"""Keeping the catalog safe: SQLite's own consistency checks, and a consistent encrypted copy
through SQLite's backup API (for ``verify`` and ``backup``)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

import sqlcipher3

from archive.errors import ArchiveError, CatalogCorrupt
from archive.fsutil import fsync_dir

__all__ = ["check_catalog", "snapshot_catalog"]


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


def snapshot_catalog(catalog: Any, dest: Path, key: bytes, *, pages_per_step: int = 256) -> int:
    """Copy the catalog to ``dest`` as one consistent snapshot, encrypted with the same key.

    The copy is taken under the catalog's lock (no write of this program interleaves) and by
    SQLite's backup API (a write by another connection restarts it), written to ``dest`` as a
    rollback-journal database (no ``-wal`` beside it), checked with ``quick_check`` and fsynced.

    Args:
        catalog: The open :class:`archive.catalog.Catalog`.
        dest: The file to create (must not exist).
        key: The catalog's raw SQLCipher key.
        pages_per_step: Pages copied per step of the backup API.

    Returns:
        The size of the copy in bytes.

    Raises:
        FileExistsError: ``dest`` exists.
        CatalogCorrupt: the copy does not pass ``quick_check``.
    """
    dest = Path(dest)
    if dest.exists():
        raise FileExistsError(dest)
    target = sqlcipher3.connect(str(dest), isolation_level=None)
    try:
        target.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        with catalog._lock:
            catalog.conn.backup(target, pages=pages_per_step)
        target.execute("PRAGMA journal_mode = DELETE")
        found = [r[0] for r in target.execute("PRAGMA quick_check").fetchall()]
        if found != ["ok"]:
            raise CatalogCorrupt("; ".join(map(str, found[:5])))
    finally:
        target.close()
    for suffix in ("-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            (dest.parent / (dest.name + suffix)).unlink()
    fd = os.open(dest, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    fsync_dir(dest.parent)
    return dest.stat().st_size
