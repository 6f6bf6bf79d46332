"""The common frame of the small dialogs where someone types a name or passwords that the
core then checks (co-signing a GIẢI MẬT page, changing one's password): an optional intro,
a form, a red line for the refusal, and OK / Hủy.

The dialog emits ``submitted(a, b)``; the caller runs the check in a worker, then calls
``accept()`` or ``failed(text)``, after which the person may try again.
"""

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

__all__ = ["CredentialDialog"]


class CredentialDialog(QDialog):
    """Subclasses add their fields to :attr:`form` (``_field``) and implement ``_submit``,
    which checks what was typed (``_refuse`` with the reason) or calls ``_send``."""

    submitted = Signal(str, str)

    def __init__(self, name: str, title: str, ok_text: str, error_name: str, *,
                 intro: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.lay = QVBoxLayout(self)
        if intro:
            label = QLabel(intro)
            label.setWordWrap(True)
            self.lay.addWidget(label)
        self.form = QFormLayout()
        self.lay.addLayout(self.form)
        self.error = QLabel("")
        self.error.setObjectName(error_name)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.lay.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        self.lay.addWidget(buttons)

    def _field(self, label: str, name: str, *, password: bool) -> QLineEdit:
        """A line in the form; Enter in a password field submits."""
        edit = QLineEdit()
        edit.setObjectName(name)
        if password:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.returnPressed.connect(self._submit)
        self.form.addRow(label, edit)
        return edit

    def _submit(self) -> None:
        raise NotImplementedError

    def _send(self, first: str, second: str) -> None:
        """Say the check runs, block OK meanwhile, emit ``submitted``."""
        self.error.setText(tr("Đang kiểm tra…"))
        self.ok.setEnabled(False)
        self.submitted.emit(first, second)

    def failed(self, text: str) -> None:
        """Show why the core refused; the person may try again."""
        self.error.setText(text)
        self.ok.setEnabled(True)
