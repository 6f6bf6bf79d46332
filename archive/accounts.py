"""Local user accounts (``accounts.json`` version 2): each wraps only its role's keys.

Per user: the role, a disabled flag, the user's own hybrid signing key (public) with a
certificate made by the office key, a box key (:mod:`archive.keys.box`, for keys made by a
later rotation) and a wrap: AES-256-GCM under an Argon2id key derived from the password,
holding only what the role needs (docs/threat-model.md): every role the pin (SHA-256 of the
office signing key), the user's signing seed, staging database key and box seed; an
archivist also the office KEM seed and catalog key; an admin the whole keystore secrets. The
security part of the file is signed by the office key (only an admin adds an account or
changes a role); a wrap is bound to its user, role and key by the AEAD's associated data. No
MAC keyed by a passphrase: each password guess costs an Argon2id.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from archive._hazmat.kdf import Argon2Params, argon2id
from archive._hazmat.keyfile import b64d, b64e, canonical_json
from archive._hazmat.sign import HybridSigner, HybridVerifier
from archive.clock import now_iso
from archive.errors import (
    AccountExists,
    AccountNotFound,
    AccountsNeedMigration,
    BadCredentials,
    InvalidUsername,
    LastAdmin,
    TamperedError,
)
from archive.fsutil import atomic_write
from archive.keys.box import new_box
from archive.keys.strength import check_secret

__all__ = ["ACCOUNTS_FILE", "ROLES", "Account", "Accounts", "Unlocked", "office_pin"]

ACCOUNTS_FILE = "accounts.json"
FORMAT = "digitize-accounts"
VERSION = 2
ROLES = ("clerk", "archivist", "admin")
CTX_FILE = b"digitize/accounts/v2/file"
CTX_CERT = b"digitize/accounts/v2/cert"
_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,31}$")
_SIGNED_USER = ("role", "disabled", "key", "cert", "created", "must_change")


@dataclass(frozen=True)
class Account:
    """One local user as listed to an admin (no secrets)."""

    username: str
    role: str
    disabled: bool
    created: str
    password_changed: str
    must_change: bool = False


@dataclass(frozen=True)
class Unlocked:
    """What a user's password opens: only the keys of the account's role."""

    account: Account
    pin: str  # SHA-256 hex of the office public signing key the account was enrolled under
    signer: HybridSigner  # the user's own certified key
    work_key: bytes  # the user's own staging database
    kem_seed: bytes | None = None  # archivist, admin
    catalog_key: bytes | None = None  # archivist, admin
    secrets: bytes | None = None  # admin: the whole keystore secrets
    box_seed: bytes | None = None  # the user's box key: receives keys made later (rotation)


def office_pin(office: HybridVerifier) -> str:
    """The pin of an office signing key: SHA-256 hex of its public encoding."""
    return hashlib.sha256(office.to_bytes()).hexdigest()


def _aad(username: str, role: str, key: str) -> bytes:
    return f"digitize/accounts/v2/{username}/{role}/{key}".encode()


def _cert_body(username: str, role: str, key: str) -> bytes:
    return canonical_json({"user": username, "role": role, "key": key})


def _material(role: str, pin: str, user: HybridSigner, work_key: bytes,
              secrets: bytes, box_seed: bytes | None = None) -> bytes:
    doc = {"pin": pin, "user": b64e(user.seed()), "work": b64e(work_key)}
    if box_seed is not None:
        doc["box"] = b64e(box_seed)
    if role in ("archivist", "admin"):
        doc.update(kem=b64e(secrets[64:160]), catalog=b64e(secrets[160:192]))
    if role == "admin":
        doc["secrets"] = b64e(secrets)
    return canonical_json(doc)


class Accounts:
    """The accounts file of one archive folder.

    Signing in needs only the user's password; adding, disabling or resetting an account and
    changing a role need the admin's unlocked keystore (``keys``), whose office key signs the
    file.
    """

    def __init__(self, root: Path, *, kdf_params: Argon2Params | None = None) -> None:
        """Bind to ``root/accounts.json`` (read lazily); ``kdf_params`` for new wraps."""
        self.path = Path(root) / ACCOUNTS_FILE
        self.params = kdf_params or Argon2Params()

    # -- file -------------------------------------------------------------------------------
    def exists(self) -> bool:
        """Whether the archive has an accounts file."""
        return self.path.exists()

    def load(self) -> dict[str, Any]:
        """The file as JSON (nothing verified); raises AccountNotFound or TamperedError."""
        try:
            doc = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise AccountNotFound(str(self.path)) from None
        except (ValueError, UnicodeDecodeError) as e:
            raise TamperedError(f"{self.path}: not a readable accounts file") from e
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise TamperedError(f"{self.path}: not a {FORMAT} file")
        return doc

    def version(self) -> int:
        """1 for a file made before issue #24 (wraps of the archive passphrase), else 2."""
        return int(self.load().get("version", 0))

    def _load(self) -> dict[str, Any]:
        doc = self.load()
        if doc.get("version") == 1:
            raise AccountsNeedMigration(str(self.path))
        if doc.get("version") != VERSION:
            raise TamperedError(f"{self.path}: unknown version {doc.get('version')!r}")
        return doc

    @staticmethod
    def _signed_view(doc: dict[str, Any]) -> bytes:
        users = {n: {k: e.get(k) for k in _SIGNED_USER} for n, e in doc["users"].items()}
        return canonical_json({"format": doc["format"], "version": doc["version"],
                               "office": doc["office"], "users": users,
                               "retired": doc.get("retired", [])})

    def _save(self, doc: dict[str, Any], office: HybridSigner) -> None:
        doc["sig"] = b64e(office.sign(self._signed_view(doc), CTX_FILE))
        self._write(doc)

    def _write(self, doc: dict[str, Any]) -> None:
        atomic_write(self.path, (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode())

    def verified(self, office: HybridVerifier) -> dict[str, Any]:
        """The file, after checking its office signature and that it names ``office``.

        Raises:
            TamperedError: the signature does not verify with ``office``.
        """
        doc = self._load()
        try:
            ok = doc.get("office") == office_pin(office) and office.verify(
                b64d(doc["sig"]), self._signed_view(doc), CTX_FILE)
        except (KeyError, ValueError, TypeError, AttributeError):
            ok = False
        if not ok:
            raise TamperedError(f"{self.path}: accounts file was modified (signature)")
        return doc

    # -- certificates -----------------------------------------------------------------------
    def _certs(self, office: HybridVerifier) -> list[tuple[str, str, HybridVerifier]]:
        """``(user, role, key)`` of every certificate the office key made (current and retired:
        old records and log entries stay verifiable). Empty without a version 2 file."""
        if not self.exists() or self.version() == 1:
            return []
        doc = self._load()
        out = []
        for name, e in [*doc["users"].items(), *((c.get("user", ""), c)
                                                  for c in doc.get("retired", []))]:
            try:
                if office.verify(b64d(e["cert"]), _cert_body(name, e["role"], e["key"]),
                                 CTX_CERT):
                    out.append((name, e["role"], HybridVerifier.from_bytes(b64d(e["key"]))))
            except (KeyError, ValueError, TypeError):
                continue
        return out

    def certified_keys(self, office: HybridVerifier) -> dict[str, list[HybridVerifier]]:
        """Users' certified signing keys by user name (see ``_certs``)."""
        out: dict[str, list[HybridVerifier]] = {}
        for name, _role, key in self._certs(office):
            out.setdefault(name, []).append(key)
        return out

    def clerk_keys(self, office: HybridVerifier) -> list[HybridVerifier]:
        """The certified keys issued to the clerk role (current and retired)."""
        return [key for _n, role, key in self._certs(office) if role == "clerk"]

    # -- creation and sign-in ---------------------------------------------------------------
    @staticmethod
    def check_new(username: str, password: str) -> None:
        """Check a new user name and password before anything is written.

        Raises:
            InvalidUsername: not a valid user name. WeakSecret: the password is too weak.
        """
        name = username.strip().lower()
        if not _NAME_RE.match(name):
            raise InvalidUsername(repr(username))
        check_secret(password, "password", user=name)

    def create(self, admin: str, password: str, secrets: bytes) -> Account:
        """Write a new accounts file whose first user is an admin (``secrets``: the unlocked
        keystore's 192 secret bytes, whose office key signs the file).

        Raises:
            AccountExists: the file exists already.
        """
        if self.path.exists():
            raise AccountExists(str(self.path))
        name = admin.strip().lower()
        self.check_new(name, password)
        office = HybridSigner.from_seed(secrets[:64])
        doc: dict[str, Any] = {"format": FORMAT, "version": VERSION, "created": now_iso(),
                               "office": office_pin(office.public()), "users": {},
                               "retired": []}
        self._put(doc, name, password, "admin", secrets)
        self._save(doc, office)
        return self.get(name)

    def unlock(self, username: str, password: str) -> Unlocked:
        """Check a user's password and return only the keys of the account's role.

        Raises:
            BadCredentials: unknown user, disabled account or wrong password (one message).
            TamperedError: the file or the entry was modified.
            AccountsNeedMigration: a version 1 file (see ``migrate``).
        """
        doc = self._load()
        name = username.strip().lower()
        entry = doc["users"].get(name)
        if entry is None or entry.get("disabled"):
            raise BadCredentials()
        try:
            kdf, wrap = entry["kdf"], entry["wrap"]
            params = Argon2Params(int(kdf["memory_kib"]), int(kdf["iterations"]),
                                  int(kdf["lanes"]))
            kek = argon2id(password, b64d(kdf["salt"]), params)
            plain = AESGCM(kek).decrypt(b64d(wrap["nonce"]), b64d(wrap["ciphertext"]),
                                        _aad(name, entry["role"], entry["key"]))
            m = json.loads(plain)
            signer = HybridSigner.from_seed(b64d(m["user"]))
        except InvalidTag as e:
            raise BadCredentials() from e
        except (ValueError, KeyError, TypeError) as e:
            raise TamperedError(f"{self.path}: malformed entry for {name} ({e})") from e
        if b64e(signer.public().to_bytes()) != entry["key"]:
            raise TamperedError(f"{self.path}: the key of {name} does not match its wrap")
        role = entry["role"]
        got = {k: b64d(m[k]) if k in m else None for k in ("kem", "catalog", "secrets", "box")}
        return Unlocked(self._account(name, entry), str(m["pin"]), signer, b64d(m["work"]),
                        got["kem"] if role != "clerk" else None,
                        got["catalog"] if role != "clerk" else None,
                        got["secrets"] if role == "admin" else None, got["box"])

    @staticmethod
    def _material_of(got: Unlocked) -> bytes:
        """The wrapped material of an unlocked account (to re-wrap it unchanged)."""
        secrets = got.secrets or bytes(64) + (got.kem_seed or bytes(96)) + \
            (got.catalog_key or bytes(32))
        return _material(got.account.role, got.pin, got.signer, got.work_key, secrets,
                         got.box_seed)

    # -- reading ----------------------------------------------------------------------------
    @staticmethod
    def _account(name: str, e: dict[str, Any]) -> Account:
        # ``must_change`` is signed by the admin who set the password; the user meets it by
        # re-wrapping their keys (``changed_by_user``, which only their password can do)
        must = bool(e.get("must_change")) and not e.get("changed_by_user")
        return Account(name, e["role"], bool(e.get("disabled")), e.get("created", ""),
                       e.get("password_changed", ""), must)

    def list(self) -> list[Account]:
        """All accounts, by user name."""
        users = self._load()["users"]
        return [self._account(n, users[n]) for n in sorted(users)]

    def get(self, username: str) -> Account:
        """One account; raises AccountNotFound."""
        e = self._load()["users"].get(username)
        if e is None:
            raise AccountNotFound(username)
        return self._account(username, e)

    # -- changes ----------------------------------------------------------------------------
    def _put(self, doc: dict[str, Any], name: str, password: str, role: str, secrets: bytes,
             *, must_change: bool = False, created: str | None = None,
             check: bool = True) -> None:
        """A new entry: a fresh user key and work key, certified and wrapped."""
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}")
        if check:  # a migrated admin keeps the password they already had
            check_secret(password, "password", user=name)
        office = HybridSigner.from_seed(secrets[:64])
        old = doc["users"].get(name)
        if old and old.get("cert"):
            doc.setdefault("retired", []).append(
                {"user": name, **{k: old[k] for k in ("role", "key", "cert")}})
        user = HybridSigner.generate()
        key = b64e(user.public().to_bytes())
        box, published = new_box(name, user)
        entry = {"role": role, "disabled": False, "created": created or now_iso(),
                 "password_changed": now_iso(), "must_change": must_change, "key": key,
                 "cert": b64e(office.sign(_cert_body(name, role, key), CTX_CERT)), **published}
        material = _material(role, office_pin(office.public()), user, os.urandom(32), secrets,
                             box.seed())
        entry.update(self._wrap(material, name, role, key, password))
        doc["users"][name] = entry

    def _wrap(self, material: bytes, name: str, role: str, key: str,
              password: str) -> dict[str, Any]:
        salt, nonce = os.urandom(16), os.urandom(12)
        kek = argon2id(password, salt, self.params)
        ct = AESGCM(kek).encrypt(nonce, material, _aad(name, role, key))
        p = self.params
        return {"kdf": {"alg": "argon2id", "salt": b64e(salt), "memory_kib": p.memory_kib,
                        "iterations": p.iterations, "lanes": p.lanes},
                "wrap": {"alg": "AES-256-GCM", "nonce": b64e(nonce), "ciphertext": b64e(ct)}}

    def _open_for_change(self, secrets: bytes) -> tuple[dict[str, Any], HybridSigner]:
        office = HybridSigner.from_seed(secrets[:64])
        return self.verified(office.public()), office

    def add(self, username: str, password: str, role: str, secrets: bytes) -> Account:
        """Create an account (admin: ``secrets`` of the unlocked keystore); the user must
        change the password at first sign-in. Raises AccountExists, InvalidUsername,
        WeakSecret."""
        name = username.strip().lower()
        self.check_new(name, password)
        doc, office = self._open_for_change(secrets)
        if name in doc["users"]:
            raise AccountExists(name)
        self._put(doc, name, password, role, secrets, must_change=True)
        self._save(doc, office)
        return self.get(name)

    def set_disabled(self, username: str, disabled: bool, secrets: bytes) -> None:
        """Disable or re-enable an account (admin); the last active admin stays. Raises
        AccountNotFound, LastAdmin."""
        doc, office = self._open_for_change(secrets)
        entry = doc["users"].get(username)
        if entry is None:
            raise AccountNotFound(username)
        if disabled and entry["role"] == "admin":
            admins = [n for n, e in doc["users"].items()
                      if e["role"] == "admin" and not e.get("disabled")]
            if admins == [username]:
                raise LastAdmin(username)
        if not disabled and not entry.get("cert"):
            raise AccountNotFound(f"{username} (cần đặt lại mật khẩu / needs a password reset)")
        entry["disabled"] = bool(disabled)
        self._save(doc, office)

    def reset_password(self, username: str, new_password: str, secrets: bytes, *,
                       role: str | None = None) -> None:
        """Set a new password (admin), optionally a new role: a new user key and work key
        (the old key's certificate is kept as retired); the user must change the password.
        Raises AccountNotFound, WeakSecret."""
        doc, office = self._open_for_change(secrets)
        entry = doc["users"].get(username)
        if entry is None:
            raise AccountNotFound(username)
        self._put(doc, username, new_password, role or entry["role"], secrets,
                  must_change=True, created=entry.get("created"))
        self._save(doc, office)

    def change_password(self, username: str, old: str, new: str) -> None:
        """A user re-wraps their own keys under a new password (no office key needed).

        Raises:
            BadCredentials: ``old`` is wrong. WeakSecret: ``new`` is too weak.
        """
        got = self.unlock(username, old)
        name = got.account.username
        check_secret(new, "password", user=name)
        doc = self._load()
        entry = doc["users"][name]
        entry.update(self._wrap(self._material_of(got), name, entry["role"], entry["key"], new))
        entry.update(password_changed=now_iso(), changed_by_user=True)
        self._write(doc)
