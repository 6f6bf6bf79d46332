"""Problem 9 of #23: the dashboard's "sent" equals the report after a real export; removing a
central key and changing one's own password are done in the GUI; no error sends a clerk to the
command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from archive._hazmat.kdf import TEST_PARAMS
from archive.errors import NoCentralKey
from archive.keystore import generate_central_keypair
from digitize.errors import ScannerNotFound, WrongBackupPassphrase
from digitize.session import sign_in as core_sign_in
from tests.gui.conftest import ACCOUNTS, sign_in, wait_idle
from ui import dialogs, errors
from ui.i18n import install

pytestmark = pytest.mark.gui


def test_dashboard_sent_equals_the_report_after_an_export(qtbot, open_window,
                                                          sample_archive: Path,
                                                          tmp_path: Path) -> None:
    _private, public = generate_central_keypair("trung-tam", kdf_params=TEST_PARAMS)
    key_file = tmp_path / "khoa.json"
    key_file.write_bytes(public)
    w = open_window(sample_archive)
    sign_in(qtbot, w, "admin")
    ex = w.show_view("export")
    ex.keys.import_key(key_file, "Lưu trữ tỉnh")
    qtbot.waitUntil(lambda: ex.keys.table.rowCount() == 1, timeout=30_000)
    out = tmp_path / "xuat"
    out.mkdir()
    ex.target.setText(out.as_uri())
    ex.start_export()
    qtbot.waitUntil(lambda: ex.report is not None, timeout=120_000)
    wait_idle(qtbot, w)
    assert ex.report.counts().get("sent") == 1
    dash = w.show_view("dashboard")
    wait_idle(qtbot, w)
    assert w.session.workspace.records.progress_report()["dossiers"]["sent"] == 1
    assert dash.cards["sent"].value.text().startswith("1 ")
    assert "100 %" in dash.cards["sent"].value.text()  # Vietnamese: no "100.0%"

    ex = w.show_view("export")
    ex.tabs.setCurrentWidget(ex.keys)
    ex.keys.table.setCurrentCell(0, 0)
    dialogs.answers.append(True)
    ex.keys.remove_selected()
    qtbot.waitUntil(lambda: ex.keys.table.rowCount() == 0, timeout=30_000)
    assert w.session.workspace.office_keys.central_keys() == []


def test_a_user_changes_their_own_password_in_the_app(qtbot, open_window,
                                                      empty_archive: Path) -> None:
    w = open_window(empty_archive)
    sign_in(qtbot, w, "clerk")
    user, old = ACCOUNTS["clerk"]
    dlg = w.change_own_password()
    dlg.old.setText("sai-mat-khau")
    dlg.new.setText("matkhau-moi-2026")
    dlg.again.setText("matkhau-moi-2026")
    qtbot.mouseClick(dlg.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.ok.isEnabled(), timeout=30_000)
    assert dlg.isVisible() and dlg.error.text() not in ("", "Đang kiểm tra…")
    dlg.old.setText(old)
    qtbot.keyClick(dlg.again, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=30_000)
    wait_idle(qtbot, w)
    w.sign_out()
    wait_idle(qtbot, w)
    core_sign_in(empty_archive, user, "matkhau-moi-2026", kdf_params=TEST_PARAMS).close()


@pytest.mark.parametrize("exc", [ScannerNotFound(), NoCentralKey(), WrongBackupPassphrase()])
@pytest.mark.parametrize("code", ["vi", "en"])
def test_no_error_tells_a_clerk_to_run_a_command(qtbot, exc: Exception, code: str) -> None:
    install(code)
    try:
        text = errors.error_text(exc)
    finally:
        install("vi")
    assert "`" not in text and "digitize " not in text, text
    assert text.strip()
