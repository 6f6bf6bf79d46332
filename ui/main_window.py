"""The main window: sign-in or set-up first, then the views the user's role allows."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from digitize.session import Session
from ui import i18n, scratch
from ui.i18n import N_, tr
from ui.settings import UiSettings
from ui.tasks import TaskRunner
from ui.views.base import AppContext, View
from ui.views.review_drafts import KeptDrafts, count_drafts, write_drafts
from ui.views.sign_in_view import LockView, SetupView, SignInView
from ui.widgets.password_dialog import PasswordDialog, ask_new_password
from ui.widgets.progress_panel import ProgressPanel
from ui.widgets.wheel_guard import install_wheel_guard

__all__ = ["MainWindow", "ROLE_NAMES"]

ROLE_NAMES = {"clerk": N_("Văn thư"), "archivist": N_("Lưu trữ viên"),
              "admin": N_("Quản trị viên")}


def _view_classes() -> list[tuple[str, str, type[View]]]:
    from ui.views.capture_view import CaptureView
    from ui.views.dashboard_view import DashboardView
    from ui.views.export_view import ExportView
    from ui.views.review_view import ReviewView
    from ui.views.search_view import SearchView

    return [("dashboard", N_("Tổng quan"), DashboardView),
            ("capture", N_("Quét và nhập"), CaptureView),
            ("review", N_("Rà soát"), ReviewView), ("search", N_("Tra cứu"), SearchView),
            ("export", N_("Quản trị và xuất"), ExportView)]


class _ActivityFilter(QObject):
    """Notes keyboard and mouse activity for the inactivity lock."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Touch the session on input; never consume the event."""
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress,
                            QEvent.Type.Wheel) and self.window.session is not None:
            self.window.session.touch()
        return False


