"""Entry point ``digitize-app``: the Qt application, fonts, language, the main window."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication

from digitize.paths import default_archive_dir
from ui import i18n
from ui.i18n import tr
from ui.main_window import MainWindow
from ui.settings import UiSettings

__all__ = ["create_app", "main", "pick_font"]

#: Fonts with complete Vietnamese coverage, in order of preference.
FONTS = ("Noto Sans", "DejaVu Sans", "Liberation Sans", "Segoe UI", "Arial")


def pick_font() -> QFont:
    """The UI font: the first installed family that covers Vietnamese."""
    families = set(QFontDatabase.families())
    for name in FONTS:
        if name in families:
            f = QFont(name)
            f.setPointSizeF(10.0)
            return f
    return QFont()


def create_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication (high-DPI ready), or the existing one."""
    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv or sys.argv[:1])
        app.setApplicationName("digitize-app")
        app.setOrganizationName("digitize")
        app.setApplicationDisplayName("Số hóa hồ sơ")
        app.setFont(pick_font())
    return app


def demo_note() -> str:
    """The demo accounts, shown on the sign-in screen when ``DIGITIZE_DEMO=1``."""
    if os.environ.get("DIGITIZE_DEMO") != "1":
        return ""
    from digitize.devtools.launch import DEMO_ACCOUNTS

    return tr("Chế độ trình diễn — tài khoản: ") + ", ".join(
        f"{u} / {p}" for u, p, _r in DEMO_ACCOUNTS)


def main(argv: list[str] | None = None) -> int:
    """Run the desktop application on ``--archive`` (default: the user data folder)."""
    parser = argparse.ArgumentParser(prog="digitize-app")
    parser.add_argument("--archive", type=Path, default=None)
    parser.add_argument("--lang", choices=i18n.LANGS, default=None)
    parser.add_argument("--smoke", action="store_true",
                        help="open the window, then quit (start-up check for packaging)")
    parser.add_argument("--screenshot", type=Path, default=None,
                        help="with --smoke: save a picture of the window before quitting")
    args = parser.parse_args(argv if argv is not None else sys.argv[1:])
    os.umask(0o077)  # the archive and anything the app writes: the user's own (#24)
    app = create_app()
    settings = UiSettings()
    i18n.install(args.lang or settings.language)
    window = MainWindow(args.archive or default_archive_dir(), settings=settings,
                        demo_note=demo_note())
    window.show_initial()
    if args.smoke:
        from PySide6.QtCore import QTimer

        def _finish() -> None:
            if args.screenshot:
                window.grab().save(str(args.screenshot))
            window.close()

        QTimer.singleShot(1500, _finish)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
