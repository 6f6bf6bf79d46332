"""``digitize restore --from DIR --archive NEW``: an archive from a backup folder, checked.

The snapshot's keystore is unlocked with the passphrase (its MAC proves it whole), its public
key checks the manifest's signature, and every file copied is hashed against the manifest
(containers against their names). The archive is assembled in ``NEW.restore-partial`` and
renamed to ``NEW`` only when complete, so a killed restore leaves no half archive behind.
"""

from __future__ import annotations

import base64
import json
import re
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
from digitize.recovery.dest import copy_verified
from digitize.recovery.errors import NoBackup, RestoreTargetNotEmpty
from digitize.store.vault import CONTAINERS_DIR, KEYSTORE_FILE

__all__ = ["RestoreReport", "read_manifest", "restore", "restore_archive", "snapshots"]

_SNAPSHOT = re.compile(r"^[0-9]{8}T[0-9]{6}x*$")


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


def snapshots(src: Path) -> list[str]:
    """The snapshot names of backup folder ``src`` that have a manifest, newest first.

    Only names: whether a snapshot is whole and signed is checked by :func:`read_manifest`
    (with the passphrase). An empty list when ``src`` holds no backup.
    """
    folder = Path(src) / "snapshots"
    if not folder.is_dir():
        return []
    return sorted((p.name for p in folder.iterdir()
                   if _SNAPSHOT.match(p.name) and (p / "manifest.json").is_file()), reverse=True)


def read_manifest(src: Path, passphrase: str, snapshot: str | None = None
                  ) -> tuple[dict[str, Any], Keystore]:
    """The signed manifest of a snapshot (the newest by default), verified.

    Raises:
        NoBackup: no backup there. WrongPassphrase: the passphrase does not open its keys.
        TamperedError: the manifest or the keystore was changed.
    """
    src = Path(src)
    name = snapshot or ""
    if not name and (src / "LATEST").is_file():
        name = (src / "LATEST").read_text(encoding="utf-8").strip()
    folder = src / "snapshots" / name
    if not _SNAPSHOT.match(name) or not (folder / "manifest.json").is_file():
        raise NoBackup(str(src))
    keys = Keystore.unlock(folder / KEYSTORE_FILE, passphrase)
    doc = json.loads((folder / "manifest.json").read_bytes())
    sig = base64.b64decode(doc.pop("signature", ""))
    if doc.get("format") != BACKUP_FORMAT or not keys.verifier().verify(
            sig, canonical(doc), MANIFEST_CONTEXT):
        raise TamperedError(f"{folder / 'manifest.json'}: signature is invalid")
    return doc, keys


def restore(src: Path, new_root: Path, passphrase: str, *, snapshot: str | None = None,
            progress: ProgressFn = no_progress,
            cancel: CancelToken | None = None) -> RestoreReport:
    """Restore the snapshot of backup ``src`` as a new archive in ``new_root``.

    Args:
        src: The backup folder.
        new_root: Where the archive goes (must not exist, or be an empty folder).
        passphrase: The archive passphrase (of the backed-up keystore).
        snapshot: A snapshot name (default: the newest complete one).
        progress: ``ProgressEvent("restore", n, total)`` per container.
        cancel: Checked before each file; a cancelled restore leaves nothing behind.

    Raises:
        RestoreTargetNotEmpty: ``new_root`` holds something. NoBackup: no backup there.
        WrongPassphrase: the passphrase does not open the backed-up keys.
        TamperedError: a file differs from the signed manifest.
        Cancelled: ``cancel`` was set.

    On any failure the partial folder is removed: ``new_root`` is either the whole archive
    or as it was before (absent, or the empty folder it was).
    """
    src, new_root = Path(src), Path(new_root)
    if new_root.exists() and (not new_root.is_dir() or any(new_root.iterdir())):
        raise RestoreTargetNotEmpty(str(new_root))
    doc, _keys = read_manifest(src, passphrase, snapshot)
    folder = src / "snapshots" / doc["snapshot"]
    part = new_root.parent / f"{new_root.name}.restore-partial"
    if part.exists():
        shutil.rmtree(part)  # what a killed restore left
    part.mkdir(parents=True)
    try:
        _assemble(src, folder, part, doc, progress, cancel)
        if new_root.exists():
            new_root.rmdir()
        part.rename(new_root)
    except BaseException:
        shutil.rmtree(part, ignore_errors=True)
        raise
    fsync_dir(new_root.parent)
    return RestoreReport(doc["snapshot"], len(doc["containers"]), len(doc.get("outbox", [])),
                         len(doc["files"]))


def _assemble(src: Path, folder: Path, part: Path, doc: dict[str, Any], progress: ProgressFn,
              cancel: CancelToken | None) -> None:
    """Copy the snapshot's files and every container into ``part``, each hashed."""
    for name, meta in doc["files"].items():
        if cancel is not None:
            cancel.check()
        copy_verified(folder / name, part / name, expect=meta["sha256"])
    total = len(doc["containers"]) + len(doc.get("outbox", []))
    progress(ProgressEvent("restore", 0, total))
    n = 0
    for sub, ids in ((CONTAINERS_DIR, doc["containers"]), (OUTBOX_DIR, doc.get("outbox", []))):
        for cid in ids:
            if cancel is not None:
                cancel.check()
            rel = Path(sub) / cid[:2] / f"{cid}.dgz"
            if not (src / rel).is_file():
                raise TamperedError(f"{src / rel}: missing from the backup")
            out = ContainerStore(part / sub).path(cid)
            copy_verified(src / rel, out, expect=cid)
            out.chmod(0o444)
            n += 1
            progress(ProgressEvent("restore", n, total))
    fsync_dir(part)


def restore_archive(src: Path, new_root: Path, passphrase: str, *, snapshot: str | None = None,
                    progress: ProgressFn = no_progress,
                    cancel: CancelToken | None = None) -> RestoreReport:
    """:func:`restore`, then open the new archive once and record the restore in its audit log.

    Opening it also proves it: keystore, catalog and audit chain unlock with the passphrase.
    The CLI's ``restore`` and the GUI's restore both go through here.
    """
    from digitize.core import Workspace
    from digitize.roles import RECOVERY_ADMIN

    report = restore(src, new_root, passphrase, snapshot=snapshot, progress=progress,
                     cancel=cancel)
    ws = Workspace.open(Path(new_root), passphrase, actor=RECOVERY_ADMIN)
    try:
        ws.log("archive.restore", None, {"snapshot": report.snapshot,
                                         "containers": report.containers})
    finally:
        ws.close()
    return report
