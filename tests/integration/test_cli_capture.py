"""`digitize devices` and `digitize scan` through the real SANE test backend, as a user would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from digitize.core import Workspace
from tests.sane_env import write_sane_config

pytestmark = pytest.mark.integration
CLI = [sys.executable, "-m", "digitize.cli"]


def test_devices_then_scan_20_pages_from_the_feeder(tmp_path: Path, archive_env: dict) -> None:
    cfg = write_sane_config(tmp_path / "sane.d")
    env = {**archive_env["env"], "SANE_CONFIG_DIR": str(cfg)}
    dev = subprocess.run([*CLI, "devices"], env=env, capture_output=True, text=True, timeout=120)
    assert dev.returncode == 0, dev.stderr
    assert "test:0" in dev.stdout
    scan = subprocess.run([*CLI, "scan", "--device", "test:0", "--source", "ADF", "--pages", "20",
                           "--dpi", "100", "--dossier", "HS-QUET-01"],
                          env=env, capture_output=True, text=True, timeout=600)
    assert scan.returncode == 0, scan.stderr
    with Workspace.open(archive_env["root"], archive_env["passphrase"]) as ws:
        d = ws.dossier("HS-QUET-01")
        assert [p.seq for p in d.pages] == list(range(1, 21))
        assert all(p.source == "test:0" for p in d.pages)
        assert len({p.source_index for p in d.pages}) == 20


def test_import_bad_and_good_files_into_a_dossier(tmp_path: Path, archive_env: dict) -> None:
    from tests.integration.conftest import write_pages

    good = write_pages(tmp_path / "in", 2, dpi=150, seed=5)
    (tmp_path / "in" / "rong.png").write_bytes(b"")
    (tmp_path / "in" / "hỏng.jpg").write_bytes(good[0].read_bytes()[:500])
    out = subprocess.run([*CLI, "import", str(tmp_path / "in"), "--dossier", "HS-NHAP-01"],
                         env=archive_env["env"], capture_output=True, text=True, timeout=300)
    assert out.returncode == 1  # some files failed: said, and the rest imported
    assert "rong.png" in out.stderr and "hỏng.jpg" in out.stderr
    assert "2 trang" in out.stdout
