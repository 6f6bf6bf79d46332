"""The uploader against an in-memory target: resume, retries with backoff, errors, limits."""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path
from typing import BinaryIO

import pytest

from archive.catalog import Catalog
from archive.errors import StorageAuthError, StorageIntegrityError, StorageUnreachable
from archive.export.queue import PartRecord, QueueState, UploadQueue
from archive.export.targets import Expected, FolderTarget, RemoteObject, composite_sha256
from archive.export.uploader import RateLimiter, Uploader, UploadPolicy, part_count
from digitize.store.schema import MIGRATIONS

PS = 1000


class MemTarget:
    """A fake S3: uploads, parts, objects in dicts; failures injected per operation."""

    url = "mem://b"

    def __init__(self) -> None:
        self.uploads: dict[str, dict[int, bytes]] = {}
        self.objects: dict[str, bytes] = {}
        self.fail: dict[str, list[Exception]] = {}
        self.calls: list[tuple[str, int]] = []
        self.corrupt = False

    def _maybe_fail(self, op: str) -> None:
        if self.fail.get(op):
            raise self.fail[op].pop(0)

    def check(self) -> None:
        self._maybe_fail("check")

    def key_for(self, pid: str) -> str:
        return f"{pid}.dgz"

    def head(self, key: str) -> RemoteObject | None:
        self._maybe_fail("head")
        b = self.objects.get(key)
        return RemoteObject(len(b), None, None) if b is not None else None

    def begin(self, key: str, metadata: dict[str, str]) -> str:
        uid = f"u{len(self.uploads)}"
        self.uploads[uid] = {}
        return uid

    def list_parts(self, key: str, upload_id: str) -> dict[int, str] | None:
        parts = self.uploads.get(upload_id)
        return None if parts is None else {n: hashlib.md5(b).hexdigest()
                                           for n, b in parts.items()}

    def put_part(self, key: str, upload_id: str, number: int, body: BinaryIO, size: int,
                 sha256: bytes) -> str:
        self._maybe_fail("put_part")
        data = body.read()
        assert len(data) == size and hashlib.sha256(data).digest() == sha256
        self.uploads[upload_id][number] = data
        self.calls.append(("put_part", number))
        return hashlib.md5(data).hexdigest()

    def complete(self, key: str, upload_id: str, parts: list[PartRecord]) -> None:
        up = self.uploads.pop(upload_id)
        self.objects[key] = b"".join(up[p.number] for p in parts)
        if self.corrupt:
            # flip the last byte: a fixed b"!" left 1 random payload in 256 unchanged (a CI failure)
            self.objects[key] = self.objects[key][:-1] + bytes([self.objects[key][-1] ^ 0xFF])

    def verify(self, key: str, expected: Expected) -> str:
        b = self.objects[key]
        if hashlib.sha256(b).hexdigest() != expected.sha256:
            raise StorageIntegrityError(key)
        return "sha256:" + composite_sha256(expected.parts)


def transient() -> StorageUnreachable:
    e = StorageUnreachable("mem")
    e.transient = True  # type: ignore[attr-defined]
    return e


@pytest.fixture
def queue(tmp_path: Path) -> UploadQueue:
    return UploadQueue(Catalog(tmp_path / "c.db", os.urandom(32), MIGRATIONS))


def _entry(queue: UploadQueue, data: bytes, store: dict[str, bytes]):
    pid = hashlib.sha256(data).hexdigest()
    store[pid] = data
    e = queue.enqueue("mem://b", "d1", 1, source_container="c1")
    return queue.set_package(e.id, package_id=pid, object_key=f"{pid}.dgz", size=len(data),
                             part_size=PS, sip_objid="uuid-X")


def _uploader(target, queue, store, **kw):
    sleeps: list[float] = []
    pol = UploadPolicy(part_size=PS, concurrency=kw.pop("concurrency", 1), retries=3,
                       backoff=1.0, max_backoff=8.0)
    up = Uploader(target, queue, lambda pid: io.BytesIO(store[pid]), pol, sleep=sleeps.append,
                  **kw)
    return up, sleeps


def test_upload_marks_sent_only_after_verify(queue: UploadQueue) -> None:
    t, store = MemTarget(), {}
    data = os.urandom(3500)
    e = _entry(queue, data, store)
    up, _ = _uploader(t, queue, store, concurrency=3)
    res = up.upload(e)
    assert (res.parts, res.parts_sent, res.bytes_sent) == (4, 4, 3500)
    assert t.objects[e.object_key] == data
    got = queue.get(e.id)
    assert got.state == QueueState.SENT and got.checksum.startswith("sha256:")
    assert queue.parts(e.id) == {}
    again = up.upload(queue.get(e.id))
    assert again.already_there and again.parts_sent == 0


