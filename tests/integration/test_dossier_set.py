"""``digitize dossier set``: a digitized dossier gets its paperFileCode (TT 05: required when
confidenceLevel=02) as a new version, and its next SIP carries it (#21)."""

from __future__ import annotations

import json

import pytest

from archive.container import open_container
from digitize.cli import main
from digitize.core import Workspace
from digitize.store.rows import dossier_row
from digitize.transfer.export import _sip
from tests.unit.export.fake_dossiers import make_stored_dossier

pytestmark = pytest.mark.integration


def _sip_of(ws: Workspace, did: str):  # noqa: ANN202 - the SIP as the export builds it
    row = dossier_row(ws.catalog, did)
    with ws.store.open(row["container_id"]) as fh:
        oc = open_container(fh, ws.keys, signer_public=ws.keys.verifier())
        sip, _ = _sip(ws, row, oc)
        return sip, {n: b for n, b in sip.files.items() if n.endswith(".xml")}


def test_set_paper_file_code_then_export(archive_env: dict, capsys: pytest.CaptureFixture
                                         ) -> None:
    root, pw = archive_env["root"], archive_env["passphrase"]
    with Workspace.open(root, pw) as ws:
        did = make_stored_dossier(ws, 1)
        sip, _ = _sip_of(ws, did)
        assert any("paperFileCode" in w for w in sip.warnings)
    assert main(["dossier", "set", did, "paperFileCode=H47.K1.12", "numberOfPaper=3"]) == 0
    assert main(["dossier", "set", did, "paperFileCode=không hợp lệ"]) != 0  # refused
    assert main(["dossier", "set", did, "fileCode=X.2025.1"]) != 0
    capsys.readouterr()
    with Workspace.open(root, pw) as ws:
        row = dossier_row(ws.catalog, did)
        assert row["version"] == 2
        assert json.loads(row["meta"])["paperFileCode"] == "H47.K1.12"
        sip, xml = _sip_of(ws, did)
        assert not any("paperFileCode" in w or "numberOfPaper" in w for w in sip.warnings)
        assert b"<paperFileCode>H47.K1.12</paperFileCode>" in xml["metadata/descriptive/EAD.xml"]
        assert b"<numberOfPaper>3</numberOfPaper>" in xml["metadata/descriptive/EAD.xml"]
        assert ws.verify().ok  # the revision is a proper new version
