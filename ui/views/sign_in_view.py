"""Sign-in, first-run set-up and the lock screen (all before any record is shown)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from digitize.session import Session, setup_archive, sign_in
from ui.errors import error_text
from ui.i18n import tr
from ui.tasks import TaskRunner
from ui.views.base import heading
from ui.views.restore_dialog import RestoreDialog

__all__ = ["LockView", "SetupView", "SignInView"]


def _card(parent: QWidget) -> tuple[QFrame, QVBoxLayout]:
    outer = QVBoxLayout(parent)
    outer.addStretch(1)
    card = QFrame(parent)
    card.setObjectName("card")
    card.setFrameShape(QFrame.Shape.StyledPanel)
    card.setMaximumWidth(520)
    card.setMinimumWidth(420)
    row = QVBoxLayout()
    outer.addLayout(row)
    row.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
    outer.addStretch(2)
    lay = QVBoxLayout(card)
    lay.setContentsMargins(28, 24, 28, 24)
    lay.setSpacing(12)
    return card, lay


def _error_label() -> QLabel:
    """The card's message line: room for three lines kept, so a message never squeezes the
    fields above it."""
    label = QLabel("")
    label.setObjectName("formError")
    label.setWordWrap(True)
    label.setStyleSheet("color: #b3261e;")
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.setMinimumHeight(label.fontMetrics().lineSpacing() * 3 + 4)
    return label


def _restore_button(owner: QWidget, start: Callable[[], Any]) -> QPushButton:
    """The start screens' "restore from backup" action (no archive needs to be open)."""
    button = QPushButton(tr("Khôi phục từ bản sao lưu…"), owner)
    button.setObjectName("restoreFromBackup")
    button.setFlat(True)
    button.clicked.connect(start)
    return button


def _open_restore(owner: QWidget, runner: TaskRunner, target: Path | None,
                  open_archive: Any) -> RestoreDialog:
    """Show the restore dialog (window-modal, never blocking); its archive opens on request."""
    dialog = RestoreDialog(runner, target=target, parent=owner)
    dialog.open_requested.connect(open_archive.emit)
    dialog.open()
    return dialog


def _fixed_height(*fields: QWidget) -> None:
    """Fields keep their natural height whatever the card's other rows do."""
    for f in fields:
        f.setSizePolicy(f.sizePolicy().horizontalPolicy(), QSizePolicy.Policy.Fixed)
        f.setMinimumHeight(f.sizeHint().height())


