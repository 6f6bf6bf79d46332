"""#23 (admin tasks in the GUI): a stored dossier is renamed in review as a new sealed version,
audited, and unsaved edits of it are kept."""

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
