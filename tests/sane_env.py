"""A project-local SANE configuration enabling only the `test` backend, for tests and demos.

SANE reads ``SANE_CONFIG_DIR`` when it is initialised. ``digitize.capture.scanner`` initialises
SANE once per process and re-initialises it when that variable changes (no device open), so a
test sets the variable (``sane_config`` fixture) before it scans. Tests that must not share
the process-wide SANE state run scanning in a child process with :func:`run_sane_script`.

The test backend (``man sane-test``) offers: ``source`` Flatbed / Automatic Document Feeder
(the feeder is "empty" after 10 scans, then refilled), ``mode`` Gray / Color, ``depth``
1 / 8 / 16, ``resolution`` 1..1200, ``test-picture`` (Solid black, Solid white, Color pattern,
Grid), ``read-return-value`` (SANE_STATUS_JAMMED, _COVER_OPEN, _DEVICE_BUSY, _IO_ERROR,
_NO_DOCS, _ACCESS_DENIED ...) and geometry ``tl-x``/``tl-y``/``br-x``/``br-y`` up to 200 mm.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: test.conf defaults we write (the backend's own defaults otherwise).
TEST_CONF = {
    "number_of_devices": "2",
    "mode": "Gray",
    "depth": "8",
    "resolution": "75.0",
    "test-picture": '"Grid"',
    "read-return-value": '"Default"',
    "br_x": "200.0",
    "br_y": "200.0",
}


def write_sane_config(directory: Path, **overrides: object) -> Path:
    """Write ``dll.conf`` (only ``test``) and ``test.conf`` into ``directory``.

    Args:
        directory: Where to write (created if missing).
        **overrides: test.conf keys (``_`` in names stays; use the file's own spelling).

    Returns:
        ``directory``, to put in ``SANE_CONFIG_DIR``.
    """
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "dll.conf").write_text("test\n", encoding="ascii")
    conf = {**TEST_CONF, **{k: str(v) for k, v in overrides.items()}}
    (directory / "test.conf").write_text(
        "".join(f"{k} {v}\n" for k, v in conf.items()), encoding="ascii")
    return directory


@pytest.fixture
def sane_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A project-local SANE config in ``tmp_path``; ``SANE_CONFIG_DIR`` points at it."""
    directory = write_sane_config(tmp_path / "sane.d")
    monkeypatch.setenv("SANE_CONFIG_DIR", str(directory))
    yield directory


def run_sane_script(code: str, config_dir: Path, *, timeout: float = 120.0,
                    ) -> subprocess.CompletedProcess[str]:
    """Run Python ``code`` in a child process with ``SANE_CONFIG_DIR=config_dir``.

    The child imports the project from the checkout; its stdout/stderr are returned as text.
    """
    env = {**os.environ, "SANE_CONFIG_DIR": str(config_dir),
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=timeout, check=False, cwd=str(ROOT))
