"""``digitize dossier set``: a digitized dossier gets its paperFileCode (TT 05: required when
confidenceLevel=02) as a new version, and its next SIP carries it (#21)."""

from __future__ import annotations

import json

import pytest

from digitize.cli import main
from digitize.store.rows import dossier_row
from digitize.transfer.export import _sip_files
from digitize.workspace import Workspace
from tests.unit.export.fake_dossiers import make_stored_dossier

pytestmark = pytest.mark.integration


def test_set_paper_file_code_then_export(archive_env: dict, capsys: pytest.CaptureFixture
                                         ) -> None:
    root, pw = archive_env["root"], archive_env["passphrase"]
    with Workspace.open(root, pw) as ws:
        did = make_stored_dossier(ws, 1)
        sip, _ = _sip_files(ws, dossier_row(ws.catalog, did))
        assert any("paperFileCode" in w for w in sip.warnings)
    assert main(["dossier", "set", did, "paperFileCode=H47.K1.12", "numberOfPaper=3"]) == 0
    assert main(["dossier", "set", did, "paperFileCode=không hợp lệ"]) != 0  # refused
    assert main(["dossier", "set", did, "fileCode=X.2025.1"]) != 0
    capsys.readouterr()
    with Workspace.open(root, pw) as ws:
        row = dossier_row(ws.catalog, did)
        assert row["version"] == 2
        assert json.loads(row["meta"])["paperFileCode"] == "H47.K1.12"
        sip, _ = _sip_files(ws, row)
        assert not any("paperFileCode" in w or "numberOfPaper" in w for w in sip.warnings)
        assert b"<paperFileCode>H47.K1.12</paperFileCode>" in sip.files[
            "metadata/descriptive/EAD.xml"]
        assert b"<numberOfPaper>3</numberOfPaper>" in sip.files["metadata/descriptive/EAD.xml"]
        assert ws.verify().ok  # the revision is a proper new version
