"""#22: restore a backup from the GUI — from the sign-in screen (no archive open yet) and from
the admin Backup tab — in the background, with progress, then open the restored archive."""

from __future__ import annotations

from pathlib import Path

import pytest

from digitize.core import Workspace
from digitize.errors import Cancelled
from digitize.progress import CancelToken
from digitize.recovery.errors import RestoreTargetNotEmpty
from digitize.recovery.restore import restore, snapshots
from digitize.roles import RECOVERY_ADMIN
from tests.gui.conftest import make_archive, sign_in, wait_idle
from ui import dialogs
from ui.views.restore_dialog import RestoreDialog

pytestmark = pytest.mark.gui

PASSPHRASE = "cum-mat-khau-kho-khoi-phuc-22"


def _dossier_ids(ws: Workspace) -> list[tuple[str, str]]:
    return [(d.id, d.title) for d in ws.records.dossiers()]


@pytest.fixture(scope="module")
def backed_up(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list]:
    """An archive with the sample dossier (known passphrase), backed up by the core."""
    base = tmp_path_factory.mktemp("restore-gui")
    root = make_archive(base / "kho", sample_pages=1, passphrase=PASSPHRASE)
    ws = Workspace.open(root, PASSPHRASE, actor=RECOVERY_ADMIN)
    try:
        ids = _dossier_ids(ws)
        ws.recovery.backup(base / "saoluu")
    finally:
        ws.close()
    assert ids, "the sample archive holds a dossier"
    return root, base / "saoluu", ids


def _fill(qtbot, dialog: RestoreDialog, src: Path, target: Path, passphrase: str) -> None:  # noqa: ANN001
    dialog.source.setText(str(src))
    dialog.load_snapshots()
    qtbot.waitUntil(lambda: dialog.snapshot.count() == 2, timeout=10_000)
    dialog.snapshot.setCurrentIndex(1)  # the snapshot chosen from the list (the only one)
    dialog.target.setText(str(target))
    qtbot.keyClicks(dialog.passphrase, passphrase)


def test_restore_from_the_sign_in_screen_opens_the_same_dossiers(
        qtbot, open_window, backed_up, tmp_path: Path) -> None:  # noqa: ANN001
    root, backup, ids = backed_up
    w = open_window(root)
    dialog = w.stack.currentWidget().restore()
    assert dialog.isVisible()
    new = tmp_path / "kho-khoi-phuc"
    _fill(qtbot, dialog, backup, new, PASSPHRASE)
    dialogs.answers.append(True)  # "open the restored archive?" → yes
    texts: list[str] = []
    dialog.bar.valueChanged.connect(lambda v: texts.append(f"{v}/{dialog.bar.maximum()}"))
    dialog.start_button.click()
    assert dialog.passphrase.text() == ""  # not kept in the field while the work runs
    assert dialog.status.text() == "Đang khôi phục và kiểm tra từng tệp…"
    # the archive opens once restored: the start screen (and the dialog on it) is replaced
    qtbot.waitUntil(lambda: w.root == new, timeout=120_000)
    assert dialogs.asked[-1] == ("Mở kho vừa khôi phục", f"Mở kho vừa khôi phục tại {new}?")
    assert texts[-1] == "1/1"  # the bar ended full
    assert not (tmp_path / "kho-khoi-phuc.restore-partial").exists()
    assert w.stack.currentWidget().objectName() == "signInView"
    assert w.stack.currentWidget().root == new

    sign_in(qtbot, w, "admin")  # the accounts came back with the archive
    assert w.session.workspace.root == new
    assert _dossier_ids(w.session.workspace) == ids
    report = w.session.workspace.verify()
    assert report.ok, report.failures


def test_a_new_computer_restores_from_the_set_up_screen(
        qtbot, open_window, backed_up, tmp_path: Path) -> None:  # noqa: ANN001
    """No archive yet: the set-up screen offers the restore, into the app's archive folder."""
    _root, backup, ids = backed_up
    here = tmp_path / "kho-may-moi"
    w = open_window(here)
    setup = w.stack.currentWidget()
    assert setup.objectName() == "setupView"
    dialog = setup.restore()
    assert dialog.target.text() == str(here)  # where the app looks, prefilled
    dialog.source.setText(str(backup))
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    dialogs.answers.append(True)
    dialog.start_button.click()
    qtbot.waitUntil(lambda: w.stack.currentWidget().objectName() == "signInView",
                    timeout=120_000)
    sign_in(qtbot, w, "admin")
    assert _dossier_ids(w.session.workspace) == ids


