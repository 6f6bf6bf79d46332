"""The scanner host watchdog (issue #22): a SANE call that never returns, or a driver that
crashes, ends the scan with a clear bilingual error within the deadline; the pages already
read are kept and the next scan works (a new host process).

The faults are injected into python-sane inside the host process (tests/sane_hang.py). The
first three reproduce the CI hang: SANE's test backend stuck in ``sane_cancel``
(``sanei_thread_waitpid``) after a jam, after a cancel, at the end of a batch. Before the host
process existed, SANE ran in the app's own process and each of these hung it for good.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from digitize.capture import open_scanner, sane_child, scan_batch
from digitize.capture.sane_child import ScannerDriverCrashed, ScannerNotResponding, Timeouts
from digitize.errors import ScannerJammed
from tests.sane_env import sane_config

pytestmark = pytest.mark.integration
__all__ = ["sane_config"]  # the fixture, imported for pytest

CONTROL, PAGE = 3.0, 5.0
BOUND = 60.0  # a test that takes longer than this has hung


@pytest.fixture
def hang(monkeypatch: pytest.MonkeyPatch, sane_config: Path) -> Callable[[str], None]:
    """Short deadlines; ``hang(fault)`` makes the next hosts run with that fault."""
    monkeypatch.setattr(sane_child, "TIMEOUTS", Timeouts(control=CONTROL, page=PAGE))

    def use(fault: str) -> None:
        monkeypatch.setattr(sane_child, "HOST_MODULE", "tests.sane_hang")
        monkeypatch.setenv("SANE_HANG", fault)

    return use


def _bounded(fn: Callable[[], Any]) -> tuple[Any, float]:
    """Run ``fn`` in a thread; fail (instead of hanging the suite) if it does not end."""
    out: dict[str, Any] = {}

    def run() -> None:
        try:
            out["value"] = fn()
        except BaseException as e:  # noqa: BLE001 - handed to the test
            out["error"] = e

    t0 = time.monotonic()
    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(BOUND)
    assert not worker.is_alive(), f"the scan hung (still running after {BOUND:.0f} s)"
    if "error" in out:
        raise out["error"]
    return out.get("value"), time.monotonic() - t0


def _collect(pages: Iterator[Any], kept: list[Any], after: Callable[[int], None] | None = None
             ) -> None:
    for page in pages:
        kept.append(page)
        if after is not None:
            after(len(kept))


def _assert_clear(e: ScannerNotResponding, pages: int, step_en: str) -> None:
    assert e.pages == pages and e.fields["pages"] == pages
    en, vi = e.message("en"), e.message("vi")
    assert "test:0" in en and step_en in en and f"{pages} pages" in en
    assert "không phản hồi" in vi and f"{pages} trang" in vi


def test_jam_then_stuck_cancel_keeps_pages_and_gives_the_jam(hang: Callable[[str], None]
                                                             ) -> None:
    hang("cancel")
    kept: list[Any] = []

    def scan() -> None:
        with open_scanner("test:0") as scanner:
            def jam_after_3(n: int) -> None:
                if n == 3:
                    scanner.set_option("read-return-value", "SANE_STATUS_JAMMED")
            _collect(scanner.scan(source="ADF", dpi=50, mode="Gray"), kept, jam_after_3)

    with pytest.raises(ScannerJammed) as e:
        _bounded(scan)
    assert len(kept) == 3 and e.value.pages == 3  # the jam is what the clerk must act on


def test_cancel_stuck_mid_page_is_killed_with_a_clear_error(hang: Callable[[str], None]
                                                           ) -> None:
    hang("cancel")
    cancel = threading.Event()
    kept: list[Any] = []
    slow = {"read-delay": True, "read-delay-duration": 200000, "br-x": 120, "br-y": 120}

    def press_cancel(n: int) -> None:
        threading.Timer(0.3, cancel.set).start()  # mid-page: the host calls sane_cancel

    with pytest.raises(ScannerNotResponding) as e:
        _bounded(lambda: _collect(scan_batch("test:0", source="ADF", dpi=100, cancel=cancel,
                                             options=slow), kept, press_cancel))
    assert len(kept) == 1
    _assert_clear(e.value, 1, "stopping the scan")
    assert f"{CONTROL:g}" in e.value.message("en")


def test_stuck_cancel_at_the_end_of_a_batch(hang: Callable[[str], None]) -> None:
    hang("cancel")
    kept: list[Any] = []
    with pytest.raises(ScannerNotResponding) as e:
        _, took = _bounded(lambda: _collect(scan_batch("test:0", source="ADF", dpi=50, pages=2),
                                            kept))
    assert len(kept) == 2
    _assert_clear(e.value, 2, "stopping the scan")


def test_stuck_page_read_is_killed_and_the_next_scan_works(hang: Callable[[str], None],
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    hang("start:3")
    kept: list[Any] = []
    t0 = time.monotonic()
    with pytest.raises(ScannerNotResponding) as e:
        _bounded(lambda: _collect(scan_batch("test:0", source="ADF", dpi=50), kept))
    assert PAGE <= time.monotonic() - t0 < BOUND
    assert len(kept) == 2
    _assert_clear(e.value, 2, "reading a page")
    monkeypatch.setattr(sane_child, "HOST_MODULE", "digitize.capture.sane_host")
    assert len(_bounded(lambda: list(scan_batch("test:0", dpi=50)))[0]) == 1  # a new host


def test_a_crashing_driver_is_a_clear_error_and_keeps_pages(hang: Callable[[str], None]
                                                            ) -> None:
    hang("crash:2")
    kept: list[Any] = []
    with pytest.raises(ScannerDriverCrashed) as e:
        _bounded(lambda: _collect(scan_batch("test:0", source="ADF", dpi=50), kept))
    assert len(kept) == 1 and e.value.pages == 1
    assert "SIGSEGV" in e.value.message("en") and "1 trang" in e.value.message("vi")
