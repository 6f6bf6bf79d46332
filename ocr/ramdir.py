"""A private, RAM-backed working folder (under /dev/shm) that is overwritten and removed on exit."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ocr.errors import RamFolderMissing

__all__ = ["RAM_ROOT", "ram_dir", "wipe_tree"]

#: Where RAM-backed folders are made (tmpfs on Linux).
RAM_ROOT = Path("/dev/shm")


def wipe_tree(path: Path) -> None:
    """Overwrite every regular file under ``path`` with zeros, then remove the tree.

    Args:
        path: Folder to destroy; missing folders are ignored.
    """
    if not path.exists():
        return
    for root, _dirs, files in os.walk(path):
        for name in files:
            p = Path(root, name)
            with contextlib.suppress(OSError):
                if p.is_file() and not p.is_symlink():
                    size = p.stat().st_size
                    with p.open("r+b") as fh:
                        fh.write(b"\0" * size)
    shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def ram_dir(prefix: str = "digitize-ocr-") -> Iterator[Path]:
    """Yield a fresh mode-0700 folder in RAM and wipe it afterwards.

    ``$DIGITIZE_RAMDIR`` (a RAM drive the admin set up) comes first; without it or /dev/shm
    the call fails (:class:`~ocr.errors.RamFolderMissing`), never using a disk temp folder.

    Args:
        prefix: Folder name prefix.

    Yields:
        The folder path.
    """
    configured = os.environ.get("DIGITIZE_RAMDIR")
    root = Path(configured) if configured and Path(configured).is_dir() else RAM_ROOT
    if not root.is_dir():  # never the disk temp folder: page images are record content (#24)
        raise RamFolderMissing()
    path = Path(tempfile.mkdtemp(prefix=prefix, dir=root))
    try:
        yield path
    finally:
        wipe_tree(path)
