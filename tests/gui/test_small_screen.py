"""Problem 4 of #23: the window fits 1366×768 with a title bar and a taskbar (about 1366×700
for the window): every view's action buttons, its status line and the progress bar with Hủy
stay on screen; the window opens maximised."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QPushButton, QWidget

from tests.gui.conftest import sign_in, wait_idle
from ui.widgets.progress_panel import ProgressPanel

pytestmark = pytest.mark.gui

SCREEN = (1366, 700)  # 768 less a title bar (~30) and a taskbar (~38)


def _on_screen(w: QWidget, window: QWidget) -> bool:
    """Whether ``w`` is shown and wholly inside the window's client area."""
    if not w.isVisible():
        return False
    top_left = w.mapTo(window, QPoint(0, 0))
    return window.rect().contains(QRect(top_left, w.size()))


def test_every_view_fits_1366x700(qtbot, open_window, sample_archive: Path) -> None:
    w = open_window(sample_archive)
    assert w.minimumSize().width() <= SCREEN[0] and w.minimumSize().height() <= SCREEN[1]
    sign_in(qtbot, w, "admin")
    w.resize(*SCREEN)
    qtbot.waitUntil(lambda: w.height() == SCREEN[1])
    assert w.minimumSizeHint().height() <= SCREEN[1], w.minimumSizeHint()
    cap = w.show_view("capture")
    wait_idle(qtbot, w)
    qtbot.wait(50)
    for height in (SCREEN[1], 620):  # also a bigger font or a taller taskbar
        w.resize(SCREEN[0], height)
        qtbot.wait(50)
        for b in (cap.scan_button, cap.process_button, cap.panel.import_button):
            assert _on_screen(b, w), (height, b.text())
        assert _on_screen(cap.status, w)
    w.resize(*SCREEN)
    rv = w.show_view("review")
    qtbot.waitUntil(lambda: rv.dossier is not None and rv.page is not None, timeout=30_000)
    wait_idle(qtbot, w)
    for b in (rv.save_button, rv.next_button, rv.status):
        assert _on_screen(b, w), b
    panel = w.findChild(ProgressPanel)
    panel.show()  # as while a job runs
    qtbot.wait(50)
    assert _on_screen(panel, w)
    for name in ("export", "search", "dashboard"):
        view = w.show_view(name)
        wait_idle(qtbot, w)
        qtbot.wait(50)
        for b in view.findChildren(QPushButton):
            if b.isVisibleTo(view):
                assert _on_screen(b, w) or _reachable(b), (name, b.text())


def _reachable(w: QWidget) -> bool:
    """Inside a scroll area (the user scrolls to it; the area itself is on screen)."""
    from PySide6.QtWidgets import QScrollArea

    p = w.parentWidget()
    while p is not None:
        if isinstance(p, QScrollArea):
            return True
        p = p.parentWidget()
    return False


def test_the_window_opens_maximised_the_first_time(qtbot, tmp_path: Path,
                                                  empty_archive: Path) -> None:
    from PySide6.QtCore import QSettings

    from ui.main_window import MainWindow
    from ui.settings import UiSettings

    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    w = MainWindow(empty_archive, settings=settings)
    qtbot.addWidget(w)
    assert w.opens_maximised
