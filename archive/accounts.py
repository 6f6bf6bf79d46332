"""Local user accounts: roles, Argon2id-wrapped archive passphrase per user (``accounts.json``).

The file lives in the archive folder beside the keystore, outside the encrypted catalog (whose
key comes from the keystore, which the passphrase unlocks). For each user it keeps the role, a
disabled flag, the Argon2id parameters and salt, and the archive passphrase encrypted with
AES-256-GCM under the key derived from the user's password. A wrong password fails the GCM tag,
so the wrap is also the password check. The user name and role are bound into the associated
data, and the whole file carries an HMAC keyed from the archive passphrase, so an edited role
or a swapped wrap is detected as tampering at sign-in.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from archive._hazmat.kdf import Argon2Params, argon2id, hkdf, normalize_passphrase
from archive._hazmat.keyfile import b64d, b64e, canonical_json
from archive.clock import now_iso
from archive.errors import (
    AccountExists,
    AccountNotFound,
    BadCredentials,
    InvalidUsername,
    LastAdmin,
    TamperedError,
    WeakPassword,
)
from archive.fsutil import atomic_write

__all__ = ["ACCOUNTS_FILE", "ROLES", "Account", "Accounts"]

ACCOUNTS_FILE = "accounts.json"
FORMAT = "digitize-accounts"
ROLES = ("clerk", "archivist", "admin")
MIN_PASSWORD = 8
_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,31}$")


@dataclass(frozen=True)
class Account:
    """One local user as listed to an admin (no secrets)."""

    username: str
    role: str
    disabled: bool
    created: str
    password_changed: str
    must_change: bool = False


def _aad(username: str, role: str) -> bytes:
    return f"digitize/accounts/v1/{username}/{role}".encode()


def _mac_key(passphrase: str) -> bytes:
    return hkdf(normalize_passphrase(passphrase), b"digitize/accounts/v1/mac")


def _wrap(passphrase: str, username: str, role: str, password: str,
          params: Argon2Params) -> dict[str, Any]:
    salt, nonce = os.urandom(16), os.urandom(12)
    kek = argon2id(password, salt, params)
    ct = AESGCM(kek).encrypt(nonce, normalize_passphrase(passphrase), _aad(username, role))
    return {"kdf": {"alg": "argon2id", "salt": b64e(salt), "memory_kib": params.memory_kib,
                    "iterations": params.iterations, "lanes": params.lanes},
            "wrap": {"alg": "AES-256-GCM", "nonce": b64e(nonce), "ciphertext": b64e(ct)}}


def _unwrap(entry: dict[str, Any], username: str, password: str) -> str:
    kdf, wrap = entry["kdf"], entry["wrap"]
    if kdf.get("alg") != "argon2id" or wrap.get("alg") != "AES-256-GCM":
        raise TamperedError(f"{ACCOUNTS_FILE}: unknown algorithms for {username}")
    try:
        params = Argon2Params(int(kdf["memory_kib"]), int(kdf["iterations"]), int(kdf["lanes"]))
        kek = argon2id(password, b64d(kdf["salt"]), params)
        plain = AESGCM(kek).decrypt(b64d(wrap["nonce"]), b64d(wrap["ciphertext"]),
                                    _aad(username, entry["role"]))
    except InvalidTag as e:
        raise BadCredentials() from e
    except (ValueError, KeyError, TypeError) as e:
        raise TamperedError(f"{ACCOUNTS_FILE}: malformed entry for {username} ({e})") from e
    return plain.decode("utf-8")


class Accounts:
    """The accounts file of one archive folder.

    Reading and signing in need no secret; every change needs the archive passphrase (held by
    a signed-in session) to re-seal the file's HMAC.
    """

    def __init__(self, root: Path, *, kdf_params: Argon2Params | None = None) -> None:
        """Bind to ``root/accounts.json`` (read lazily).

        Args:
            root: The archive folder.
            kdf_params: Argon2id costs for new wraps (defaults to the keystore's defaults).
        """
        self.path = Path(root) / ACCOUNTS_FILE
        self.params = kdf_params or Argon2Params()

    # -- file -------------------------------------------------------------------------------
    def exists(self) -> bool:
        """Whether the archive has an accounts file."""
        return self.path.exists()

    def _load(self) -> dict[str, Any]:
        try:
            doc = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise AccountNotFound(str(self.path)) from None
        except (ValueError, UnicodeDecodeError) as e:
            raise TamperedError(f"{self.path}: not a readable accounts file") from e
        if not isinstance(doc, dict) or doc.get("format") != FORMAT or doc.get("version") != 1:
            raise TamperedError(f"{self.path}: not a {FORMAT} file of version 1")
        return doc

    def _save(self, doc: dict[str, Any], passphrase: str) -> None:
        doc["mac"] = self._mac(doc, passphrase)
        atomic_write(self.path, (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode())

    @staticmethod
    def _mac(doc: dict[str, Any], passphrase: str) -> str:
        from cryptography.hazmat.primitives import hashes, hmac

        h = hmac.HMAC(_mac_key(passphrase), hashes.SHA256())
        h.update(canonical_json({k: v for k, v in doc.items() if k != "mac"}))
        return h.finalize().hex()

    def _check_mac(self, doc: dict[str, Any], passphrase: str) -> None:
        from cryptography.hazmat.primitives import constant_time

        if not constant_time.bytes_eq(self._mac(doc, passphrase).encode(),
                                      str(doc.get("mac", "")).encode()):
            raise TamperedError(f"{self.path}: accounts file was modified (MAC mismatch)")

    # -- creation and sign-in ---------------------------------------------------------------
    @staticmethod
    def check_new(username: str, password: str) -> None:
        """Check a new user name and password before anything is written.

        Raises:
            InvalidUsername: not a valid user name.
            WeakPassword: the password is too short.
        """
        if not _NAME_RE.match(username.strip().lower()):
            raise InvalidUsername(repr(username))
        if len(password) < MIN_PASSWORD:
            raise WeakPassword(min=MIN_PASSWORD)

    def create(self, admin: str, password: str, passphrase: str) -> Account:
        """Write a new accounts file whose first user is an admin.

        Raises:
            AccountExists: the file exists already.
        """
        if self.path.exists():
            raise AccountExists(str(self.path))
        name = admin.strip().lower()
        if not _NAME_RE.match(name):
            raise InvalidUsername(repr(admin))
        doc: dict[str, Any] = {"format": FORMAT, "version": 1, "created": now_iso(), "users": {}}
        self._put(doc, name, password, "admin", passphrase)
        self._save(doc, passphrase)
        return self.get(name)

    def unlock(self, username: str, password: str) -> tuple[Account, str]:
        """Check a user's password and return the account and the archive passphrase.

        Raises:
            BadCredentials: unknown user, disabled account or wrong password (one message,
                so that the answer does not reveal which).
            TamperedError: the file or the entry was modified.
        """
        doc = self._load()
        name = username.strip().lower()
        entry = doc["users"].get(name)
        if entry is None or entry.get("disabled"):
            raise BadCredentials()
        passphrase = _unwrap(entry, name, password)
        self._check_mac(doc, passphrase)
        return self._account(name, entry), passphrase

    # -- reading ----------------------------------------------------------------------------
    @staticmethod
    def _account(name: str, e: dict[str, Any]) -> Account:
        return Account(name, e["role"], bool(e.get("disabled")), e.get("created", ""),
                       e.get("password_changed", ""), bool(e.get("must_change")))

    def list(self) -> list[Account]:
        """All accounts, by user name."""
        users = self._load()["users"]
        return [self._account(n, users[n]) for n in sorted(users)]

    def get(self, username: str) -> Account:
        """One account.

        Raises:
            AccountNotFound: no such user.
        """
        e = self._load()["users"].get(username)
        if e is None:
            raise AccountNotFound(username)
        return self._account(username, e)

    # -- changes (all need the archive passphrase) ------------------------------------------
    def _put(self, doc: dict[str, Any], name: str, password: str, role: str, passphrase: str,
             *, must_change: bool = False, created: str | None = None) -> None:
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}")
        if len(password) < MIN_PASSWORD:
            raise WeakPassword(min=MIN_PASSWORD)
        doc["users"][name] = {"role": role, "disabled": False, "created": created or now_iso(),
                              "password_changed": now_iso(), "must_change": must_change,
                              **_wrap(passphrase, name, role, password, self.params)}

    def _open_for_change(self, passphrase: str) -> dict[str, Any]:
        doc = self._load()
        self._check_mac(doc, passphrase)
        return doc

    def add(self, username: str, password: str, role: str, passphrase: str) -> Account:
        """Create an account (admin). The user must change the password at first sign-in.

        Raises:
            AccountExists: the name is taken.
            InvalidUsername: the name is not a valid user name.
            WeakPassword: the password is too short.
        """
        name = username.strip().lower()
        if not _NAME_RE.match(name):
            raise InvalidUsername(repr(username))
        doc = self._open_for_change(passphrase)
        if name in doc["users"]:
            raise AccountExists(name)
        self._put(doc, name, password, role, passphrase, must_change=True)
        self._save(doc, passphrase)
        return self.get(name)

    def set_disabled(self, username: str, disabled: bool, passphrase: str) -> None:
        """Disable or re-enable an account (admin); the last active admin cannot be disabled.

        Raises:
            AccountNotFound: no such user.
            LastAdmin: it would leave no active admin.
        """
        doc = self._open_for_change(passphrase)
        entry = doc["users"].get(username)
        if entry is None:
            raise AccountNotFound(username)
        if disabled and entry["role"] == "admin":
            admins = [n for n, e in doc["users"].items()
                      if e["role"] == "admin" and not e.get("disabled")]
            if admins == [username]:
                raise LastAdmin(username)
        entry["disabled"] = bool(disabled)
        self._save(doc, passphrase)

    def reset_password(self, username: str, new_password: str, passphrase: str, *,
                       role: str | None = None) -> None:
        """Set a new password (admin), optionally a new role; the user must change it.

        Raises:
            AccountNotFound: no such user.
            WeakPassword: the password is too short.
        """
        doc = self._open_for_change(passphrase)
        entry = doc["users"].get(username)
        if entry is None:
            raise AccountNotFound(username)
        self._put(doc, username, new_password, role or entry["role"], passphrase,
                  must_change=True, created=entry.get("created"))
        doc["users"][username]["disabled"] = bool(entry.get("disabled"))
        self._save(doc, passphrase)

    def change_password(self, username: str, old: str, new: str) -> None:
        """A user changes their own password (the old one proves who they are).

        Raises:
            BadCredentials: ``old`` is wrong.
            WeakPassword: ``new`` is too short.
        """
        account, passphrase = self.unlock(username, old)
        doc = self._open_for_change(passphrase)
        self._put(doc, account.username, new, account.role, passphrase,
                  created=account.created)
        self._save(doc, passphrase)
