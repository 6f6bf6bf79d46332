"""A second look at a page region: drop red ink (seals, stamps), cut it into text lines, read each."""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np

from digitize.metadata.stamps import Reader, red_mask

__all__ = ["reread_region", "runs", "text_rows"]


def _gray_without_red(image: np.ndarray) -> np.ndarray:
    if image.ndim == 2:
        return image
    gray = cv2.cvtColor(np.ascontiguousarray(image[:, :, :3]), cv2.COLOR_RGB2GRAY)
    red = cv2.dilate(red_mask(image), np.ones((3, 3), np.uint8))
    gray = gray.copy()
    gray[red > 0] = 255
    return gray


def _stretch(line: np.ndarray) -> np.ndarray:
    """Stretch a faint line's contrast (gray ink on a photocopy) to black on white."""
    lo, hi = float(np.percentile(line, 1)), float(np.percentile(line, 60))
    if hi - lo < 20 or lo < 60:
        return line  # already dark ink (or nothing to stretch)
    out = (line.astype(np.float32) - lo) * (255.0 / (hi - lo))
    return np.clip(out, 0, 255).astype(np.uint8)


def text_rows(gray: np.ndarray, *, min_height: int = 6) -> list[tuple[int, int]]:
    """``(top, bottom)`` of the text rows of a gray crop, from its ink projection profile."""
    if gray.size == 0:
        return []
    ink = (gray < min(160, int(np.percentile(gray, 50)) - 40)).astype(np.uint8)
    prof = ink.sum(axis=1)
    return runs(prof > max(2, 0.01 * gray.shape[1]), min_height)


def runs(on: Sequence[bool] | np.ndarray, min_length: int) -> list[tuple[int, int]]:
    """``(start, end)`` of each run of true values at least ``min_length`` long (end excluded)."""
    found, start = [], None
    for y, v in enumerate([*on, False]):
        if v and start is None:
            start = y
        elif not v and start is not None:
            if y - start >= min_length:
                found.append((start, y))
            start = None
    return found


def reread_region(image: np.ndarray, box: tuple[int, int, int, int], reader: Reader,
                  *, scale: float = 1.0, stretch: bool = False) -> list[tuple[str, tuple[int, int, int, int]]]:
    """Read a region line by line with red ink removed.

    Args:
        image: The RGB (or gray) page.
        box: ``(left, top, right, bottom)`` in page pixels; clipped to the page.
        reader: Reads one line of black-on-white text.
        scale: Upscale factor applied to each line before reading (for low-dpi scans).
        stretch: Stretch each line's contrast first (gray ink of a faint photocopy).

    Returns:
        ``(text, line box in page pixels)`` per row, top to bottom; empty readings dropped.
    """
    h, w = image.shape[:2]
    x0, y0, x1, y1 = max(0, box[0]), max(0, box[1]), min(w, box[2]), min(h, box[3])
    if x1 <= x0 or y1 <= y0:
        return []
    gray = _gray_without_red(image[y0:y1, x0:x1])
    out = []
    for top, bottom in text_rows(gray, min_height=max(6, h // 300)):
        pad = max(4, (bottom - top) // 3)
        a, b = max(0, top - pad), min(gray.shape[0], bottom + pad)
        line = _stretch(gray[a:b]) if stretch else gray[a:b]
        cols = np.where((line < 128).any(axis=0))[0]
        if cols.size == 0:
            continue
        line = line[:, max(0, cols[0] - pad):cols[-1] + pad + 1]
        line = cv2.copyMakeBorder(line, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)
        if scale != 1.0:
            line = cv2.resize(line, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
        text = reader(line).strip()
        if text:
            out.append((text, (x0 + int(cols[0]), y0 + a, x0 + int(cols[-1]), y0 + b)))
    return out
