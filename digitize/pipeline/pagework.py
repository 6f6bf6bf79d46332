"""The work done on one captured page, in a worker: decode, clean, OCR, secrecy check, encode.

It lives apart from :mod:`digitize.pipeline.run` so worker processes import only what page work
needs (no catalog, no cryptography), and so benchmarks can time exactly what the product runs.
"""

from __future__ import annotations

import ctypes
import json
import multiprocessing
import os
import sys
import threading
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any

import cv2
import numpy as np

from digitize.clean import CleanProfile, clean_page
from digitize.metadata.secrecy_gate import BatchReader, GateFinding, check_page, tesseract_reader
from digitize.pipeline import imagecodec
from ocr import libtess
from ocr.engine import recognize, upright
from ocr.model import OcrPage

__all__ = ["PROCESS_POOL_FROM", "PageOutcome", "gate", "keep_freed_memory", "page_pool",
           "warm_up", "work_page"]

#: From this many pages on, page work runs in worker processes: cleaning and post-correction
#: hold the GIL in places, and a GUI thread in the same process would stall behind them.
PROCESS_POOL_FROM = 3
#: Below this many OCR words, or this mean word confidence, nobody can be sure which way a page
#: is up (Tesseract's orientation check needs text): the secrecy gate reads it turned too.
FEW_WORDS = 40
LOW_CONF = 60.0
#: glibc ``mallopt`` settings of a page worker (:func:`keep_freed_memory`): blocks under this
#: come from the heap (a colour A4 page at 300 dpi is 26 MB, at 600 dpi 104 MB) ...
MMAP_THRESHOLD = 256 << 20
#: ... and this much freed memory at the heap's top stays with the worker.
TRIM_THRESHOLD = 1 << 30
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3  # glibc's <malloc.h> parameter numbers


@dataclass(frozen=True)
class PageOutcome:
    """What a worker sends back for one page (picklable)."""

    archive: bytes
    kind: str
    page: OcrPage
    report: dict[str, Any]
    history: list[dict[str, Any]]
    secrecy: str  # the state-secret mark found on the page, or ""
    declassified: bool = False  # the page bears GIẢI MẬT (waits for a confirmation)
    #: ``page`` as the catalog stores it (JSON), made in the worker: serialising a page's
    #: words costs ~0.07 s of the one thread that commits every page
    ocr_json: str = ""

    def page_json(self) -> str:
        """The OCR result as stored in the catalog."""
        return self.ocr_json or json.dumps(self.page.to_dict(), ensure_ascii=False)


def work_page(data: bytes, dpi: int, lang: str, profile: dict[str, Any] | None,
              dpi_estimated: bool = False) -> PageOutcome:
    """Clean, OCR and check one staged page for secrecy marks.

    Args:
        data: The captured page as stored (``master.jpg``/``master.png`` bytes).
        dpi: Its resolution.
        lang: Tesseract languages.
        profile: The office's cleaning profile (``CleanProfile.to_dict()``), or None.
        dpi_estimated: ``dpi`` was guessed (the file gave none): OCR then enlarges a
            low-resolution page by its letters' measured x-height instead.

    Returns:
        The encoded archive image (upright), the OCR result in its frame, the cleaning report
        and history, and the secrecy mark found ("" if none).
    """
    image = imagecodec.decode(data)
    cleaned = clean_page(image, dpi=dpi,
                         profile=CleanProfile.from_dict(profile) if profile else None)
    page = recognize(cleaned.ocr, lang=lang, dpi=dpi, tables=cleaned.tables,
                     x_height=cleaned.x_height if dpi_estimated else None)
    history = list(cleaned.history)
    archive = cleaned.archive
    if page.rotation:
        # OCR found the page still turned (its OSD check): store it upright, so the image,
        # the word boxes and the PDF all share one frame
        archive = upright(archive, page)
        history.append({"step": "ocr_orientation", "rotation": page.rotation})
        page = replace(page, rotation=0)
    mark = gate(image, archive, page, history, dpi, tesseract_reader(lang))
    archive_bytes, kind = imagecodec.encode_archive(archive)
    return PageOutcome(archive_bytes, kind, page, cleaned.report, history,
                       mark.level if mark else "", bool(mark and mark.declassified),
                       json.dumps(page.to_dict(), ensure_ascii=False))


