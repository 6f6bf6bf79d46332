"""Problem 10 of #23: Qt's own dialogs in Vietnamese, scan options translated, distinct words
for lock / keys / disable, Vietnamese dates and numbers, the sign-in card keeps its fields'
height on a wrong password, Enter submits the set-up screen and the dossier title."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel, QPushButton

from tests.gui.conftest import sign_in, wait_idle
from ui import fmt, i18n
from ui.main_window import MainWindow
from ui.settings import UiSettings
from ui.views.sign_in_view import SetupView

pytestmark = pytest.mark.gui


def test_qt_dialogs_speak_vietnamese(qtbot) -> None:  # noqa: ANN001
    i18n.install("vi")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Hủy"
    dlg = QFileDialog(None, "Chọn tệp")
    dlg.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dlg)
    texts = {b.text() for b in dlg.findChildren(QPushButton)}
    labels = {w.text() for w in dlg.findChildren(QLabel)}
    assert "Hủy" in texts and "Cancel" not in texts, texts
    assert any("Tên tệp" in t for t in labels), labels
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                           QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert {b.text() for b in box.buttons()} == {"Đồng ý", "Hủy"}


def test_numbers_and_dates_are_written_the_vietnamese_way() -> None:
    i18n.install("vi")
    assert fmt.number(1234567) == "1.234.567"
    assert fmt.number(12.5, 1) == "12,5"
    assert fmt.percent(100.0) == "100 %" and fmt.percent(12.34) == "12,3 %"
    assert fmt.day("2022-06-08") == "08/06/2022"
    assert fmt.when("2026-12-07T08:30:00+07:00") == "07/12/2026 08:30"


def test_scan_options_words_and_enter(qtbot, open_window, empty_archive: Path) -> None:  # noqa: ANN001
    w = open_window(empty_archive)
    sign_in(qtbot, w, "admin")
    cap = w.view("capture")
    sources = [cap.source.itemText(i) for i in range(cap.source.count())]
    modes = [cap.mode.itemText(i) for i in range(cap.mode.count())]
    assert "Flatbed" not in sources and "Color" not in modes and "Gray" not in modes
    cap.mode.setCurrentIndex(cap.mode.findData("Gray"))
    assert cap.panel.profile()["mode"] == "Gray"  # SANE still gets its own word
    words = [b.text() for b in w.findChildren(QPushButton)] + \
        [w.view("export").tabs.tabText(i) for i in range(w.view("export").tabs.count())]
    assert "Khóa" not in words  # "Khóa" alone meant lock, keys and disable
    assert w.findChild(QPushButton, "lockButton").text() == "Khóa màn hình"
    cap.new_title.setText("Hồ sơ gõ Enter")
    qtbot.keyClick(cap.new_title, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: cap.dossier_id is not None, timeout=30_000)
    wait_idle(qtbot, w)
    assert "Hồ sơ gõ Enter" in cap.dossier_box.currentText()


def test_sign_in_fields_keep_their_height_on_a_wrong_password(qtbot, open_window,  # noqa: ANN001
                                                              empty_archive: Path) -> None:
    w = open_window(empty_archive)
    w.resize(1366, 700)
    view = w.stack.currentWidget()
    qtbot.wait(50)
    before = (view.user.height(), view.password.height())
    view.user.setText("vanthu")
    qtbot.keyClicks(view.password, "sai-mat-khau")
    qtbot.keyClick(view.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Sai" in view.error.text(), timeout=30_000)
    qtbot.wait(50)
    assert (view.user.height(), view.password.height()) == before
    assert view.password.height() >= view.password.sizeHint().height()


def test_enter_submits_the_setup_screen(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    w = MainWindow(tmp_path / "kho", settings=settings)
    qtbot.addWidget(w)
    setup = w.stack.currentWidget()
    assert isinstance(setup, SetupView)
    called = []
    setup.submit = lambda: called.append(True)  # noqa: E731 - what Enter must reach
    setup.office_code.setText("H47.01")
    qtbot.keyClick(setup.office_code, Qt.Key.Key_Return)
    assert setup.office_name.hasFocus() or not called
    qtbot.keyClick(setup.confirm, Qt.Key.Key_Return)
    assert called
