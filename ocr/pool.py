"""Recognise many pages at once: one Tesseract engine per core, results streamed in order.

Threads are enough: each page's work is Tesseract (the library with the GIL released, or the
program as fallback; one OpenMP thread each) plus a little Python, so a thread pool keeps
every core busy without starting Python processes or pickling page images. At most
``2 × jobs`` pages are in flight, so memory stays bounded for dossiers of hundreds of pages.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sized
from concurrent.futures import Future, ThreadPoolExecutor, wait

import numpy as np

from ocr.engine import OcrEngine, TesseractEngine, recognize
from ocr.errors import OcrCancelled
from ocr.model import OcrPage

__all__ = ["OcrPool", "default_jobs"]


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


class OcrPool:
    """A pool of OCR workers.

    Args:
        jobs: Pages recognised at once (default: the number of usable cores).
        engine: The engine (default :class:`~ocr.engine.TesseractEngine`); tests inject fakes.
        correct: Post-correct the text.
        tone_style: Tone-mark placement (``"old"``/``"new"``/``"keep"``).
    """

    def __init__(self, jobs: int | None = None, *, engine: OcrEngine | None = None,
                 correct: bool = True, tone_style: str = "old") -> None:
        self.jobs = jobs if jobs and jobs > 0 else default_jobs()
        self.engine = engine or TesseractEngine()
        self.correct = correct
        self.tone_style = tone_style

    def _one(self, image: np.ndarray, dpi: int, lang: str,
             cancel: threading.Event | None) -> OcrPage:
        if cancel is not None and cancel.is_set():
            raise OcrCancelled()
        if isinstance(self.engine, TesseractEngine):
            return recognize(image, lang=lang, dpi=dpi, correct=self.correct,
                             tone_style=self.tone_style, cancel=cancel)
        return self.engine.recognize(image, lang=lang, dpi=dpi, correct=self.correct)

    def map(self, images: Iterable[tuple[np.ndarray, int]], *, lang: str = "vie",
            progress: Callable[[int, int], None] | None = None,
            cancel: threading.Event | None = None) -> Iterator[OcrPage]:
        """Recognise ``(image, dpi)`` pages, yielding results in input order.

        Pages are read from ``images`` lazily, at most ``2 × jobs`` ahead of the consumer.

        Args:
            images: ``(image, dpi)`` pairs; a generator is fine.
            lang: Tesseract languages.
            progress: Called as ``progress(done, total)`` after each page (``total`` is 0 when
                ``images`` has no length).
            cancel: Set it to stop: pages not started are dropped, running Tesseract runs
                are stopped, and :class:`~ocr.errors.OcrCancelled` is raised.

        Yields:
            One :class:`~ocr.model.OcrPage` per input page, in order.

        Raises:
            OcrCancelled: ``cancel`` was set.
            OcrError: A page failed (the error of the first failed page, in order).
        """
        total = len(images) if isinstance(images, Sized) else 0
        source = iter(images)
        window = 2 * self.jobs
        pending: deque[Future[OcrPage]] = deque()
        done = 0
        with ThreadPoolExecutor(self.jobs, thread_name_prefix="ocr") as ex:
            try:
                while True:
                    while len(pending) < window:
                        if cancel is not None and cancel.is_set():
                            raise OcrCancelled()
                        item = next(source, None)
                        if item is None:
                            break
                        image, dpi = item
                        pending.append(ex.submit(self._one, image, dpi, lang, cancel))
                    if not pending:
                        return
                    head = pending[0]
                    while not wait([head], timeout=0.1).done:
                        if cancel is not None and cancel.is_set():
                            raise OcrCancelled()
                    pending.popleft()
                    page = head.result()
                    done += 1
                    if progress is not None:
                        progress(done, total)
                    yield page
            finally:
                for f in pending:
                    f.cancel()
