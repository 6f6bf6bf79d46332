"""Crash-safe file writes: temporary name in the same folder, fsync, rename, fsync the folder."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

PARTIAL_SUFFIX = ".partial"
_PARTIAL_PREFIX = ".dgz-"

__all__ = ["PARTIAL_SUFFIX", "atomic_write", "cleanup_partials", "fsync_dir", "partial_file"]


def fsync_dir(path: Path) -> None:
    """fsync a folder so that a rename or new entry in it survives a power loss.

    A no-op on Windows, where folders cannot be opened this way (NTFS journals renames).
    """
    if os.name == "nt":
        return
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _partial_name(final_name: str) -> str:
    return f"{_PARTIAL_PREFIX}{secrets.token_hex(6)}-{final_name}{PARTIAL_SUFFIX}"


@contextlib.contextmanager
def partial_file(directory: Path, final_name: str = "tmp") -> Iterator[tuple[Path, BinaryIO]]:
    """Open a new, exclusive temporary file in ``directory`` that ``cleanup_partials`` knows.

    The file is flushed and fsynced when the block ends normally, and removed if the block
    raises. The caller renames or links it into place.

    Yields:
        ``(path, file)`` of the temporary file.
    """
    directory.mkdir(parents=True, exist_ok=True)
    tmp = directory / _partial_name(final_name)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            yield tmp, f
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


def atomic_write(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Replace ``path`` with ``data`` so that readers see either the old or the new file.

    Writes a temporary file in the same folder, fsyncs it, renames it over ``path`` and
    fsyncs the folder. After a crash, ``cleanup_partials`` removes the temporary file.

    Args:
        path: Destination file.
        data: The whole content, or an iterable of chunks (streamed, never joined).
    """
    path = Path(path)
    chunks = [data] if isinstance(data, bytes | bytearray | memoryview) else data
    with partial_file(path.parent, path.name) as (tmp, f):
        for chunk in chunks:
            f.write(chunk)
    tmp.replace(path)
    fsync_dir(path.parent)


def cleanup_partials(root: Path) -> list[Path]:
    """Remove what interrupted writes left under ``root`` (recursively).

    Only files named by this module (``.dgz-*.partial``) are touched.

    Returns:
        The removed paths.
    """
    removed: list[Path] = []
    root = Path(root)
    if not root.exists():
        return removed
    for p in sorted(root.rglob(f"{_PARTIAL_PREFIX}*{PARTIAL_SUFFIX}")):
        if p.is_file() and not p.is_symlink():
            with contextlib.suppress(FileNotFoundError):
                p.unlink()
                removed.append(p)
    for d in {p.parent for p in removed}:
        fsync_dir(d)
    return removed
