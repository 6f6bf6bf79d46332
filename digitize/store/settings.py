"""Office settings only an admin can change, even with the catalog key in hand (issue #24).

An archivist holds the catalog key (to read records and search), so a setting kept only in
the catalog is one they could rewrite with SQLCipher: offline mode, the lock delay, trusted
signing roots, the offices a central archive receives from. These settings are therefore
also kept in ``keystore.json``'s public part, which only the office key signs (an admin) and
whose generation is checked against the catalog:

* small public values (:data:`VALUE_SETTINGS`) are kept there themselves, so that clerks,
  whose database is their own staging one, see them too;
* the others (:data:`DIGEST_SETTINGS`, which may be large or hold a PIN-protected key file)
  by their SHA-256: the catalog's value is used only while it matches.

:class:`GuardedCatalog` is the catalog every vault opens: reading one of these settings gives
the signed value; writing one needs the admin's keystore (``RoleMaterialMissing`` otherwise)
and raises the keystore generation. An archive whose keystore has no ``settings`` yet (made
before) falls back to the catalog's values until an admin opens it (which signs them).
"""

from __future__ import annotations

import hashlib
from typing import Any

from archive._hazmat.keyfile import canonical_json
from archive.catalog import Catalog

__all__ = ["DIGEST_SETTINGS", "VALUE_SETTINGS", "GuardedCatalog", "adopt_catalog_settings"]

VALUE_SETTINGS = ("offline_mode", "lock_minutes")
DIGEST_SETTINGS = ("signing", "signing_trust", "office_keys")
_MISSING = object()


def _digest(value: Any) -> str:
    return hashlib.sha256(canonical_json(value)).hexdigest()


class GuardedCatalog(Catalog):
    """A catalog whose protected settings are the ones the office key signed (see module).

    ``keys`` (set by the vault after opening) is the ``Keystore`` or ``RoleKeys`` in use.
    """

    keys: Any = None

    def _signed(self) -> dict[str, Any] | None:
        return None if self.keys is None else self.keys.settings

    def get_setting(self, key: str, default: Any = None) -> Any:
        """A setting; a protected one as the office key signed it (see the module)."""
        signed = self._signed()
        if signed is None or key not in VALUE_SETTINGS + DIGEST_SETTINGS:
            return super().get_setting(key, default)
        if key in VALUE_SETTINGS:
            return signed.get(key, default)
        value = super().get_setting(key, _MISSING)
        if value is _MISSING or signed.get(key) != _digest(value):
            return default  # never signed, or changed behind the admin's back
        return value

    def set_setting(self, key: str, value: Any) -> None:
        """Write a setting; a protected one only with the admin's keys (raises
        ``RoleMaterialMissing`` for any other role), signed in ``keystore.json``."""
        if key in VALUE_SETTINGS + DIGEST_SETTINGS and self.keys is not None:
            signed = {key: value if key in VALUE_SETTINGS else _digest(value)}
            self.keys.set_settings(signed)  # RoleKeys refuses: no office key
            super().set_setting(key, value)
            super().set_setting("keystore_generation", int(self.keys.generation))
            return
        super().set_setting(key, value)


def adopt_catalog_settings(catalog: GuardedCatalog) -> bool:
    """An admin's first open of an archive made before: sign the catalog's current protected
    settings into the keystore. True if it did."""
    keys = catalog.keys
    if keys is None or keys.settings is not None or not hasattr(keys, "secrets"):
        return False
    values: dict[str, Any] = {}
    for key in VALUE_SETTINGS + DIGEST_SETTINGS:
        value = Catalog.get_setting(catalog, key, _MISSING)
        if value is not _MISSING:
            values[key] = value if key in VALUE_SETTINGS else _digest(value)
    keys.set_settings(values)
    Catalog.set_setting(catalog, "keystore_generation", int(keys.generation))
    return True
