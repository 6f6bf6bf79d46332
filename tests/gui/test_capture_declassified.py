"""GIẢI MẬT in the capture view (#18, #23): a page bearing a declassification stamp waits for a
person's confirmation. A clerk is told who must confirm (no button, no command line); an admin
confirms after a question, and the dossier is processed and stored.

Before (#23): the generic error box showed, whose hint is a command line, and nobody could
confirm from the interface."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from digitize.devtools.sample import render_text_page
from digitize.devtools.sample_marks import RED, Mark, stamp
from tests.gui.conftest import sign_in, wait_idle
from ui import dialogs, errors
from ui.widgets.thumbnails import DECLASSIFIED

pytestmark = pytest.mark.gui


def _two_pages(tmp_path: Path) -> list[str]:
    """Two small pages (150 dpi); page 2 bears a red GIẢI MẬT stamp."""
    out = []
    for n in (1, 2):
        image, _l = render_text_page(f"Trang {n}. Kế hoạch số hóa tài liệu năm 2024.", dpi=150)
        if n == 2:
            image = stamp(image, Mark("GIẢI MẬT", RED, "rect", 4, 0.7, 0.8), 150)
        p = tmp_path / f"trang-{n}.png"
        Image.fromarray(image).save(p, dpi=(150, 150))
        out.append(str(p))
    return out


def _process_until_waiting(qtbot, w, tmp_path: Path) -> tuple:  # noqa: ANN001
    cap = w.view("capture")
    cap.activated()
    wait_idle(qtbot, w)
    cap.not_secret.setChecked(True)
    cap.import_paths(_two_pages(tmp_path))
    qtbot.waitUntil(lambda: cap.thumbs.count() == 2 and not w.runner.busy, timeout=60_000)
    did = cap.dossier_id
    cap.process()
    qtbot.waitUntil(lambda: cap.dossier_id == did and cap.thumbs.count() == 2
                    and cap.declassified_bar.isVisibleTo(cap), timeout=300_000)
    wait_idle(qtbot, w)
    ws = w.session.workspace
    assert [(p.seq, p.status) for p in ws.capture.secret_pages(did)] == [(2, "declassified")]
    assert cap.thumbs.item(1).text() == "Trang 2 — mang dấu GIẢI MẬT, chờ xác nhận"
    assert cap.thumbs.item(1).data(DECLASSIFIED)
    assert cap.thumbs.item(0).text().startswith("Trang 1")
    assert "Trang 2 mang dấu GIẢI MẬT" in cap.declassified_text.text()
    assert not cap.withheld_bar.isVisibleTo(cap)
    assert any("GIẢI MẬT" in t for _title, t in dialogs.informed)
    return cap, did, ws


@pytest.fixture
def shown(monkeypatch) -> list[str]:  # noqa: ANN001
    """What reached the generic error box."""
    out: list[str] = []
    monkeypatch.setattr(errors, "show_error", lambda parent, exc, **k: out.append(str(exc)))
    return out


def test_a_clerk_is_told_who_must_confirm(qtbot, open_window, empty_archive: Path,
                                          tmp_path: Path, shown: list[str]) -> None:
    w = open_window(empty_archive)
    sign_in(qtbot, w, "clerk")
    cap, _did, _ws = _process_until_waiting(qtbot, w, tmp_path)
    assert not shown  # not the generic error box
    text = cap.declassified_text.text()
    assert "lưu trữ viên hoặc quản trị viên" in text, text
    assert "digitize" not in text and "digitize" not in cap.status.text()  # no CLI hint
    assert not cap.confirm_declassified_button.isVisibleTo(cap)


def test_an_admin_confirms_and_the_dossier_is_stored(qtbot, open_window, empty_archive: Path,
                                                     tmp_path: Path, shown: list[str]) -> None:
    w = open_window(empty_archive)
    sign_in(qtbot, w, "admin")
    cap, did, ws = _process_until_waiting(qtbot, w, tmp_path)
    assert not shown
    assert cap.confirm_declassified_button.isVisibleTo(cap)
    dialogs.answers.append(False)  # "not yet": nothing changes
    cap.confirm_declassified_button.click()
    wait_idle(qtbot, w)
    assert [p.status for p in ws.capture.secret_pages(did)] == ["declassified"]
    assert "GIẢI MẬT" in dialogs.asked[-1][1]
    dialogs.answers.append(True)
    cap.confirm_declassified_button.click()
    qtbot.waitUntil(lambda: any("Đã lưu hồ sơ" in t for t in cap.status.history()),
                    timeout=300_000)
    wait_idle(qtbot, w)
    assert ws.dossier(did).status == "stored", cap.status.history()
    assert any("Đã xác nhận trang 2 đã giải mật" in t for t in cap.status.history())
    [ev] = [e for e in ws.audit.entries() if e.action == "secrecy.declassified_confirmed"]
    assert ev.record == did and ev.details["page"] == 2
    assert not cap.declassified_bar.isVisibleTo(cap) and not shown


def test_an_archivist_cosigns_on_the_clerks_screen(qtbot, open_window, empty_archive: Path,
                                                   tmp_path: Path, shown: list[str]) -> None:
    """Before (#24): the clerk's dossier lives in the clerk's staging, which an archivist's own
    session cannot open, so nobody could ever confirm a clerk's GIẢI MẬT page."""
    from digitize.pipeline import cosign
    from tests.gui.conftest import ACCOUNTS

    cosign._failures.clear()
    w = open_window(empty_archive)
    sign_in(qtbot, w, "clerk")
    cap, did, ws = _process_until_waiting(qtbot, w, tmp_path)
    assert cap.cosign_button.isVisibleTo(cap)
    assert not cap.confirm_declassified_button.isVisibleTo(cap)

    def attempt(user: str, password: str) -> None:
        dlg = cap.cosign_dialog
        dlg.user.setText(user)
        dlg.password.setText(password)
        dlg.ok.click()
        assert dlg.password.text() == ""  # never left on screen
        wait_idle(qtbot, w)

    cap.cosign_button.click()
    dlg = cap.cosign_dialog
    assert dlg is not None and dlg.isVisible() and "GIẢI MẬT" in dlg.windowTitle()
    luutru, pw = ACCOUNTS["archivist"]
    for user, password in ((luutru, "sai-mat-khau"), ACCOUNTS["clerk"]):
        attempt(user, password)
        qtbot.waitUntil(lambda: dlg.ok.isEnabled(), timeout=60_000)
        assert "Không xác nhận được" in dlg.error.text(), dlg.error.text()
        assert dlg.isVisible()
        assert [p.status for p in ws.capture.secret_pages(did)] == ["declassified"]
    attempt(luutru, pw)
    qtbot.waitUntil(lambda: any("Đã lưu hồ sơ" in t for t in cap.status.history()),
                    timeout=300_000)
    wait_idle(qtbot, w)
    assert not dlg.isVisible()
    assert ws.dossier(did).status == "stored", cap.status.history()
    entries = list(ws.audit.entries())
    [ev] = [e for e in entries if e.action == "secrecy.declassified_confirmed"]
    assert ev.actor == luutru and ev.details["session"] == ACCOUNTS["clerk"][0]
    assert [e.details["reason"] for e in entries if e.action == "secrecy.cosign_refused"] == [
        "credentials", "self"]
    assert not cap.declassified_bar.isVisibleTo(cap) and not shown
