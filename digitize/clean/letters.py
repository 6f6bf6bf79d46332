"""Letter size: the x-height of a page's text, in pixels, from its connected components.

A file's resolution tag is often missing or wrong and a page-size guess is off when the scan
was cropped or downscaled; the height of the lowercase letters is what OCR actually needs to
know to bring small text to the size it reads best.
"""

from __future__ import annotations

import cv2
import numpy as np

__all__ = ["x_height"]

#: Fewer letter-like components than this and the page has too little text to measure.
MIN_LETTERS = 50


def x_height(gray: np.ndarray) -> float | None:
    """Height of the lowercase letters of the page's text, in pixels.

    Letter-like components (not dots, rules or blobs) are measured; their heights have two
    peaks, the x-height (a, c, e, m, n, o, ...) and the taller letters with ascenders,
    capitals and, at low resolution, tone marks merged into their letter. The x-height is
    the most common height not above the median, refined by the mean of the heights within
    a pixel of it.

    Args:
        gray: uint8 gray page (dark text on light paper).

    Returns:
        The x-height, or None when the page has too few letters.
    """
    _, ink = cv2.threshold(gray, 0, 1, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    h = stats[1:, cv2.CC_STAT_HEIGHT]
    w = stats[1:, cv2.CC_STAT_WIDTH]
    area = stats[1:, cv2.CC_STAT_AREA]
    letter = (h >= 3) & (w >= 2) & (w <= 3 * h) & (h <= 4 * w) & (area >= 0.2 * h * w)
    heights = h[letter]
    if len(heights) < MIN_LETTERS:
        return None
    med = int(np.median(heights))
    counts = np.bincount(heights, minlength=med + 2)
    lo = max(3, (med + 1) // 2)
    mode = lo + int(np.argmax(counts[lo:med + 1]))
    near = counts[mode - 1:mode + 2].astype(np.float64)
    return float(np.dot(near, np.arange(mode - 1, mode + 2)) / near.sum())
