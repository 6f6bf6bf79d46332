"""Where a restore reads a backup from: a folder, or an S3 bucket under a prefix.

Both sources offer the same few operations on the backup's relative POSIX names (the layout
of :mod:`digitize.recovery.backup`): the snapshot names, a small file read whole, and a file
fetched into the archive being assembled. A fetch streams the file in 1 MiB chunks into a
temporary name beside its place, hashes it as it arrives, and puts it in place only when its
SHA-256 is the expected one (the manifest's, or the container's name); a mismatch is
:class:`~archive.errors.TamperedError` and leaves no file.

S3 (``s3://bucket/prefix``) uses the same endpoint and credentials handling as the backup and
the central-store upload (:func:`archive.export.parse_target`: ``--endpoint``, else AWS's;
keys given, else ``AWS_ACCESS_KEY_ID`` / ``AWS_SECRET_ACCESS_KEY``). A connection lost in the
middle of an object is resumed from the byte reached (HTTP ``Range``) a few times; a server
that stays away is :class:`~digitize.recovery.errors.BackupUnreachable`.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Protocol

from archive.errors import StorageAuthError, StorageBucketMissing, StorageError, TamperedError
from archive.export import parse_target
from archive.fsutil import atomic_write
from digitize.progress import CancelToken
from digitize.recovery.errors import BackupAccessDenied, BackupUnreachable

__all__ = ["BackupSource", "FolderSource", "S3Source", "SNAPSHOT_NAME", "open_source"]

_CHUNK = 1 << 20
#: A snapshot folder name (``20261207T144950``, ``x`` added when two fall in one second).
SNAPSHOT_NAME = re.compile(r"^[0-9]{8}T[0-9]{6}x*$")
#: Small files (manifest, keystore, LATEST) are read whole, never beyond this.
SMALL_LIMIT = 64 << 20
#: Waits before each new attempt at an S3 read that failed (then BackupUnreachable).
RETRY_DELAYS = (0.5, 1.0, 2.0)


class BackupSource(Protocol):
    """A backup to restore from."""

    url: str

    def snapshots(self) -> list[str]:
        """Snapshot names that have a manifest, newest first."""
        ...

    def read(self, rel: str) -> bytes | None:
        """A small file's bytes (manifest, keystore, ``LATEST``), or None if absent."""
        ...

    def fetch(self, rel: str, out: Path, expect: str,
              cancel: CancelToken | None = None) -> int:
        """Copy ``rel`` to ``out`` if it hashes to ``expect``; returns its size.

        Raises:
            TamperedError: absent, or not the expected content (nothing written).
        """
        ...

    def close(self) -> None:
        """Release what the source holds (connections, temporary files)."""
        ...


def _hashed(chunks: Iterator[bytes], rel: str, expect: str,
            cancel: CancelToken | None) -> Iterator[bytes]:
    """``chunks`` passed through, hashed; raises at the end (before the file is put in place)
    when the content is not the expected one."""
    h = hashlib.sha256()
    for chunk in chunks:
        if cancel is not None:
            cancel.check()
        h.update(chunk)
        yield chunk
    if h.hexdigest() != expect:
        raise TamperedError(f"{rel}: content does not match its SHA-256 {expect[:16]}…")


def _newest_first(names: set[str]) -> list[str]:
    return sorted((n for n in names if SNAPSHOT_NAME.match(n)), reverse=True)


class FolderSource:
    """A backup folder (removable drive, network share, or a copied S3 prefix)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.url = str(self.root)

    def snapshots(self) -> list[str]:
        """Names under ``snapshots/`` with a ``manifest.json``."""
        folder = self.root / "snapshots"
        if not folder.is_dir():
            return []
        return _newest_first({p.name for p in folder.iterdir()
                              if (p / "manifest.json").is_file()})

    def read(self, rel: str) -> bytes | None:
        """The file's bytes (at most :data:`SMALL_LIMIT`), or None."""
        p = self.root / rel
        if not p.is_file():
            return None
        with p.open("rb") as f:
            return f.read(SMALL_LIMIT)

    def fetch(self, rel: str, out: Path, expect: str,
              cancel: CancelToken | None = None) -> int:
        """Stream, hash, then put in place."""
        src = self.root / rel
        if not src.is_file():
            raise TamperedError(f"{src}: missing from the backup")

        def chunks() -> Iterator[bytes]:
            with src.open("rb") as f:
                while chunk := f.read(_CHUNK):
                    yield chunk

        out.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(out, _hashed(chunks(), str(src), expect, cancel))
        return out.stat().st_size

    def close(self) -> None:
        """Nothing to release."""


