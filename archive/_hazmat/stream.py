"""Hazmat: segmented AES-256-GCM (STREAM: nonce = prefix || counter || last-segment flag)."""

from __future__ import annotations

import struct
from collections.abc import Callable, Sequence
from typing import overload

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY_LEN = 32
PREFIX_LEN = 7
TAG_LEN = 16
MAX_SEGMENT = 1 << 20
MAX_SEGMENTS = 1 << 32


class SegmentError(Exception):
    """A segment failed authentication (wrong key, tampered, reordered, truncated)."""


def segment_nonce(prefix: bytes, index: int, last: bool) -> bytes:
    """The 12-byte nonce ``prefix (7) || index (u32 big-endian) || last (0x01/0x00)``."""
    if len(prefix) != PREFIX_LEN or not 0 <= index < MAX_SEGMENTS:
        raise ValueError("bad nonce prefix or segment index")
    return prefix + struct.pack(">I", index) + (b"\x01" if last else b"\x00")


class SegmentCipher:
    """Encrypts or decrypts one container's segments under its content key."""

    def __init__(self, key: bytes, prefix: bytes, aad: bytes) -> None:
        if len(key) != KEY_LEN:
            raise ValueError("content key must be 32 bytes")
        self._aead = AESGCM(key)
        self._prefix = prefix
        self._aad = aad

    def seal(self, index: int, plaintext: bytes, last: bool) -> bytes:
        """Encrypt segment ``index``; output is ciphertext || 16-byte tag."""
        return self._aead.encrypt(segment_nonce(self._prefix, index, last), plaintext, self._aad)

    def open(self, index: int, ciphertext: bytes, last: bool) -> bytes:
        """Decrypt segment ``index``; raises SegmentError if it does not authenticate."""
        try:
            return self._aead.decrypt(
                segment_nonce(self._prefix, index, last), ciphertext, self._aad
            )
        except InvalidTag as e:
            raise SegmentError(f"segment {index} does not authenticate") from e


class SegmentTable(Sequence[tuple[int, int]]):
    """(offset, length) of each ciphertext segment, computed on demand (no per-segment list)."""

    def __init__(self, base: int, count: int, full: int, last: int) -> None:
        self.base, self.count, self.full, self.last = base, count, full, last

    def __len__(self) -> int:
        return self.count

    @overload
    def __getitem__(self, i: int) -> tuple[int, int]: ...

    @overload
    def __getitem__(self, i: slice) -> list[tuple[int, int]]: ...

    def __getitem__(self, i: int | slice) -> tuple[int, int] | list[tuple[int, int]]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self.count))]
        if i < 0:
            i += self.count
        if not 0 <= i < self.count:
            raise IndexError(i)
        return self.base + i * self.full, self.full if i < self.count - 1 else self.last


def segment_layout(ct_len: int, segment_size: int, base: int = 0) -> SegmentTable:
    """Split ``ct_len`` ciphertext bytes (starting at ``base``) into segments.

    Every segment but the last carries ``segment_size`` plaintext bytes; the last carries
    1..segment_size bytes. Raises ValueError if ``ct_len`` fits no such layout.
    """
    full = segment_size + TAG_LEN
    if ct_len <= TAG_LEN:
        raise ValueError("ciphertext too short")
    n = -(-ct_len // full)
    last = ct_len - (n - 1) * full
    if not TAG_LEN < last <= full or n > MAX_SEGMENTS:
        raise ValueError("ciphertext length fits no segment layout")
    return SegmentTable(base, n, full, last)


class SegmentWriter:
    """Cuts the plaintext stream into segments; the last one is flagged."""

    def __init__(self, cipher: SegmentCipher, write: Callable[[bytes], None], size: int) -> None:
        self.cipher, self.write, self.size = cipher, write, size
        self.buf = bytearray()
        self.index = 0
        self.ct_len = 0
        self.offset = 0  # plaintext bytes fed so far

    def feed(self, data: bytes) -> None:
        """Add plaintext; full segments are sealed and written at once."""
        self.buf += data
        self.offset += len(data)
        while len(self.buf) > self.size:
            self._emit(bytes(self.buf[: self.size]), last=False)
            del self.buf[: self.size]

    def finish(self) -> None:
        """Seal and write the remaining bytes as the last segment."""
        self._emit(bytes(self.buf), last=True)
        self.buf.clear()

    def _emit(self, plain: bytes, last: bool) -> None:
        ct = self.cipher.seal(self.index, plain, last)
        self.write(ct)
        self.ct_len += len(ct)
        self.index += 1
