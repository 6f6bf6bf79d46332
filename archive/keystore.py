"""The office keystore: signing, decryption and catalog keys under an Argon2id passphrase."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from archive._hazmat.kdf import Argon2Params
from archive._hazmat.kem import KemPrivateKey
from archive._hazmat.keyfile import (
    PUBLIC_FORMAT,
    SECRETS_LEN,
    PublicBundle,
    WrongKey,
    b64d,
    b64e,
    compute_mac,
    fingerprint,
    mac_ok,
    parse_public_bundle,
    unwrap_secrets,
    wrap_secrets,
)
from archive._hazmat.sign import HybridSigner, HybridVerifier
from archive.clock import now_iso
from archive.errors import (
    ArchiveNotFound,
    KeyBundleInvalid,
    KeystoreExists,
    TamperedError,
    WrongPassphrase,
)
from archive.fsutil import atomic_write
from archive.keys.doc import (
    CTX_PUBLIC,
    KEYSTORE_FORMAT,
    Recipient,
    central_recipients,
    load_doc,
    public_view,
    read_doc,
)

__all__ = [
    "Argon2Params",
    "HybridSigner",
    "HybridVerifier",
    "Keystore",
    "PublicBundle",
    "Recipient",
    "generate_central_keypair",
    "parse_public_bundle",
]


class Keystore:
    """An unlocked keystore. Holds the secrets in memory; the file holds them only wrapped."""

    def __init__(self, path: Path | None, doc: dict[str, Any], secrets: bytes) -> None:
        self.path = path
        self._doc = doc
        self._secrets = secrets
        self._signer = HybridSigner.from_seed(secrets[:64])
        self._kem = KemPrivateKey.from_seed(secrets[64:160])
        if (
            b64d(doc["public"]["sign"]) != self._signer.public().to_bytes()
            or b64d(doc["public"]["kem"]) != self._kem.public().to_bytes()
        ):
            raise TamperedError(f"{path or 'key file'}: public keys do not match the secrets")

    # -- creation and unlocking -------------------------------------------------------------

    @classmethod
    def _new_doc(cls, office_code: str, office_name: str, secrets: bytes, fmt: str) -> dict:
        signer = HybridSigner.from_seed(secrets[:64])
        kem = KemPrivateKey.from_seed(secrets[64:160])
        return {"format": fmt, "version": 1, "office": {"code": office_code, "name": office_name},
                "created": now_iso(), "central": [],
                "public": {"sign": b64e(signer.public().to_bytes()),
                           "kem": b64e(kem.public().to_bytes())}}

    @classmethod
    def create(cls, path: Path, passphrase: str, *, office_code: str, office_name: str,
               kdf_params: Argon2Params | None = None) -> Keystore:
        """Generate fresh keys and write a new keystore file (never overwrites one).

        Raises:
            KeystoreExists: ``path`` already exists.
        """
        path = Path(path)
        if path.exists():
            raise KeystoreExists(str(path))
        secrets = HybridSigner.generate().seed() + KemPrivateKey.generate().seed() + os.urandom(32)
        doc = cls._new_doc(office_code, office_name, secrets, KEYSTORE_FORMAT)
        doc["settings"] = {}  # admin-only settings, signed (digitize/store/settings.py)
        ks = cls(path, doc, secrets)
        ks._rewrap(passphrase, kdf_params or Argon2Params())
        return ks

    @classmethod
    def from_bytes(cls, data: bytes, passphrase: str, *, where: str = "key file") -> Keystore:
        """Unlock a keystore held in memory (e.g. a central archive's private bundle)."""
        return cls._unlock(None, load_doc(data, KEYSTORE_FORMAT, where), passphrase, where)

    @classmethod
    def from_secrets(cls, path: Path, secrets: bytes) -> Keystore:
        """Open the keystore at ``path`` with its secrets (an admin account's wrap of them).

        Raises:
            TamperedError: the file's MAC or public keys do not match the secrets.
        """
        doc = read_doc(path)
        if not mac_ok(secrets, doc):
            raise TamperedError(f"{path}: key file was modified (MAC mismatch)")
        return cls(Path(path), doc, secrets)

    @classmethod
    def unlock(cls, path: Path, passphrase: str) -> Keystore:
        """Open the keystore at ``path``; reads only, changes nothing.

        Raises:
            ArchiveNotFound: no file at ``path``.
            WrongPassphrase: the passphrase does not open it.
            TamperedError: the file was modified (its MAC or public keys do not match).
        """
        path = Path(path)
        try:
            data = path.read_bytes()
        except FileNotFoundError as e:
            raise ArchiveNotFound(str(path)) from e
        return cls._unlock(path, load_doc(data, KEYSTORE_FORMAT, str(path)), passphrase, str(path))

    @classmethod
    def _unlock(cls, path: Path | None, doc: dict, passphrase: str, where: str) -> Keystore:
        try:
            secrets = unwrap_secrets(doc, passphrase)
        except WrongKey as e:
            raise WrongPassphrase(where) from e
        except (ValueError, KeyError, TypeError) as e:
            raise TamperedError(f"{where}: malformed key file ({e})") from e
        if not mac_ok(secrets, doc):
            raise TamperedError(f"{where}: key file was modified (MAC mismatch)")
        try:
            return cls(path, doc, secrets)
        except (ValueError, KeyError, TypeError) as e:
            raise TamperedError(f"{where}: malformed key file ({e})") from e

    def _rewrap(self, passphrase: str, params: Argon2Params) -> None:
        doc = dict(self._doc)
        doc.update(wrap_secrets(self._secrets, passphrase, params))
        self._doc = doc
        self._save()

    def _save(self) -> None:
        self._doc.setdefault("generation", 1)
        self._doc["sig"] = b64e(self._signer.sign(public_view(self._doc), CTX_PUBLIC))
        self._doc["mac"] = compute_mac(self._secrets, self._doc)
        if self.path is not None:
            atomic_write(self.path, self.to_bytes())

    def to_bytes(self) -> bytes:
        """The key file as written to disk (secrets only in wrapped form)."""
        return (json.dumps(self._doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")

    def change_passphrase(
        self, old: str, new: str, *, kdf_params: Argon2Params | None = None
    ) -> None:
        """Re-wrap the same keys under ``new``; records and the catalog key stay as they are.

        Raises:
            WrongPassphrase: ``old`` is not the current passphrase (nothing is changed).
        """
        try:
            unwrap_secrets(self._doc, old)
        except WrongKey as e:
            raise WrongPassphrase(str(self.path)) from e
        kdf = self._doc["kdf"]
        current = Argon2Params(kdf["memory_kib"], kdf["iterations"], kdf["lanes"])
        self._rewrap(new, kdf_params or current)

    @property
    def generation(self) -> int:
        """The keystore's generation: raised by every change of recipients or keys, and
        recorded in the catalog and the audit log, so an older copy of the file is refused."""
        return int(self._doc.get("generation", 1))

    def bump_generation(self, above: int = 0) -> int:
        """Raise the generation (past ``above``) and save, signed; returns the new value."""
        self._doc["generation"] = max(self.generation, above) + 1
        self._save()
        return self.generation

    def ensure_signed(self) -> bool:
        """Give a version 1 file (made before issue #24) its generation and office signature
        over the public part, so that clerks and archivists can trust it. True if written."""
        if "sig" in self._doc and "generation" in self._doc:
            return False
        self._save()
        return True

    @property
    def settings(self) -> dict[str, Any] | None:
        """The office settings only an admin may change (``digitize.store.settings``), as
        signed with the public part; None in a file that has none yet."""
        value = self._doc.get("settings")
        return dict(value) if isinstance(value, dict) else None

    def set_settings(self, values: dict[str, Any]) -> None:
        """Change some of those settings; raises the generation (an older copy of the file,
        with the older settings, is then refused) and saves, signed."""
        self._doc["settings"] = {**(self.settings or {}), **values}
        self.bump_generation()

    @property
    def checkpoint_record(self) -> dict[str, Any]:
        """The newest audit checkpoint this keystore saw leave the machine (``last``: the
        signed checkpoint) and where checkpoints went (``destinations``: URLs, newest last);
        empty before the first one. Signed with the public part."""
        return dict(self._doc.get("checkpoint") or {})

    def note_checkpoint(self, checkpoint: dict[str, Any], destination: str | None = None,
                        *, keep: int = 16) -> None:
        """Keep ``checkpoint`` (signed by the office key) as the newest one, and remember
        ``destination`` among the last ``keep`` places checkpoints went; saved, signed."""
        rec = self.checkpoint_record
        dests = [d for d in rec.get("destinations", []) if d != destination]
        if destination:
            dests.append(destination)
        self._doc["checkpoint"] = {"last": checkpoint, "destinations": dests[-keep:]}
        self._save()

    @property
    def secrets(self) -> bytes:
        """The 192 secret bytes (admin: to enrol accounts)."""
        return self._secrets

    # -- keys -------------------------------------------------------------------------------

    @property
    def office_code(self) -> str:
        """The office code given at creation."""
        return str(self._doc["office"]["code"])

    @property
    def office_name(self) -> str:
        """The office name given at creation."""
        return str(self._doc["office"]["name"])

    def catalog_key(self) -> bytes:
        """32 random bytes for SQLCipher's raw key; unchanged by passphrase changes."""
        return self._secrets[160:192]

    def signer(self) -> HybridSigner:
        """The office's hybrid (Ed25519 + ML-DSA-65) signing key."""
        return self._signer

    def verifier(self) -> HybridVerifier:
        """The office's public signature key."""
        return self._signer.public()

    def fingerprint(self) -> str:
        """The office's key fingerprint, e.g. ``7K3M-9QXA-...``, to compare by phone."""
        return fingerprint(self.verifier().to_bytes(), self._kem.public().to_bytes())

    def office_recipient(self) -> Recipient:
        """The office itself as a container recipient."""
        return Recipient(f"office:{self.office_code}", self._kem.public(), self.fingerprint())

    def central_keys(self) -> list[dict[str, str]]:
        """Imported central keys: label, fingerprint, import time."""
        return [{"label": c["label"], "fingerprint": c["fingerprint"],
                 "imported": c["imported"]} for c in self._doc["central"]]

    def recipients(self) -> list[Recipient]:
        """The office key, then every imported central archive key."""
        return [self.office_recipient(), *central_recipients(self._doc)]

    def decryption_keys(self) -> dict[str, KemPrivateKey]:
        """Private KEM keys by key id, for ``container.open_container`` (the current key and
        those retired by rotations, for older containers)."""
        from archive.keys.grants import kem_keys

        return kem_keys(self._doc, self._kem)

    @property
    def epoch(self) -> int:
        """How many key rotations the office has made (``archive.keys.grants``)."""
        return int(self._doc.get("epoch", 0))

    def retired_catalog_keys(self) -> list[bytes]:
        """Earlier catalog keys, newest first (to finish a re-key a crash interrupted)."""
        from archive.keys.grants import retired_keys

        return [r["catalog"] for r in reversed(retired_keys(self._doc, self._secrets[64:160]))]

    def replace_secrets(self, doc: dict[str, Any], secrets: bytes, passphrase: str,
                        params: Argon2Params) -> None:
        """(Rotation) take a new document and secrets, raise the generation, wrap the
        secrets under ``passphrase`` and save."""
        kem = KemPrivateKey.from_seed(secrets[64:160])
        if b64d(doc["public"]["kem"]) != kem.public().to_bytes() or secrets[:64] != \
                self._secrets[:64]:
            raise ValueError("rotated keys do not match the document")
        self._doc, self._secrets, self._kem = dict(doc), secrets, kem
        self._doc["generation"] = self.generation + 1
        self._rewrap(passphrase, params)

    def public_bundle(self) -> bytes:
        """The public key file to give to central storage (JSON, no secrets)."""
        doc = {"format": PUBLIC_FORMAT, "version": 1, "office": dict(self._doc["office"]),
               "sign": self._doc["public"]["sign"], "kem": self._doc["public"]["kem"],
               "fingerprint": self.fingerprint()}
        return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")

    def import_central_key(self, bundle: bytes, label: str) -> str:
        """Add a central archive's public key as a recipient of future containers.

        Importing the same key again changes nothing. The admin must compare the returned
        fingerprint with the one central storage reads out by phone.

        Returns:
            The key's fingerprint.

        Raises:
            KeyBundleInvalid: the bundle is malformed.
        """
        pb = parse_public_bundle(bundle)
        if pb.fingerprint == self.fingerprint():
            raise KeyBundleInvalid("this is the office's own key")
        if any(c["fingerprint"] == pb.fingerprint for c in self._doc["central"]):
            return pb.fingerprint
        entry = {"label": label, "office": {"code": pb.code, "name": pb.name},
                 "sign": b64e(pb.verifier.to_bytes()), "kem": b64e(pb.kem.to_bytes()),
                 "fingerprint": pb.fingerprint, "imported": now_iso()}
        self._doc = {**self._doc, "central": [*self._doc["central"], entry]}
        self.bump_generation()
        return pb.fingerprint

    def remove_central_key(self, fp: str) -> bool:
        """Stop encrypting new containers for the central key with fingerprint ``fp``.

        Containers already written stay readable by that key. Returns False if unknown.
        """
        kept = [c for c in self._doc["central"] if c["fingerprint"] != fp]
        if len(kept) == len(self._doc["central"]):
            return False
        self._doc = {**self._doc, "central": kept}
        self.bump_generation()
        return True

    # -- backup (archive/keys/backup.py) -----------------------------------------------------

    def backup(self, dest: Path, backup_passphrase: str, *,
               kdf_params: Argon2Params | None = None) -> None:
        """Write an encrypted copy of all keys (for removable media); never overwrites."""
        from archive.keys.backup import write_backup

        write_backup(self, Path(dest), backup_passphrase, kdf_params)

    @classmethod
    def restore(cls, backup: Path, backup_passphrase: str, dest_path: Path, *,
                new_passphrase: str | None = None,
                kdf_params: Argon2Params | None = None) -> Keystore:
        """Recreate a keystore at ``dest_path`` from a backup (passphrase: ``new_passphrase``,
        else the backup's); never overwrites. Raises WrongPassphrase, KeystoreExists."""
        from archive.keys.backup import restore_backup

        return restore_backup(cls, Path(backup), backup_passphrase, Path(dest_path),
                              new_passphrase, kdf_params)


def generate_central_keypair(
    passphrase: str,
    *,
    code: str = "CENTRAL",
    name: str = "Lưu trữ lịch sử",
    kdf_params: Argon2Params | None = None,
) -> tuple[bytes, bytes]:
    """Make a central archive key pair (for tests and for central storage's own tooling).

    Returns:
        ``(private_bundle, public_bundle)``: the private bundle is a keystore file wrapped
        under ``passphrase`` (open it with ``Keystore.from_bytes``); the public bundle is
        what an office imports with ``import_central_key``.
    """
    secrets = HybridSigner.generate().seed() + KemPrivateKey.generate().seed() + os.urandom(32)
    assert len(secrets) == SECRETS_LEN
    ks = Keystore(None, Keystore._new_doc(code, name, secrets, KEYSTORE_FORMAT), secrets)
    ks._rewrap(passphrase, kdf_params or Argon2Params())
    return ks.to_bytes(), ks.public_bundle()
