"""The content-addressed store: durable puts, no overwrite, verify, recovery."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from archive.container import open_container, write_container
from archive.errors import ArchiveError, RecordNotFound, TamperedError
from archive.keystore import Keystore
from archive.store import ContainerStore


def _put(store: ContainerStore, ks: Keystore, payload: bytes = b"page"):
    return store.put(
        lambda out: write_container(
            out,
            [("p.jpg", payload)],
            metadata={"n": 1},
            recipients=ks.recipients(),
            signer=ks.signer(),
            segment_size=128,
        )
    )


def test_put_open_ids_verify(tmp_path: Path, office: Keystore) -> None:
    store = ContainerStore(tmp_path)
    infos = [_put(store, office, os.urandom(300)) for _ in range(3)]
    assert store.ids() == sorted(i.id for i in infos)
    for info in infos:
        p = store.path(info.id)
        assert p == tmp_path / "containers" / info.id[:2] / f"{info.id}.dgz"
        assert not stat.S_IMODE(p.stat().st_mode) & 0o222  # read-only on disk
        store.verify(info.id, office.verifier(), keys=office)
        with store.open(info.id) as f:
            assert open_container(f, office).read("p.jpg")
    assert list((tmp_path / "containers").glob("*.partial")) == []


def test_missing_and_malformed_ids(tmp_path: Path) -> None:
    store = ContainerStore(tmp_path)
    with pytest.raises(RecordNotFound):
        store.open("ab" * 32)
    with pytest.raises(RecordNotFound):
        store.path("../../etc/passwd")
    assert store.ids() == [] and not store.has("x")


def test_edited_file_is_named_in_error(tmp_path: Path, office: Keystore) -> None:
    store = ContainerStore(tmp_path)
    info = _put(store, office)
    p = store.path(info.id)
    p.chmod(0o644)
    data = bytearray(p.read_bytes())
    data[len(data) // 2] ^= 4
    p.write_bytes(bytes(data))
    with pytest.raises(TamperedError, match=info.id):
        store.verify(info.id, office.verifier())


def test_never_overwrites(tmp_path: Path, office: Keystore) -> None:
    store = ContainerStore(tmp_path)
    info = _put(store, office)
    original = store.path(info.id).read_bytes()
    with store.open(info.id) as f:
        same = f.read()
    again = store.put(lambda out: (out.write(same), info)[1])  # same bytes, same address
    assert again.id == info.id and store.path(info.id).read_bytes() == original
    assert store.ids() == [info.id]


def test_failed_write_leaves_nothing(tmp_path: Path, office: Keystore) -> None:
    store = ContainerStore(tmp_path)

    def broken(out):
        out.write(b"DGZC partial bytes")
        raise OSError("disk full")

    with pytest.raises(OSError):
        store.put(broken)
    info = _put(store, office)
    with pytest.raises(ArchiveError):  # the writer lies about what it wrote
        store.put(lambda out: (out.write(b"other"), info)[1])
    assert store.ids() == [info.id]
    assert [p.name for p in (tmp_path / "containers").iterdir() if p.is_file()] == []


def test_recover_removes_leftovers(tmp_path: Path, office: Keystore) -> None:
    store = ContainerStore(tmp_path)
    info = _put(store, office)
    leftover = tmp_path / "containers" / ".dgz-0123456789ab-container.dgz.partial"
    leftover.write_bytes(b"DGZC half a container")
    assert store.recover() == [leftover]
    assert store.ids() == [info.id] and store.recover() == []


def test_random_damage_on_disk_is_named(tmp_path: Path, office: Keystore) -> None:
    import random

    store = ContainerStore(tmp_path)
    info = _put(store, office, os.urandom(900))
    p = store.path(info.id)
    good = p.read_bytes()
    p.chmod(0o644)
    rng = random.Random(7)
    for _ in range(150):
        bad = bytearray(good)
        if rng.random() < 0.7:
            bad[rng.randrange(len(bad))] ^= 1 << rng.randrange(8)
        else:
            bad = bad[: rng.randrange(len(bad))] if rng.random() < 0.5 else bad + b"\0"
        p.write_bytes(bytes(bad))
        with pytest.raises(TamperedError, match=info.id):
            store.verify(info.id, office.verifier(), keys=office)
    p.write_bytes(good)
    store.verify(info.id, office.verifier(), keys=office)
