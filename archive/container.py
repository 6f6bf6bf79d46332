"""Signed, encrypted dossier containers: write as a stream, verify without keys, open with keys."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import struct
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from cryptography.exceptions import InvalidTag

from archive._hazmat import layout, stream
from archive._hazmat.kem import KemPrivateKey
from archive._hazmat.keyfile import b64e, canonical_json
from archive._hazmat.layout import Trusted
from archive._hazmat.sign import SIG_LEN, HybridSigner, HybridVerifier
from archive.clock import VN_TZ
from archive.errors import NotARecipient, TamperedError
from archive.keystore import Recipient

__all__ = [
    "ContainerInfo",
    "OpenedContainer",
    "open_container",
    "read_header",
    "verify_outer",
    "write_container",
]

_CHUNK = 1 << 20


class KeyHolder(Protocol):
    """Anything that can hand out private KEM keys by key id (e.g. an unlocked Keystore)."""

    def decryption_keys(self) -> dict[str, KemPrivateKey]:
        """Private keys by key id."""


@dataclass(frozen=True)
class ContainerInfo:
    """What writing a container produced."""

    id: str  # SHA-256 hex of the whole container file
    size: int
    created: datetime
    manifest: dict[str, Any]


class _Sink:
    """Writes container bytes, hashing once (the outer signature's digest is a copy)."""

    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self.all = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> None:
        self.out.write(data)
        self.all.update(data)
        self.size += len(data)


def _chunks(src: bytes | BinaryIO | Iterable[bytes]) -> Iterator[bytes]:
    if isinstance(src, bytes | bytearray | memoryview):
        mv = memoryview(src)
        for i in range(0, len(mv), _CHUNK):
            yield bytes(mv[i : i + _CHUNK])
        return
    if not hasattr(src, "read"):  # chunks already, e.g. another container's iter_file()
        yield from src
        return
    while chunk := src.read(_CHUNK):
        yield chunk


def _header(
    created: datetime,
    segment_size: int,
    prefix: bytes,
    cek: bytes,
    recipients: Sequence[Recipient],
    signer: HybridSigner,
) -> dict[str, Any]:
    """The clear header (docs/format.md 2.1), with the content key wrapped per recipient."""
    return {
        "v": layout.VERSION,
        "created": created.isoformat(timespec="seconds"),
        "segment_size": segment_size,
        "nonce_prefix": b64e(prefix),
        "cek_commit": b64e(layout.cek_commitment(cek)),
        "suite": layout.SUITE,
        "signer": b64e(signer.public().to_bytes()),
        "recipients": [
            {"kid": r.kid, "label": r.label, "enc": b64e(r.public.wrap(cek, layout.CEK_INFO))}
            for r in recipients
        ],
    }


def write_container(
    out: BinaryIO,
    files: Iterable[tuple[str, bytes | BinaryIO | Iterable[bytes]]],
    *,
    metadata: dict[str, Any],
    recipients: Sequence[Recipient],
    signer: HybridSigner,
    now: datetime | None = None,
    segment_size: int = stream.MAX_SEGMENT,
    _content_key: bytes | None = None,
    _nonce_prefix: bytes | None = None,
) -> ContainerInfo:
    """Encrypt and sign files and metadata into one container, streaming (docs/format.md).

    Args:
        out: Writable binary stream (only written, never read or sought).
        files: ``(name, bytes, binary stream or iterable of byte chunks)`` pairs; names are
            relative POSIX paths. Chunks are copied as they come (nothing is held).
        metadata: JSON-serialisable dossier metadata (encrypted, in the manifest).
        recipients: Who can decrypt (at least one, normally ``keystore.recipients()``).
        signer: The office's hybrid signing key.
        now: Creation time (injectable for tests); default: now, +07:00.
        segment_size: Plaintext bytes per segment (1..1 MiB); small values for tests.
        _content_key, _nonce_prefix: Injected randomness, for test vectors only.

    Returns:
        The container's id (SHA-256 of its bytes), size, creation time and manifest.
    """
    if not recipients:
        raise ValueError("a container needs at least one recipient")
    if not 1 <= segment_size <= stream.MAX_SEGMENT:
        raise ValueError("segment size out of range")
    created = (now or datetime.now(VN_TZ)).astimezone(VN_TZ)
    cek = _content_key or os.urandom(stream.KEY_LEN)
    prefix = _nonce_prefix or os.urandom(stream.PREFIX_LEN)
    header = _header(created, segment_size, prefix, cek, recipients, signer)
    hb = canonical_json(header)
    pre = layout.PREAMBLE.pack(layout.MAGIC, layout.VERSION, len(hb))
    sink = _Sink(out)
    sink.write(pre + hb)
    cipher = stream.SegmentCipher(cek, prefix, hashlib.sha256(pre + hb).digest())
    seg = stream.SegmentWriter(cipher, sink.write, segment_size)
    entries: list[dict[str, Any]] = []
    seen: set[str] = set()
    for name, src in files:
        layout.check_name(name)
        if name in seen:
            raise ValueError(f"duplicate file name in container: {name!r}")
        seen.add(name)
        start, h = seg.offset, hashlib.sha256()
        for chunk in _chunks(src):
            h.update(chunk)
            seg.feed(chunk)
        size = seg.offset - start
        entries.append({"name": name, "offset": start, "size": size, "sha256": h.hexdigest()})
    manifest = {
        "v": layout.VERSION,
        "created": header["created"],
        "header_sha256": hashlib.sha256(pre + hb).hexdigest(),
        "files": entries,
        "metadata": metadata,
    }
    mb = canonical_json(manifest)
    seg.feed(mb + signer.sign(mb, layout.CTX_MANIFEST) + struct.pack(">I", len(mb)))
    seg.finish()
    sink.write(struct.pack(">Q", seg.ct_len))
    sink.write(signer.sign(sink.all.copy().digest(), layout.CTX_OUTER) + layout.END_MAGIC)
    return ContainerInfo(sink.all.hexdigest(), sink.size, created, json.loads(mb))


def _bad(name: str, what: str) -> TamperedError:
    return TamperedError(f"container {name}: {what}", container=name)


def _parse(f: BinaryIO, name: str) -> layout.Parsed:
    try:
        return layout.parse(f)
    except layout.LayoutError as e:
        raise _bad(name, str(e)) from e


def _check_outer(f: BinaryIO, p: layout.Parsed, signer: HybridVerifier, name: str) -> None:
    if p.signer != signer:
        raise _bad(name, f"signed by key {p.signer.key_id()}, expected {signer.key_id()}")
    if not signer.verify(p.outer_sig, layout.outer_digest(f, p), layout.CTX_OUTER):
        raise _bad(name, "outer signature is invalid")


def read_header(stream_: BinaryIO, *, name: str = "?") -> dict[str, Any]:
    """The container's clear header (created, signer, recipients); nothing verified."""
    return _parse(stream_, name).header


def verify_outer(stream_: BinaryIO, signer_public: Trusted, *, name: str = "?") -> None:
    """Check a container's frame and outer signature with public keys only (no decryption).

    Args:
        stream_: Seekable binary stream of the container.
        signer_public: The office key that must have signed it.
        name: How to name the container in errors (its id).

    Raises:
        TamperedError: anything is wrong (flipped, truncated, appended, reordered, wrong signer).
    """
    p = _parse(stream_, name)
    _check_outer(stream_, p, layout.expected_signer(p, signer_public), name)


class OpenedContainer:
    """A decrypted, fully verified container; reads files on demand from the stream."""

    def __init__(
        self,
        f: BinaryIO,
        p: layout.Parsed,
        cipher: stream.SegmentCipher,
        manifest: dict[str, Any],
        name: str,
    ) -> None:
        self._f, self._p, self._cipher, self.manifest, self.name = f, p, cipher, manifest, name
        self._files = {e["name"]: e for e in manifest.get("files", [])}

    @property
    def metadata(self) -> dict[str, Any]:
        """The dossier metadata stored in the manifest."""
        return self.manifest["metadata"]

    def names(self) -> list[str]:
        """File names in stored order."""
        return [e["name"] for e in self.manifest["files"]]

    def _segment(self, i: int) -> bytes:
        off, n = self._p.segments[i]
        self._f.seek(off)
        ct = self._f.read(n)
        try:
            return self._cipher.open(i, ct, last=i == len(self._p.segments) - 1)
        except stream.SegmentError as e:
            raise _bad(self.name, f"segment {i}: {e}") from e

    def _plain(self, start: int, end: int) -> Iterator[bytes]:
        s = self._p.segment_size
        for i in range(start // s, -(-end // s)):
            seg = self._segment(i)
            yield seg[max(start - i * s, 0) : min(end - i * s, len(seg))]

    def iter_file(self, name: str) -> Iterator[bytes]:
        """The file's bytes in chunks; its SHA-256 is checked at the end.

        Raises:
            KeyError: no such file. TamperedError: the bytes do not match the manifest.
        """
        e = self._files[name]
        h = hashlib.sha256()
        for chunk in self._plain(e["offset"], e["offset"] + e["size"]):
            h.update(chunk)
            yield chunk
        if h.hexdigest() != e["sha256"]:
            raise _bad(self.name, f"file {name}: SHA-256 mismatch")

    def read(self, name: str) -> bytes:
        """The whole file (checked against its SHA-256 in the signed manifest)."""
        return b"".join(self.iter_file(name))

    def extract_to(self, directory: Path) -> list[Path]:
        """Write every file under ``directory`` (never overwrites); returns the paths."""
        out = []
        root = Path(directory)
        for name in self.names():
            dest = root.joinpath(*layout.check_name(name).split("/"))
            dest.parent.mkdir(parents=True, exist_ok=True)
            with dest.open("xb") as fh:
                for chunk in self.iter_file(name):
                    fh.write(chunk)
            out.append(dest)
        return out


def _cek(f: BinaryIO, p: layout.Parsed, keys: dict[str, KemPrivateKey], name: str) -> bytes:
    for key, enc in layout.wraps_for(p, keys):
        try:
            cek = key.unwrap(enc, layout.CEK_INFO)
        except (InvalidTag, ValueError):
            continue
        if not hmac.compare_digest(layout.cek_commitment(cek), p.cek_commit):
            raise _bad(name, "content key does not match its commitment")
        return cek
    _check_outer(f, p, p.signer, name)  # a tampered header must read as tampering
    raise NotARecipient(name)


def _load_manifest(oc: OpenedContainer, signer: HybridVerifier) -> dict[str, Any]:
    p, name = oc._p, oc.name
    plen = p.plain_len
    if plen < layout.TRAILER_LEN:
        raise _bad(name, "stream too short")
    (mlen,) = struct.unpack(">I", b"".join(oc._plain(plen - 4, plen)))
    start = plen - layout.TRAILER_LEN - mlen
    if start < 0:
        raise _bad(name, "manifest length out of range")
    tail = b"".join(oc._plain(start, plen - 4))
    mb, sig = tail[:mlen], tail[mlen:]
    if len(sig) != SIG_LEN or not signer.verify(sig, mb, layout.CTX_MANIFEST):
        raise _bad(name, "inner (manifest) signature is invalid")
    man = json.loads(mb)
    if man.get("v") != layout.VERSION or man.get("header_sha256") != p.header_digest.hex():
        raise _bad(name, "manifest does not belong to this header")
    pos = 0
    for e in man["files"]:
        layout.check_name(e["name"])
        if e["offset"] != pos or e["size"] < 0:
            raise _bad(name, "file table is inconsistent")
        pos += e["size"]
    if pos != start:
        raise _bad(name, "file table does not cover the stream")
    return man


def _full_pass(oc: OpenedContainer, signer: HybridVerifier) -> None:
    """Decrypt every segment once, hash every file, and check the outer signature."""
    p, f, name = oc._p, oc._f, oc.name
    outer = hashlib.sha256()
    f.seek(0)
    outer.update(f.read(p.ct_start))
    files = iter(oc.manifest["files"])
    cur, h, pos = None, hashlib.sha256(), 0
    for i, (off, n) in enumerate(p.segments):
        f.seek(off)
        ct = f.read(n)
        outer.update(ct)
        try:
            data = oc._cipher.open(i, ct, last=i == len(p.segments) - 1)
        except stream.SegmentError as e:
            raise _bad(name, f"segment {i} does not authenticate") from e
        mv = memoryview(data)
        while mv:
            while cur is None or pos == cur["offset"] + cur["size"]:
                if cur is not None and h.hexdigest() != cur["sha256"]:
                    raise _bad(name, f"file {cur['name']}: SHA-256 mismatch")
                cur, h = next(files, None), hashlib.sha256()
                if cur is None:
                    break
            if cur is None:
                break
            take = min(len(mv), cur["offset"] + cur["size"] - pos)
            h.update(mv[:take])
            mv, pos = mv[take:], pos + take
    if cur is not None and h.hexdigest() != cur["sha256"]:
        raise _bad(name, f"file {cur['name']}: SHA-256 mismatch")
    outer.update(struct.pack(">Q", p.ct_len))
    if not signer.verify(p.outer_sig, outer.digest(), layout.CTX_OUTER):
        raise _bad(name, "outer signature is invalid")


def open_container(
    stream_: BinaryIO,
    keys: KeyHolder | dict[str, KemPrivateKey],
    *,
    signer_public: Trusted = None,
    name: str = "?",
) -> OpenedContainer:
    """Decrypt and fully verify a container (outer and inner signatures, every file's SHA-256).

    Args:
        stream_: Seekable binary stream; keep it open while reading files.
        keys: An unlocked Keystore (or a dict of private KEM keys by key id).
        signer_public: The key that must have signed it; ``None`` trusts the key in the header
            (integrity only, not authorship).
        name: How to name the container in errors (its id).

    Raises:
        TamperedError: any check fails. NotARecipient: intact, but not encrypted for ``keys``.
    """
    keymap = keys if isinstance(keys, dict) else keys.decryption_keys()
    p = _parse(stream_, name)
    signer = layout.expected_signer(p, signer_public)
    if p.signer != signer:
        _check_outer(stream_, p, signer, name)
    cek = _cek(stream_, p, keymap, name)
    oc = OpenedContainer(stream_, p, stream.SegmentCipher(cek, p.prefix, p.header_digest), {}, name)
    try:
        oc.manifest = _load_manifest(oc, signer)
    except (ValueError, KeyError, TypeError) as e:
        raise _bad(name, f"malformed manifest ({e})") from e
    oc._files = {e["name"]: e for e in oc.manifest["files"]}
    _full_pass(oc, signer)
    return oc
