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
