"""Where things live: the default archive folder and the RAM-backed scratch folder."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import platformdirs

__all__ = ["default_archive_dir", "ram_tempdir"]

APP_NAME = "digitize"


def default_archive_dir() -> Path:
    """``$DIGITIZE_HOME`` if set, else the platform's user data folder."""
    env = os.environ.get("DIGITIZE_HOME")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "archive"


def _ram_root() -> Path:
    for cand in (os.environ.get("DIGITIZE_RAMDIR"), "/dev/shm", os.environ.get("XDG_RUNTIME_DIR")):
        if cand and Path(cand).is_dir() and os.access(cand, os.W_OK):
            return Path(cand)
    return Path(tempfile.gettempdir())  # last resort (e.g. Windows); see docs/security.md


@contextlib.contextmanager
def ram_tempdir(prefix: str = "digitize-") -> Iterator[Path]:
    """A private scratch folder in RAM (``/dev/shm``), wiped and removed on exit."""
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
