"""Restore a backup into a new archive folder, from the start screens or the admin view.

The restore runs in a reader thread of the :class:`~ui.tasks.TaskRunner` (it writes only the
new folder, never the open archive), with a progress bar and Hủy. The core assembles the
archive in ``NEW.restore-partial`` and removes it on any failure or cancel, so the target is
either the whole archive or as it was. When it is done the dialog offers to open it.

The source is a folder or ``s3://bucket/prefix``: for S3 the dialog shows the server address
and the access keys (left empty: the ``AWS_*`` variables of the machine), and the core reads
the backup straight from the server, every object hashed as it arrives.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from digitize.errors import Cancelled
from digitize.recovery.restore import RestoreReport, restore_archive, snapshots
from ui import dialogs
from ui.errors import error_text
from ui.i18n import tr
from ui.tasks import Job, TaskRunner

__all__ = ["RestoreDialog"]


def _folder_row(edit: QLineEdit, pick: Any, name: str) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    button = QPushButton(tr("Chọn…"))
    button.setObjectName(name)
    button.clicked.connect(pick)
    row.addWidget(button)
    return row


class RestoreDialog(QDialog):
    """Backup folder, snapshot, an empty target folder and the archive passphrase."""

    #: The user chose to open the restored archive (its folder).
    open_requested = Signal(object)

    def __init__(self, runner: TaskRunner, *, target: Path | None = None,
                 signed_in: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle(tr("Khôi phục từ bản sao lưu"))
        self.setMinimumWidth(560)
        self.runner, self.signed_in = runner, signed_in
        self.job: Job | None = None
        self._target = Path()
        lay = QVBoxLayout(self)
        intro = QLabel(tr("Kho được khôi phục vào một thư mục mới (hoặc trống); kho đang dùng "
                          "không bị thay đổi. Cần cụm mật khẩu của kho (ghi lại khi tạo kho)."))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        form = QFormLayout()
        self.source = QLineEdit()
        self.source.setObjectName("restoreSource")
        self.source.setPlaceholderText(tr("thư mục, hoặc s3://bucket/tiền-tố"))
        self.source.editingFinished.connect(self.load_snapshots)
        self.source.textChanged.connect(self._show_s3_fields)
        self.endpoint = QLineEdit()
        self.endpoint.setObjectName("restoreEndpoint")
        self.endpoint.setPlaceholderText("https://s3.tinh.gov.vn")
        self.access_key = QLineEdit()
        self.access_key.setObjectName("restoreAccessKey")
        self.secret_key = QLineEdit()
        self.secret_key.setObjectName("restoreSecretKey")
        self.secret_key.setEchoMode(QLineEdit.EchoMode.Password)
        for edit in (self.access_key, self.secret_key):
            edit.setPlaceholderText(tr("để trống: dùng biến AWS của máy"))
        self.snapshot = QComboBox()
        self.snapshot.setObjectName("restoreSnapshot")
        self.snapshot.addItem(tr("Bản mới nhất"), None)
        self.target = QLineEdit(str(target) if target is not None else "")
        self.target.setObjectName("restoreTarget")
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("restorePassphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(tr("Bản sao lưu ở"), _folder_row(self.source, self.pick_source,
                                                      "pickRestoreSource"))
        form.addRow(tr("Máy chủ S3"), self.endpoint)
        form.addRow(tr("Khóa truy cập S3"), self.access_key)
        form.addRow(tr("Khóa bí mật S3"), self.secret_key)
        self.form = form
        form.addRow(tr("Bản sao lưu"), self.snapshot)
        form.addRow(tr("Thư mục kho mới"), _folder_row(self.target, self.pick_target,
                                                        "pickRestoreTarget"))
        form.addRow(tr("Cụm mật khẩu của kho"), self.passphrase)
        lay.addLayout(form)
        self._show_s3_fields(self.source.text())
        self.bar = QProgressBar()
        self.bar.setObjectName("restoreProgress")
        lay.addWidget(self.bar)
        self.status = QLabel("")
        self.status.setObjectName("restoreStatus")
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.start_button = QPushButton(tr("Khôi phục"))
        self.start_button.setObjectName("restoreButton")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(tr("Hủy"))
        self.cancel_button.setObjectName("cancelRestore")
        self.cancel_button.clicked.connect(self.cancel)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.cancel_button)
        lay.addLayout(buttons)
        self.runner.progress.connect(self._on_progress)

    # choosing -----------------------------------------------------------------------------
    def pick_source(self) -> None:
        """Pick the backup folder (removable drive, network share, copied S3 prefix)."""
        path = QFileDialog.getExistingDirectory(self, tr("Chọn thư mục sao lưu"))
        if path:
            self.source.setText(path)
            self.load_snapshots()

    def pick_target(self) -> None:
        """Pick an empty folder for the new archive."""
        path = QFileDialog.getExistingDirectory(self, tr("Chọn thư mục trống cho kho mới"))
        if path:
            self.target.setText(path)

    def _show_s3_fields(self, text: str) -> None:
        s3 = text.strip().startswith("s3://")
        for edit in (self.endpoint, self.access_key, self.secret_key):
            self.form.setRowVisible(edit, s3)

    def _s3(self) -> dict[str, str | None]:
        """The S3 server and keys typed (None: boto3's defaults, the ``AWS_*`` variables)."""
        if not self.source.text().strip().startswith("s3://"):
            return {}
        return {"endpoint": self.endpoint.text().strip() or None,
                "access_key": self.access_key.text().strip() or None,
                "secret_key": self.secret_key.text() or None}

    def load_snapshots(self) -> None:
        """List the backup's snapshots (newest first) in a worker: a share or a server may
        be slow."""
        src, s3 = self.source.text().strip(), self._s3()
        if not src:
            return
        self.runner.submit(lambda: snapshots(src, **s3), on_success=self._show_snapshots,
                           on_failure=lambda e: self.status.setText(error_text(e)))

    def _show_snapshots(self, names: list[str]) -> None:
        self.snapshot.clear()
        self.snapshot.addItem(tr("Bản mới nhất"), None)
        for name in names:
            self.snapshot.addItem(name.replace("T", " ", 1), name)
        self.status.setText(tr("Không thấy bản sao lưu nào ở đây.") if not names
                            else "")

    # running ------------------------------------------------------------------------------
    def start(self) -> None:
        """Restore in a reader thread with progress; the GUI stays free."""
        src, target = self.source.text().strip(), self.target.text().strip()
        passphrase, snapshot, s3 = self.passphrase.text(), self.snapshot.currentData(), self._s3()
        if not src or not target or not passphrase:
            self.status.setText(tr("Hãy chọn bản sao lưu (thư mục hoặc s3://…), thư mục kho "
                                   "mới và nhập cụm mật khẩu của kho."))
            return
        self.passphrase.clear()
        self.secret_key.clear()
        self.start_button.setEnabled(False)
        self.bar.setRange(0, 0)
        self.status.setText(tr("Đang khôi phục và kiểm tra từng tệp…"))

        def run(progress: Any, cancel: Any) -> RestoreReport:
            return restore_archive(src, Path(target), passphrase, snapshot=snapshot,
                                   progress=progress, cancel=cancel, **s3)

        self._target = Path(target)
        self.job = self.runner.submit(run, title=tr("Khôi phục kho"), on_success=self._done,
                                      on_failure=self._failed)

    def cancel(self) -> None:
        """Stop a running restore (nothing is left behind), else close the dialog."""
        if self.job is not None:
            self.job.cancel.cancel()
            self.status.setText(tr("Đang hủy…"))
        else:
            self.reject()

    def _on_progress(self, jobs: list[Job]) -> None:
        for j in jobs:
            if self.job is not None and j.id == self.job.id and j.event is not None \
                    and j.event.total:
                self.bar.setRange(0, j.event.total)
                self.bar.setValue(j.event.done)

    def _done(self, report: RestoreReport) -> None:
        self.job = None
        self.start_button.setEnabled(True)
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        self.status.setText(tr("Đã khôi phục bản sao lưu {snap} ({n} gói) vào {path}; mọi tệp "
                               "đã được kiểm tra.").format(snap=report.snapshot,
                                                           n=report.containers,
                                                           path=self._target))
        question = (tr("Đăng xuất và mở kho vừa khôi phục tại {path}?") if self.signed_in
                    else tr("Mở kho vừa khôi phục tại {path}?")).format(path=self._target)
        if dialogs.confirm(self, tr("Mở kho vừa khôi phục"), question, yes=tr("Mở kho"),
                           no=tr("Để sau")):
            self.open_requested.emit(self._target)
            self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.job = None
        self.start_button.setEnabled(True)
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.status.setText(tr("Đã hủy; không có gì được ghi.") if isinstance(exc, Cancelled)
                            else error_text(exc))

    def done(self, result: int) -> None:  # noqa: D102 - QDialog override
        if self.job is not None:  # closing the dialog stops a running restore
            self.job.cancel.cancel()
        super().done(result)
