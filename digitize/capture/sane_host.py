"""The scanner host: a child process that owns one SANE session and answers the app's requests.

SANE backends read through ``sanei_thread`` reader threads. The ``test`` backend's
``sane_cancel`` waits for its cancelled reader thread, and once in a few CI runs that thread
died holding a malloc lock, so ``sane_cancel`` (``sanei_thread_waitpid``) waited forever and
took the whole process with it (issue #22). Every SANE session therefore runs here, in a
spawned child: the app (:mod:`digitize.capture.scanner`) sends requests over a pipe, gets page
frames and errors back as messages, and kills this process when it stops answering.

Protocol (tuples over a :class:`multiprocessing.connection.Connection`). App to host:
``("open", device)``, ``("devices", local_only)``, ``("choices", name)``,
``("set", name, value)``, ``("batch", source, dpi, mode, pages, has_reload, options)``,
``("next",)``, ``("finish",)``, ``("close",)``; ``("cancel",)`` at any time (handled at once by
a listener thread: it stops the page being read); ``("reload", bool)`` answers a reload
question. Host to app: ``("ok", value)``, ``("page", frame)``, ``("end", None)``,
``("error", (class name, fields))`` and ``("reload", pages so far)``; a page is
``("page", (width, height, samples, bytes per sample, length))`` followed by its pixels as one
raw message.
"""

from __future__ import annotations

import contextlib
import os
import queue
import sys
import threading
from collections.abc import Iterator
from multiprocessing.connection import Connection
from typing import Any

from digitize.capture.devices import list_local_devices
from digitize.capture.sane_local import Frame, LocalDevice
from digitize.errors import DigitizeError

__all__ = ["encode_error", "main"]


def encode_error(e: BaseException) -> tuple[str, dict[str, Any]]:
    """An exception as plain data: the project error's class name and its fields."""
    if isinstance(e, DigitizeError):
        return type(e).__name__, dict(e.fields)
    return "ScannerError", {"detail": f"{type(e).__name__}: {e}"}


class _Host:
    def __init__(self, conn: Connection, exit_on_eof: bool) -> None:
        self.conn = conn
        self.exit_on_eof = exit_on_eof
        self.requests: queue.Queue[tuple[Any, ...]] = queue.Queue()
        self.cancel = threading.Event()
        self.dev: LocalDevice | None = None
        self.frames: Iterator[Frame] | None = None

    def listen(self) -> None:
        """Read every request; a cancel is acted on at once, the rest wait for the main thread.
        When the app goes away (its end of the pipe closed), this process ends at once, even
        if the main thread is stuck inside SANE."""
        try:
            while True:
                msg = self.conn.recv()
                if msg[0] == "cancel":
                    self.cancel.set()
                    if self.dev is not None:
                        self.dev.interrupt()
                else:
                    self.requests.put(msg)
        except (EOFError, OSError):
            if self.exit_on_eof:
                os._exit(0)
            self.requests.put(("close",))

    def reload(self, count: int) -> bool:
        self.conn.send(("reload", count))
        kind, answer = self.requests.get()
        return kind == "reload" and bool(answer)

    def handle(self, msg: tuple[Any, ...]) -> tuple[str, Any]:
        kind = msg[0]
        if kind == "devices":
            return "ok", list_local_devices(local_only=bool(msg[1]))
        if kind == "open":
            self.dev = LocalDevice(msg[1])
            return "ok", None
        dev = self.dev
        if dev is None:
            raise RuntimeError(f"no device open for {kind!r}")
        if kind == "choices":
            return "ok", dev.option_choices(msg[1])
        if kind == "set":
            dev.set_option(msg[1], msg[2])
            return "ok", None
        if kind == "batch":
            _, source, dpi, mode, pages, has_reload, options = msg
            self.cancel.clear()
            actual = dev.configure(source, dpi, mode, options)
            self.frames = dev.frames(source, pages, self.cancel,
                                     self.reload if has_reload else None)
            return "ok", actual
        if kind == "next":
            if self.frames is None:
                return "end", None
            try:
                return "page", next(self.frames)
            except StopIteration:
                self.frames = None
                return "end", None
        if kind == "finish":  # after the batch's outcome has reached the app
            self.frames = None
            dev.cancel()
            return "ok", None
        raise RuntimeError(f"unknown request {kind!r}")

    def run(self) -> None:
        threading.Thread(target=self.listen, name="sane-host-listen", daemon=True).start()
        while True:
            msg = self.requests.get()
            if msg[0] == "close":
                if self.dev is not None:
                    self.dev.close()
                with contextlib.suppress(OSError):  # the app may have gone already
                    self.conn.send(("ok", None))
                return
            try:
                reply = self.handle(msg)
            except BaseException as e:  # noqa: BLE001 - every failure goes to the app
                if msg[0] == "next":
                    self.frames = None
                reply = ("error", encode_error(e))
            if reply[0] == "page":  # the pixels follow as raw bytes (no pickling: 3x faster)
                data, *shape = reply[1]
                self.conn.send(("page", (*shape, len(data))))
                self.conn.send_bytes(data)
            else:
                self.conn.send(reply)


def main(conn: Connection, *, exit_on_eof: bool = True) -> None:
    """Serve the app on ``conn`` until it says ``close`` or goes away (process entry point).

    Args:
        conn: The pipe to the app.
        exit_on_eof: End the process at once when the app goes away (False: just return; for
            a host run in a thread by the unit tests).
    """
    _Host(conn, exit_on_eof).run()


if __name__ == "__main__":  # python -m digitize.capture.sane_host FD (socket from the app)
    main(Connection(int(sys.argv[1])))
