"""GUI test fixtures: a real archive with accounts, a window on it, helpers to wait on it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from archive._hazmat.kdf import TEST_PARAMS
from digitize.devtools.launch import import_sample
from digitize.session import setup_archive
from tests.sane_env import sane_config  # noqa: F401 - the SANE test backend fixture
from ui import dialogs, i18n
from ui.main_window import MainWindow
from ui.settings import UiSettings

ACCOUNTS = {"admin": ("quantri", "matkhau-quantri"), "archivist": ("luutru", "matkhau-luutru"),
            "clerk": ("vanthu", "matkhau-vanthu")}
#: The archive passphrase of :func:`sample_archive` (tests of key rotation need it).
SAMPLE_PASSPHRASE = "kho-mau-xa-my-lam-2026-bao-mat"


def make_archive(root: Path, *, sample_pages: int = 0, passphrase: str | None = None) -> Path:
    """An archive with one account per role (and the sample dossier processed into it);
    ``passphrase``: the archive passphrase (random when None)."""
    user, pw = ACCOUNTS["admin"]
    session, _p = setup_archive(root, office_code="H47.01", office_name="UBND xã Mỹ Lâm",
                                admin=user, password=pw, passphrase=passphrase,
                                kdf_params=TEST_PARAMS)
    try:
        for role in ("archivist", "clerk"):
            session.add_account(*ACCOUNTS[role], role)
        if sample_pages:
            import_sample(session.workspace, pages=sample_pages)
    finally:
        session.close()
    return root


@pytest.fixture(scope="session")
def sample_archive_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once per test process: an archive holding the processed sample dossier."""
    return make_archive(tmp_path_factory.mktemp("template") / "kho", sample_pages=2,
                        passphrase=SAMPLE_PASSPHRASE)


@pytest.fixture
def sample_archive(sample_archive_template: Path, tmp_path: Path) -> Path:
    """A private copy of the sample archive."""
    root = tmp_path / "kho"
    shutil.copytree(sample_archive_template, root)
    (root / ".lock").unlink(missing_ok=True)
    return root


@pytest.fixture
def empty_archive(tmp_path: Path) -> Path:
    """An archive with accounts and no dossier."""
    return make_archive(tmp_path / "kho")


@pytest.fixture(autouse=True)
def _no_blocking_questions(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A question no test answered fails the test instead of blocking offscreen."""
    dialogs.asked.clear()
    dialogs.answers.clear()
    dialogs.informed.clear()

    def unexpected(box) -> int:  # noqa: ANN001
        raise AssertionError(f"unanswered question: {box.text()}")

    monkeypatch.setattr(dialogs, "_exec", unexpected)
    yield
    dialogs.answers.clear()


@pytest.fixture
def open_window(qtbot, tmp_path: Path) -> Iterator:  # noqa: ANN001 - pytest-qt fixture
    """A factory: ``open_window(root)`` shows a main window at 1366×768 on ``root``."""
    windows: list[MainWindow] = []
    i18n.install("vi")

    def factory(root: Path) -> MainWindow:
        settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
        w = MainWindow(root, settings=settings)
        qtbot.addWidget(w)
        w.resize(1366, 768)
        w.show()
        windows.append(w)
        return w

    yield factory
    for w in windows:
        w.close()
    i18n.install("vi")


def wait_idle(qtbot, window: MainWindow, timeout: int = 60_000) -> None:  # noqa: ANN001
    """Wait until every background operation has delivered its outcome."""
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=timeout)


def sign_in(qtbot, window: MainWindow, role: str) -> None:  # noqa: ANN001
    """Type the role's credentials into the sign-in screen and wait for the views."""
    user, pw = ACCOUNTS[role]
    view = window.stack.currentWidget()
    view.user.clear()
    qtbot.keyClicks(view.user, user)
    qtbot.keyClicks(view.password, pw)
    qtbot.mouseClick(view.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session is not None and bool(window.views), timeout=30_000)
    wait_idle(qtbot, window)
