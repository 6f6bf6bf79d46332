"""Where a backup goes: a folder, or an S3 bucket under a prefix (the same layout in both).

A destination stores files by relative POSIX name, says whether one is already there (the
containers are content-addressed: same name, same bytes) and puts a finished snapshot in place.
Both check what they wrote: the folder reads it back and hashes it, S3 compares the server's
SHA-256 checksum (or downloads and hashes when the server keeps none).
"""

from __future__ import annotations

import hashlib
import io
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from archive.errors import TamperedError
from archive.export import parse_target
from archive.export.queue import PartRecord
from archive.export.targets import Expected
from archive.fsutil import atomic_write, cleanup_partials, fsync_dir
from digitize.errors import FileSystemFault

__all__ = ["Destination", "FolderDest", "S3Dest", "copy_verified", "file_digest",
           "open_destination"]

_CHUNK = 1 << 20
#: Part size of S3 uploads (S3 wants at least 5 MiB for every part but the last).
PART_SIZE = 8 << 20


def file_digest(path: Path, limit: int | None = None) -> tuple[str, int]:
    """SHA-256 (hex) and size of a file (of its first ``limit`` bytes), read in 1 MiB chunks."""
    h, n = hashlib.sha256(), 0
    for chunk in _chunks(Path(path), limit):
        h.update(chunk)
        n += len(chunk)
    return h.hexdigest(), n


def _chunks(path: Path, limit: int | None = None, size: int = _CHUNK) -> Iterator[bytes]:
    left = limit
    with path.open("rb") as f:
        while left is None or left > 0:
            chunk = f.read(size if left is None else min(size, left))
            if not chunk:
                return
            if left is not None:
                left -= len(chunk)
            yield chunk


def copy_verified(src: Path, dest: Path, expect: str | None = None,
                  limit: int | None = None) -> tuple[str, int]:
    """Copy ``src`` (its first ``limit`` bytes) to ``dest`` crash-safely (temporary name, fsync,
    rename), read it back and check its SHA-256 (against ``expect`` when given).

    Raises:
        TamperedError: ``src`` does not hash to ``expect``. FileSystemFault: the copy reads back
            differently.
    """
    h = hashlib.sha256()

    def chunks() -> Iterator[bytes]:
        for c in _chunks(src, limit):
            h.update(c)
            yield c

    dest.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(dest, chunks())
    digest, size = file_digest(dest)
    if expect is not None and h.hexdigest() != expect:
        dest.unlink(missing_ok=True)
        raise TamperedError(f"{src}: content does not match its SHA-256 {expect[:16]}…")
    if digest != h.hexdigest():
        dest.unlink(missing_ok=True)
        raise FileSystemFault(f"{dest}: đọc lại không khớp / read back differs")
    return digest, size


class Destination(Protocol):
    """A backup destination."""

    url: str

    def size(self, rel: str) -> int | None:
        """The size of the stored file ``rel``, or None."""
        ...

    def put(self, rel: str, src: Path, expect: str) -> int:
        """Store ``src`` as ``rel`` and check it against SHA-256 ``expect``; returns its size."""
        ...

    def staging(self, stamp: str) -> Any:
        """A context manager giving a local folder in which the snapshot is assembled."""
        ...

    def publish(self, part: Path, stamp: str) -> None:
        """Put the assembled snapshot in place as ``snapshots/<stamp>/`` and point ``LATEST``
        at it (last, so an interrupted publish leaves the previous snapshot current)."""
        ...


