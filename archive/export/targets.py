"""Upload targets: S3-compatible object storage (boto3) and a folder (``file:///``)."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Protocol
from urllib.parse import unquote, urlparse

from archive.errors import (
    ExportTargetInvalid,
    StorageAuthError,
    StorageBucketMissing,
    StorageError,
    StorageIntegrityError,
    StorageUnreachable,
)
from archive.export.queue import PartRecord

__all__ = ["Expected", "FolderTarget", "RemoteObject", "S3Target", "Target", "composite_sha256",
           "parse_target"]

_CHUNK = 1 << 20


@dataclass(frozen=True)
class RemoteObject:
    """What the server says about a stored object."""

    size: int
    checksum: str | None  # S3 ChecksumSHA256 ("b64" or "b64-N"), None if the server gives none
    etag: str | None


@dataclass(frozen=True)
class Expected:
    """What an uploaded object must be: its size, SHA-256 (hex) and per-part SHA-256s."""

    size: int
    sha256: str
    parts: tuple[PartRecord, ...]


def composite_sha256(parts: tuple[PartRecord, ...] | list[PartRecord]) -> str:
    """S3's composite checksum of a multipart object: ``b64(sha256(part digests))-N``."""
    joined = b"".join(bytes.fromhex(p.sha256) for p in sorted(parts, key=lambda p: p.number))
    return f"{base64.b64encode(hashlib.sha256(joined).digest()).decode()}-{len(parts)}"


class Target(Protocol):
    """Where packages go; every method raises ``StorageError`` subclasses (``transient``
    attribute True for errors worth retrying)."""

    url: str

    def check(self) -> None:
        """Reachable, credentials accepted, bucket or folder present."""
        ...

    def key_for(self, package_id: str) -> str:
        """The object key of a package (content-addressed, so re-sending never duplicates)."""
        ...

    def head(self, key: str) -> RemoteObject | None:
        """The stored object, or None."""
        ...

    def begin(self, key: str, metadata: dict[str, str]) -> str:
        """Start a multipart upload; returns its id."""
        ...

    def list_parts(self, key: str, upload_id: str) -> dict[int, str] | None:
        """Parts that arrived (number -> ETag), or None if the server forgot the upload."""
        ...

    def put_part(self, key: str, upload_id: str, number: int, body: BinaryIO, size: int,
                 sha256: bytes) -> str:
        """Send one part, which the target checks against ``sha256``; returns its ETag."""
        ...

    def complete(self, key: str, upload_id: str, parts: list[PartRecord]) -> None:
        """Assemble the parts into the object."""
        ...

    def verify(self, key: str, expected: Expected) -> str:
        """Check the stored object against ``expected``; returns the confirmed checksum."""
        ...


def _transient(e: StorageError) -> StorageError:
    e.transient = True  # type: ignore[attr-defined]
    return e


def parse_target(url: str, *, endpoint: str | None = None, access_key: str | None = None,
                 secret_key: str | None = None, region: str | None = None,
                 concurrency: int = 4) -> Target:
    """The target named by ``url``: ``s3://bucket/prefix`` or ``file:///folder``.

    Raises:
        ExportTargetInvalid: another scheme, or no bucket/folder.
    """
    u = urlparse(url)
    if u.scheme == "s3":
        if not u.netloc:
            raise ExportTargetInvalid(url)
        return S3Target(u.netloc, u.path.strip("/"), endpoint=endpoint, access_key=access_key,
                        secret_key=secret_key, region=region, concurrency=concurrency)
    if u.scheme == "file":
        if u.netloc not in ("", "localhost") or not u.path:
            raise ExportTargetInvalid(url)
        return FolderTarget(Path(unquote(u.path)))
    raise ExportTargetInvalid(url)


