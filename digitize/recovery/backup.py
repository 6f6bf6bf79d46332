"""``digitize backup --to DIR``: an incremental, verified, signed copy of the whole archive.

Layout of a backup folder::

    containers/ab/<sha256>.dgz     every dossier version (content-addressed: sent once, ever)
    outbox/ab/<sha256>.dgz         export packages not yet sent (restored where the archive's
                                   ContainerStore keeps them)
    snapshots/<time>/catalog.db    the catalog at that moment (SQLite backup API, encrypted)
    snapshots/<time>/audit.log     the audit log up to that moment
    snapshots/<time>/keystore.json, accounts.json
    snapshots/<time>/manifest.json what the snapshot holds, signed with the office key
    LATEST                         the name of the newest complete snapshot

Crash safety: every file is written under a temporary name, fsynced and renamed; a snapshot is
assembled in ``snapshots/.<time>.partial/`` and renamed whole, and ``LATEST`` moves only after
it. A run killed at any moment leaves the previous snapshots intact; the next run removes the
leftovers and sends only the containers still missing.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from archive.catalog_safety import snapshot_catalog
from archive.errors import TamperedError
from archive.fsutil import atomic_write, cleanup_partials, fsync_dir
from archive.store import ContainerStore
from digitize.errors import FileSystemFault, UsageError
from digitize.progress import ProgressEvent, ProgressFn, no_progress
from digitize.workspace import AUDIT_FILE, CONTAINERS_DIR, KEYSTORE_FILE, Workspace, now_vn

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

    snapshot: str = ""
    containers: int = 0  # in the snapshot
    sent: int = 0  # copied by this run (the others were already there)
    bytes_sent: int = 0
    verified: int = 0  # files read back and hashed after writing
    removed_partials: int = 0
    files: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (without the file table)."""
        return {k: v for k, v in self.__dict__.items() if k != "files"}


def canonical(doc: dict[str, Any]) -> bytes:
    """Canonical JSON (docs/format.md conventions): sorted keys, no spaces, UTF-8."""
    return json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def file_digest(path: Path) -> tuple[str, int]:
    """SHA-256 (hex) and size of a file, read in 1 MiB chunks."""
    h, n = hashlib.sha256(), 0
    with Path(path).open("rb") as f:
        while chunk := f.read(_CHUNK):
            h.update(chunk)
            n += len(chunk)
    return h.hexdigest(), n


def _chunks(path: Path, limit: int | None = None) -> Iterator[bytes]:
    left = limit
    with path.open("rb") as f:
        while left is None or left > 0:
            chunk = f.read(_CHUNK if left is None else min(_CHUNK, left))
            if not chunk:
                return
            if left is not None:
                left -= len(chunk)
            yield chunk


def _copy_verified(src: Path, dest: Path, expect: str | None = None,
                   limit: int | None = None) -> tuple[str, int]:
    """Copy ``src`` (its first ``limit`` bytes) to ``dest`` crash-safely, read it back and
    check its SHA-256 (against ``expect`` when given)."""
    h = hashlib.sha256()

    def chunks() -> Iterator[bytes]:
        for c in _chunks(src, limit):
            h.update(c)
            yield c

    dest.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(dest, chunks())
    digest, size = file_digest(dest)
    if expect is not None and h.hexdigest() != expect:
        dest.unlink(missing_ok=True)
        raise TamperedError(f"{src}: content does not match its SHA-256 {expect[:16]}…")
    if digest != h.hexdigest():
        dest.unlink(missing_ok=True)
        raise FileSystemFault(f"{dest}: đọc lại không khớp / read back differs")
    return digest, size


def _audit_prefix(path: Path) -> int:
    """Bytes of the audit log up to its last complete line (an append may be under way)."""
    if not path.exists():
        return 0
    data_end = path.stat().st_size
    with path.open("rb") as f:
        pos = data_end
        while pos > 0:
            step = min(_CHUNK, pos)
            f.seek(pos - step)
            block = f.read(step)
            i = block.rfind(b"\n")
            if i >= 0:
                return pos - step + i + 1
            pos -= step
    return 0


def _send_store(ws: Workspace, dest: Path, folder: str, ids: list[str], report: BackupReport,
                progress: ProgressFn, done: list[int], total: int) -> None:
    """Copy the content-addressed files of ``folder`` that the backup does not have yet."""
    store = ContainerStore(ws.root / folder)
    for cid in ids:
        src = store.path(cid)
        out = dest / folder / cid[:2] / f"{cid}.dgz"
        if not (out.exists() and out.stat().st_size == src.stat().st_size):
            _, size = _copy_verified(src, out, expect=cid)
            report.sent += 1
            report.bytes_sent += size
            report.verified += 1
        done[0] += 1
        progress(ProgressEvent("backup", done[0], total))