class S3Source:
    """A backup under ``s3://bucket/prefix``, read with streaming GETs."""

    def __init__(self, url: str, *, endpoint: str | None = None, access_key: str | None = None,
                 secret_key: str | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.target: Any = parse_target(url, endpoint=endpoint, access_key=access_key,
                                        secret_key=secret_key)
        self.url, self._sleep = self.target.url, sleep
        try:
            self.target.check()
        except (StorageAuthError, StorageBucketMissing) as e:
            raise BackupAccessDenied(str(e.fields["detail"])) from e
        except StorageError as e:
            raise BackupUnreachable(self._where()) from e

    def _where(self) -> str:
        ep = self.target.endpoint
        return f"{self.url} ({ep})" if ep else self.url

    def _key(self, rel: str) -> str:
        prefix = self.target.prefix
        return f"{prefix}/{rel}" if prefix else rel

    def _status(self, e: Exception) -> tuple[str, int]:
        resp = getattr(e, "response", None) or {}
        return (str(resp.get("Error", {}).get("Code", "")),
                int(resp.get("ResponseMetadata", {}).get("HTTPStatusCode", 0) or 0))

    def _get(self, key: str, start: int) -> Any | None:
        """The body of a GET from byte ``start``, or None if there is no such object.

        Raises:
            BackupAccessDenied: credentials refused, no bucket. _Retry: anything else.
        """
        from botocore.exceptions import ClientError

        kw = {"Range": f"bytes={start}-"} if start else {}
        try:
            return self.target.client.get_object(Bucket=self.target.bucket, Key=key, **kw)["Body"]
        except ClientError as e:
            code, status = self._status(e)
            if code in ("NoSuchKey", "404", "NotFound") or status == 404:
                return None
            if status in (401, 403) or code in ("AccessDenied", "InvalidAccessKeyId",
                                               "SignatureDoesNotMatch", "NoSuchBucket"):
                raise BackupAccessDenied(f"{self._where()}: {code or status}") from e
            if status == 416 and start:  # nothing left after the byte reached
                return _Empty()
            raise _Retry(f"{key}: {code or status}") from e
        except _transport_errors() as e:
            raise _Retry(f"{key}: {e}") from e

    def _stream(self, rel: str) -> Iterator[bytes] | None:
        """The object's bytes in order, None if absent. A GET or a read that fails is tried
        again (from the byte reached) after each of :data:`RETRY_DELAYS`, then given up.

        Raises:
            BackupUnreachable: still failing after the last wait.
        """
        key, failures, got = self._key(rel), 0, 0

        def open_body() -> Any | None:
            nonlocal failures
            while True:
                try:
                    return self._get(key, got)
                except _Retry as e:
                    failures = self._wait(failures, rel, got, e)

        first = open_body()
        if first is None:
            return None

        def chunks() -> Iterator[bytes]:
            nonlocal got, failures
            body = first
            while True:
                try:
                    for chunk in body.iter_chunks(_CHUNK):
                        got += len(chunk)
                        yield chunk
                    return
                except _transport_errors() as e:
                    failures = self._wait(failures, rel, got, e)
                body = open_body()
                if body is None:
                    raise TamperedError(f"{self.url}/{rel}: vanished from the backup")

        return chunks()

    def _wait(self, failures: int, rel: str, got: int, cause: BaseException) -> int:
        """Sleep before the next attempt; BackupUnreachable when none is left."""
        if failures >= len(RETRY_DELAYS):
            raise BackupUnreachable(
                f"{self._where()}: {rel} (đã nhận / received {got} bytes)") from cause
        self._sleep(RETRY_DELAYS[failures])
        return failures + 1

    def snapshots(self) -> list[str]:
        """Names ``snapshots/<name>/manifest.json`` listed under the prefix."""
        from botocore.exceptions import BotoCoreError, ClientError

        base = self._key("snapshots/")
        names: set[str] = set()
        try:
            pages = self.target.client.get_paginator("list_objects_v2").paginate(
                Bucket=self.target.bucket, Prefix=base)
            for page in pages:
                for obj in page.get("Contents", []):
                    name, _, rest = str(obj["Key"])[len(base):].partition("/")
                    if rest == "manifest.json":
                        names.add(name)
        except ClientError as e:
            raise BackupAccessDenied(f"{self._where()}: {self._status(e)[0]}") from e
        except BotoCoreError as e:
            raise BackupUnreachable(self._where()) from e
        return _newest_first(names)

    def read(self, rel: str) -> bytes | None:
        """The object's bytes (at most :data:`SMALL_LIMIT`), or None."""
        chunks = self._stream(rel)
        if chunks is None:
            return None
        data = bytearray()
        for chunk in chunks:
            data += chunk
            if len(data) > SMALL_LIMIT:
                raise TamperedError(f"{self._key(rel)}: larger than {SMALL_LIMIT} bytes")
        return bytes(data)

    def fetch(self, rel: str, out: Path, expect: str,
              cancel: CancelToken | None = None) -> int:
        """Stream the object into place, hashed as it arrives."""
        chunks = self._stream(rel)
        if chunks is None:
            raise TamperedError(f"{self.url}/{rel}: missing from the backup")
        out.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(out, _hashed(chunks, f"{self.url}/{rel}", expect, cancel))
        return out.stat().st_size

    def close(self) -> None:
        """Close the client's connections."""
        self.target.client.close()


class _Retry(Exception):
    """A read worth trying again (internal: never leaves this module)."""


def _transport_errors() -> tuple[type[BaseException], ...]:
    """Errors of a connection that broke or a server that stopped answering."""
    from http.client import HTTPException

    from botocore.exceptions import BotoCoreError
    from urllib3.exceptions import HTTPError

    return (OSError, HTTPException, BotoCoreError, HTTPError)


class _Empty:
    """The body of a resumed GET that has nothing left to send."""

    def iter_chunks(self, size: int) -> Iterator[bytes]:
        return iter(())


def open_source(src: Path | str, *, endpoint: str | None = None,
                access_key: str | None = None,
                secret_key: str | None = None) -> FolderSource | S3Source:
    """``s3://bucket/prefix`` (with the endpoint and credentials) or a backup folder.

    Raises:
        BackupAccessDenied: the server refused the credentials, or has no such bucket.
        BackupUnreachable: the server does not answer.
    """
    text = str(src)
    if text.startswith("s3://"):
        return S3Source(text, endpoint=endpoint, access_key=access_key, secret_key=secret_key)
    return FolderSource(Path(text.removeprefix("file://")))


def local_copy(source: BackupSource, rel: str, scratch: Path | None) -> Path:
    """A small file of the source as a local file (for readers that want a path): a folder's
    own file, else a copy in ``scratch``; an absent file gives a path that does not exist."""
    if isinstance(source, FolderSource):
        return source.root / rel
    if scratch is None:
        raise ValueError("local_copy: a scratch folder is needed for a remote backup")
    out = scratch / rel
    data = source.read(rel)
    if data is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
    return out


def scratch_dir() -> Path:
    """A private temporary folder (remove it with :func:`remove_scratch`)."""
    return Path(tempfile.mkdtemp(prefix="digitize-restore-"))


def remove_scratch(path: Path) -> None:
    """Remove a folder made by :func:`scratch_dir`."""
    shutil.rmtree(path, ignore_errors=True)
