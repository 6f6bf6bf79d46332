"""The vault: one unlocked local archive (keys, catalog, containers, audit log), opened once.

The core's modules work on a :class:`Vault`; the CLI and the GUI use its subclass
:class:`digitize.core.Workspace`, which adds the typed sub-objects (capture, records, search,
transfer, signing, accounts). Methods return typed results; they never print, prompt or sleep.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any, Self

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

from archive.accounts import Accounts
from archive.audit import AuditLog
from archive.catalog import check_catalog, enable_memory_security
from archive.clock import now_vn
from archive.container import open_container
from archive.errors import (
    ArchiveError,
    ArchiveNotFound,
    CatalogDamaged,
    CatalogMissing,
    DiskFull,
    TamperedError,
)
from archive.keys.ring import RoleKeys, unlock_account
from archive.keys.strength import check_secret
from archive.keystore import HybridVerifier, Keystore
from archive.store import ContainerStore
from digitize.errors import (
    ArchiveBusy,
    ArchiveReadOnly,
    DossierNotFound,
    OutputNotEmpty,
    UsageError,
)
from digitize.model import Document, Dossier, Page, VerifyReport
from digitize.roles import RECOVERY_ADMIN, may_see, require
from digitize.store import checks
from digitize.store import intake as inbox
from digitize.store.rows import dossier_list
from digitize.store.schema import MIGRATIONS
from digitize.store.settings import GuardedCatalog, adopt_catalog_settings

__all__ = ["Vault", "VerifyReport"]

KEYSTORE_FILE = "keystore.json"
CATALOG_FILE = "catalog.db"
AUDIT_FILE = "audit.log"
CONTAINERS_DIR = "containers"
LOCK_FILE = ".lock"


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


def _need_catalog(root: Path) -> None:
    """Refuse to open without a catalog beside containers or audit entries: a fresh one
    would hide every record and quarantine its container."""
    audit = root / AUDIT_FILE
    if not (root / CATALOG_FILE).exists() and ((audit.exists() and audit.stat().st_size > 0)
                                               or any((root / CONTAINERS_DIR).rglob("*.dgz"))):
        raise CatalogMissing(str(root))


def _open_catalog(path: Path, keys: Keystore | RoleKeys, readonly: bool) -> GuardedCatalog:
    """The records catalog under the current catalog key; one still under the key a rotation
    retired (a crash between writing the keystore and re-keying) is re-keyed now."""
    try:
        return GuardedCatalog(path, keys.catalog_key(), MIGRATIONS)
    except CatalogDamaged:
        for old in keys.retired_catalog_keys():
            try:
                catalog = GuardedCatalog(path, old, MIGRATIONS)
            except CatalogDamaged:
                continue
            if not readonly:
                catalog.rekey(keys.catalog_key())
            return catalog
        raise


class Vault:
    """An unlocked archive folder, with what the signed-in role holds (docs/threat-model.md).

    ``keys`` is the whole keystore (admin, or the archive passphrase) or an account's
    :class:`~archive.keys.ring.RoleKeys`. A clerk's ``catalog`` is their own staging database
    (``work/<user>.<id>.db``, under the key only their password opens), never the records
    catalog; an archivist or admin gets the records catalog with its search index.
    """

    def __init__(self, root: Path, keystore: Keystore | RoleKeys, actor: str = "",
                 role: str = "admin", *, readonly: bool = False,
                 work_key: bytes | None = None, user_signer: Any = None) -> None:
        self.root = Path(root)
        self.keys = keystore
        self.actor = actor or RECOVERY_ADMIN
        self.role = role
        self.readonly = readonly
        # a clerk account's keys open only their staging database (a passphrase-opened vault
        # acting for a role keeps every key: the role narrows only what the core allows)
        self.work_only = isinstance(keystore, RoleKeys) and keystore.role == "clerk"
        self._lock_fh = None if readonly else _take_lock(self.root / LOCK_FILE)
        self.quarantined: list[Path] = []  # containers moved to orphans/ at this start
        self._certified = Accounts(self.root).certified_keys(keystore.verifier())
        if self.work_only:
            work_db = inbox.work_db_path(self.root, self.actor, work_key)
            self.catalog = GuardedCatalog(work_db, work_key or b"", MIGRATIONS)
        else:
            self.catalog = _open_catalog(self.root / CATALOG_FILE, keystore, readonly)
        self.catalog.keys = keystore  # protected settings: as the office key signed them
        if not readonly and not self.work_only:
            adopt_catalog_settings(self.catalog)  # an archive of before: sign them now
        if self.catalog.get_setting("offline_mode", False):
            # the workstation for state secrets: SQLite's heap wiped and locked (slower search)
            enable_memory_security(self.catalog.conn)
        self.store = ContainerStore(self.root / CONTAINERS_DIR)
        # each entry is signed by its author: the account's own key, the office key only for
        # the archive passphrase (recovery admin)
        self.signer = user_signer or keystore.signer()  # what this author seals and logs
        self.audit = AuditLog(self.root / AUDIT_FILE, self.signer,
                              keystore.verifier(),
                              lambda actor: self._certified.get(actor, ()), repair=not readonly)
        inbox.check_generation(self)
        if readonly and not self.work_only:  # index what clerks sealed, if no one writes
            with contextlib.suppress(ArchiveBusy, ArchiveReadOnly), \
                    contextlib.closing(_take_lock(self.root / LOCK_FILE)):
                inbox.intake(self)
        if not readonly:
            self._recover()
            if self.audit.repairs:
                self.log("audit.repair", None, {"lines": len(self.audit.repairs)})

    def signers(self) -> list[HybridVerifier]:
        """Keys a container or log entry may be signed by: the office key and every user key
        it certified."""
        return [self.keys.verifier(), *(k for ks in self._certified.values() for k in ks)]

    def sealed_by_clerk(self, opened: Any) -> bool:
        """Whether an opened container was sealed by a clerk's certified key."""
        return opened._p.signer in Accounts(self.root).clerk_keys(self.keys.verifier())

    def require(self, action: str) -> None:
        """The core's role check: raise :class:`PermissionDenied` unless allowed."""
        require(self, action)

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
        check_secret(passphrase, "passphrase")
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
        ks = Keystore.create(root / KEYSTORE_FILE, passphrase, office_code=office_code,
                             office_name=office_name, kdf_params=kdf_params)
        ws = cls(root, ks, actor)
        ws.catalog.set_setting("office", {"code": office_code, "name": office_name})
        ws.catalog.set_setting("created", now_vn().isoformat())
        ws.log("archive.init", None, {"office_code": office_code})
        return ws

    @classmethod
    def sign_in(cls, root: Path, username: str, password: str, *,
                readonly: bool = False) -> Self:
        """Open the archive with an account: only the keys of its role (see the class).

        Raises:
            BadCredentials: unknown user, wrong password or disabled account.
            TamperedError: the accounts file or keystore is not what the office key signed.
        """
        root = Path(root)
        if not (root / KEYSTORE_FILE).exists():
            raise ArchiveNotFound(str(root))
        got, keys = unlock_account(root, KEYSTORE_FILE, username, password)
        if got.account.role != "clerk":
            _need_catalog(root)
        return cls(root, keys, got.account.username, got.account.role, readonly=readonly,
                   work_key=got.work_key, user_signer=got.signer)

    @classmethod
    def open(cls, root: Path, passphrase: str, *, actor: str = RECOVERY_ADMIN,
             role: str = "admin", readonly: bool = False) -> Self:
        """Unlock the archive in ``root`` with the archive passphrase, the admin's recovery
        secret (every key); a wrong passphrase changes nothing. ``role`` only narrows what the
        core allows (a script acting for a role); accounts open with :meth:`sign_in`.

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
        _need_catalog(root)
        if not readonly:
            keys.ensure_signed()  # a file of before #24: clerks check this signature
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
        """Clean what an interrupted run left: partial files, unreferenced containers; index
        the dossiers that clerks sealed since (their containers are not orphans)."""
        self.store.recover()
        if self.work_only:  # a clerk's staging database knows none of the stored records
            return
        inbox.intake(self)
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
        return self.catalog.get_setting("office") or {"code": self.keys.office_code,
                                                      "name": self.keys.office_name}

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
        """Dossiers this user may see (roles.may_see), newest first (of a status, an owner)."""
        return [d for d in dossier_list(self.catalog, status=status, owner=owner)
                if may_see(self.allowed_secrecy(), d.status, d.secrecy)]

    def dossier(self, dossier_id: str) -> Dossier:
        """One dossier with its documents and pages."""
        row = self.catalog.one("SELECT * FROM dossiers WHERE id = ?", (dossier_id,))
        if row is None or not may_see(self.allowed_secrecy(), row["status"], row["secrecy"]):
            raise DossierNotFound(dossier_id)
        d = Dossier.from_row(row)
        d.documents = [Document.from_row(r) for r in self.catalog.query(
            "SELECT * FROM documents WHERE dossier_id = ? ORDER BY seq", (dossier_id,))]
        d.pages = [Page.from_row(r) for r in self.catalog.query(
            "SELECT * FROM pages WHERE dossier_id = ? ORDER BY seq", (dossier_id,))]
        return d

    def read_file(self, dossier_id: str, name: str) -> bytes:
        """Decrypt one file (e.g. ``documents/X.pdf``) of a stored dossier's container."""
        self.require("view")
        d = self.dossier(dossier_id)
        if not d.container_id:
            raise DossierNotFound(f"{dossier_id} (chưa lưu / not stored yet)")
        with self.store.open(d.container_id) as fh:
            return open_container(fh, self.keys, signer_public=self._signer(d.container_id),
                                  name=d.container_id).read(name)

    def decrypt(self, dossier_id: str, out_dir: Path) -> list[Path]:
        """Decrypt a stored dossier's container to ``out_dir`` (authorised users), readable
        by the user only (folders 0700, files 0600)."""
        self.require("view")
        d = self.dossier(dossier_id)
        if not d.container_id:
            raise DossierNotFound(f"{dossier_id} (chưa lưu / not stored yet)")
        out_dir = Path(out_dir)
        if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
            raise OutputNotEmpty(str(out_dir))  # never overwrite or mix in silently
        out_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        with self.store.open(d.container_id) as fh:
            opened = open_container(fh, self.keys, signer_public=self._signer(d.container_id),
                                    name=d.container_id)
            written = []
            for name in opened.names():
                target = (out_dir / name).resolve()
                if out_dir.resolve() not in target.parents:
                    raise TamperedError(f"{d.container_id}: unsafe file name {name!r}")
                target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                inbox.write_private(target, opened.read(name))
                written.append(target)
        self.log("dossier.decrypt", dossier_id, {"files": len(written)})
        return written

    def _signer(self, cid: str) -> Any:
        """The key that must have signed container ``cid`` (see :mod:`digitize.store.checks`)."""
        return checks.container_signer(self, cid)

    # verification -------------------------------------------------------------------------
    def verify(self, ids: Sequence[str] | None = None) -> VerifyReport:
        """Check the catalog file (SQLite's ``integrity_check``; ``quick_check`` for chosen
        ids), containers (outer and inner signatures, file hashes), the catalog against them,
        and the audit chain. Never raises for a failed check: the report lists it."""
        self.require("verify")
        try:  # a damaged catalog first: its rows cannot be trusted, and SQLCipher refuses
            check_catalog(self.catalog, quick=bool(ids))  # every later statement
        except ArchiveError as e:
            report = VerifyReport()
            report.fail("catalog.db", f"{e.message('vi')} / {e.message('en')}")
            self.readonly = True  # write nothing more to it, not even the closing checkpoint
            return report
        return checks.verify(self, ids)