class S3Target:
    """An S3-compatible bucket (AWS, SeaweedFS, MinIO, Ceph) under a key prefix."""

    def __init__(self, bucket: str, prefix: str = "", *, endpoint: str | None = None,
                 access_key: str | None = None, secret_key: str | None = None,
                 region: str | None = None, concurrency: int = 4) -> None:
        import boto3
        from botocore.config import Config

        self.bucket, self.prefix, self.endpoint = bucket, prefix, endpoint
        self.url = f"s3://{bucket}/{prefix}".rstrip("/")
        # Retries are ours (with backoff and resume). The body is not hashed again for the
        # signature: its MD5 and SHA-256 go in signed headers, which the server checks.
        cfg = Config(retries={"total_max_attempts": 1}, connect_timeout=5, read_timeout=60,
                     max_pool_connections=concurrency + 4,
                     s3={"addressing_style": "path", "payload_signing_enabled": False},
                     request_checksum_calculation="when_required",
                     response_checksum_validation="when_required")
        self.client = boto3.session.Session().client(
            "s3", endpoint_url=endpoint, aws_access_key_id=access_key,
            aws_secret_access_key=secret_key,
            region_name=region or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1",
            config=cfg)

    def _where(self) -> str:
        return f"{self.url} ({self.endpoint})" if self.endpoint else self.url

    def _call(self, op: str, **kw: Any) -> Any:
        from botocore.exceptions import (
            BotoCoreError,
            ClientError,
            ConnectionError,
            HTTPClientError,
            NoCredentialsError,
        )

        try:
            return getattr(self.client, op)(**kw)
        except NoCredentialsError as e:
            raise StorageAuthError(f"{self._where()}: không có thông tin đăng nhập / "
                                   "no credentials") from e
        except (ConnectionError, HTTPClientError) as e:
            raise _transient(StorageUnreachable(self._where())) from e
        except ClientError as e:
            raise self._client_error(e, op) from e
        except BotoCoreError as e:
            raise _transient(StorageError(f"{self._where()}: {e}")) from e

    def _client_error(self, e: Any, op: str) -> StorageError:
        code = str(e.response.get("Error", {}).get("Code", ""))
        status = int(e.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0) or 0)
        if code in ("InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied",
                    "InvalidToken", "ExpiredToken", "403") or status == 403:
            return StorageAuthError(f"{self._where()}: {code or status}")
        if code in ("NoSuchBucket",) or (op == "head_bucket" and status == 404):
            return StorageBucketMissing(f"{self.bucket} ({self._where()})")
        err = StorageError(f"{self._where()}: {op}: {code or status}")
        if status >= 500 or code in ("SlowDown", "RequestTimeout", "InternalError",
                                     "BadDigest", "IncompleteBody"):
            return _transient(err)
        err.s3_code = code  # type: ignore[attr-defined]
        return err

    def check(self) -> None:
        """Reachable, credentials accepted, bucket present."""
        self._call("head_bucket", Bucket=self.bucket)

    def key_for(self, package_id: str) -> str:
        """``{prefix}/{sha256}.dgz``."""
        return f"{self.prefix}/{package_id}.dgz" if self.prefix else f"{package_id}.dgz"

    def head(self, key: str) -> RemoteObject | None:
        """The stored object (with its SHA-256 checksum if the server keeps one), or None."""
        try:
            r = self._call("head_object", Bucket=self.bucket, Key=key, ChecksumMode="ENABLED")
        except StorageError as e:
            if getattr(e, "s3_code", "") in ("404", "NoSuchKey", "NotFound"):
                return None
            raise
        return RemoteObject(int(r["ContentLength"]), r.get("ChecksumSHA256"),
                            (r.get("ETag") or "").strip('"') or None)

    def begin(self, key: str, metadata: dict[str, str]) -> str:
        """Start a multipart upload with SHA-256 part checksums."""
        r = self._call("create_multipart_upload", Bucket=self.bucket, Key=key,
                       ContentType="application/octet-stream", Metadata=metadata,
                       ChecksumAlgorithm="SHA256")
        return str(r["UploadId"])

    def list_parts(self, key: str, upload_id: str) -> dict[int, str] | None:
        """Parts the server holds for the upload, or None if it does not know the upload."""
        out: dict[int, str] = {}
        marker = 0
        while True:
            try:
                r = self._call("list_parts", Bucket=self.bucket, Key=key, UploadId=upload_id,
                               PartNumberMarker=marker)
            except StorageError as e:
                if getattr(e, "s3_code", "") in ("NoSuchUpload", "404"):
                    return None
                raise
            for p in r.get("Parts", []):
                out[int(p["PartNumber"])] = str(p["ETag"]).strip('"')
            if not r.get("IsTruncated"):
                return out
            marker = int(r["NextPartNumberMarker"])

    def put_part(self, key: str, upload_id: str, number: int, body: BinaryIO, size: int,
                 sha256: bytes) -> str:
        """Send one part with its SHA-256, which the server checks (``BadDigest``)."""
        r = self._call("upload_part", Bucket=self.bucket, Key=key, UploadId=upload_id,
                       PartNumber=number, Body=body, ContentLength=size,
                       ChecksumSHA256=base64.b64encode(sha256).decode())
        return str(r["ETag"]).strip('"')

    def complete(self, key: str, upload_id: str, parts: list[PartRecord]) -> None:
        """Assemble the parts."""
        body = [{"PartNumber": p.number, "ETag": f'"{p.etag}"', "ChecksumSHA256":
                 base64.b64encode(bytes.fromhex(p.sha256)).decode()}
                for p in sorted(parts, key=lambda p: p.number)]
        self._call("complete_multipart_upload", Bucket=self.bucket, Key=key, UploadId=upload_id,
                   MultipartUpload={"Parts": body})

    def verify(self, key: str, expected: Expected) -> str:
        """Compare the server's size and SHA-256 checksum (composite of the parts) with what
        was sent; without a server checksum, download the object and hash it."""
        obj = self.head(key)
        if obj is None:
            raise StorageIntegrityError(f"{key}: không có trên máy chủ / not on the server")
        if obj.size != expected.size:
            raise StorageIntegrityError(f"{key}: size {obj.size} != {expected.size}")
        composite = obj.checksum and "-" in obj.checksum
        if obj.checksum and (not composite or obj.checksum.endswith(f"-{len(expected.parts)}")):
            want = (composite_sha256(expected.parts) if composite else
                    base64.b64encode(bytes.fromhex(expected.sha256)).decode())
            if obj.checksum != want:
                raise StorageIntegrityError(f"{key}: SHA-256 {obj.checksum} != {want}")
            return f"sha256:{obj.checksum}"
        # no server checksum, or parts cut differently by an earlier upload: read it back
        got = self._download_sha256(key)
        if got != expected.sha256:
            raise StorageIntegrityError(f"{key}: SHA-256 {got} != {expected.sha256}")
        return f"sha256:{got}"

    def _download_sha256(self, key: str) -> str:
        r = self._call("get_object", Bucket=self.bucket, Key=key)
        h = hashlib.sha256()
        for chunk in r["Body"].iter_chunks(_CHUNK):
            h.update(chunk)
        return h.hexdigest()

    def abort(self, key: str, upload_id: str) -> None:
        """Abandon a multipart upload."""
        self._call("abort_multipart_upload", Bucket=self.bucket, Key=key, UploadId=upload_id)


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


