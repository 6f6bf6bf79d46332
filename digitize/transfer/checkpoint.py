"""Audit checkpoints that leave the machine: with every export, on paper, on removable media.

A copy of the archive folder put back (``catalog.db`` and ``audit.log`` rolled back together)
is a valid, shorter history: nothing local can tell. So every export writes, beside its
packages, a **checkpoint** signed by the office key: the audit log's head (sequence number and
hash of a hybrid-signed checkpoint entry) and the keystore generation. ``digitize verify
--against URL|FILE`` reads the newest one and reports a local log that no longer reaches it
(or differs at that entry), and a keystore older than the generation it names.

File (canonical JSON, UTF-8)::

    {"format": "digitize-audit-checkpoint", "version": 1, "office": CODE, "seq": N,
     "hash": HEX, "generation": G, "time": ISO, "sig": BASE64}

``sig`` is the office's hybrid signature (context ``digitize/audit/v1/export-checkpoint``) of
the canonical JSON of the other fields.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from archive._hazmat.keyfile import b64d, b64e, canonical_json
from archive.clock import now_iso
from archive.errors import ArchiveError, TamperedError
from archive.export.queue import PartRecord
from archive.export.targets import Expected, S3Target, Target
from digitize.errors import UsageError

__all__ = ["CHECKPOINT_NAME", "check_against", "load_checkpoint", "make_checkpoint",
           "put_checkpoint"]

FORMAT = "digitize-audit-checkpoint"
CTX = b"digitize/audit/v1/export-checkpoint"
CHECKPOINT_NAME = "audit-checkpoint.json"


def make_checkpoint(ws: Any, destination: str | None = None) -> bytes:
    """Seal the log with a hybrid checkpoint entry and sign its head with the office key
    (an admin's keystore; ``ws`` is the open Workspace). The keystore keeps it as the newest
    checkpoint, with ``destination`` (where it goes) among the places ``verify`` looks at.

    Raises:
        PermissionDenied: the role may not export.
    """
    ws.require("export")
    seq, digest = ws.audit.checkpoint(ws.actor)
    ws.catalog.set_setting("audit_head", [seq, digest])
    body = {"format": FORMAT, "version": 1, "office": ws.keys.office_code, "seq": seq,
            "hash": digest, "generation": int(ws.keys.generation), "time": now_iso()}
    body["sig"] = b64e(ws.keys.signer().sign(canonical_json(body), CTX))  # the office key
    ws.keys.note_checkpoint(body, destination)  # a copy outside the catalog and the log
    return json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"


def _key(target: Target, name: str) -> str:
    """The object key of ``name`` beside the packages (``key_for`` names ``*.dgz``)."""
    return target.key_for("x")[: -len("x.dgz")] + name


def put_checkpoint(target: Target, data: bytes) -> list[str]:
    """Write the checkpoint beside the packages: ``audit-checkpoint.json`` (the newest) and
    ``audit-checkpoint-<seq>.json`` (kept). Returns the keys written."""
    import hashlib
    import io

    seq = int(json.loads(data)["seq"])
    keys = []
    for name in (f"audit-checkpoint-{seq:010d}.json", CHECKPOINT_NAME):
        key = _key(target, name)
        upload = target.begin(key, {"kind": "audit-checkpoint"})
        sha = hashlib.sha256(data).digest()
        etag = target.put_part(key, upload, 1, io.BytesIO(data), len(data), sha)
        part = PartRecord(1, len(data), etag, sha.hex())
        target.complete(key, upload, [part])
        target.verify(key, Expected(len(data), sha.hex(), (part,)))
        keys.append(key)
    return keys


def load_checkpoint(where: str, *, endpoint: str | None = None,
                    access_key: str | None = None, secret_key: str | None = None) -> bytes:
    """The newest checkpoint at an export target (``file:///DIR``, ``s3://bucket/prefix``),
    in a folder, or a checkpoint file itself (removable media, a typed-in copy).

    Raises:
        UsageError: nothing readable there.
    """
    try:
        if where.startswith("s3://"):
            from archive.export.targets import parse_target

            t = parse_target(where, endpoint=endpoint, access_key=access_key,
                             secret_key=secret_key)
            assert isinstance(t, S3Target)
            got = t._call("get_object", Bucket=t.bucket, Key=_key(t, CHECKPOINT_NAME))
            return bytes(got["Body"].read())
        path = Path(unquote(urlparse(where).path)) if where.startswith("file:") else Path(where)
        return (path / CHECKPOINT_NAME if path.is_dir() else path).read_bytes()
    except (OSError, ArchiveError, KeyError) as e:
        raise UsageError(f"không đọc được điểm kiểm tra nhật ký / cannot read an audit "
                         f"checkpoint at {where}: {e}") from e


def check_against(ws: Any, data: bytes) -> list[str]:
    """What contradicts a checkpoint made earlier: a local log that no longer reaches it or
    differs there, a keystore older than its generation. Empty when all is consistent.

    Raises:
        TamperedError: the checkpoint itself is not signed by this office's key.
    """
    try:
        body = json.loads(data)
        sig = b64d(body.pop("sig"))
        ok = body.get("format") == FORMAT and ws.keys.verifier().verify(
            sig, canonical_json(body), CTX)
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        raise TamperedError(f"audit checkpoint: unreadable ({e})") from e
    if not ok:
        raise TamperedError("audit checkpoint: not signed by this office's key")
    seq, digest = int(body["seq"]), str(body["hash"])
    problems = []
    found = None
    n = 0
    try:
        for e in ws.audit.entries():
            n = e.seq
            if e.seq == seq:
                found = e.hash
                break
    except ArchiveError as e:
        problems.append(e.message("vi"))
    if found is None:
        problems.append(f"nhật ký bị quay lui: điểm kiểm tra ngày {body.get('time')} có mục "
                        f"{seq}, nhật ký chỉ còn {n} mục / audit log rolled back: the checkpoint "
                        f"of {body.get('time')} holds entry {seq}, the log has only {n}")
    elif found != digest:
        problems.append(f"nhật ký khác điểm kiểm tra tại mục {seq} / audit log differs from the "
                        f"checkpoint at entry {seq}")
    if int(body.get("generation", 0)) > int(ws.keys.generation):
        problems.append(f"keystore.json cũ hơn điểm kiểm tra (thế hệ {ws.keys.generation} < "
                        f"{body['generation']}) / keystore.json is older than the checkpoint")
    return problems
