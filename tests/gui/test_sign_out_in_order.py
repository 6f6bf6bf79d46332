"""A sign-in right after a sign-out waits for the old session to close (ui/tasks.py after_all).

Before, the old session's close went to the writer only once the processing lane was free,
while the new sign-in went to the writer at once: with the lane still busy, the sign-in reached
the writer first and waited there for the archive lock that the close, queued behind it in the
same thread, was to release (the clerk flow timed out under load in CI).
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QTimer

from tests.gui.conftest import sign_in, wait_idle


def test_sign_in_right_after_sign_out_while_processing_is_busy(qtbot, open_window,  # noqa: ANN001
                                                               sample_archive: Path) -> None:
    w = open_window(sample_archive)
    sign_in(qtbot, w, "clerk")
    release = threading.Event()
    # the processing lane is busy with a dossier that will stop only a little later
    w.runner.submit(lambda: release.wait(10), write=True, lane="process")
    w.sign_out()  # the close waits behind the busy lane
    QTimer.singleShot(1500, release.set)  # the dossier in hand stops a moment later
    sign_in(qtbot, w, "archivist")  # before the fix: stuck behind the lock, timed out
    wait_idle(qtbot, w)
    assert w.session is not None and w.session.user == "luutru"
    assert "search" in w.views

