"""The app's side of the scanner host process: start it, ask it, and kill it when it hangs.

Every SANE session runs in a spawned child (:mod:`digitize.capture.sane_host`; why: issue #22,
a ``sane_cancel`` that never returned). Each request has a deadline (:class:`Timeouts`); a child
that misses it is killed (SIGKILL) and the scan ends with :class:`ScannerNotResponding`, a child
that dies ends it with :class:`ScannerDriverCrashed`. Pages already received stay the caller's.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Protocol

from digitize import errors as _errors
from digitize.capture import sane_host
from digitize.errors import Cancelled, ScannerError

__all__ = ["TIMEOUTS", "ScannerDriverCrashed", "ScannerHost", "ScannerNotResponding", "Timeouts",
           "decode_error", "start_host"]

log = logging.getLogger(__name__)

#: The module the host process runs (``python -m``; tests swap in a host that hangs).
HOST_MODULE = "digitize.capture.sane_host"

#: The steps a deadline covers, as the messages name them (Vietnamese, English).
STEPS = {
    "open": ("mở máy quét", "opening the scanner"),
    "devices": ("tìm máy quét", "looking for scanners"),
    "options": ("đặt tùy chọn quét", "setting scan options"),
    "page": ("đọc trang", "reading a page"),
    "cancel": ("dừng quét", "stopping the scan"),
    "close": ("đóng máy quét", "closing the scanner"),
}


class ScannerNotResponding(ScannerError):
    code = "capture.scanner_not_responding"
    vi = ("Máy quét {device} không phản hồi sau {seconds} giây ({step_vi}); trình điều khiển "
          "máy quét đã bị dừng. Đã giữ {pages} trang quét trước đó.")
    en = ("Scanner {device} did not answer within {seconds} s ({step_en}); its driver was "
          "stopped. The {pages} pages scanned before were kept.")
    hint_vi = ("Hãy kiểm tra máy quét (tắt rồi bật lại nếu cần) rồi quét tiếp từ trang kế "
               "tiếp.")
    hint_en = ("Check the scanner (switch it off and on if needed), then continue from the "
               "next page.")


class ScannerDriverCrashed(ScannerError):
    code = "capture.scanner_driver_crashed"
    vi = ("Trình điều khiển máy quét {device} bị dừng đột ngột ({detail}). Đã giữ {pages} "
          "trang quét trước đó.")
    en = ("The driver of scanner {device} stopped unexpectedly ({detail}). The {pages} pages "
          "scanned before were kept.")
    hint_vi = "Hãy quét tiếp từ trang kế tiếp; nếu lỗi lặp lại, hãy báo quản trị viên."
    hint_en = "Continue from the next page; if it happens again, tell an admin."


@dataclass(frozen=True)
class Timeouts:
    """Seconds the host may take to answer, per step.

    Attributes:
        open: Start the host and open the device (network scanners can be slow).
        devices: List the scanners (SANE probes USB and the network).
        control: Set options, stop a scan (sane_cancel), close.
        page: Start and read one page (a slow A4 colour page at 600 dpi, with margin).
    """

    open: float = 90.0
    devices: float = 90.0
    control: float = 20.0
    page: float = 300.0


#: The deadlines in use (tests shorten them).
TIMEOUTS = Timeouts()


def decode_error(data: tuple[str, dict[str, Any]], device: str) -> BaseException:
    """Rebuild an error the host sent as (class name, fields) (scanner errors and Cancelled
    only: anything else becomes a plain :class:`ScannerError`)."""
    name, fields = data
    fields = dict(fields)
    detail = str(fields.pop("detail", ""))
    cls = getattr(_errors, name, None)
    if not (isinstance(cls, type) and issubclass(cls, ScannerError | Cancelled)):
        fields = {"pages": fields.get("pages", 0)}
        cls = ScannerError
    fields.setdefault("device", device)
    try:
        return cls(detail, **fields)
    except TypeError:
        return ScannerError(detail, device=device, pages=fields.get("pages", 0))


class HostProcess(Protocol):
    """What the watchdog needs of a host process."""

    def kill(self) -> None:
        """SIGKILL it."""
        ...

    def exitcode(self, wait: float) -> int | None:
        """Its exit status (negative: killed by that signal), or None if still running after
        ``wait`` seconds."""
        ...


class _Subprocess:
    def __init__(self, popen: subprocess.Popen[bytes]) -> None:
        self.popen = popen

    def kill(self) -> None:
        self.popen.kill()

    def exitcode(self, wait: float) -> int | None:
        try:
            return self.popen.wait(wait)
        except subprocess.TimeoutExpired:
            return None


class _Spawned:
    def __init__(self, process: Any) -> None:
        self.process = process

    def kill(self) -> None:
        self.process.kill()

    def exitcode(self, wait: float) -> int | None:
        self.process.join(wait)
        return self.process.exitcode  # type: ignore[no-any-return]


def start_host(device: str) -> tuple[Connection, HostProcess]:
    """Start a scanner host process: a fresh interpreter running :data:`HOST_MODULE` (never a
    fork of this process), and the app's end of its pipe."""
    if getattr(sys, "frozen", False):  # the bundle has no `python -m`: multiprocessing's
        ctx = multiprocessing.get_context("spawn")  # spawn re-runs the bundle's binary
        conn, child = ctx.Pipe()
        process = ctx.Process(target=sane_host.main, args=(child,), daemon=True,
                              name=f"sane-host {device}")
        process.start()
        child.close()  # so the host's death reads as end-of-file here
        return conn, _Spawned(process)
    mine, theirs = socket.socketpair()
    here = str(Path(sane_host.__file__).resolve().parents[2])  # this copy of `digitize`
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (here, os.environ.get("PYTHONPATH", "")) if p)}
    with theirs:
        popen = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", HOST_MODULE, str(theirs.fileno())],
            pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL, env=env)
    return Connection(mine.detach()), _Subprocess(popen)


