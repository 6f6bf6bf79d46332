"""Read-ahead: order kept, errors after the items before them, early stop closes the source."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from digitize.capture.readahead import read_ahead


def test_items_in_order_then_the_error() -> None:
    def source() -> Iterator[int]:
        yield from range(5)
        raise ValueError("kẹt giấy")

    got = []
    with pytest.raises(ValueError, match="kẹt giấy"):
        for item in read_ahead(source(), 2):
            got.append(item)
    assert got == [0, 1, 2, 3, 4]


def test_runs_in_another_thread_and_stops_early() -> None:
    threads: set[str] = set()
    closed = threading.Event()

    def source() -> Iterator[int]:
        try:
            for i in range(1000):
                threads.add(threading.current_thread().name)
                yield i
        finally:
            closed.set()  # e.g. the scanner is cancelled

    it = read_ahead(source(), 3, name="scan test:0")
    assert [next(it) for _ in range(4)] == [0, 1, 2, 3]
    it.close()
    assert closed.is_set()
    assert threads == {"scan test:0"}


def test_empty_source() -> None:
    assert list(read_ahead(iter([]), 1)) == []
