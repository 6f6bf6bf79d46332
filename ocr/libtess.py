"""Tesseract in this process: the same library the ``tesseract`` program runs, loaded once.

The command line starts a process, loads the language model and parses the image for every
page; measured on A4 pages that is a quarter of the CPU a page costs (0.62 s through the library
against 0.82 s through the program, words identical). Each thread keeps its own engine per
language (a Tesseract engine is not shared between threads); ctypes releases the GIL while
Tesseract works, so threads and worker processes read pages in parallel.

It is used in page-worker processes only (:func:`enable`). The engine is the system's
``libtesseract.so.5`` through its C API. Where it is missing, where
``DIGITIZE_TESSERACT`` points at another Tesseract (the packaged app), or with
``DIGITIZE_OCR_BACKEND=cli``, :func:`available` is False and callers use the program.
Cancelling and the time limit go through Tesseract's progress monitor, which it polls
while it recognises words.
"""

from __future__ import annotations

import atexit
import ctypes
import ctypes.util
import os
import threading
import time
from functools import lru_cache

import numpy as np

from ocr.errors import OcrCancelled, OcrFailed, OcrTimeout

__all__ = ["TSV_HEADER", "available", "enable", "run_tsv"]

#: The header line the program writes before TSV rows (the library gives rows only).
TSV_HEADER = ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\t"
              "height\tconf\ttext")

_P = ctypes.c_void_p
_CANCEL_FN = ctypes.CFUNCTYPE(ctypes.c_bool, ctypes.c_void_p, ctypes.c_int)
_SIGNATURES: dict[str, tuple[object, list[object]]] = {
    "TessVersion": (ctypes.c_char_p, []),
    "TessBaseAPICreate": (_P, []),
    "TessBaseAPIDelete": (None, [_P]),
    "TessBaseAPIEnd": (None, [_P]),
    "TessBaseAPIInit3": (ctypes.c_int, [_P, ctypes.c_char_p, ctypes.c_char_p]),
    "TessBaseAPISetVariable": (ctypes.c_bool, [_P, ctypes.c_char_p, ctypes.c_char_p]),
    "TessBaseAPISetPageSegMode": (None, [_P, ctypes.c_int]),
    "TessBaseAPISetImage": (None, [_P, _P, ctypes.c_int, ctypes.c_int,
                                   ctypes.c_int, ctypes.c_int]),
    "TessBaseAPISetSourceResolution": (None, [_P, ctypes.c_int]),
    "TessBaseAPIRecognize": (ctypes.c_int, [_P, _P]),
    "TessBaseAPIGetTsvText": (_P, [_P, ctypes.c_int]),
    "TessBaseAPIClear": (None, [_P]),
    "TessDeleteText": (None, [_P]),
    "TessMonitorCreate": (_P, []),
    "TessMonitorDelete": (None, [_P]),
    "TessMonitorSetCancelFunc": (None, [_P, _CANCEL_FN]),
    "TessMonitorSetDeadlineMSecs": (None, [_P, ctypes.c_int]),
}

_local = threading.local()
_live: set[int] = set()  # every engine not yet deleted (ended at exit)
_live_lock = threading.Lock()


_enabled = [os.environ.get("DIGITIZE_OCR_BACKEND") == "lib"]


def enable() -> None:
    """Use the library in this process from now on.

    Off by default: a fault inside Tesseract would take the whole process down, so only
    disposable page-worker processes (:mod:`digitize.pipeline.pagework`) turn it on; the app, the
    CLI's own threads and the tests' processes use the program, which a fault only costs one
    page. ``DIGITIZE_OCR_BACKEND=lib`` turns it on everywhere.
    """
    _enabled[0] = True


@lru_cache(maxsize=1)
def _library() -> ctypes.CDLL | None:
    if os.environ.get("DIGITIZE_TESSERACT") or os.environ.get("DIGITIZE_OCR_BACKEND") == "cli":
        return None
    # one OpenMP thread per engine: parallelism comes from pages (read when libgomp loads)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    name = ctypes.util.find_library("tesseract") or "libtesseract.so.5"
    try:
        lib = ctypes.CDLL(name)
        for fn, (res, args) in _SIGNATURES.items():
            f = getattr(lib, fn)
            f.restype, f.argtypes = res, args
        version = (lib.TessVersion() or b"0").decode("ascii", "replace")
    except (OSError, AttributeError):
        return None
    if not version[:1].isdigit() or int(version.split(".")[0]) < 5:
        return None
    atexit.register(_end_all, lib)
    return lib


def available() -> bool:
    """True when pages are read through the Tesseract library in this process (see
    :func:`enable`)."""
    return _enabled[0] and _library() is not None


def _delete(lib: ctypes.CDLL, handle: int) -> None:
    with _live_lock:
        if handle not in _live:
            return
        _live.discard(handle)
    lib.TessBaseAPIEnd(handle)
    lib.TessBaseAPIDelete(handle)


