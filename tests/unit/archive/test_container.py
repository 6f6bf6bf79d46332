"""Containers: round trip, recipients, signers, names, streaming and extraction."""

from __future__ import annotations

import hashlib
import io
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from archive.container import open_container, read_header, verify_outer, write_container
from archive.errors import NotARecipient, TamperedError
from archive.keystore import Keystore, parse_public_bundle
from tests.unit.archive.conftest import make_container


def test_round_trip_for_office_and_central(office: Keystore, central: Keystore) -> None:
    files = [("a.pdf", os.urandom(1000)), ("b/ocr.txt", "Ủy ban nhân dân".encode()), ("e", b"")]
    data = make_container(office, files)
    for keys in (office, central):
        oc = open_container(io.BytesIO(data), keys, signer_public=office.verifier(), name="c1")
        assert oc.names() == ["a.pdf", "b/ocr.txt", "e"]
        assert {n: oc.read(n) for n in oc.names()} == dict(files)
        assert oc.metadata["title"] == "Hồ sơ thử"
        assert oc.manifest["files"][0]["sha256"] == hashlib.sha256(files[0][1]).hexdigest()
    verify_outer(io.BytesIO(data), office.verifier(), name="c1")
    # central storage verifies with nothing but the office's public key file
    verify_outer(io.BytesIO(data), parse_public_bundle(office.public_bundle()).verifier)


def test_info_id_is_sha256_of_bytes_and_time_is_vietnam(office: Keystore) -> None:
    buf = io.BytesIO()
    when = datetime(2026, 3, 1, 2, 0, tzinfo=UTC)
    info = write_container(
        buf,
        [("x", b"1")],
        metadata={},
        recipients=office.recipients(),
        signer=office.signer(),
        now=when,
    )
    assert info.id == hashlib.sha256(buf.getvalue()).hexdigest() and info.size == len(
        buf.getvalue()
    )
    assert info.created.utcoffset() == timedelta(hours=7)
    assert read_header(io.BytesIO(buf.getvalue()))["created"] == "2026-03-01T09:00:00+07:00"


def test_streams_and_many_segments(office: Keystore) -> None:
    big = os.urandom(50_000)
    buf = io.BytesIO()
    info = write_container(
        buf,
        [("big.jpg", io.BytesIO(big)), ("small", b"s")],
        metadata={},
        recipients=office.recipients(),
        signer=office.signer(),
        segment_size=1000,
    )
    oc = open_container(io.BytesIO(buf.getvalue()), office)
    assert oc.read("big.jpg") == big and oc.read("small") == b"s"
    assert b"".join(oc.iter_file("big.jpg")) == big
    assert info.manifest["files"][1]["offset"] == 50_000


def test_plaintext_does_not_appear_in_container(office: Keystore) -> None:
    marker = "CỤM-ĐÁNH-DẤU-DUY-NHẤT Quyết định".encode()
    data = make_container(office, [("t.txt", marker * 3)])
    assert marker not in data and b"Q\x00u\x00" not in data
    assert "Hồ sơ thử".encode() not in data  # metadata is encrypted too


def test_not_a_recipient(office: Keystore, fresh_keystore: tuple[Path, Keystore]) -> None:
    data = make_container(office)
    stranger = fresh_keystore[1]
    with pytest.raises(NotARecipient):
        open_container(io.BytesIO(data), stranger, name="c2")


def test_wrong_signer_is_tampered(office: Keystore, fresh_keystore: tuple[Path, Keystore]) -> None:
    data = make_container(office)
    other = fresh_keystore[1].verifier()
    with pytest.raises(TamperedError, match="c3"):
        verify_outer(io.BytesIO(data), other, name="c3")
    with pytest.raises(TamperedError, match="c3"):
        open_container(io.BytesIO(data), office, signer_public=other, name="c3")


