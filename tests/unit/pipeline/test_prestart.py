"""Page work started during capture: a few pages, only once the batch is big enough."""

from __future__ import annotations

import json
import multiprocessing
import threading
from multiprocessing import forkserver
from pathlib import Path

import pytest

from digitize.pipeline import pagework, prestart
from digitize.pipeline.prestart import Prestart, dpi_estimated


def _fake_work(data: bytes, dpi: int, lang: str, profile: object, guessed: bool) -> tuple:
    return data, dpi, lang, profile, guessed


@pytest.fixture(autouse=True)
def _threads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIGITIZE_PAGE_WORKERS", "threads")
    monkeypatch.setattr(prestart, "work_page", _fake_work)


def _row(dpi: int = 200, guessed: bool = False) -> dict:
    metrics = {"dpi_estimated": 1.0} if guessed else {}
    return {"dpi": dpi, "quality": json.dumps({"metrics": metrics})}


def test_starts_from_the_third_page_and_at_most_two_per_job() -> None:
    with Prestart(2, "vie", {"k": 1}) as early:
        early.staged(1, b"a", _row())
        early.staged(2, b"b", _row())
        assert early.pool is None  # one or two pages: no worker processes for them
        early.staged(3, b"c", _row(100, guessed=True))
        assert early.pool is not None
        for pid in (4, 5, 6):
            early.staged(pid, b"x", _row())
        started = early.take()
        assert sorted(started) == [1, 2, 3, 4]  # 2 x jobs; the rest is process_pages' work
        assert started[3].result() == (b"c", 100, "vie", {"k": 1}, True)
        assert started[1].result() == (b"a", 200, "vie", {"k": 1}, False)
        assert early.take() == {}


def test_two_pages_start_nothing() -> None:
    with Prestart(4, "vie", None) as early:
        early.staged(1, b"a", _row())
        early.staged(2, b"b", _row())
        assert early.pool is None and early.take() == {}


def test_an_error_cancels_the_pages_not_started(monkeypatch: pytest.MonkeyPatch) -> None:
    go = threading.Event()

    def slow(*args: object) -> tuple:
        go.wait(5)
        return args

    monkeypatch.setattr(prestart, "work_page", slow)
    with pytest.raises(RuntimeError), Prestart(2, "vie", None) as early:
        for pid in (1, 2, 3):
            early.staged(pid, b"p", _row())
        started = dict(early._started)
        threading.Timer(0.3, go.set).start()  # the two running pages end a little later
        raise RuntimeError("capture failed")  # the third, not started yet, is cancelled
    assert started[3].cancelled()


def test_dpi_estimated_reads_the_quality_report() -> None:
    assert dpi_estimated(_row(guessed=True))
    assert not dpi_estimated(_row())
    assert not dpi_estimated({"quality": "not json"})
    assert not dpi_estimated({})


def test_likely_batch(tmp_path: Path) -> None:
    one = tmp_path / "a.jpg"
    assert not prestart.likely_batch([one])
    assert not prestart.likely_batch([one, tmp_path / "b.png"])
    assert prestart.likely_batch([one, tmp_path / "b.png", tmp_path / "c.png"])
    assert prestart.likely_batch([tmp_path / "scan.PDF"])
    assert prestart.likely_batch([tmp_path / "scan.tiff"])
    assert prestart.likely_batch([tmp_path])  # a folder


def test_the_worker_server_is_warmed_up_for_a_likely_batch_only(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    monkeypatch.setattr(prestart, "warm_up", lambda: calls.append(1))
    with Prestart(2, "vie", None, [tmp_path / "scan.pdf"]) as early:
        assert calls == [1]  # at once, while the first pages decode
        early.staged(1, b"a", _row())
        assert early.pool is not None  # a batch is likely: work starts on the first page
        assert sorted(early.take()) == [1]
    calls.clear()
    with Prestart(2, "vie", None, [tmp_path / "a.jpg"]) as early:
        early.staged(1, b"a", _row())
        assert calls == []  # a single image: no server for one page
        early.staged(2, b"b", _row())
        assert calls == [1]  # a second page: a batch is likely after all
        early.staged(3, b"c", _row())
        assert calls == [1]  # once


def test_warm_up_with_threads_starts_nothing() -> None:
    assert pagework.warm_up() is None  # DIGITIZE_PAGE_WORKERS=threads (fixture)


def test_warm_up_starts_the_fork_server_in_the_background(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DIGITIZE_PAGE_WORKERS")
    thread = pagework.warm_up()
    if "forkserver" not in multiprocessing.get_all_start_methods():
        assert thread is None  # workers are spawned here: nothing to warm up
        return
    assert thread is not None
    thread.join(30)
    assert not thread.is_alive()
    assert forkserver._forkserver._forkserver_pid is not None  # the pool forks from it now


def test_process_command_warms_the_server_up_before_opening_the_archive(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from digitize import cli

    calls: list[int] = []
    monkeypatch.setattr(pagework, "warm_up", lambda: calls.append(1))
    where = ["--archive", str(tmp_path / "none"), "--passphrase-file", str(tmp_path / "pw")]
    (tmp_path / "pw").write_text("sai-mat-khau\n")
    assert cli.main(["process", *where, str(tmp_path / "scan.pdf")]) != 0  # no archive there
    assert calls == [1]  # started before the archive was even opened
    calls.clear()
    assert cli.main(["process", *where, str(tmp_path / "one.jpg")]) != 0
    assert calls == []  # one image: no batch, no server
