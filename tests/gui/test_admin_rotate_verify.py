"""#24 in the GUI: an admin rotates the office keys from the keys tab (old dossiers still
open, new ones are stored, archivists are granted the new key); a non-admin has no such
button; "Kiểm tra toàn bộ kho" lists the places it could not check and a rollback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from archive._hazmat.kdf import TEST_PARAMS
from archive.keystore import generate_central_keypair
from digitize.devtools.launch import import_sample
from digitize.model import VerifyReport
from digitize.session import sign_in as core_sign_in
from tests.gui.conftest import ACCOUNTS, SAMPLE_PASSPHRASE, sign_in, wait_idle
from ui import dialogs, errors
from ui.views.admin_checks import verify_lines
from ui.views.admin_panels import KeysPanel
from ui.views.base import AppContext

pytestmark = pytest.mark.gui


def test_an_admin_rotates_the_office_keys(qtbot, open_window, sample_archive: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    w = open_window(sample_archive)
    sign_in(qtbot, w, "admin")
    w.session.add_account("luutru2", "matkhau-luutru2", "archivist")
    w.session.set_disabled("luutru2", True)  # disabled: gets no grant, and is named
    ex = w.show_view("export")
    ex.tabs.setCurrentWidget(ex.keys)
    wait_idle(qtbot, w)
    before = ex.keys.fingerprint.text()
    assert before and ex.keys.findChild(QPushButton, "rotateKeys") is not None

    dialogs.answers.append(False)  # the admin says no: nothing happens
    assert not ex.keys.rotation.start(SAMPLE_PASSPHRASE)
    dialogs.answers.append(True)  # a wrong passphrase: a bilingual error, nothing changed
    shown = len(errors.shown)
    assert ex.keys.rotation.start("khong-phai-mat-khau-kho")
    wait_idle(qtbot, w)
    assert len(errors.shown) == shown + 1 and ex.keys.rotation.result is None
    assert ex.keys.status.text() == errors.shown[-1]  # the status says why, not "Đang đổi…"
    assert w.session.workspace.office_keys.office_fingerprint() == before

    dialogs.answers.append(True)  # the button: passphrase box, question, rotation
    monkeypatch.setattr("ui.views.admin_checks.QInputDialog.getText",
                        lambda *a, **k: (SAMPLE_PASSPHRASE, True))
    qtbot.mouseClick(ex.keys.findChild(QPushButton, "rotateKeys"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ex.keys.rotation.result is not None, timeout=60_000)
    wait_idle(qtbot, w)
    title, question = dialogs.asked[-1]
    assert "hồ sơ đã lưu vẫn đọc được" in question and "sao lưu khóa" in question
    rotation, after = ex.keys.rotation.result
    assert after != before and ex.keys.fingerprint.text() == after
    assert after in ex.keys.status.text() and "sao lưu khóa" in ex.keys.status.text()
    assert ACCOUNTS["archivist"][0] in rotation.granted and rotation.not_granted == ("luutru2",)
    assert "luutru2" in ex.keys.status.text()

    sv = w.show_view("search")  # the dossier sealed to the old key still opens in the GUI
    qtbot.keyClicks(sv.query, "trach nhiem")
    qtbot.waitUntil(lambda: sv.list.count() > 0, timeout=30_000)
    qtbot.waitUntil(lambda: sv.canvas.hit_count() > 0, timeout=30_000)
    wait_idle(qtbot, w)
    ws = w.session.workspace
    (old,) = ws.records.dossiers()
    import_sample(ws, pages=1)  # sealed to the new key
    w.sign_out()
    wait_idle(qtbot, w)
    archivist = core_sign_in(sample_archive, *ACCOUNTS["archivist"], kdf_params=TEST_PARAMS)
    try:  # the archivist's grant: both dossiers open and the archive verifies
        aws = archivist.workspace
        ids = {d.id for d in aws.records.dossiers()}
        assert old.id in ids and len(ids) == 2
        for did in ids:
            assert aws.records.load_page(did, 1) is not None
        assert aws.records.verify().ok
        assert aws.search("UBND")
    finally:
        archivist.close()


def test_a_non_admin_has_no_rotate_button(qtbot, open_window, empty_archive: Path) -> None:
    w = open_window(empty_archive)
    sign_in(qtbot, w, "archivist")
    assert "export" not in w.views
    assert w.findChild(QPushButton, "rotateKeys") is None
    panel = KeysPanel(AppContext(w.session, w.runner, w.settings))  # even if shown somewhere
    qtbot.addWidget(panel)
    assert panel.findChild(QPushButton, "rotateKeys") is None


def test_verify_lists_a_destination_it_could_not_check(qtbot, open_window, sample_archive: Path,
                                                       tmp_path: Path) -> None:
    _private, public = generate_central_keypair("trung-tam", kdf_params=TEST_PARAMS)
    key_file = tmp_path / "khoa.json"
    key_file.write_bytes(public)
    w = open_window(sample_archive)
    sign_in(qtbot, w, "admin")
    ws = w.session.workspace
    ws.office_keys.import_central_key(key_file, "Lưu trữ tỉnh")
    out = tmp_path / "usb"
    out.mkdir()
    ws.transfer.export(out.as_uri())
    shutil.rmtree(out)  # the medium is unplugged

    ex = w.show_view("export")
    ex.tabs.setCurrentWidget(ex.verify_panel)
    ex.verify_panel.verify_all()
    qtbot.waitUntil(lambda: ex.verify_panel.report is not None, timeout=60_000)
    lines = ex.verify_panel.lines()
    assert lines[0].startswith("✔")  # a place not reached is no failure, but it is said
    assert any(line.startswith("CHƯA KIỂM TRA / NOT CHECKED " + out.as_uri())
               for line in lines), lines


def test_a_rollback_is_shown_first(qapp) -> None:  # noqa: ANN001 - pytest-qt fixture
    report = VerifyReport()
    report.checked.append("HS-1")
    report.fail("audit.log (keystore.json, file:///media/usb)", "nhật ký bị quay lui / rolled back")
    report.not_checked("s3://tinh/h47", "máy ngoại tuyến / offline")
    texts = [t for t, _c in verify_lines(report)]
    assert texts[0].startswith("✘") and "quay lui" in texts[1]
    assert texts[2] == ("LỖI / FAIL audit.log (keystore.json, file:///media/usb): "
                        "nhật ký bị quay lui / rolled back")
    assert texts[3].startswith("CHƯA KIỂM TRA / NOT CHECKED s3://tinh/h47")
