"""Export report (JSON, text, audit entries), target URLs and the queue's state rules."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from archive.catalog import Catalog
from archive.errors import ExportTargetInvalid, StorageUnreachable
from archive.export.queue import PartRecord, QueueState, UploadQueue
from archive.export.report import ExportItem, ExportReport, render_text
from archive.export.targets import FolderTarget, S3Target, composite_sha256, parse_target
from digitize.store.schema import MIGRATIONS


def _report() -> ExportReport:
    r = ExportReport("s3://b/p", False, "2025-01-01T08:00:00+07:00")
    r.items = [ExportItem("d1", 2, "sent", file_code="H47.2025.01", package_id="a" * 64,
                          object_key="p/" + "a" * 64 + ".dgz", size=2_500_000,
                          checksum="sha256:xyz-3", parts=3, parts_sent=2, parts_resumed=1),
               ExportItem("d2", 1, "excluded", reason="secrecy"),
               ExportItem("d3", 1, "failed", error_code="archive.storage_integrity",
                          error="differs")]
    return r


def test_report_json_text_and_audit() -> None:
    r = _report()
    d = r.to_dict()
    assert d["counts"] == {"sent": 1, "excluded": 1, "failed": 1, "bytes_sent": 2_500_000}
    assert not d["ok"]
    vi, en = render_text(r, "vi"), render_text(r, "en")
    assert "Đã gửi và kiểm tra: 1" in vi and "bí mật nhà nước" in vi and "tiếp tục: 1/3" in vi
    assert "Sent and verified: 1" in en and "state secret" in en and "Failed: 1" in en
    entries = r.audit_entries()
    assert [a for a, _, _ in entries] == ["export.run", "export.sent", "export.excluded",
                                          "export.failed"]
    for _, _, details in entries:  # only short scalars: no record content fits
        assert all(v is None or isinstance(v, bool | int | str) for v in details.values())
        assert all(len(v) <= 128 for v in details.values() if isinstance(v, str))


def test_dry_run_audit_is_one_summary() -> None:
    r = _report()
    r.dry_run = True
    assert [a for a, _, _ in r.audit_entries()] == ["export.dry_run"]
    assert "chạy thử" in render_text(r)


@pytest.mark.parametrize("url", ["http://x/y", "s3://", "file://server/share", "ftp://a",
                                 "bucket/prefix"])
def test_bad_target_urls(url: str) -> None:
    with pytest.raises(ExportTargetInvalid):
        parse_target(url)


def test_target_urls(tmp_path: Path) -> None:
    s3 = parse_target("s3://luu-tru/h47/2025/", endpoint="http://127.0.0.1:1")
    assert isinstance(s3, S3Target) and (s3.bucket, s3.prefix) == ("luu-tru", "h47/2025")
    assert s3.key_for("ab" * 32) == "h47/2025/" + "ab" * 32 + ".dgz"
    folder = parse_target(tmp_path.as_uri())
    assert isinstance(folder, FolderTarget) and folder.root == tmp_path
    folder.check()
    with pytest.raises(StorageUnreachable):  # the disk is not mounted: its folder is missing
        FolderTarget(tmp_path / "not-mounted" / "h47").check()
    new = FolderTarget(tmp_path / "new-folder")  # a new folder on a mounted disk (#21)
    new.check()
    assert new.root.is_dir()


def test_composite_checksum_is_order_independent() -> None:
    parts = [PartRecord(2, 1, "e", "22" * 32), PartRecord(1, 1, "e", "11" * 32)]
    assert composite_sha256(parts) == composite_sha256(parts[::-1])
    assert composite_sha256(parts).endswith("-2")


def test_queue_exclusion_wins_and_is_idempotent(tmp_path: Path) -> None:
    q = UploadQueue(Catalog(tmp_path / "c.db", os.urandom(32), MIGRATIONS))
    a = q.enqueue("s3://b", "d1", 1, source_container="c")
    assert q.enqueue("s3://b", "d1", 1, source_container="c").id == a.id
    assert q.enqueue("s3://b", "d1", 1, source_container=None, excluded="secrecy").state == \
        QueueState.EXCLUDED
    assert q.enqueue("s3://b", "d1", 1, source_container="c").state == QueueState.EXCLUDED
    q.enqueue("s3://other", "d1", 1, source_container="c")
    assert q.counts() == {QueueState.EXCLUDED: 1, QueueState.QUEUED: 1}
    assert q.counts("s3://b") == {QueueState.EXCLUDED: 1}


def test_text_report_shows_what_the_sip_misses() -> None:
    r = _report()
    r.items[0].warnings = ["EAD.xml: thiếu / missing paperFileCode (confidenceLevel=02)"]
    assert "! thiếu: EAD.xml: thiếu / missing paperFileCode" in render_text(r, "vi")
    assert "! missing: EAD.xml" in render_text(r, "en")
