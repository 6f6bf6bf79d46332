"""Keep SIGPIPE ignored after SANE has run (the cause of the silent deaths in issue #22).

Python ignores SIGPIPE so that writing to a closed socket or pipe raises ``BrokenPipeError``.
SANE backends that read through ``sanei_thread`` (the ``test`` backend, and many USB backends)
put SIGPIPE back to its default action when a frame ends, behind Python's back
(``signal.getsignal`` still says ignored). From then on, the first write to a socket whose peer
has gone (an S3 server restarting during an export, a network share dropping) kills the whole
process at once, without a traceback or a core file. Measured: the ``test`` backend leaves
SIGPIPE at SIG_DFL after ``snap``; an xdist worker that had scanned died by SIGPIPE later, in
``test_export_resume.py::test_connection_lost_and_back_within_one_run``.
"""

from __future__ import annotations

import ctypes
import signal
import sys
from functools import lru_cache

__all__ = ["ignore_sigpipe"]


@lru_cache(maxsize=1)
def _libc_signal() -> object | None:
    if sys.platform == "win32" or not hasattr(signal, "SIGPIPE"):
        return None
    try:
        fn = ctypes.CDLL(None, use_errno=True).signal
    except (OSError, AttributeError):
        return None
    fn.restype = ctypes.c_void_p
    fn.argtypes = [ctypes.c_int, ctypes.c_void_p]
    return fn


def ignore_sigpipe() -> None:
    """Set SIGPIPE to ignored for the whole process, from any thread (``signal.signal`` works
    only in the main thread; libc's ``signal`` works in every thread). Cheap: one system call.
    """
    fn = _libc_signal()
    if fn is not None:
        fn(int(signal.SIGPIPE), ctypes.c_void_p(1))  # SIG_IGN == (void (*)(int)) 1
