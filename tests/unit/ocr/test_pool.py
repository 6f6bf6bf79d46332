"""The page pool with an injected engine: order, bounded read-ahead, progress, cancel, errors."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Iterator

import numpy as np
import pytest

from ocr.errors import OcrCancelled, OcrFailed
from ocr.model import OcrPage
from ocr.pool import OcrPool


class FakeEngine:
    """Returns the page number as text after a random short delay."""

    def __init__(self, fail_on: int = -1) -> None:
        self.fail_on = fail_on
        self.running = 0
        self.peak = 0
        self.lock = threading.Lock()

    def recognize(self, image: np.ndarray, *, lang: str = "vie", dpi: int = 300,
                  correct: bool = True) -> OcrPage:
        n = int(image[0, 0])
        with self.lock:
            self.running += 1
            self.peak = max(self.peak, self.running)
        time.sleep(random.uniform(0.0, 0.02))
        with self.lock:
            self.running -= 1
        if n == self.fail_on:
            raise OcrFailed(f"page {n}")
        return OcrPage(str(n), (), 1, 1, dpi, 0.0, lang, str(n))


def _pages(n: int, counter: list[int] | None = None) -> Iterator[tuple[np.ndarray, int]]:
    for i in range(n):
        if counter is not None:
            counter.append(i)
        yield np.full((2, 2), i, np.uint8), 300


def test_results_come_in_input_order() -> None:
    engine = FakeEngine()
    out = [p.text for p in OcrPool(3, engine=engine).map(_pages(40))]
    assert out == [str(i) for i in range(40)]
    assert 1 < engine.peak <= 3


def test_read_ahead_is_bounded() -> None:
    read: list[int] = []
    results = OcrPool(2, engine=FakeEngine()).map(_pages(100, read))
    next(results)
    time.sleep(0.1)
    assert len(read) <= 2 * 2 + 1
    results.close()


def test_progress_reports_done_and_total() -> None:
    calls: list[tuple[int, int]] = []
    pages = list(_pages(5))
    list(OcrPool(2, engine=FakeEngine()).map(pages, progress=lambda d, t: calls.append((d, t))))
    assert calls == [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]


def test_cancel_raises_and_stops_reading() -> None:
    cancel = threading.Event()
    read: list[int] = []
    got = []
    with pytest.raises(OcrCancelled):
        for page in OcrPool(2, engine=FakeEngine()).map(_pages(1000, read), cancel=cancel):
            got.append(page.text)
            if len(got) == 3:
                cancel.set()
    assert got == ["0", "1", "2"]
    assert len(read) < 20


def test_a_failed_page_raises_its_error_in_order() -> None:
    got = []
    with pytest.raises(OcrFailed):
        for page in OcrPool(2, engine=FakeEngine(fail_on=4)).map(_pages(10)):
            got.append(page.text)
    assert got == ["0", "1", "2", "3"]


def test_default_jobs_uses_the_cores() -> None:
    assert OcrPool().jobs >= 1
    assert OcrPool(0).jobs >= 1
