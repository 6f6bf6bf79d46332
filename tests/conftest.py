"""Shared test configuration: markers, --runslow, and crash dumps of every worker."""

from __future__ import annotations

import faulthandler
import os
import resource
import signal
import sys
from pathlib import Path
from typing import IO

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests import helpers as `tests.x`

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--runslow", action="store_true", help="run tests marked slow")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--runslow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --runslow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


#: Where each test process writes the Python traceback of a fatal signal (``DIGITIZE_CRASH_DIR``
#: moves it): an xdist worker's stderr goes nowhere, so pytest's own faulthandler output of a
#: dying worker is lost. ``.ci/run`` prints the non-empty files after a run.
CRASH_DIR = Path(os.environ.get("DIGITIZE_CRASH_DIR", ROOT / ".crash"))
_CRASH_FILE: list[IO[str]] = []


@pytest.hookimpl(trylast=True)  # after pytest's faulthandler plugin, which targets stderr
def pytest_configure(config: pytest.Config) -> None:
    """Every process (controller and xdist worker) dumps all threads' Python frames to its own
    file on SIGSEGV/SIGFPE/SIGABRT/SIGBUS/SIGILL, and on SIGTERM (a hung run stopped by
    ``timeout``); core files are allowed up to 4 GiB (written where the kernel's
    ``core_pattern`` says; this process cannot change it)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    try:
        CRASH_DIR.mkdir(parents=True, exist_ok=True)
        fh = (CRASH_DIR / f"faulthandler-{worker}-{os.getpid()}.txt").open("w", buffering=1)
    except OSError:
        return
    fh.write(f"# pytest {worker} pid {os.getpid()} argv {sys.argv[1:]}\n")
    _CRASH_FILE.append(fh)
    faulthandler.enable(file=fh, all_threads=True)
    faulthandler.register(signal.SIGTERM, file=fh, all_threads=True, chain=True)
    soft, hard = resource.getrlimit(resource.RLIMIT_CORE)
    want = 4 << 30 if hard == resource.RLIM_INFINITY else min(hard, 4 << 30)
    if soft != resource.RLIM_INFINITY and soft < want:
        try:
            resource.setrlimit(resource.RLIMIT_CORE, (want, hard))
        except (ValueError, OSError):
            pass


def pytest_runtest_logstart(nodeid: str, location: tuple[str, int | None, str]) -> None:
    """Name the running test in the crash file (a native crash's frames may not)."""
    if _CRASH_FILE:
        _CRASH_FILE[0].write(f"{nodeid}\n")


def pytest_unconfigure(config: pytest.Config) -> None:
    """A run that ends normally leaves no crash file behind."""
    if not _CRASH_FILE:
        return
    fh = _CRASH_FILE.pop()
    faulthandler.unregister(signal.SIGTERM)
    if faulthandler.is_enabled():
        faulthandler.disable()
    fh.close()
    Path(fh.name).unlink(missing_ok=True)


def pytest_testnodedown(node: object, error: object) -> None:
    """(xdist controller) Say how a worker died: its exit status or the signal that killed it.

    A fatal signal that Python can catch leaves its frames in ``.crash/`` (above); SIGKILL
    (the OOM killer, or a stray kill) leaves nothing, so for it the kernel log's line about
    the pid is shown when it is readable."""
    if error is None:
        return
    gateway = getattr(node, "gateway", None)
    popen = getattr(getattr(gateway, "_io", None), "popen", None)
    if popen is None:
        return
    try:
        rc = popen.wait(timeout=10)
    except Exception as e:  # noqa: BLE001 - a report, never a second failure
        rc = f"unknown ({e!r})"
    how = f"killed by {signal.Signals(-rc).name}" if isinstance(rc, int) and rc < 0 \
        else f"exit status {rc}"
    lines = [f"[worker death] {getattr(gateway, 'id', '?')} pid {popen.pid}: {how} ({error})"]
    if rc == -signal.SIGKILL:
        import subprocess

        try:
            log = subprocess.run(["dmesg"], capture_output=True, text=True, timeout=10).stdout
        except (OSError, subprocess.SubprocessError):
            log = ""
        hits = [ln for ln in log.splitlines() if f"{popen.pid}" in ln or "oom" in ln.lower()]
        lines += hits[-5:] or ["(no kernel log line about it: not the OOM killer, or dmesg "
                               "is not readable)"]
    sys.stderr.write("\n" + "\n".join(lines) + "\n")
    if CRASH_DIR.is_dir():
        with (CRASH_DIR / "worker-deaths.txt").open("a") as fh:
            fh.write("\n".join(lines) + "\n")


def _sigpipe_ignored() -> bool:
    try:
        status = Path(f"/proc/{os.getpid()}/status").read_text()
    except OSError:
        return True  # not Linux: nothing to check
    mask = int(status.split("SigIgn:")[1].split()[0], 16)
    return bool(mask & (1 << (signal.SIGPIPE - 1)))


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item: pytest.Item) -> None:
    """A test that leaves SIGPIPE at its default action (native code behind Python's back, as
    SANE did: digitize/capture/sigpipe.py) would let a later write to a closed socket kill this
    worker without a word. Name the test and ignore SIGPIPE again."""
    if sys.platform != "linux" or _sigpipe_ignored():
        return
    from digitize.capture.sigpipe import ignore_sigpipe

    ignore_sigpipe()
    line = f"SIGPIPE was left at its default action by {item.nodeid}\n"
    sys.stderr.write(line)
    if CRASH_DIR.is_dir():
        with (CRASH_DIR / "sigpipe-resets.txt").open("a") as fh:
            fh.write(line)
