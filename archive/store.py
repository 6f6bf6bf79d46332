"""Append-only, content-addressed container files: ``containers/ab/<sha256>.dgz``."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from archive.container import ContainerInfo, KeyHolder, Trusted, open_container, verify_outer
from archive.errors import ArchiveError, RecordNotFound, TamperedError
from archive.fsutil import cleanup_partials, fsync_dir, partial_file

__all__ = ["ContainerStore"]

_ID = re.compile(r"^[0-9a-f]{64}$")
_CHUNK = 1 << 20


class _HashingWriter:
    """A write-only stream that hashes what passes through it."""

    def __init__(self, f: BinaryIO) -> None:
        self._f = f
        self._h = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> int:
        self._f.write(data)
        self._h.update(data)
        self.size += len(data)
        return len(data)

    def hexdigest(self) -> str:
        return self._h.hexdigest()


class ContainerStore:
    """Containers on disk, named by the SHA-256 of their bytes; never overwritten.

    A container becomes visible under its final name only once it is completely written and
    fsynced (temporary file, fsync, hard link, fsync of the folder).
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.dir = self.root / "containers"

    def path(self, id: str) -> Path:
        """Where container ``id`` lives (whether or not it exists)."""
        if not _ID.match(id):
            raise RecordNotFound(id)
        return self.dir / id[:2] / f"{id}.dgz"

    def put(self, write_fn: Callable[[BinaryIO], ContainerInfo]) -> ContainerInfo:
        """Store the container that ``write_fn(out)`` writes; returns its info once durable.

        ``write_fn`` is typically ``lambda out: write_container(out, files, ...)``.

        Raises:
            ArchiveError: the written bytes do not match the id ``write_fn`` reported.
        """
        if not self.dir.exists():
            self.dir.mkdir(parents=True)
            fsync_dir(self.root)
        with partial_file(self.dir, "container.dgz") as (tmp, f):
            hw = _HashingWriter(f)
            info = write_fn(hw)  # type: ignore[arg-type]
            if hw.hexdigest() != info.id or hw.size != info.size:
                raise ArchiveError("container bytes do not match their reported id")
        try:
            tmp.chmod(0o444)
            final = self.path(info.id)
            new_dir = not final.parent.exists()
            final.parent.mkdir(parents=True, exist_ok=True)
            if new_dir:
                fsync_dir(self.dir)
            self._publish(tmp, final)
            fsync_dir(final.parent)
        finally:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
        fsync_dir(self.dir)
        return info

    @staticmethod
    def _publish(tmp: Path, final: Path) -> None:
        """Give ``tmp`` its final name without ever replacing an existing file."""
        try:
            os.link(tmp, final)
        except FileExistsError:
            return  # same content address: the very same bytes are already stored
        except OSError as e:  # file systems without hard links (FAT on removable media)
            if e.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
                raise
            if final.exists():
                return
            tmp.rename(final)

    def has(self, id: str) -> bool:
        """True if container ``id`` is stored."""
        return bool(_ID.match(id)) and self.path(id).is_file()

    def open(self, id: str) -> BinaryIO:
        """Open container ``id`` for reading (binary, seekable).

        Raises:
            RecordNotFound: no such container.
        """
        try:
            return self.path(id).open("rb")
        except FileNotFoundError as e:
            raise RecordNotFound(id) from e

    def ids(self) -> list[str]:
        """Ids of all stored containers, sorted."""
        if not self.dir.exists():
            return []
        return sorted(p.stem for p in self.dir.glob("??/*.dgz") if _ID.match(p.stem))

    def verify(
        self, id: str, signer_public: Trusted, *, keys: KeyHolder | None = None
    ) -> None:
        """Check container ``id``: its bytes hash to its name, its outer signature, and (with
        ``keys``) its inner signature and every file's SHA-256.

        Raises:
            TamperedError: naming the container. RecordNotFound: no such container.
        """
        with self.open(id) as f:
            h = hashlib.sha256()
            while chunk := f.read(_CHUNK):
                h.update(chunk)
            if h.hexdigest() != id:
                raise TamperedError(
                    f"container {id}: content does not match its name", container=id
                )
            verify_outer(f, signer_public, name=id)
            if keys is not None:
                open_container(f, keys, signer_public=signer_public, name=id)

    def recover(self) -> list[Path]:
        """Remove what interrupted writes left behind; call at start-up. Returns what went."""
        return cleanup_partials(self.dir)
