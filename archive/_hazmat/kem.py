"""Hazmat: HPKE (RFC 9180, base mode) key wrapping with ML-KEM-768 + X25519, HKDF, AES-GCM."""

from __future__ import annotations

import hashlib

from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric import mlkem, x25519

MLKEM_PUB_LEN = 1184
PUB_LEN = MLKEM_PUB_LEN + 32
SEED_LEN = 96  # ML-KEM-768 seed (64) || X25519 private key (32)
ENC_LEN = hpke.KEM.MLKEM768_X25519.enc_length()  # 1120
_SUITE = hpke.Suite(hpke.KEM.MLKEM768_X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)


class KemPublicKey:
    """A recipient's public key: ML-KEM-768 public key and X25519 public key."""

    def __init__(self, ml: mlkem.MLKEM768PublicKey, xk: x25519.X25519PublicKey) -> None:
        self._ml = ml
        self._x = xk

    @classmethod
    def from_bytes(cls, data: bytes) -> KemPublicKey:
        """Parse ``mlkem768_pub (1184) || x25519_pub (32)``; raises ValueError if malformed."""
        if len(data) != PUB_LEN:
            raise ValueError(f"KEM public key must be {PUB_LEN} bytes, got {len(data)}")
        ml = mlkem.MLKEM768PublicKey.from_public_bytes(data[:MLKEM_PUB_LEN])
        return cls(ml, x25519.X25519PublicKey.from_public_bytes(data[MLKEM_PUB_LEN:]))

    def to_bytes(self) -> bytes:
        """Serialise as ``mlkem768_pub || x25519_pub`` (1216 bytes)."""
        return self._ml.public_bytes_raw() + self._x.public_bytes_raw()

    def key_id(self) -> str:
        """First 8 bytes of SHA-256 of the public key bytes, as 16 hex digits."""
        return hashlib.sha256(self.to_bytes()).hexdigest()[:16]

    def wrap(self, secret: bytes, info: bytes) -> bytes:
        """HPKE single-shot seal of ``secret``: ``enc (1120) || AES-GCM ciphertext+tag``."""
        return _SUITE.encrypt(secret, hpke.MLKEM768X25519PublicKey(self._ml, self._x), info=info)


class KemPrivateKey:
    """A recipient's private key pair for HPKE ML-KEM-768 + X25519."""

    def __init__(self, ml: mlkem.MLKEM768PrivateKey, xk: x25519.X25519PrivateKey) -> None:
        self._ml = ml
        self._x = xk
        self._hpke = hpke.MLKEM768X25519PrivateKey(ml, xk)

    @classmethod
    def generate(cls) -> KemPrivateKey:
        """A fresh random key pair."""
        return cls(mlkem.MLKEM768PrivateKey.generate(), x25519.X25519PrivateKey.generate())

    @classmethod
    def from_seed(cls, seed: bytes) -> KemPrivateKey:
        """Rebuild from ``mlkem768_seed (64) || x25519_private (32)``."""
        if len(seed) != SEED_LEN:
            raise ValueError("KEM seed must be 96 bytes")
        return cls(
            mlkem.MLKEM768PrivateKey.from_seed_bytes(seed[:64]),
            x25519.X25519PrivateKey.from_private_bytes(seed[64:]),
        )

    def seed(self) -> bytes:
        """The 96 secret bytes from which the key is rebuilt."""
        return self._ml.private_bytes_raw() + self._x.private_bytes_raw()

    def public(self) -> KemPublicKey:
        """The matching public key."""
        return KemPublicKey(self._ml.public_key(), self._x.public_key())

    def unwrap(self, wrapped: bytes, info: bytes) -> bytes:
        """Open an HPKE seal; raises ``cryptography.exceptions.InvalidTag`` or ValueError."""
        return _SUITE.decrypt(wrapped, self._hpke, info=info)
