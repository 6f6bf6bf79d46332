"""Reading an ``accounts.json`` of version 1 (before issue #24), once, to migrate it.

Version 1 wrapped the archive passphrase itself under every user's password, so any user
could recover it. Migration (``migrate``, on the first sign-in of an admin account) rewrites
the file as version 2: the admin who signs in keeps their account (their password is known),
every other account is disabled until an admin resets its password (a new user key, a new
wrap of only that role's keys). The archive passphrase should then be changed.
"""

from __future__ import annotations

from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import constant_time, hashes, hmac
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from archive._hazmat.kdf import Argon2Params, argon2id, hkdf, normalize_passphrase
from archive._hazmat.keyfile import b64d, canonical_json
from archive._hazmat.sign import HybridSigner
from archive.accounts import FORMAT, VERSION, Accounts, office_pin
from archive.clock import now_iso
from archive.errors import BadCredentials, TamperedError

__all__ = ["migrate", "unlock_v1"]


def unlock_v1(doc: dict[str, Any], username: str, password: str) -> tuple[str, str]:
    """``(role, archive passphrase)`` of a version 1 entry, after checking the file's MAC.

    Raises:
        BadCredentials: unknown, disabled or wrong password. TamperedError: MAC mismatch.
    """
    entry = doc.get("users", {}).get(username)
    if entry is None or entry.get("disabled"):
        raise BadCredentials()
    kdf, wrap = entry["kdf"], entry["wrap"]
    try:
        params = Argon2Params(int(kdf["memory_kib"]), int(kdf["iterations"]), int(kdf["lanes"]))
        kek = argon2id(password, b64d(kdf["salt"]), params)
        aad = f"digitize/accounts/v1/{username}/{entry['role']}".encode()
        passphrase = AESGCM(kek).decrypt(b64d(wrap["nonce"]), b64d(wrap["ciphertext"]),
                                         aad).decode("utf-8")
    except InvalidTag as e:
        raise BadCredentials() from e
    except (ValueError, KeyError, TypeError) as e:
        raise TamperedError(f"accounts.json: malformed entry for {username} ({e})") from e
    h = hmac.HMAC(hkdf(normalize_passphrase(passphrase), b"digitize/accounts/v1/mac"),
                  hashes.SHA256())
    h.update(canonical_json({k: v for k, v in doc.items() if k != "mac"}))
    if not constant_time.bytes_eq(h.finalize().hex().encode(), str(doc.get("mac", "")).encode()):
        raise TamperedError("accounts.json: accounts file was modified (MAC mismatch)")
    return str(entry["role"]), passphrase


def migrate(accounts: Accounts, admin: str, password: str, secrets: bytes) -> None:
    """Rewrite a version 1 file as version 2 (see the module docstring).

    Args:
        accounts: The archive's accounts file (version 1).
        admin: The admin account signing in (its password is ``password``).
        secrets: The keystore secrets the archive passphrase opened.
    """
    old = accounts.load()
    office = HybridSigner.from_seed(secrets[:64])
    doc: dict[str, Any] = {"format": FORMAT, "version": VERSION,
                           "created": old.get("created", now_iso()),
                           "office": office_pin(office.public()), "users": {}, "retired": [],
                           "migrated": now_iso()}
    accounts._put(doc, admin, password, "admin", secrets,
                  created=old["users"][admin].get("created"), check=False)
    for name, e in old["users"].items():
        if name != admin:  # no key until an admin resets the password
            doc["users"][name] = {"role": e["role"], "disabled": True,
                                  "created": e.get("created", ""), "key": "", "cert": "",
                                  "password_changed": "", "must_change": True}
    accounts._save(doc, office)