def gate(image: np.ndarray, archive: np.ndarray, page: OcrPage, history: list[dict[str, Any]],
         dpi: int, reader: BatchReader) -> GateFinding | None:
    """The secrecy gate of one worked page (issue #18); in doubt it refuses.

    Stand-alone lines OCR read, and stamp-like shapes anywhere on the colour page read again
    upright (:func:`check_page` on the archive image). Then two ways a stamp could be left
    upside down, where the gate does not read: a page that cleaning or OCR turned (a wrong
    guess) is checked as it came too, and a page with too little or too poorly read text for
    anyone to know which way is up is checked turned as well.

    Args:
        image: The page as captured.
        archive: The cleaned, upright archive image (the frame of ``page``).
        page: Its OCR.
        history: The cleaning and orientation steps taken.
        dpi: Its resolution.
        reader: Reads upright one-line crops (Tesseract).
    """
    mark = check_page(archive, dpi, words=page.words, reader=reader)
    if not mark and _turned(history):
        mark = check_page(image, dpi, reader=reader)
    if not mark and (len(page.words) < FEW_WORDS or page.mean_conf < LOW_CONF):
        mark = check_page(np.ascontiguousarray(archive[::-1, ::-1]), dpi, reader=reader)
    return mark


def _turned(history: list[dict]) -> bool:
    """Whether cleaning or OCR turned the page by a quarter turn or more."""
    return any((h.get("step") == "rotate" and h.get("turn_deg", 0) % 360)
               or (h.get("step") == "ocr_orientation" and h.get("rotation", 0) % 360)
               for h in history)


def keep_freed_memory() -> bool:
    """Let this process reuse the memory of the page images it frees (glibc only).

    By default glibc hands every block over 128 kB–32 MB to the kernel as its own mapping and
    unmaps it when freed, so each of the many page-sized arrays a page's work makes (decoded,
    cleaned, enlarged, masks) faults its memory in afresh: measured on the 20 pages of
    ``bench.bench_process_real`` in one worker, 72 000 page faults and 1.18 s of kernel CPU,
    against 14 600 and 0.43 s with freed memory kept (same peak memory, same results). Only
    for page-worker processes, which live for a batch: the app's own memory is left alone.

    Returns:
        Whether the settings were taken (False where the C library has no ``mallopt``).
    """
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError, TypeError):  # not glibc (Windows, macOS, musl)
        return False
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    return bool(mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)) \
        and bool(mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD))


def _worker_init() -> None:
    """Worker processes run one page each on one core: OpenCV's own threads would only
    compete with the other workers' Tesseract (measured: +20% CPU for cleaning). They keep
    the memory they free for the next arrays (:func:`keep_freed_memory`), and read pages
    through the Tesseract library loaded once (:mod:`ocr.libtess`)."""
    cv2.setNumThreads(1)
    keep_freed_memory()
    libtess.enable()  # Tesseract in-process: a fault costs this worker, never the app


def _context() -> multiprocessing.context.BaseContext:
    """Fork workers from a fork server that has this module imported already (Linux): a
    worker then starts in milliseconds instead of ~0.5 s of CPU importing NumPy, OpenCV and
    the OCR code, and the server stays up for the next batch. The server is a fresh
    interpreter, not a fork of the caller, so it is as safe beside Qt's threads as spawning.
    Elsewhere (Windows, and the frozen bundle, whose runtime hook is tested with spawn)
    workers are spawned."""
    if getattr(sys, "frozen", False) or "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload([__name__])
    return ctx


def warm_up() -> threading.Thread | None:
    """Start the fork server (:func:`_context`) in a background thread, when workers come from
    one: it imports the page-work modules (~0.5 s) while the caller goes on capturing, instead
    of when the first worker is needed. Returns the thread, or None where there is no server."""
    if os.environ.get("DIGITIZE_PAGE_WORKERS") == "threads" \
            or _context().get_start_method() != "forkserver":
        return None
    from multiprocessing import forkserver

    thread = threading.Thread(target=forkserver.ensure_running, name="forkserver-warm-up",
                              daemon=True)
    thread.start()
    return thread


def page_pool(jobs: int, pages: int) -> Executor:
    """The pool page work runs in: worker processes (see :func:`_context`) for batches,
    threads for a page or two where starting processes would cost more than it saves
    (``DIGITIZE_PAGE_WORKERS=threads`` forces threads).

    Args:
        jobs: Pages worked on at once.
        pages: Pages to do.

    Returns:
        An executor; use it as a context manager.
    """
    if pages >= PROCESS_POOL_FROM and os.environ.get("DIGITIZE_PAGE_WORKERS") != "threads":
        return ProcessPoolExecutor(max_workers=min(jobs, pages), initializer=_worker_init,
                                   mp_context=_context())
    return ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="page")
