"""The capture view's side panel: dossier, scanner and profile, the secrecy declaration."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import N_, tr
from ui.settings import UiSettings

__all__ = ["SECRECY", "ScanPanel"]

SECRECY = ("MẬT", "TỐI MẬT", "TUYỆT MẬT")


def _combo(items: list[tuple[str, str]], current: str, name: str) -> QComboBox:
    """A drop-down showing translated words; each item's data is SANE's own value."""
    box = QComboBox()
    box.setObjectName(name)
    for value, label in items:
        box.addItem(tr(label), value)
    i = box.findData(current)
    if i >= 0:
        box.setCurrentIndex(i)
    return box


#: SANE's source and mode values with the words shown for them.
SOURCES = [("Flatbed", N_("Mặt kính")), ("ADF", N_("Khay nạp giấy (ADF)")),
           ("ADF Duplex", N_("Khay nạp giấy, hai mặt"))]
MODES = [("Color", N_("Màu")), ("Gray", N_("Xám")), ("Lineart", N_("Đen trắng"))]


class ScanPanel(QWidget):
    """Widgets only; the capture view connects the buttons."""

    def __init__(self, settings: UiSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedWidth(340)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()  # the settings scroll on a short screen; the actions stay
        scroll.setObjectName("scanSettingsScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner = QWidget()
        lay = QVBoxLayout(inner)
        lay.setContentsMargins(0, 0, 6, 0)
        box = QGroupBox(tr("Hồ sơ"))
        f = QFormLayout(box)
        self.dossier_box = QComboBox()
        self.dossier_box.setObjectName("dossierBox")
        f.addRow(tr("Đang quét"), self.dossier_box)
        self.new_title = QLineEdit()
        self.new_title.setObjectName("newDossierTitle")
        self.new_title.setPlaceholderText(tr("Tiêu đề hồ sơ mới"))
        create = QPushButton(tr("Tạo hồ sơ"))
        create.setObjectName("createDossier")
        self.create = create
        f.addRow(self.new_title)
        f.addRow(create)
        self.rename = QPushButton(tr("Đổi tên…"))
        self.rename.setObjectName("renameDossier")
        self.remove = QPushButton(tr("Xóa hồ sơ…"))
        self.remove.setObjectName("deleteDossier")
        row = QHBoxLayout()
        row.addWidget(self.rename)
        row.addWidget(self.remove)
        f.addRow(row)
        lay.addWidget(box)
        box = QGroupBox(tr("Máy quét và cấu hình"))
        f = QFormLayout(box)
        prof = settings.scan_profile
        self.device = QComboBox()
        self.device.setObjectName("deviceBox")
        self.device.setEditable(True)
        self.device.setEditText(prof["device"])
        find = QPushButton(tr("Tìm máy quét"))
        self.find = find
        self.source = _combo(SOURCES, prof["source"], "sourceBox")
        self.dpi = _combo([(d, d) for d in ("150", "200", "300", "400", "600")],
                          str(prof["dpi"]), "dpiBox")
        self.mode = _combo(MODES, prof["mode"], "modeBox")
        self.count = QSpinBox()
        self.count.setObjectName("pageCount")
        self.count.setRange(0, 500)
        self.count.setSpecialValueText(tr("đến hết khay"))
        f.addRow(tr("Thiết bị"), self.device)
        f.addRow(find)
        f.addRow(tr("Nguồn giấy"), self.source)
        f.addRow(tr("Độ phân giải (dpi)"), self.dpi)
        f.addRow(tr("Chế độ màu"), self.mode)
        f.addRow(tr("Số trang"), self.count)
        lay.addWidget(box)
        box = QGroupBox(tr("Khai báo độ mật (bắt buộc)"))
        v = QVBoxLayout(box)
        self.not_secret = QRadioButton(tr("Tài liệu không mang dấu mật"))
        self.not_secret.setObjectName("notSecret")
        self.secret = QRadioButton(tr("Tài liệu có dấu mật:"))
        self.secret.setObjectName("isSecret")
        self.secret_level = QComboBox()
        self.secret_level.addItems(SECRECY)
        group = QButtonGroup(self)
        group.addButton(self.not_secret)
        group.addButton(self.secret)
        row = QHBoxLayout()
        row.addWidget(self.secret)
        row.addWidget(self.secret_level)
        v.addWidget(self.not_secret)
        v.addLayout(row)
        lay.addWidget(box)
        self.scan_button = QPushButton(tr("Quét (F8)"))
        self.scan_button.setObjectName("scanButton")
        imp = QPushButton(tr("Nhập tệp… (Ctrl+O)"))
        self.import_button = imp
        self.process_button = QPushButton(tr("Xử lý và lưu (Ctrl+Enter)"))
        self.process_button.setObjectName("processButton")
        lay.addStretch(1)
        scroll.setWidget(inner)
        outer.addWidget(scroll, 1)
        for b in (self.scan_button, imp, self.process_button):
            outer.addWidget(b)

    def fill_devices(self, devices: list[Any]) -> None:
        """Offer the scanners found (keeps a device typed by hand)."""
        current = self.device.currentText()
        self.device.clear()
        for d in devices:
            self.device.addItem(d.label, d.name)
        if current:
            self.device.setEditText(current) if self.device.findData(current) < 0 else \
                self.device.setCurrentIndex(self.device.findData(current))

    def profile(self) -> dict[str, Any]:
        """The chosen scanner and profile: ``device``, ``source``, ``dpi``, ``mode``."""
        idx = self.device.currentIndex()
        data = self.device.itemData(idx) if idx >= 0 else None
        text = self.device.currentText()
        device = data if data and self.device.itemText(idx) == text else text
        return {"device": device, "source": self.source.currentData(),
                "dpi": int(self.dpi.currentData()), "mode": self.mode.currentData()}
