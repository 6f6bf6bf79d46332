"""#23: unsaved review edits survive a quit and a crash (kept on disk, encrypted, offered back),
and a window with pending edits closes without asking (a question there hung every
``make screenshots`` run: nobody answers a modal box under Xvfb)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gui.conftest import sign_in, wait_idle
from ui import dialogs
from ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def _review(qtbot, w):  # noqa: ANN001, ANN202
    sign_in(qtbot, w, "archivist")
    rv = w.show_view("review")
    qtbot.waitUntil(lambda: rv.dossier is not None and rv.page is not None, timeout=30_000)
    wait_idle(qtbot, w)
    return rv


def test_a_window_with_pending_edits_closes_without_asking_and_keeps_them(
        qtbot, open_window, sample_archive: Path) -> None:  # noqa: ANN001
    w = open_window(sample_archive)
    rv = _review(qtbot, w)
    rv.form.set_value("signerName", "Trần Văn Nháp")
    assert w.unsaved() == 1
    assert w.close()  # no question, nothing blocks
    assert not dialogs.asked and not w.isVisible()

    w2 = open_window(sample_archive)
    rv2 = _review(qtbot, w2)
    qtbot.waitUntil(lambda: rv2.form.values()["signerName"] == "Trần Văn Nháp", timeout=10_000)
    assert rv2.doc_box.itemText(0).startswith("✎")
    assert rv2.dossier_box.currentText().startswith("✎ ")  # the dossier list shows it too
    assert "chưa lưu" in rv2.status.text()
    assert rv2.form.changed_fields() == ["signerName"]


def test_edits_survive_a_crash(qtbot, open_window, sample_archive: Path,
                               monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    w = open_window(sample_archive)
    rv = _review(qtbot, w)
    did = rv.dossier.id
    rv.form.set_value("subject", "Về việc sửa trước khi mất điện")
    rv.text.setFocus()
    rv.text.moveCursor(rv.text.textCursor().MoveOperation.End)
    rv.text.insertPlainText(" Chữsửatay")
    seq = rv.page_seq
    ws = w.session.workspace
    # a quiet second after the last keystroke the drafts are on disk
    qtbot.waitUntil(lambda: not rv.autosave.isActive(), timeout=5_000)
    wait_idle(qtbot, w)
    assert rv.doc_box.currentText().startswith("✎") and rv.dossier_box.currentText()[0] == "✎"
    draft = ws.records.draft(did)
    assert draft is not None and draft.page_texts[seq].endswith("Chữsửatay")
    assert list(draft.documents.values()) == [{"subject": "Về việc sửa trước khi mất điện"}]
    # the crash: nothing more is written; the archive is only released
    monkeypatch.setattr("ui.main_window.write_drafts", lambda *_a: None)
    w.close()

    w2 = open_window(sample_archive)
    rv2 = _review(qtbot, w2)
    qtbot.waitUntil(lambda: rv2.form.values()["subject"] == "Về việc sửa trước khi mất điện",
                    timeout=10_000)
    rv2.show_page(seq)
    qtbot.waitUntil(lambda: rv2.text.toPlainText().endswith("Chữsửatay"), timeout=10_000)

    # saving seals it and forgets the draft; the next window starts clean
    rv2.save(advance=False)
    qtbot.waitUntil(lambda: "Đã lưu" in rv2.status.text(), timeout=60_000)
    wait_idle(qtbot, w2)
    assert w2.session.workspace.records.draft(did) is None
    assert w2.unsaved() == 0
    assert not rv2.dossier_box.currentText().startswith("✎")


def test_discarding_the_drafts_asks_and_forgets_them(qtbot, open_window,
                                                     sample_archive: Path) -> None:  # noqa: ANN001
    w = open_window(sample_archive)
    rv = _review(qtbot, w)
    did = rv.dossier.id
    rv.form.set_value("signerName", "Bỏ đi")
    rv.keep_on_disk()
    wait_idle(qtbot, w)
    assert w.session.workspace.records.draft(did) is not None
    dialogs.answers.append(True)
    rv.discard_button.click()
    wait_idle(qtbot, w)
    assert dialogs.asked and rv.form.values()["signerName"] != "Bỏ đi"
    assert w.session.workspace.records.draft(did) is None and w.unsaved() == 0


def test_the_draft_is_not_in_plaintext_on_disk(qtbot, open_window,
                                               sample_archive: Path) -> None:  # noqa: ANN001
    w: MainWindow = open_window(sample_archive)
    rv = _review(qtbot, w)
    rv.form.set_value("signerName", "Dấuvếtbímật")
    w.close()
    needle = "Dấuvếtbímật".encode()
    for path in sample_archive.rglob("*"):
        if path.is_file():
            assert needle not in path.read_bytes(), path