def _clean(dest: Path, report: BackupReport) -> None:
    """Remove what an interrupted run left: partial files and partial snapshot folders."""
    report.removed_partials += len(cleanup_partials(dest))
    snaps = dest / "snapshots"
    if snaps.exists():
        for d in snaps.glob(".*.partial"):
            shutil.rmtree(d, ignore_errors=True)
            report.removed_partials += 1


def backup(ws: Workspace, dest: Path, *, progress: ProgressFn = no_progress) -> BackupReport:
    """Back up the archive of ``ws`` into the folder ``dest`` (created if needed).

    The catalog is copied first, under the workspace's lock, so the containers it names are
    exactly those sent with it; the audit log is copied up to its last complete line.

    Args:
        ws: An open workspace (writer: nothing else changes the archive meanwhile).
        dest: The backup folder (removable drive, network share).
        progress: ``ProgressEvent("backup", n, total)`` per container.

    Returns:
        What was sent and verified.
    """
    dest = Path(dest)
    if dest.resolve() == ws.root.resolve() or ws.root.resolve() in dest.resolve().parents:
        raise UsageError("không sao lưu vào chính kho / a backup cannot go inside the archive")
    report = BackupReport()
    dest.mkdir(parents=True, exist_ok=True)
    _clean(dest, report)
    stamp = now_vn().strftime("%Y%m%dT%H%M%S")
    while (dest / "snapshots" / stamp).exists():
        stamp += "x"
    part = dest / "snapshots" / f".{stamp}.partial"
    part.mkdir(parents=True)
    snapshot_catalog(ws.catalog, part / "catalog.db", ws.keys.catalog_key())
    ids = [r["id"] for r in ws.catalog.query("SELECT id FROM containers ORDER BY id")]
    outbox = ContainerStore(ws.root / OUTBOX_DIR).ids()
    files: dict[str, Any] = {}
    audit = ws.root / AUDIT_FILE
    for name, limit in ((AUDIT_FILE, _audit_prefix(audit)), (KEYSTORE_FILE, None),
                        (ACCOUNTS_FILE, None)):
        if (ws.root / name).exists():
            digest, size = _copy_verified(ws.root / name, part / name, limit=limit)
            files[name] = {"sha256": digest, "size": size}
    digest, size = file_digest(part / "catalog.db")
    files["catalog.db"] = {"sha256": digest, "size": size}
    done = [0]
    total = len(ids) + len(outbox)
    _send_store(ws, dest, CONTAINERS_DIR, ids, report, progress, done, total)
    _send_store(ws, dest, OUTBOX_DIR, outbox, report, progress, done, total)
    manifest = {"format": BACKUP_FORMAT, "created": now_vn().isoformat(), "snapshot": stamp,
                "office": {"code": ws.keys.office_code, "name": ws.keys.office_name},
                "files": files, "containers": ids, "outbox": outbox}
    sig = ws.keys.signer().sign(canonical(manifest), MANIFEST_CONTEXT)
    atomic_write(part / "manifest.json", canonical(
        {**manifest, "signature": base64.b64encode(sig).decode()}))
    fsync_dir(part)
    part.rename(dest / "snapshots" / stamp)
    fsync_dir(dest / "snapshots")
    atomic_write(dest / "LATEST", stamp.encode() + b"\n")
    report.snapshot, report.containers, report.files = stamp, len(ids), files
    ws.catalog.set_setting(LAST_BACKUP_SETTING, {"time": manifest["created"],
                                                 "snapshot": stamp, "to": str(dest)})
    ws.log("archive.backup", None, {"snapshot": stamp, "containers": len(ids),
                                    "sent": report.sent})
    return report


def last_backup(ws: Workspace) -> dict[str, Any] | None:
    """The last backup that completed (for the dashboard): ``time``, ``snapshot``, ``to`` and
    ``age_hours``; None if the archive was never backed up."""
    rec = ws.catalog.get_setting(LAST_BACKUP_SETTING)
    if not rec:
        return None
    age = now_vn() - datetime.fromisoformat(rec["time"])
    return {**rec, "age_hours": round(age.total_seconds() / 3600, 1)}
