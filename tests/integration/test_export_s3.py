"""Export to a real SeaweedFS S3 server on 127.0.0.1: batch, central decryption, secrecy,
refused connections, bad credentials and a missing bucket."""

from __future__ import annotations

import hashlib
import io
import json
import os
import secrets
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from archive.container import open_container, verify_outer
from archive.errors import NotARecipient, StorageIntegrityError, StorageUnreachable
from archive.export import (
    PartRecord,
    QueueState,
    UploadPolicy,
    UploadQueue,
    parse_target,
    validate_sip,
)
from archive.export.package import package_files
from archive.export.sip_source import read_all
from archive.export.targets import Expected
from archive.keystore import Argon2Params, Keystore, generate_central_keypair, parse_public_bundle
from digitize.core import Workspace
from digitize.errors import UploadDisabledOffline
from digitize.transfer.export import ExportOptions, export, queue_status
from tests.seaweed import SeaweedServer
from tests.unit.export.fake_dossiers import make_stored_dossier

pytestmark = pytest.mark.integration

FAST_KDF = Argon2Params(8 * 1024, 1, 1)
CENTRAL_PASS = "kho trung tâm"
FAST = UploadPolicy(part_size=5 << 20, concurrency=2, retries=2, backoff=0.05, max_backoff=0.1)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SeaweedServer]:
    srv = SeaweedServer(tmp_path_factory.mktemp("weed"))
    srv.start()
    yield srv
    srv.kill()


@pytest.fixture
def bucket(server: SeaweedServer) -> str:
    name = "so-hoa-" + secrets.token_hex(4)
    server.client().create_bucket(Bucket=name)
    return name


@pytest.fixture
def central() -> tuple[bytes, bytes]:
    """The central archive's key pair: (private bundle, public bundle)."""
    return generate_central_keypair(CENTRAL_PASS, kdf_params=FAST_KDF)


@pytest.fixture
def ws(workspace: Workspace, central: tuple[bytes, bytes]) -> Workspace:
    workspace.keys.import_central_key(central[1], "Trung tâm lưu trữ tỉnh")
    return workspace


def _opts(server: SeaweedServer, bucket: str, **kw: object) -> ExportOptions:
    base = {"to": f"s3://{bucket}/kien-giang", "endpoint": server.endpoint,
            "access_key": server.access_key, "secret_key": server.secret_key, "policy": FAST}
    base.update(kw)
    return ExportOptions(**base)  # type: ignore[arg-type]


def _objects(server: SeaweedServer, bucket: str) -> dict[str, bytes]:
    c = server.client()
    keys = [o["Key"] for o in c.list_objects_v2(Bucket=bucket).get("Contents", [])]
    # packages only: beside them each export writes the audit log's signed head (#24)
    return {k: c.get_object(Bucket=bucket, Key=k)["Body"].read() for k in keys
            if k.endswith(".dgz")}


def test_batch_uploads_verifies_and_excludes_secrets(ws: Workspace, server: SeaweedServer,
                                                     bucket: str) -> None:
    ids = [make_stored_dossier(ws, i) for i in range(1, 4)]
    secret = make_stored_dossier(ws, 7, secrecy="MẬT")
    doc_secret = make_stored_dossier(ws, 8, doc_secrecy="TỐI MẬT")

    dry = export(ws, _opts(server, bucket, dry_run=True))
    assert {i.dossier_id for i in dry.by_status("would_send")} == set(ids)
    assert {(i.dossier_id, i.reason) for i in dry.by_status("excluded")} == {
        (secret, "secrecy"), (doc_secret, "secrecy")}
    assert _objects(server, bucket) == {}

    events: list = []
    rep = export(ws, _opts(server, bucket), progress=events.append)
    assert rep.ok, rep.to_dict()
    assert {i.dossier_id for i in rep.by_status("sent")} == set(ids)
    assert [(e.done, e.total) for e in events if e.stage == "package"] == [(1, 3), (2, 3),
                                                                            (3, 3)]
    assert [(e.done, e.total) for e in events if e.stage == "upload"][-1] == (3, 3)
    objs = _objects(server, bucket)
    cp = server.client().get_object(Bucket=bucket, Key="kien-giang/audit-checkpoint.json")
    assert json.loads(cp["Body"].read())["seq"] > 0  # the audit log's signed head (#24)
    assert sorted(objs) == sorted(i.object_key for i in rep.by_status("sent"))
    for key, blob in objs.items():
        assert key.startswith("kien-giang/") and key.endswith(".dgz")
        verify_outer(io.BytesIO(blob), ws.keys.verifier(), name=key)
    queue = UploadQueue(ws.catalog)
    assert queue.counts(rep.target) == {QueueState.SENT: 3, QueueState.EXCLUDED: 2}
    assert all(e.checksum and e.checksum.startswith("sha256:")
               for e in queue.entries(rep.target, (QueueState.SENT,)))

    assert not list((ws.root / "outbox").rglob("*.dgz"))  # sent copies are not kept
    again = export(ws, _opts(server, bucket))
    assert {i.dossier_id for i in again.by_status("already_sent")} == set(ids)
    assert not again.by_status("sent")
    assert sorted(_objects(server, bucket)) == sorted(objs)  # nothing duplicated
    log = list(ws.audit.entries())
    sent = [e for e in log if e.action == "export.sent"]
    assert {e.record for e in sent} == set(ids) and len(sent) == 6
    assert {e.record for e in log if e.action == "export.excluded"} == {secret, doc_secret}
    assert all(set(e.details) <= {"version", "package", "size", "checksum", "key", "resent"}
               for e in sent)


