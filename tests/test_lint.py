"""The whole repository passes `ruff check` with the rules chosen in pyproject.toml."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _ruff() -> str:
    """The ruff executable beside this interpreter, else the one on PATH."""
    beside = Path(sys.executable).with_name("ruff")
    if beside.exists():
        return str(beside)
    found = shutil.which("ruff")
    assert found, ("ruff is not installed: it is in the `dev` extra of pyproject.toml, which "
                   "`make test` installs (or: .venv/bin/pip install -e '.[dev]')")
    return found


def test_ruff_check_passes() -> None:
    proc = subprocess.run([_ruff(), "check", "--no-cache", "--output-format", "concise", "."],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, f"ruff check found problems:\n{proc.stdout}{proc.stderr}"
