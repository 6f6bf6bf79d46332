"""End to end: pages through ``digitize.pipeline.run.process``, then ``digitize export`` (CLI) to
SeaweedFS and to a folder; the central archive opens the package and finds a valid SIP."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from archive.container import open_container
from archive.export import validate_sip
from archive.export.package import package_files
from archive.export.sip_source import read_all
from archive.keystore import Argon2Params, Keystore, generate_central_keypair, parse_public_bundle
from digitize.core import Workspace
from digitize.pipeline.run import process
from tests.integration.conftest import write_pages
from tests.seaweed import SeaweedServer

pytestmark = pytest.mark.integration

CLI = [sys.executable, "-m", "digitize.cli"]
ROOT = Path(__file__).resolve().parents[2]


def _cli(args: list[str], env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], env=env, capture_output=True, text=True, timeout=300,
                          cwd=ROOT)


def test_processed_dossier_exports_and_opens_at_the_centre(
        tmp_path: Path, archive_env: dict, server: SeaweedServer) -> None:
    with Workspace.open(archive_env["root"], archive_env["passphrase"]) as ws:
        res = process(ws, write_pages(tmp_path / "in", 2, seed=70), title="Hồ sơ xuất thử")
        did = res.dossier_id
        docs = ws.dossier(did).documents
        pdfs = {d.doc_id: ws.read_file(did, f"documents/{d.doc_id}.pdf") for d in docs}
        office_public = ws.keys.public_bundle()
    priv, pub = generate_central_keypair("trung tâm", kdf_params=Argon2Params(8 * 1024, 1, 1))
    (tmp_path / "central.pub").write_bytes(pub)
    env = {**archive_env["env"], **server.env()}
    imp = _cli(["keys", "import-central", str(tmp_path / "central.pub"), "--label", "TT"], env)
    assert imp.returncode == 0, imp.stderr
    server.client().create_bucket(Bucket="luu-tru")

    dry = _cli(["export", "--to", "s3://luu-tru/h47", "--endpoint", server.endpoint,
                "--dry-run", "--json"], env)
    assert dry.returncode == 0, dry.stderr
    plan = json.loads(dry.stdout)
    assert plan["dry_run"] and [i["status"] for i in plan["items"]] == ["would_send"]
    assert not server.client().list_objects_v2(Bucket="luu-tru").get("Contents")

    out = _cli(["export", "--to", "s3://luu-tru/h47", "--endpoint", server.endpoint,
                "--bandwidth", "400", "--json"], env)
    assert out.returncode == 0, out.stderr
    rep = json.loads(out.stdout)
    [item] = rep["items"]
    assert item["status"] == "sent" and item["dossier_id"] == did
    assert item["checksum"].startswith("sha256:")
    blob = server.client().get_object(Bucket="luu-tru", Key=item["object_key"])["Body"].read()

    central = Keystore.from_bytes(priv, "trung tâm")
    oc = open_container(io.BytesIO(blob), central,
                        signer_public=parse_public_bundle(office_public).verifier)
    files = {n: read_all(src) for n, src in package_files(oc).items()}  # under {OBJID}/
    assert validate_sip(files) == []
    for doc_id, pdf in pdfs.items():
        data = files[f"representations/rep1/data/{doc_id}.pdf"]
        assert data == pdf and data.startswith(b"%PDF")
        ead = files[f"representations/rep1/metadata/descriptive/EAD_doc_{doc_id}.xml"].decode()
        assert f"<docId>{doc_id}</docId>" in ead

    # offline office: the same dossier to a removable disk, then the text summary
    usb = tmp_path / "usb"
    usb.mkdir()
    folder = _cli(["export", "--to", usb.as_uri()], env)
    assert folder.returncode == 0, folder.stderr
    assert "Đã gửi và kiểm tra: 1" in folder.stdout
    assert len(list(usb.glob("*.dgz"))) == 1
    again = _cli(["export", "--to", usb.as_uri()], env)
    assert "Đã có trên kho (không gửi lại): 1" in again.stdout
