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


def test_cancel_stops_the_export_and_the_next_run_sends_the_rest(
        qtbot, open_window, sample_archive: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Hủy (#23 item 9): the export stops after the part in flight, the UI says what stays
    queued, and "Xuất / Tiếp tục" sends it."""
    import threading

    from digitize.transfer import export as export_mod

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

    built, go_on = threading.Event(), threading.Event()
    prepare = export_mod._prepare

    def held(*args, **kwargs):  # type: ignore[no-untyped-def]
        entry = prepare(*args, **kwargs)
        built.set()  # the first package is built; its upload waits for the click
        go_on.wait(30)
        return entry

    monkeypatch.setattr(export_mod, "_prepare", held)
    assert not ex.cancel_button.isEnabled()
    ex.start_export()
    assert ex.cancel_button.isEnabled()
    qtbot.waitUntil(built.is_set, timeout=120_000)
    qtbot.mouseClick(ex.cancel_button, Qt.MouseButton.LeftButton)
    go_on.set()
    qtbot.waitUntil(lambda: ex.report is not None, timeout=120_000)
    wait_idle(qtbot, w)
    assert ex.report.cancelled and not ex.report.ok
    assert ex.report.counts().get("sent", 0) == 0
    assert len(ex.report.by_status("pending")) == 1
    assert "1 hồ sơ chưa gửi vẫn trong hàng đợi" in ex.rate.text()
    assert not ex.cancel_button.isEnabled()
    assert not [p for p in out.rglob("*.dgz") if p.is_file()]  # nothing complete arrived
    qtbot.waitUntil(lambda: ex.table.rowCount() == 1, timeout=30_000)
    assert ex.table.item(0, 2).text() != "đã gửi"

    monkeypatch.setattr(export_mod, "_prepare", prepare)
    ex.report = None
    ex.start_export()
    qtbot.waitUntil(lambda: ex.report is not None, timeout=120_000)
    wait_idle(qtbot, w)
    assert not ex.report.cancelled and ex.report.ok
    assert ex.report.counts().get("sent") == 1
    assert len([p for p in out.rglob("*.dgz") if p.is_file()]) == 1
