"""A page image with zoom, pan and highlighted word boxes (low confidence, hits, selection)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPen, QPixmap, QWheelEvent
from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsScene, QGraphicsView

__all__ = ["PageCanvas"]

LOW = QColor(255, 200, 0, 90)
HIT = QColor(0, 140, 255, 90)
SELECTED = QColor(230, 30, 30, 110)


class PageCanvas(QGraphicsView):
    """Shows one page; boxes are in the pixel space of the OCR image (scaled to the picture)."""

    word_clicked = Signal(int)  # index into the words given to set_page

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageCanvas")
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.SmoothPixmapTransform |
                            QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setBackgroundBrush(QColor("#5f6368"))
        self._words: list[dict[str, Any]] = []
        self._boxes: list[QGraphicsRectItem] = []
        self._selected: QGraphicsRectItem | None = None
        self._scale = (1.0, 1.0)
        self.zoom = 1.0

    def clear_page(self) -> None:
        """Show nothing."""
        self.scene().clear()
        self._boxes, self._words, self._selected = [], [], None

    def set_page(self, image: bytes | QImage, *, words: Sequence[dict[str, Any]] = (),
                 ocr_size: tuple[int, int] | None = None,
                 hits: Sequence[Sequence[float]] = ()) -> None:
        """Show ``image`` with ``words`` (low-confidence ones tinted) and ``hits`` boxes."""
        self.clear_page()
        img = image if isinstance(image, QImage) else QImage.fromData(image)
        pix = QPixmap.fromImage(img)
        self.scene().addPixmap(pix)
        self.scene().setSceneRect(QRectF(pix.rect()))
        ow, oh = ocr_size or (pix.width(), pix.height())
        self._scale = (pix.width() / ow if ow else 1.0, pix.height() / oh if oh else 1.0)
        self._words = list(words)
        for w in self._words:
            item = self._box(w["left"], w["top"], w["width"], w["height"],
                             LOW if w.get("low_confidence") else None)
            self._boxes.append(item)
        for b in hits:
            self._box(*b[:4], HIT)
        self.fit()

    def _box(self, x: float, y: float, w: float, h: float,
             color: QColor | None) -> QGraphicsRectItem:
        sx, sy = self._scale
        item = self.scene().addRect(QRectF(x * sx, y * sy, w * sx, h * sy),
                                    QPen(Qt.PenStyle.NoPen),
                                    QBrush(color) if color else QBrush(Qt.BrushStyle.NoBrush))
        return item

    def select_word(self, index: int) -> None:
        """Outline word ``index`` and scroll it into view."""
        if self._selected is not None:
            self.scene().removeItem(self._selected)
            self._selected = None
        if 0 <= index < len(self._words):
            w = self._words[index]
            self._selected = self._box(w["left"], w["top"], w["width"], w["height"], SELECTED)
            self._selected.setPen(QPen(QColor(200, 0, 0), 2))
            self.centerOn(self._selected)

    def hit_count(self) -> int:
        """Number of boxes drawn (words and hits), for tests."""
        return len(self.scene().items()) - 1 if self.scene().items() else 0

    def fit(self) -> None:
        """Fit the page width into the view."""
        rect = self.scene().sceneRect()
        if rect.width() > 0:
            self.resetTransform()
            self.zoom = max(0.05, (self.viewport().width() - 4) / rect.width())
            self.scale(self.zoom, self.zoom)

    def zoom_by(self, factor: float) -> None:
        """Zoom in (>1) or out (<1), within 5 %..800 %."""
        new = max(0.05, min(8.0, self.zoom * factor))
        self.scale(new / self.zoom, new / self.zoom)
        self.zoom = new

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt override
        """Ctrl+wheel zooms; the wheel alone scrolls."""
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)
        else:
            super().wheelEvent(event)

    def mousePressEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        """A click on a word box selects it."""
        pos = self.mapToScene(event.position().toPoint())
        for i, item in enumerate(self._boxes):
            if item.rect().contains(pos):
                self.select_word(i)
                self.word_clicked.emit(i)
                break
        super().mousePressEvent(event)
