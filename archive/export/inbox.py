"""Where the centre receives packages from: the bucket or folder offices export to.

Lists the package objects (``{sha256}.dgz``, as ``targets.key_for`` names them) and downloads
one to a local file, checking on the way that its bytes hash to its name.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from dataclasses import dataclass
from typing import BinaryIO, Protocol

from archive.errors import StorageError, StorageUnreachable
from archive.export.targets import FolderTarget, S3Target, parse_target

__all__ = ["Inbox", "PackageObject", "TransportCorrupt", "open_inbox"]

_NAME = re.compile(r"(?:^|/)([0-9a-f]{64})\.dgz$")
_CHUNK = 1 << 20


@dataclass(frozen=True)
class PackageObject:
    """A package on the source: its key, its id (SHA-256 of its bytes, from its name), size."""

    key: str
    id: str
    size: int


class TransportCorrupt(StorageError):
    """The downloaded bytes do not hash to the package's name."""

    code = "archive.transport_corrupt"
    vi = "Gói tải về bị hỏng trên đường truyền: {detail}"
    en = "The package was corrupted in transit: {detail}"


class Inbox(Protocol):
    """A source of packages."""

    url: str

    def list(self) -> list[PackageObject]:
        """Every package object, sorted by key."""
        ...

    def fetch(self, obj: PackageObject, out: BinaryIO) -> None:
        """Download ``obj`` to ``out``; raises TransportCorrupt if its SHA-256 is wrong."""
        ...


class _Hashing:
    def __init__(self, out: BinaryIO) -> None:
        self.out, self.h = out, hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.h.update(data)
        return self.out.write(data)


def _check(obj: PackageObject, h: _Hashing) -> None:
    if h.h.hexdigest() != obj.id:
        raise TransportCorrupt(obj.key)


class _FolderInbox:
    def __init__(self, target: FolderTarget) -> None:
        self.root, self.url = target.root, target.url

    def list(self) -> list[PackageObject]:
        if not self.root.is_dir():
            raise StorageUnreachable(str(self.root))
        out = []
        for p in sorted(self.root.glob("*.dgz")):
            m = _NAME.search(p.name)
            if m and p.is_file():
                out.append(PackageObject(p.name, m.group(1), p.stat().st_size))
        return out

    def fetch(self, obj: PackageObject, out: BinaryIO) -> None:
        h = _Hashing(out)
        try:
            with (self.root / obj.key).open("rb") as src:
                shutil.copyfileobj(src, h, _CHUNK)  # type: ignore[misc]
        except OSError as e:
            raise StorageUnreachable(f"{self.root / obj.key}: {e.strerror or e}") from e
        _check(obj, h)


class _S3Inbox:
    def __init__(self, target: S3Target) -> None:
        self.t, self.url = target, target.url

    def list(self) -> list[PackageObject]:
        prefix = f"{self.t.prefix}/" if self.t.prefix else ""
        out, token = [], None
        while True:
            kw = {"Bucket": self.t.bucket, "Prefix": prefix}
            if token:
                kw["ContinuationToken"] = token
            r = self.t._call("list_objects_v2", **kw)
            for o in r.get("Contents", []):
                m = _NAME.search(o["Key"])
                if m and "/" not in o["Key"][len(prefix):]:
                    out.append(PackageObject(o["Key"], m.group(1), int(o["Size"])))
            if not r.get("IsTruncated"):
                return sorted(out, key=lambda o: o.key)
            token = r["NextContinuationToken"]

    def fetch(self, obj: PackageObject, out: BinaryIO) -> None:
        body = self.t._call("get_object", Bucket=self.t.bucket, Key=obj.key)["Body"]
        h = _Hashing(out)
        try:
            for chunk in body.iter_chunks(_CHUNK):
                h.write(chunk)
        finally:
            body.close()
        _check(obj, h)


def open_inbox(url: str, *, endpoint: str | None = None, access_key: str | None = None,
               secret_key: str | None = None) -> Inbox:
    """The inbox at ``url`` (``s3://bucket/prefix`` or ``file:///folder``).

    Raises:
        ExportTargetInvalid: another scheme.
    """
    target = parse_target(url, endpoint=endpoint, access_key=access_key, secret_key=secret_key)
    if isinstance(target, S3Target):
        return _S3Inbox(target)
    assert isinstance(target, FolderTarget)
    return _FolderInbox(target)
