"""A package damaged on its way to a folder target: the post-upload check catches it, the
dossier stays queued, and the next export replaces the damaged copy instead of failing forever."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from archive._hazmat.kdf import TEST_PARAMS
from archive.export.targets import FolderTarget
from archive.keystore import generate_central_keypair
from digitize.cli import main
from digitize.pipeline.run import process
from tests.integration.conftest import write_pages

pytestmark = pytest.mark.integration


def test_damaged_copy_on_the_target_is_detected_then_healed(
        workspace, tmp_path: Path, capsys: pytest.CaptureFixture,
        monkeypatch: pytest.MonkeyPatch) -> None:
    workspace.keys.import_central_key(
        generate_central_keypair("trung tâm 2026", kdf_params=TEST_PARAMS)[1], "Trung tâm")
    did = process(workspace, write_pages(tmp_path / "in", 1, dpi=150, seed=51),
                  title="Hồ sơ gửi đi", jobs=1).dossier_id
    workspace.close()
    dest = tmp_path / "central"
    dest.mkdir()
    url = f"file://{dest}"

    complete = FolderTarget.complete

    def damaging(self: FolderTarget, key: str, upload_id: str, parts: list) -> None:
        complete(self, key, upload_id, parts)
        path = self.root / key  # a flaky disk or share flips a byte after the write
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0x01
        path.write_bytes(bytes(data))

    monkeypatch.setattr(FolderTarget, "complete", damaging)
    assert main(["export", "--to", url, "--json"]) == 1
    cap = capsys.readouterr()
    item = next(i for i in json.loads(cap.out)["items"] if i["dossier_id"] == did)
    assert item["status"] == "failed" and item["error_code"] == "archive.storage_integrity"
    assert "Traceback" not in cap.err

    monkeypatch.setattr(FolderTarget, "complete", complete)
    assert main(["export", "--to", url, "--json"]) == 0, capsys.readouterr().err
    item = next(i for i in json.loads(capsys.readouterr().out)["items"]
                if i["dossier_id"] == did)
    assert item["status"] == "sent"
    (obj,) = [p for p in dest.rglob("*.dgz") if p.is_file()]  # and the audit checkpoints
    assert hashlib.sha256(obj.read_bytes()).hexdigest() == obj.name.split(".")[0]
    # and once healed it stays sent
    assert main(["export", "--to", url, "--json"]) == 0
    item = next(i for i in json.loads(capsys.readouterr().out)["items"]
                if i["dossier_id"] == did)
    assert item["status"] == "already_sent"


def test_cancel_while_packages_are_built_keeps_the_queue_and_resumes(
        workspace, tmp_path: Path) -> None:
    from archive.export import UploadQueue, render_text
    from digitize.progress import CancelToken
    from digitize.transfer.export import ExportOptions, export

    workspace.keys.import_central_key(
        generate_central_keypair("trung tâm 2026", kdf_params=TEST_PARAMS)[1], "Trung tâm")
    ids = [process(workspace, write_pages(tmp_path / f"in{i}", 1, dpi=150, seed=60 + i),
                   title=f"Hồ sơ {i}", jobs=1).dossier_id for i in range(3)]
    dest = tmp_path / "central"
    dest.mkdir()
    token = CancelToken()

    def progress(ev) -> None:  # type: ignore[no-untyped-def]
        if ev.stage == "package":
            token.cancel()  # the admin presses Cancel after the first package

    first = export(workspace, ExportOptions(to=f"file://{dest}"), progress=progress,
                   cancel=token)
    assert first.cancelled and not first.ok
    # the first package was already uploading when Cancel came: it arrived, the others were
    # never built and stay queued
    sent, queued = first.by_status("sent"), first.by_status("pending")
    assert len(sent) == 1 and len(queued) == 2
    assert sorted(i.dossier_id for i in sent + queued) == sorted(ids)
    assert "lần xuất sau sẽ gửi tiếp" in render_text(first, "vi")
    assert len([p for p in dest.rglob("*.dgz") if p.is_file()]) == 1
    assert not (dest / "audit-checkpoint.json").exists()
    waiting = UploadQueue(workspace.catalog).entries(f"file://{dest}", ("queued",))
    assert sorted(e.dossier_id for e in waiting) == sorted(i.dossier_id for i in queued)
    report = export(workspace, ExportOptions(to=f"file://{dest}"))
    assert sorted(i.dossier_id for i in report.by_status("sent", "already_sent")) == sorted(ids)
    assert report.ok
    assert len([p for p in dest.rglob("*.dgz") if p.is_file()]) == 3
    assert (dest / "audit-checkpoint.json").is_file()
