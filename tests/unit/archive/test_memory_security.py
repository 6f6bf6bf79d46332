"""SQLCipher's memory security: on for the offline (state-secret) workstation and on demand."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]

_PROBE = """
import sys
from pathlib import Path
from archive._hazmat.kdf import TEST_PARAMS
from digitize.core import Workspace
root = Path(sys.argv[1])
with Workspace.init(root, "mật khẩu kiểm thử", office_code="H", office_name="U",
                    kdf_params=TEST_PARAMS) as ws:
    if sys.argv[2] == "offline":
        ws.catalog.set_setting("offline_mode", True)
with Workspace.open(root, "mật khẩu kiểm thử") as ws:
    print(ws.catalog.conn.execute("PRAGMA cipher_memory_security").fetchone()[0])
"""


def _probe(tmp: Path, mode: str, env: dict[str, str] | None = None) -> str:
    out = subprocess.run([sys.executable, "-c", _PROBE, str(tmp / mode), mode], cwd=REPO,
                         env={**os.environ, **(env or {})}, capture_output=True, text=True,
                         check=True)
    return out.stdout.strip()


def test_on_for_the_offline_workstation_off_elsewhere_unless_asked(tmp_path: Path) -> None:
    assert _probe(tmp_path, "offline") == "1"
    assert _probe(tmp_path, "online") == "0"
    assert _probe(tmp_path, "forced", {"DIGITIZE_MEMORY_SECURITY": "1"}) == "1"
