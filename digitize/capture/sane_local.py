"""One SANE device driven in this process: the scanner host process's side (see sane_host).

Only :mod:`digitize.capture.sane_host` uses this, inside its own child process: SANE backends
run reader threads that can deadlock the process that calls them (issue #22), so the app never
loads a backend into its own process. Frames are returned raw; the app turns them into pages.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from digitize.capture.devices import NO_DOCS, map_sane_error, sane_session
from digitize.capture.sigpipe import ignore_sigpipe
from digitize.errors import (
    Cancelled,
    FeederEmpty,
    ScannerDisconnected,
    ScannerError,
    ScannerNotFound,
    ScannerOptionUnsupported,
)

__all__ = ["MODES", "SOURCES", "Frame", "LocalDevice"]

#: Sources a profile may name; mapped onto each backend's own option values.
SOURCES = ("Flatbed", "ADF", "ADF Duplex")
#: Colour modes a profile may name.
MODES = ("Color", "Gray", "Lineart")
#: One page as SANE returns it: (bytes, pixels per line, lines, samples per pixel, bytes each).
Frame = tuple[bytes, int, int, int, int]

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


class LocalDevice:
    """An open SANE device in this process."""

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
        self._wake = threading.Event()

    def option_choices(self, name: str) -> Any:
        """The constraint of a backend option (a list, a ``(min, max, step)`` range or None)."""
        opt = self._dev.opt.get(name.replace("-", "_"))
        return None if opt is None else opt.constraint

    def set_option(self, name: str, value: Any) -> None:
        """Set a backend option by its SANE name (``-`` or ``_``).

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

    def configure(self, source: str, dpi: int, mode: str,
                  options: Mapping[str, Any] | None) -> int:
        """Set source, mode, depth, resolution and raw options; returns the resolution used."""
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
                hits = [m for m in modes if "gray" in m.casefold()]  # thresholded by the app
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

    def _snap(self, feeder: bool, event: threading.Event) -> Frame:
        """Read one page; a cancel during the read stops the scanner at once (sane_cancel)."""
        wake = self._wake = threading.Event()  # set by interrupt() or when the read ends
        if event.is_set():
            wake.set()

        def watch() -> None:
            wake.wait()
            if event.is_set():
                self.cancel()  # SANE allows cancelling from another thread

        watcher = threading.Thread(target=watch, name="scan-cancel", daemon=True)
        watcher.start()
        try:
            got = tuple(self._dev.dev.snap(feeder, True, None))
        except Exception as e:  # noqa: BLE001 - _sane.error
            if event.is_set():
                raise Cancelled() from e  # the read failed because we cancelled it
            raise
        finally:
            wake.set()
            watcher.join()
            ignore_sigpipe()  # SANE's reader thread resets it (see capture/sigpipe.py)
        if event.is_set():
            raise Cancelled()  # the page was cut short: it is not kept
        return got  # type: ignore[return-value]

    def frames(self, source: str, pages: int | None, event: threading.Event,
               reload: Callable[[int], bool] | None) -> Iterator[Frame]:
        """Read pages one by one (each only when asked); see ``scanner.scan_batch``.

        The device is not cancelled when this stops: the host does that as its own step, after
        it has told the app how the batch ended (a cancel can hang inside SANE).
        """
        feeder = source != "Flatbed"
        count, retried = 0, False
        while pages is None or count < pages:
            if event.is_set():
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
                frame = self._snap(feeder, event)
            except (Cancelled, ScannerError):
                raise
            except Exception as e:  # noqa: BLE001
                raise map_sane_error(e, self.device, count,
                                     pages if pages is not None else f"≥ {count + 1}") from e
            retried = False
            count += 1
            yield frame
            if not feeder and (pages is None or count >= pages
                               or (reload is not None and not reload(count))):
                return

    def interrupt(self) -> None:
        """Called from another thread once the cancel event is set: stop the page being read
        now instead of when it ends."""
        self._wake.set()

    def cancel(self) -> None:
        """Stop the scan in progress (sane_cancel); a device that is gone is ignored."""
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
