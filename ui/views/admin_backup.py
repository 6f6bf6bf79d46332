"""Admin: back the whole archive up (to a folder or an S3 server), its age, and restore."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLabel, QProgressBar, QVBoxLayout, QWidget

from ui.errors import error_text, show_error
from ui.i18n import tr
from ui.views.base import AppContext, View, button_row
from ui.views.restore_dialog import RestoreDialog

__all__ = ["BackupPanel"]


class BackupPanel(View):
    """The last good backup and its age; back the whole archive up to a folder or to
    ``s3://bucket/prefix``, with progress; restore a backup into a new folder (with the
    archive passphrase) and open it."""

    action = "keys"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        lay = QVBoxLayout(self)
        self.last = QLabel("")
        self.last.setObjectName("lastBackup")
        lay.addWidget(self.last)
        lay.addLayout(button_row(((tr("Sao lưu toàn bộ kho…"), self.choose_folder,
                                   "backupArchive"),
                                  (tr("Sao lưu lên máy chủ S3…"), self.choose_s3,
                                   "backupToS3"),
                                  (tr("Khôi phục từ bản sao lưu…"), self.restore,
                                   "restoreFromBackup"))))
        self.bar = QProgressBar()
        self.bar.setObjectName("backupProgress")
        lay.addWidget(self.bar)
        self.status = QLabel(tr("Khôi phục tạo một kho mới trong thư mục trống; kho đang dùng "
                                "không bị thay đổi."))
        self.status.setObjectName("backupStatus")
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        lay.addStretch(1)
        self.restore_dialog: RestoreDialog | None = None

    def refresh(self) -> None:
        """Show when the last backup was made."""
        ws = self.ctx.ws
        self.op(lambda: ws.recovery.last_backup()).on_success(self._show_last).start()

    def _show_last(self, rec: dict[str, Any] | None) -> None:
        self.last.setText(tr("Chưa sao lưu lần nào.") if rec is None else tr(
            "Lần sao lưu gần nhất: {time} ({hours} giờ trước), vào {to}").format(
            time=rec["time"][:16].replace("T", " "), hours=rec["age_hours"], to=rec["to"]))

    def choose_folder(self) -> None:
        """Pick the backup folder (removable drive, network share)."""
        path = QFileDialog.getExistingDirectory(self, tr("Chọn thư mục sao lưu"))
        if path:
            self.start_backup(Path(path))

    def _endpoint(self) -> str | None:
        """The S3 server the export tab uses (empty: the archive's storage settings)."""
        return (self.ctx.settings.q.value("export/endpoint", "") or "").strip() or None

    def choose_s3(self) -> None:
        """Ask for ``s3://bucket/prefix`` (remembered) and back up there, with the export
        tab's server and the archive's storage keys (or the AWS variables)."""
        q = self.ctx.settings.q
        url, ok = QInputDialog.getText(
            self, tr("Sao lưu lên máy chủ S3"),
            tr("Đích sao lưu (s3://thùng/tiền-tố):"), text=q.value("backup/s3", "") or "")
        url = url.strip()
        if not ok or not url:
            return
        if not url.startswith("s3://") or len(url) <= len("s3://"):
            self.status.setText(tr("Đích phải có dạng s3://thùng/tiền-tố."))
            return
        q.setValue("backup/s3", url)
        self.start_backup(url, endpoint=self._endpoint())

    def start_backup(self, dest: Path | str, *, endpoint: str | None = None) -> None:
        """Back up to ``dest`` (a folder or ``s3://…``) in the writer thread; the bar follows
        the containers copied."""
        ws = self.ctx.ws

        def run(progress: Any, cancel: Any) -> Any:
            del cancel  # a backup stopped half-way is simply run again
            return ws.recovery.backup(dest, endpoint=endpoint, progress=progress)

        self.ctx.runner.progress.connect(self._on_progress)
        self.op(run, write=True).with_progress(tr("Sao lưu kho")).on_success(
            self._done).on_failure(self._failed).start()

    def restore(self) -> RestoreDialog:
        """Restore a backup into a new folder; on request, sign out and open it. An S3 source
        starts with the export tab's server filled in."""
        dialog = RestoreDialog(self.ctx.runner, signed_in=True, parent=self)
        dialog.endpoint.setText(self._endpoint() or "")
        window = self.window()
        if hasattr(window, "open_archive"):
            dialog.open_requested.connect(window.open_archive)
        dialog.open()
        self.restore_dialog = dialog
        return dialog

    def _on_progress(self, jobs: list[Any]) -> None:
        for j in jobs:
            if j.event is not None and j.event.stage == "backup" and j.event.total:
                self.bar.setMaximum(j.event.total)
                self.bar.setValue(j.event.done)

    def _failed(self, exc: BaseException) -> None:
        self.ctx.runner.progress.disconnect(self._on_progress)
        self.status.setText(error_text(exc))
        show_error(self, exc)

    def _done(self, report: Any) -> None:
        self.ctx.runner.progress.disconnect(self._on_progress)
        self.bar.setMaximum(max(report.containers, 1))
        self.bar.setValue(max(report.containers, 1))
        self.status.setText(tr("Đã sao lưu {n} gói ({new} gói mới), mọi tệp đã được đọc lại "
                               "và kiểm tra.").format(n=report.containers, new=report.sent))
        self.refresh()
