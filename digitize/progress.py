"""Progress events and cancellation shared by the CLI, the GUI and the tests (no Qt here)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from digitize.errors import Cancelled

__all__ = ["CancelToken", "ProgressEvent", "ProgressFn", "no_progress"]


@dataclass(frozen=True)
class ProgressEvent:
    """One step of a long job: ``done`` of ``total`` units of ``stage``."""

    stage: str  # capture | clean_ocr | assemble | seal | upload | scan | ...
    done: int
    total: int
    page: int | None = None
    message: str = ""

    @property
    def fraction(self) -> float:
        """Progress in 0..1 (0 when the total is unknown)."""
        return self.done / self.total if self.total else 0.0


ProgressFn = Callable[[ProgressEvent], None]


def no_progress(_event: ProgressEvent) -> None:
    """A progress sink that ignores events."""


class CancelToken:
    """A thread-safe cancel flag checked between units of work."""

    def __init__(self) -> None:
        self.event = threading.Event()

    def cancel(self) -> None:
        """Ask the job to stop at its next check."""
        self.event.set()

    @property
    def cancelled(self) -> bool:
        """Whether cancellation was asked for."""
        return self.event.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` if cancellation was asked for."""
        if self.event.is_set():
            raise Cancelled()
