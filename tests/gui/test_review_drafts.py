"""Problems 3 and 7 of #23 in review: unsaved edits survive switching document, locking and a
language change; the document list shows drafts and doubtful fields; the remaining problems are
listed by name."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from digitize.metadata.schema import FieldProblem
from tests.gui.conftest import ACCOUNTS, sign_in, wait_idle
from ui import dialogs
from ui.views.sign_in_view import LockView

pytestmark = pytest.mark.gui


@pytest.fixture
def review(qtbot, open_window, sample_archive: Path):  # noqa: ANN001, ANN201
    w = open_window(sample_archive)
    sign_in(qtbot, w, "archivist")
    rv = w.show_view("review")
    qtbot.waitUntil(lambda: rv.dossier is not None and rv.page is not None, timeout=30_000)
    wait_idle(qtbot, w)
    return w, rv


def test_edits_survive_switching_document_lock_and_language(qtbot, review) -> None:  # noqa: ANN001
    w, rv = review
    assert rv.doc_box.count() >= 2
    first = rv.document().doc_id
    rv.form.set_value("signerName", "Nguyễn Văn Thử")
    rv.doc_box.setCurrentIndex(1)  # move on without saving
    wait_idle(qtbot, w)
    assert rv.doc_box.itemText(0).startswith("✎")  # the list shows the draft
    rv.doc_box.setCurrentIndex(0)
    wait_idle(qtbot, w)
    assert rv.document().doc_id == first
    assert rv.form.values()["signerName"] == "Nguyễn Văn Thử"
    assert "chưa lưu" in rv.status.text()

    w.lock()
    lock = w.stack.currentWidget()
    assert isinstance(lock, LockView)
    qtbot.keyClicks(lock.password, ACCOUNTS["archivist"][1])
    qtbot.keyClick(lock.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not w.session.locked and "review" in w.views, timeout=30_000)
    rv = w.view("review")
    qtbot.waitUntil(lambda: rv.dossier is not None and rv.page is not None, timeout=30_000)
    wait_idle(qtbot, w)
    w.lang_box.setCurrentIndex(1)
    qtbot.waitUntil(lambda: w.nav.item(0).text() == "Dashboard")
    rv = w.view("review")
    w.show_view("review")
    qtbot.waitUntil(lambda: rv.dossier is not None and rv.page is not None, timeout=30_000)
    wait_idle(qtbot, w)
    rv.doc_box.setCurrentIndex(0)
    wait_idle(qtbot, w)
    assert rv.form.values()["signerName"] == "Nguyễn Văn Thử"
    w.lang_box.setCurrentIndex(0)
    qtbot.waitUntil(lambda: w.nav.item(0).text() == "Tổng quan")
    wait_idle(qtbot, w)

    w.sign_out()  # nothing asked and nothing lost: the edit is kept on disk (encrypted)
    assert w.session is None and not dialogs.asked
    sign_in(qtbot, w, "archivist")
    rv = w.show_view("review")
    qtbot.waitUntil(lambda: rv.dossier is not None and rv.page is not None, timeout=30_000)
    wait_idle(qtbot, w)
    rv.doc_box.setCurrentIndex(0)
    wait_idle(qtbot, w)
    assert rv.form.values()["signerName"] == "Nguyễn Văn Thử"


def test_save_lists_the_remaining_problems_and_the_list_shows_doubtful(
        qtbot, review, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    w, rv = review
    labels = [rv.doc_box.itemText(i) for i in range(rv.doc_box.count())]
    assert all(t[0] in "⚠✓" for t in labels), labels
    two = [FieldProblem("subject", "Trích yếu: quá ngắn", "subject: too short", "warning"),
           FieldProblem("place", "Địa danh: không có", "place: missing", "warning")]
    monkeypatch.setattr(type(w.session.workspace.records), "validate",
                        lambda _self, *a, **k: two)
    rv.form.set_value("signerName", "Nguyễn Văn Thử")
    rv.save(advance=False)
    qtbot.waitUntil(lambda: "Đã lưu" in rv.status.text(), timeout=60_000)
    wait_idle(qtbot, w)
    text = rv.status.text()
    assert "Còn 2 lưu ý về đặc tả" in text
    assert "Trích yếu: quá ngắn" in text and "Địa danh: không có" in text


def test_f2_goes_to_the_next_doubtful_field(qtbot, review) -> None:  # noqa: ANN001
    _w, rv = review
    doubtful = rv.form.doubtful_fields()
    assert doubtful, "the sample's extraction has fields under 90 %"
    rv.text.setFocus()
    qtbot.keyClick(rv.text, Qt.Key.Key_F2)
    assert rv.form.editors[doubtful[0]].hasFocus()
    if len(doubtful) > 1:
        qtbot.keyClick(rv.form.editors[doubtful[0]], Qt.Key.Key_F2)
        assert rv.form.editors[doubtful[1]].hasFocus()
