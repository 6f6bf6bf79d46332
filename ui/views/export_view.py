"""Admin: export to central storage (queue, progress, cancel/resume, report), keys, accounts,
settings."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import N_, lang, tr
from ui.tasks import Job
from ui.views.admin_backup import BackupPanel
from ui.views.admin_checks import VerifyPanel
from ui.views.admin_panels import AccountsPanel, KeysPanel, SettingsPanel
from ui.views.base import AppContext, View, button_row, heading

__all__ = ["ExportView"]

STATUS = {"would_send": N_("chờ gửi"), "already_sent": N_("đã gửi"), "sent": N_("đã gửi"),
          "excluded": N_("loại trừ"), "failed": N_("lỗi"), "pending": N_("đang chờ"),
          "queued": N_("trong hàng đợi"), "uploading": N_("đang tải lên")}
REASONS = {"secrecy": N_("tài liệu mật"), "not_stored": N_("chưa lưu")}


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n / 1000:.0f} kB"


class ExportView(View):
    """Tabs: Xuất dữ liệu, Khóa, Sao lưu, Tài khoản, Cài đặt, Kiểm tra."""

    action = "export"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        lay = QVBoxLayout(self)
        lay.addWidget(heading(tr("Quản trị và xuất dữ liệu")))
        self.tabs = QTabWidget()
        self.tabs.setObjectName("adminTabs")
        self.tabs.addTab(self._export_tab(), tr("Xuất dữ liệu"))
        self.keys = KeysPanel(ctx)
        self.accounts = AccountsPanel(ctx)
        self.settings_panel = SettingsPanel(ctx)
        self.backup = BackupPanel(ctx)
        self.verify_panel = VerifyPanel(ctx)
        self.tabs.addTab(self.keys, tr("Khóa mã hóa"))
        self.tabs.addTab(self.backup, tr("Sao lưu"))
        self.tabs.addTab(self.accounts, tr("Tài khoản"))
        self.tabs.addTab(self.settings_panel, tr("Cài đặt"))
        self.tabs.addTab(self.verify_panel, tr("Kiểm tra"))
        self.tabs.currentChanged.connect(lambda _i: self._refresh_tab())
        lay.addWidget(self.tabs, 1)
        self.job: Job | None = None
        self.report: Any = None
        ctx.runner.progress.connect(self._on_progress)

    def _export_tab(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("Đích (s3://… hoặc file:///…)")))
        self.target = QLineEdit(self.ctx.settings.q.value("export/target", "") or "")
        self.target.setObjectName("exportTarget")
        self.target.setPlaceholderText("s3://luu-tru-tinh/h47 · file:///media/usb/xuat")
        row.addWidget(self.target, 1)
        self.endpoint = QLineEdit(self.ctx.settings.q.value("export/endpoint", "") or "")
        self.endpoint.setPlaceholderText(tr("Địa chỉ máy chủ S3 (tùy chọn)"))
        row.addWidget(self.endpoint, 1)
        lay.addLayout(row)
        lay.addLayout(button_row(((tr("Xem hàng đợi"), self.refresh_queue, "refreshQueue"),
                                  (tr("Xuất / Tiếp tục"), self.start_export, "startExport"),
                                  (tr("Hủy"), self.cancel_export, "cancelExport"))))
        # Hủy stops after the part in flight; the core reports what was sent and leaves the
        # rest queued for the next run (a package stopped mid-way resumes from its last part).
        self.cancel_button = next(b for b in w.findChildren(QPushButton)
                                  if b.objectName() == "cancelExport")
        self.cancel_button.setToolTip(tr("Dừng sau phần đang gửi; hồ sơ chưa gửi vẫn trong "
                                         "hàng đợi cho lần xuất sau."))
        self.cancel_button.setEnabled(False)
        self.bar = QProgressBar()
        self.bar.setObjectName("exportProgress")
        self.bar.setFormat("%p%")
        self.bar.hide()
        self.rate = QLabel("")
        self.rate.setObjectName("exportRate")
        prog = QHBoxLayout()
        prog.addWidget(self.bar, 2)
        prog.addWidget(self.rate, 1)
        lay.addLayout(prog)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("exportQueue")
        self.table.setHorizontalHeaderLabels([tr("Hồ sơ"), tr("Phiên bản"), tr("Trạng thái"),
                                              tr("Dung lượng"), tr("Ghi chú")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        lay.addWidget(self.table, 2)
        self.report_box = QPlainTextEdit()
        self.report_box.setObjectName("exportReport")
        self.report_box.setReadOnly(True)
        self.report_box.setPlaceholderText(tr("Báo cáo xuất dữ liệu sẽ hiện ở đây."))
        lay.addWidget(self.report_box, 1)
        self.shortcut("F5", self.refresh_queue)
        return w

    def activated(self) -> None:
        """Refresh the current tab."""
        self._refresh_tab()

    def _refresh_tab(self) -> None:
        tab = self.tabs.currentWidget()
        if hasattr(tab, "refresh"):
            tab.refresh()
        elif self.target.text().strip():
            self.refresh_queue()

    def _to(self) -> str:
        to = self.target.text().strip()
        self.ctx.settings.q.setValue("export/target", to)
        self.ctx.settings.q.setValue("export/endpoint", self.endpoint.text().strip())
        return to

    def refresh_queue(self) -> None:
        """Show each dossier's state for the target: queued, sent, excluded (why)."""
        to = self._to()
        if not to:
            return
        ws = self.ctx.ws
        self.op(lambda: (ws.transfer.plan(to), {e.dossier_id: e for e in ws.transfer.queue(to)})
                ).on_success(self._fill).start()

    def _fill(self, result: tuple[list[Any], dict[str, Any]]) -> None:
        items, entries = result
        self.table.setRowCount(len(items))
        for r, it in enumerate(items):
            entry = entries.get(it.dossier_id)
            state = entry.state if entry is not None and it.status == "would_send" else it.status
            note = tr(REASONS.get(it.reason, it.reason)) if it.reason else (
                entry.error or "" if entry is not None else "")
            size = it.size or (entry.size if entry is not None and entry.size else 0)
            for c, v in enumerate((f"{it.file_code or ''} ({it.dossier_id})", str(it.version),
                                   tr(STATUS.get(state, state)), _mb(size) if size else "",
                                   note)):
                self.table.setItem(r, c, QTableWidgetItem(v))

    def start_export(self) -> Job | None:
        """Run (or resume) the export in the writer thread with a byte progress bar."""
        to = self._to()
        if not to:
            self.rate.setText(tr("Hãy nhập đích xuất dữ liệu."))
            return None
        ws, endpoint = self.ctx.ws, self.endpoint.text().strip() or None
        self._t0 = time.monotonic()
        self.bar.setValue(0)
        self.bar.show()
        self.job = self.op(lambda progress, cancel: ws.transfer.run(
            to, endpoint=endpoint, progress=progress, cancel=cancel), write=True
        ).with_progress(tr("Xuất dữ liệu")).on_success(self._done).on_failure(
            self._failed).start()
        self.cancel_button.setEnabled(self.job is not None)
        return self.job

    def cancel_export(self) -> None:
        """Cancel the export: it stops after the part in flight; what was not sent stays
        queued (the same as the progress panel's Hủy)."""
        if self.job is not None:
            self.job.cancel.cancel()
            self.cancel_button.setEnabled(False)
            self.rate.setText(tr("Đang hủy sau phần đang gửi…"))

    def _on_progress(self, jobs: list[Job]) -> None:
        for j in jobs:
            if self.job is not None and j.id == self.job.id and j.event and j.event.total:
                ev = j.event
                self.bar.setRange(0, 1000)
                self.bar.setValue(int(1000 * ev.done / ev.total))
                spent = max(0.001, time.monotonic() - self._t0)
                speed = ev.done / spent
                left = (ev.total - ev.done) / speed if speed else 0
                self.rate.setText(tr("{done} / {total} — {speed}/giây — còn {left} giây").format(
                    done=_mb(ev.done), total=_mb(ev.total), speed=_mb(int(speed)),
                    left=int(left)))

    def _done(self, report: Any) -> None:
        self.job = None
        self.cancel_button.setEnabled(False)
        self.report = report
        self.bar.setRange(0, 1000)
        self.bar.setValue(1000 if report.ok else self.bar.value())
        self.report_box.setPlainText(self.ctx.ws.transfer.report_text(report, lang()))
        if report.cancelled:
            self.rate.setText(tr("Đã hủy: {sent} hồ sơ đã gửi, {queued} hồ sơ chưa gửi vẫn trong "
                                 "hàng đợi cho lần xuất sau.").format(
                sent=len(report.by_status("sent", "already_sent")),
                queued=len(report.by_status("pending", "failed"))))
        else:
            self.rate.setText(report.error or tr("Xong."))
        self.refresh_queue()

    def _failed(self, exc: BaseException) -> None:
        from digitize.errors import Cancelled
        from ui.errors import show_error

        self.job = None
        self.cancel_button.setEnabled(False)
        if isinstance(exc, Cancelled):  # cancelled before anything started
            self.rate.setText(tr("Đã hủy trước khi gửi; hàng đợi giữ nguyên."))
        else:
            show_error(self, exc)
        self.refresh_queue()
