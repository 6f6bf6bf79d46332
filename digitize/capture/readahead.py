"""Read ahead: run a page iterator in its own thread so the device never waits for the consumer."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from typing import TypeVar

__all__ = ["read_ahead"]

T = TypeVar("T")
_END = object()


class _Raised:
    def __init__(self, error: BaseException) -> None:
        self.error = error


def read_ahead(source: Iterator[T], depth: int, *, name: str = "read-ahead") -> Iterator[T]:
    """Yield the items of ``source``, produced by a worker thread up to ``depth`` items ahead.

    An exception of ``source`` is raised here after the items produced before it. When the
    consumer stops early (``close()``, an exception in its loop), the worker closes ``source``
    (running its ``finally`` blocks, e.g. cancelling the scanner) before this returns.

    Args:
        source: The iterator; it runs entirely in the worker thread.
        depth: How many items may wait (at least 1).
        name: The worker thread's name.
    """
    items: queue.Queue[object] = queue.Queue(maxsize=max(1, depth))
    stop = threading.Event()

    def put(item: object) -> bool:
        while not stop.is_set():
            try:
                items.put(item, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False

    def work() -> None:
        try:
            for item in source:
                if not put(item):
                    break
            else:
                put(_END)
        except BaseException as e:  # noqa: BLE001 - handed over to the consumer
            put(_Raised(e))
        finally:
            close = getattr(source, "close", None)
            if close is not None:
                close()

    worker = threading.Thread(target=work, name=name, daemon=True)
    worker.start()
    try:
        while True:
            got = items.get()
            if got is _END:
                return
            if isinstance(got, _Raised):
                raise got.error
            yield got  # type: ignore[misc]
    finally:
        stop.set()
        worker.join()
