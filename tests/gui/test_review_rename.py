"""#23: a stored dossier is renamed in review as a new sealed version (admin tasks in the GUI),
audited, unsaved edits of it kept; a page text corrected in review reaches the new version's
PDF text layer and the search index."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gui.conftest import sign_in, wait_idle

pytestmark = pytest.mark.gui


def test_a_stored_dossier_is_renamed_in_review(qtbot, open_window,
                                               sample_archive: Path) -> None:  # noqa: ANN001
    w = open_window(sample_archive)
    sign_in(qtbot, w, "archivist")
    rv = w.show_view("review")
    qtbot.waitUntil(lambda: rv.dossier is not None and rv.page is not None, timeout=30_000)
    wait_idle(qtbot, w)
    ws = w.session.workspace
    did = rv.dossier.id
    version = ws.catalog.one("SELECT version FROM dossiers WHERE id = ?", (did,))["version"]
    rv.form.set_value("signerName", "Sửa chưa lưu")
    assert rv.rename_button.isVisible()

    rv.rename_dossier("Hồ sơ  đã đổi tên")
    qtbot.waitUntil(lambda: "Hồ sơ đã đổi tên" in rv.dossier_box.currentText(), timeout=60_000)
    wait_idle(qtbot, w)
    row = ws.catalog.one("SELECT title, version FROM dossiers WHERE id = ?", (did,))
    assert (row["title"], row["version"]) == ("Hồ sơ đã đổi tên", version + 1)
    assert "dossier.rename" in [e.action for e in ws.audit.entries()]
    assert any("Đã đổi tên hồ sơ" in m for m in rv.status.history())
    qtbot.waitUntil(lambda: rv.form.values()["signerName"] == "Sửa chưa lưu", timeout=10_000)


def test_a_page_text_corrected_in_review_is_in_the_new_pdf_and_found(
        qtbot, open_window, sample_archive: Path) -> None:  # noqa: ANN001
    import io

    from pypdf import PdfReader

    w = open_window(sample_archive)
    sign_in(qtbot, w, "archivist")
    rv = w.show_view("review")
    qtbot.waitUntil(lambda: rv.dossier is not None and rv.page is not None, timeout=30_000)
    wait_idle(qtbot, w)
    ws, did, doc = w.session.workspace, rv.dossier.id, rv.document()
    rv.text.setFocus()
    rv.text.moveCursor(rv.text.textCursor().MoveOperation.End)
    rv.text.insertPlainText(" Hiệuđínhthửnghiệm")
    rv.save(advance=False)
    qtbot.waitUntil(lambda: "Đã lưu" in rv.status.text(), timeout=60_000)
    wait_idle(qtbot, w)
    pdf = ws.records.document_pdf(did, doc.doc_id)
    layer = "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Hiệuđínhthửnghiệm" in layer
    hits = ws.search("Hiệuđínhthửnghiệm").hits
    assert [(h.dossier_id, h.page_seq) for h in hits] == [(did, doc.first_page)]
