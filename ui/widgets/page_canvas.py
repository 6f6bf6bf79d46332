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
FIELD = QColor(0, 120, 255, 40)
#: Most a field's region is enlarged when the review zooms to it.
MAX_FIELD_ZOOM = 3.0


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
        self._region: QGraphicsRectItem | None = None
        self._scale = (1.0, 1.0)
        self.zoom = 1.0

    def clear_page(self) -> None:
        """Show nothing."""
        self.scene().clear()
        self._boxes, self._words, self._selected, self._region = [], [], None, None

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

    def show_region(self, box: Sequence[float]) -> None:
        """Outline ``box`` (``left, top, right, bottom`` in OCR pixels) and zoom and scroll so
        it fills the view with some page around it (at most 3×): where a field was read."""
        if self._region is not None:
            self.scene().removeItem(self._region)
        sx, sy = self._scale
        left, top, right, bottom = (float(v) for v in box[:4])
        rect = QRectF(left * sx, top * sy, max(1.0, (right - left) * sx),
                      max(1.0, (bottom - top) * sy))
        self._region = self.scene().addRect(rect, QPen(QColor(0, 90, 220), 3), QBrush(FIELD))
        pad = max(rect.height() * 1.5, 30.0)
        target = rect.adjusted(-pad, -pad, pad, pad)
        view = self.viewport()
        zoom = min((view.width() - 4) / target.width(), (view.height() - 4) / target.height(),
                   MAX_FIELD_ZOOM)
        self.resetTransform()
        self.zoom = max(0.05, zoom)
        self.scale(self.zoom, self.zoom)
        self.centerOn(rect.center())

    def region(self) -> QRectF | None:
        """The outlined field region in scene coordinates (tests)."""
        return self._region.rect() if self._region is not None else None

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