def test_a_wrong_passphrase_shows_the_error_and_leaves_no_folder(
        qtbot, open_window, backed_up, tmp_path: Path) -> None:  # noqa: ANN001
    root, backup, _ids = backed_up
    w = open_window(root)
    dialog = w.stack.currentWidget().restore()
    new = tmp_path / "kho-sai"
    _fill(qtbot, dialog, backup, new, "khong-phai-cum-mat-khau")
    dialog.start_button.click()
    qtbot.waitUntil(lambda: dialog.start_button.isEnabled(), timeout=60_000)
    wait_idle(qtbot, w)
    assert dialog.status.text() == "Sai cụm mật khẩu của kho lưu trữ. Không có gì bị thay đổi."
    assert not dialogs.asked  # nothing offered to open
    assert not new.exists() and not (tmp_path / "kho-sai.restore-partial").exists()
    assert w.root == root


def test_admin_backup_tab_restores_into_an_empty_folder(
        qtbot, open_window, backed_up, tmp_path: Path) -> None:  # noqa: ANN001
    root, backup, ids = backed_up
    w = open_window(root)
    sign_in(qtbot, w, "admin")
    ex = w.show_view("export")
    ex.tabs.setCurrentWidget(ex.backup)
    dialog = ex.backup.restore()
    new = tmp_path / "trong"
    new.mkdir()  # an empty folder chosen in the file dialog
    _fill(qtbot, dialog, backup, new, PASSPHRASE)
    dialogs.answers.append(False)  # "sign out and open it?" → later
    dialog.start_button.click()
    qtbot.waitUntil(lambda: "Đã khôi phục" in dialog.status.text(), timeout=120_000)
    assert "Đăng xuất" in dialogs.asked[-1][1]
    assert w.session is not None and w.root == root  # still working in the open archive
    ws = Workspace.open(new, PASSPHRASE, actor=RECOVERY_ADMIN)
    try:
        assert _dossier_ids(ws) == ids
    finally:
        ws.close()


def test_core_restore_refuses_a_full_target_and_a_cancel_leaves_nothing(
        backed_up, tmp_path: Path) -> None:  # noqa: ANN001
    _root, backup, _ids = backed_up
    assert len(snapshots(backup)) == 1 and snapshots(tmp_path) == []
    full = tmp_path / "day"
    full.mkdir()
    (full / "x.txt").write_text("x")
    with pytest.raises(RestoreTargetNotEmpty):
        restore(backup, full, PASSPHRASE)
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        restore(backup, tmp_path / "huy", PASSPHRASE, cancel=token)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["day"]


def test_core_restore_of_a_changed_container_leaves_no_partial_folder(
        backed_up, tmp_path: Path) -> None:  # noqa: ANN001
    """Before #22's GUI restore, a container failing its hash left ``NEW.restore-partial``."""
    import shutil

    from archive.errors import TamperedError

    _root, backup, _ids = backed_up
    copy = tmp_path / "saoluu"
    shutil.copytree(backup, copy)
    container = next((copy / "containers").rglob("*.dgz"))
    container.chmod(0o644)
    data = container.read_bytes()
    container.write_bytes(data[:-1] + bytes([data[-1] ^ 0xFF]))  # always a change
    with pytest.raises(TamperedError):
        restore(copy, tmp_path / "moi", PASSPHRASE)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["saoluu"]


