"""Hot folder: only complete files are handed out, each once, and moved aside atomically."""

from __future__ import annotations

import io
import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from digitize.capture import HotFolder
from digitize.capture.hotfolder import looks_complete
from digitize.errors import UnreadablePath


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def _jpeg() -> bytes:
    buf = io.BytesIO()
    img = np.random.default_rng(0).integers(0, 255, (300, 200, 3), dtype=np.uint8)
    Image.fromarray(img).save(buf, "JPEG", quality=80)
    return buf.getvalue()


@pytest.fixture
def hot(tmp_path: Path) -> tuple[HotFolder, Clock, Path]:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    clock = Clock()
    return HotFolder(inbox, tmp_path / "done", settle_seconds=2.0, clock=clock), clock, inbox


def _touch_mtime(path: Path, ns: int) -> None:
    os.utime(path, ns=(ns, ns))


def test_partial_file_waits_until_complete(hot: tuple[HotFolder, Clock, Path]) -> None:
    folder, clock, inbox = hot
    data = _jpeg()
    f = inbox / "quét 001.jpg"
    f.write_bytes(data[: len(data) // 2])  # the scanner is still writing
    assert folder.poll() == []
    clock.t += 5
    assert folder.poll() == []  # still, but no JPEG end marker: not complete
    with f.open("ab") as out:
        out.write(data[len(data) // 2:])
    _touch_mtime(f, 2_000_000_000_000_000_000)
    assert folder.poll() == []  # it changed: settle again
    clock.t += 1
    assert folder.poll() == []
    clock.t += 1.5
    assert folder.poll() == [f]
    clock.t += 10
    assert folder.poll() == []  # each file once


def test_file_open_for_writing_is_not_handed_out(hot: tuple[HotFolder, Clock, Path]) -> None:
    folder, clock, inbox = hot
    f = inbox / "a.tif"  # TIFF has no end marker: only the writer's open handle tells
    with f.open("wb") as out:
        out.write(b"II*\x00" + b"\x00" * 100)
        out.flush()
        folder.poll()
        clock.t += 3
        assert folder.poll() == []
    clock.t += 0.1
    assert folder.poll() == [f]


def test_incomplete_file_given_up_on_after_long_stillness(tmp_path: Path) -> None:
    clock = Clock()
    inbox = tmp_path / "in"
    inbox.mkdir()
    folder = HotFolder(inbox, tmp_path / "done", settle_seconds=1, give_up_seconds=20,
                       clock=clock)
    f = inbox / "bị cắt.jpg"
    f.write_bytes(_jpeg()[:500])
    folder.poll()
    clock.t += 5
    assert folder.poll() == []
    clock.t += 20
    assert folder.poll() == [f]  # the importer will report it as truncated


def test_temp_and_hidden_files_skipped_and_order(hot: tuple[HotFolder, Clock, Path]) -> None:
    folder, clock, inbox = hot
    data = _jpeg()
    for name in ("p10.jpg", "p2.jpg", "p1.jpg", ".p3.jpg", "p4.jpg.part", "p5.tmp"):
        (inbox / name).write_bytes(data)
    folder.poll()
    clock.t += 3
    assert [p.name for p in folder.poll()] == ["p1.jpg", "p2.jpg", "p10.jpg"]


def test_mark_done_moves_without_overwriting(hot: tuple[HotFolder, Clock, Path],
                                             tmp_path: Path) -> None:
    folder, clock, inbox = hot
    data = _jpeg()
    f = inbox / "trang.jpg"
    f.write_bytes(data)
    folder.poll()
    clock.t += 3
    assert folder.poll() == [f]
    first = folder.mark_done(f)
    assert first == tmp_path / "done" / "trang.jpg" and first.read_bytes() == data
    assert not f.exists()
    f.write_bytes(data + b"2")  # a new scan with the same name
    folder.poll()
    clock.t += 3
    assert folder.poll() == [f]  # a new file at the same path is new
    second = folder.mark_done(f)
    assert second.name == "trang (1).jpg"
    assert first.read_bytes() == data and second.read_bytes() == data + b"2"


def test_done_dir_inside_watched_folder_is_ignored(tmp_path: Path) -> None:
    clock = Clock()
    inbox = tmp_path / "in"
    inbox.mkdir()
    folder = HotFolder(inbox, inbox / "đã nhập", settle_seconds=1, clock=clock)
    f = inbox / "a.jpg"
    f.write_bytes(_jpeg())
    folder.poll()
    clock.t += 2
    folder.mark_done(folder.poll()[0])
    clock.t += 5
    assert folder.poll() == [] and folder.poll() == []


def test_missing_folder_raises(tmp_path: Path) -> None:
    with pytest.raises(UnreadablePath):
        HotFolder(tmp_path / "nope", tmp_path / "done").poll()


def test_structure_checks(tmp_path: Path) -> None:
    data = _jpeg()
    f = tmp_path / "x"
    for blob, whole in ((data, True), (data[:-10], False), (b"%PDF-1.4\n...%%EOF\n", True),
                        (b"%PDF-1.4\n...", False)):
        f.write_bytes(blob)
        assert looks_complete(f, len(blob)) is whole


def test_watch_hands_over_files_from_a_writer_thread(tmp_path: Path) -> None:
    import threading

    inbox = tmp_path / "in"
    inbox.mkdir()
    folder = HotFolder(inbox, tmp_path / "done", settle_seconds=0.05)
    data = _jpeg()
    stop = threading.Event()

    def scanner() -> None:
        for i in range(3):
            part = inbox / f"scan{i}.jpg.part"
            part.write_bytes(data)
            part.rename(inbox / f"scan{i}.jpg")  # how network scanners finish a file

    writer = threading.Thread(target=scanner)
    writer.start()
    got = []
    for path in folder.watch(interval=0.01, cancel=stop):
        got.append(folder.mark_done(path).name)
        if len(got) == 3:
            stop.set()
    writer.join()
    assert sorted(got) == ["scan0.jpg", "scan1.jpg", "scan2.jpg"]
