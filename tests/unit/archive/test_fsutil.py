"""Atomic writes and the clean-up of interrupted ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.fsutil import atomic_write, cleanup_partials, partial_file


def test_atomic_write_replaces_whole_file(tmp_path: Path) -> None:
    p = tmp_path / "a.json"
    atomic_write(p, b"old")
    atomic_write(p, iter([b"n", b"e", b"w"]))
    assert p.read_bytes() == b"new"
    assert [x.name for x in tmp_path.iterdir()] == ["a.json"]


def test_failed_write_leaves_old_file_and_no_partial(tmp_path: Path) -> None:
    p = tmp_path / "a.json"
    atomic_write(p, b"old")

    def chunks():
        yield b"half"
        raise RuntimeError("disk gone")

    with pytest.raises(RuntimeError):
        atomic_write(p, chunks())
    assert p.read_bytes() == b"old"
    assert [x.name for x in tmp_path.iterdir()] == ["a.json"]


def test_cleanup_partials_removes_only_ours(tmp_path: Path) -> None:
    sub = tmp_path / "x" / "y"
    sub.mkdir(parents=True)
    (sub / "keep.partial").write_bytes(b"not ours")
    (tmp_path / "keep.txt").write_bytes(b"k")
    with pytest.raises(KeyboardInterrupt), partial_file(sub, "c.dgz") as (tmp, f):
        f.write(b"data")
        leftover = tmp
        raise KeyboardInterrupt  # removed by the context manager itself
    assert not leftover.exists()
    (sub / ".dgz-abc-c.dgz.partial").write_bytes(b"crash leftover")
    removed = cleanup_partials(tmp_path)
    assert [p.name for p in removed] == [".dgz-abc-c.dgz.partial"]
    assert (sub / "keep.partial").exists() and (tmp_path / "keep.txt").exists()
    assert cleanup_partials(tmp_path / "missing") == []