def _same_content(a: Path, b: Path) -> bool:
    """Whether two files hold the same bytes (size first, then SHA-256)."""
    return a.stat().st_size == b.stat().st_size and _sha256_file(a) == _sha256_file(b)


class FolderTarget:
    """A folder (mounted share, removable disk): parts land in ``.uploads/ID/`` and are
    assembled into ``{sha256}.dgz`` by an atomic rename; never overwrites."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.url = self.root.as_uri()

    def _err(self, e: OSError) -> StorageError:
        return StorageUnreachable(f"{self.root}: {e.strerror or e}")

    def check(self) -> None:
        """The folder exists (made here if its parent exists: a new folder on a mounted disk
        or share; a missing parent means the disk is not mounted) and is writable."""
        if not self.root.exists() and self.root.parent.is_dir():
            with contextlib.suppress(OSError):
                self.root.mkdir()
        if not self.root.is_dir() or not os.access(self.root, os.W_OK):
            raise StorageUnreachable(f"{self.root} (thư mục không có hoặc không ghi được / "
                                     "folder missing or not writable)")

    def key_for(self, package_id: str) -> str:
        """``{sha256}.dgz``."""
        return f"{package_id}.dgz"

    def _updir(self, upload_id: str) -> Path:
        if not upload_id.isalnum():
            raise StorageError(f"bad upload id {upload_id!r}")
        return self.root / ".uploads" / upload_id

    def head(self, key: str) -> RemoteObject | None:
        """The stored file, or None."""
        p = self.root / key
        return RemoteObject(p.stat().st_size, None, None) if p.is_file() else None

    def begin(self, key: str, metadata: dict[str, str]) -> str:
        """A new upload folder."""
        upload_id = secrets.token_hex(16)
        try:
            self._updir(upload_id).mkdir(parents=True)
        except OSError as e:
            raise self._err(e) from e
        return upload_id

    def list_parts(self, key: str, upload_id: str) -> dict[int, str] | None:
        """Complete part files and their MD5, or None if the upload folder is gone."""
        d = self._updir(upload_id)
        if not d.is_dir():
            return None
        out = {}
        for p in d.glob("*.part"):
            h = hashlib.md5(usedforsecurity=False)
            with p.open("rb") as f:
                while chunk := f.read(_CHUNK):
                    h.update(chunk)
            out[int(p.stem)] = h.hexdigest()
        return out

    def put_part(self, key: str, upload_id: str, number: int, body: BinaryIO, size: int,
                 sha256: bytes) -> str:
        """Write one part file (temporary name, fsync, rename); its ETag is its MD5."""
        d = self._updir(upload_id)
        tmp, final = d / f"{number:05d}.tmp", d / f"{number:05d}.part"
        h, md5 = hashlib.sha256(), hashlib.md5(usedforsecurity=False)
        try:
            with tmp.open("wb") as f:
                while chunk := body.read(_CHUNK):
                    h.update(chunk)
                    md5.update(chunk)
                    f.write(chunk)
                f.flush()
                os.fsync(f.fileno())
            if h.digest() != sha256:
                tmp.unlink()
                raise StorageIntegrityError(f"{key}: part {number} SHA-256 mismatch")
            os.replace(tmp, final)
        except OSError as e:
            raise self._err(e) from e
        return md5.hexdigest()

    def complete(self, key: str, upload_id: str, parts: list[PartRecord]) -> None:
        """Concatenate the parts into the final file, atomically."""
        d = self._updir(upload_id)
        tmp, final = d / "object.tmp", self.root / key
        try:
            with tmp.open("wb") as out:
                for p in sorted(parts, key=lambda p: p.number):
                    with (d / f"{p.number:05d}.part").open("rb") as f:
                        shutil.copyfileobj(f, out, _CHUNK)
                out.flush()
                os.fsync(out.fileno())
            # the name is the package's hash, so a different file under it is a damaged copy
            # (an earlier upload that failed verification): replace it, or a resend never heals
            if not final.exists() or not _same_content(final, tmp):
                os.replace(tmp, final)
            shutil.rmtree(d, ignore_errors=True)
        except OSError as e:
            raise self._err(e) from e

    def verify(self, key: str, expected: Expected) -> str:
        """Re-read the stored file and compare its size and SHA-256."""
        p = self.root / key
        try:
            size = p.stat().st_size
            h = hashlib.sha256()
            with p.open("rb") as f:
                while chunk := f.read(_CHUNK):
                    h.update(chunk)
        except OSError as e:
            raise StorageIntegrityError(f"{key}: {e}") from e
        if size != expected.size or h.hexdigest() != expected.sha256:
            raise StorageIntegrityError(f"{key}: size or SHA-256 differs")
        return f"sha256:{h.hexdigest()}"

    def abort(self, key: str, upload_id: str) -> None:
        """Remove an upload folder."""
        shutil.rmtree(self._updir(upload_id), ignore_errors=True)
