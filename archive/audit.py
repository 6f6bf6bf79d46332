"""Append-only audit log: JSON lines, hash-chained, Ed25519 per entry, hybrid checkpoints."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from archive._hazmat.keyfile import b64d, b64e, canonical_json
from archive._hazmat.sign import ED_SIG_LEN, HybridSigner, HybridVerifier
from archive.clock import VN_TZ
from archive.errors import ArchiveError, DiskFull, TamperedError

if sys.platform != "win32":
    import fcntl

__all__ = ["AuditEntry", "AuditLog", "AuditReport"]

GENESIS = "0" * 64
CTX_ENTRY = b"digitize/audit/v1/entry"
CTX_CHECKPOINT = b"digitize/audit/v1/checkpoint"
CHECKPOINT_EVERY = 64
_ACTION = re.compile(r"^[a-z][a-z0-9_.-]{0,63}$")
_MAX_STR = 256
_FIELDS = ("seq", "kind", "time", "actor", "action", "record", "details", "prev")


@dataclass(frozen=True)
class AuditEntry:
    """One line of the log."""

    seq: int
    kind: str  # "event" or "checkpoint"
    time: str
    actor: str
    action: str
    record: str | None
    details: dict[str, Any]
    prev: str
    hash: str


@dataclass(frozen=True)
class AuditReport:
    """What ``verify`` found: entry count, chain head, last hybrid-signed checkpoint."""

    entries: int
    head_seq: int
    head_hash: str
    last_checkpoint: int
    unsealed: int  # events after the last checkpoint (covered by Ed25519 only)


def _entry_hash(body: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json({k: body[k] for k in _FIELDS})).hexdigest()


def _read_at(fd: int, n: int, offset: int) -> bytes:
    """Read ``n`` bytes at ``offset`` (portable ``pread``)."""
    os.lseek(fd, offset, os.SEEK_SET)
    out = bytearray()
    while len(out) < n and (chunk := os.read(fd, n - len(out))):
        out += chunk
    return bytes(out)


def _check_details(details: dict[str, Any]) -> None:
    """Ids, counts and codes only: short scalars, so no record content can slip in."""
    for k, v in details.items():
        if not isinstance(k, str) or len(k) > 32:
            raise ValueError(f"audit detail key {k!r} is not a short string")
        if v is not None and not isinstance(v, bool | int | str):
            raise ValueError(f"audit detail {k} must be a scalar (ids, counts, codes)")
        if isinstance(v, str) and len(v) > _MAX_STR:
            raise ValueError(f"audit detail {k} is too long; the log holds no record content")


class AuditLog:
    """The audit log at ``path``; opening it repairs a torn last line left by a crash.

    Args:
        path: The JSON-lines file.
        signer: The author's key, to append (``None``: read and verify only): the office key
            or a user's key that the office certified (issue #24).
        verifier: The office public key, to verify.
        keys_for: The certified keys of a user name: an entry verifies with the office key
            or with a key certified for the account its ``actor`` names.
        repair: Cut a torn last line on opening (a writer that holds the archive's lock).
    """

    def __init__(self, path: Path, signer: HybridSigner | None, verifier: HybridVerifier,
                 keys_for: Callable[[str], Sequence[HybridVerifier]] | None = None, *,
                 repair: bool = True) -> None:
        self.path = Path(path)
        self.signer = signer
        self.verifier = verifier
        self.keys_for = keys_for or (lambda _actor: ())
        self.repairs: list[str] = self._repair() if signer is not None and repair else []

    # -- reading ----------------------------------------------------------------------------

    def _check_line(self, line: bytes, seq: int, prev: str) -> dict[str, Any]:
        where = f"audit log entry {seq}"
        try:
            body = json.loads(line.decode("utf-8"))
            if not isinstance(body, dict) or set(body) != {*_FIELDS, "hash", "sig"}:
                raise ValueError("unexpected fields")
        except (ValueError, UnicodeDecodeError) as e:
            raise TamperedError(f"{where}: unreadable ({e})", entry=seq) from e
        if body["seq"] != seq:
            raise TamperedError(f"{where}: sequence number is {body['seq']}", entry=seq)
        if body["prev"] != prev:
            raise TamperedError(f"{where}: chain broken (previous hash differs)", entry=seq)
        if _entry_hash(body) != body["hash"]:
            raise TamperedError(f"{where}: content does not match its hash", entry=seq)
        try:
            sig = b64d(body["sig"])
        except (ValueError, AttributeError) as e:
            raise TamperedError(f"{where}: malformed signature", entry=seq) from e
        if not self._sig_ok(body, sig):
            raise TamperedError(f"{where}: signature is invalid", entry=seq)
        return body

    def _sig_ok(self, body: dict[str, Any], sig: bytes) -> bool:
        msg = bytes.fromhex(body["hash"])
        for key in (self.verifier, *self.keys_for(str(body["actor"]))):
            if body["kind"] == "checkpoint":
                if key.verify(sig, msg, CTX_CHECKPOINT):
                    return True
            elif body["kind"] == "event" and len(sig) == ED_SIG_LEN and \
                    key.verify_ed25519(sig, msg, CTX_ENTRY):
                return True
        return False

    def entries(self) -> Iterator[AuditEntry]:
        """Every entry, verified on the way; raises TamperedError at the first bad one."""
        prev, seq = GENESIS, 0
        with contextlib.suppress(FileNotFoundError), self.path.open("rb") as f:
            for line in f:
                seq += 1
                if not line.endswith(b"\n"):
                    raise TamperedError(f"audit log entry {seq}: incomplete last line", entry=seq)
                body = self._check_line(line[:-1], seq, prev)
                prev = body["hash"]
                yield AuditEntry(**{k: body[k] for k in (*_FIELDS, "hash")})

    def verify(self, *, expect_head: tuple[int, str] | None = None) -> AuditReport:
        """Check the whole chain and every signature.

        Args:
            expect_head: ``(seq, hash)`` recorded elsewhere (e.g. the catalog) to detect
                removal of the newest entries.

        Raises:
            TamperedError: naming the first bad entry.
        """
        n, head, cp = 0, GENESIS, 0
        for e in self.entries():
            n, head = e.seq, e.hash
            if e.kind == "checkpoint":
                cp = e.seq
        if expect_head is not None and expect_head[0] > n:
            raise TamperedError(f"audit log: entries after {n} are missing", entry=n + 1)
        if expect_head is not None and expect_head[0] > 0:
            found = next((e.hash for e in self.entries() if e.seq == expect_head[0]), None)
            if found != expect_head[1]:
                raise TamperedError(
                    f"audit log entry {expect_head[0]}: differs from the recorded head",
                    entry=expect_head[0],
                )
        return AuditReport(n, n, head, cp, n - cp)

    # -- writing ----------------------------------------------------------------------------

    def _tail(self, fd: int) -> tuple[int, str, str]:
        """(seq, hash, kind) of the last complete line, reading only the end of the file."""
        size = os.fstat(fd).st_size
        step = 1 << 16
        while True:
            start = max(0, size - step)
            data = _read_at(fd, size - start, start)
            lines = data.rstrip(b"\n").split(b"\n")
            if len(lines) > 1 or start == 0:
                break
            step *= 4
        if not lines[-1]:
            return 0, GENESIS, "checkpoint"
        try:
            body = json.loads(lines[-1])
            return int(body["seq"]), str(body["hash"]), str(body["kind"])
        except (ValueError, KeyError, TypeError) as e:
            raise TamperedError("audit log: the last entry is unreadable; not appending") from e

    def _append(
        self,
        fd: int,
        kind: str,
        actor: str,
        action: str,
        record: str | None,
        details: dict[str, Any],
        now: datetime | None,
    ) -> AuditEntry:
        assert self.signer is not None
        seq, prev, _ = self._tail(fd)
        body: dict[str, Any] = {
            "seq": seq + 1,
            "kind": kind,
            "time": (now or datetime.now(VN_TZ)).astimezone(VN_TZ).isoformat("T", "milliseconds"),
            "actor": actor,
            "action": action,
            "record": record,
            "details": details,
            "prev": prev,
        }
        body["hash"] = _entry_hash(body)
        msg = bytes.fromhex(body["hash"])
        sig = (
            self.signer.sign(msg, CTX_CHECKPOINT)
            if kind == "checkpoint"
            else self.signer.sign_ed25519(msg, CTX_ENTRY)
        )
        body["sig"] = b64e(sig)
        line = canonical_json(body) + b"\n"
        start = os.lseek(fd, 0, os.SEEK_END)
        try:
            written = os.write(fd, line)
        except OSError as e:
            if e.errno != errno.ENOSPC:
                raise
            written = -1
        if written != len(line):  # a full disk: cut the torn piece, or the next entry joins it
            os.ftruncate(fd, start)
            raise DiskFull("audit log: short write")
        os.fsync(fd)
        return AuditEntry(**{k: body[k] for k in (*_FIELDS, "hash")})

    def _open_locked(self) -> int:
        if self.signer is None:
            raise ArchiveError("audit log opened read-only")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
        if sys.platform != "win32":  # elsewhere the archive lock keeps to one writer
            fcntl.flock(fd, fcntl.LOCK_EX)
        return fd

    def append(
        self,
        actor: str,
        action: str,
        record: str | None = None,
        details: dict[str, Any] | None = None,
        *,
        now: datetime | None = None,
    ) -> AuditEntry:
        """Append one event (durable when this returns); every 64th line is a checkpoint.

        Args:
            actor: User name. action: Dotted code, e.g. ``dossier.store``. record: Record or
            container id. details: Short scalars (ids, counts, codes), never record content.
        """
        details = dict(details or {})
        _check_details(details)
        if not _ACTION.match(action):
            raise ValueError(f"audit action must be a dotted code, got {action!r}")
        if len(actor) > _MAX_STR or (record is not None and len(record) > _MAX_STR):
            raise ValueError("audit actor or record id too long")
        fd = self._open_locked()
        try:
            entry = self._append(fd, "event", actor, action, record, details, now)
            if (entry.seq + 1) % CHECKPOINT_EVERY == 0:
                self._append(fd, "checkpoint", actor, "log.checkpoint", None, {}, now)
            return entry
        finally:
            os.close(fd)

    def checkpoint(self, actor: str = "system", *, now: datetime | None = None
                   ) -> tuple[int, str]:
        """Seal all entries so far with a hybrid (Ed25519 + ML-DSA-65) signature, unless the
        last line already is a checkpoint. Call on close.

        Returns:
            ``(seq, hash)`` of the log's last line (the checkpoint), for the caller to record
            elsewhere so that cutting it off is detected.
        """
        fd = self._open_locked()
        try:
            seq, digest, kind = self._tail(fd)
            if kind != "checkpoint":
                entry = self._append(fd, "checkpoint", actor, "log.checkpoint", None, {}, now)
                seq, digest = entry.seq, entry.hash
            return seq, digest
        finally:
            os.close(fd)

    close = checkpoint

    def _repair(self) -> list[str]:
        """Cut a torn (incomplete or unsigned) last line; report what was done."""
        if not self.path.exists():
            return []
        fd = self._open_locked()
        try:
            size = os.fstat(fd).st_size
            data = _read_at(fd, min(size, 1 << 20), max(0, size - (1 << 20)))
            if not data or data.endswith(b"\n"):
                return []
            cut = data.rfind(b"\n") + 1
            last = data[cut:]
            keep = size - len(last)
            try:
                body = json.loads(last)
                signed = isinstance(body, dict) and isinstance(body.get("sig"), str)
            except (ValueError, UnicodeDecodeError):
                signed = False
            if signed:  # a whole line: complete it; verify() judges its signature
                os.write(fd, b"\n")
                os.fsync(fd)
                return [f"audit log: completed the newline of its last entry ({len(last)} bytes)"]
            os.ftruncate(fd, keep)
            os.fsync(fd)
            return [f"audit log: removed an incomplete last line ({len(last)} bytes) after a crash"]
        finally:
            os.close(fd)
