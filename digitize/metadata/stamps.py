"""Red stamps on a colour page: find them by colour (HSV) and isolate their ink for reading."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np

__all__ = ["RedStamp", "Reader", "default_reader", "find_red_stamps", "stamp_ink"]

#: Reads text from a black-on-white ``uint8`` image (one line of text expected).
Reader = Callable[[np.ndarray], str]


@dataclass(frozen=True)
class RedStamp:
    """A red region: its box in page pixels and its shape class."""

    left: int
    top: int
    width: int
    height: int
    kind: str  # "rect" (độ mật/độ khẩn stamps), "seal" (round organ seal), "other"
    fill: float  # fraction of red pixels in the box

    @property
    def box(self) -> tuple[int, int, int, int]:
        """``(left, top, right, bottom)``."""
        return self.left, self.top, self.left + self.width, self.top + self.height


def red_mask(image: np.ndarray) -> np.ndarray:
    """Pixels whose colour is a saturated red (both ends of the HSV hue circle)."""
    if image.ndim != 3 or image.shape[2] < 3:
        return np.zeros(image.shape[:2], np.uint8)
    hsv = cv2.cvtColor(np.ascontiguousarray(image[:, :, :3]), cv2.COLOR_RGB2HSV)
    lo = cv2.inRange(hsv, (0, 70, 60), (12, 255, 255))
    hi = cv2.inRange(hsv, (165, 70, 60), (180, 255, 255))
    return cv2.bitwise_or(lo, hi)


def find_red_stamps(image: np.ndarray) -> list[RedStamp]:
    """Red connected regions large enough to be stamps, classified by shape.

    Args:
        image: RGB page (``uint8``). Gray pages have no stamps by colour.

    Returns:
        Regions top to bottom.
    """
    mask = red_mask(image)
    h, w = mask.shape
    if not mask.any():
        return []
    k = max(3, round(min(h, w) / 250))
    joined = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((k, k * 3), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    out = []
    for i in range(1, n):
        x, y, bw, bh, area = (int(v) for v in stats[i])
        if bh < h * 0.006 or bw < w * 0.02 or mask[y:y + bh, x:x + bw].sum() < 255 * 40:
            continue
        fill = float((mask[y:y + bh, x:x + bw] > 0).mean())
        ratio = bw / bh
        if 0.75 <= ratio <= 1.33 and bh > h * 0.05:
            kind = "seal"
        elif ratio >= 1.4 and bh < h * 0.08:
            kind = "rect"
        else:
            kind = "other"
        out.append(RedStamp(x, y, bw, bh, kind, fill))
    return sorted(out, key=lambda s: (s.top, s.left))


def stamp_ink(image: np.ndarray, stamp: RedStamp, *, scale: float = 1.0) -> np.ndarray:
    """The stamp's red ink as black on white, its border lines removed, padded for OCR."""
    x0, y0, x1, y1 = stamp.box
    mask = red_mask(image[y0:y1, x0:x1])
    # drop long straight strokes (the rectangle border) so only the letters remain
    hk = max(5, int(mask.shape[1] * 0.5))
    vk = max(5, int(mask.shape[0] * 0.7))
    horiz = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((1, hk), np.uint8))
    vert = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((vk, 1), np.uint8))
    letters = cv2.subtract(mask, cv2.bitwise_or(horiz, vert))
    ink = 255 - letters
    pad = max(10, ink.shape[0] // 2)
    ink = cv2.copyMakeBorder(ink, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)
    if scale != 1.0:
        ink = cv2.resize(ink, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    return ink


def default_reader() -> Reader | None:
    """A reader built on the project's OCR engine, or ``None`` when it is not available."""
    try:
        from ocr.engine import recognize  # type: ignore[import-not-found]
    except ImportError:
        return None

    def read(img: np.ndarray) -> str:
        return str(recognize(img, lang="vie", dpi=300).text)

    return read