def test_central_archive_verifies_with_public_keys_and_decrypts(
        ws: Workspace, server: SeaweedServer, bucket: str, central: tuple[bytes, bytes]) -> None:
    did = make_stored_dossier(ws, 5, n_docs=3)
    rep = export(ws, _opts(server, bucket))
    assert rep.ok
    office_public = ws.keys.public_bundle()
    originals = {d.doc_id: ws.read_file(did, f"documents/{d.doc_id}.pdf")
                 for d in ws.dossier(did).documents}
    [(key, blob)] = _objects(server, bucket).items()

    # the storage operator: public keys only, no private key anywhere
    verifier = parse_public_bundle(office_public).verifier
    verify_outer(io.BytesIO(blob), verifier, name=key)
    tampered = bytearray(blob)
    tampered[len(blob) // 2] ^= 1
    with pytest.raises(Exception, match="(?i)tamper|signature|corrupt"):
        verify_outer(io.BytesIO(bytes(tampered)), verifier, name=key)
    other_central = Keystore.from_bytes(
        generate_central_keypair("x", kdf_params=FAST_KDF)[0], "x")
    with pytest.raises(NotARecipient):
        open_container(io.BytesIO(blob), other_central, signer_public=verifier, name=key)

    # the central archive: its private key opens it, in a separate keystore
    central_ks = Keystore.from_bytes(central[0], CENTRAL_PASS)
    oc = open_container(io.BytesIO(blob), central_ks, signer_public=verifier, name=key)
    files = {n: read_all(src) for n, src in package_files(oc).items()}  # under {OBJID}/
    assert validate_sip(files) == []
    for doc_id, pdf in originals.items():
        assert files[f"representations/rep1/data/{doc_id}.pdf"] == pdf
    ead = files["metadata/descriptive/EAD.xml"].decode()
    assert "<fileCode>H47.01.2025.05</fileCode>" in ead and "<totalDoc>3</totalDoc>" in ead
    assert oc.metadata["dossier"] == did


def _dead_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def test_refused_connection_keeps_the_queue_then_sends(ws: Workspace, server: SeaweedServer,
                                                       bucket: str) -> None:
    ids = [make_stored_dossier(ws, i) for i in (11, 12)]
    dead = f"http://127.0.0.1:{_dead_port()}"
    rep = export(ws, _opts(server, bucket, endpoint=dead))
    assert rep.error_code == "archive.storage_unreachable"
    assert isinstance(rep.cause, StorageUnreachable)
    assert "Không kết nối được" in rep.error and "Cannot connect" in rep.error
    assert {i.dossier_id for i in rep.by_status("pending")} == set(ids)
    queue = UploadQueue(ws.catalog)
    assert queue.counts(rep.target) == {QueueState.QUEUED: 2}

    waiting = queue_status(ws, rep.target)
    assert sorted((q["dossier_id"], q["state"]) for q in waiting) == sorted(
        (i, "queued") for i in ids)
    rep2 = export(ws, _opts(server, bucket))  # the link is back
    assert rep2.ok and {i.dossier_id for i in rep2.by_status("sent")} == set(ids)
    assert queue.counts(rep.target) == {QueueState.SENT: 2}
    assert all(q["state"] == "sent" and q["checksum"] for q in queue_status(ws, rep.target))


def test_bad_credentials_and_missing_bucket_are_clear(ws: Workspace, server: SeaweedServer,
                                                      bucket: str) -> None:
    make_stored_dossier(ws, 21)
    rep = export(ws, _opts(server, bucket, secret_key="sai-mat-khau"))
    assert rep.error_code == "archive.storage_auth"
    assert "từ chối thông tin đăng nhập" in rep.error
    rep = export(ws, _opts(server, bucket, to="s3://khong-co-bucket-nay/x"))
    assert rep.error_code == "archive.storage_bucket_missing"
    assert "khong-co-bucket-nay" in rep.error
    assert UploadQueue(ws.catalog).counts(f"s3://{bucket}/kien-giang") == {QueueState.QUEUED: 1}


def test_cli_refused_connection_message_and_exit_code(archive_env: dict, central: tuple,
                                                      tmp_path: Path) -> None:
    with Workspace.open(archive_env["root"], archive_env["passphrase"]) as w:
        w.keys.import_central_key(central[1], "Trung tâm")
        make_stored_dossier(w, 31)
    env = {**archive_env["env"], "AWS_ACCESS_KEY_ID": "x", "AWS_SECRET_ACCESS_KEY": "y"}
    argv = [sys.executable, "-m", "digitize.cli", "export", "--to", "s3://so-hoa/kg",
            "--endpoint", f"http://127.0.0.1:{_dead_port()}"]
    r = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=300,
                       cwd=Path(__file__).resolve().parents[2])
    assert r.returncode == 1, r.stderr
    assert "Không kết nối được tới kho lưu trữ trung tâm" in r.stderr
    assert "Hàng đợi được giữ nguyên" in r.stderr
    assert "Còn chờ trong hàng đợi: 1" in r.stdout
    dry = subprocess.run([*argv, "--dry-run", "--json"], env=env, capture_output=True,
                         text=True, timeout=300, cwd=Path(__file__).resolve().parents[2])
    assert dry.returncode == 0, dry.stderr
    assert '"would_send": 1' in dry.stdout
    assert os.environ.get("DIGITIZE_HOME") == str(archive_env["root"])


