"""Decrypted files opened for viewing leave the RAM folder at lock and at sign-out, and the
one-time passphrase box closes (#24)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gui.conftest import sign_in, wait_idle
from ui import scratch

pytestmark = pytest.mark.gui


def test_lock_and_sign_out_wipe_the_viewing_folder(qtbot, open_window,
                                                   empty_archive: Path) -> None:
    w = open_window(empty_archive)
    sign_in(qtbot, w, "archivist")
    opened = scratch.ram_file("H47.01.2026.01.1.pdf", b"%PDF-1.7 noi dung ho so")
    assert opened.exists()
    w.lock()
    assert not opened.exists() and not opened.parent.exists()
    wait_idle(qtbot, w)
    w.sign_out()
    wait_idle(qtbot, w)
    sign_in(qtbot, w, "archivist")
    again = scratch.ram_file("H47.01.2026.01.2.pdf", b"%PDF-1.7 noi dung khac")
    w.sign_out()
    assert not again.exists()
    wait_idle(qtbot, w)


def test_lock_closes_the_one_time_passphrase_box(qtbot, open_window, empty_archive: Path) -> None:
    w = open_window(empty_archive)
    sign_in(qtbot, w, "admin")
    w._after_setup(w.session, "cụm mật khẩu hiện một lần")  # what set-up shows
    box = w._secret_box
    assert box.isVisible()
    w.lock()
    assert not box.isVisible()
    wait_idle(qtbot, w)
