"""Key backups (removable media) and their restore, for :class:`archive.keystore.Keystore`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from archive._hazmat.kdf import Argon2Params
from archive.clock import now_iso
from archive.errors import KeystoreExists
from archive.keys.doc import BACKUP_FORMAT, KEYSTORE_FORMAT, load_doc

#: an ``archive.keystore.Keystore`` (not imported: it imports this module)
Keystore = Any

__all__ = ["restore_backup", "write_backup"]


def write_backup(ks: Keystore, dest: Path, passphrase: str,
                 kdf_params: Argon2Params | None) -> None:
    """Write an encrypted copy of all of ``ks``'s keys to ``dest``; never overwrites.

    Raises:
        KeystoreExists: ``dest`` exists.
    """
    if dest.exists():
        raise KeystoreExists(str(dest))
    doc = {k: v for k, v in ks._doc.items() if k not in ("kdf", "wrap", "mac")}
    doc.update({"format": BACKUP_FORMAT, "backed_up": now_iso()})
    copy = type(ks)(dest, doc, ks.secrets)
    copy._rewrap(passphrase, kdf_params or Argon2Params())


def restore_backup(cls: Any, backup: Path, passphrase: str, dest_path: Path,
                   new_passphrase: str | None, kdf_params: Argon2Params | None) -> Keystore:
    """Recreate a keystore at ``dest_path`` from ``backup`` (see ``Keystore.restore``).

    Raises:
        WrongPassphrase: ``passphrase`` does not open the backup.
        KeystoreExists: ``dest_path`` exists.
    """
    if dest_path.exists():
        raise KeystoreExists(str(dest_path))
    where = str(backup)
    bk = cls._unlock(None, load_doc(backup.read_bytes(), BACKUP_FORMAT, where), passphrase,
                     where)
    doc = {k: v for k, v in bk._doc.items() if k not in ("kdf", "wrap", "mac", "backed_up")}
    doc["format"] = KEYSTORE_FORMAT
    ks = cls(dest_path, doc, bk.secrets)
    kdf = bk._doc["kdf"]
    params = kdf_params or Argon2Params(kdf["memory_kib"], kdf["iterations"], kdf["lanes"])
    ks._rewrap(new_passphrase if new_passphrase is not None else passphrase, params)
    return ks
