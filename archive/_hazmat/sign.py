"""Hazmat: hybrid Ed25519 + ML-DSA-65 signatures; both must verify."""

from __future__ import annotations

import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ed25519, mldsa

ED_PUB_LEN = 32
ED_SIG_LEN = 64
MLDSA_PUB_LEN = 1952
MLDSA_SIG_LEN = 3309
PUB_LEN = ED_PUB_LEN + MLDSA_PUB_LEN
SIG_LEN = ED_SIG_LEN + MLDSA_SIG_LEN
SEED_LEN = 64  # Ed25519 private key (32) || ML-DSA-65 seed (32)


def _tbs(context: bytes, message: bytes) -> bytes:
    """The bytes both algorithms sign: ``context || 0x00 || message``."""
    if b"\x00" in context:
        raise ValueError("signature context must not contain NUL")
    return context + b"\x00" + message


class HybridVerifier:
    """Public half of a hybrid signing key: Ed25519 and ML-DSA-65 public keys."""

    def __init__(self, ed: ed25519.Ed25519PublicKey, ml: mldsa.MLDSA65PublicKey) -> None:
        self._ed = ed
        self._ml = ml

    @classmethod
    def from_bytes(cls, data: bytes) -> HybridVerifier:
        """Parse ``ed25519_pub (32) || mldsa65_pub (1952)``; raises ValueError if malformed."""
        if len(data) != PUB_LEN:
            raise ValueError(f"hybrid public key must be {PUB_LEN} bytes, got {len(data)}")
        ed = ed25519.Ed25519PublicKey.from_public_bytes(data[:ED_PUB_LEN])
        ml = mldsa.MLDSA65PublicKey.from_public_bytes(data[ED_PUB_LEN:])
        return cls(ed, ml)

    def to_bytes(self) -> bytes:
        """Serialise as ``ed25519_pub || mldsa65_pub`` (1984 bytes)."""
        return self._ed.public_bytes_raw() + self._ml.public_bytes_raw()

    def key_id(self) -> str:
        """First 8 bytes of SHA-256 of the public key bytes, as 16 hex digits."""
        return hashlib.sha256(self.to_bytes()).hexdigest()[:16]

    def verify(self, signature: bytes, message: bytes, context: bytes) -> bool:
        """True only if both the Ed25519 and the ML-DSA-65 signatures are valid."""
        if len(signature) != SIG_LEN:
            return False
        tbs = _tbs(context, message)
        try:
            self._ed.verify(signature[:ED_SIG_LEN], tbs)
            self._ml.verify(signature[ED_SIG_LEN:], tbs)
        except InvalidSignature:
            return False
        return True

    def verify_ed25519(self, signature: bytes, message: bytes, context: bytes) -> bool:
        """True if an Ed25519-only signature (made by ``sign_ed25519``) is valid."""
        try:
            self._ed.verify(signature, _tbs(context, message))
        except InvalidSignature:
            return False
        return True

    def __eq__(self, other: object) -> bool:
        return isinstance(other, HybridVerifier) and other.to_bytes() == self.to_bytes()

    def __hash__(self) -> int:
        return hash(self.to_bytes())


class HybridSigner:
    """Private hybrid signing key; signatures are ``ed25519_sig (64) || mldsa65_sig (3309)``."""

    def __init__(self, ed: ed25519.Ed25519PrivateKey, ml: mldsa.MLDSA65PrivateKey) -> None:
        self._ed = ed
        self._ml = ml

    @classmethod
    def generate(cls) -> HybridSigner:
        """A fresh random key pair."""
        return cls(ed25519.Ed25519PrivateKey.generate(), mldsa.MLDSA65PrivateKey.generate())

    @classmethod
    def from_seed(cls, seed: bytes) -> HybridSigner:
        """Rebuild from ``ed25519_private (32) || mldsa65_seed (32)``."""
        if len(seed) != SEED_LEN:
            raise ValueError("hybrid signer seed must be 64 bytes")
        return cls(
            ed25519.Ed25519PrivateKey.from_private_bytes(seed[:32]),
            mldsa.MLDSA65PrivateKey.from_seed_bytes(seed[32:]),
        )

    def seed(self) -> bytes:
        """The 64 secret bytes from which the key is rebuilt."""
        return self._ed.private_bytes_raw() + self._ml.private_bytes_raw()

    def public(self) -> HybridVerifier:
        """The matching verifier."""
        return HybridVerifier(self._ed.public_key(), self._ml.public_key())

    def sign(self, message: bytes, context: bytes) -> bytes:
        """Sign ``context || 0x00 || message`` with both algorithms (3373 bytes)."""
        tbs = _tbs(context, message)
        return self._ed.sign(tbs) + self._ml.sign(tbs)

    def sign_ed25519(self, message: bytes, context: bytes) -> bytes:
        """Ed25519-only signature (64 bytes), for high-rate items sealed later by a hybrid one."""
        return self._ed.sign(_tbs(context, message))
