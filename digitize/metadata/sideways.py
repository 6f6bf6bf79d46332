"""Word boxes of a page that lies sideways (text read as vertical lines) turned upright.

Tesseract reads a page turned by 90° as vertical text lines: the text comes out in the right
order but every word box is tall and narrow, and the page geometry extraction relies on
(header blocks, centred title, signature block) is lost. Extraction then turns the boxes (and
the image) a quarter turn so the first words of the text sit at the top.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from digitize.metadata.layout import WordBox

__all__ = ["Box", "upright_words"]


@dataclass(frozen=True)
class Box:
    """A word with its box in the turned page."""

    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float


def _sideways(words: Sequence[WordBox]) -> bool:
    long = [w for w in words if len(str(w.text).strip()) >= 4]
    return len(long) >= 10 and sum(w.height > 1.5 * w.width for w in long) > 0.7 * len(long)


def _turn(words: Sequence[WordBox], w: int, h: int, clockwise: bool) -> list[Box]:
    if clockwise:  # (x, y) -> (h - y, x)
        return [Box(str(b.text), h - (b.top + b.height), b.left, b.height, b.width, b.conf)
                for b in words]
    return [Box(str(b.text), b.top, w - (b.left + b.width), b.height, b.width, b.conf)
            for b in words]


def upright_words(text: str, words: Sequence[WordBox], size: tuple[int, int],
                  image: np.ndarray | None
                  ) -> tuple[Sequence[WordBox], tuple[int, int], np.ndarray | None]:
    """The words, page size and image turned upright when the page was read sideways.

    Args:
        text: The OCR text in reading order (its first words tell which way is up).
        words: OCR words with boxes in the page as given.
        size: ``(width, height)`` of that page.
        image: The page image, turned along with the boxes.

    Returns:
        ``(words, (width, height), image)``, unchanged for an upright page.
    """
    if not _sideways(words):
        return words, size, image
    w, h = size
    first = [t for t in text.split()[:8] if len(t) >= 2]
    best = None
    for clockwise in (True, False):
        boxes = _turn(words, w, h, clockwise)
        top = sorted(boxes, key=lambda b: b.top)[:max(12, len(first) * 2)]
        hits = sum(any(b.text == t for b in top) for t in first)
        if best is None or hits > best[0]:
            best = (hits, clockwise, boxes)
    assert best is not None
    _, clockwise, boxes = best
    img = None
    if image is not None:
        img = np.ascontiguousarray(np.rot90(image, -1 if clockwise else 1))
    return boxes, (h, w), img
