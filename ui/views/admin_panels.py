"""Admin panels: keys (fingerprints, central keys, key backup), accounts, settings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui import dialogs
from ui.fmt import when
from ui.i18n import N_, tr
from ui.views.admin_checks import RotateKeys
from ui.views.base import AppContext, View, button_row

__all__ = ["AccountsPanel", "KeysPanel", "SettingsPanel"]

ROLE_LABELS = (("clerk", N_("Văn thư")), ("archivist", N_("Lưu trữ viên")),
               ("admin", N_("Quản trị viên")))


def _table(headers: list[str], name: str) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setObjectName(name)
    t.setHorizontalHeaderLabels(headers)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    return t


class KeysPanel(View):
    """The office fingerprint, imported central keys, import and backup."""

    action = "keys"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        lay = QVBoxLayout(self)
        self.fingerprint = QLabel("")
        self.fingerprint.setObjectName("officeFingerprint")
        f = self.fingerprint.font()
        f.setFamily("DejaVu Sans Mono")
        f.setPointSizeF(f.pointSizeF() * 1.2)
        self.fingerprint.setFont(f)
        lay.addWidget(QLabel(tr("Dấu vân tay khóa của cơ quan (đọc qua điện thoại để đối chiếu):")))
        lay.addWidget(self.fingerprint)
        lay.addWidget(QLabel(tr("Khóa mã hóa công khai của lưu trữ trung tâm đã nhập:")))
        self.table = _table([tr("Tên"), tr("Dấu vân tay"), tr("Ngày nhập")], "centralKeys")
        lay.addWidget(self.table, 1)
        lay.addLayout(button_row(((tr("Nhập khóa trung tâm…"), self.choose_key, "importCentralKey"),
                                  (tr("Gỡ khóa trung tâm đã chọn"), self.remove_selected,
                                   "removeCentralKey"),
                                  (tr("Sao lưu khóa…"), self.choose_backup, "backupKeys"))))
        self.status = QLabel("")
        self.status.setObjectName("keysStatus")
        self.status.setWordWrap(True)
        self.rotation = RotateKeys(self, self.status, self.refresh)
        if ctx.session.can("keys"):  # admins only (the core refuses anyone else too)
            lay.addLayout(button_row(((tr("Đổi khóa cơ quan…"), self.rotation.ask,
                                       "rotateKeys"),)))
        lay.addWidget(self.status)

    def refresh(self) -> None:
        """Reload fingerprints and keys."""
        ws = self.ctx.ws
        self.op(lambda: (ws.office_keys.office_fingerprint(), ws.office_keys.central_keys())
                ).on_success(self._show).start()

    def _show(self, result: tuple[str, list[dict[str, str]]]) -> None:
        fp, keys = result
        self.fingerprint.setText(fp)
        self.table.setRowCount(len(keys))
        for r, k in enumerate(keys):
            for c, v in enumerate((k["label"], k["fingerprint"], when(k["imported"]))):
                self.table.setItem(r, c, QTableWidgetItem(v))

    def choose_key(self) -> None:
        """Pick a public key file and name it."""
        path, _f = QFileDialog.getOpenFileName(self, tr("Chọn tệp khóa công khai"))
        if path:
            label, ok = QInputDialog.getText(self, tr("Tên khóa"), tr("Tên lưu trữ trung tâm:"))
            if ok and label.strip():
                self.import_key(Path(path), label.strip())

    def import_key(self, path: Path, label: str) -> None:
        """Import a central archive key (writer thread) and show its fingerprint."""
        ws = self.ctx.ws
        self.op(lambda: ws.office_keys.import_central_key(path, label), write=True).on_success(
            lambda fp: (self.status.setText(tr("Đã nhập khóa {label}. Dấu vân tay: {fp} — hãy "
                                               "đối chiếu qua điện thoại.").format(
                label=label, fp=fp)), self.refresh())).start()

    def remove_selected(self) -> None:
        """Stop encrypting for the selected central key (after a question)."""
        row = self.table.currentRow()
        if row < 0:
            self.status.setText(tr("Hãy chọn một khóa trong bảng."))
            return
        label, fp = self.table.item(row, 0).text(), self.table.item(row, 1).text()
        if not dialogs.confirm(self, tr("Gỡ khóa trung tâm"), tr(
                "Hồ sơ lưu từ nay sẽ không còn mã hóa cho “{label}” ({fp}). Hồ sơ đã lưu vẫn "
                "mở được bằng khóa này.").format(label=label, fp=fp),
                yes=tr("Gỡ khóa"), no=tr("Giữ khóa")):
            return
        ws = self.ctx.ws
        self.op(lambda: ws.office_keys.remove_central_key(fp), write=True).on_success(
            lambda _r: (self.status.setText(tr("Đã gỡ khóa {label}.").format(label=label)),
                        self.refresh())).start()

    def choose_backup(self) -> None:
        """Pick where to write the key backup and its passphrase."""
        path, _f = QFileDialog.getSaveFileName(self, tr("Lưu bản sao khóa"), "khoa-du-phong.json")
        if not path:
            return
        pw, ok = QInputDialog.getText(self, tr("Mật khẩu bản sao"),
                                      tr("Mật khẩu bảo vệ bản sao khóa:"),
                                      QLineEdit.EchoMode.Password)
        if ok and pw:
            ws = self.ctx.ws
            self.op(lambda: ws.office_keys.backup(Path(path), pw), write=True).on_success(
                lambda _r: self.status.setText(tr("Đã sao lưu khóa vào {p}.").format(p=path))
            ).start()


class AccountsPanel(View):
    """List, create, disable and reset accounts."""

    action = "accounts"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        lay = QVBoxLayout(self)
        self.table = _table([tr("Tên đăng nhập"), tr("Vai trò"), tr("Trạng thái"),
                             tr("Đổi mật khẩu lần cuối")], "accountsTable")
        lay.addWidget(self.table, 1)
        form = QHBoxLayout()
        self.name = QLineEdit()
        self.name.setObjectName("newUser")
        self.name.setPlaceholderText(tr("tên đăng nhập"))
        self.password = QLineEdit()
        self.password.setObjectName("newPassword")
        self.password.setPlaceholderText(tr("mật khẩu ban đầu (≥ 8 ký tự)"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.role = QComboBox()
        self.role.setObjectName("newRole")
        for code, label in ROLE_LABELS:
            self.role.addItem(tr(label), code)
        add = QPushButton(tr("Tạo tài khoản"))
        add.setObjectName("addAccount")
        add.clicked.connect(self.add)
        for w in (self.name, self.password, self.role, add):
            form.addWidget(w)
        lay.addLayout(form)
        lay.addLayout(button_row(((tr("Vô hiệu hóa / bật lại tài khoản"), self.toggle, ""),
                                  (tr("Đặt lại mật khẩu"), self.reset, ""))))
        self.status = QLabel("")
        self.status.setObjectName("accountsStatus")
        lay.addWidget(self.status)
        self.rows: list[Any] = []

    def refresh(self) -> None:
        """Reload the accounts."""
        self.op(self.ctx.session.accounts).on_success(self._show).start()

    def _show(self, accounts: list[Any]) -> None:
        self.rows = accounts
        labels = dict(ROLE_LABELS)
        self.table.setRowCount(len(accounts))
        for r, a in enumerate(accounts):
            for c, v in enumerate((a.username, tr(labels.get(a.role, a.role)),
                                   tr("đã vô hiệu hóa") if a.disabled else tr("hoạt động"),
                                   when(a.password_changed))):
                self.table.setItem(r, c, QTableWidgetItem(v))

    def add(self) -> None:
        """Create the account typed in the form."""
        s = self.ctx.session
        name, pw, role = self.name.text(), self.password.text(), self.role.currentData()
        self.op(lambda: s.add_account(name, pw, role), write=True).on_success(
            lambda a: (self.name.clear(), self.password.clear(),
                       self.status.setText(tr("Đã tạo tài khoản {u}.").format(u=a.username)),
                       self.refresh())).start()

    def _selected(self) -> Any:
        r = self.table.currentRow()
        return self.rows[r] if 0 <= r < len(self.rows) else None

    def toggle(self) -> None:
        """Disable or re-enable the selected account."""
        a, s = self._selected(), self.ctx.session
        if a is not None:
            self.op(lambda: s.set_disabled(a.username, not a.disabled), write=True).on_success(
                lambda _r: self.refresh()).start()

    def reset(self) -> None:
        """Give the selected account a new password (the user must change it)."""
        a = self._selected()
        if a is None:
            return
        pw, ok = QInputDialog.getText(self, tr("Đặt lại mật khẩu"),
                                      tr("Mật khẩu mới cho {u}:").format(u=a.username),
                                      QLineEdit.EchoMode.Password)
        if ok and pw:
            s = self.ctx.session
            self.op(lambda: s.reset_password(a.username, pw), write=True).on_success(
                lambda _r: self.status.setText(tr("Đã đặt lại mật khẩu."))).start()


class SettingsPanel(View):
    """Office settings: offline secrecy workstation mode, lock minutes."""

    action = "settings"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.office = QLabel("")
        self.offline = QCheckBox(tr("Máy trạm ngoại tuyến xử lý tài liệu mật (không dùng mạng, "
                                    "không tải lên)"))
        self.offline.setObjectName("offlineMode")
        self.lock = QSpinBox()
        self.lock.setObjectName("lockMinutes")
        self.lock.setRange(0, 240)
        self.lock.setSuffix(tr(" phút"))
        self.lock.setSpecialValueText(tr("không tự khóa"))
        form.addRow(tr("Cơ quan"), self.office)
        form.addRow(tr("Chế độ"), self.offline)
        form.addRow(tr("Tự khóa sau"), self.lock)
        lay.addLayout(form)
        save = QPushButton(tr("Lưu cài đặt"))
        save.setObjectName("saveSettings")
        save.clicked.connect(self.save)
        lay.addWidget(save)
        self.status = QLabel("")
        lay.addWidget(self.status)
        lay.addStretch(1)

    def refresh(self) -> None:
        """Reload the settings."""
        self.op(self.ctx.session.settings).on_success(self._show).start()

    def _show(self, s: dict[str, Any]) -> None:
        self.office.setText(f"{s['office'].get('name', '')} ({s['office'].get('code', '')})")
        self.offline.setChecked(s["offline_mode"])
        self.lock.setValue(s["lock_minutes"])

    def save(self) -> None:
        """Store the settings."""
        s, off, mins = self.ctx.session, self.offline.isChecked(), self.lock.value()
        self.op(lambda: s.save_settings(offline_mode=off, lock_minutes=mins), write=True
                ).on_success(lambda _r: self.status.setText(tr("Đã lưu cài đặt."))).start()
