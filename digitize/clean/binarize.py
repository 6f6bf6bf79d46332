"""Binarisation for OCR: Sauvola's adaptive threshold, computed with box filters."""

from __future__ import annotations

import cv2
import numpy as np

__all__ = ["sauvola"]


def sauvola(gray: np.ndarray, dpi: int, *, window_mm: float = 4.0, k: float = 0.2,
            r: float = 128.0) -> np.ndarray:
    """Black text on white paper: ``T = mean * (1 + k * (std / r - 1))`` in a local window.

    Args:
        gray: uint8 gray page, ideally with a flattened background.
        dpi: Its resolution (sets the window in pixels).
        window_mm: Side of the square window.
        k: Sauvola's k; higher thins strokes and drops faint specks.
        r: Dynamic range of the standard deviation.

    Returns:
        uint8 page with 0 (ink) and 255 (paper).
    """
    win = max(3, round(window_mm / 25.4 * dpi)) | 1
    f = gray.astype(np.float32)
    mean = cv2.boxFilter(f, cv2.CV_32F, (win, win), borderType=cv2.BORDER_REPLICATE)
    sq = cv2.boxFilter(f * f, cv2.CV_32F, (win, win), borderType=cv2.BORDER_REPLICATE)
    std = np.sqrt(np.maximum(sq - mean * mean, 0, out=sq), out=sq)
    thresh = mean * (1.0 + k * (std / r - 1.0))
    return np.where(f > thresh, np.uint8(255), np.uint8(0))
