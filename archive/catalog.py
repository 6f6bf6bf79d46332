"""The encrypted catalog: SQLCipher through sqlite-utils, WAL, migrations, one ``atomic()`` helper.

The catalog is generic: the tables are the caller's, given as an ordered list of migrations
(digitize's list is :data:`digitize.store.schema.MIGRATIONS`: its records, the search index of
:mod:`archive.search`, the upload queue of :mod:`archive.export.queue`). It is encrypted as a
whole with a raw 256-bit key from the keystore; deleted rows are overwritten
(``secure_delete``) so a refused record leaves nothing behind. :meth:`Catalog.get_setting`
needs a ``settings(key, value)`` table, which the caller's first migration creates.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import sqlcipher3
import sqlite_utils

from archive.errors import ArchiveError, CatalogCorrupt, CatalogDamaged, DiskFull
from archive.fsutil import fsync_dir

__all__ = ["MEMORY_SECURITY_ENV", "PRAGMAS", "Catalog", "CatalogError", "Migration",
           "check_catalog", "snapshot_catalog",
           "enable_memory_security"]


class CatalogError(ArchiveError):
    code = "archive.catalog"
    vi = "Lỗi cơ sở dữ liệu danh mục: {detail}"
    en = "Catalog database error: {detail}"


def _catalog_error(e: Exception) -> ArchiveError:
    """Our error for a failed catalog write (a full disk said as such)."""
    text = str(e)
    return DiskFull(text) if "full" in text.lower() else CatalogError(text)


#: One schema migration: a function of the catalog's ``sqlite_utils.Database``, run in its own
#: transaction. ``PRAGMA user_version`` counts how many of the caller's list have run.
Migration = Callable[[sqlite_utils.Database], None]


#: Connection settings of every catalog: crash-safe WAL, erased deletes, temp data in memory.
PRAGMAS = ("journal_mode = WAL", "synchronous = FULL", "secure_delete = ON", "foreign_keys = ON",
           "temp_store = MEMORY")
#: ``DIGITIZE_MEMORY_SECURITY=1`` turns SQLCipher's memory security on for every catalog.
MEMORY_SECURITY_ENV = "DIGITIZE_MEMORY_SECURITY"


def enable_memory_security(conn: Any) -> None:
    """Turn on SQLCipher's memory security for this process (it cannot be turned off again).

    SQLite's heap is then wiped on free and locked against swapping. It is off by default
    since SQLCipher 4.5 because of its cost, and measured here it makes search at a million
    pages 6× slower (p95 58 -> 334 ms). The same plaintext also lives in Python objects that
    are never wiped, so on its own it does not keep record text out of memory or swap: the
    admin guide asks for encrypted swap or none. The offline workstation that holds state
    secrets turns it on (:class:`digitize.core.Workspace`), and any site can with
    :data:`MEMORY_SECURITY_ENV`.

    Args:
        conn: An open sqlcipher3 connection.
    """
    conn.execute("PRAGMA cipher_memory_security = ON")


class Catalog:
    """One encrypted SQLite database, opened with the keystore's catalog key.

    Writes go through :meth:`atomic`; the connection is shared by threads under a lock
    (one writer), which is what a desktop app needs.
    """

    def __init__(self, path: Path, key: bytes, migrations: Sequence[Migration] = ()) -> None:
        """Open (or create) the catalog at ``path`` and run the migrations not yet run.

        Args:
            path: The database file.
            key: The raw 256-bit SQLCipher key.
            migrations: The caller's ordered schema migrations (never reordered: a catalog
                remembers how many ran).
        """
        self.path = Path(path)
        self._migrations = tuple(migrations)
        self._lock = threading.RLock()
        try:
            conn = sqlcipher3.connect(str(self.path), check_same_thread=False,
                                      isolation_level=None, timeout=30)
            conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
            if os.environ.get(MEMORY_SECURITY_ENV) == "1":
                enable_memory_security(conn)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError as e:
            # the key comes from an unlocked (authenticated) keystore: the file is at fault
            raise CatalogDamaged(str(self.path)) from e
        for pragma in PRAGMAS:
            conn.execute(f"PRAGMA {pragma}")
        self.conn = conn
        self.db = sqlite_utils.Database(conn)
        self._migrate()

    def rekey(self, key: bytes) -> None:
        """Encrypt the whole database under a new raw key (a key rotation); the write-ahead
        log is checkpointed first so no page stays under the old key."""
        with self._lock:
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self.conn.execute(f"PRAGMA rekey = \"x'{key.hex()}'\"")
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()

    def _migrate(self) -> None:
        with self._lock:
            done = self.conn.execute("PRAGMA user_version").fetchone()[0]
            for i, step in enumerate(self._migrations[done:], start=done + 1):
                with self.atomic():
                    step(self.db)
                    self.conn.execute(f"PRAGMA user_version = {i}")

    @contextlib.contextmanager
    def atomic(self) -> Iterator[sqlite_utils.Database]:
        """A write transaction (nested calls join the outer one)."""
        with self._lock:
            if self.conn.in_transaction:
                yield self.db
                return
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException as e:
                self._rollback()
                if isinstance(e, sqlcipher3.Error):  # a full disk: not a traceback
                    raise _catalog_error(e) from e
                raise
            try:
                self.conn.execute("COMMIT")
            except sqlcipher3.Error as e:
                self._rollback()
                raise _catalog_error(e) from e

    def _rollback(self) -> None:
        """Roll back if a transaction is still open (SQLite may have ended it on an error)."""
        if self.conn.in_transaction:
            with contextlib.suppress(sqlcipher3.Error):
                self.conn.execute("ROLLBACK")

    def query(self, sql: str, params: tuple | dict = ()) -> list[dict[str, Any]]:
        """Run a read query and return rows as dicts."""
        with self._lock:
            try:
                cur = self.conn.execute(sql, params)
            except sqlcipher3.Error as e:
                raise CatalogError(str(e)) from e
            cols = [c[0] for c in cur.description or ()]
            return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]

    def one(self, sql: str, params: tuple | dict = ()) -> dict[str, Any] | None:
        """The first row of a query, or None."""
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def execute(self, sql: str, params: tuple | dict = ()) -> int:
        """Run one write statement in its own (or the current) transaction; return lastrowid."""
        with self.atomic():
            try:
                return self.conn.execute(sql, params).lastrowid or 0
            except sqlcipher3.Error as e:
                raise CatalogError(str(e)) from e

    # settings -----------------------------------------------------------------------------
    def get_setting(self, key: str, default: Any = None) -> Any:
        """A JSON setting value, or ``default``."""
        row = self.one("SELECT value FROM settings WHERE key = ?", (key,))
        return json.loads(row["value"]) if row else default

    def set_setting(self, key: str, value: Any) -> None:
        """Store a JSON setting value."""
        self.execute("INSERT INTO settings(key, value) VALUES (?, ?) "
                     "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                     (key, json.dumps(value, ensure_ascii=False)))

    def checkpoint(self) -> None:
        """Fold the WAL into the main file (after large deletions)."""
        with self._lock:
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        """Close the connection (idempotent)."""
        with self._lock:
            if self.conn is not None:
                with contextlib.suppress(sqlcipher3.Error):
                    self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                self.conn.close()
                self.conn = None  # type: ignore[assignment]


# safety: SQLite's own checks, and a consistent encrypted copy (verify, backup) ---------------

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