class ScannerHost:
    """One host process and its pipe. Requests are serialised (one at a time)."""

    def __init__(self, device: str, timeouts: Timeouts) -> None:
        self.device = device
        self.timeouts = timeouts
        self._lock = threading.RLock()
        self.dead = False
        self._conn, self._proc = start_host(device)

    def request(self, msg: tuple[Any, ...], *, step: str, timeout: float, pages: int,
                cancel: threading.Event | None = None,
                reload: Callable[[int], bool] | None = None) -> tuple[str, Any]:
        """Send ``msg`` and wait for the reply, answering reload questions on the way.

        Args:
            msg: The request (see :mod:`digitize.capture.sane_host`).
            step: Which :data:`STEPS` the deadline covers (named in the error).
            timeout: Seconds the host has to answer (again after each reload answer).
            pages: Pages the caller holds (named in the error).
            cancel: When set during the wait, the host is told to cancel at once and then
                has ``timeouts.control`` seconds to answer.
            reload: Answers the host's ``("reload", n)`` questions.

        Raises:
            ScannerNotResponding: The deadline passed; the host was killed.
            ScannerDriverCrashed: The host died.
        """
        with self._lock:
            if self.dead:
                raise ScannerDriverCrashed("stopped before", device=self.device, pages=pages)
            self._send(msg, pages)
            deadline, cancel_sent = time.monotonic() + timeout, False
            while True:
                if self._conn.poll(0.05):
                    try:
                        reply = self._conn.recv()
                        if reply[0] == "page":  # (shape..., length), then the raw pixels
                            *shape, length = reply[1]
                            data = bytearray(length)
                            self._conn.recv_bytes_into(data)
                            reply = ("page", (data, *shape))
                    except (EOFError, OSError):
                        raise self._crashed(pages) from None
                    if reply[0] == "reload" and reload is not None:
                        self._send(("reload", bool(reload(reply[1]))), pages)
                        deadline = time.monotonic() + timeout
                        continue
                    return reply  # type: ignore[no-any-return]
                if cancel is not None and not cancel_sent and cancel.is_set():
                    self._send(("cancel",), pages)
                    cancel_sent, step, timeout = True, "cancel", self.timeouts.control
                    deadline = min(deadline, time.monotonic() + timeout)
                if time.monotonic() > deadline:
                    self.kill()
                    vi, en = STEPS[step]
                    log.warning("scanner host for %s killed: no answer in %.0f s (%s)",
                                self.device, timeout, en)
                    raise ScannerNotResponding(device=self.device, pages=pages,
                                               seconds=f"{timeout:g}", step_vi=vi, step_en=en)

    def _send(self, msg: tuple[Any, ...], pages: int) -> None:
        try:
            self._conn.send(msg)
        except OSError:
            raise self._crashed(pages) from None

    def _crashed(self, pages: int) -> ScannerDriverCrashed:
        code = self._proc.exitcode(self.timeouts.control)
        self.kill()
        if code is not None and code < 0:
            how = signal.Signals(-code).name if -code in signal.valid_signals() else str(code)
            detail = f"signal {how}"
        else:
            detail = f"exit code {code}"
        return ScannerDriverCrashed(detail, device=self.device, pages=pages)

    def kill(self) -> None:
        """Stop the host at once (SIGKILL) and reap it."""
        self.dead = True
        if self._proc.exitcode(0) is None:
            self._proc.kill()
        self._proc.exitcode(10)
        self._conn.close()

    def close(self) -> None:
        """Ask the host to release the device and end; kill it if it does not."""
        with self._lock:
            if self.dead:
                return
            try:
                self.request(("close",), step="close", timeout=self.timeouts.control, pages=0)
            except ScannerError as e:
                log.warning("scanner host for %s: %s", self.device, e)
            self._proc.exitcode(self.timeouts.control)
            self.kill()
