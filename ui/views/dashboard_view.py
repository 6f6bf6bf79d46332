"""The dashboard: progress towards "100% digitized", by month and by document type, and the
age of the last good backup."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from digitize.metadata.codes import options
from digitize.model import AwaitingPage
from ui.fmt import number, percent, when
from ui.i18n import N_, tr
from ui.views.base import AppContext, View, heading
from ui.widgets.charts import BarChart

__all__ = ["DashboardView"]


class _Card(QFrame):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("QFrame { background: white; border-radius: 6px; }")
        lay = QVBoxLayout(self)
        self.value = QLabel("—")
        f = self.value.font()
        f.setPointSizeF(f.pointSizeF() * 1.9)
        f.setBold(True)
        self.value.setFont(f)
        self.caption = QLabel(title)
        self.caption.setWordWrap(True)
        lay.addWidget(self.value)
        lay.addWidget(self.caption)


class DashboardView(View):
    """Counts, two charts and the pages awaiting review."""

    action = "dashboard"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(heading(tr("Tổng quan tiến độ số hóa")), 1)
        refresh = QPushButton(tr("Làm mới"))
        refresh.clicked.connect(self.activated)
        top.addWidget(refresh)
        lay.addLayout(top)
        cards = QGridLayout()
        self.cards: dict[str, _Card] = {}
        for i, (key, title) in enumerate((
                ("dossiers", N_("Hồ sơ")), ("stored", N_("Đã số hóa, ký số và lưu")),
                ("sent", N_("Đã gửi lưu trữ trung tâm")), ("pages", N_("Trang đã số hóa")),
                ("review", N_("Trang chờ rà soát")),
                ("backup", N_("Bản sao lưu gần nhất")))):
            card = self.cards[key] = _Card(tr(title))
            cards.addWidget(card, 0, i)
        backup = self.cards["backup"].value  # words, not a number: smaller, may wrap
        f = backup.font()
        f.setPointSizeF(f.pointSizeF() / 1.5)
        backup.setFont(f)
        backup.setWordWrap(True)
        lay.addLayout(cards)
        charts = QHBoxLayout()
        self.by_month = BarChart(tr("Theo tháng"))
        self.by_type = BarChart(tr("Theo loại văn bản"))
        charts.addWidget(self.by_month, 1)
        charts.addWidget(self.by_type, 1)
        lay.addLayout(charts, 3)
        lay.addWidget(QLabel(tr("Trang chờ rà soát (độ tin cậy thấp hoặc có cảnh báo chất lượng)")))
        self.awaiting = QListWidget()
        self.awaiting.setObjectName("awaitingList")
        lay.addWidget(self.awaiting, 2)
        self.report: dict[str, Any] = {}

    def activated(self) -> None:
        """Load the figures in a reader thread."""
        self.op(lambda ws=self.ctx.ws: (ws.records.progress_report(),
                                        ws.records.pages_awaiting_review())).on_success(
            self._show).start()

    def _show_backup(self, last: dict[str, Any] | None) -> None:
        """The last good backup's age (the same ``age_hours`` as ``digitize report``)."""
        card = self.cards["backup"]
        if not last:
            card.value.setText(tr("chưa có bản sao lưu"))
            card.setToolTip("")
            return
        card.value.setText(tr("{hours} giờ trước").format(hours=number(last["age_hours"], 1)))
        card.setToolTip(tr("Lúc {time}, vào {to}").format(time=when(last["time"]),
                                                          to=last.get("to", "")))

    def _show(self, result: tuple[dict[str, Any], list[AwaitingPage]]) -> None:
        rep, awaiting = result
        self.report = rep
        d, p = rep["dossiers"], rep["pages"]
        self.cards["dossiers"].value.setText(number(d["total"]))
        self.cards["stored"].value.setText(
            f"{number(d['stored'])}  ({percent(rep['percent_stored'])})")
        self.cards["sent"].value.setText(f"{number(d['sent'])}  ({percent(rep['percent_sent'])})")
        self.cards["pages"].value.setText(number(p["total"]))
        self.cards["review"].value.setText(number(p["awaiting_review"]))
        self._show_backup(rep.get("last_backup"))
        months = rep["by_month"][-12:]
        self.by_month.set_data([f"{m['month'][5:7]}/{m['month'][:4]}" if m["month"] else "?"
                                for m in months],
                               [(tr("Hồ sơ"), [m["dossiers"] for m in months]),
                                (tr("Trang"), [m["pages"] for m in months])])
        names = dict(options("typeName"))
        types = rep["by_type"][:8]
        self.by_type.set_data([names.get(t["type"], t["type"]) for t in types],
                              [(tr("Tài liệu"), [t["documents"] for t in types]),
                               (tr("Trang"), [t["pages"] or 0 for t in types])])
        self.awaiting.clear()
        for r in awaiting:
            reason = tr("độ tin cậy {c:.0f}%").format(c=r.mean_conf) \
                if r.low_confidence else tr("cảnh báo chất lượng")
            self.awaiting.addItem(tr("{title} — trang {seq}: {reason}").format(
                title=r.title, seq=r.seq, reason=reason))
