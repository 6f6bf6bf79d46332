"""An archivist or admin confirms a GIẢI MẬT page on the clerk's screen (#23/#24): they type
their own user name and password; the core checks them (see :mod:`digitize.pipeline.cosign`)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.i18n import tr
from ui.widgets.credential_dialog import CredentialDialog

__all__ = ["CosignDialog"]


class CosignDialog(CredentialDialog):
    """Emits ``submitted(user, password)``; the caller runs the check, then ``accept`` or
    ``failed``. The password field is cleared after each attempt."""

    def __init__(self, seq: int, title: str, parent: QWidget | None = None) -> None:
        super().__init__(
            "cosignDialog", tr("Lưu trữ viên/quản trị viên xác nhận GIẢI MẬT"),
            tr("Xác nhận đã giải mật"), "cosignError", parent=parent, intro=tr(
                "Trang {n} của hồ sơ “{t}” mang dấu GIẢI MẬT. Lưu trữ viên hoặc quản trị viên "
                "đối chiếu dấu trên bản giấy (ngày, người ký), rồi tự nhập tên đăng nhập và mật "
                "khẩu của mình. Việc xác nhận được ghi nhật ký với tên người xác nhận.").format(
                    n=seq, t=title))
        self.user = self._field(tr("Tên đăng nhập của người xác nhận"), "cosignUser",
                                password=False)
        self.password = self._field(tr("Mật khẩu của người xác nhận"), "cosignPassword",
                                    password=True)

    def _submit(self) -> None:
        if not self.user.text().strip() or not self.password.text():
            self.error.setText(tr("Hãy nhập tên đăng nhập và mật khẩu của người xác nhận."))
            return
        password, _ = self.password.text(), self.password.clear()
        self._send(self.user.text().strip(), password)
