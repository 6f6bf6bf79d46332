"""Change one's own password: old, new twice; the core checks and stores it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import tr

__all__ = ["PasswordDialog"]


class PasswordDialog(QDialog):
    """Emits ``submitted(old, new)``; the caller runs the change, then ``accept`` or ``failed``."""

    submitted = Signal(str, str)

    def __init__(self, user: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("passwordDialog")
        self.setWindowTitle(tr("Đổi mật khẩu của {u}").format(u=user))
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.old, self.new, self.again = QLineEdit(), QLineEdit(), QLineEdit()
        for name, ed in (("oldPassword", self.old), ("newPassword", self.new),
                         ("againPassword", self.again)):
            ed.setObjectName(name)
            ed.setEchoMode(QLineEdit.EchoMode.Password)
            ed.returnPressed.connect(self._submit)
        form.addRow(tr("Mật khẩu hiện tại"), self.old)
        form.addRow(tr("Mật khẩu mới"), self.new)
        form.addRow(tr("Nhập lại mật khẩu mới"), self.again)
        lay.addLayout(form)
        self.error = QLabel("")
        self.error.setObjectName("passwordError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        lay.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(tr("Đổi mật khẩu"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def _submit(self) -> None:
        if not self.old.text() or not self.new.text():
            self.error.setText(tr("Hãy nhập mật khẩu hiện tại và mật khẩu mới."))
            return
        if self.new.text() != self.again.text():
            self.error.setText(tr("Hai lần nhập mật khẩu mới không giống nhau."))
            return
        self.error.setText(tr("Đang kiểm tra…"))
        self.ok.setEnabled(False)
        self.submitted.emit(self.old.text(), self.new.text())

    def failed(self, text: str) -> None:
        """Show why the change was refused; the user may try again."""
        self.error.setText(text)
        self.ok.setEnabled(True)
