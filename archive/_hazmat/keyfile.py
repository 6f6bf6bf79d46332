"""Hazmat: passphrase-wrapped key files (keystore, backup), their MAC, public key files."""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import constant_time, hashes, hmac
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from archive._hazmat.kdf import Argon2Params, argon2id, hkdf
from archive._hazmat.kem import KemPublicKey
from archive._hazmat.sign import HybridVerifier
from archive.errors import KeyBundleInvalid

SECRETS_LEN = 64 + 96 + 32  # signer seed || KEM seed || catalog key
WRAP_AAD = b"digitize/keyfile/v1/wrap"
MAC_INFO = b"digitize/keyfile/v1/mac"
FINGERPRINT_TAG = b"digitize/fingerprint/v1"
PUBLIC_FORMAT = "digitize-public-key"


class WrongKey(Exception):
    """The passphrase does not open the wrapped secrets."""


def b64e(data: bytes) -> str:
    """Standard base64 with padding."""
    return base64.b64encode(data).decode("ascii")


def b64d(text: str) -> bytes:
    """Strict standard base64 decode; raises ValueError."""
    return base64.b64decode(text.encode("ascii"), validate=True)


def canonical_json(obj: Any) -> bytes:
    """Sorted keys, no whitespace, UTF-8 (non-ASCII unescaped); integers and strings only."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def fingerprint(sign_pub: bytes, kem_pub: bytes) -> str:
    """Phone-readable fingerprint: 30 decimal digits (~100 bits) in 6 groups of 5.

    Digits only, because they are read aloud in Vietnamese without ambiguity (the Vietnamese
    alphabet has no F, J, W or Z).
    """
    digest = hashlib.sha256(FINGERPRINT_TAG + sign_pub + kem_pub).digest()[:16]
    digits = f"{int.from_bytes(digest, 'big') % 10**30:030d}"
    return "-".join(digits[i : i + 5] for i in range(0, 30, 5))


def wrap_secrets(secrets: bytes, passphrase: str, params: Argon2Params) -> dict[str, Any]:
    """Encrypt the secrets under an Argon2id key; returns the ``kdf`` and ``wrap`` members."""
    salt, nonce = os.urandom(16), os.urandom(12)
    kek = argon2id(passphrase, salt, params)
    ct = AESGCM(kek).encrypt(nonce, secrets, WRAP_AAD)
    return {
        "kdf": {
            "alg": "argon2id",
            "salt": b64e(salt),
            "memory_kib": params.memory_kib,
            "iterations": params.iterations,
            "lanes": params.lanes,
        },
        "wrap": {"alg": "AES-256-GCM", "nonce": b64e(nonce), "ciphertext": b64e(ct)},
    }


def unwrap_secrets(doc: dict[str, Any], passphrase: str) -> bytes:
    """Decrypt the secrets of a key file; raises WrongKey or ValueError/KeyError if malformed."""
    kdf, wrap = doc["kdf"], doc["wrap"]
    if kdf["alg"] != "argon2id" or wrap["alg"] != "AES-256-GCM":
        raise ValueError("unknown key file algorithms")
    params = Argon2Params(int(kdf["memory_kib"]), int(kdf["iterations"]), int(kdf["lanes"]))
    kek = argon2id(passphrase, b64d(kdf["salt"]), params)
    try:
        secrets = AESGCM(kek).decrypt(b64d(wrap["nonce"]), b64d(wrap["ciphertext"]), WRAP_AAD)
    except InvalidTag as e:
        raise WrongKey from e
    if len(secrets) != SECRETS_LEN:
        raise ValueError("wrapped secrets have the wrong length")
    return secrets


def compute_mac(secrets: bytes, doc: dict[str, Any]) -> str:
    """HMAC-SHA256 (key = HKDF(secrets)) of the canonical JSON of ``doc`` without ``mac``."""
    body = {k: v for k, v in doc.items() if k != "mac"}
    h = hmac.HMAC(hkdf(secrets, MAC_INFO), hashes.SHA256())
    h.update(canonical_json(body))
    return h.finalize().hex()


def mac_ok(secrets: bytes, doc: dict[str, Any]) -> bool:
    """True if the document's ``mac`` is right (constant-time compare)."""
    mac = doc.get("mac")
    if not isinstance(mac, str):
        return False
    return constant_time.bytes_eq(compute_mac(secrets, doc).encode(), mac.encode())


@dataclass(frozen=True)
class PublicBundle:
    """A parsed public key file: who, the signing verifier, the KEM key, the fingerprint."""

    code: str
    name: str
    verifier: HybridVerifier
    kem: KemPublicKey
    fingerprint: str


def parse_public_bundle(bundle: bytes) -> PublicBundle:
    """Parse and check a public key file made by ``Keystore.public_bundle``.

    Raises:
        KeyBundleInvalid: not a public key file, or its fingerprint does not match its keys.
    """
    try:
        doc = json.loads(bundle.decode("utf-8"))
        if doc.get("format") != PUBLIC_FORMAT or doc.get("version") != 1:
            raise ValueError("not a digitize public key file (version 1)")
        sign_pub, kem_pub = b64d(doc["sign"]), b64d(doc["kem"])
        verifier, kem = HybridVerifier.from_bytes(sign_pub), KemPublicKey.from_bytes(kem_pub)
        fp = fingerprint(sign_pub, kem_pub)
        if doc.get("fingerprint") != fp:
            raise ValueError("fingerprint does not match the keys")
        office = doc["office"]
        return PublicBundle(str(office["code"]), str(office["name"]), verifier, kem, fp)
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as e:
        raise KeyBundleInvalid(str(e)) from e
