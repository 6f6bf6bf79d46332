"""Background work for the GUI: one writer thread, a reader pool, results on the GUI thread."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import isValid

from digitize.progress import CancelToken, ProgressEvent
from ui.errors import show_error

__all__ = ["BackgroundOp", "Job", "TaskRunner"]


@dataclass
class Job:
    """A running operation as the progress panel shows it."""

    id: int
    title: str
    cancel: CancelToken
    started: float = field(default_factory=time.monotonic)
    event: ProgressEvent | None = None
    done: bool = False


class TaskRunner(QObject):
    """Runs functions off the GUI thread and delivers their outcome on it.

    ``writer`` (one thread) runs everything that writes the archive, in order; ``processor``
    (one thread) runs the long dossier processing in order, beside the writer, so capture
    never waits for it (the catalog serialises the two threads' transactions); ``readers``
    run searches and image loading. A worker never touches widgets: it emits ``_deliver``
    with a closure, which the queued connection runs on the GUI thread. Progress events are
    only stored (latest per job, under a lock); a 100 ms timer emits ``progress``.
    """

    _deliver = Signal(object)
    progress = Signal(object)  # list[Job] (running jobs, latest events)
    job_finished = Signal(object)  # Job
    idle = Signal()

    def __init__(self, parent: QObject | None = None, *, readers: int = 2) -> None:
        super().__init__(parent)
        self.writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ui-writer")
        self.processor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ui-process")
        self.readers = ThreadPoolExecutor(max_workers=readers, thread_name_prefix="ui-reader")
        self._deliver.connect(self._run_closure, Qt.ConnectionType.QueuedConnection)
        self._lock = threading.Lock()
        self._jobs: dict[int, Job] = {}
        self._next = 1
        self._pending = 0
        self._chained = 0  # after_all runs not finished yet
        self._timer = QTimer(self)
        self._timer.setInterval(100)
        self._timer.timeout.connect(self._paint)
        self._timer.start()
        self._busy_cursor = False

    def _run_closure(self, fn: Callable[[], None]) -> None:
        fn()

    def _paint(self) -> None:
        with self._lock:
            jobs = [Job(j.id, j.title, j.cancel, j.started, j.event, j.done)
                    for j in self._jobs.values()]
        if jobs:
            self.progress.emit(jobs)

    @property
    def busy(self) -> bool:
        """Whether any submitted operation has not delivered its outcome yet."""
        return self._pending > 0

    def jobs(self) -> list[Job]:
        """Running jobs (copies)."""
        with self._lock:
            return list(self._jobs.values())

    def submit(self, fn: Callable[..., Any], *, on_success: Callable[[Any], None] | None = None,
               on_failure: Callable[[BaseException], None] | None = None, write: bool = False,
               title: str = "", parent: QWidget | None = None,
               lane: str = "") -> Job | None:
        """Run ``fn`` in a worker; call ``on_success(result)`` or ``on_failure(exc)`` later.

        With a ``title``, ``fn`` receives ``progress`` and ``cancel`` keyword arguments and
        the job appears in the progress panel. ``lane="process"`` runs it in the processing
        thread (one dossier after another) instead of the writer.
        """
        job = None
        kwargs: dict[str, Any] = {}
        if title:
            with self._lock:
                job = Job(self._next, title, CancelToken())
                self._jobs[job.id] = job
                self._next += 1

            def report(ev: ProgressEvent, job: Job = job) -> None:
                with self._lock:
                    job.event = ev

            kwargs = {"progress": report, "cancel": job.cancel}
        failure = on_failure or (lambda e: show_error(parent, e))
        self._pending += 1
        if write and not title:
            QTimer.singleShot(300, self._maybe_busy)  # no flashing: a busy cursor after 300 ms

        def work() -> None:
            try:
                result = fn(**kwargs)
            except BaseException as e:  # noqa: BLE001 - delivered to the GUI, never swallowed
                self._deliver.emit(lambda err=e: self._finish(job, failure, err))
            else:
                self._deliver.emit(lambda: self._finish(job, on_success, result))

        pool = self.processor if lane == "process" else (self.writer if write else self.readers)
        if write and lane != "process" and self._chained:
            pool, direct = self.processor, work  # behind a pending after_all, in order

            def work() -> None:
                self.writer.submit(direct).result()
        try:
            pool.submit(work)
        except RuntimeError:  # the runner was shut down (window closing): no new work starts
            self._pending -= 1
            if job is not None:
                job.cancel.cancel()
        return job

    def _maybe_busy(self) -> None:
        if self._pending and not self._busy_cursor and QApplication.instance() is not None:
            QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
            self._busy_cursor = True

    def _finish(self, job: Job | None, cb: Callable[[Any], None] | None, value: Any) -> None:
        self._pending -= 1
        if not self._pending and self._busy_cursor:
            QApplication.restoreOverrideCursor()
            self._busy_cursor = False
        if job is not None:
            with self._lock:
                job.done = True
                self._jobs.pop(job.id, None)
            self.job_finished.emit(job)
        try:
            owner = getattr(cb, "__self__", None)
            if isinstance(owner, QObject) and not isValid(owner):
                cb = None  # its view was closed (lock, sign-out) while the work ran
            if cb is not None:
                cb(value)
        finally:
            if not self._pending:
                self.idle.emit()

    def after_all(self, fn: Callable[[], Any]) -> None:
        """Run ``fn`` in the writer once the processing queued so far has ended (sign-out).

        It counts as pending work (``busy``), and writes submitted before it has run go
        through the same lane behind it: a sign-in right after a sign-out must not reach the
        writer before the old session is closed (it would wait for that session's lock in the
        very thread that is to release it).
        """
        self._pending += 1
        self._chained += 1

        def run() -> None:
            try:
                self.writer.submit(fn).result()
            finally:
                self._deliver.emit(self._chain_done)

        self.processor.submit(run)

    def _chain_done(self) -> None:
        self._chained -= 1
        self._finish(None, None, None)

    def stop_processing(self) -> None:
        """Cancel the processing lane and wait for the dossier in hand to stop (at exit)."""
        self.cancel_all()
        self.processor.shutdown(wait=True, cancel_futures=True)

    def cancel_all(self) -> None:
        """Ask every running job to stop at its next check."""
        for j in self.jobs():
            j.cancel.cancel()

    def shutdown(self) -> None:
        """Cancel jobs and wait for the workers (at exit)."""
        self.cancel_all()
        self._timer.stop()
        self.processor.shutdown(wait=True, cancel_futures=True)
        self.writer.shutdown(wait=True, cancel_futures=True)
        self.readers.shutdown(wait=True, cancel_futures=True)
        app = QApplication.instance()
        if app is not None:
            app.processEvents()


class BackgroundOp:
    """Builder over :class:`TaskRunner` (Anki's QueryOp shape).

    ``BackgroundOp(runner, fn).with_progress(title).on_success(cb).on_failure(cb).start()``
    """

    def __init__(self, runner: TaskRunner, fn: Callable[..., Any], *, write: bool = False,
                 parent: QWidget | None = None) -> None:
        self._runner, self._fn, self._write, self._parent = runner, fn, write, parent
        self._title = ""
        self._lane = ""
        self._ok: Callable[[Any], None] | None = None
        self._fail: Callable[[BaseException], None] | None = None

    def with_progress(self, title: str) -> BackgroundOp:
        """Show the job in the progress panel; ``fn`` gets ``progress`` and ``cancel``."""
        self._title = title
        return self

    def in_lane(self, lane: str) -> BackgroundOp:
        """Run in another lane than the writer (``"process"``: dossier processing)."""
        self._lane = lane
        return self

    def on_success(self, cb: Callable[[Any], None]) -> BackgroundOp:
        """Called on the GUI thread with the result."""
        self._ok = cb
        return self

    def on_failure(self, cb: Callable[[BaseException], None]) -> BackgroundOp:
        """Called on the GUI thread with the exception (default: ``show_error``)."""
        self._fail = cb
        return self

    def start(self) -> Job | None:
        """Submit it."""
        return self._runner.submit(self._fn, on_success=self._ok, on_failure=self._fail,
                                   write=self._write, title=self._title, parent=self._parent,
                                   lane=self._lane)
