"""A RAM-backed scratch folder for decrypted files handed to other programs (PDF viewer)."""

from __future__ import annotations

import atexit
import contextlib
from pathlib import Path

from digitize.paths import ram_tempdir

__all__ = ["ram_file", "wipe"]

_state: dict[str, object] = {}


def _dir() -> Path:
    if "dir" not in _state:
        cm = ram_tempdir("digitize-view-")
        _state["cm"], _state["dir"] = cm, cm.__enter__()
        atexit.register(wipe)
    return _state["dir"]  # type: ignore[return-value]


def ram_file(name: str, data: bytes) -> Path:
    """Write ``data`` under ``name`` in the RAM folder (wiped at exit) and return its path."""
    path = _dir() / Path(name).name
    path.write_bytes(data)
    path.chmod(0o600)
    return path


def wipe() -> None:
    """Overwrite and remove everything in the RAM folder."""
    cm = _state.pop("cm", None)
    _state.pop("dir", None)
    if cm is not None:
        with contextlib.suppress(OSError):
            cm.__exit__(None, None, None)  # type: ignore[attr-defined]
