"""``ws.keys``: the office's keys: fingerprint, central archive keys, backup (admins only)."""

from __future__ import annotations

from pathlib import Path

from archive.accounts import Accounts
from archive.errors import RoleMaterialMissing
from archive.keys.grants import Rotation, rotate
from archive.keys.strength import check_secret
from archive.keystore import Keystore
from digitize.roles import require
from digitize.store.intake import check_generation
from digitize.store.vault import Vault

__all__ = ["Keys"]


class Keys:
    """Key management on one vault; changes need the ``keys`` role."""

    def __init__(self, vault: Vault) -> None:
        self._v = vault

    def office_fingerprint(self) -> str:
        """The office key's phone-readable fingerprint."""
        return self._v.keys.fingerprint()

    def central_keys(self) -> list[dict[str, str]]:
        """Imported central archive keys: ``label``, ``fingerprint``, ``imported``."""
        return self._v.keys.central_keys()

    def import_central_key(self, path: Path, label: str) -> str:
        """Import a central archive's public key file; returns its fingerprint (compare by phone).

        Raises:
            KeyBundleInvalid: not a public key file.
            PermissionDenied: the role may not manage keys.
        """
        require(self._v, "keys")
        fp = self._v.keys.import_central_key(Path(path).read_bytes(), label)
        check_generation(self._v)  # the catalog follows the keystore's new generation (#24)
        self._v.log("keys.import_central", None, {"label": label, "fingerprint": fp,
                                                  "generation": self._v.keys.generation})
        return fp

    def remove_central_key(self, fingerprint: str) -> bool:
        """Stop encrypting new containers for a central key; False if it was not imported.

        Containers already written stay readable by that key (they are never rewritten).
        """
        require(self._v, "keys")
        removed = self._v.keys.remove_central_key(fingerprint)
        if removed:
            self._v.log("keys.remove_central", None, {"fingerprint": fingerprint})
        return removed

    def backup(self, dest: Path, passphrase: str) -> None:
        """Write an encrypted backup of the office keys (e.g. to removable media).

        Raises:
            PermissionDenied: the role may not manage keys.
            WeakSecret: the backup passphrase is too weak.
        """
        require(self._v, "keys")
        check_secret(passphrase, "backup")
        self._v.keys.backup(Path(dest), passphrase)
        self._v.log("keys.backup", None, {"to": str(dest)})

    def rotate(self, passphrase: str) -> Rotation:
        """Give the office a new KEM key and catalog key (admin, with the archive passphrase):
        records sealed from now on open only with the new key; older ones stay readable
        (the retired keys are kept under the new ones); the catalog is re-keyed; every
        enabled archivist and admin account receives the new keys through its box key
        (``archive.keys.grants``); the keystore generation is raised. An old copy of
        ``keystore.json`` with the old passphrase opens nothing sealed afterwards.

        Raises:
            PermissionDenied: the role may not manage keys.
            WrongPassphrase: not the archive passphrase (nothing is changed).
        """
        require(self._v, "keys")
        keys = self._v.keys
        if not isinstance(keys, Keystore):
            raise RoleMaterialMissing(self._v.role)
        done = rotate(keys, passphrase, Accounts(self._v.root))
        self._v.catalog.rekey(keys.catalog_key())
        check_generation(self._v)
        self._v.log("keys.rotate", None, {  # user names, comma-separated (the log holds
            "epoch": done.epoch, "generation": done.generation,  # scalars only)
            "granted": ",".join(done.granted)[:200],
            "not_granted": ",".join(done.not_granted)[:200]})
        return done
