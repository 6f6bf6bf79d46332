"""Change one's own password: old, new twice; the core checks and stores it."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from ui.i18n import tr
from ui.widgets.credential_dialog import CredentialDialog

__all__ = ["PasswordDialog", "ask_new_password"]


class PasswordDialog(CredentialDialog):
    """Emits ``submitted(old, new)``; the caller runs the change, then ``accept`` or ``failed``."""

    def __init__(self, user: str, parent: QWidget | None = None) -> None:
        super().__init__("passwordDialog", tr("Đổi mật khẩu của {u}").format(u=user),
                         tr("Đổi mật khẩu"), "passwordError", parent=parent)
        self.old = self._field(tr("Mật khẩu hiện tại"), "oldPassword", password=True)
        self.new = self._field(tr("Mật khẩu mới"), "newPassword", password=True)
        self.again = self._field(tr("Nhập lại mật khẩu mới"), "againPassword", password=True)

    def _submit(self) -> None:
        if not self.old.text() or not self.new.text():
            self.error.setText(tr("Hãy nhập mật khẩu hiện tại và mật khẩu mới."))
            return
        if self.new.text() != self.again.text():
            self.error.setText(tr("Hai lần nhập mật khẩu mới không giống nhau."))
            return
        self._send(self.old.text(), self.new.text())


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
