"""Clerk: sign in, declare secrecy, scan from SANE test:0, fix pages, import, process."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import Qt

from digitize.model import DossierStatus
from tests.gui.conftest import sign_in, wait_idle
from ui import dialogs, errors

pytestmark = pytest.mark.gui


def test_clerk_scans_fixes_pages_and_processes(qtbot, open_window, empty_archive: Path,
                                               sane_config: Path, tmp_path: Path) -> None:
    w = open_window(empty_archive)
    sign_in(qtbot, w, "clerk")
    assert w.current_view() == "capture"
    assert "search" not in w.views and "export" not in w.views  # the clerk's role
    cap = w.view("capture")
    cap.new_title.setText("Hồ sơ quét thử")  # (QTest cannot type non-ASCII keys)
    qtbot.mouseClick(cap.findChild(type(cap.scan_button), "createDossier"),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: cap.dossier_id is not None)
    wait_idle(qtbot, w)

    cap.device.setEditText("test:0")
    cap.source.setCurrentIndex(cap.source.findData("ADF"))
    cap.dpi.setCurrentIndex(cap.dpi.findData("150"))
    cap.mode.setCurrentIndex(cap.mode.findData("Gray"))
    cap.count.setValue(2)
    qtbot.mouseClick(cap.scan_button, Qt.MouseButton.LeftButton)  # not declared yet
    assert "khai báo" in cap.status.text() and not w.runner.busy
    cap.not_secret.setChecked(True)
    qtbot.keyClick(cap.thumbs, Qt.Key.Key_F8)  # F8 (Ctrl+S saves, in review)
    qtbot.waitUntil(lambda: cap.thumbs.count() == 2 and not w.runner.busy, timeout=60_000)

    blank = tmp_path / "trang-trang.png"
    Image.fromarray(np.full((1100, 780, 3), 255, np.uint8)).save(blank, dpi=(100, 100))
    cap.import_paths([str(blank)])
    qtbot.waitUntil(lambda: cap.thumbs.count() == 3 and not w.runner.busy, timeout=60_000)
    flagged = cap.thumbs.item(2)
    assert "blank" in flagged.data(Qt.ItemDataRole.UserRole + 1)
    assert "Trang trắng" in flagged.toolTip() and "⚠" in flagged.text()

    ws = w.session.workspace
    first_w = ws.catalog.one("SELECT width, height FROM pages WHERE dossier_id = ? AND seq = 1",
                             (cap.dossier_id,))
    cap.thumbs.setCurrentRow(0)
    qtbot.mouseClick(cap.findChild(type(cap.scan_button), "rotateRight"),
                     Qt.MouseButton.LeftButton)
    wait_idle(qtbot, w)
    rotated = ws.catalog.one("SELECT width, height FROM pages WHERE dossier_id = ? AND seq = 1",
                             (cap.dossier_id,))
    assert (rotated["width"], rotated["height"]) == (first_w["height"], first_w["width"])
    def blank_at(row: int) -> bool:
        item = cap.thumbs.item(row) if cap.thumbs.count() == 3 else None
        return item is not None and "blank" in item.data(Qt.ItemDataRole.UserRole + 1)

    cap.thumbs.page_moved.emit(3, 1)  # what dropping the third thumbnail first does
    qtbot.waitUntil(lambda: blank_at(0) and not w.runner.busy)
    cap.thumbs.page_moved.emit(1, 3)
    qtbot.waitUntil(lambda: blank_at(2) and not w.runner.busy)
    cap.thumbs.setCurrentRow(2)
    qtbot.mouseClick(cap.findChild(type(cap.scan_button), "deletePage"),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: cap.thumbs.count() == 2 and not w.runner.busy)

    did = cap.dossier_id
    qtbot.mouseClick(cap.process_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not w.runner.busy, timeout=120_000)
    assert not errors.shown or "Đã lưu" in cap.status.text(), errors.shown
    assert f"Đã lưu hồ sơ {did}" in cap.status.text()
    stored = ws.dossier(did)
    # sealed to the office's public key: the clerk's staging keeps no page of it (#24) ...
    assert stored.status == DossierStatus.STORED and stored.pages == []
    w.sign_out()
    wait_idle(qtbot, w)
    # ... and the archivist's next unlock indexes it from the container
    sign_in(qtbot, w, "archivist")
    ws = w.session.workspace
    stored = ws.dossier(did)
    assert stored.status == DossierStatus.STORED and len(stored.pages) == 2
    assert ws.verify([did]).ok


def test_a_declared_secret_is_refused_and_nothing_is_kept(qtbot, open_window,
                                                          empty_archive: Path) -> None:
    w = open_window(empty_archive)
    sign_in(qtbot, w, "clerk")
    cap = w.view("capture")
    cap.create_dossier("Hồ sơ mật")
    qtbot.waitUntil(lambda: cap.dossier_id is not None)
    did = cap.dossier_id
    cap.secret.setChecked(True)
    cap.secret_level.setCurrentText("TỐI MẬT")
    dialogs.answers.append(True)  # "Hủy hồ sơ này": asked first (#23)
    cap.scan()
    qtbot.waitUntil(lambda: "dấu mật (TỐI MẬT)" in cap.status.text(), timeout=30_000)
    wait_idle(qtbot, w)
    ws = w.session.workspace
    assert ws.catalog.one("SELECT 1 FROM dossiers WHERE id = ?", (did,)) is None
    assert cap.dossier_box.findData(did) < 0
