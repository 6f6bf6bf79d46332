"""Admin: rotate the office keys (keys tab) and verify the whole archive (its own tab), both
in the background, saying what was done and what could not be checked (#24)."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui import dialogs
from ui.errors import error_text, show_error
from ui.i18n import tr
from ui.views.base import AppContext, View, button_row

__all__ = ["RotateKeys", "VerifyPanel", "verify_lines"]

RED, AMBER, GREEN = "#b3261e", "#8a5300", "#188038"


class RotateKeys:
    """The keys tab's "Đổi khóa cơ quan…": archive passphrase, a question, the rotation in the
    writer thread, then the new fingerprint and the accounts that got no grant."""

    def __init__(self, view: View, status: QLabel, done: Any) -> None:
        self.view, self.status, self.done = view, status, done
        self.result: tuple[Any, str] | None = None

    def ask(self) -> None:
        """Ask for the archive passphrase, then :meth:`start`."""
        pw, ok = QInputDialog.getText(self.view, tr("Đổi khóa cơ quan"),
                                      tr("Mật khẩu kho (mật khẩu lưu trữ của cơ quan):"),
                                      QLineEdit.EchoMode.Password)
        if ok and pw:
            self.start(pw)

    def start(self, passphrase: str) -> bool:
        """Confirm, then rotate with ``passphrase``; False when the admin said no."""
        if not dialogs.confirm(self.view, tr("Đổi khóa cơ quan"), tr(
                "Cơ quan sẽ có khóa mã hóa mới. Hồ sơ lưu từ nay chỉ mở được bằng khóa mới; hồ "
                "sơ đã lưu vẫn đọc được. Tài khoản lưu trữ viên và quản trị viên đang hoạt động "
                "nhận khóa mới; tài khoản chưa đăng nhập lần nào kể từ khi nâng cấp sẽ cần đặt "
                "lại mật khẩu. Sau khi đổi, hãy sao lưu khóa lại ngay."),
                yes=tr("Đổi khóa"), no=tr("Không đổi")):
            return False
        ws = self.view.ctx.ws
        self.status.setText(tr("Đang đổi khóa…"))

        def run() -> tuple[Any, str]:
            rotation = ws.office_keys.rotate(passphrase)
            return rotation, ws.office_keys.office_fingerprint()

        self.view.op(run, write=True).on_success(self._show).on_failure(self._failed).start()
        return True

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(error_text(exc))  # e.g. not the archive passphrase: nothing changed
        show_error(self.view, exc)

    def _show(self, result: tuple[Any, str]) -> None:
        self.result = result
        rotation, fp = result
        text = tr("Đã đổi khóa cơ quan (lần {epoch}). Dấu vân tay mới: {fp}.").format(
            epoch=rotation.epoch, fp=fp)
        if rotation.not_granted:
            text += " " + tr("Các tài khoản chưa nhận khóa mới, cần đặt lại mật khẩu: "
                             "{names}.").format(names=", ".join(rotation.not_granted))
        text += " " + tr("Hãy sao lưu khóa lại ngay (bản sao cũ không mở được hồ sơ mới).")
        self.status.setText(text)
        self.done()


def verify_lines(report: Any) -> list[tuple[str, str]]:
    """``(text, colour)`` lines for a :class:`~digitize.model.VerifyReport`: a summary, a
    rollback warning when the audit log disagrees with a checkpoint, every failure, every
    place not checked."""
    out: list[tuple[str, str]] = []
    rollback = any(place.startswith("audit.log (") for place, _r in report.failures)
    if report.ok:
        out.append((tr("✔ Toàn vẹn: đã kiểm tra {n} hồ sơ, không có sai lệch.").format(
            n=len(report.checked)), GREEN))
    else:
        out.append((tr("✘ Phát hiện {k} sai lệch ({n} hồ sơ đã kiểm tra).").format(
            k=len(report.failures), n=len(report.checked)), RED))
    if rollback:
        out.append((tr("⚠ Nhật ký kiểm toán không khớp với điểm kiểm tra đã lưu: kho có thể "
                       "đã bị quay lui về bản cũ. Hãy báo người phụ trách an ninh."), RED))
    out += [(f"LỖI / FAIL {place}: {reason}", RED) for place, reason in report.failures]
    out += [(f"CHƯA KIỂM TRA / NOT CHECKED {place}: {reason}", AMBER)
            for place, reason in report.unchecked]
    if report.unchecked:
        out.append((tr("Những nơi chưa kiểm tra không được tính là đạt: hãy kết nối hoặc gắn "
                       "ổ rồi kiểm tra lại."), AMBER))
    return out


class VerifyPanel(View):
    """"Kiểm tra toàn bộ kho": containers, catalog, audit chain and every checkpoint within
    reach (keystore copy, export destinations), listing what could not be checked."""

    action = "verify"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(tr("Kiểm tra chữ ký, mã băm của mọi gói, sổ mục lục và nhật ký "
                                "kiểm toán, đối chiếu với các điểm kiểm tra ở nơi xuất dữ liệu.")))
        lay.addLayout(button_row(((tr("Kiểm tra toàn bộ kho"), self.verify_all,
                                   "verifyArchive"),)))
        self.results = QListWidget()
        self.results.setObjectName("verifyResults")
        self.results.setWordWrap(True)
        lay.addWidget(self.results, 1)
        self.report: Any = None

    def refresh(self) -> None:
        """Opening the tab does not start a check (it reads every container): the button does."""

    def verify_all(self) -> None:
        """Verify the whole archive in the background and list the outcome."""
        ws = self.ctx.ws
        self.report = None
        self.results.clear()
        self.results.addItem(tr("Đang kiểm tra…"))
        self.op(lambda: ws.records.verify()).on_success(self._show).on_failure(
            self._failed).start()

    def _failed(self, exc: BaseException) -> None:
        self.results.clear()
        item = QListWidgetItem(error_text(exc))
        item.setForeground(QColor(RED))
        self.results.addItem(item)
        show_error(self, exc)

    def _show(self, report: Any) -> None:
        self.report = report
        self.results.clear()
        for text, colour in verify_lines(report):
            item = QListWidgetItem(text)
            item.setForeground(QColor(colour))
            self.results.addItem(item)

    def lines(self) -> list[str]:
        """The texts listed (tests and screen readers)."""
        return [self.results.item(i).text() for i in range(self.results.count())]
