"""Window behaviour: inactivity lock, wrong password, language switch, remembered geometry."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from tests.gui.conftest import ACCOUNTS, sign_in, wait_idle
from ui.main_window import MainWindow
from ui.settings import UiSettings
from ui.views.sign_in_view import LockView, SetupView

pytestmark = pytest.mark.gui


def test_wrong_password_then_lock_after_inactivity_and_unlock(qtbot, open_window,
                                                              empty_archive: Path) -> None:
    w = open_window(empty_archive)
    view = w.stack.currentWidget()
    view.user.setText("luutru")
    qtbot.keyClicks(view.password, "sai-mat-khau")
    qtbot.keyClick(view.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Sai tên đăng nhập" in view.error.text(), timeout=30_000)
    assert w.session is None
    sign_in(qtbot, w, "archivist")
    w.session.lock_after = 0.01
    qtbot.waitUntil(lambda: isinstance(w.stack.currentWidget(), LockView), timeout=10_000)
    lock = w.stack.currentWidget()
    assert w.session.locked and w.menuBar().actions() == []  # nothing reachable behind it
    qtbot.keyClicks(lock.password, "sai-mat-khau")
    qtbot.keyClick(lock.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Sai" in lock.error.text(), timeout=30_000)
    w.session.lock_after = 600
    qtbot.keyClicks(lock.password, ACCOUNTS["archivist"][1])
    qtbot.keyClick(lock.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not w.session.locked and "search" in w.views, timeout=30_000)
    assert w.current_view() == "dashboard"
    actions = [e.action for e in w.session.workspace.audit.entries()]
    assert actions.count("session.lock") == 1 and "session.unlock" in actions


def test_language_switch_rebuilds_the_screens_in_english(qtbot, open_window,
                                                         empty_archive: Path) -> None:
    w = open_window(empty_archive)
    sign_in(qtbot, w, "admin")
    w.show_view("search")
    w.lang_box.setCurrentIndex(1)
    qtbot.waitUntil(lambda: w.nav.item(0).text() == "Dashboard")
    assert w.current_view() == "search"
    assert w.view("search").pdf_button.text() == "View document (Ctrl+P)"
    assert w.settings.language == "en"
    w.lang_box.setCurrentIndex(0)
    qtbot.waitUntil(lambda: w.nav.item(0).text() == "Tổng quan")
    wait_idle(qtbot, w)


def test_first_run_setup_creates_the_archive_and_signs_in(qtbot, tmp_path: Path) -> None:
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    w = MainWindow(tmp_path / "moi", settings=settings)
    qtbot.addWidget(w)
    setup = w.stack.currentWidget()
    assert isinstance(setup, SetupView)
    setup.office_code.setText("H47.02")
    setup.office_name.setText("UBND xã Bình An")
    setup.password.setText("matkhau-admin-1")
    setup.confirm.setText("matkhau-khac")
    setup.submit()
    assert "không khớp" in setup.error.text()
    setup.confirm.setText("matkhau-admin-1")
    setup.submit()
    qtbot.waitUntil(lambda: w.session is not None, timeout=60_000)
    assert w.session.role == "admin" and (tmp_path / "moi" / "accounts.json").exists()
    w.resize(1200, 700)
    w.close()
    again = MainWindow(tmp_path / "moi", settings=settings)
    qtbot.addWidget(again)
    assert settings.geometry() is not None
    assert again.size().height() == 700  # restored (a new window would open at 1366×768)
    again.close()