def test_verify_reads_back_an_object_without_server_checksum(server: SeaweedServer,
                                                             bucket: str) -> None:
    target = parse_target(f"s3://{bucket}/x", endpoint=server.endpoint,
                          access_key=server.access_key, secret_key=server.secret_key)
    data = os.urandom(3000)
    server.client().put_object(Bucket=bucket, Key="x/plain", Body=data)  # another tool
    sha = hashlib.sha256(data).hexdigest()
    parts = (PartRecord(1, 3000, "e", sha),)
    assert target.verify("x/plain", Expected(3000, sha, parts)) == f"sha256:{sha}"
    with pytest.raises(StorageIntegrityError):
        target.verify("x/plain", Expected(3000, "0" * 64, parts))
    with pytest.raises(StorageIntegrityError):
        target.verify("x/missing", Expected(3000, sha, parts))


def test_offline_workstation_exports_only_to_removable_media(ws: Workspace, tmp_path: Path,
                                                             server: SeaweedServer,
                                                             bucket: str) -> None:
    ws.catalog.set_setting("offline_mode", True)
    make_stored_dossier(ws, 41)
    secret = make_stored_dossier(ws, 42, secrecy="TUYỆT MẬT")
    with pytest.raises(UploadDisabledOffline):
        export(ws, _opts(server, bucket))
    with pytest.raises(UploadDisabledOffline):
        export(ws, _opts(server, bucket, dry_run=True))
    usb = tmp_path / "usb"
    usb.mkdir()
    rep = export(ws, ExportOptions(to=usb.as_uri()))
    assert rep.ok and len(rep.by_status("sent")) == 1
    assert [(i.dossier_id, i.reason) for i in rep.by_status("excluded")] == [(secret, "secrecy")]
    assert len(list(usb.glob("*.dgz"))) == 1


def test_secrecy_only_in_the_sealed_metadata_is_still_excluded(ws: Workspace, tmp_path: Path
                                                               ) -> None:
    did = make_stored_dossier(ws, 51, doc_secrecy="MẬT")
    # the catalog copy of the document metadata lost its mark; the sealed container has it
    ws.catalog.execute("UPDATE documents SET meta = json_remove(meta, '$.secrecy') "
                       "WHERE dossier_id = ?", (did,))
    usb = tmp_path / "usb"
    usb.mkdir()
    rep = export(ws, ExportOptions(to=usb.as_uri()))
    assert [(i.dossier_id, i.status, i.reason) for i in rep.items] == [
        (did, "excluded", "secrecy")]
    assert not list(usb.glob("*.dgz"))
    assert UploadQueue(ws.catalog).counts(rep.target) == {QueueState.EXCLUDED: 1}
