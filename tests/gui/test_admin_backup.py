"""Admin: back the whole archive up from the admin view, with progress and the backup's age."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gui.conftest import sign_in, wait_idle

pytestmark = pytest.mark.gui


def test_admin_backs_up_the_archive_and_sees_its_age(qtbot, open_window, sample_archive: Path,
                                                     tmp_path: Path) -> None:
    w = open_window(sample_archive)
    sign_in(qtbot, w, "admin")
    ex = w.show_view("export")
    ex.tabs.setCurrentWidget(ex.backup)
    qtbot.waitUntil(lambda: ex.backup.last.text() == "Chưa sao lưu lần nào.", timeout=30_000)

    ex.backup.start_backup(tmp_path / "saoluu")
    qtbot.waitUntil(lambda: "Đã sao lưu" in ex.backup.status.text(), timeout=120_000)
    wait_idle(qtbot, w)
    assert "Đã sao lưu 1 gói (1 gói mới)" in ex.backup.status.text()
    assert ex.backup.bar.value() == ex.backup.bar.maximum() == 1
    assert (tmp_path / "saoluu" / "LATEST").is_file()
    qtbot.waitUntil(lambda: "Lần sao lưu gần nhất" in ex.backup.last.text(), timeout=30_000)
    assert "0.0 giờ trước" in ex.backup.last.text()


def test_dashboard_shows_the_backup_age_the_report_prints(
        qtbot, open_window, sample_archive: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """#22: the dashboard card says "chưa có bản sao lưu", then the last backup's age, the same
    figure as ``digitize report``."""
    from datetime import timedelta

    from archive.clock import now_vn
    from digitize.recovery import backup as backup_mod
    from digitize.store.report import render_text

    w = open_window(sample_archive)
    sign_in(qtbot, w, "admin")
    dash = w.show_view("dashboard")
    card = dash.cards["backup"]
    qtbot.waitUntil(lambda: card.value.text() == "chưa có bản sao lưu", timeout=30_000)
    ws = w.session.workspace
    assert "last backup: chưa có bản sao lưu" in render_text(ws.records.progress_report())

    ex = w.show_view("export")
    ex.tabs.setCurrentWidget(ex.backup)
    ex.backup.start_backup(tmp_path / "saoluu")
    qtbot.waitUntil(lambda: "Đã sao lưu" in ex.backup.status.text(), timeout=120_000)
    wait_idle(qtbot, w)
    later = now_vn() + timedelta(hours=26.5)
    monkeypatch.setattr(backup_mod, "now_vn", lambda: later)
    dash = w.show_view("dashboard")
    qtbot.waitUntil(lambda: dash.cards["backup"].value.text() == "26,5 giờ trước",
                    timeout=30_000)
    assert str(tmp_path / "saoluu") in dash.cards["backup"].toolTip()
    assert "last backup: 26.5 giờ trước" in render_text(ws.records.progress_report())
    assert dash.report["last_backup"]["age_hours"] == 26.5
