"""Change one's own password: old, new twice; the core checks and stores it."""

from __future__ import annotations

from typing import Any

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

__all__ = ["PasswordDialog", "ask_new_password"]


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


def ask_new_password(parent: QWidget, session: Any, runner: Any) -> PasswordDialog:
    """Show the dialog for ``session``'s user; the core checks the old password and stores
    the new one (in the writer); a refusal is shown in the dialog."""
    dlg = PasswordDialog(session.user, parent)

    def ok(_r: object) -> None:
        from ui import dialogs

        dlg.accept()
        dialogs.inform(parent, tr("Đổi mật khẩu"), tr("Đã đổi mật khẩu."))

    def bad(exc: BaseException) -> None:
        from ui.errors import error_text

        dlg.failed(error_text(exc))

    dlg.submitted.connect(lambda old, new: runner.submit(
        lambda: session.change_password(old, new), write=True, on_success=ok,
        on_failure=bad))
    dlg.setModal(True)
    dlg.show()
    return dlg
