"""``digitize restore --from DIR|s3://bucket/prefix --archive NEW``: an archive from a backup,
checked.

The snapshot's keystore is unlocked with the passphrase (its MAC proves it whole), its public
key checks the manifest's signature, and every file copied is hashed against the manifest
(containers against their names) as it arrives (:mod:`digitize.recovery.source`). The archive
is assembled in ``NEW.restore-partial`` and renamed to ``NEW`` only when complete, so a killed
restore leaves no half archive behind, and a failed or cancelled one removes it.
"""

from __future__ import annotations

import base64
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from archive.errors import TamperedError
from archive.fsutil import fsync_dir
from archive.keystore import Keystore
from archive.store import ContainerStore
from digitize.progress import CancelToken, ProgressEvent, ProgressFn, no_progress
from digitize.recovery.backup import BACKUP_FORMAT, MANIFEST_CONTEXT, OUTBOX_DIR, canonical
from digitize.recovery.errors import NoBackup, RestoreTargetNotEmpty
from digitize.recovery.source import (
    SNAPSHOT_NAME,
    BackupSource,
    FolderSource,
    local_copy,
    open_source,
    remove_scratch,
    scratch_dir,
)
from digitize.store.vault import CONTAINERS_DIR, KEYSTORE_FILE

__all__ = ["RestoreReport", "read_manifest", "restore", "restore_archive", "snapshots"]


@dataclass
class RestoreReport:
    """What a restore put in place."""

    snapshot: str
    containers: int
    outbox: int
    files: int

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return dict(self.__dict__)


def snapshots(src: Path | str, *, endpoint: str | None = None, access_key: str | None = None,
              secret_key: str | None = None) -> list[str]:
    """The snapshot names of backup ``src`` (folder or ``s3://bucket/prefix``) that have a
    manifest, newest first.

    Only names: whether a snapshot is whole and signed is checked by :func:`read_manifest`
    (with the passphrase). An empty list when ``src`` holds no backup.
    """
    source = open_source(src, endpoint=endpoint, access_key=access_key, secret_key=secret_key)
    try:
        return source.snapshots()
    finally:
        source.close()


def read_manifest(src: Path | BackupSource, passphrase: str, snapshot: str | None = None,
                  *, scratch: Path | None = None) -> tuple[dict[str, Any], Keystore]:
    """The signed manifest of a snapshot (the newest by default), verified.

    Args:
        src: A backup folder, or an open source (S3).
        scratch: Where an S3 source's keystore is put to be unlocked (a folder is read in
            place); required for S3.

    Raises:
        NoBackup: no backup there. WrongPassphrase: the passphrase does not open its keys.
        TamperedError: the manifest or the keystore was changed.
    """
    source = src if not isinstance(src, Path | str) else FolderSource(Path(src))
    name = snapshot or ""
    if not name:
        name = (source.read("LATEST") or b"").decode("utf-8", "replace").strip()
    raw = source.read(f"snapshots/{name}/manifest.json") if SNAPSHOT_NAME.match(name) else None
    if raw is None:
        raise NoBackup(source.url)
    keys = Keystore.unlock(local_copy(source, f"snapshots/{name}/{KEYSTORE_FILE}", scratch),
                           passphrase)
    doc = json.loads(raw)
    sig = base64.b64decode(doc.pop("signature", ""))
    if doc.get("format") != BACKUP_FORMAT or doc.get("snapshot") != name or \
            not keys.verifier().verify(sig, canonical(doc), MANIFEST_CONTEXT):
        raise TamperedError(f"{source.url}/snapshots/{name}/manifest.json: signature is invalid")
    return doc, keys


