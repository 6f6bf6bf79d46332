"""File contents of a SIP: bytes in memory, a file of an open container (``StoredFile``, hashed
by its signed manifest, copied a segment at a time), or streams read twice (hash, then write)."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import BinaryIO, Union

from archive.export.stored import StoredFile

__all__ = ["ChunkStream", "Source", "digest", "open_source", "read_all"]

#: What a file of a package can be: its bytes, a file of an open container, a seekable binary
#: stream (read from its start each time), or a function that opens a fresh binary stream.
Source = Union[bytes, StoredFile, BinaryIO, Callable[[], BinaryIO]]  # noqa: UP007 (runtime alias)
_CHUNK = 1 << 20


@contextmanager
def open_source(src: Source) -> Iterator[BinaryIO]:
    """A binary stream positioned at the start of ``src``."""
    if isinstance(src, bytes | bytearray | memoryview):
        yield io.BytesIO(bytes(src))
    elif isinstance(src, StoredFile):
        yield ChunkStream(iter(src))  # type: ignore[misc]
    elif callable(src) and not hasattr(src, "read"):
        fh = src()
        try:
            yield fh
        finally:
            fh.close()
    else:
        src.seek(0)  # type: ignore[union-attr]
        yield src  # type: ignore[misc]


def digest(src: Source) -> tuple[str, int]:
    """SHA-256 (upper-case hex) and size of ``src``, streaming."""
    if isinstance(src, bytes):
        return hashlib.sha256(src).hexdigest().upper(), len(src)
    if isinstance(src, StoredFile):  # the signed manifest's; checked again as it is copied
        return src.sha256.upper(), src.size
    h, n = hashlib.sha256(), 0
    with open_source(src) as fh:
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
            n += len(chunk)
    return h.hexdigest().upper(), n


def read_all(src: Source) -> bytes:
    """The whole content of ``src`` (for XML files and small packages)."""
    if isinstance(src, bytes):
        return src
    if isinstance(src, StoredFile):
        return b"".join(src)
    with open_source(src) as fh:
        return fh.read()


class ChunkStream(io.RawIOBase):
    """A read-only binary stream over an iterator of byte chunks (e.g. a container file)."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._it = chunks
        self._buf = b""

    def readable(self) -> bool:
        return True

    def readinto(self, b: bytearray | memoryview) -> int:  # type: ignore[override]
        while not self._buf:
            try:
                self._buf = next(self._it)
            except StopIteration:
                return 0
        n = min(len(b), len(self._buf))
        b[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n
