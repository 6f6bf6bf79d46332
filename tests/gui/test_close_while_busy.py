"""#23: a window closes without blocking while processing and writes are still queued, and the
archive is released (the next window signs in)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from tests.gui.conftest import sign_in

pytestmark = pytest.mark.gui


def test_close_with_a_dossier_processing_and_writes_queued(qtbot, open_window,
                                                           sample_archive: Path) -> None:  # noqa: ANN001
    w = open_window(sample_archive)
    sign_in(qtbot, w, "archivist")
    started = threading.Event()

    def processing(progress, cancel) -> str:  # noqa: ANN001 - a dossier that takes long
        started.set()
        while not cancel.cancelled:
            time.sleep(0.01)
        return "stopped"

    w.runner.submit(processing, title="Xử lý", lane="process")
    assert started.wait(10)
    for _ in range(3):  # writes waiting behind each other
        w.runner.submit(lambda: time.sleep(0.05), write=True)
    t0 = time.monotonic()
    assert w.close()
    assert time.monotonic() - t0 < 10
    assert w.session is None

    w2 = open_window(sample_archive)  # the archive's lock was released
    sign_in(qtbot, w2, "archivist")
    assert w2.session is not None
