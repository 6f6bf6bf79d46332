"""Bar charts drawn with QPainter (no QtCharts dependency)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

__all__ = ["BarChart"]

PALETTE = [QColor("#1a73e8"), QColor("#34a853"), QColor("#fbbc04"), QColor("#ea4335")]


class BarChart(QWidget):
    """Grouped vertical bars: one group per label, one bar per series."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.labels: list[str] = []
        self.series: list[tuple[str, list[float]]] = []
        self.setMinimumSize(260, 190)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """A comfortable size at 1366×768."""
        return QSize(420, 240)

    def set_data(self, labels: Sequence[str], series: Sequence[tuple[str, Sequence[float]]]
                 ) -> None:
        """Replace the data: ``labels`` along x, ``series`` as (name, values)."""
        self.labels = list(labels)
        self.series = [(n, [float(v or 0) for v in vals]) for n, vals in series]
        self.update()

    def paintEvent(self, _e: QPaintEvent) -> None:  # noqa: N802 - Qt override
        """Draw title, legend, axis and bars."""
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        fm = p.fontMetrics()
        line = fm.height()
        bold = QFont(self.font())
        bold.setBold(True)
        p.setFont(bold)
        p.setPen(QColor("#202124"))
        p.drawText(QRectF(8, 4, self.width() - 16, line + 4), Qt.AlignmentFlag.AlignLeft,
                   self.title)
        p.setFont(self.font())
        x = 8.0
        for i, (name, _v) in enumerate(self.series):
            p.fillRect(QRectF(x, line + 10, 10, 10), PALETTE[i % len(PALETTE)])
            p.drawText(QRectF(x + 14, line + 6, 200, line), Qt.AlignmentFlag.AlignLeft, name)
            x += 24 + fm.horizontalAdvance(name)
        top, bottom, left = 2 * line + 16, self.height() - line - 10, 36.0
        right = self.width() - 8.0
        top_value = max([max(v) for _n, v in self.series if v] + [1.0])
        peak = float(-(-int(top_value) // 4) * 4)  # integer ticks: a multiple of 4
        p.setPen(QColor("#dadce0"))
        for k in range(5):
            y = bottom - (bottom - top) * k / 4
            p.drawLine(int(left), int(y), int(right), int(y))
            p.setPen(QColor("#5f6368"))
            p.drawText(QRectF(0, y - line / 2, left - 4, line), Qt.AlignmentFlag.AlignRight,
                       f"{peak * k / 4:.0f}")
            p.setPen(QColor("#dadce0"))
        if not self.labels:
            p.setPen(QColor("#5f6368"))
            p.drawText(QRectF(left, top, right - left, bottom - top),
                       Qt.AlignmentFlag.AlignCenter, "—")
            return
        group = (right - left) / len(self.labels)
        bar = max(2.0, min(40.0, group * 0.8 / max(1, len(self.series))))
        for gi, label in enumerate(self.labels):
            gx = left + gi * group + (group - bar * len(self.series)) / 2
            for si, (_n, vals) in enumerate(self.series):
                v = vals[gi] if gi < len(vals) else 0.0
                h = (bottom - top) * v / peak
                p.fillRect(QRectF(gx + si * bar, bottom - h, bar - 1, h),
                           PALETTE[si % len(PALETTE)])
            p.setPen(QColor("#202124"))
            text = fm.elidedText(label, Qt.TextElideMode.ElideRight, int(group))
            p.drawText(QRectF(left + gi * group, bottom + 2, group, line),
                       Qt.AlignmentFlag.AlignHCenter, text)
        p.end()
