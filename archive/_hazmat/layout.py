"""Hazmat: container byte layout (preamble, header, segments, footer) and its strict parser."""

from __future__ import annotations

import hashlib
import json
import struct
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any, BinaryIO

from archive._hazmat import kem, sign, stream
from archive._hazmat.kdf import hkdf
from archive._hazmat.keyfile import b64d

MAGIC = b"DGZC"
END_MAGIC = b"DGZE"
VERSION = 1
PREAMBLE = struct.Struct(">4sHI")  # magic, version, header length
FOOTER_LEN = 8 + sign.SIG_LEN + 4  # ciphertext length u64, outer signature, end magic
MAX_HEADER = 1 << 20
CEK_INFO = b"digitize/container/v1/cek"
CEK_COMMIT_INFO = b"digitize/container/v1/commit"
CTX_OUTER = b"digitize/container/v1/outer"
CTX_MANIFEST = b"digitize/container/v1/manifest"
TRAILER_LEN = sign.SIG_LEN + 4  # after the manifest: inner signature, manifest length u32
SUITE = {
    "aead": "AES-256-GCM-STREAM",
    "kem": "HPKE-base/MLKEM768-X25519/HKDF-SHA256/AES-256-GCM",
    "sig": "Ed25519+ML-DSA-65",
}
CHUNK = 1 << 20


class LayoutError(Exception):
    """The bytes do not follow the container layout."""


@dataclass(frozen=True)
class Parsed:
    """A container's parsed frame (nothing decrypted, nothing verified yet)."""

    header: dict[str, Any]
    header_digest: bytes  # SHA-256 of preamble || header
    ct_start: int
    ct_len: int
    total: int
    segments: stream.SegmentTable  # absolute (offset, length) of each ciphertext segment
    segment_size: int
    prefix: bytes
    signer: sign.HybridVerifier
    outer_sig: bytes
    cek_commit: bytes

    @property
    def plain_len(self) -> int:
        """Total plaintext length of the stream."""
        return self.ct_len - stream.TAG_LEN * len(self.segments)


def _read_exact(f: BinaryIO, n: int) -> bytes:
    data = f.read(n)
    if len(data) != n:
        raise LayoutError("unexpected end of file")
    return data


def _check_header(h: Any) -> None:
    if not isinstance(h, dict) or h.get("v") != VERSION or h.get("suite") != SUITE:
        raise LayoutError("header version or suite not supported")
    s = h.get("segment_size")
    if not isinstance(s, int) or not 1 <= s <= stream.MAX_SEGMENT:
        raise LayoutError("segment size out of range")
    rec = h.get("recipients")
    if not isinstance(rec, list) or not rec:
        raise LayoutError("no recipients")
    for r in rec:
        if not isinstance(r, dict) or not all(isinstance(r.get(k), str) for k in ("kid", "enc")):
            raise LayoutError("malformed recipient entry")
    if not isinstance(h.get("created"), str) or not isinstance(h.get("cek_commit"), str):
        raise LayoutError("malformed creation time or key commitment")


def parse(f: BinaryIO) -> Parsed:
    """Read and check the frame of a container; raises LayoutError."""
    f.seek(0, 2)
    total = f.tell()
    if total < PREAMBLE.size + FOOTER_LEN:
        raise LayoutError("too short to be a container")
    f.seek(0)
    pre = _read_exact(f, PREAMBLE.size)
    magic, version, hlen = PREAMBLE.unpack(pre)
    if magic != MAGIC:
        raise LayoutError("bad magic (not a container)")
    if version != VERSION:
        raise LayoutError(f"unsupported format version {version}")
    if not 0 < hlen <= MAX_HEADER or PREAMBLE.size + hlen + FOOTER_LEN > total:
        raise LayoutError("header length out of range")
    hb = _read_exact(f, hlen)
    try:
        header = json.loads(hb.decode("utf-8"))
        _check_header(header)
        prefix = b64d(header["nonce_prefix"])
        signer = sign.HybridVerifier.from_bytes(b64d(header["signer"]))
        commit = b64d(header["cek_commit"])
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as e:
        raise LayoutError(f"malformed header: {e}") from e
    if len(prefix) != stream.PREFIX_LEN or len(commit) != 32:
        raise LayoutError("bad nonce prefix or key commitment")
    f.seek(total - FOOTER_LEN)
    footer = _read_exact(f, FOOTER_LEN)
    (ct_len,) = struct.unpack(">Q", footer[:8])
    if footer[-4:] != END_MAGIC:
        raise LayoutError("bad end magic (truncated or appended)")
    ct_start = PREAMBLE.size + hlen
    if ct_start + ct_len + FOOTER_LEN != total:
        raise LayoutError("length mismatch (truncated or appended)")
    try:
        segments = stream.segment_layout(ct_len, header["segment_size"], ct_start)
    except ValueError as e:
        raise LayoutError(str(e)) from e
    return Parsed(
        header=header,
        header_digest=hashlib.sha256(pre + hb).digest(),
        ct_start=ct_start,
        ct_len=ct_len,
        total=total,
        segments=segments,
        segment_size=header["segment_size"],
        prefix=prefix,
        signer=signer,
        outer_sig=footer[8 : 8 + sign.SIG_LEN],
        cek_commit=commit,
    )


def outer_digest(f: BinaryIO, p: Parsed) -> bytes:
    """SHA-256 of everything the outer signature covers (all bytes up to the signature)."""
    h = hashlib.sha256()
    f.seek(0)
    left = p.total - FOOTER_LEN + 8
    while left:
        chunk = _read_exact(f, min(CHUNK, left))
        h.update(chunk)
        left -= len(chunk)
    return h.digest()


def wraps_for(
    p: Parsed, keys: dict[str, kem.KemPrivateKey]
) -> list[tuple[kem.KemPrivateKey, bytes]]:
    """The (private key, wrapped content key) pairs this reader can try."""
    out = []
    for r in p.header["recipients"]:
        key = keys.get(r["kid"])
        if key is not None:
            try:
                out.append((key, b64d(r["enc"])))
            except ValueError:
                continue
    return out


def cek_commitment(cek: bytes) -> bytes:
    """HKDF-SHA256(CEK, info "digitize/container/v1/commit"): every recipient gets the same key."""
    return hkdf(cek, CEK_COMMIT_INFO)


def check_name(name: str) -> str:
    """Accept only relative POSIX file names without ``..``; returns the name.

    Raises:
        ValueError: the name could escape a folder or is empty.
    """
    p = PurePosixPath(name)
    if (
        not isinstance(name, str)
        or not name
        or "\\" in name
        or "\x00" in name
        or p.is_absolute()
        or any(part in ("", ".", "..") for part in name.split("/"))
        or len(name.encode("utf-8")) > 1024
    ):
        raise ValueError(f"unsafe file name in container: {name!r}")
    return name


#: Who may have signed: the office key, or it and the user keys it certified (#24).
Trusted = sign.HybridVerifier | Collection[sign.HybridVerifier] | None


def expected_signer(p: Parsed, trusted: Trusted) -> sign.HybridVerifier:
    """The key to check ``p`` against: the header's key if trusted (``None``: any)."""
    if trusted is None or isinstance(trusted, sign.HybridVerifier):
        return trusted or p.signer
    keys = list(trusted)
    return p.signer if p.signer in keys else keys[0]
