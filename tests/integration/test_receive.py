"""The central archive receives a batch from two offices (#21): signatures checked, decrypted
with the central key, SIPs validated, dossiers searchable and verifiable; a tampered package and
one from an unknown office are rejected with their rule and leave nothing behind."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from archive._hazmat.kdf import TEST_PARAMS
from archive.office_keys import import_office_key
from digitize.core import Workspace
from digitize.store.search_index import search
from digitize.transfer.export import ExportOptions, export
from digitize.transfer.receive import receive, unpack
from tests import eark
from tests.integration.offices import PASS, make_office
from tests.seaweed import SeaweedServer

pytestmark = pytest.mark.integration
CENTRE_PASS = "mật khẩu trung tâm"
ROOT = Path(__file__).resolve().parents[2]


def _centre(root: Path) -> bytes:
    with Workspace.init(root, CENTRE_PASS, office_code="TW", office_name="Trung tâm Lưu trữ",
                        kdf_params=TEST_PARAMS) as ws:
        return ws.keys.public_bundle()


def _tamper(inbox: Path, victim: Path) -> str:
    """Flip one byte of a package and store it under the hash of its new bytes (so the
    transport check passes and the signature check must catch it); the original goes."""
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0x01
    new = hashlib.sha256(data).hexdigest()
    (inbox / f"{new}.dgz").write_bytes(bytes(data))
    victim.unlink()
    return new


def test_two_offices_one_batch(tmp_path: Path) -> None:
    central_pub = _centre(tmp_path / "centre")
    inbox = tmp_path / "inbox"  # does not exist yet: export makes it
    url = inbox.as_uri()
    a_pub, a_ids, a_pkgs = make_office(tmp_path / "a", "H47.01", "UBND tỉnh Kiên Giang",
                                       central_pub, [
        [["Quyết định về việc thành lập hội đồng thẩm định kinh phí", "trang hai cá sấu"]],
        [["Kế hoạch phòng chống bão lụt năm 2025"], ["Báo cáo tổng kết"]],
        [["Thông báo lịch họp giao ban tháng sáu"]]], url)
    b_pub, b_ids, b_pkgs = make_office(tmp_path / "b", "H49.02", "Sở Nội vụ Cà Mau", central_pub, [
        [["Quyết định bổ nhiệm cán bộ phòng tổ chức", "hội đồng thẩm định nhân sự"]],
        [["Công văn về việc tuyển dụng viên chức"]]], url)
    make_office(tmp_path / "c", "H50.03", "Cơ quan chưa đăng ký", central_pub,
                [[["Tài liệu của cơ quan lạ"]]], url)
    tampered = _tamper(inbox, inbox / f"{b_pkgs[0]}.dgz")

    with Workspace.open(tmp_path / "centre", CENTRE_PASS) as ws:
        fa = import_office_key(ws.catalog, a_pub, "UBND Kiên Giang")
        import_office_key(ws.catalog, b_pub, "Sở Nội vụ Cà Mau")
        assert import_office_key(ws.catalog, a_pub, "UBND Kiên Giang") == fa  # idempotent
        rep = receive(ws, url, workers=2)
        print("\n" + rep.render())
        print(f"time per page: {1000 * rep.seconds / max(rep.pages, 1):.1f} ms "
              f"({rep.pages} pages, {rep.count('accepted')} packages, {rep.seconds:.2f} s)")
        assert (rep.count("accepted"), rep.count("rejected"), rep.count("failed")) == (4, 2, 0)
        assert rep.pages == 6
        rejected = {i.package_id: i.rule for i in rep.items if i.status == "rejected"}
        assert rejected[tampered] == "SIGNATURE"
        assert sorted(rejected.values()) == ["OFFICE-KEY", "SIGNATURE"]
        # nothing of the tampered or unknown packages stayed: no dossier, container, file
        b_lost = f"H49.02.{b_ids[0]}"
        assert ws.catalog.one("SELECT 1 FROM dossiers WHERE id = ?", (b_lost,)) is None
        assert not ws.store.has(tampered) and len(ws.store.ids()) == 4
        assert not list((tmp_path / "centre" / "inbox").iterdir())
        # search across both offices
        hits = search(ws.catalog, "hội đồng thẩm định", limit=10)
        assert {h.dossier_id.split(".")[0] for h in hits.hits} == {"H47"}  # B's is rejected
        both = search(ws.catalog, "quyết định", limit=10)
        assert {h.dossier_id[:6] for h in both.hits} == {"H47.01", "H49.02"}
        assert search(ws.catalog, "viên chức").hits[0].dossier_id == f"H49.02.{b_ids[1]}"
        assert search(ws.catalog, "cá sấu").hits[0].page_seq == 2
        # verifiable at the centre: office signatures, SIPs, catalog rows
        report = ws.verify()
        assert report.ok, report.failures
        # the receiving report is in the audit log, with the rules that failed
        [entry] = [e for e in ws.audit.entries() if e.action == "receive.report"]
        assert (entry.details["accepted"], entry.details["rejected"]) == (4, 2)
        rules = {e.record: e.details["rule"] for e in ws.audit.entries()
                 if e.action == "receive.reject" and e.details["batch"] == rep.started}
        assert rules == {k[:16]: v for k, v in rejected.items()}

        again = receive(ws, url)  # idempotent: a second run stores nothing twice
        assert again.count("accepted") == 0 and again.count("duplicate") == 4
        assert len(ws.store.ids()) == 4
        n = ws.catalog.one("SELECT count(*) AS n FROM pages")["n"]
        assert n == 6

        # the plain TT 05 transfer ZIP of a received dossier, for another archive system
        zpath = unpack(ws, f"H47.01.{a_ids[1]}", tmp_path / "zip")
        # or a package file as it came (e.g. on a disk), checked as receive checks it
        raw = unpack(ws, inbox / f"{a_pkgs[1]}.dgz", tmp_path / "zip2")
        assert raw.name == zpath.name and raw.read_bytes() == zpath.read_bytes()
    objid = zpath.name[5:-4]
    names = zipfile.ZipFile(zpath).namelist()
    assert zpath.name.startswith("0000") and {n.split("/")[0] for n in names} == {objid}
    if eark.EARK_DIR.is_dir():  # the exported package through the E-ARK validator
        zipfile.ZipFile(zpath).extractall(tmp_path / "unzipped")
        ours = eark.run_validator(tmp_path / "unzipped" / objid)
        control = eark.run_validator(eark.control_package(tmp_path / "control"))
        extra = set(eark.errors(ours)) - set(eark.errors(control)) - set(eark.KNOWN_NOISE)
        assert not extra, eark.summary(ours)


def test_receive_from_seaweedfs_and_cli(tmp_path: Path, server: SeaweedServer,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    central_pub = _centre(tmp_path / "centre")
    server.client().create_bucket(Bucket="luu-tru")
    for k, v in server.env().items():  # the S3 credentials, for the office's export
        monkeypatch.setenv(k, v)
    pub, ids, _ = make_office(tmp_path / "a", "H47.01", "UBND tỉnh Kiên Giang", central_pub,
                           [[["Quyết định giao đất"]]], tmp_path.joinpath("usb").as_uri())
    with Workspace.open(tmp_path / "a", PASS) as ws:
        rep = export(ws, ExportOptions(to="s3://luu-tru/h47", endpoint=server.endpoint))
        assert [i.status for i in rep.items] == ["sent"]
    (tmp_path / "a.pub").write_bytes(pub)
    env = {**os.environ, **server.env(), "DIGITIZE_HOME": str(tmp_path / "centre"),
           "DIGITIZE_PASSPHRASE": CENTRE_PASS}

    def cli(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "digitize.cli", *args], env=env, cwd=ROOT,
                              capture_output=True, text=True, timeout=300)

    imp = cli("keys", "import-office", str(tmp_path / "a.pub"), "--label", "Kiên Giang")
    assert imp.returncode == 0, imp.stderr
    fp = json.loads(pub)["fingerprint"]
    assert fp in imp.stdout
    assert fp in cli("keys", "show").stdout
    out = cli("receive", "--from", "s3://luu-tru/h47", "--endpoint", server.endpoint, "--json")
    assert out.returncode == 0, out.stderr
    rep = json.loads(out.stdout)
    assert rep["counts"] == {"accepted": 1, "duplicate": 0, "rejected": 0, "failed": 0}
    found = cli("search", "giao đất", "--json")
    assert f"H47.01.{ids[0]}" in found.stdout
    z = cli("unpack", f"H47.01.{ids[0]}", "-o", str(tmp_path / "out"))
    assert z.returncode == 0, z.stderr
    assert Path(z.stdout.strip()).is_file()
