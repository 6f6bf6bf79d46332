"""SANE devices: the once-per-process SANE session, the device list, and SANE's errors as ours.

The session and the list run in the scanner host process (:mod:`digitize.capture.sane_host`).
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from typing import Any

from digitize.errors import (
    FeederEmpty,
    ScannerAccessDenied,
    ScannerBusy,
    ScannerCoverOpen,
    ScannerDisconnected,
    ScannerError,
    ScannerJammed,
)

__all__ = ["NO_DOCS", "ScannerInfo", "list_local_devices", "map_sane_error", "sane_session"]

NO_DOCS = "Document feeder out of documents"
_ERRORS: dict[str, type[ScannerError]] = {
    "Document feeder jammed": ScannerJammed,
    "Scanner cover is open": ScannerCoverOpen,
    "Device busy": ScannerBusy,
    "Error during device I/O": ScannerDisconnected,
    "Access to resource has been denied": ScannerAccessDenied,
}


@dataclass(frozen=True)
class ScannerInfo:
    """A scanner SANE can reach.

    Attributes:
        name: Device name to pass to :func:`scan_batch` (e.g. ``"test:0"``).
        vendor: Maker.
        model: Model name.
        type: Kind of device (``"flatbed scanner"``, ``"sheetfed scanner"``...).
    """

    name: str
    vendor: str
    model: str
    type: str

    @property
    def label(self) -> str:
        """A one-line description for lists."""
        return f"{self.name} — {self.vendor} {self.model} ({self.type})"


class _Session:
    """SANE is initialised once per process; re-initialised only if SANE_CONFIG_DIR changes."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.config: str | None = None
        self.ready = False
        self.open = 0

    def ensure(self) -> Any:
        import sane  # imported lazily: the GUI starts without touching the scanner stack

        with self.lock:
            config = os.environ.get("SANE_CONFIG_DIR")
            if self.ready and config != self.config:
                if self.open:
                    raise ScannerError("SANE is in use with another SANE_CONFIG_DIR")
                sane.exit()
                self.ready = False
            if not self.ready:
                try:
                    sane.init()
                except Exception as e:  # noqa: BLE001 - _sane.error or a missing libsane
                    raise ScannerError(str(e), device="SANE") from e
                self.ready, self.config = True, config
            return sane


sane_session = _Session()


def map_sane_error(e: BaseException, device: str, pages: int,
                   expected: object = "?") -> ScannerError:
    text = str(e)
    if text == NO_DOCS:
        return FeederEmpty(text, device=device, pages=pages, expected=expected)
    cls = _ERRORS.get(text, ScannerError)
    return cls(text, device=device, pages=pages)


def list_local_devices(*, local_only: bool = False) -> list[tuple[str, str, str, str]]:
    """The scanners SANE finds from this process, as (name, vendor, model, type) (the scanner
    host runs this; the app calls :func:`digitize.capture.scanner.list_devices`).

    Raises:
        ScannerError: SANE cannot be initialised.
    """
    sane = sane_session.ensure()
    with sane_session.lock:
        try:
            found = sane.get_devices(local_only)
        except Exception as e:  # noqa: BLE001
            raise map_sane_error(e, "SANE", 0) from e
    return [(str(d[0]), str(d[1]), str(d[2]), str(d[3])) for d in found]
