"""``rebuild-catalog`` reads format-1 dossier containers, reports a damaged container and keeps
one container per version; fast (synthetic dossiers, no OCR)."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive._hazmat.kdf import TEST_PARAMS
from archive.keystore import Keystore
from digitize.core import Workspace
from digitize.recovery.rebuild import rebuild_catalog
from tests.unit.export.fake_dossiers import make_stored_dossier

pytestmark = pytest.mark.integration
PW = "mật khẩu định dạng 1"


def _archive(root: Path, n: int) -> list[str]:
    with Workspace.init(root, PW, office_code="H47.01", office_name="UBND xã Mỹ Lâm",
                        kdf_params=TEST_PARAMS) as ws:
        return [make_stored_dossier(ws, i + 1) for i in range(n)]


def _drop_catalog(root: Path) -> None:
    for name in ("catalog.db", "catalog.db-wal", "catalog.db-shm"):
        (root / name).unlink(missing_ok=True)


def test_format_1_containers_are_rebuilt_and_the_gaps_are_said(tmp_path: Path) -> None:
    root = tmp_path / "kho"
    dids = _archive(root, 2)
    with Workspace.open(root, PW) as ws:
        before = {d.id: (d.title, d.file_code, [x.doc_id for x in ws.dossier(d.id).documents])
                  for d in ws.dossiers()}
    _drop_catalog(root)
    report = rebuild_catalog(root, Keystore.unlock(root / "keystore.json", PW))
    assert (report.dossiers, report.versions, report.documents) == (2, 2, 4)
    assert sorted(report.v1_dossiers) == sorted(dids) and not report.failed
    assert any("format 1" in s for s in report.not_recovered)
    with Workspace.open(root, PW) as ws:
        after = {d.id: (d.title, d.file_code, [x.doc_id for x in ws.dossier(d.id).documents])
                 for d in ws.dossiers()}
        assert after == before
        assert ws.catalog.get_setting("dossier_counter.2025") == 2
        report_v = ws.verify()
        assert report_v.ok, report_v.failures


def test_a_damaged_container_is_reported_not_rebuilt(tmp_path: Path) -> None:
    root = tmp_path / "kho"
    dids = _archive(root, 2)
    with Workspace.open(root, PW, readonly=True) as ws:
        victim = ws.dossier(dids[0]).container_id
        path = ws.store.path(victim)
    path.chmod(0o644)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x40
    path.write_bytes(bytes(data))
    _drop_catalog(root)
    report = rebuild_catalog(root, Keystore.unlock(root / "keystore.json", PW))
    assert report.dossiers == 1 and [c for c, _ in report.failed] == [victim]
    with Workspace.open(root, PW) as ws:
        assert [d.id for d in ws.dossiers()] == [dids[1]]
        assert ws.quarantined  # the damaged file is moved to orphans/, not deleted
        assert ws.verify().ok


def test_two_containers_for_one_version_keep_one_and_report_the_other(tmp_path: Path) -> None:
    from archive.container import open_container, write_container

    root = tmp_path / "kho"
    [did] = _archive(root, 1)
    with Workspace.open(root, PW) as ws:  # an interrupted re-seal left a second version 1
        cid = ws.dossier(did).container_id
        with ws.store.open(cid) as fh:
            oc = open_container(fh, ws.keys, signer_public=ws.keys.verifier(), name=cid)
            files = [(n, oc.read(n)) for n in oc.names()]
            meta = oc.metadata
        ws.store.put(lambda out: write_container(out, files, metadata=meta,
                                                 recipients=ws.keys.recipients(),
                                                 signer=ws.keys.signer()))
    _drop_catalog(root)
    report = rebuild_catalog(root, Keystore.unlock(root / "keystore.json", PW))
    assert (report.dossiers, report.versions) == (1, 1)
    assert len(report.skipped) == 1 and "version 1" in report.skipped[0][1]
    with Workspace.open(root, PW) as ws:
        assert len(ws.quarantined) == 1 and ws.verify().ok
