"""A scanner host with an injected fault, for the watchdog tests (never used by the app).

Run as ``python -m tests.sane_hang FD`` in place of ``digitize.capture.sane_host`` (the tests
set ``digitize.capture.sane_child.HOST_MODULE``). ``SANE_HANG`` names the fault, injected into
python-sane's device calls so the real host code runs up to them:

- ``cancel``: ``sane_cancel`` never returns (what SANE's test backend did in CI, issue #22);
- ``start:N``: the N-th ``sane_start`` never returns (a stuck driver call);
- ``crash:N``: the N-th ``sane_start`` kills the process with SIGSEGV (a native crash).
"""

from __future__ import annotations

import os
import resource
import signal
import sys
import time
from multiprocessing.connection import Connection
from typing import Any

import sane

from digitize.capture import sane_host


def _hang_forever() -> None:
    while True:
        time.sleep(3600)


def _inject(fault: str) -> None:
    kind, _, nth = fault.partition(":")
    if kind == "cancel":
        sane.SaneDev.cancel = lambda self: _hang_forever()
        return
    real_start = sane.SaneDev.start
    calls = {"n": 0}

    def start(self: Any) -> None:
        calls["n"] += 1
        if calls["n"] == int(nth):
            if kind == "crash":
                resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # no core file in the repo
                os.kill(os.getpid(), signal.SIGSEGV)
            _hang_forever()
        real_start(self)

    sane.SaneDev.start = start


if __name__ == "__main__":
    _inject(os.environ["SANE_HANG"])
    sane_host.main(Connection(int(sys.argv[1])))