def _end_all(lib: ctypes.CDLL) -> None:
    for handle in list(_live):
        _delete(lib, handle)


class _Engines(dict[str, int]):
    """One thread's engines by language; deleted with the thread (about 12 MB each), so
    short-lived pool threads do not leave models behind."""

    def __init__(self, lib: ctypes.CDLL) -> None:
        super().__init__()
        self._lib = lib

    def __del__(self) -> None:
        for handle in self.values():
            _delete(self._lib, handle)


def _engine(lib: ctypes.CDLL, lang: str) -> int:
    """This thread's engine for ``lang`` (created and loaded on first use)."""
    engines: _Engines | None = getattr(_local, "engines", None)
    if engines is None:
        engines = _local.engines = _Engines(lib)
    handle = engines.get(lang)
    if handle is None:
        handle = lib.TessBaseAPICreate()
        if lib.TessBaseAPIInit3(handle, None, lang.encode()) != 0:
            lib.TessBaseAPIDelete(handle)
            from ocr import tesseract  # the program knows how to name the missing package

            tesseract.require(lang)
            raise OcrFailed(f"Tesseract could not load language '{lang}'")
        # Tesseract's diagnostics ("Detected 37 diacritics") would land on our stderr
        lib.TessBaseAPISetVariable(handle, b"debug_file", os.devnull.encode())
        with _live_lock:
            _live.add(handle)
        engines[lang] = handle
    return handle


def run_tsv(image: np.ndarray, *, lang: str = "vie", dpi: int = 300, psm: int = 3,
            timeout: float = 600.0, cancel: threading.Event | None = None,
            invert: bool = True) -> str:
    """Recognise a gray page and return Tesseract's TSV, as ``tesseract ... tsv`` prints it.

    Args:
        image: Gray ``uint8`` ``(h, w)`` array.
        lang: Tesseract languages (``"vie"``, ``"vie+eng"``).
        dpi: Resolution given to Tesseract.
        psm: Page segmentation mode.
        timeout: Seconds before the page is given up.
        cancel: When set, recognition stops and :class:`OcrCancelled` is raised.
        invert: Let Tesseract read a poorly read line again inverted, as white on black
            (its default, ``tessedit_do_invert``); ``False`` for images known to be black on
            white, where that second reading only costs time (about a fifth of it for
            short crops). This call only: the engine is left as it was.

    Returns:
        The TSV text, header line included.

    Raises:
        OcrFailed: The library is not available or recognition failed.
        OcrTimeout: ``timeout`` passed.
        OcrCancelled: ``cancel`` was set.
        TesseractMissing: The language data is not installed.
    """
    lib = _library()
    if lib is None:
        raise OcrFailed("the Tesseract library is not available")
    if image.ndim != 2 or image.dtype != np.uint8:
        raise OcrFailed("expected a gray uint8 image")
    if cancel is not None and cancel.is_set():
        raise OcrCancelled()
    api = _engine(lib, lang)
    img = np.ascontiguousarray(image)
    h, w = img.shape
    lib.TessBaseAPISetPageSegMode(api, psm)
    if not invert:
        lib.TessBaseAPISetVariable(api, b"tessedit_do_invert", b"0")
    lib.TessBaseAPISetVariable(api, b"user_defined_dpi", str(dpi).encode())
    lib.TessBaseAPISetImage(api, img.ctypes.data, w, h, 1, w)  # Tesseract copies the pixels
    lib.TessBaseAPISetSourceResolution(api, dpi)
    monitor = lib.TessMonitorCreate()
    stop = _CANCEL_FN(lambda _this, _words: bool(cancel is not None and cancel.is_set()))
    try:
        lib.TessMonitorSetCancelFunc(monitor, stop)
        lib.TessMonitorSetDeadlineMSecs(monitor, max(1, int(timeout * 1000)))
        t0 = time.monotonic()
        failed = lib.TessBaseAPIRecognize(api, monitor) != 0
        if cancel is not None and cancel.is_set():
            raise OcrCancelled()
        if failed:
            if time.monotonic() - t0 >= timeout:
                raise OcrTimeout(f"{timeout:.0f} s")
            raise OcrFailed("Tesseract could not recognise the page")
        ptr = lib.TessBaseAPIGetTsvText(api, 0)
        try:
            rows = ctypes.string_at(ptr).decode("utf-8", "replace") if ptr else ""
        finally:
            if ptr:
                lib.TessDeleteText(ptr)
    finally:
        lib.TessBaseAPIClear(api)
        lib.TessMonitorDelete(monitor)
        if not invert:
            lib.TessBaseAPISetVariable(api, b"tessedit_do_invert", b"1")
    return TSV_HEADER + "\n" + rows
