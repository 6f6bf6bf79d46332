"""Despeckle: count isolated dark specks and remove them with a 3x3 median when there are many."""

from __future__ import annotations

import cv2
import numpy as np

__all__ = ["MIN_DPI", "despeckle", "is_bilevel", "speckle_level"]

#: Specks per million pixels above which a page counts as speckled (clean pages: 0-5;
#: salt-and-pepper scans: 25-40; worn photocopies with toner dust: 70-140).
SPECKLE_THRESHOLD = 20.0
#: Below this resolution a median would eat diacritics: nothing is done. At 150 dpi a 3x3
#: median spans what 6x6 does at 300 dpi, the size of a tone mark: on the two real 150 dpi
#: scans of real-vi-2 CER went 1.95 -> 1.11 % and 2.34 -> 2.11 % without it (both
#: "speckled", 158 and 580 specks/Mpx); it still helps at 200-300 dpi (hp_440 4.0 -> 2.1 %).
MIN_DPI = 200


def is_bilevel(gray: np.ndarray) -> bool:
    """True when the page holds only black and white (a scanner's 1-bit mode, CCITT G4)."""
    return gray.size > 0 and cv2.countNonZero(cv2.inRange(gray, 1, 254)) == 0


def speckle_level(gray: np.ndarray, dpi: int) -> float:
    """Isolated dark specks (8-connected, at most ~8 px at 300 dpi) per million pixels.

    Measured on the middle ninth of the page, which always holds paper and text.
    """
    h, w = gray.shape
    crop = gray[h // 3:2 * h // 3, w // 3:2 * w // 3]
    if crop.size == 0:
        return 0.0
    dark = (crop < 128).astype(np.uint8)
    # sizes by counting labels: twice as fast as connectedComponentsWithStats' bounding boxes
    n, labels = cv2.connectedComponents(dark, connectivity=8)
    sizes = np.bincount(labels.ravel(), minlength=n)[1:]
    limit = max(2, round(8 * (dpi / 300) ** 2))
    specks = int(np.count_nonzero(sizes <= limit))
    return specks / crop.size * 1e6


def despeckle(gray: np.ndarray, dpi: int, level: float | None = None, *,
              bilevel: bool = False) -> tuple[np.ndarray, dict[str, float | bool]]:
    """Remove specks from a gray page when it is speckled; keep it untouched otherwise.

    Below :data:`MIN_DPI` a median would eat diacritics, so nothing is done there; nor on a page
    scanned in black and white (``bilevel``, even when straightening has since made its
    edges gray): there the median rounds off the jagged thin strokes and marks Tesseract
    needs, and a thresholded scan counts as speckled for its ragged edges, not for dust.
    On the 9 bilevel real pages (G4, 200/300 dpi) CER went 4.54 -> 3.55 % without it (the
    4 pages it was applied to: 10.7 -> 2.3, 5.7 -> 3.3, 3.8 -> 3.4, 2.6 -> 2.3 %).

    Args:
        gray: uint8 gray page.
        dpi: Its resolution.
        level: Its :func:`speckle_level` when already measured (saves measuring it again).
        bilevel: The page was captured in black and white (see :func:`is_bilevel`).

    Returns:
        The page and a report: the measured ``specks_per_mpx`` and whether it was ``applied``.
    """
    if bilevel:
        return gray, {"specks_per_mpx": 0.0, "applied": False, "bilevel": True}
    if dpi < MIN_DPI or min(gray.shape) < 9:
        return gray, {"specks_per_mpx": 0.0, "applied": False}
    if level is None:
        level = speckle_level(gray, dpi)
    applied = level > SPECKLE_THRESHOLD
    out = cv2.medianBlur(gray, 3) if applied else gray
    return out, {"specks_per_mpx": round(level, 1), "applied": applied}