def restore(src: Path | str, new_root: Path, passphrase: str, *, snapshot: str | None = None,
            progress: ProgressFn = no_progress, cancel: CancelToken | None = None,
            endpoint: str | None = None, access_key: str | None = None,
            secret_key: str | None = None) -> RestoreReport:
    """Restore the snapshot of backup ``src`` as a new archive in ``new_root``.

    Args:
        src: The backup folder, or ``s3://bucket/prefix`` (each object streamed and hashed as
            it arrives).
        new_root: Where the archive goes (must not exist, or be an empty folder).
        passphrase: The archive passphrase (of the backed-up keystore).
        snapshot: A snapshot name (default: the newest complete one).
        progress: ``ProgressEvent("restore", n, total)`` per container.
        cancel: Checked before each file and chunk; a cancelled restore leaves nothing behind.
        endpoint, access_key, secret_key: For S3 (default: the usual AWS variables).

    Raises:
        RestoreTargetNotEmpty: ``new_root`` holds something. NoBackup: no backup there.
        WrongPassphrase: the passphrase does not open the backed-up keys.
        TamperedError: a file differs from the signed manifest.
        BackupUnreachable, BackupAccessDenied: the S3 server stopped answering or refused.
        Cancelled: ``cancel`` was set.

    On any failure the partial folder is removed: ``new_root`` is either the whole archive
    or as it was before (absent, or the empty folder it was).
    """
    new_root = Path(new_root)
    if new_root.exists() and (not new_root.is_dir() or any(new_root.iterdir())):
        raise RestoreTargetNotEmpty(str(new_root))
    source = open_source(src, endpoint=endpoint, access_key=access_key, secret_key=secret_key)
    scratch = scratch_dir()
    try:
        doc, _keys = read_manifest(source, passphrase, snapshot, scratch=scratch)
        part = new_root.parent / f"{new_root.name}.restore-partial"
        if part.exists():
            shutil.rmtree(part)  # what a killed restore left
        part.mkdir(parents=True)
        try:
            _assemble(source, part, doc, progress, cancel)
            if new_root.exists():
                new_root.rmdir()
            part.rename(new_root)
        except BaseException:
            shutil.rmtree(part, ignore_errors=True)
            raise
    finally:
        source.close()
        remove_scratch(scratch)
    fsync_dir(new_root.parent)
    return RestoreReport(doc["snapshot"], len(doc["containers"]), len(doc.get("outbox", [])),
                         len(doc["files"]))


def _assemble(source: BackupSource, part: Path, doc: dict[str, Any], progress: ProgressFn,
              cancel: CancelToken | None) -> None:
    """Copy the snapshot's files and every container into ``part``, each hashed."""
    snap = doc["snapshot"]
    for name, meta in doc["files"].items():
        if cancel is not None:
            cancel.check()
        if "/" in name or name.startswith("."):
            raise TamperedError(f"{source.url}: manifest names {name!r}")
        source.fetch(f"snapshots/{snap}/{name}", part / name, meta["sha256"], cancel)
    total = len(doc["containers"]) + len(doc.get("outbox", []))
    progress(ProgressEvent("restore", 0, total))
    n = 0
    for sub, ids in ((CONTAINERS_DIR, doc["containers"]), (OUTBOX_DIR, doc.get("outbox", []))):
        for cid in ids:
            if cancel is not None:
                cancel.check()
            out = ContainerStore(part / sub).path(cid)
            source.fetch(f"{sub}/{cid[:2]}/{cid}.dgz", out, cid, cancel)
            out.chmod(0o444)
            n += 1
            progress(ProgressEvent("restore", n, total))
    fsync_dir(part)


def restore_archive(src: Path | str, new_root: Path, passphrase: str, *,
                    snapshot: str | None = None, progress: ProgressFn = no_progress,
                    cancel: CancelToken | None = None, endpoint: str | None = None,
                    access_key: str | None = None,
                    secret_key: str | None = None) -> RestoreReport:
    """:func:`restore`, then open the new archive once and record the restore in its audit log.

    Opening it also proves it: keystore, catalog and audit chain unlock with the passphrase.
    The CLI's ``restore`` and the GUI's restore both go through here.
    """
    from digitize.core import Workspace
    from digitize.roles import RECOVERY_ADMIN

    report = restore(src, new_root, passphrase, snapshot=snapshot, progress=progress,
                     cancel=cancel, endpoint=endpoint, access_key=access_key,
                     secret_key=secret_key)
    ws = Workspace.open(Path(new_root), passphrase, actor=RECOVERY_ADMIN)
    try:
        ws.log("archive.restore", None, {"snapshot": report.snapshot,
                                         "containers": report.containers})
    finally:
        ws.close()
    return report
