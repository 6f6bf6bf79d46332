"""Archivist: review and correct a field, save and next; search, open a hit, PDF, verify."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.gui.conftest import sign_in, wait_idle
from ui import errors
from ui.widgets.hit_delegate import HTML_ROLE

pytestmark = pytest.mark.gui


def test_archivist_corrects_a_field_and_saves_a_new_version(qtbot, open_window,
                                                            sample_archive: Path) -> None:
    w = open_window(sample_archive)
    sign_in(qtbot, w, "archivist")
    assert "capture" not in w.views and "export" not in w.views
    rv = w.show_view("review")
    qtbot.waitUntil(lambda: rv.dossier is not None and rv.page is not None, timeout=30_000)
    wait_idle(qtbot, w)
    doc = rv.document()
    assert rv.canvas.hit_count() > 20  # the page with its word boxes
    assert rv.text.toPlainText().strip()
    assert rv.form.editors["docId"].text() == doc.doc_id
    assert rv.form.badges["codeNumber"].text().endswith("%")  # extraction confidence

    rv.form.set_value("codeNumber", "15a")
    qtbot.mouseClick(rv.save_button, Qt.MouseButton.LeftButton)
    assert "chỉ gồm chữ số" in rv.form.problem_text("codeNumber")
    assert "Chưa lưu" in rv.status.text() and not w.runner.busy

    rv.form.set_value("codeNumber", "15")
    rv.form.set_value("typeName", "02")
    rv.text.moveCursor(rv.text.textCursor().MoveOperation.End)
    rv.text.insertPlainText("\nGhi chú rà soát")
    qtbot.keyClick(rv.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "Đã lưu" in rv.status.text(), timeout=60_000)
    wait_idle(qtbot, w)
    assert not errors.shown or all("Đã lưu" not in e for e in errors.shown)
    ws = w.session.workspace
    d = ws.dossier(doc_id_dossier(ws, doc.doc_id))
    saved = next(x for x in d.documents if x.doc_id == doc.doc_id)
    assert saved.meta["codeNumber"] == "15" and saved.meta["typeName"] == "02"
    assert ws.catalog.one("SELECT version FROM dossiers WHERE id = ?", (d.id,))["version"] == 2
    assert "Ghi chú rà soát" in d.pages[doc.first_page - 1].text
    assert ws.verify().ok  # the old version stays verifiable beside the new one
    assert rv.doc_box.currentIndex() == 1  # "save and next" moved on


def doc_id_dossier(ws, doc_id: str) -> str:  # noqa: ANN001
    return ws.catalog.one("SELECT dossier_id FROM documents WHERE doc_id = ?",
                          (doc_id,))["dossier_id"]


def test_archivist_searches_opens_a_hit_the_pdf_and_verifies(qtbot, open_window,
                                                             sample_archive: Path,
                                                             monkeypatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr("ui.views.search_view.QDesktopServices.openUrl",
                        lambda url: opened.append(url.toLocalFile()) or True)
    w = open_window(sample_archive)
    sign_in(qtbot, w, "archivist")
    sv = w.show_view("search")
    qtbot.keyClicks(sv.query, "trach nhiem")  # no diacritics: finds «trách nhiệm»
    qtbot.waitUntil(lambda: sv.list.count() > 0, timeout=30_000)
    assert "nhiệm" in sv.list.item(0).text()
    assert "<b>trách nhiệm</b></span>" in sv.list.item(0).data(HTML_ROLE)  # lit in the list
    qtbot.keyClick(sv.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: sv.canvas.hit_count() > 0, timeout=30_000)
    assert sv.current.boxes and sv.canvas.hit_count() >= len(sv.current.boxes)

    qtbot.keyClick(sv.query, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "✔" in sv.verify_label.text(), timeout=60_000)
    qtbot.mouseClick(sv.pdf_button, Qt.MouseButton.LeftButton)  # inside the app (#23)
    qtbot.waitUntil(lambda: getattr(sv, "viewer", None) is not None and
                    sv.viewer.canvas.hit_count() > 0, timeout=30_000)
    qtbot.mouseClick(sv.viewer.outside, Qt.MouseButton.LeftButton)  # the desktop's viewer
    qtbot.waitUntil(lambda: bool(opened), timeout=30_000)
    pdf = Path(opened[0])
    assert pdf.read_bytes().startswith(b"%PDF") and str(pdf).startswith("/dev/shm")

    sv.type_box.setCurrentIndex(sv.type_box.findData("30"))  # Bản đồ: nothing of that type
    qtbot.waitUntil(lambda: sv.list.count() == 0 and "0 trang" in sv.count.text(),
                    timeout=30_000)
    sv.type_box.setCurrentIndex(0)
    sv.retention_box.setCurrentIndex(sv.retention_box.findData("01"))  # stored as Vĩnh viễn
    qtbot.waitUntil(lambda: sv.list.count() > 0, timeout=30_000)
    sv.retention_box.setCurrentIndex(sv.retention_box.findData("06"))  # none kept 10 years
    qtbot.waitUntil(lambda: sv.list.count() == 0 and "0 trang" in sv.count.text(),
                    timeout=30_000)


def test_archivist_merges_and_splits_documents(qtbot, open_window, sample_archive: Path) -> None:
    w = open_window(sample_archive)
    sign_in(qtbot, w, "archivist")
    rv = w.show_view("review")
    qtbot.waitUntil(lambda: rv.dossier is not None and rv.page is not None, timeout=30_000)
    wait_idle(qtbot, w)
    assert rv.doc_box.count() == 2
    qtbot.mouseClick(rv.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Đã gộp" in rv.status.text() and rv.doc_box.count() == 1,
                    timeout=60_000)
    assert rv.document().n_pages == 2
    rv.step_page(1)
    qtbot.waitUntil(lambda: rv.page_seq == 2 and not w.runner.busy, timeout=30_000)
    qtbot.mouseClick(rv.split_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Đã tách" in rv.status.text() and rv.doc_box.count() == 2,
                    timeout=60_000)
    wait_idle(qtbot, w)
    ws = w.session.workspace
    docs = ws.dossier(rv.dossier.id).documents
    assert [(d.first_page, d.n_pages) for d in docs] == [(1, 1), (2, 1)]
    assert ws.verify().ok
