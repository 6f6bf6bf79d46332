"""Hazmat: passphrase key derivation (Argon2id, RFC 9106) and HKDF-SHA256 sub-keys."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


@dataclass(frozen=True)
class Argon2Params:
    """Argon2id cost parameters (memory in KiB)."""

    memory_kib: int = 131072
    iterations: int = 3
    lanes: int = 4

    def check(self) -> None:
        """Reject parameters too weak for storage or absurdly large (a hostile file)."""
        if not (8 <= self.memory_kib <= 2 * 1024 * 1024 and 1 <= self.iterations <= 64):
            raise ValueError("Argon2id parameters out of range")
        if not 1 <= self.lanes <= 64:
            raise ValueError("Argon2id lanes out of range")


# Tiny parameters for tests only (fast). Never the default.
TEST_PARAMS = Argon2Params(memory_kib=64, iterations=1, lanes=1)


def normalize_passphrase(passphrase: str) -> bytes:
    """NFC-normalise (Vietnamese input methods differ) and encode as UTF-8."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def argon2id(passphrase: str, salt: bytes, params: Argon2Params) -> bytes:
    """Derive a 32-byte key-encryption key from a passphrase."""
    params.check()
    kdf = Argon2id(
        salt=salt,
        length=32,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive(normalize_passphrase(passphrase))


def hkdf(secret: bytes, info: bytes, length: int = 32) -> bytes:
    """HKDF-SHA256 with an empty salt."""
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=None, info=info).derive(secret)