def test_resigned_forgery_is_caught_by_expected_signer(
    office: Keystore, fresh_keystore: tuple[Path, Keystore]
) -> None:
    """Someone with their own keys builds a container for our recipients: header key differs."""
    thief = fresh_keystore[1]
    buf = io.BytesIO()
    write_container(
        buf, [("x", b"fake")], metadata={}, recipients=office.recipients(), signer=thief.signer()
    )
    with pytest.raises(TamperedError):
        open_container(io.BytesIO(buf.getvalue()), office, signer_public=office.verifier())


@pytest.mark.parametrize("name", ["", "/etc/passwd", "../x", "a/../b", "a//b", "a\\b", ".", "a/"])
def test_unsafe_names_are_refused(office: Keystore, name: str) -> None:
    with pytest.raises(ValueError):
        write_container(
            io.BytesIO(),
            [(name, b"x")],
            metadata={},
            recipients=office.recipients(),
            signer=office.signer(),
        )


def test_duplicate_names_and_no_recipients(office: Keystore) -> None:
    with pytest.raises(ValueError):
        write_container(
            io.BytesIO(),
            [("a", b"1"), ("a", b"2")],
            metadata={},
            recipients=office.recipients(),
            signer=office.signer(),
        )
    with pytest.raises(ValueError):
        write_container(
            io.BytesIO(), [("a", b"1")], metadata={}, recipients=[], signer=office.signer()
        )


def test_extract_to(tmp_path: Path, office: Keystore) -> None:
    files = [("docs/H47.2026.01.1.pdf", b"%PDF-1.7"), ("ocr/1.txt", "chữ".encode())]
    oc = open_container(io.BytesIO(make_container(office, files)), office)
    written = oc.extract_to(tmp_path / "out")
    assert [p.relative_to(tmp_path / "out").as_posix() for p in written] == [n for n, _ in files]
    assert (tmp_path / "out" / "ocr" / "1.txt").read_bytes() == "chữ".encode()
    with pytest.raises(FileExistsError):
        oc.extract_to(tmp_path / "out")


def test_read_rechecks_the_bytes(office: Keystore) -> None:
    """A container swapped under an open reader is caught on read, not returned."""
    data = bytearray(make_container(office, [("a", os.urandom(600))]))
    stream = io.BytesIO(bytes(data))
    oc = open_container(stream, office)
    raw = stream.getbuffer()
    raw[oc._p.ct_start + 5] ^= 1
    del raw
    with pytest.raises(TamperedError):
        oc.read("a")


def test_key_commitment_is_checked(office: Keystore) -> None:
    """A header whose commitment does not match the unwrapped content key is refused, so no
    two recipients can be given different plaintexts under one signature."""
    import base64
    import json as _json

    data = make_container(office)
    hlen = int.from_bytes(data[6:10], "big")
    header = _json.loads(data[10 : 10 + hlen])
    header["cek_commit"] = base64.b64encode(bytes(32)).decode()
    hb = _json.dumps(header, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    assert len(hb) == hlen
    forged = data[:10] + hb + data[10 + hlen :]
    with pytest.raises(TamperedError, match="commitment"):
        open_container(io.BytesIO(forged), office, name="c9")


def test_empty_container_and_default_segment_size(office: Keystore) -> None:
    buf = io.BytesIO()
    write_container(buf, [], metadata={"note": "no files"}, recipients=office.recipients(),
                    signer=office.signer())
    oc = open_container(io.BytesIO(buf.getvalue()), office, signer_public=office.verifier())
    assert oc.names() == [] and oc.metadata == {"note": "no files"}
    big = os.urandom(3 * (1 << 20) + 5)  # spans four 1 MiB segments
    buf = io.BytesIO()
    write_container(buf, [("scan.tif", big)], metadata={}, recipients=office.recipients(),
                    signer=office.signer())
    assert read_header(io.BytesIO(buf.getvalue()))["segment_size"] == 1 << 20
    assert open_container(io.BytesIO(buf.getvalue()), office).read("scan.tif") == big
