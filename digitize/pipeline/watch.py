"""Process what a network scanner writes into a hot folder: one dossier per complete file.

Each file handed out by :class:`digitize.capture.hotfolder.HotFolder` goes through
:func:`digitize.pipeline.run.process` exactly as ``digitize process FILE`` would: the secrecy
declaration is recorded, every page passes the gate, a marked page is withheld and the file is
left where it is (never moved to the done folder, never tried again in this run) so the clerk
can take it out and carry the paper to the offline workstation.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from digitize.capture.hotfolder import HotFolder
from digitize.errors import DigitizeError
from digitize.model import ProcessResult
from digitize.store.vault import Vault

__all__ = ["WatchOutcome", "watch_folder"]


@dataclass(frozen=True)
class WatchOutcome:
    """What became of one file: the result when stored, else the error that stopped it."""

    path: Path
    result: ProcessResult | None
    error: DigitizeError | None


def _files(folder: HotFolder, once: bool, interval: float,
           cancel: threading.Event | None) -> Iterator[Path]:
    if not once:
        yield from folder.watch(interval=interval, cancel=cancel)
        return
    folder.poll()  # first look: notes every file; a second one after the settle time
    threading.Event().wait(folder.settle_seconds)
    yield from folder.poll()


def watch_folder(ws: Vault, path: Path, *, done_dir: Path | None = None,
                 declared_secret: str = "", once: bool = False, settle_seconds: float = 2.0,
                 interval: float = 1.0, cancel: threading.Event | None = None,
                 jobs: int | None = None, lang: str = "vie",
                 report: Callable[[WatchOutcome], None] = lambda _o: None
                 ) -> list[WatchOutcome]:
    """Process each complete file of ``path`` as its own dossier (title: the file's name).

    Args:
        ws: The unlocked archive.
        path: The hot folder.
        done_dir: Where stored files are moved (default ``path/.done``).
        declared_secret: The clerk's declaration for everything in the folder ("" = none).
        once: Process the files complete now, then return; else run until ``cancel``.
        settle_seconds: Stillness a file needs before it counts as written.
        interval: Seconds between looks at the folder.
        cancel: Stops watching.
        jobs: Pages processed at once.
        lang: Tesseract languages.
        report: Called with each file's outcome as it is known.

    Returns:
        Every file's outcome, in order.
    """
    from digitize.pipeline.run import process

    folder = HotFolder(path, done_dir or Path(path) / ".done", settle_seconds=settle_seconds)
    outcomes = []
    for file in _files(folder, once, interval, cancel):
        try:
            result = process(ws, [file], title=file.stem, jobs=jobs, lang=lang,
                             declared_secret=declared_secret)
        except DigitizeError as e:  # refused, withheld, unreadable: the file stays put
            outcome = WatchOutcome(file, None, e)
        else:
            folder.mark_done(file)
            outcome = WatchOutcome(file, result, None)
        outcomes.append(outcome)
        report(outcome)
    return outcomes
