"""The processing queue under the capture view: each dossier sent, its state and progress."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ui.i18n import tr
from ui.tasks import Job, TaskRunner
from ui.widgets.progress_panel import STAGES

__all__ = ["ProcessQueue"]


class ProcessQueue(QWidget):
    """"⏳ waiting", "⚙ 3/11 — Làm sạch và nhận dạng", "✔ stored", "✖ error" per dossier."""

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("processQueue")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(QLabel(tr("Hàng chờ xử lý")))
        self.list = QListWidget()
        self.list.setObjectName("processQueueList")
        self.list.setMaximumHeight(96)
        lay.addWidget(self.list)
        self._items: dict[str, tuple[QListWidgetItem, str, int | None]] = {}
        runner.progress.connect(self._on_progress)
        self.hide()

    def add(self, did: str, title: str, job: Job | None) -> None:
        """A dossier sent to processing (waiting until its job reports)."""
        item = QListWidgetItem(f"⏳ {title} — " + tr("chờ xử lý"))
        item.setData(Qt.ItemDataRole.UserRole, did)
        self.list.insertItem(0, item)
        self._items[did] = (item, title, job.id if job else None)
        self.show()

    def finish(self, did: str, note: str, *, ok: bool = True) -> None:
        """The dossier's processing ended (stored, refused, failed or cancelled)."""
        entry = self._items.get(did)
        if entry is not None:
            entry[0].setText(f"{'✔' if ok else '✖'} {entry[1]} — {note}")

    def waiting(self) -> list[str]:
        """Dossier ids still waiting or being processed."""
        return [d for d, (item, _t, _j) in self._items.items() if item.text()[0] in "⏳⚙"]

    def _on_progress(self, jobs: list[Job]) -> None:
        by_id: dict[int, Any] = {j.id: j for j in jobs}
        for item, title, jid in self._items.values():
            job = by_id.get(jid) if jid is not None else None
            if job is None or job.event is None or item.text()[0] not in "⏳⚙":
                continue
            ev = job.event
            stage = tr(STAGES.get(ev.stage, ev.stage))
            count = f" {ev.done}/{ev.total}" if ev.total else ""
            item.setText(f"⚙ {title} — {stage}{count}")
