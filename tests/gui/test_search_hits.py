"""Problem 8 of #23: each hit says its số/ký hiệu, date (dd/mm/yyyy) and trích yếu; one click
previews the page; "Xem tài liệu" shows the document inside the app at the hit's page, and the
external PDF viewer, when missing, is said to be missing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.gui.conftest import sign_in, wait_idle

pytestmark = pytest.mark.gui


def test_hits_preview_on_one_click_and_open_inside(qtbot, open_window, sample_archive: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("ui.views.search_view.QDesktopServices.openUrl", lambda url: False)
    w = open_window(sample_archive)
    sign_in(qtbot, w, "archivist")
    sv = w.show_view("search")
    qtbot.keyClicks(sv.query, "trach nhiem")
    qtbot.waitUntil(lambda: sv.list.count() > 0, timeout=30_000)
    wait_idle(qtbot, w)
    shown = 0
    for row, hit in enumerate(sv.results.hits):
        m, text = hit.meta or {}, sv.list.item(row).text()
        if m.get("codeNumber"):
            assert f"Số {m['codeNumber']}/{m.get('codeNotation', '')}" in text
            shown += 1
        if m.get("issuedDate"):
            iso = str(m["issuedDate"])[:10]
            if iso.count("-") == 2:  # stored ISO, shown dd/mm/yyyy
                y, mo, d = iso.split("-")
                assert f"ngày {d}/{mo}/{y}" in text and iso not in text
            else:
                assert f"ngày {m['issuedDate']}" in text
            shown += 1
        if m.get("subject"):
            assert f"V/v: {m['subject'][:20]}" in text
            shown += 1
    assert shown >= 2, [h.meta for h in sv.results.hits]
    qtbot.waitUntil(lambda: sv.canvas.hit_count() > 0, timeout=30_000)  # no Enter pressed
    sv.list.setCurrentRow(-1)
    rect = sv.list.visualItemRect(sv.list.item(0))
    sv.current = None
    qtbot.mouseClick(sv.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: sv.current is not None, timeout=30_000)  # one click
    qtbot.mouseClick(sv.pdf_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(sv, "viewer", None) is not None and
                    sv.viewer.canvas.hit_count() > 0, timeout=30_000)
    assert sv.viewer.isVisible() and "Trang" in sv.viewer.where.text()
    qtbot.mouseClick(sv.viewer.outside, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "chưa có trình xem PDF" in sv.viewer.note.text(), timeout=30_000)
    sv.viewer.close()
