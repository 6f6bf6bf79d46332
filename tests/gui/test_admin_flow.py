"""Admin: import a central key, queue and run an export to a folder, accounts, settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from archive._hazmat.kdf import TEST_PARAMS
from archive.keystore import generate_central_keypair
from digitize.session import sign_in as core_sign_in
from tests.gui.conftest import sign_in, wait_idle

pytestmark = pytest.mark.gui


def test_admin_imports_a_key_and_exports_to_a_folder(qtbot, open_window, sample_archive: Path,
                                                     tmp_path: Path) -> None:
    _private, public = generate_central_keypair("trung-tam", kdf_params=TEST_PARAMS)
    key_file = tmp_path / "khoa-trung-tam.json"
    key_file.write_bytes(public)
    w = open_window(sample_archive)
    sign_in(qtbot, w, "admin")
    ex = w.show_view("export")
    ex.tabs.setCurrentWidget(ex.keys)
    qtbot.waitUntil(lambda: ex.keys.fingerprint.text().count("-") == 5, timeout=30_000)
    ex.keys.import_key(key_file, "Lưu trữ tỉnh")
    qtbot.waitUntil(lambda: ex.keys.table.rowCount() == 1, timeout=30_000)
    assert "Dấu vân tay" in ex.keys.status.text()

    ex.tabs.setCurrentIndex(0)
    out = tmp_path / "xuat"
    out.mkdir()
    ex.target.setText(out.as_uri())
    qtbot.mouseClick(ex.findChild(QPushButton, "refreshQueue"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ex.table.rowCount() == 1, timeout=30_000)
    assert ex.table.item(0, 2).text() == "chờ gửi"
    job = ex.start_export()
    assert job is not None
    qtbot.waitUntil(lambda: ex.report is not None, timeout=120_000)
    wait_idle(qtbot, w)
    assert not ex.report.error, ex.report.error
    assert ex.bar.value() == ex.bar.maximum()
    assert ex.report.counts().get("sent") == 1
    assert ex.report_box.toPlainText().strip()
    qtbot.waitUntil(lambda: ex.table.item(0, 2).text() == "đã gửi", timeout=30_000)
    assert any(p.is_file() and p.stat().st_size > 1000 for p in out.rglob("*"))


def test_admin_creates_an_account_and_changes_settings(qtbot, open_window,
                                                       empty_archive: Path) -> None:
    w = open_window(empty_archive)
    sign_in(qtbot, w, "admin")
    ex = w.show_view("export")
    ex.tabs.setCurrentWidget(ex.accounts)
    qtbot.waitUntil(lambda: ex.accounts.table.rowCount() == 3, timeout=30_000)
    ex.accounts.name.setText("thu.ky")
    ex.accounts.password.setText("matkhau-thuky")
    ex.accounts.role.setCurrentIndex(ex.accounts.role.findData("archivist"))
    qtbot.mouseClick(ex.findChild(QPushButton, "addAccount"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ex.accounts.table.rowCount() == 4, timeout=30_000)
    ex.tabs.setCurrentWidget(ex.settings_panel)
    qtbot.waitUntil(lambda: ex.settings_panel.lock.value() == 10, timeout=30_000)
    ex.settings_panel.lock.setValue(5)
    ex.settings_panel.save()
    qtbot.waitUntil(lambda: "Đã lưu" in ex.settings_panel.status.text(), timeout=30_000)
    assert w.session.lock_after == 300
    w.sign_out()
    wait_idle(qtbot, w)
    s = core_sign_in(empty_archive, "thu.ky", "matkhau-thuky")
    try:
        assert s.role == "archivist" and s.must_change_password
    finally:
        s.close()