def test_resume_sends_only_missing_parts(queue: UploadQueue) -> None:
    t, store = MemTarget(), {}
    data = os.urandom(4200)
    e = _entry(queue, data, store)
    up, _ = _uploader(t, queue, store)
    calls = {"n": 0}

    def die_after_two(eid: int, n: int) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            t.fail["put_part"] = [StorageAuthError("gone")]

    up.on_part = die_after_two
    with pytest.raises(StorageAuthError):
        up.upload(e)
    failed = queue.get(e.id)
    assert failed.state == QueueState.FAILED and failed.upload_id
    assert sorted(queue.parts(e.id)) == [1, 2]
    # a part that arrived but whose answer was lost is recognised by its MD5
    t.uploads[failed.upload_id][3] = data[2000:3000]
    t.calls.clear()
    up.on_part = None
    res = up.upload(failed)
    assert [n for _, n in t.calls] == [4, 5]
    assert (res.parts_resumed, res.parts_sent) == (3, 2)
    assert t.objects[e.object_key] == data


def test_forgotten_upload_starts_over(queue: UploadQueue) -> None:
    t, store = MemTarget(), {}
    e = _entry(queue, os.urandom(2500), store)
    queue.start_upload(e.id, "lost-upload")
    queue.record_part(e.id, PartRecord(1, PS, "ab" * 16, "cd" * 32))
    up, _ = _uploader(t, queue, store)
    res = up.upload(queue.get(e.id))
    assert (res.parts_resumed, res.parts_sent) == (0, 3)


def test_transient_errors_retry_with_exponential_backoff(queue: UploadQueue) -> None:
    t, store = MemTarget(), {}
    e = _entry(queue, os.urandom(500), store)
    t.fail["put_part"] = [transient(), transient(), transient()]
    up, sleeps = _uploader(t, queue, store)
    assert up.upload(e).parts_sent == 1
    assert len(sleeps) == 3
    for i, s in enumerate(sleeps):
        assert 0.5 * 2 ** i <= s <= 2 ** i


def test_retries_exhausted_keeps_queue_and_raises(queue: UploadQueue) -> None:
    t, store = MemTarget(), {}
    e = _entry(queue, os.urandom(500), store)
    t.fail["head"] = [transient()] * 10
    up, sleeps = _uploader(t, queue, store)
    with pytest.raises(StorageUnreachable):
        up.upload(e)
    assert len(sleeps) == 3
    assert queue.get(e.id).state == QueueState.FAILED
    assert queue.get(e.id).error_code == "archive.storage_unreachable"


def test_permanent_error_is_not_retried(queue: UploadQueue) -> None:
    t, store = MemTarget(), {}
    e = _entry(queue, os.urandom(500), store)
    t.fail["put_part"] = [StorageAuthError("denied")]
    up, sleeps = _uploader(t, queue, store)
    with pytest.raises(StorageAuthError):
        up.upload(e)
    assert sleeps == []


def test_object_differing_on_server_is_never_marked_sent(queue: UploadQueue) -> None:
    t, store = MemTarget(), {}
    e = _entry(queue, os.urandom(500), store)
    t.corrupt = True
    up, _ = _uploader(t, queue, store)
    with pytest.raises(StorageIntegrityError):
        up.upload(e)
    got = queue.get(e.id)
    assert got.state == QueueState.FAILED and got.error_code == "archive.storage_integrity"


def test_excluded_entry_is_never_uploaded(queue: UploadQueue) -> None:
    t, store = MemTarget(), {}
    e = _entry(queue, os.urandom(500), store)
    excluded = queue.enqueue("mem://b", "d1", 1, source_container=None, excluded="secrecy")
    assert excluded.state == QueueState.EXCLUDED and excluded.id == e.id
    up, _ = _uploader(t, queue, store)
    with pytest.raises(ValueError):
        up.upload(excluded)
    assert t.objects == {} and t.uploads == {}


def test_rate_limiter_paces_bytes() -> None:
    now = [0.0]
    slept: list[float] = []

    def sleep(s: float) -> None:
        slept.append(s)
        now[0] += s

    lim = RateLimiter(100_000, clock=lambda: now[0], sleep=sleep)
    for _ in range(100):
        lim.consume(10_000)
    assert (1_000_000 - lim.burst) / 100_000 <= now[0] <= 10.0  # 1 MB at 100 kB/s


def test_part_count() -> None:
    assert [part_count(s, 10) for s in (0, 1, 10, 11, 30)] == [1, 1, 1, 2, 3]


def test_folder_target_round_trip(queue: UploadQueue, tmp_path: Path) -> None:
    dest = tmp_path / "usb"
    dest.mkdir()
    t, store = FolderTarget(dest), {}
    data = os.urandom(2600)
    e = _entry(queue, data, store)
    up, _ = _uploader(t, queue, store)
    res = up.upload(e)
    assert res.checksum == "sha256:" + hashlib.sha256(data).hexdigest()
    assert (dest / e.object_key).read_bytes() == data
    assert not any((dest / ".uploads").iterdir())
