"""The SeaweedFS server is killed in the middle of a multipart upload: the export resumes
without resending the parts that arrived, and every object is present once and verifies."""

from __future__ import annotations

import hashlib
import io
import json
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from archive.container import verify_outer
from archive.export import QueueState, UploadPolicy, UploadQueue
from archive.keystore import Argon2Params, generate_central_keypair
from digitize.core import Workspace
from digitize.transfer.export import ExportOptions, export
from tests.seaweed import SeaweedServer
from tests.unit.export.fake_dossiers import make_stored_dossier

pytestmark = pytest.mark.integration

MIB = 1 << 20


def _setup(archive_env: dict, server: SeaweedServer) -> tuple[list[str], str]:
    bucket = "so-hoa-" + secrets.token_hex(4)
    server.client().create_bucket(Bucket=bucket)
    with Workspace.open(archive_env["root"], archive_env["passphrase"]) as ws:
        ws.keys.import_central_key(
            generate_central_keypair("c", kdf_params=Argon2Params(8 * 1024, 1, 1))[1], "TT")
        # two documents of 6 MiB: a container of ~12 MiB, three parts of 5 MiB
        ids = [make_stored_dossier(ws, i, n_docs=2, pdf_size=6 * MIB) for i in range(1, 4)]
    return ids, bucket


def _opts(server: SeaweedServer, bucket: str, policy: UploadPolicy) -> ExportOptions:
    return ExportOptions(to=f"s3://{bucket}/kg", endpoint=server.endpoint, policy=policy,
                         access_key=server.access_key, secret_key=server.secret_key)


def _check_bucket(server: SeaweedServer, bucket: str, ws: Workspace, n: int) -> None:
    c = server.client()
    every = [o["Key"] for o in c.list_objects_v2(Bucket=bucket).get("Contents", [])]
    keys = [k for k in every if k.endswith(".dgz")]  # beside them: the audit checkpoints (#24)
    assert len(keys) == len(set(keys)) == n
    assert all(k.rsplit("/", 1)[1].startswith("audit-checkpoint") for k in set(every) - set(keys))
    for key in keys:
        blob = c.get_object(Bucket=bucket, Key=key)["Body"].read()
        assert hashlib.sha256(blob).hexdigest() == key.rsplit("/", 1)[1].removesuffix(".dgz")
        verify_outer(io.BytesIO(blob), ws.keys.verifier(), name=key)
    assert not c.list_multipart_uploads(Bucket=bucket).get("Uploads")


def test_killed_mid_multipart_then_restarted_resumes(archive_env: dict,
                                                     server: SeaweedServer) -> None:
    _, bucket = _setup(archive_env, server)
    policy = UploadPolicy(part_size=5 * MIB, concurrency=1, retries=2, backoff=0.05,
                          max_backoff=0.1)
    sent: list[tuple[int, int]] = []

    def kill_on_second_dossier(entry_id: int, part: int) -> None:
        sent.append((entry_id, part))
        if len({e for e, _ in sent}) == 2 and part == 1:
            server.kill()  # the server dies after the first part of the second dossier

    with Workspace.open(archive_env["root"], archive_env["passphrase"]) as ws:
        rep = export(ws, _opts(server, bucket, policy), on_part=kill_on_second_dossier,
                     objects=1)
        assert rep.error_code == "archive.storage_unreachable"
        ids = [i.dossier_id for i in rep.items]  # the order they are sent in
        assert [i.dossier_id for i in rep.by_status("sent")] == ids[:1]
        assert [i.dossier_id for i in rep.by_status("pending")] == ids[1:]
        target = rep.target
        second = UploadQueue(ws.catalog).find(target, ids[1], 1)
        assert second is not None and second.upload_id and second.state == QueueState.FAILED
        assert list(UploadQueue(ws.catalog).parts(second.id)) == [1]
    first_run = list(sent)
    assert len(first_run) == 4

    server.start()  # back, on the same folder; the program restarts too (new workspace)
    sent.clear()
    with Workspace.open(archive_env["root"], archive_env["passphrase"]) as ws:
        rep = export(ws, _opts(server, bucket, policy), on_part=lambda e, p: sent.append((e, p)),
                     objects=1)
        assert rep.ok, rep.to_dict()
        by_id = {i.dossier_id: i for i in rep.items}
        assert by_id[ids[0]].status == "already_sent"
        assert by_id[ids[1]].status == "sent"
        assert (by_id[ids[1]].parts_resumed, by_id[ids[1]].parts_sent) == (1, 2)
        assert (by_id[ids[2]].parts_resumed, by_id[ids[2]].parts_sent) == (0, 3)
        assert [p for e, p in sent if e == second.id] == [2, 3]  # part 1 was not resent
        assert UploadQueue(ws.catalog).counts(target) == {QueueState.SENT: 3}
        _check_bucket(server, bucket, ws, 3)


