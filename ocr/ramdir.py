"""A private, RAM-backed working folder (under /dev/shm) that is overwritten and removed on exit."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

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

    Falls back to the system temp folder only when /dev/shm does not exist (non-Linux);
    callers that write record content should then keep it in memory instead.

    Args:
        prefix: Folder name prefix.

    Yields:
        The folder path.
    """
    root = RAM_ROOT if RAM_ROOT.is_dir() else None
    path = Path(tempfile.mkdtemp(prefix=prefix, dir=root))
    try:
        yield path
    finally:
        wipe_tree(path)
