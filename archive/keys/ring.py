"""What a signed-in account holds: its role's keys, checked against the office key it was
enrolled under (docs/threat-model.md).

An admin account opens the whole :class:`~archive.keystore.Keystore`. A clerk or archivist
gets a :class:`RoleKeys`: the same reading interface for what the role holds (office public
keys and recipients from the keystore's signed public part; the KEM private key and catalog
key for an archivist; the user's own certified signing key), and a refusal for the rest.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from archive._hazmat.kem import KemPrivateKey, KemPublicKey
from archive._hazmat.keyfile import b64d, fingerprint
from archive._hazmat.sign import HybridSigner, HybridVerifier
from archive.accounts import Accounts, Unlocked
from archive.errors import AccountsNeedMigration, RoleMaterialMissing, TamperedError
from archive.keys.doc import CTX_PUBLIC, Recipient, central_recipients, public_view, read_doc
from archive.keys.grants import apply_grant, ensure_box, kem_keys, retired_keys
from archive.keystore import Keystore

__all__ = ["RoleKeys", "unlock_account"]


class RoleKeys:
    """The keys of a signed-in clerk or archivist (no office signing key, no key backup).

    Raises (constructor):
        TamperedError: the keystore's public part is not signed by the pinned office key.
    """

    def __init__(self, path: Path, doc: dict[str, Any], got: Unlocked) -> None:
        self.path = Path(path)
        self.role = got.account.role
        where = str(path)
        try:
            sign_pub = b64d(doc["public"]["sign"])
            self._kem_pub = KemPublicKey.from_bytes(b64d(doc["public"]["kem"]))
            office = HybridVerifier.from_bytes(sign_pub)
            sig = b64d(doc["sig"]) if "sig" in doc else b""
        except (KeyError, ValueError, TypeError) as e:
            raise TamperedError(f"{where}: malformed key file ({e})") from e
        if hashlib.sha256(sign_pub).hexdigest() != got.pin:
            raise TamperedError(f"{where}: not the office key this account was enrolled under")
        if not sig:
            raise AccountsNeedMigration(where)
        if not office.verify(sig, public_view(doc), CTX_PUBLIC):
            raise TamperedError(f"{where}: key file was modified (office signature)")
        self._doc, self._office, self._user = doc, office, got.signer
        self._catalog = got.catalog_key
        self._kem = KemPrivateKey.from_seed(got.kem_seed) if got.kem_seed else None
        if self._kem is not None and self._kem.public().to_bytes() != self._kem_pub.to_bytes():
            raise TamperedError(f"{where}: the account's key does not match the office key")

    # the reading interface of Keystore ----------------------------------------------------
    @property
    def office_code(self) -> str:
        """The office code."""
        return str(self._doc["office"]["code"])

    @property
    def office_name(self) -> str:
        """The office name."""
        return str(self._doc["office"]["name"])

    @property
    def generation(self) -> int:
        """The keystore generation (see ``Keystore.generation``)."""
        return int(self._doc.get("generation", 1))

    @property
    def settings(self) -> dict[str, Any] | None:
        """The office settings the office key signed (``Keystore.settings``)."""
        value = self._doc.get("settings")
        return dict(value) if isinstance(value, dict) else None

    @property
    def checkpoint_record(self) -> dict[str, Any]:
        """The newest exported audit checkpoint and its destinations (``Keystore``'s)."""
        return dict(self._doc.get("checkpoint") or {})

    def fingerprint(self) -> str:
        """The office key's fingerprint."""
        return fingerprint(self._office.to_bytes(), self._kem_pub.to_bytes())

    def verifier(self) -> HybridVerifier:
        """The office's public signature key."""
        return self._office

    def signer(self) -> HybridSigner:
        """The user's own certified signing key (never the office key)."""
        return self._user

    def office_recipient(self) -> Recipient:
        """The office as a container recipient (its public KEM key: HPKE needs no secret)."""
        return Recipient(f"office:{self.office_code}", self._kem_pub, self.fingerprint())

    def recipients(self) -> list[Recipient]:
        """The office key, then every central key of the signed keystore."""
        return [self.office_recipient(), *central_recipients(self._doc)]

    def central_keys(self) -> list[dict[str, str]]:
        """Imported central keys: label, fingerprint, import time."""
        return [{"label": c["label"], "fingerprint": c["fingerprint"],
                 "imported": c["imported"]} for c in self._doc["central"]]

    def decryption_keys(self) -> dict[str, KemPrivateKey]:
        """The office KEM keys (current and retired) for an archivist; none for a clerk."""
        return kem_keys(self._doc, self._kem) if self._kem is not None else {}

    @property
    def epoch(self) -> int:
        """How many key rotations the office has made."""
        return int(self._doc.get("epoch", 0))

    def retired_catalog_keys(self) -> list[bytes]:
        """Earlier catalog keys, newest first (archivist)."""
        if self._kem is None:
            return []
        return [r["catalog"] for r in reversed(retired_keys(self._doc, self._kem.seed()))]

    def catalog_key(self) -> bytes:
        """The catalog key (archivist).

        Raises:
            RoleMaterialMissing: a clerk holds no catalog key.
        """
        if self._catalog is None:
            raise RoleMaterialMissing(self.role)
        return self._catalog

    def public_bundle(self) -> bytes:
        """The office's public key file (no secrets)."""
        doc = {"format": "digitize-public-key", "version": 1, "office": dict(self._doc["office"]),
               "sign": self._doc["public"]["sign"], "kem": self._doc["public"]["kem"],
               "fingerprint": self.fingerprint()}
        return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")

    def _refuse(self, *_a: object, **_k: object) -> Any:
        raise RoleMaterialMissing(self.role)

    import_central_key = remove_central_key = backup = change_passphrase = _refuse
    bump_generation = note_checkpoint = replace_secrets = set_settings = _refuse


def _migrate_v1(root: Path, keystore_path: Path, accounts: Accounts, username: str,
                password: str) -> None:
    """Convert a version 1 accounts file when an admin of it signs in (see accounts_v1)."""
    from archive.keys.accounts_v1 import migrate, unlock_v1

    name = username.strip().lower()
    role, passphrase = unlock_v1(accounts.load(), name, password)
    if role != "admin":
        raise AccountsNeedMigration(str(accounts.path))
    ks = Keystore.unlock(keystore_path, passphrase)
    ks.ensure_signed()
    migrate(accounts, name, password, ks.secrets)


def unlock_account(root: Path, keystore_file: str, username: str, password: str, *,
                   accounts: Accounts | None = None) -> tuple[Unlocked, Keystore | RoleKeys]:
    """Check a password and return the account's keys: the keystore for an admin, else
    :class:`RoleKeys`. Both files are checked against the office key the account pins.

    Raises:
        BadCredentials, TamperedError, AccountsNeedMigration.
    """
    root = Path(root)
    accounts = accounts or Accounts(root)
    if accounts.version() == 1:
        _migrate_v1(root, root / keystore_file, accounts, username, password)
    got = accounts.unlock(username, password)
    got = ensure_box(accounts, got, password)  # published, for the next key rotation
    got = apply_grant(read_doc(root / keystore_file), got)  # keys of a later rotation
    keys: Keystore | RoleKeys
    if got.secrets is not None:
        keys = Keystore.from_secrets(root / keystore_file, got.secrets)
        keys.ensure_signed()
        if hashlib.sha256(keys.verifier().to_bytes()).hexdigest() != got.pin:
            raise TamperedError(f"{root / keystore_file}: not the office key of this account")
    else:
        keys = RoleKeys(root / keystore_file, read_doc(root / keystore_file), got)
    accounts.verified(keys.verifier())
    return got, keys