def test_connection_lost_and_back_within_one_run(archive_env: dict,
                                                 server: SeaweedServer) -> None:
    ids, bucket = _setup(archive_env, server)
    policy = UploadPolicy(part_size=5 * MIB, concurrency=2, retries=40, backoff=0.5,
                          max_backoff=3.0)
    restarted = threading.Event()
    parts: list[tuple[int, int]] = []

    def drop_link(entry_id: int, part: int) -> None:
        parts.append((entry_id, part))
        if len(parts) == 2 and not restarted.is_set():
            server.kill()
            threading.Thread(target=lambda: (server.start(), restarted.set()),
                             daemon=True).start()

    with Workspace.open(archive_env["root"], archive_env["passphrase"]) as ws:
        rep = export(ws, _opts(server, bucket, policy), on_part=drop_link)
        assert restarted.wait(120)
        assert rep.ok, rep.to_dict()
        assert {i.dossier_id for i in rep.by_status("sent")} == set(ids)
        assert len(parts) == len(set(parts)) == 9  # every part confirmed exactly once
        _check_bucket(server, bucket, ws, 3)


def test_client_killed_mid_upload_resumes_from_the_catalog(archive_env: dict,
                                                           server: SeaweedServer) -> None:
    bucket = "so-hoa-" + secrets.token_hex(4)
    c = server.client()
    c.create_bucket(Bucket=bucket)
    with Workspace.open(archive_env["root"], archive_env["passphrase"]) as ws:
        ws.keys.import_central_key(
            generate_central_keypair("c", kdf_params=Argon2Params(8 * 1024, 1, 1))[1], "TT")
        did = make_stored_dossier(ws, 1, n_docs=2, pdf_size=18 * MIB)  # 5 parts of 8 MiB
    env = {**archive_env["env"], **server.env()}
    argv = [sys.executable, "-m", "digitize.cli", "export", "--to", f"s3://{bucket}/kg",
            "--endpoint", server.endpoint, "--json"]
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.Popen([*argv, "--bandwidth", "40"], env=env, cwd=root,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    upload: dict = {}
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        ups = c.list_multipart_uploads(Bucket=bucket).get("Uploads", [])
        if ups and c.list_parts(Bucket=bucket, Key=ups[0]["Key"],
                                UploadId=ups[0]["UploadId"]).get("Parts"):
            upload = ups[0]
            break
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)  # the office PC loses power mid-upload
    proc.wait()
    assert upload, "no part arrived before the client ended"

    def parts_on_server() -> int:
        return len(c.list_parts(Bucket=bucket, Key=upload["Key"],
                                UploadId=upload["UploadId"]).get("Parts", []))

    # a part whose body had reached the server before the kill may still be committed just
    # after it: count once the server's list has stopped changing
    arrived, same, settle = parts_on_server(), 0, time.monotonic() + 15
    while same < 3 and time.monotonic() < settle:  # the same count for 1.5 s
        time.sleep(0.5)
        now = parts_on_server()
        same = same + 1 if now == arrived else 0
        arrived = now
    assert 1 <= arrived < 5

    out = subprocess.run(argv, env=env, cwd=root, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    [item] = json.loads(out.stdout)["items"]
    assert item["dossier_id"] == did and item["status"] == "sent"
    assert (item["parts_resumed"], item["parts_sent"], item["parts"]) == (arrived,
                                                                           5 - arrived, 5)
    with Workspace.open(archive_env["root"], archive_env["passphrase"]) as ws:
        _check_bucket(server, bucket, ws, 1)
