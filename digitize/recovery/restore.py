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
from digitize.errors import UsageError
from digitize.progress import ProgressEvent, ProgressFn, no_progress
from digitize.recovery.backup import BACKUP_FORMAT, MANIFEST_CONTEXT, OUTBOX_DIR, canonical
from digitize.recovery.dest import copy_verified
from digitize.store.vault import CONTAINERS_DIR, KEYSTORE_FILE

__all__ = ["RestoreReport", "read_manifest", "restore"]

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


def read_manifest(src: Path, passphrase: str, snapshot: str | None = None
                  ) -> tuple[dict[str, Any], Keystore]:
    """The signed manifest of a snapshot (the newest by default), verified.

    Raises:
        UsageError: no backup there. WrongPassphrase: the passphrase does not open its keys.
        TamperedError: the manifest or the keystore was changed.
    """
    src = Path(src)
    name = snapshot or ""
    if not name and (src / "LATEST").is_file():
        name = (src / "LATEST").read_text(encoding="utf-8").strip()
    folder = src / "snapshots" / name
    if not _SNAPSHOT.match(name) or not (folder / "manifest.json").is_file():
        raise UsageError(f"không có bản sao lưu tại {src} / no backup in {src}")
    keys = Keystore.unlock(folder / KEYSTORE_FILE, passphrase)
    doc = json.loads((folder / "manifest.json").read_bytes())
    sig = base64.b64decode(doc.pop("signature", ""))
    if doc.get("format") != BACKUP_FORMAT or not keys.verifier().verify(
            sig, canonical(doc), MANIFEST_CONTEXT):
        raise TamperedError(f"{folder / 'manifest.json'}: signature is invalid")
    return doc, keys


def restore(src: Path, new_root: Path, passphrase: str, *, snapshot: str | None = None,
            progress: ProgressFn = no_progress) -> RestoreReport:
    """Restore the snapshot of backup ``src`` as a new archive in ``new_root``.

    Args:
        src: The backup folder.
        new_root: Where the archive goes (must not exist, or be an empty folder).
        passphrase: The archive passphrase (of the backed-up keystore).
        snapshot: A snapshot name (default: the newest complete one).
        progress: ``ProgressEvent("restore", n, total)`` per container.

    Raises:
        UsageError: ``new_root`` holds something, or there is no backup.
        TamperedError: a file differs from the signed manifest.
    """
    src, new_root = Path(src), Path(new_root)
    if new_root.exists() and (not new_root.is_dir() or any(new_root.iterdir())):
        raise UsageError(f"{new_root} đã có dữ liệu / is not empty: restore into a new folder")
    doc, _keys = read_manifest(src, passphrase, snapshot)
    folder = src / "snapshots" / doc["snapshot"]
    part = new_root.parent / f"{new_root.name}.restore-partial"
    if part.exists():
        shutil.rmtree(part)  # what a killed restore left
    part.mkdir(parents=True)
    for name, meta in doc["files"].items():
        copy_verified(folder / name, part / name, expect=meta["sha256"])
    total = len(doc["containers"]) + len(doc.get("outbox", []))
    n = 0
    for sub, ids in ((CONTAINERS_DIR, doc["containers"]), (OUTBOX_DIR, doc.get("outbox", []))):
        for cid in ids:
            rel = Path(sub) / cid[:2] / f"{cid}.dgz"
            if not (src / rel).is_file():
                raise TamperedError(f"{src / rel}: missing from the backup")
            out = ContainerStore(part / sub).path(cid)
            copy_verified(src / rel, out, expect=cid)
            out.chmod(0o444)
            n += 1
            progress(ProgressEvent("restore", n, total))
    fsync_dir(part)
    if new_root.exists():
        new_root.rmdir()
    part.rename(new_root)
    fsync_dir(new_root.parent)
    return RestoreReport(doc["snapshot"], len(doc["containers"]), len(doc.get("outbox", [])),
                         len(doc["files"]))
