"""Scanning through SANE (python-sane): configure a device, scan a feeder batch page by page."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import cv2
import numpy as np

from digitize.capture.devices import (
    NO_DOCS,
    ScannerInfo,
    list_devices,
    map_sane_error,
    sane_session,
)
from digitize.capture.page import CapturedPage
from digitize.capture.quality import assess
from digitize.capture.readahead import read_ahead
from digitize.capture.sigpipe import ignore_sigpipe
from digitize.errors import (
    Cancelled,
    FeederEmpty,
    ScannerDisconnected,
    ScannerError,
    ScannerNotFound,
    ScannerOptionUnsupported,
)

__all__ = ["MODES", "SOURCES", "Scanner", "ScannerInfo", "list_devices", "open_scanner",
           "sane_session", "scan_batch"]

#: Sources a profile may name; mapped onto each backend's own option values.
SOURCES = ("Flatbed", "ADF", "ADF Duplex")
#: Colour modes a profile may name.
MODES = ("Color", "Gray", "Lineart")

_MODE_WORDS = {"Color": ("color", "colour", "24bit"), "Gray": ("gray", "grey"),
               "Lineart": ("lineart", "binary", "black & white", "black and white", "mono")}


def _match_source(wanted: str, choices: list[str]) -> str:
    low = [(c, c.casefold()) for c in choices]
    if wanted == "Flatbed":
        hits = [c for c, lc in low if "flatbed" in lc]
    elif wanted == "ADF Duplex":
        hits = [c for c, lc in low if "duplex" in lc]
    else:
        hits = [c for c, lc in low if ("adf" in lc or "feeder" in lc)
                and not any(w in lc for w in ("duplex", "back", "rear"))]
    if not hits:
        raise ScannerOptionUnsupported(option="source", value=wanted, choices=", ".join(choices))
    return hits[0]


def _closest(value: float, constraint: Any) -> float:
    if isinstance(constraint, tuple) and len(constraint) == 3:
        lo, hi, step = constraint
        v = min(max(value, lo), hi)
        return lo + round((v - lo) / step) * step if step else v
    if isinstance(constraint, list) and constraint:
        return min(constraint, key=lambda c: abs(c - value))
    return value


class Scanner:
    """An open SANE device; use as a context manager. See :func:`scan_batch`."""

    def __init__(self, device: str) -> None:
        sane = sane_session.ensure()
        self.device = device
        with sane_session.lock:
            try:
                self._dev = sane.open(device)
            except Exception as e:  # noqa: BLE001
                mapped = map_sane_error(e, device, 0)
                if type(mapped) in (ScannerError, ScannerDisconnected):
                    mapped = ScannerNotFound(str(e), device=device)  # absent or unplugged
                raise mapped from e
            sane_session.open += 1
        self._closed = False

    def option_choices(self, name: str) -> Any:
        """The constraint of a backend option (a list, a ``(min, max, step)`` range or None)."""
        opt = self._dev.opt.get(name.replace("-", "_"))
        return None if opt is None else opt.constraint

    def set_option(self, name: str, value: Any) -> None:
        """Set a backend option by its SANE name (``-`` or ``_``), e.g. ``br-y``.

        Raises:
            ScannerOptionUnsupported: The device has no such option or refuses the value.
        """
        key = name.replace("-", "_")
        if key not in self._dev.opt:
            raise ScannerOptionUnsupported(device=self.device, option=name, value=value,
                                           choices="-")
        try:
            setattr(self._dev, key, value)
        except Exception as e:  # noqa: BLE001 - AttributeError (inactive) or _sane.error
            raise ScannerOptionUnsupported(str(e), device=self.device, option=name,
                                           value=value,
                                           choices=self.option_choices(name)) from e

    def _configure(self, source: str, dpi: int, mode: str,
                   options: Mapping[str, Any] | None) -> int:
        if source not in SOURCES:
            raise ScannerOptionUnsupported(device=self.device, option="source", value=source,
                                           choices=", ".join(SOURCES))
        if mode not in MODES:
            raise ScannerOptionUnsupported(device=self.device, option="mode", value=mode,
                                           choices=", ".join(MODES))
        sources = self.option_choices("source")
        if sources:
            try:
                self.set_option("source", _match_source(source, list(sources)))
            except ScannerOptionUnsupported as e:
                raise ScannerOptionUnsupported(device=self.device, option="source",
                                               value=source, choices=", ".join(sources)) from e
        elif source != "Flatbed":
            raise ScannerOptionUnsupported(device=self.device, option="source", value=source,
                                           choices="Flatbed")
        modes = list(self.option_choices("mode") or [])
        if modes:
            hits = [m for m in modes if any(w in m.casefold() for w in _MODE_WORDS[mode])]
            if not hits and mode == "Lineart":
                hits = [m for m in modes if "gray" in m.casefold()]  # thresholded here
            if not hits:
                raise ScannerOptionUnsupported(device=self.device, option="mode", value=mode,
                                               choices=", ".join(modes))
            self.set_option("mode", hits[0])
        depths = self.option_choices("depth")
        if isinstance(depths, list) and 8 in depths and mode != "Lineart":
            self.set_option("depth", 8)
        if self.option_choices("resolution") is not None:
            self.set_option("resolution", _closest(dpi, self.option_choices("resolution")))
        for key, value in (options or {}).items():
            self.set_option(key, value)
        actual = dpi
        if "resolution" in self._dev.opt:
            actual = round(float(self._dev.resolution))
        return actual

    def _snap(self, feeder: bool, event: threading.Event | None) -> tuple[Any, ...]:
        """Read one page; a cancel during the read stops the scanner at once (sane_cancel)."""
        if event is None:
            try:
                return tuple(self._dev.dev.snap(feeder, True, None))
            finally:
                ignore_sigpipe()  # SANE's reader thread resets it (see capture/sigpipe.py)
        done = threading.Event()

        def watch() -> None:
            while not done.is_set():
                if event.wait(0.05):
                    self._cancel()  # SANE allows cancelling from another thread
                    return

        watcher = threading.Thread(target=watch, name="scan-cancel", daemon=True)
        watcher.start()
        try:
            got = tuple(self._dev.dev.snap(feeder, True, None))
        except Exception as e:  # noqa: BLE001 - _sane.error
            if event.is_set():
                raise Cancelled() from e  # the read failed because we cancelled it
            raise
        finally:
            done.set()
            watcher.join()
            ignore_sigpipe()  # SANE's reader thread resets it (see capture/sigpipe.py)
        if event.is_set():
            raise Cancelled()  # the page was cut short: it is not kept
        return got

    def _page(self, feeder: bool, bw: bool,
              event: threading.Event | None = None) -> tuple[np.ndarray, str]:
        data, width, height, samples, size = self._snap(feeder, event)
        if not data or width <= 0 or height == 0:
            raise ScannerError("the scanner returned no image data", device=self.device)
        arr = np.frombuffer(data, np.uint16 if size == 2 else np.uint8)
        rows = min(height, len(arr) // (width * samples)) if height > 0 else (
            len(arr) // (width * samples))  # hand scanners report -1 lines
        if rows <= 0:
            raise ScannerError("the scanner returned no image data", device=self.device)
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
        actual = self._configure(source, dpi, mode, options)
        feeder, duplex = source != "Flatbed", source == "ADF Duplex"
        event = getattr(cancel, "event", cancel)
        count, retried = 0, False
        try:
            while pages is None or count < pages:
                if event is not None and event.is_set():
                    raise Cancelled()
                try:
                    self._dev.start()
                except Exception as e:  # noqa: BLE001 - _sane.error
                    if not (feeder and str(e) == NO_DOCS):
                        raise map_sane_error(e, self.device, count) from e
                    if pages is None and count:
                        return  # the feeder is empty: the batch is complete
                    if reload is not None:
                        if reload(count):  # the clerk loaded more paper
                            continue
                    elif pages is not None and count and not retried:
                        retried = True  # a feeder may report empty between stacks
                        continue
                    raise FeederEmpty(str(e), device=self.device, pages=count,
                                      expected=pages if pages is not None else "≥ 1") from e
                try:
                    image, got_mode = self._page(feeder, mode == "Lineart", event)
                except Cancelled:
                    raise
                except ScannerError as e:
                    e.pages = e.fields["pages"] = count
                    raise
                except Exception as e:  # noqa: BLE001
                    raise map_sane_error(e, self.device, count,
                               pages if pages is not None else f"≥ {count + 1}") from e
                retried = False
                page = CapturedPage(image=image, dpi=actual, source=self.device, index=count,
                                    mode=got_mode, sheet=count // 2 if duplex else count,
                                    side=("front", "back")[count % 2] if duplex else None)
                if quality:
                    page.quality = assess(image, actual)
                count += 1
                yield page
                if not feeder and (pages is None or count >= pages
                                   or (reload is not None and not reload(count))):
                    return
        finally:
            self._cancel()

    def _cancel(self) -> None:
        try:
            self._dev.cancel()
        except Exception:  # noqa: BLE001, S110 - cancelling a device that is gone
            pass
        ignore_sigpipe()

    def close(self) -> None:
        """Release the device."""
        if self._closed:
            return
        self._closed = True
        with sane_session.lock:
            try:
                self._dev.close()
            finally:
                sane_session.open -= 1
                ignore_sigpipe()

    def __enter__(self) -> Scanner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


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