class SignInView(QWidget):
    """User name and password; signing in unlocks the archive (in a worker)."""

    signed_in = Signal(object)  # Session
    open_archive = Signal(object)  # Path: a restored archive to open instead

    def __init__(self, root: Path, runner: TaskRunner, *, office: str = "", user: str = "",
                 note: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signInView")
        self.root, self.runner = root, runner
        _card_w, lay = _card(self)
        lay.addWidget(heading(tr("Số hóa hồ sơ — Đăng nhập")))
        if office:
            lay.addWidget(QLabel(office))
        form = QFormLayout()
        self.user = QLineEdit(user)
        self.user.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(tr("Tên đăng nhập"), self.user)
        form.addRow(tr("Mật khẩu"), self.password)
        _fixed_height(self.user, self.password)
        lay.addLayout(form)
        self.error = _error_label()
        lay.addWidget(self.error)
        self.button = QPushButton(tr("Đăng nhập"))
        self.button.setObjectName("signInButton")
        self.button.setDefault(True)
        self.button.clicked.connect(self.submit)
        self.password.returnPressed.connect(self.submit)
        self.user.returnPressed.connect(self.password.setFocus)
        lay.addWidget(self.button)
        lay.addWidget(_restore_button(self, self.restore))
        self.restore_dialog: RestoreDialog | None = None
        if note:
            hint = QLabel(note)
            hint.setWordWrap(True)
            hint.setObjectName("demoNote")
            lay.addWidget(hint)
        (self.password if user else self.user).setFocus()

    def submit(self) -> None:
        """Check the password and unlock the archive off the GUI thread."""
        user, password = self.user.text().strip(), self.password.text()
        if not user or not password:
            self.error.setText(tr("Hãy nhập tên đăng nhập và mật khẩu."))
            return
        self.button.setEnabled(False)
        self.error.setText(tr("Đang mở kho lưu trữ…"))
        root = self.root
        self.runner.submit(lambda: sign_in(root, user, password), write=True,
                           on_success=self._ok, on_failure=self._fail)

    def restore(self) -> RestoreDialog:
        """Restore a backup into a new folder (then, if asked, open that archive)."""
        self.restore_dialog = _open_restore(self, self.runner, None, self.open_archive)
        return self.restore_dialog

    def _ok(self, session: Session) -> None:
        self.password.clear()
        self.error.setText("")
        self.button.setEnabled(True)
        self.signed_in.emit(session)

    def _fail(self, exc: BaseException) -> None:
        self.password.clear()
        self.button.setEnabled(True)
        self.error.setText(error_text(exc))


class LockView(QWidget):
    """Shown after inactivity: only the signed-in user's password unlocks it."""

    unlocked = Signal()
    sign_out = Signal()

    def __init__(self, session: Session, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockView")
        self.session, self.runner = session, runner
        _c, lay = _card(self)
        lay.addWidget(heading(tr("Màn hình đã khóa")))
        lay.addWidget(QLabel(tr("Người dùng: {user}").format(user=session.user)))
        self.password = QLineEdit()
        self.password.setObjectName("lockPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(tr("Mật khẩu"))
        self.password.returnPressed.connect(self.submit)
        _fixed_height(self.password)
        lay.addWidget(self.password)
        self.error = _error_label()
        lay.addWidget(self.error)
        ok = QPushButton(tr("Mở khóa màn hình"))
        ok.setObjectName("unlockButton")
        ok.clicked.connect(self.submit)
        out = QPushButton(tr("Đăng xuất"))
        out.clicked.connect(self.sign_out.emit)
        lay.addWidget(ok)
        lay.addWidget(out)

    def submit(self) -> None:
        """Check the password in a worker."""
        password = self.password.text()
        self.password.clear()
        self.runner.submit(lambda: self.session.unlock(password), write=True,
                           on_success=lambda _r: self.unlocked.emit(),
                           on_failure=lambda e: self.error.setText(error_text(e)))


class SetupView(QWidget):
    """First run: create the archive, its office settings and the first admin account."""

    done = Signal(object, str)  # Session, archive passphrase
    open_archive = Signal(object)  # Path: a restored archive to open instead

    def __init__(self, root: Path, runner: TaskRunner, *,
                 setup: Callable[..., Any] = setup_archive, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("setupView")
        self.root, self.runner, self._setup = root, runner, setup
        _c, lay = _card(self)
        lay.addWidget(heading(tr("Thiết lập kho lưu trữ lần đầu")))
        intro = QLabel(tr("Kho lưu trữ mã hóa sẽ được tạo tại: {path}").format(path=root))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        form = QFormLayout()
        self.office_code = QLineEdit()
        self.office_code.setPlaceholderText("H47.01")
        self.office_name = QLineEdit()
        self.office_name.setPlaceholderText(tr("UBND xã …"))
        self.admin = QLineEdit("admin")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        for label, w, name in ((tr("Mã cơ quan"), self.office_code, "officeCode"),
                               (tr("Tên cơ quan"), self.office_name, "officeName"),
                               (tr("Tài khoản quản trị"), self.admin, "adminUser"),
                               (tr("Mật khẩu"), self.password, "adminPassword"),
                               (tr("Nhập lại mật khẩu"), self.confirm, "adminConfirm")):
            w.setObjectName(name)
            form.addRow(label, w)
        lay.addLayout(form)
        self.error = _error_label()
        lay.addWidget(self.error)
        self.button = QPushButton(tr("Tạo kho lưu trữ"))
        self.button.setObjectName("setupButton")
        self.button.clicked.connect(self.submit)
        lay.addWidget(self.button)
        lay.addWidget(_restore_button(self, self.restore))
        self.restore_dialog: RestoreDialog | None = None
        self._wire_enter()

    def restore(self) -> RestoreDialog:
        """Restore a backup here instead of creating an empty archive (a new computer)."""
        self.restore_dialog = _open_restore(self, self.runner, self.root, self.open_archive)
        return self.restore_dialog

    def _wire_enter(self) -> None:
        """Enter moves to the next field; on the last one it creates the archive."""
        fields = [self.office_code, self.office_name, self.admin, self.password, self.confirm]
        _fixed_height(*fields)
        for a, b in zip(fields, fields[1:], strict=False):
            a.returnPressed.connect(b.setFocus)
        self.confirm.returnPressed.connect(lambda: self.submit())

    def submit(self) -> None:
        """Create the archive in a worker (key generation and Argon2id take a moment)."""
        if self.password.text() != self.confirm.text():
            self.error.setText(tr("Hai mật khẩu không khớp."))
            return
        if not self.office_code.text().strip() or not self.office_name.text().strip():
            self.error.setText(tr("Hãy nhập mã và tên cơ quan."))
            return
        args = {"office_code": self.office_code.text().strip(),
                "office_name": self.office_name.text().strip(),
                "admin": self.admin.text().strip(), "password": self.password.text()}
        root, setup = self.root, self._setup
        self.button.setEnabled(False)
        self.error.setText(tr("Đang tạo khóa và kho lưu trữ…"))
        self.runner.submit(lambda: setup(root, **args), write=True,
                           on_success=lambda r: self.done.emit(r[0], r[1]),
                           on_failure=self._fail)

    def _fail(self, exc: BaseException) -> None:
        self.button.setEnabled(True)
        self.error.setText(error_text(exc))
