"""Page work started during capture: a few pages, only once the batch is big enough."""

from __future__ import annotations

import json
import threading

import pytest

from digitize.pipeline import prestart
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
