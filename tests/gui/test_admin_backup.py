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


def test_admin_backs_up_to_an_s3_server_and_restore_starts_from_it(
        qtbot, open_window, sample_archive: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """#22: the Backup tab also sends the archive to ``s3://bucket/prefix`` (a real SeaweedFS),
    remembering the target; the restore dialog opened there starts with the same server."""
    from tests.seaweed import seaweed_server
    from ui.views import admin_backup

    with seaweed_server(tmp_path / "weed") as server:
        server.client().create_bucket(Bucket="sao-luu")
        monkeypatch.setenv("AWS_ACCESS_KEY_ID", server.access_key)
        monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", server.secret_key)
        w = open_window(sample_archive)
        sign_in(qtbot, w, "admin")
        ex = w.show_view("export")
        ex.tabs.setCurrentWidget(ex.backup)
        ex.ctx.settings.q.setValue("export/endpoint", server.endpoint)
        asked: list[str] = []

        def answer(_parent, _title, _label, text="") -> tuple[str, bool]:  # noqa: ANN001
            asked.append(text)
            return " s3://sao-luu/van-phong ", True

        monkeypatch.setattr(admin_backup.QInputDialog, "getText", answer)
        ex.backup.choose_s3()
        qtbot.waitUntil(lambda: "Đã sao lưu" in ex.backup.status.text(), timeout=120_000)
        wait_idle(qtbot, w)
        assert "Đã sao lưu 1 gói (1 gói mới)" in ex.backup.status.text()
        keys = [o["Key"] for o in server.client().list_objects_v2(
            Bucket="sao-luu", Prefix="van-phong/")["Contents"]]
        assert "van-phong/LATEST" in keys
        qtbot.waitUntil(lambda: "s3://sao-luu/van-phong" in ex.backup.last.text(),
                        timeout=30_000)
        ex.backup.choose_s3()  # the second time the target is offered again: nothing new sent
        qtbot.waitUntil(lambda: "(0 gói mới)" in ex.backup.status.text(), timeout=120_000)
        wait_idle(qtbot, w)
        assert asked == ["", "s3://sao-luu/van-phong"]

        dialog = ex.backup.restore()
        assert dialog.endpoint.text() == server.endpoint
        dialog.reject()


def test_an_s3_backup_target_that_is_not_s3_is_refused_before_any_work(
        qtbot, open_window, sample_archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.views import admin_backup

    w = open_window(sample_archive)
    sign_in(qtbot, w, "admin")
    ex = w.show_view("export")
    ex.tabs.setCurrentWidget(ex.backup)
    monkeypatch.setattr(admin_backup.QInputDialog, "getText",
                        lambda *_a, **_k: ("http://sao-luu/van-phong", True))
    ex.backup.choose_s3()
    assert ex.backup.status.text() == "Đích phải có dạng s3://thùng/tiền-tố."
    assert not ex.ctx.runner.jobs()
    assert ex.ctx.settings.q.value("backup/s3", "") in ("", None)


def test_an_s3_backup_server_that_does_not_answer_says_so(
        qtbot, open_window, sample_archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.views import admin_backup

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKX")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "bi-mat")
    w = open_window(sample_archive)
    sign_in(qtbot, w, "admin")
    ex = w.show_view("export")
    ex.tabs.setCurrentWidget(ex.backup)
    ex.ctx.settings.q.setValue("export/endpoint", "http://127.0.0.1:9")  # nothing listens
    monkeypatch.setattr(admin_backup.QInputDialog, "getText",
                        lambda *_a, **_k: ("s3://sao-luu/van-phong", True))
    ex.backup.choose_s3()
    qtbot.waitUntil(lambda: "127.0.0.1:9" in ex.backup.status.text(), timeout=120_000)
    wait_idle(qtbot, w)
    assert "Đã sao lưu" not in ex.backup.status.text()
