"""``digitize backup --to DIR|s3://bucket/prefix``: an incremental, verified, signed copy of the
whole archive.

Layout of a backup (a folder, or the same keys under an S3 prefix)::

    containers/ab/<sha256>.dgz     every dossier version (content-addressed: sent once, ever)
    outbox/ab/<sha256>.dgz         export packages not yet sent
    snapshots/<time>/catalog.db    the catalog at that moment (SQLite backup API, encrypted)
    snapshots/<time>/audit.log     the audit log up to that moment
    snapshots/<time>/keystore.json, accounts.json
    snapshots/<time>/manifest.json what the snapshot holds, signed with the office key
    LATEST                         the name of the newest complete snapshot

Crash safety: every file is written under a temporary name (or as a multipart upload that
appears whole) and checked; a snapshot is assembled aside and put in place whole, and
``LATEST`` moves only after it. A run killed at any moment leaves the previous snapshots
intact; the next run removes the leftovers and sends only the containers still missing.
``digitize restore --from`` reads either kind directly (:mod:`digitize.recovery.source`).
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from archive.catalog import snapshot_catalog
from archive.clock import now_vn
from archive.fsutil import atomic_write
from archive.store import ContainerStore
from digitize.errors import UsageError
from digitize.progress import ProgressEvent, ProgressFn, no_progress
from digitize.recovery.dest import (
    Destination,
    FolderDest,
    copy_verified,
    file_digest,
    open_destination,
)
from digitize.store.rows import container_ids
from digitize.store.vault import AUDIT_FILE, CONTAINERS_DIR, KEYSTORE_FILE, Vault

__all__ = ["BACKUP_FORMAT", "BackupReport", "MANIFEST_CONTEXT", "backup", "canonical",
           "file_digest", "last_backup"]

BACKUP_FORMAT = "digitize-backup/1"
#: The hybrid signature context of a backup manifest (docs/format.md section 6).
MANIFEST_CONTEXT = b"digitize/backup/v1/manifest"
ACCOUNTS_FILE = "accounts.json"
OUTBOX_DIR = "outbox"
_CHUNK = 1 << 20
LAST_BACKUP_SETTING = "last_backup"


@dataclass
class BackupReport:
    """What one backup run did."""

    to: str = ""
    snapshot: str = ""
    containers: int = 0  # in the snapshot
    sent: int = 0  # copied by this run (the others were already there)
    bytes_sent: int = 0
    verified: int = 0  # files checked after writing
    removed_partials: int = 0
    files: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (without the file table)."""
        return {k: v for k, v in self.__dict__.items() if k != "files"}


def canonical(doc: dict[str, Any]) -> bytes:
    """Canonical JSON (docs/format.md conventions): sorted keys, no spaces, UTF-8."""
    return json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _audit_prefix(path: Path) -> int:
    """Bytes of the audit log up to its last complete line (an append may be under way)."""
    if not path.exists():
        return 0
    with path.open("rb") as f:
        pos = path.stat().st_size
        while pos > 0:
            step = min(_CHUNK, pos)
            f.seek(pos - step)
            i = f.read(step).rfind(b"\n")
            if i >= 0:
                return pos - step + i + 1
            pos -= step
    return 0


def _send_store(ws: Vault, dest: Destination, folder: str, ids: list[str],
                report: BackupReport, progress: ProgressFn, done: list[int], total: int) -> None:
    """Copy the content-addressed files of ``folder`` that the backup does not have yet."""
    store = ContainerStore(ws.root / folder)
    for cid in ids:
        src = store.path(cid)
        rel = f"{folder}/{cid[:2]}/{cid}.dgz"
        if dest.size(rel) != src.stat().st_size:
            report.bytes_sent += dest.put(rel, src, cid)
            report.sent += 1
            report.verified += 1
        done[0] += 1
        progress(ProgressEvent("backup", done[0], total))


def backup(ws: Vault, to: Path | str, *, endpoint: str | None = None,
           access_key: str | None = None, secret_key: str | None = None,
           progress: ProgressFn = no_progress) -> BackupReport:
    """Back up the archive of ``ws`` to a folder or ``s3://bucket/prefix``.

    The catalog is copied first, under the workspace's lock, so the containers it names are
    exactly those sent with it; the audit log is copied up to its last complete line.

    Args:
        ws: An open workspace (writer: nothing else changes the archive meanwhile).
        to: The backup folder (removable drive, network share) or an S3 URL.
        endpoint, access_key, secret_key: For S3 (default: the usual AWS variables).
        progress: ``ProgressEvent("backup", n, total)`` per container.

    Returns:
        What was sent and verified.
    """
    if not str(to).startswith("s3://"):
        d = Path(str(to).removeprefix("file://")).resolve()
        if d == ws.root.resolve() or ws.root.resolve() in d.parents:
            raise UsageError("không sao lưu vào chính kho / a backup cannot go inside the archive")
    dest = open_destination(str(to), endpoint=endpoint, access_key=access_key,
                            secret_key=secret_key)
    report = BackupReport(to=dest.url, removed_partials=dest.removed)
    stamp = now_vn().strftime("%Y%m%dT%H%M%S")
    while isinstance(dest, FolderDest) and (dest.root / "snapshots" / stamp).exists():
        stamp += "x"
    with dest.staging(stamp) as part:
        snapshot_catalog(ws.catalog, part / "catalog.db", ws.keys.catalog_key())
        ids = container_ids(ws.catalog)
        outbox = ContainerStore(ws.root / OUTBOX_DIR).ids()
        files: dict[str, Any] = {}
        for name, limit in ((AUDIT_FILE, _audit_prefix(ws.root / AUDIT_FILE)),
                            (KEYSTORE_FILE, None), (ACCOUNTS_FILE, None)):
            if (ws.root / name).exists():
                digest, size = copy_verified(ws.root / name, part / name, limit=limit)
                files[name] = {"sha256": digest, "size": size}
        digest, size = file_digest(part / "catalog.db")
        files["catalog.db"] = {"sha256": digest, "size": size}
        done, total = [0], len(ids) + len(outbox)
        _send_store(ws, dest, CONTAINERS_DIR, ids, report, progress, done, total)
        _send_store(ws, dest, OUTBOX_DIR, outbox, report, progress, done, total)
        manifest = {"format": BACKUP_FORMAT, "created": now_vn().isoformat(),
                    "snapshot": stamp, "files": files, "containers": ids, "outbox": outbox,
                    "office": {"code": ws.keys.office_code, "name": ws.keys.office_name}}
        sig = ws.keys.signer().sign(canonical(manifest), MANIFEST_CONTEXT)
        atomic_write(part / "manifest.json", canonical(  # fsynced before the snapshot is
            {**manifest, "signature": base64.b64encode(sig).decode()}))  # published
        dest.publish(part, stamp)
    report.snapshot, report.containers, report.files = stamp, len(ids), files
    ws.catalog.set_setting(LAST_BACKUP_SETTING, {"time": manifest["created"],
                                                 "snapshot": stamp, "to": dest.url})
    ws.log("archive.backup", None, {"snapshot": stamp, "containers": len(ids),
                                    "sent": report.sent})
    return report


def last_backup(ws: Vault) -> dict[str, Any] | None:
    """The last backup that completed (for the dashboard): ``time``, ``snapshot``, ``to`` and
    ``age_hours``; None if the archive was never backed up."""
    rec = ws.catalog.get_setting(LAST_BACKUP_SETTING)
    if not rec:
        return None
    age = now_vn() - datetime.fromisoformat(rec["time"])
    return {**rec, "age_hours": round(age.total_seconds() / 3600, 1)}
