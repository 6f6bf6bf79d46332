"""An archivist or admin confirms a GIẢI MẬT page on the clerk's screen (#23/#24): they type
their own user name and password; the core checks them (see :mod:`digitize.pipeline.cosign`)."""

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

__all__ = ["CosignDialog"]


class CosignDialog(QDialog):
    """Emits ``submitted(user, password)``; the caller runs the check, then ``accept`` or
    ``failed``. The password field is cleared after each attempt."""

    submitted = Signal(str, str)

    def __init__(self, seq: int, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cosignDialog")
        self.setWindowTitle(tr("Lưu trữ viên/quản trị viên xác nhận GIẢI MẬT"))
        lay = QVBoxLayout(self)
        intro = QLabel(tr(
            "Trang {n} của hồ sơ “{t}” mang dấu GIẢI MẬT. Lưu trữ viên hoặc quản trị viên đối "
            "chiếu dấu trên bản giấy (ngày, người ký), rồi tự nhập tên đăng nhập và mật khẩu "
            "của mình. Việc xác nhận được ghi nhật ký với tên người xác nhận.").format(
                n=seq, t=title))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        form = QFormLayout()
        self.user, self.password = QLineEdit(), QLineEdit()
        self.user.setObjectName("cosignUser")
        self.password.setObjectName("cosignPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.returnPressed.connect(self._submit)
        form.addRow(tr("Tên đăng nhập của người xác nhận"), self.user)
        form.addRow(tr("Mật khẩu của người xác nhận"), self.password)
        lay.addLayout(form)
        self.error = QLabel("")
        self.error.setObjectName("cosignError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        lay.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(tr("Xác nhận đã giải mật"),
                                    QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def _submit(self) -> None:
        if not self.user.text().strip() or not self.password.text():
            self.error.setText(tr("Hãy nhập tên đăng nhập và mật khẩu của người xác nhận."))
            return
        self.error.setText(tr("Đang kiểm tra…"))
        self.ok.setEnabled(False)
        password, _ = self.password.text(), self.password.clear()
        self.submitted.emit(self.user.text().strip(), password)

    def failed(self, text: str) -> None:
        """Show why the confirmation was refused; they may try again."""
        self.error.setText(text)
        self.ok.setEnabled(True)