class FolderDest:
    """A folder (removable drive, network share)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.url = str(self.root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.removed = len(cleanup_partials(self.root))  # what a killed run left
        for d in (self.root / "snapshots").glob(".*.partial"):
            shutil.rmtree(d, ignore_errors=True)
            self.removed += 1

    def size(self, rel: str) -> int | None:
        """The size of ``rel``, or None."""
        p = self.root / rel
        return p.stat().st_size if p.is_file() else None

    def put(self, rel: str, src: Path, expect: str) -> int:
        """Copy, read back, check."""
        return copy_verified(src, self.root / rel, expect=expect)[1]

    @contextmanager
    def staging(self, stamp: str) -> Iterator[Path]:
        """``snapshots/.<stamp>.partial`` inside the backup folder (renamed by publish)."""
        part = self.root / "snapshots" / f".{stamp}.partial"
        part.mkdir(parents=True)
        try:
            yield part
        finally:
            shutil.rmtree(part, ignore_errors=True)  # gone already when published

    def publish(self, part: Path, stamp: str) -> None:
        """Rename the folder, then move LATEST."""
        fsync_dir(part)
        part.rename(self.root / "snapshots" / stamp)
        fsync_dir(self.root / "snapshots")
        atomic_write(self.root / "LATEST", stamp.encode() + b"\n")


class S3Dest:
    """An S3-compatible bucket under a prefix (``s3://bucket/prefix``)."""

    def __init__(self, url: str, *, endpoint: str | None = None, access_key: str | None = None,
                 secret_key: str | None = None) -> None:
        self.target: Any = parse_target(url, endpoint=endpoint, access_key=access_key,
                                        secret_key=secret_key)
        self.url = self.target.url
        self.removed = 0
        self.target.check()

    def _key(self, rel: str) -> str:
        prefix = self.target.prefix
        return f"{prefix}/{rel}" if prefix else rel

    def size(self, rel: str) -> int | None:
        """The stored object's size, or None."""
        obj = self.target.head(self._key(rel))
        return obj.size if obj is not None else None

    def _upload(self, key: str, src: Path) -> tuple[str, int]:
        whole, parts = hashlib.sha256(), []
        upload = self.target.begin(key, {})
        for n, chunk in enumerate(_chunks(src, size=PART_SIZE), 1):
            whole.update(chunk)
            digest = hashlib.sha256(chunk).digest()
            etag = self.target.put_part(key, upload, n, io.BytesIO(chunk), len(chunk), digest)
            parts.append(PartRecord(n, len(chunk), etag, digest.hex()))
        if not parts:  # an empty file: one empty part
            digest = hashlib.sha256(b"").digest()
            etag = self.target.put_part(key, upload, 1, io.BytesIO(b""), 0, digest)
            parts.append(PartRecord(1, 0, etag, digest.hex()))
        self.target.complete(key, upload, parts)
        size = sum(p.size for p in parts)
        self.target.verify(key, Expected(size, whole.hexdigest(), tuple(parts)))
        return whole.hexdigest(), size

    def put(self, rel: str, src: Path, expect: str) -> int:
        """Upload in parts, each checked by the server; then compare the object's checksum."""
        digest, size = self._upload(self._key(rel), src)
        if digest != expect:
            raise TamperedError(f"{src}: content does not match its SHA-256 {expect[:16]}…")
        return size

    @contextmanager
    def staging(self, stamp: str) -> Iterator[Path]:
        """A local temporary folder (the catalog copy in it is encrypted), removed after."""
        d = Path(tempfile.mkdtemp(prefix=f"digitize-backup-{stamp}-"))
        try:
            yield d
        finally:
            shutil.rmtree(d, ignore_errors=True)

    def publish(self, part: Path, stamp: str) -> None:
        """Upload every snapshot file (manifest last), then LATEST."""
        names = sorted(p.name for p in part.iterdir() if p.name != "manifest.json")
        for name in [*names, "manifest.json"]:
            self._upload(self._key(f"snapshots/{stamp}/{name}"), part / name)
        latest = part / "LATEST"
        latest.write_bytes(stamp.encode() + b"\n")
        self._upload(self._key("LATEST"), latest)


def open_destination(to: str, *, endpoint: str | None = None, access_key: str | None = None,
                     secret_key: str | None = None) -> FolderDest | S3Dest:
    """``s3://bucket/prefix`` (with the endpoint and credentials) or a folder path."""
    if to.startswith("s3://"):
        return S3Dest(to, endpoint=endpoint, access_key=access_key, secret_key=secret_key)
    if to.startswith("file://"):
        return FolderDest(Path(to[len("file://"):]))
    return FolderDest(Path(to))
