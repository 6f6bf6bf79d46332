"""``ws.capture``: dossiers in capture: scan or import pages, arrange them, process and seal."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from digitize.model import ProcessResult
from digitize.progress import CancelToken, ProgressFn, no_progress
from digitize.roles import require
from digitize.store.vault import Vault

if TYPE_CHECKING:  # the pipeline, scanners and OCR are imported on first use (fast start-up)
    import threading

    from digitize.capture.page import CapturedPage
    from digitize.pipeline.staging import RemovedPage, StagedPage

__all__ = ["Capture"]


class Capture:
    """Capture and processing of dossiers on one vault."""

    def __init__(self, vault: Vault) -> None:
        self._v = vault

    # dossiers ---------------------------------------------------------------------------------
    def new_dossier(self, title: str) -> str:
        """Create an empty dossier in capture; its id."""
        from digitize.pipeline.run import new_dossier

        return new_dossier(self._v, title)

    def process(self, paths: Sequence[Path], *, title: str = "", jobs: int | None = None,
                lang: str = "vie", declared_secret: str = "",
                progress: ProgressFn = no_progress,
                cancel: CancelToken | None = None) -> ProcessResult:
        """The whole pipeline on files and folders (resumable: call again after a crash)."""
        from digitize.pipeline.run import process

        return process(self._v, paths, title=title, jobs=jobs, lang=lang,
                       declared_secret=declared_secret, progress=progress, cancel=cancel)

    def process_pages(self, did: str, *, jobs: int | None = None,
                      progress: ProgressFn = no_progress,
                      cancel: CancelToken | None = None, per_page: bool = False) -> None:
        """Clean and OCR the dossier's pages not processed yet. A page bearing a secrecy mark
        purges the dossier, or with ``per_page`` is withheld alone (see
        :mod:`digitize.pipeline.secret_pages`)."""
        from digitize.pipeline.run import process_pages

        process_pages(self._v, did, jobs=jobs, progress=progress, cancel=cancel,
                      per_page=per_page)

    # secrecy decisions (issue #18/#23) ----------------------------------------------------------
    def secret_pages(self, did: str) -> list[Any]:
        """Pages waiting for a secrecy decision (:class:`~digitize.pipeline.secret_pages.
        PendingPage`: seq, ``withheld`` | ``declassified``, mark)."""
        from digitize.pipeline.secret_pages import pending

        return list(pending(self._v, did))

    def remove_withheld(self, did: str) -> list[int]:
        """Drop the withheld pages for good; the rest can then be processed and sealed."""
        from digitize.pipeline.secret_pages import remove_withheld

        return remove_withheld(self._v, did)

    def move_offline(self, did: str) -> int:
        """Purge the whole dossier here (its paper goes to the offline workstation)."""
        from digitize.pipeline.secret_pages import move_offline

        return move_offline(self._v, did)

    def confirm_declassified(self, did: str, seq: int) -> None:
        """An archivist or admin confirms page ``seq``'s GIẢI MẬT stamp (audited)."""
        from digitize.pipeline.secret_pages import confirm_declassified

        confirm_declassified(self._v, did, seq)

    def confirm_declassified_cosigned(self, did: str, seq: int, confirmer: str,
                                      password: str) -> str:
        """An archivist or admin confirms page ``seq``'s GIẢI MẬT stamp in this (clerk's)
        session with their own name and password (:mod:`digitize.pipeline.cosign`); their
        user name."""
        from digitize.pipeline.cosign import confirm_cosigned

        return confirm_cosigned(self._v, did, seq, confirmer, password)

    def seal_dossier(self, did: str, *, progress: ProgressFn = no_progress) -> ProcessResult:
        """Split, assemble, sign, seal and index a processed dossier."""
        from digitize.pipeline.seal import seal_dossier

        return seal_dossier(self._v, did, progress=progress)

    def rename_dossier(self, did: str, title: str) -> None:
        """Retitle a dossier still in capture."""
        from digitize.pipeline.staging import rename_dossier

        require(self._v, "capture")
        rename_dossier(self._v, did, title)

    def delete_dossier(self, did: str) -> int:
        """Delete a dossier still in capture with its pages; how many pages went."""
        from digitize.pipeline.staging import delete_dossier

        require(self._v, "capture")
        return delete_dossier(self._v, did)

    def declare_secrecy(self, did: str, mark: str) -> None:
        """The clerk declares a secrecy mark (fails closed on a networked workstation)."""
        from digitize.pipeline.staging import declare_secrecy

        declare_secrecy(self._v, did, mark)

    # pages ------------------------------------------------------------------------------------
    def staged_pages(self, did: str) -> list[StagedPage]:
        """The dossier's pages in capture, in order."""
        from digitize.pipeline.staging import staged_pages

        return staged_pages(self._v, did)

    def thumbnail(self, did: str, seq: int, *, size: int = 180) -> bytes:
        """A small JPEG of page ``seq``."""
        from digitize.pipeline.staging import thumbnail

        return thumbnail(self._v, did, seq, size=size)

    def rotate_page(self, did: str, seq: int, quarter_turns: int) -> None:
        """Turn a page by quarter turns (clockwise)."""
        from digitize.pipeline.staging import rotate_page

        rotate_page(self._v, did, seq, quarter_turns)

    def move_page(self, did: str, seq: int, to_seq: int) -> None:
        """Move page ``seq`` to position ``to_seq``."""
        from digitize.pipeline.staging import move_page

        move_page(self._v, did, seq, to_seq)

    def delete_page(self, did: str, seq: int) -> RemovedPage:
        """Delete a page in capture; what is returned puts it back (:meth:`restore_page`)."""
        from digitize.pipeline.staging import delete_page

        return delete_page(self._v, did, seq)

    def restore_page(self, did: str, removed: RemovedPage) -> None:
        """Undo a deletion: the page (kept in memory) goes back to its place."""
        from digitize.pipeline.staging import restore_page

        restore_page(self._v, did, removed)

    def replace_page(self, did: str, seq: int, page: CapturedPage) -> None:
        """Replace a page by a new capture of it (a rescan)."""
        from digitize.pipeline.staging import replace_page

        replace_page(self._v, did, seq, page)

    def scan_into(self, did: str, device: str, *, source: str = "Flatbed", dpi: int = 300,
                  mode: str = "Color", pages: int | None = None,
                  progress: ProgressFn = no_progress, cancel: CancelToken | None = None,
                  reload: Callable[[int], bool] | None = None) -> int:
        """Scan a batch into the dossier; how many pages were added."""
        from digitize.pipeline.staging import scan_into

        return scan_into(self._v, did, device, source=source, dpi=dpi, mode=mode, pages=pages,
                         progress=progress, cancel=cancel, reload=reload)

    def import_into(self, did: str, paths: Sequence[Path], *,
                    progress: ProgressFn = no_progress, cancel: CancelToken | None = None
                    ) -> tuple[int, list[tuple[str, str]]]:
        """Import files into the dossier; (pages added, problems as (path, message))."""
        from digitize.pipeline.staging import import_into

        return import_into(self._v, did, paths, progress=progress, cancel=cancel)

    # scanners (no vault needed) ---------------------------------------------------------------
    @staticmethod
    def list_devices() -> list[Any]:
        """The scanners SANE sees."""
        from digitize.capture.scanner import list_devices

        return list_devices()

    @staticmethod
    def scan_batch(device: str, *, source: str = "Flatbed", dpi: int = 300, mode: str = "Color",
                   pages: int | None = None, cancel: threading.Event | None = None,
                   reload: Callable[[int], bool] | None = None,
                   options: Mapping[str, Any] | None = None, quality: bool = True,
                   prefetch: int = 0) -> Iterator[CapturedPage]:
        """Scan pages from a device (see :func:`digitize.capture.scanner.scan_batch`)."""
        from digitize.capture.scanner import scan_batch

        return scan_batch(device, source=source, dpi=dpi, mode=mode, pages=pages,
                          cancel=cancel, reload=reload, options=options, quality=quality,
                          prefetch=prefetch)