class MainWindow(QMainWindow):
    """One window for every role."""

    def __init__(self, root: Path, *, runner: TaskRunner | None = None,
                 settings: UiSettings | None = None, demo_note: str = "") -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.root = Path(root)
        self.runner = runner or TaskRunner(self)
        self.settings = settings or UiSettings()
        self.demo_note = demo_note
        self.session: Session | None = None
        self.views: dict[str, View] = {}
        self._secret_box: QMessageBox | None = None  # the one-time passphrase, after set-up
        self._drafts: Any = None  # unsaved review edits carried over a lock or a rebuild
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.setMinimumSize(QSize(960, 600))
        self._lock_timer = QTimer(self)
        self._lock_timer.setInterval(5000)
        self._lock_timer.timeout.connect(self._check_lock)
        QApplication.instance().installEventFilter(_ActivityFilter(self))
        install_wheel_guard()
        geometry = self.settings.geometry()
        #: First run (nothing saved): open maximised, so a 1366×768 screen with a title bar
        #: and a taskbar shows the whole window (a 1366×768 client area would not fit).
        self.opens_maximised = geometry is None or not self.restoreGeometry(geometry)
        if self.opens_maximised:
            self.resize(self._fitting_size())
        self._retitle()
        self.show_start()

    def _fitting_size(self) -> QSize:
        """1366×768 or the screen's free area, whichever is smaller."""
        screen = self.screen() or QApplication.primaryScreen()
        if screen is None:
            return QSize(1366, 700)
        free = screen.availableGeometry().size()
        return QSize(min(1366, free.width()), min(768, free.height()))

    def show_initial(self) -> None:
        """Show the window: maximised the first time, else as it was left."""
        if self.opens_maximised:
            self.showMaximized()
        else:
            self.show()

    # start: set-up or sign-in -------------------------------------------------------------
    def _retitle(self) -> None:
        self.setWindowTitle(tr("Số hóa hồ sơ"))

    def _set_page(self, w: QWidget) -> None:
        old = self.stack.currentWidget()
        self.stack.addWidget(w)
        self.stack.setCurrentWidget(w)
        if old is not None:
            self.stack.removeWidget(old)
            old.deleteLater()

    def show_start(self) -> None:
        """Set-up on first run, else sign-in."""
        self.menuBar().clear()
        if not (self.root / "keystore.json").exists():
            view: Any = SetupView(self.root, self.runner)
            view.done.connect(self._after_setup)
        else:
            view = SignInView(self.root, self.runner, user=self.settings.last_user,
                              note=self.demo_note)
            view.signed_in.connect(self.on_signed_in)
        view.open_archive.connect(self.open_archive)  # a restored archive, opened
        self._set_page(view)

    def open_archive(self, root: Path) -> None:
        """Work on the archive at ``root`` (a restored one) from now on: sign out, start."""
        self.root = Path(root)
        self.sign_out()  # keeps drafts and closes a session if one is open; then show_start

    def _after_setup(self, session: Session, passphrase: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, tr("Đã tạo kho lưu trữ"),
                          tr("Cụm mật khẩu của kho (dùng cho dòng lệnh và khôi phục), hãy "
                             "ghi lại và cất nơi an toàn:\n\n{p}").format(p=passphrase),
                          QMessageBox.StandardButton.Ok, self)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setModal(False)
        box.show()
        self._secret_box = box  # closed at lock and sign-out (#24)
        self.on_signed_in(session)

    def _hide_secrets(self) -> None:
        """Close the one-time passphrase box and wipe decrypted files opened for viewing."""
        if self._secret_box is not None:
            self._secret_box.close()
            self._secret_box = None
        scratch.wipe()

    # signed in ----------------------------------------------------------------------------
    def on_signed_in(self, session: Session) -> None:
        """Build the views the role allows and show the first one."""
        self.session = session
        self.settings.last_user = session.user
        self._build_shell()
        self._lock_timer.start()

    def _keep_drafts(self) -> None:
        """Take the review view's unsaved edits before its screen is destroyed (they are
        also written to disk, encrypted, in case the app does not come back)."""
        review = self.views.get("review")
        if review is not None:
            review.keep_on_disk()
            self._drafts = review.drafts()

    def _build_shell(self, current: str | None = None) -> None:
        session = self.session
        assert session is not None
        self._keep_drafts()
        ctx = AppContext(session, self.runner, self.settings)
        shell = QWidget()
        shell.setObjectName("shell")
        outer = QVBoxLayout(shell)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self._top_bar(session))
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(176)
        self.pages = QStackedWidget()
        self.views = {}
        for key, label, cls in _view_classes():
            if not session.can(cls.action):
                continue
            view = cls(ctx)
            view.setObjectName(f"{key}View")
            self.views[key] = view
            self.pages.addWidget(view)
            item = QListWidgetItem(tr(label))
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setSizeHint(QSize(160, 40))
            self.nav.addItem(item)
        if "capture" in self.views and "review" in self.views:
            self.views["capture"].processed.connect(self.views["review"].open_dossier)
        if "review" in self.views and self._drafts is not None:
            self.views["review"].restore_drafts(self._drafts)
        self._drafts = None
        self.nav.currentRowChanged.connect(self._on_nav)
        body.addWidget(self.nav)
        body.addWidget(self.pages, 1)
        outer.addLayout(body, 1)
        outer.addWidget(ProgressPanel(self.runner, shell))
        self._set_page(shell)
        self._menus()
        keys = list(self.views)
        start = current if current in keys else ("capture" if session.role == "clerk" and
                                                  "capture" in keys else keys[0])
        self.nav.setCurrentRow(keys.index(start))

    def _top_bar(self, session: Session) -> QWidget:
        bar = QWidget()
        bar.setObjectName("topBar")
        bar.setStyleSheet("#topBar { background: #1a3d6d; } #topBar QLabel { color: white; }")
        lay = QHBoxLayout(bar)
        lay.setContentsMargins(12, 6, 12, 6)
        office = session.workspace.office
        title = QLabel(f"<b>{tr('Số hóa hồ sơ')}</b> — {office.get('name', '')}")
        lay.addWidget(title, 1)
        who = QLabel(tr("{user} ({role})").format(user=session.user,
                                                  role=tr(ROLE_NAMES.get(session.role, ""))))
        who.setObjectName("whoLabel")
        lay.addWidget(who)
        self.lang_box = QComboBox()
        self.lang_box.setObjectName("languageBox")
        self.lang_box.addItem("Tiếng Việt", "vi")
        self.lang_box.addItem("English", "en")
        self.lang_box.setCurrentIndex(0 if i18n.lang() == "vi" else 1)
        self.lang_box.currentIndexChanged.connect(
            lambda _i: self.set_language(self.lang_box.currentData()))
        lay.addWidget(self.lang_box)
        lock = QPushButton(tr("Khóa màn hình"))
        lock.setObjectName("lockButton")
        lock.clicked.connect(self.lock)
        out = QPushButton(tr("Đăng xuất"))
        out.setObjectName("signOutButton")
        out.clicked.connect(self.sign_out)
        lay.addWidget(lock)
        lay.addWidget(out)
        return bar

    def _menus(self) -> None:
        mb = self.menuBar()
        mb.clear()
        m = mb.addMenu(tr("&Tệp"))
        for n, key in enumerate(self.views, 1):
            act = QAction(self.nav.item(n - 1).text(), self)
            act.setShortcut(QKeySequence(f"Alt+{n}"))
            act.triggered.connect(lambda _c=False, k=key: self.show_view(k))
            m.addAction(act)
        m.addSeparator()
        pw = QAction(tr("Đổi mật khẩu của tôi…"), self)
        pw.setObjectName("changePasswordAction")
        pw.triggered.connect(self.change_own_password)
        m.addAction(pw)
        lock = QAction(tr("Khóa màn hình ngay"), self)
        lock.setShortcut(QKeySequence("Ctrl+L"))
        lock.triggered.connect(self.lock)
        m.addAction(lock)
        quit_ = QAction(tr("Thoát"), self)
        quit_.setShortcut(QKeySequence("Ctrl+Q"))
        quit_.triggered.connect(self.close)
        m.addAction(quit_)

    def change_own_password(self) -> PasswordDialog | None:
        """Ask for the old and the new password; the core checks and stores it."""
        session = self.session
        if session is None:
            return None
        return ask_new_password(self, session, self.runner)

    def _on_nav(self, row: int) -> None:
        if row < 0:
            return
        key = self.nav.item(row).data(Qt.ItemDataRole.UserRole)
        view = self.views[key]
        self.pages.setCurrentWidget(view)
        view.activated()

    def show_view(self, key: str) -> View:
        """Switch to a view by key (``dashboard``, ``capture``, ``review``, ``search``,
        ``export``)."""
        self.nav.setCurrentRow(list(self.views).index(key))
        return self.views[key]

    def current_view(self) -> str:
        """Key of the view shown."""
        return list(self.views)[self.nav.currentRow()] if self.views else ""

    # language, lock, sign-out -------------------------------------------------------------
    def set_language(self, code: str) -> None:
        """Switch the UI language and rebuild the screens."""
        if code == i18n.lang():
            return
        i18n.install(code)
        self.settings.language = code
        self._retitle()
        if self.session is not None and not self.session.locked:
            self._build_shell(self.current_view())
        elif self.session is None:
            self.show_start()

    def _check_lock(self) -> None:
        if self.session is not None and self.session.due_to_lock():
            self.lock()

    def lock(self) -> None:
        """Hide everything behind the lock screen until the password is given again."""
        session = self.session
        if session is None or session.locked:
            return
        current = self.current_view()
        self._keep_drafts()  # kept in memory behind the lock, given back on unlock
        session.locked = True  # at once on the GUI thread; the log entry is written after
        self._hide_secrets()  # the passphrase box and decrypted files go at once (#24)
        self.runner.submit(lambda: session.workspace.log("session.lock", None,
                                                         {"user": session.user}), write=True)
        self.views = {}
        view = LockView(session, self.runner)
        view.unlocked.connect(lambda: self._build_shell(current))
        view.sign_out.connect(self.sign_out)
        self.menuBar().clear()
        self._set_page(view)

    def _all_drafts(self) -> KeptDrafts:
        """Every unsaved review edit: the review view's, or those kept behind the lock."""
        review = self.views.get("review")
        return review.drafts() if review is not None else dict(self._drafts or {})

    def unsaved(self) -> int:
        """Documents and pages with review edits not saved yet (kept drafts included)."""
        return count_drafts(self._all_drafts())

    def sign_out(self) -> None:
        """Close the session (in the writer, after queued work) and show sign-in.

        Unsaved review edits are kept on disk as drafts first (encrypted, the user's own):
        nothing is asked and nothing is lost; the next opening of the dossier puts them back.
        """
        kept = self._all_drafts() if self.session is not None else {}
        self._drafts = None
        session, self.session = self.session, None
        self._lock_timer.stop()
        self._hide_secrets()  # they go with the session (#24)
        self.views = {}
        if session is not None:
            self.runner.cancel_all()
            if kept:
                self.runner.submit(lambda ws=session.workspace: write_drafts(ws, kept),
                                   write=True, on_failure=lambda _e: None)
            self.runner.after_all(session.close)  # after the processing lane has stopped
        self.show_start()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        """Remember the window, stop the workers, keep unsaved edits, close the archive.

        Never asks: a question here blocked every quit that had review edits pending (and
        ``make screenshots``, which has no one to answer); the edits are kept on disk
        instead and offered back at the next opening of their dossier.
        """
        kept = self._all_drafts() if self.session is not None else {}
        self.settings.save_window(self.saveGeometry(), self.saveState())
        self.settings.sync()
        session, self.session = self.session, None
        self.runner.stop_processing()
        if session is not None:
            def finish(ws: Any = session.workspace) -> None:
                try:
                    write_drafts(ws, kept)
                finally:
                    session.close()

            self.runner.cancel_all()  # a running write stops at its next check
            done = self.runner.writer.submit(finish)
            with contextlib.suppress(Exception):
                done.result(timeout=120)  # before shutdown() could cancel it
        self.runner.shutdown()
        super().closeEvent(event)

    def view(self, key: str) -> Any:
        """The view object (tests)."""
        return self.views[key]
