"""``ws.keys``: the office's keys: fingerprint, central archive keys, backup (admins only)."""

from __future__ import annotations

from pathlib import Path

from digitize.roles import require
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
        self._v.log("keys.import_central", None, {"label": label, "fingerprint": fp})
        return fp

    def backup(self, dest: Path, passphrase: str) -> None:
        """Write an encrypted backup of the office keys (e.g. to removable media)."""
        require(self._v, "keys")
        self._v.keys.backup(Path(dest), passphrase)
        self._v.log("keys.backup", None, {"to": str(dest)})
