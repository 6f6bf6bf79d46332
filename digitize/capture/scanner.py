"""Scanning through SANE: configure a device, scan a feeder batch page by page.

SANE itself never runs in this process: each open scanner (and each device listing) is a
spawned scanner host process (:mod:`digitize.capture.sane_host`) that this module drives over a
pipe, with a deadline on every step (:mod:`digitize.capture.sane_child`). A host that hangs
(issue #22: ``sane_cancel`` waiting forever for a dead reader thread) is killed and the scan
ends with a clear error; the pages already read stay the caller's.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import cv2
import numpy as np

from digitize.capture import sane_child
from digitize.capture.devices import ScannerInfo
from digitize.capture.page import CapturedPage
from digitize.capture.quality import assess
from digitize.capture.readahead import read_ahead
from digitize.capture.sane_child import (
    ScannerDriverCrashed,
    ScannerHost,
    ScannerNotResponding,
    Timeouts,
    decode_error,
)
from digitize.capture.sane_local import MODES, SOURCES, Frame
from digitize.errors import Cancelled, ScannerError

__all__ = ["MODES", "SOURCES", "Scanner", "ScannerDriverCrashed", "ScannerInfo",
           "ScannerNotResponding", "list_devices", "open_scanner", "scan_batch"]


def _timeouts() -> Timeouts:
    return sane_child.TIMEOUTS  # read at each use: tests shorten the deadlines


def _image(frame: Frame, bw: bool, device: str, pages: int) -> tuple[np.ndarray, str]:
    """A SANE frame as an 8-bit image and its mode (``color``, ``gray`` or ``bw``)."""
    data, width, height, samples, size = frame
    if not data or width <= 0 or height == 0:
        raise ScannerError("the scanner returned no image data", device=device, pages=pages)
    arr = np.frombuffer(data, np.uint16 if size == 2 else np.uint8)
    rows = min(height, len(arr) // (width * samples)) if height > 0 else (
        len(arr) // (width * samples))  # hand scanners report -1 lines
    if rows <= 0:
        raise ScannerError("the scanner returned no image data", device=device, pages=pages)
    arr = arr[: width * rows * samples].reshape(rows, width, samples)
    if size == 2:
        arr = (arr >> 8).astype(np.uint8)
    if samples == 3:
        return np.ascontiguousarray(arr), "color"
    gray = np.ascontiguousarray(arr[..., 0])
    if not bw:
        return gray, "gray"
    if ((gray != 0) & (gray != 255)).any():  # a gray scan standing in for line art
        _, gray = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    return gray, "bw"


class Scanner:
    """An open scanner (its own host process); use as a context manager. See
    :func:`scan_batch`.

    Raises:
        ScannerNotFound, ScannerBusy, ScannerAccessDenied, ScannerNotResponding,
        ScannerDriverCrashed: The device cannot be opened.
    """

    def __init__(self, device: str) -> None:
        self.device = device
        self.timeouts = _timeouts()
        self._host = ScannerHost(device, self.timeouts)
        self._closed = False
        try:
            self._call(("open", device), "open", self.timeouts.open)
        except BaseException:
            self.close()
            raise

    def _call(self, msg: tuple[Any, ...], step: str, timeout: float, pages: int = 0) -> Any:
        kind, value = self._host.request(msg, step=step, timeout=timeout, pages=pages)
        if kind == "error":
            raise decode_error(value, self.device)
        return value

    def option_choices(self, name: str) -> Any:
        """The constraint of a backend option (a list, a ``(min, max, step)`` range or None)."""
        return self._call(("choices", name), "options", self.timeouts.control)

    def set_option(self, name: str, value: Any) -> None:
        """Set a backend option by its SANE name (``-`` or ``_``), e.g. ``br-y``.

        Raises:
            ScannerOptionUnsupported: The device has no such option or refuses the value.
        """
        self._call(("set", name, value), "options", self.timeouts.control)

    def scan(self, *, source: str = "Flatbed", dpi: int = 300, mode: str = "Color",
             pages: int | None = None, cancel: threading.Event | None = None,
             reload: Callable[[int], bool] | None = None,
             options: Mapping[str, Any] | None = None,
             quality: bool = True, prefetch: int = 0) -> Iterator[CapturedPage]:
        """Scan pages one by one; see :func:`scan_batch` for the arguments."""
        pages_ = self._pages(source, dpi, mode, pages, cancel, reload, options, quality)
        if prefetch > 0:
            return read_ahead(pages_, prefetch, name=f"scan {self.device}")
        return pages_

    def _pages(self, source: str, dpi: int, mode: str, pages: int | None,
               cancel: threading.Event | None, reload: Callable[[int], bool] | None,
               options: Mapping[str, Any] | None, quality: bool) -> Iterator[CapturedPage]:
        actual = self._call(("batch", source, dpi, mode, pages, reload is not None,
                             dict(options or {})), "options", self.timeouts.control)
        duplex = source == "ADF Duplex"
        event = getattr(cancel, "event", cancel)
        count = 0
        try:
            while True:
                if event is not None and event.is_set():
                    raise Cancelled()
                kind, value = self._host.request(("next",), step="page",
                                                 timeout=self.timeouts.page, pages=count,
                                                 cancel=event, reload=reload)
                if kind == "end":
                    break
                if kind == "error":
                    raise decode_error(value, self.device)
                if event is not None and event.is_set():
                    raise Cancelled()  # the page was cut short: it is not kept
                image, got_mode = _image(value, mode == "Lineart", self.device, count)
                page = CapturedPage(image=image, dpi=actual, source=self.device, index=count,
                                    mode=got_mode, sheet=count // 2 if duplex else count,
                                    side=("front", "back")[count % 2] if duplex else None)
                if quality:
                    page.quality = assess(image, actual)
                count += 1
                yield page
        except BaseException:
            self._finish(count, quiet=True)  # the error in hand says more than a stuck cancel
            raise
        self._finish(count, quiet=False)

    def _finish(self, pages: int, *, quiet: bool) -> None:
        """Stop the device after a batch (sane_cancel), under the watchdog."""
        if self._host.dead:
            return
        try:
            self._call(("finish",), "cancel", self.timeouts.control, pages)
        except ScannerError:
            if not quiet:
                raise

    def close(self) -> None:
        """Release the device and end its host process."""
        if self._closed:
            return
        self._closed = True
        self._host.close()

    def __enter__(self) -> Scanner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def list_devices(*, local_only: bool = False) -> list[ScannerInfo]:
    """The scanners SANE finds (``digitize devices``), asked in a host process.

    Args:
        local_only: Skip network scanners.

    Raises:
        ScannerError: SANE cannot be initialised; ScannerNotResponding: it took too long.
    """
    timeouts = _timeouts()
    host = ScannerHost("SANE", timeouts)
    try:
        kind, value = host.request(("devices", local_only), step="devices",
                                   timeout=timeouts.devices, pages=0)
    finally:
        host.close()
    if kind == "error":
        raise decode_error(value, "SANE")
    return [ScannerInfo(*d) for d in value]


def open_scanner(device: str) -> Scanner:
    """Open ``device`` (keep it open across batches to save the warm-up of real scanners).

    Raises:
        ScannerNotFound, ScannerBusy, ScannerAccessDenied: The device cannot be opened.
    """
    return Scanner(device)


def scan_batch(device: str, *, source: str = "Flatbed", dpi: int = 300, mode: str = "Color",
               pages: int | None = None, cancel: threading.Event | None = None,
               reload: Callable[[int], bool] | None = None,
               options: Mapping[str, Any] | None = None,
               quality: bool = True, prefetch: int = 0) -> Iterator[CapturedPage]:
    """Scan a batch, yielding each page as soon as it is read.

    A feeder batch runs until the feeder is empty or ``pages`` are scanned; a flatbed scans
    one page, or ``pages`` pages asking ``reload`` between them. Pages already yielded are
    the caller's: an error raised later never takes them back.

    Args:
        device: SANE device name, e.g. ``"test:0"``.
        source: ``"Flatbed"``, ``"ADF"`` or ``"ADF Duplex"`` (matched to the backend's names).
        dpi: Resolution; the closest the device offers is used and recorded on the page.
        mode: ``"Color"``, ``"Gray"`` or ``"Lineart"``.
        pages: Stop after this many pages (``None``: until the feeder is empty).
        cancel: Checked between pages (``threading.Event`` or ``CancelToken``).
        reload: Asked ``reload(pages_so_far)`` when the feeder runs empty before ``pages``
            or before the next flatbed page; return True once the clerk has loaded paper.
            Without it, an empty feeder is retried once before :class:`FeederEmpty`.
        options: Raw backend options set last, e.g. ``{"br-y": 297}``.
        quality: Run :func:`digitize.capture.quality.assess` on every page.
        prefetch: Pages read (and checked) ahead in a worker thread while the caller stores
            the previous ones, so the feeder keeps moving (``reload`` is then called from
            that thread); 0 reads only when asked. With read-ahead, a caller that stops on
            its own (instead of letting ``cancel`` raise here) drops the pages read ahead,
            whose sheets have already gone through the feeder.

    Raises:
        ScannerNotFound, ScannerBusy, ScannerJammed, ScannerCoverOpen, ScannerDisconnected,
        ScannerAccessDenied, FeederEmpty, ScannerOptionUnsupported, ScannerError: with the
            number of pages kept; Cancelled when ``cancel`` was set.
    """
    with open_scanner(device) as scanner:
        yield from scanner.scan(source=source, dpi=dpi, mode=mode, pages=pages, cancel=cancel,
                                reload=reload, options=options, quality=quality,
                                prefetch=prefetch)
