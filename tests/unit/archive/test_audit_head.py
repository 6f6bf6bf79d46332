"""The catalog remembers the audit log's last line, the closing checkpoint included, so cutting
any tail off the log — even the checkpoint alone — fails verification."""

from __future__ import annotations

from pathlib import Path

from archive._hazmat.kdf import TEST_PARAMS
from digitize.core import Workspace
from digitize.store.vault import AUDIT_FILE

PASS = "mật khẩu kiểm thử"


def test_cutting_the_closing_checkpoint_is_detected(tmp_path: Path) -> None:
    root = tmp_path / "a"
    with Workspace.init(root, PASS, office_code="H47", office_name="UBND",
                        kdf_params=TEST_PARAMS) as ws:
        ws.log("dossier.view", "HS-1")
    log = root / AUDIT_FILE
    lines = log.read_bytes().splitlines(keepends=True)
    assert b'"checkpoint"' in lines[-1]
    with Workspace.open(root, PASS) as ws:
        assert ws.verify().ok
    # opening again added nothing (the last line already is a checkpoint): cut it off
    lines = log.read_bytes().splitlines(keepends=True)
    log.write_bytes(b"".join(lines[:-1]))
    with Workspace.open(root, PASS, readonly=True) as ws:
        report = ws.verify()
    assert not report.ok
    assert any("audit" in rec for rec, _ in report.failures)