def test_cancel_stops_a_running_restore_and_leaves_nothing(
        qtbot, open_window, backed_up, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    """Hủy during the copy: the core stops at its next check and removes its partial folder."""
    from ui.views import restore_dialog

    real = restore_dialog.restore_archive
    started: list[bool] = []

    def slow(*args, progress, cancel, **kw):  # noqa: ANN001, ANN002, ANN003, ANN202
        def hold(ev):  # noqa: ANN001, ANN202 - the first event waits for the user's Hủy
            progress(ev)
            if not started:
                started.append(True)
                cancel.event.wait(30)
        return real(*args, progress=hold, cancel=cancel, **kw)

    monkeypatch.setattr(restore_dialog, "restore_archive", slow)
    root, backup, _ids = backed_up
    w = open_window(root)
    dialog = w.stack.currentWidget().restore()
    new = tmp_path / "kho-huy"
    _fill(qtbot, dialog, backup, new, PASSPHRASE)
    dialog.start_button.click()
    qtbot.waitUntil(lambda: bool(started), timeout=60_000)
    assert (tmp_path / "kho-huy.restore-partial").is_dir()  # being assembled
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: dialog.start_button.isEnabled(), timeout=60_000)
    assert dialog.status.text() == "Đã hủy; không có gì được ghi."
    assert dialog.isVisible() and not dialogs.asked
    assert not list(tmp_path.glob("kho-huy*"))


def test_restore_straight_from_s3_in_the_dialog(
        qtbot, open_window, backed_up, tmp_path: Path) -> None:  # noqa: ANN001
    """``s3://bucket/prefix`` as the source: the server and keys appear, the snapshots are
    listed from the server, and the archive is restored from it with the same dossiers."""
    from digitize.recovery.backup import backup as backup_to
    from tests.seaweed import seaweed_server

    root, _backup, ids = backed_up
    with seaweed_server(tmp_path / "weed") as server:
        server.client().create_bucket(Bucket="sao-luu")
        ws = Workspace.open(root, PASSPHRASE, actor=RECOVERY_ADMIN)
        try:
            snap = backup_to(ws, "s3://sao-luu/gui", endpoint=server.endpoint,
                             access_key=server.access_key, secret_key=server.secret_key).snapshot
        finally:
            ws.close()
        w = open_window(root)
        dialog = w.stack.currentWidget().restore()
        assert not dialog.endpoint.isVisibleTo(dialog)  # a folder: no S3 fields
        dialog.source.setText("s3://sao-luu/gui")
        assert dialog.endpoint.isVisibleTo(dialog) and dialog.secret_key.isVisibleTo(dialog)
        dialog.endpoint.setText(server.endpoint)
        dialog.access_key.setText(server.access_key)
        dialog.secret_key.setText(server.secret_key)
        dialog.load_snapshots()
        qtbot.waitUntil(lambda: dialog.snapshot.count() == 2, timeout=30_000)
        assert dialog.snapshot.itemData(1) == snap
        new = tmp_path / "tu-s3"
        dialog.target.setText(str(new))
        qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
        dialogs.answers.append(False)  # "open it?" → later
        dialog.start_button.click()
        assert dialog.secret_key.text() == ""  # not kept in the field while the work runs
        qtbot.waitUntil(lambda: "Đã khôi phục" in dialog.status.text(), timeout=120_000)
    ws = Workspace.open(new, PASSPHRASE, actor=RECOVERY_ADMIN)
    try:
        assert _dossier_ids(ws) == ids
        assert ws.verify().ok
    finally:
        ws.close()


def test_an_s3_server_that_does_not_answer_is_named_in_the_dialog(
        qtbot, open_window, backed_up, tmp_path: Path) -> None:  # noqa: ANN001
    root, _backup, _ids = backed_up
    w = open_window(root)
    dialog = w.stack.currentWidget().restore()
    dialog.source.setText("s3://sao-luu/gui")
    dialog.endpoint.setText("http://127.0.0.1:9")  # nothing listens there
    dialog.access_key.setText("AKX")
    dialog.secret_key.setText("bi-mat")
    new = tmp_path / "khong-toi"
    dialog.target.setText(str(new))
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    dialog.start_button.click()
    qtbot.waitUntil(lambda: dialog.start_button.isEnabled(), timeout=60_000)
    wait_idle(qtbot, w)
    assert "không trả lời" in dialog.status.text() and "127.0.0.1:9" in dialog.status.text()
    assert not dialogs.asked and not new.exists()
    assert not (tmp_path / "khong-toi.restore-partial").exists()
