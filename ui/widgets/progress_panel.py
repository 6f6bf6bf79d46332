"""The running jobs: a progress bar each, with time left and a cancel button."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from ui.i18n import N_, tr
from ui.tasks import Job, TaskRunner

__all__ = ["ProgressPanel", "STAGES"]

STAGES = {"capture": N_("Nhận trang"), "clean_ocr": N_("Làm sạch và nhận dạng"),
          "assemble": N_("Tạo PDF"), "seal": N_("Ký và mã hóa"), "upload": N_("Tải lên"),
          "scan": N_("Quét"), "export": N_("Xuất")}


def _eta(job: Job) -> str:
    ev = job.event
    if not ev or not ev.total or not ev.done:
        return ""
    spent = time.monotonic() - job.started
    left = spent * (ev.total - ev.done) / ev.done
    return tr("còn {s} giây").format(s=int(left))


class _Row(QWidget):
    def __init__(self, job: Job, parent: QWidget) -> None:
        super().__init__(parent)
        self.job = job
        lay = QHBoxLayout(self)
        lay.setContentsMargins(4, 0, 4, 0)
        self.label = QLabel(job.title)
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(260)
        self.cancel = QPushButton(tr("Hủy"))
        self.cancel.setObjectName("cancelJob")
        self.cancel.clicked.connect(job.cancel.cancel)
        lay.addWidget(self.label, 1)
        lay.addWidget(self.bar)
        lay.addWidget(self.cancel)

    def update_job(self, job: Job) -> None:
        ev = job.event
        stage = tr(STAGES.get(ev.stage, ev.stage)) if ev else ""
        if ev and ev.total:
            self.bar.setRange(0, ev.total)
            self.bar.setValue(ev.done)
        else:
            self.bar.setRange(0, 0)
        parts = [job.title, stage, f"{ev.done}/{ev.total}" if ev and ev.total else "", _eta(job)]
        self.label.setText(" — ".join(p for p in parts if p))
        self.cancel.setEnabled(not job.cancel.cancelled)


class ProgressPanel(QWidget):
    """Listens to a runner's 100 ms progress signal; hides itself when nothing runs."""

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progressPanel")
        self._rows: dict[int, _Row] = {}
        self._lay = QVBoxLayout(self)
        self._lay.setContentsMargins(0, 0, 0, 0)
        runner.progress.connect(self._on_progress)
        runner.job_finished.connect(self._on_finished)
        self.hide()

    def _on_progress(self, jobs: list[Job]) -> None:
        for job in jobs:
            row = self._rows.get(job.id)
            if row is None:
                row = self._rows[job.id] = _Row(job, self)
                self._lay.addWidget(row)
            row.update_job(job)
        self.setVisible(bool(self._rows))

    def _on_finished(self, job: Job) -> None:
        row = self._rows.pop(job.id, None)
        if row is not None:
            row.deleteLater()
        self.setVisible(bool(self._rows))
