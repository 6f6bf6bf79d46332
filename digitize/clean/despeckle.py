"""Despeckle: measure salt-and-pepper noise and remove it with a 3x3 median when it is there."""

from __future__ import annotations

import cv2
import numpy as np

__all__ = ["despeckle", "speckle_level"]

#: Share of pixels changed strongly by a 3x3 median above which a page counts as speckled.
SPECKLE_THRESHOLD = 0.0008


def speckle_level(gray: np.ndarray) -> tuple[float, np.ndarray]:
    """Share of pixels that a 3x3 median changes by more than 100 levels, and that median.

    Isolated specks (1-2 px) change completely; text strokes at 200-300 dpi are wider than
    the window and barely change.
    """
    med = cv2.medianBlur(gray, 3)
    diff = cv2.absdiff(gray, med)
    step = max(1, int(np.sqrt(gray.size / 1_000_000)))
    sample = diff[::step, ::step]
    return float(np.count_nonzero(sample > 100)) / max(1, sample.size), med


def despeckle(gray: np.ndarray, dpi: int) -> tuple[np.ndarray, dict[str, float | bool]]:
    """Remove specks from a gray page when it is speckled; keep it untouched otherwise.

    Below 150 dpi the median would eat diacritics, so nothing is done there.

    Returns:
        The page and a report: the measured ``level`` and whether it was ``applied``.
    """
    if dpi < 150 or min(gray.shape) < 3:
        return gray, {"level": 0.0, "applied": False}
    level, med = speckle_level(gray)
    applied = level > SPECKLE_THRESHOLD
    return (med if applied else gray), {"level": round(level, 5), "applied": applied}
