"""Each check of ``receive`` rejects with its own rule and stores nothing; a failed download is
retried by the next run (#21)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from archive._hazmat.kdf import TEST_PARAMS
from archive.container import write_container
from archive.errors import StorageUnreachable
from archive.export import inbox as inbox_mod
from archive.export.sip import SipDocument, build_sip
from archive.office_keys import import_office_key
from digitize.core import Workspace
from digitize.errors import ReceiveDisabledOffline
from digitize.transfer.export import ExportOptions, export
from digitize.transfer.receive import receive
from digitize.transfer.sip_fields import SIP_FIELDS
from tests.integration.offices import PASS, make_office, text_pdf

pytestmark = pytest.mark.integration


def _setup(tmp_path: Path) -> tuple[Path, Path, list[str]]:
    with Workspace.init(tmp_path / "centre", PASS, office_code="TW", office_name="Trung tâm",
                        kdf_params=TEST_PARAMS) as ws:
        central_pub = ws.keys.public_bundle()
    inbox = tmp_path / "inbox"
    pub, _, pkgs = make_office(tmp_path / "a", "H47.01", "UBND tỉnh Kiên Giang", central_pub,
                               [[["Quyết định giao đất"]], [["Công văn đôn đốc"]]],
                               inbox.as_uri())
    with Workspace.open(tmp_path / "centre", PASS) as ws:
        import_office_key(ws.catalog, pub, "Kiên Giang")
    return tmp_path / "centre", inbox, pkgs


def _forge(office: Path, inbox: Path, *, code: str, break_mptr: bool,
           objid: str = "") -> str:
    """A package the office really signs, with a wrong office code or a broken SIP."""
    docs = [SipDocument({"docId": "H47.01.2025.09.1", "numberOfPage": 1},
                        text_pdf(["Văn bản giả"], "x"))]
    sip = build_sip({"fileCode": "H47.01.2025.09", "title": "Giả", "numberOfPaper": 1},
                    docs, fields=SIP_FIELDS, office_code=code, office_name="x", seed="forged")
    files = dict(sip.files)
    if break_mptr:
        files["METS.xml"] = files["METS.xml"].replace(b"<mets:mptr", b"<mets:fptr")
    with Workspace.open(office, PASS) as ws:
        meta = {"format": "digitize-sip/2", "objid": objid or sip.objid, "dossier": "forged",
                "version": 1, "office": {"code": code, "name": "x"}, "root": sip.objid + "/"}
        path = inbox / "forged.tmp"
        with path.open("wb") as out:
            info = write_container(out, [(sip.objid + "/" + n, b) for n, b in files.items()],
                                   metadata=meta, recipients=ws.keys.recipients(),
                                   signer=ws.keys.signer())
    path.rename(inbox / f"{info.id}.dgz")
    return info.id


def test_each_rule_rejects_and_stores_nothing(tmp_path: Path) -> None:
    centre, inbox, pkgs = _setup(tmp_path)
    code = _forge(tmp_path / "a", inbox, code="H49.02", break_mptr=False)
    sip = _forge(tmp_path / "a", inbox, code="H47.01", break_mptr=True)
    other = _forge(tmp_path / "a", inbox, code="H47.01", break_mptr=False, objid="uuid-X")
    wrong_name = "ab" * 32
    shutil.copy(inbox / f"{pkgs[1]}.dgz", inbox / f"{wrong_name}.dgz")
    (inbox / f"{pkgs[1]}.dgz").unlink()
    with Workspace.open(centre, PASS) as ws:
        rep = receive(ws, inbox.as_uri())
        rules = {i.package_id: i.rule for i in rep.items if i.status == "rejected"}
        assert rules == {code: "OFFICE-CODE", sip: "CSIP109", wrong_name: "TRANSPORT",
                         other: "FORMAT"}
        assert rep.count("accepted") == 1 and len(ws.store.ids()) == 1
        assert ws.catalog.one("SELECT count(*) AS n FROM dossiers")["n"] == 1
        assert ws.verify().ok


def test_a_failed_download_is_received_by_the_next_run(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    centre, inbox, pkgs = _setup(tmp_path)
    real = inbox_mod._FolderInbox.fetch

    def flaky(self: object, obj: inbox_mod.PackageObject, out: object) -> None:
        if obj.id == pkgs[0]:
            out.write(b"half a package")  # type: ignore[attr-defined]
            raise StorageUnreachable("network gone")
        real(self, obj, out)  # type: ignore[arg-type]

    with Workspace.open(centre, PASS) as ws:
        monkeypatch.setattr(inbox_mod._FolderInbox, "fetch", flaky)
        first = receive(ws, inbox.as_uri())
        assert (first.count("accepted"), first.count("failed")) == (1, 1)
        assert not list((centre / "inbox").iterdir())  # the half download is gone
        monkeypatch.setattr(inbox_mod._FolderInbox, "fetch", real)
        (centre / "inbox" / "stale.part").write_bytes(b"left by a killed run")
        second = receive(ws, inbox.as_uri())
        assert (second.count("accepted"), second.count("duplicate")) == (1, 1)
        assert not list((centre / "inbox").iterdir())
        assert len(ws.store.ids()) == 2 and ws.verify().ok


def test_the_same_dossier_version_exported_again_is_stored_once(tmp_path: Path) -> None:
    centre, inbox, pkgs = _setup(tmp_path)
    with Workspace.open(tmp_path / "a", PASS) as office:  # a second target: new bytes
        rep = export(office, ExportOptions(to=(tmp_path / "inbox2").as_uri()))
        again = [i.package_id for i in rep.items]
    assert len(again) == 2 and not set(again) & set(pkgs)
    with Workspace.open(centre, PASS) as ws:
        assert receive(ws, inbox.as_uri()).count("accepted") == 2
        rep2 = receive(ws, (tmp_path / "inbox2").as_uri())
        assert (rep2.count("accepted"), rep2.count("duplicate")) == (0, 2)
        assert len(ws.store.ids()) == 2


def test_verify_at_the_centre_catches_edited_received_rows(tmp_path: Path) -> None:
    centre, inbox, _ = _setup(tmp_path)
    with Workspace.open(centre, PASS) as ws:
        receive(ws, inbox.as_uri())
        assert ws.verify().ok  # office signatures and SIPs of received packages
        doc = ws.catalog.one("SELECT doc_id, meta FROM documents LIMIT 1")
        meta = {**json.loads(doc["meta"]), "subject": "trích yếu đã bị sửa"}
        ws.catalog.execute("UPDATE documents SET meta = ? WHERE doc_id = ?",
                           (json.dumps(meta, ensure_ascii=False), doc["doc_id"]))
        report = ws.verify()
        assert not report.ok
        assert any("was changed" in reason for _, reason in report.failures)
        # and the PDF is readable at the centre (signed by the office, not the centre)
        did = ws.catalog.one("SELECT dossier_id FROM documents WHERE doc_id = ?",
                             (doc["doc_id"],))["dossier_id"]
        root = ws.catalog.one("SELECT manifest FROM containers WHERE dossier_id = ?", (did,))
        objid = json.loads(root["manifest"])["metadata"]["objid"]
        pdf = ws.read_file(did, f"{objid}/representations/rep1/data/{doc['doc_id']}.pdf")
        assert pdf.startswith(b"%PDF")


def test_a_clash_with_a_stored_document_fails_that_package_only(tmp_path: Path) -> None:
    centre, inbox, _ = _setup(tmp_path)
    with Workspace.open(centre, PASS) as ws:
        central_pub = ws.keys.public_bundle()
    # a second office that uses the same code (same docIds): its first package clashes
    pub, _, pkgs = make_office(tmp_path / "b", "H47.01", "Cơ quan trùng mã", central_pub,
                               [[["Văn bản trùng mã"]]], (tmp_path / "inbox2").as_uri())
    with Workspace.open(centre, PASS) as ws:
        import_office_key(ws.catalog, pub, "Trùng mã")
        assert receive(ws, inbox.as_uri()).count("accepted") == 2
        rep = receive(ws, (tmp_path / "inbox2").as_uri())
        [item] = rep.items
        assert item.status == "failed" and item.rule.startswith("archive.")
        assert ws.catalog.one("SELECT count(*) AS n FROM dossiers")["n"] == 2
        assert not ws.store.has(pkgs[0]) and len(ws.store.ids()) == 2
        assert ws.verify().ok


def test_offline_workstation_receives_from_media_only(tmp_path: Path) -> None:
    centre, inbox, _ = _setup(tmp_path)
    with Workspace.open(centre, PASS) as ws:
        ws.catalog.set_setting("offline_mode", True)
        with pytest.raises(ReceiveDisabledOffline):
            receive(ws, "s3://luu-tru/h47", endpoint="http://127.0.0.1:1")
        assert receive(ws, inbox.as_uri()).count("accepted") == 2
