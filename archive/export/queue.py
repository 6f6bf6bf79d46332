"""The upload queue in the catalog: one row per dossier version and target, with its parts."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol

from archive.clock import now_iso

__all__ = ["PartRecord", "QueueEntry", "QueueState", "UploadQueue", "migrate"]



class QueueState:
    """States of a queue entry."""

    QUEUED = "queued"
    UPLOADING = "uploading"
    SENT = "sent"
    FAILED = "failed"
    EXCLUDED = "excluded"


def migrate(db: Any) -> None:
    """Catalog migration: the ``upload_queue`` and ``upload_parts`` tables."""
    db.executescript(
        """
        CREATE TABLE upload_queue (
            id INTEGER PRIMARY KEY, target TEXT NOT NULL, dossier_id TEXT NOT NULL,
            version INTEGER NOT NULL, source_container TEXT, state TEXT NOT NULL,
            reason TEXT, package_id TEXT, object_key TEXT, size INTEGER,
            part_size INTEGER, upload_id TEXT, attempts INTEGER NOT NULL DEFAULT 0,
            error_code TEXT, error TEXT, checksum TEXT, sip_objid TEXT,
            created TEXT NOT NULL, updated TEXT NOT NULL, sent TEXT,
            UNIQUE (target, dossier_id, version)
        );
        CREATE INDEX upload_queue_state ON upload_queue(target, state);
        CREATE TABLE upload_parts (
            queue_id INTEGER NOT NULL REFERENCES upload_queue(id), part_number INTEGER NOT NULL,
            size INTEGER NOT NULL, etag TEXT NOT NULL, sha256 TEXT NOT NULL,
            PRIMARY KEY (queue_id, part_number)
        );
        """
    )


class CatalogLike(Protocol):
    """What the queue needs of ``archive.catalog.Catalog``."""

    def atomic(self) -> AbstractContextManager[Any]:
        """A write transaction."""
        ...

    def query(self, sql: str, params: tuple | dict = ()) -> list[dict[str, Any]]:
        """Rows as dicts."""
        ...

    def one(self, sql: str, params: tuple | dict = ()) -> dict[str, Any] | None:
        """First row or None."""
        ...

    def execute(self, sql: str, params: tuple | dict = ()) -> int:
        """One write statement."""
        ...


@dataclass(frozen=True)
class PartRecord:
    """A part that the server confirmed: number, size, ETag (MD5 hex), SHA-256 (hex)."""

    number: int
    size: int
    etag: str
    sha256: str


@dataclass(frozen=True)
class QueueEntry:
    """A row of the upload queue."""

    id: int
    target: str
    dossier_id: str
    version: int
    state: str
    source_container: str | None = None
    reason: str | None = None
    package_id: str | None = None
    object_key: str | None = None
    size: int | None = None
    part_size: int | None = None
    upload_id: str | None = None
    attempts: int = 0
    error_code: str | None = None
    error: str | None = None
    checksum: str | None = None
    sip_objid: str | None = None
    sent: str | None = None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> QueueEntry:
        """Build from an ``upload_queue`` row."""
        names = cls.__dataclass_fields__
        return cls(**{k: v for k, v in row.items() if k in names})


class UploadQueue:
    """Queue operations over the catalog; every change is its own committed transaction, so
    a crash at any point leaves a state the next run resumes from."""

    def __init__(self, catalog: CatalogLike) -> None:
        self.catalog = catalog

    def get(self, entry_id: int) -> QueueEntry:
        """The entry with this id (KeyError if none)."""
        row = self.catalog.one("SELECT * FROM upload_queue WHERE id = ?", (entry_id,))
        if row is None:
            raise KeyError(entry_id)
        return QueueEntry.from_row(row)

    def targets(self) -> list[str]:
        """Every target this catalog has queued something for, first used first."""
        rows = self.catalog.query("SELECT target, MIN(id) AS first FROM upload_queue "
                                  "GROUP BY target ORDER BY first")
        return [str(r["target"]) for r in rows]

    def find(self, target: str, dossier_id: str, version: int) -> QueueEntry | None:
        """The entry of a dossier version for a target, if any."""
        row = self.catalog.one("SELECT * FROM upload_queue WHERE target = ? AND dossier_id = ? "
                               "AND version = ?", (target, dossier_id, version))
        return QueueEntry.from_row(row) if row else None

    def entries(self, target: str | None = None, states: tuple[str, ...] = ()
                ) -> list[QueueEntry]:
        """Entries (of one target, of some states), oldest first."""
        sql, params = "SELECT * FROM upload_queue WHERE 1", []
        if target is not None:
            sql += " AND target = ?"
            params.append(target)
        if states:
            sql += f" AND state IN ({','.join('?' * len(states))})"
            params += list(states)
        return [QueueEntry.from_row(r) for r in self.catalog.query(sql + " ORDER BY id",
                                                                    tuple(params))]

    def enqueue(self, target: str, dossier_id: str, version: int, *,
                source_container: str | None, excluded: str | None = None) -> QueueEntry:
        """Add a dossier version for ``target`` (idempotent: an existing entry is returned,
        but an exclusion always wins, so a dossier marked secret later is never sent)."""
        now = now_iso()
        state = QueueState.EXCLUDED if excluded else QueueState.QUEUED
        with self.catalog.atomic() as db:
            db.execute("INSERT INTO upload_queue (target, dossier_id, version, source_container, "
                       "state, reason, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                       "ON CONFLICT (target, dossier_id, version) DO NOTHING",
                       (target, dossier_id, version, source_container, state, excluded, now,
                        now))
            if excluded:
                db.execute("UPDATE upload_queue SET state = ?, reason = ?, updated = ? "
                           "WHERE target = ? AND dossier_id = ? AND version = ? AND state != ?",
                           (state, excluded, now, target, dossier_id, version,
                            QueueState.SENT))
        entry = self.find(target, dossier_id, version)
        assert entry is not None
        return entry

    def set_package(self, entry_id: int, *, package_id: str, object_key: str, size: int,
                    part_size: int, sip_objid: str) -> QueueEntry:
        """Record the package built for an entry (its content address and object key)."""
        self._update(entry_id, package_id=package_id, object_key=object_key, size=size,
                     part_size=part_size, sip_objid=sip_objid, upload_id=None)
        self.catalog.execute("DELETE FROM upload_parts WHERE queue_id = ?", (entry_id,))
        return self.get(entry_id)

    def start_upload(self, entry_id: int, upload_id: str | None) -> None:
        """Mark an entry uploading, remembering the server's multipart upload id."""
        with self.catalog.atomic() as db:
            db.execute("UPDATE upload_queue SET state = ?, upload_id = ?, attempts = attempts "
                       "+ 1, updated = ? WHERE id = ?",
                       (QueueState.UPLOADING, upload_id, now_iso(), entry_id))
            if upload_id is None:
                db.execute("DELETE FROM upload_parts WHERE queue_id = ?", (entry_id,))

    def record_part(self, entry_id: int, part: PartRecord) -> None:
        """Remember a part the server confirmed (committed at once)."""
        self.catalog.execute("INSERT OR REPLACE INTO upload_parts (queue_id, part_number, size, "
                             "etag, sha256) VALUES (?, ?, ?, ?, ?)",
                             (entry_id, part.number, part.size, part.etag, part.sha256))

    def forget_parts(self, entry_id: int, numbers: list[int] | None = None) -> None:
        """Drop part records (all, or some), e.g. when the server lost the upload."""
        if numbers is None:
            self.catalog.execute("DELETE FROM upload_parts WHERE queue_id = ?", (entry_id,))
            return
        with self.catalog.atomic() as db:
            for n in numbers:
                db.execute("DELETE FROM upload_parts WHERE queue_id = ? AND part_number = ?",
                           (entry_id, n))

    def parts(self, entry_id: int) -> dict[int, PartRecord]:
        """Confirmed parts of an entry by number."""
        rows = self.catalog.query("SELECT * FROM upload_parts WHERE queue_id = ? "
                                  "ORDER BY part_number", (entry_id,))
        return {r["part_number"]: PartRecord(r["part_number"], r["size"], r["etag"],
                                             r["sha256"]) for r in rows}

    def mark_sent(self, entry_id: int, checksum: str) -> None:
        """The server holds the object and its checksum matched: sent."""
        now = now_iso()
        with self.catalog.atomic() as db:
            db.execute("UPDATE upload_queue SET state = ?, checksum = ?, sent = ?, updated = ?, "
                       "upload_id = NULL, error_code = NULL, error = NULL WHERE id = ?",
                       (QueueState.SENT, checksum, now, now, entry_id))
            db.execute("DELETE FROM upload_parts WHERE queue_id = ?", (entry_id,))

    def mark_failed(self, entry_id: int, code: str, message: str) -> None:
        """Record a failure; the upload id and parts stay, so the next run resumes."""
        self._update(entry_id, state=QueueState.FAILED, error_code=code, error=message)

    def counts(self, target: str | None = None) -> dict[str, int]:
        """Number of entries per state."""
        sql = "SELECT state, count(*) AS n FROM upload_queue"
        params: tuple = ()
        if target is not None:
            sql, params = sql + " WHERE target = ?", (target,)
        return {r["state"]: r["n"] for r in self.catalog.query(sql + " GROUP BY state", params)}

    def _update(self, entry_id: int, **fields: Any) -> None:
        fields["updated"] = now_iso()
        cols = ", ".join(f"{k} = ?" for k in fields)
        self.catalog.execute(f"UPDATE upload_queue SET {cols} WHERE id = ?",
                             (*fields.values(), entry_id))

    def __iter__(self) -> Iterator[QueueEntry]:
        return iter(self.entries())
