"""Where things live: the default archive folder and the RAM-backed scratch folder."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import platformdirs

from digitize.errors import NoRamFolder

__all__ = ["default_archive_dir", "ram_tempdir"]

APP_NAME = "digitize"


def default_archive_dir() -> Path:
    """``$DIGITIZE_HOME`` if set, else the platform's user data folder."""
    env = os.environ.get("DIGITIZE_HOME")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "archive"


def _in_memory(path: Path) -> bool:
    """Whether ``path`` lies on a memory file system (tmpfs, ramfs), from /proc/mounts."""
    try:
        mounts = Path("/proc/mounts").read_text(encoding="utf-8").splitlines()
    except OSError:
        return False
    real, best, fstype = str(path.resolve()), "", ""
    for line in mounts:
        parts = line.split()
        if len(parts) > 2 and (real == parts[1] or real.startswith(parts[1].rstrip("/") + "/")) \
                and len(parts[1]) >= len(best):
            best, fstype = parts[1], parts[2]
    return fstype in ("tmpfs", "ramfs")


def _ram_root() -> Path:
    """A RAM-backed folder: ``$DIGITIZE_RAMDIR`` (set by the admin, e.g. a RAM drive on
    Windows), else ``/dev/shm`` or ``$XDG_RUNTIME_DIR`` if they are memory file systems.

    Raises:
        NoRamFolder: none; record content is then never written to a disk temp folder.
    """
    configured = os.environ.get("DIGITIZE_RAMDIR")
    if configured and Path(configured).is_dir() and os.access(configured, os.W_OK):
        return Path(configured)
    for cand in ("/dev/shm", os.environ.get("XDG_RUNTIME_DIR")):
        if cand and Path(cand).is_dir() and os.access(cand, os.W_OK) and _in_memory(Path(cand)):
            return Path(cand)
    raise NoRamFolder(f"{tempfile.gettempdir()} is on disk; set DIGITIZE_RAMDIR")


@contextlib.contextmanager
def ram_tempdir(prefix: str = "digitize-") -> Iterator[Path]:
    """A private scratch folder in RAM (``/dev/shm``), wiped and removed on exit.

    Raises:
        NoRamFolder: no RAM-backed folder (never a disk temp folder instead).
    """
    path = Path(tempfile.mkdtemp(prefix=prefix, dir=_ram_root()))
    try:
        yield path
    finally:
        for f in path.rglob("*"):
            if f.is_file():
                with contextlib.suppress(OSError):
                    size = f.stat().st_size
                    with f.open("r+b") as fh:
                        fh.write(b"\0" * size)
        shutil.rmtree(path, ignore_errors=True)
