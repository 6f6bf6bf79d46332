"""The audit log: chain, signatures, checkpoints, torn-line repair, tamper detection."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from archive._hazmat.sign import HybridSigner
from archive.audit import CHECKPOINT_EVERY, AuditLog
from archive.errors import TamperedError

SIGNER = HybridSigner.generate()


def _log(tmp_path: Path, n: int = 5) -> AuditLog:
    log = AuditLog(tmp_path / "audit.log", SIGNER, SIGNER.public())
    for i in range(n):
        log.append("thu.nguyen", "dossier.store", f"H47.2026.{i:02d}", {"pages": i, "ok": True})
    return log


def _lines(tmp_path: Path) -> list[bytes]:
    return (tmp_path / "audit.log").read_bytes().splitlines(keepends=True)


def test_append_verify_and_time_format(tmp_path: Path) -> None:
    log = _log(tmp_path, 3)
    e = log.append("admin", "keys.backup", None, {}, now=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC))
    assert e.seq == 4 and e.time == "2026-01-02T10:04:05.000+07:00"
    rep = log.verify()
    assert rep.entries == 4 and rep.head_hash == e.hash and rep.unsealed == 4
    log.close()
    rep = log.verify()
    assert rep.entries == 5 and rep.last_checkpoint == 5 and rep.unsealed == 0
    log.close()  # nothing new: no second checkpoint
    assert log.verify().entries == 5
    assert [x.action for x in log.entries()][-1] == "log.checkpoint"


def test_checkpoints_roll(tmp_path: Path) -> None:
    log = _log(tmp_path, CHECKPOINT_EVERY + 2)
    kinds = [e.kind for e in log.entries()]
    assert kinds[CHECKPOINT_EVERY - 1] == "checkpoint" and kinds.count("checkpoint") == 1


@pytest.mark.parametrize("how", ["edit", "delete", "swap", "resign_ed_only", "insert"])
def test_tampering_names_the_entry(tmp_path: Path, how: str) -> None:
    _log(tmp_path, 6)
    lines = _lines(tmp_path)
    if how == "edit":
        lines[2] = lines[2].replace(b'"pages":2', b'"pages":9')
    elif how == "delete":
        del lines[2]
    elif how == "swap":
        lines[2], lines[3] = lines[3], lines[2]
    elif how == "insert":
        lines.insert(3, lines[3])
    else:  # an attacker with another key re-hashes and re-signs entry 3
        import hashlib

        from archive._hazmat.keyfile import b64e, canonical_json

        body = json.loads(lines[2])
        body["actor"] = "ke.gian"
        fields = {
            k: body[k]
            for k in ("seq", "kind", "time", "actor", "action", "record", "details", "prev")
        }
        body["hash"] = hashlib.sha256(canonical_json(fields)).hexdigest()
        body["sig"] = b64e(
            HybridSigner.generate().sign_ed25519(
                bytes.fromhex(body["hash"]), b"digitize/audit/v1/entry"
            )
        )
        lines[2] = canonical_json(body) + b"\n"
    (tmp_path / "audit.log").write_bytes(b"".join(lines))
    with pytest.raises(TamperedError, match=r"audit log entry [3-5]"):
        AuditLog(tmp_path / "audit.log", None, SIGNER.public()).verify()


def test_removing_newest_entries_needs_a_recorded_head(tmp_path: Path) -> None:
    log = _log(tmp_path, 5)
    head = (log.verify().head_seq, log.verify().head_hash)
    (tmp_path / "audit.log").write_bytes(b"".join(_lines(tmp_path)[:3]))
    assert log.verify().entries == 3  # a bare chain cannot see a cut tail...
    with pytest.raises(TamperedError, match="missing"):
        log.verify(expect_head=head)  # ...the head kept in the catalog can


def test_torn_last_line_is_repaired_and_reported(tmp_path: Path) -> None:
    _log(tmp_path, 3)
    whole = (tmp_path / "audit.log").read_bytes()
    (tmp_path / "audit.log").write_bytes(whole + b'{"seq":4,"kind":"ev')
    log = AuditLog(tmp_path / "audit.log", SIGNER, SIGNER.public())
    assert len(log.repairs) == 1 and "incomplete" in log.repairs[0]
    assert (tmp_path / "audit.log").read_bytes() == whole
    assert log.append("a", "x.y").seq == 4 and log.verify().entries == 4


def test_complete_line_missing_newline_is_kept(tmp_path: Path) -> None:
    _log(tmp_path, 3)
    whole = (tmp_path / "audit.log").read_bytes()
    (tmp_path / "audit.log").write_bytes(whole[:-1])
    log = AuditLog(tmp_path / "audit.log", SIGNER, SIGNER.public())
    assert "completed" in log.repairs[0] and log.verify().entries == 3


def test_torn_line_in_readonly_mode_is_reported_not_repaired(tmp_path: Path) -> None:
    _log(tmp_path, 2)
    with (tmp_path / "audit.log").open("ab") as f:
        f.write(b'{"seq":3')
    ro = AuditLog(tmp_path / "audit.log", None, SIGNER.public())
    with pytest.raises(TamperedError, match="entry 3"):
        ro.verify()


@pytest.mark.parametrize("details", [{"text": "x" * 500}, {"ocr": ["a"]}, {"k" * 40: 1}])
def test_no_record_content_in_details(tmp_path: Path, details: dict) -> None:
    log = AuditLog(tmp_path / "audit.log", SIGNER, SIGNER.public())
    with pytest.raises(ValueError):
        log.append("a", "dossier.edit", "H1", details)
    with pytest.raises(ValueError):
        log.append("a", "Not An Action")


def test_empty_or_missing_log_verifies(tmp_path: Path) -> None:
    assert AuditLog(tmp_path / "none.log", None, SIGNER.public()).verify().entries == 0


def test_refuses_to_append_after_a_damaged_last_line(tmp_path: Path) -> None:
    log = _log(tmp_path, 2)
    with (tmp_path / "audit.log").open("ab") as f:
        f.write(b"garbage that ends a line\n")
    with pytest.raises(TamperedError):
        log.append("a", "x.y")
