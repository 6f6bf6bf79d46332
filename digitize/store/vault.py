"""The vault: one unlocked local archive (keys, catalog, containers, audit log), opened once.

The core's modules work on a :class:`Vault`; the CLI and the GUI use its subclass
:class:`digitize.core.Workspace`, which adds the typed sub-objects (capture, records, search,
transfer, signing, accounts). Methods return typed results; they never print, prompt or sleep.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any, Self

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

from archive.audit import AuditLog
from archive.catalog import Catalog, enable_memory_security
from archive.catalog_safety import check_catalog
from archive.clock import now_vn
from archive.container import open_container
from archive.errors import ArchiveError, ArchiveNotFound, CatalogMissing, DiskFull, TamperedError
from archive.keystore import Keystore
from archive.store import ContainerStore
from digitize.errors import (
    ArchiveReadOnly,
    DigitizeError,
    DossierNotFound,
    OutputNotEmpty,
    UsageError,
)
from digitize.model import Document, Dossier, DossierStatus, Page
from digitize.records import signing
from digitize.store.rows import dossier_list
from digitize.store.schema import MIGRATIONS

__all__ = ["Vault", "VerifyReport"]

KEYSTORE_FILE = "keystore.json"
CATALOG_FILE = "catalog.db"
AUDIT_FILE = "audit.log"
CONTAINERS_DIR = "containers"
LOCK_FILE = ".lock"


class ArchiveBusy(DigitizeError):
    code = "digitize.archive_busy"
    vi = "Kho lưu trữ đang được một chương trình khác sử dụng ({detail})."
    en = "The archive is in use by another program ({detail})."
    hint_vi = "Hãy đóng chương trình kia hoặc chờ nó chạy xong."
    hint_en = "Close the other program or wait for it to finish."


def _take_lock(path: Path) -> IO[bytes]:
    """An exclusive, non-blocking lock on the archive (released when the file closes)."""
    try:
        fh = path.open("a+b")
    except OSError as e:  # a read-only folder or drive: say so, not a traceback
        raise ArchiveReadOnly(f"{path.parent} ({e.strerror})") from e
    try:
        if fcntl is not None:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:  # Windows
            import msvcrt

            fh.seek(0)
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
    except OSError as e:
        fh.close()
        raise ArchiveBusy(str(path.parent)) from e
    return fh


def _holds_records(root: Path) -> bool:
    """Whether ``root`` has containers or audit entries (a catalog must exist beside them)."""
    audit = root / AUDIT_FILE
    return (audit.exists() and audit.stat().st_size > 0) or \
        any((root / CONTAINERS_DIR).rglob("*.dgz"))


class VerifyReport:
    """The outcome of ``verify``: what was checked and every failure, by record."""

    def __init__(self) -> None:
        self.checked: list[str] = []
        self.failures: list[tuple[str, str]] = []  # (record, reason)

    @property
    def ok(self) -> bool:
        """True when nothing failed."""
        return not self.failures

    def fail(self, record: str, reason: str) -> None:
        """Record one failure."""
        self.failures.append((record, reason))


class Vault:
    """An unlocked archive folder."""

    def __init__(self, root: Path, keystore: Keystore, actor: str = "",
                 role: str = "admin", *, readonly: bool = False) -> None:
        self.root = Path(root)
        self.keys = keystore
        self.actor = actor or "local"
        self.role = role
        self.readonly = readonly
        self._lock_fh = None if readonly else _take_lock(self.root / LOCK_FILE)
        self.quarantined: list[Path] = []  # containers moved to orphans/ at this start
        self.catalog = Catalog(self.root / CATALOG_FILE, keystore.catalog_key(), MIGRATIONS)
        if self.catalog.get_setting("offline_mode", False):
            # the workstation for state secrets: SQLite's heap wiped and locked (slower search)
            enable_memory_security(self.catalog.conn)
        self.store = ContainerStore(self.root / CONTAINERS_DIR)
        self.audit = AuditLog(self.root / AUDIT_FILE, None if readonly else keystore.signer(),
                              keystore.verifier())
        if not readonly:
            self._recover()
            if self.audit.repairs:
                self.log("audit.repair", None, {"lines": len(self.audit.repairs)})

    # life cycle ---------------------------------------------------------------------------
    @classmethod
    def init(cls, root: Path, passphrase: str, *, office_code: str, office_name: str,
             actor: str = "", kdf_params: Any = None) -> Self:
        """Create a new archive in ``root`` (keys, catalog, settings) and open it."""
        root = Path(root)
        if (root / KEYSTORE_FILE).exists():
            raise UsageError(f"đã có kho lưu trữ tại {root} / an archive already exists there")
        if not office_code.strip() or not office_name.strip():
            raise UsageError("--office-code và --office-name là bắt buộc / are required")
        root.mkdir(parents=True, exist_ok=True)
        ks = Keystore.create(root / KEYSTORE_FILE, passphrase, office_code=office_code,
                             office_name=office_name, kdf_params=kdf_params)
        ws = cls(root, ks, actor)
        ws.catalog.set_setting("office", {"code": office_code, "name": office_name})
        ws.catalog.set_setting("created", now_vn().isoformat())
        ws.log("archive.init", None, {"office_code": office_code})
        return ws

    @classmethod
    def open(cls, root: Path, passphrase: str, *, actor: str = "", role: str = "admin",
             readonly: bool = False) -> Self:
        """Unlock the archive in ``root``; a wrong passphrase changes nothing.

        A writer takes the archive's lock (one writing program at a time); ``readonly``
        opens skip the lock and the start-up recovery. Both need a writable folder: the
        catalog's write-ahead log is shared through files beside it.
        """
        root = Path(root)
        if not (root / KEYSTORE_FILE).exists():
            raise ArchiveNotFound(str(root))
        if readonly and not os.access(root, os.W_OK):  # a writer learns it from its lock
            raise ArchiveReadOnly(f"{root} (read-only)")
        keys = Keystore.unlock(root / KEYSTORE_FILE, passphrase)
        if not (root / CATALOG_FILE).exists() and _holds_records(root):
            # a fresh catalog would hide every record and quarantine its container
            raise CatalogMissing(str(root))
        return cls(root, keys, actor, role, readonly=readonly)

    @staticmethod
    def exists(root: Path) -> bool:
        """Whether ``root`` holds an archive."""
        return (Path(root) / KEYSTORE_FILE).exists()

    def close(self) -> None:
        """Close the catalog and the audit log, release the lock."""
        if self.catalog.conn is None:
            return
        if not self.readonly:
            # the closing checkpoint is only a marker: on a full disk, every event is already
            # written and a read-only command (verify, search) must still succeed
            with contextlib.suppress(DiskFull):
                head = self.audit.checkpoint(self.actor)
                # the catalog remembers it too, so cutting the checkpoint off is detected
                with contextlib.suppress(ArchiveError):
                    self.catalog.set_setting("audit_head", list(head))
        self.catalog.close()
        if self._lock_fh is not None:
            self._lock_fh.close()
            self._lock_fh = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _recover(self) -> None:
        """Clean what an interrupted run left: partial files, unreferenced containers."""
        self.store.recover()
        known = {r["id"] for r in self.catalog.query("SELECT id FROM containers")}
        orphans = [cid for cid in self.store.ids() if cid not in known]
        if orphans:
            qdir = self.root / "orphans"
            qdir.mkdir(exist_ok=True)
            for cid in orphans:
                shutil.move(str(self.store.path(cid)), qdir / self.store.path(cid).name)
                self.quarantined.append(qdir / self.store.path(cid).name)
            self.log("archive.recover", None, {"quarantined": len(orphans),
                                               "first": orphans[0][:16]})

    # settings and audit -------------------------------------------------------------------
    @property
    def office(self) -> dict[str, str]:
        """The office's code and name."""
        return self.catalog.get_setting("office", {"code": "", "name": ""})

    def allowed_secrecy(self) -> tuple[str, ...]:
        """Secrecy levels this user may see: marked records exist only in offline mode and
        only archivists and admins see them."""
        if self.catalog.get_setting("offline_mode", False) and self.role in ("archivist",
                                                                              "admin"):
            return ("", "MẬT", "TỐI MẬT", "TUYỆT MẬT")
        return ("",)

    def log(self, action: str, record: str | None, details: dict[str, Any] | None = None) -> None:
        """Append an entry to the signed, hash-chained audit log (ids and actions only)."""
        entry = self.audit.append(actor=self.actor, action=action, record=record or None,
                                  details=details or {})
        # the catalog remembers the head, so cutting the newest entries is detected
        self.catalog.set_setting("audit_head", [entry.seq, entry.hash])

    # reading ------------------------------------------------------------------------------
    def dossiers(self, *, status: str | None = None, owner: str | None = None) -> list[Dossier]:
        """All dossiers, newest first (optionally of one status, of one owner)."""
        return dossier_list(self.catalog, status=status, owner=owner)

    def dossier(self, dossier_id: str) -> Dossier:
        """One dossier with its documents and pages."""
        row = self.catalog.one("SELECT * FROM dossiers WHERE id = ?", (dossier_id,))
        if row is None:
            raise DossierNotFound(dossier_id)
        d = Dossier.from_row(row)
        d.documents = [Document.from_row(r) for r in self.catalog.query(
            "SELECT * FROM documents WHERE dossier_id = ? ORDER BY seq", (dossier_id,))]
        d.pages = [Page.from_row(r) for r in self.catalog.query(
            "SELECT * FROM pages WHERE dossier_id = ? ORDER BY seq", (dossier_id,))]
        return d

    def read_file(self, dossier_id: str, name: str) -> bytes:
        """Decrypt one file (e.g. ``documents/X.pdf``) of a stored dossier's container."""
        d = self.dossier(dossier_id)
        if not d.container_id:
            raise DossierNotFound(f"{dossier_id} (chưa lưu / not stored yet)")
        with self.store.open(d.container_id) as fh:
            return open_container(fh, self.keys, signer_public=self.keys.verifier(),
                                  name=d.container_id).read(name)

    def decrypt(self, dossier_id: str, out_dir: Path) -> list[Path]:
        """Decrypt a stored dossier's container to ``out_dir`` (authorised users)."""
        d = self.dossier(dossier_id)
        if not d.container_id:
            raise DossierNotFound(f"{dossier_id} (chưa lưu / not stored yet)")
        out_dir = Path(out_dir)
        if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
            raise OutputNotEmpty(str(out_dir))  # never overwrite or mix in silently
        out_dir.mkdir(parents=True, exist_ok=True)
        with self.store.open(d.container_id) as fh:
            opened = open_container(fh, self.keys, signer_public=self.keys.verifier(),
                                    name=d.container_id)
            written = []
            for name in opened.names():
                target = (out_dir / name).resolve()
                if out_dir.resolve() not in target.parents:
                    raise TamperedError(f"{d.container_id}: unsafe file name {name!r}")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(opened.read(name))
                written.append(target)
        self.log("dossier.decrypt", dossier_id, {"files": len(written)})
        return written

    # verification -------------------------------------------------------------------------
    def verify(self, ids: Sequence[str] | None = None) -> VerifyReport:
        """Check the catalog file (SQLite's ``integrity_check``; ``quick_check`` for chosen
        ids), containers (outer and inner signatures, file hashes), the catalog against them,
        and the audit chain. Never raises for a failed check: the report lists it."""
        report = VerifyReport()
        try:  # a damaged catalog first: its rows below may then be wrong or missing
            check_catalog(self.catalog, quick=bool(ids))
        except ArchiveError as e:
            report.fail("catalog.db", f"{e.message('vi')} / {e.message('en')}")
            # its rows cannot be trusted, and SQLCipher refuses every later statement: write
            # nothing more to it, not even the closing checkpoint (the message says what to do)
            self.readonly = True
            return report
        self._verify_records(report, ids)
        return report

    def _verify_records(self, report: VerifyReport, ids: Sequence[str] | None) -> None:
        """The containers, the catalog rows against them, and the audit chain."""
        rows = self.catalog.query("SELECT * FROM containers ORDER BY created")
        if ids:
            wanted = set(ids)
            rows = [r for r in rows if r["dossier_id"] in wanted or r["id"] in wanted]
            missing = wanted - {r["dossier_id"] for r in rows} - {r["id"] for r in rows}
            for m in sorted(missing):
                report.fail(m, "không có trong danh mục / not in the catalog")
        for row in rows:
            cid, did = row["id"], row["dossier_id"]
            report.checked.append(did)
            try:
                self._verify_container(row)
            except (ArchiveError, DigitizeError, OSError, ValueError) as e:
                msg = e.message("vi") if hasattr(e, "message") else str(e)
                report.fail(f"{did} ({cid[:12]})", msg)
        if not ids:
            self._verify_catalog(report)
            head = self.catalog.get_setting("audit_head")
            try:
                self.audit.verify(expect_head=tuple(head) if head else None)
            except ArchiveError as e:
                report.fail("audit.log", e.message("vi"))

    def _verify_container(self, row: dict[str, Any]) -> None:
        cid = row["id"]
        path = self.store.path(cid)
        if not path.exists():
            raise TamperedError(f"{cid}: container file missing")
        self.store.verify(cid, self.keys.verifier())
        with self.store.open(cid) as fh:
            opened = open_container(fh, self.keys, signer_public=self.keys.verifier(), name=cid)
            manifest = opened.manifest
            # the PAdES signature of each document PDF (issue 10): digitize/records/signing.py
            signing.verify_container_documents(self, opened)
        if json.dumps(manifest, sort_keys=True) != json.dumps(json.loads(row["manifest"]),
                                                              sort_keys=True):
            raise TamperedError(f"{cid}: catalog row differs from the container's manifest")
        meta = opened.metadata
        doss = self.catalog.one("SELECT * FROM dossiers WHERE id = ?", (row["dossier_id"],))
        if doss is None or doss["container_id"] != cid and meta.get("version") == doss["version"]:
            raise TamperedError(f"{cid}: dossier row missing or pointing elsewhere")
        if meta.get("dossier", {}).get("id") != row["dossier_id"]:
            raise TamperedError(f"{cid}: container belongs to another dossier")
        docs = self.catalog.query("SELECT doc_id, meta FROM documents WHERE dossier_id = ?",
                                  (row["dossier_id"],))
        if doss["container_id"] == cid:
            stored = {d["docId"]: d for d in meta.get("documents", [])}
            for d in docs:
                if stored.get(d["doc_id"]) != json.loads(d["meta"]):
                    raise TamperedError(f"{cid}: catalog metadata of {d['doc_id']} was changed")
            if doss["title"] != meta.get("dossier", {}).get("title"):
                raise TamperedError(f"{cid}: catalog title of the dossier was changed")

    def _verify_catalog(self, report: VerifyReport) -> None:
        for d in self.catalog.query("SELECT id, container_id FROM dossiers WHERE status = ?",
                                    (DossierStatus.STORED,)):
            if not self.catalog.one("SELECT 1 FROM containers WHERE id = ?",
                                    (d["container_id"],)):
                report.fail(d["id"], "hồ sơ đã lưu nhưng thiếu gói / stored without a container")
