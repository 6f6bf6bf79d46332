"""Resumable multipart upload of one queued package: retries, backoff, bandwidth limit."""

from __future__ import annotations

import hashlib
import io
import random
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Any, BinaryIO, TypeVar

from archive.errors import StorageError, StorageIntegrityError
from archive.export.queue import PartRecord, QueueEntry, QueueState, UploadQueue
from archive.export.targets import Expected, Target

__all__ = ["RateLimiter", "UploadPolicy", "UploadResult", "Uploader", "part_count"]

T = TypeVar("T")
MIB = 1 << 20


class _Stopped(Exception):
    """A part not tried because another part failed."""


@dataclass(frozen=True)
class UploadPolicy:
    """How to upload: part size, parallel parts, retries with exponential backoff, and an
    optional bandwidth limit in bytes per second."""

    part_size: int = 8 * MIB
    concurrency: int = 4
    retries: int = 5
    backoff: float = 0.5
    max_backoff: float = 30.0
    bandwidth: float | None = None


@dataclass
class UploadResult:
    """What uploading one entry did."""

    entry_id: int
    key: str
    size: int
    checksum: str
    parts: int
    parts_sent: int = 0
    parts_resumed: int = 0
    bytes_sent: int = 0
    already_there: bool = False


def part_count(size: int, part_size: int) -> int:
    """Number of parts of an object (at least one)."""
    return max(1, -(-size // part_size))


class RateLimiter:
    """A token bucket shared by the upload threads (bytes per second, ~0.25 s of burst)."""

    def __init__(self, rate: float, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        if rate <= 0:
            raise ValueError("bandwidth must be positive")
        self.rate, self.clock, self.sleep = float(rate), clock, sleep
        self.burst = max(rate / 20, 64 * 1024)  # 50 ms: short uploads keep to the limit too
        self._tokens = self.burst
        self._last = clock()
        self._lock = threading.Lock()

    def consume(self, n: int) -> None:
        """Wait until ``n`` bytes may go."""
        with self._lock:
            now = self.clock()
            self._tokens = min(self.burst, self._tokens + (now - self._last) * self.rate)
            self._last = now
            self._tokens -= n
            wait_s = -self._tokens / self.rate if self._tokens < 0 else 0.0
        if wait_s > 0:
            self.sleep(wait_s)


class _ThrottledReader(io.RawIOBase):
    """A seekable reader over bytes whose reads pass through a rate limiter."""

    def __init__(self, data: bytes, limiter: RateLimiter | None) -> None:
        self._buf = io.BytesIO(data)
        self._limiter = limiter
        self._len = len(data)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        if self._limiter is not None:
            n = 64 * 1024 if n is None or n < 0 or n > 64 * 1024 else n
        data = self._buf.read(n)
        if self._limiter is not None and data:
            self._limiter.consume(len(data))
        return data

    def readinto(self, b: Any) -> int:
        data = self.read(len(b))
        b[: len(data)] = data
        return len(data)

    def seek(self, pos: int, whence: int = 0) -> int:
        return self._buf.seek(pos, whence)

    def tell(self) -> int:
        return self._buf.tell()

    def __len__(self) -> int:
        return self._len


class Uploader:
    """Uploads queued packages to one target, resuming what a previous run left.

    Args:
        target: Where to send.
        queue: The catalog's upload queue.
        open_package: Opens a package by its id (seekable binary stream).
        policy: Part size, parallelism, retries, bandwidth.
        on_part: Called as ``on_part(entry_id, part_number)`` after each confirmed part.
        sleep: Injectable for tests of the backoff.
    """

    def __init__(self, target: Target, queue: UploadQueue,
                 open_package: Callable[[str], BinaryIO], policy: UploadPolicy | None = None,
                 *, on_part: Callable[[int, int], None] | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.target, self.queue, self.open_package = target, queue, open_package
        self.policy = policy or UploadPolicy()
        self.on_part = on_part
        self.sleep = sleep
        self.limiter = RateLimiter(self.policy.bandwidth) if self.policy.bandwidth else None
        self._io_lock = threading.Lock()

    def retry(self, fn: Callable[[], T], *, stop: threading.Event | None = None) -> T:
        """Run ``fn``, retrying transient storage errors with exponential backoff + jitter."""
        attempt = 0
        while True:
            try:
                return fn()
            except StorageError as e:
                if not getattr(e, "transient", False) or attempt >= self.policy.retries or (
                        stop is not None and stop.is_set()):
                    raise
            delay = min(self.policy.max_backoff, self.policy.backoff * 2 ** attempt)
            self.sleep(delay * (0.5 + random.random() / 2))
            attempt += 1

    def _read_part(self, f: BinaryIO, entry: QueueEntry, n: int) -> bytes:
        ps = int(entry.part_size or self.policy.part_size)
        with self._io_lock:
            f.seek((n - 1) * ps)
            return f.read(min(ps, int(entry.size or 0) - (n - 1) * ps))

    def upload(self, entry: QueueEntry) -> UploadResult:
        """Send one entry, resuming its multipart upload, verify it on the server and mark
        it sent. Raises StorageError subclasses (the entry is marked failed and keeps its
        upload id and confirmed parts)."""
        if entry.state == QueueState.EXCLUDED or not entry.package_id or not entry.object_key:
            raise ValueError(f"queue entry {entry.id} is excluded or has no package")
        try:
            return self._upload(entry)
        except StorageError as e:
            self.queue.mark_failed(entry.id, e.code, e.message("en"))
            raise

    def upload_many(self, entries: Iterable[QueueEntry], *, objects: int = 2,
                    stop_on: tuple[type[StorageError], ...] = ()
                    ) -> list[UploadResult | StorageError | None]:
        """Upload several entries, ``objects`` at a time (hides per-object round trips).

        ``entries`` may be a generator that builds each package as it is asked for: the next
        one is built in the calling thread while the previous ones upload.

        Returns, in the order of ``entries``, each result or the storage error it met;
        after an error of a type in ``stop_on`` (e.g. the target is unreachable) no further
        entry is taken from ``entries`` or started, and those left are ``None`` (still
        queued). An exception raised by ``entries`` itself (a cancel) propagates once the
        uploads already started have finished.
        """
        out: list[UploadResult | StorageError | None] = []
        halt = threading.Event()

        def one(i: int, entry: QueueEntry) -> None:
            if halt.is_set():
                return
            try:
                out[i] = self.upload(entry)
            except StorageError as e:
                out[i] = e
                if isinstance(e, stop_on):
                    halt.set()

        with ThreadPoolExecutor(max_workers=max(1, objects)) as pool:
            for entry in entries:
                if halt.is_set():
                    break
                out.append(None)
                pool.submit(one, len(out) - 1, entry)
        return out

    def _upload(self, entry: QueueEntry) -> UploadResult:
        key, size = str(entry.object_key), int(entry.size or 0)
        n_parts = part_count(size, int(entry.part_size or self.policy.part_size))
        res = UploadResult(entry.id, key, size, "", n_parts)
        with self.open_package(str(entry.package_id)) as f:
            remote = self.retry(lambda: self.target.head(key))
            if remote is not None and remote.size == size:
                parts = self._all_part_records(f, entry, n_parts)
                try:
                    res.checksum = self._verify_and_mark(entry, parts)
                    res.already_there = True
                    return res
                except StorageIntegrityError:
                    pass  # a damaged copy under the package's name: send it again over it
            done, upload_id = self._resume(f, entry, n_parts)
            res.parts_resumed = len(done)
            todo = [n for n in range(1, n_parts + 1) if n not in done]
            for rec in self._send_parts(f, entry, upload_id, todo):
                done[rec.number] = rec
                res.parts_sent += 1
                res.bytes_sent += rec.size
            parts = [done[n] for n in range(1, n_parts + 1)]
            self._complete(key, upload_id, parts)
            res.checksum = self._verify_and_mark(entry, parts)
        return res

    def _all_part_records(self, f: BinaryIO, entry: QueueEntry, n_parts: int
                          ) -> list[PartRecord]:
        known = self.queue.parts(entry.id)
        return [known.get(n) or self._hash_part(self._read_part(f, entry, n), n)
                for n in range(1, n_parts + 1)]

    @staticmethod
    def _hash_part(data: bytes, n: int) -> PartRecord:
        """A part record with the MD5 as ETag (what S3 and the folder target report)."""
        return PartRecord(n, len(data), hashlib.md5(data, usedforsecurity=False).hexdigest(),
                          hashlib.sha256(data).hexdigest())

    def _resume(self, f: BinaryIO, entry: QueueEntry, n_parts: int
                ) -> tuple[dict[int, PartRecord], str]:
        """Parts already on the server (checked against the local bytes) and the upload id."""
        key = str(entry.object_key)
        server = None
        if entry.upload_id:
            server = self.retry(lambda: self.target.list_parts(key, str(entry.upload_id)))
        if server is None:
            meta = {"sha256": str(entry.package_id), "dossier-version": str(entry.version)}
            upload_id = self.retry(lambda: self.target.begin(key, meta))
            self.queue.start_upload(entry.id, upload_id)
            return {}, upload_id
        upload_id = str(entry.upload_id)
        self.queue.start_upload(entry.id, upload_id)
        local = self.queue.parts(entry.id)
        done: dict[int, PartRecord] = {}
        for n, etag in server.items():
            if not 1 <= n <= n_parts:
                continue
            rec = local.get(n)
            if rec is None or rec.etag != etag:
                rec = self._hash_part(self._read_part(f, entry, n), n)
                if rec.etag != etag:
                    continue  # a damaged or different part: send it again
                self.queue.record_part(entry.id, rec)
            done[n] = rec
        stale = [n for n in local if n not in done]
        if stale:
            self.queue.forget_parts(entry.id, stale)
        return done, upload_id

    def _send_parts(self, f: BinaryIO, entry: QueueEntry, upload_id: str,
                    todo: list[int]) -> list[PartRecord]:
        key, stop = str(entry.object_key), threading.Event()

        def one(n: int) -> PartRecord:
            if stop.is_set():
                raise _Stopped()
            data = self._read_part(f, entry, n)
            sha = hashlib.sha256(data).digest()  # the target checks each part against it

            def put() -> str:
                body = _ThrottledReader(data, self.limiter)
                return self.target.put_part(key, upload_id, n, body, len(data), sha)

            try:
                etag = self.retry(put, stop=stop)
            except BaseException:
                stop.set()  # parts not started yet are not tried
                raise
            rec = PartRecord(n, len(data), etag, sha.hex())
            self.queue.record_part(entry.id, rec)
            if self.on_part:
                self.on_part(entry.id, n)
            return rec

        out: list[PartRecord] = []
        with ThreadPoolExecutor(max_workers=max(1, self.policy.concurrency)) as pool:
            futures = [pool.submit(one, n) for n in todo]
            finished, _ = wait(futures, return_when=FIRST_EXCEPTION)
            if any(fu.exception() is not None for fu in finished):
                stop.set()
                for fu in futures:
                    fu.cancel()
                wait(futures)
                errors = [fu.exception() for fu in futures
                          if not fu.cancelled() and fu.exception() is not None
                          and not isinstance(fu.exception(), _Stopped)]
                raise errors[0]  # type: ignore[misc]
            out = [fu.result() for fu in futures]
        return out

    def _complete(self, key: str, upload_id: str, parts: list[PartRecord]) -> None:
        try:
            self.retry(lambda: self.target.complete(key, upload_id, parts))
        except StorageError:
            # a retried "complete" whose first attempt succeeded: the object is there
            if self.retry(lambda: self.target.head(key)) is None:
                raise

    def _verify_and_mark(self, entry: QueueEntry, parts: list[PartRecord]) -> str:
        expected = Expected(int(entry.size or 0), str(entry.package_id), tuple(parts))
        checksum = self.retry(lambda: self.target.verify(str(entry.object_key), expected))
        self.queue.mark_sent(entry.id, checksum)
        return checksum
