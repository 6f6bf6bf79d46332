"""Page work started while capture is still going on (``process``: the cores are not left idle
while the import decodes the rest of a batch).

Only the work starts early: a result is committed by :func:`digitize.pipeline.run.process_pages`
after capture has finished and been checked (a batch with an unreadable page is still stopped
whole before anything of it is kept), exactly as if the page had been submitted then. A few
pages at most are started early (their results wait in memory).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from concurrent.futures import Executor, Future
from pathlib import Path
from types import TracebackType
from typing import Any

from digitize.pipeline.pagework import (
    PROCESS_POOL_FROM,
    PageOutcome,
    page_pool,
    warm_up,
    work_page,
)

__all__ = ["Prestart", "dpi_estimated", "likely_batch"]


def dpi_estimated(row: dict[str, Any]) -> bool:
    """Whether the import guessed the page's resolution (its quality report says so)."""
    try:
        metrics = json.loads(row.get("quality") or "{}").get("metrics", {})
    except (ValueError, AttributeError):
        return False
    return bool(metrics.get("dpi_estimated"))


#: Files that may hold many pages.
MULTI_PAGE_SUFFIXES = frozenset({".pdf", ".tif", ".tiff"})


def likely_batch(paths: Sequence[Path]) -> bool:
    """Whether ``paths`` probably hold enough pages for worker processes: that many files, a
    folder, or a file of a multi-page format."""
    return len(paths) >= PROCESS_POOL_FROM or any(
        Path(p).is_dir() or Path(p).suffix.lower() in MULTI_PAGE_SUFFIXES for p in paths)


class Prestart:
    """Starts page work on pages as capture stages them, once the batch is big enough for
    worker processes (:data:`PROCESS_POOL_FROM` pages, or the first page when ``paths`` make
    a batch likely: :func:`likely_batch`); at most ``2 × jobs`` pages early.

    Use as a context manager around capture and :func:`process_pages` (which takes the pool
    and the started pages over); on an error the pages not started yet are cancelled.
    """

    def __init__(self, jobs: int, lang: str, profile: dict[str, Any] | None,
                 paths: Sequence[Path] = ()) -> None:
        self.jobs, self.lang, self.profile = max(1, jobs), lang, profile
        self.pool: Executor | None = None
        self._started: dict[int, Future[PageOutcome]] = {}
        self._waiting: list[tuple[int, bytes, dict[str, Any]]] = []
        #: pages staged before worker processes start: from the first page on when the
        #: inputs make a batch likely (their server then imports while the first page decodes)
        self._from = 1 if likely_batch(paths) else PROCESS_POOL_FROM
        self._warm = self._from == 1
        if self._warm:
            warm_up()

    def _warm_up(self) -> None:
        if not self._warm:
            self._warm = True
            warm_up()

    def staged(self, page_id: int, data: bytes, row: dict[str, Any]) -> None:
        """Capture stored page ``page_id`` (master image ``data``, its page ``row``)."""
        if len(self._started) + len(self._waiting) >= 2 * self.jobs:
            return  # enough work ahead; the rest waits for process_pages
        self._waiting.append((page_id, data, row))
        if self.pool is None and len(self._waiting) == PROCESS_POOL_FROM - 1:
            self._warm_up()  # a batch is likely now: the workers' server starts meanwhile
        if self.pool is None and len(self._waiting) < self._from:
            return  # one or two pages are read in threads, started with the others later
        if self.pool is None:
            # as many pages as a batch of unknown size: workers start as work comes
            self.pool = page_pool(self.jobs, max(self.jobs, PROCESS_POOL_FROM))
        for pid, master, r in self._waiting:
            self._started[pid] = self.pool.submit(work_page, master, r["dpi"] or 300,
                                                  self.lang, self.profile, dpi_estimated(r))
        self._waiting.clear()

    def take(self) -> dict[int, Future[PageOutcome]]:
        """The pages started so far (by page id); they are the caller's from now on."""
        started, self._started = self._started, {}
        return started

    def __enter__(self) -> Prestart:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=kind is not None)
