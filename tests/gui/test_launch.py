"""``make run``: ``python -m digitize.devtools.launch`` makes the demo archive, opens the window."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from digitize.core import Workspace
from digitize.session import sign_in

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[2]


def test_make_run_opens_the_window_on_a_demo_archive(tmp_path: Path) -> None:
    home = tmp_path / "kho"
    env = {**os.environ, "DIGITIZE_HOME": str(home), "DIGITIZE_DEMO": "1",
           "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_CACHE_HOME": str(tmp_path / "cache")}
    run = subprocess.run([sys.executable, "-m", "digitize.devtools.launch", "--smoke"], cwd=ROOT,
                         env=env, capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "quantri / demo-quantri-2026" in run.stdout
    assert Workspace.exists(home) and (home / "accounts.json").exists()
    session = sign_in(home, "luutru", "demo-luutru-2026")
    try:
        stored = session.workspace.dossiers(status="stored")
        assert len(stored) == 1 and session.role == "archivist"
    finally:
        session.close()


def test_make_run_without_demo_creates_no_archive(tmp_path: Path) -> None:
    """Headless ``make run`` used to create the real default archive with a demo admin (#24):
    demo data only when asked."""
    home = tmp_path / "kho"
    env = {k: v for k, v in os.environ.items() if k != "DIGITIZE_DEMO"}
    env.update(DIGITIZE_HOME=str(home), QT_QPA_PLATFORM="offscreen",
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_CACHE_HOME=str(tmp_path / "cache"))
    run = subprocess.run([sys.executable, "-m", "digitize.devtools.launch", "--smoke"], cwd=ROOT,
                         env=env, capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    assert not Workspace.exists(home) and not (home / "accounts.json").exists()
    assert "demo" not in run.stdout
