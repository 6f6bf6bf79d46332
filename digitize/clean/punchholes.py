"""Punch holes: find the round dark holes of a filing punch near the page edges, and fill them."""

from __future__ import annotations

import math

import cv2
import numpy as np

__all__ = ["fill_holes", "find_holes"]


def _stands_out(small: np.ndarray, x: int, y: int, bw: int, bh: int) -> bool:
    """Is the blob's inside much darker than a ring of paper around it (not a shadow)?"""
    h, w = small.shape
    pad = max(bw, bh) // 2 + 2
    x0, y0, x1, y1 = max(0, x - pad), max(0, y - pad), min(w, x + bw + pad), min(h, y + bh + pad)
    win = small[y0:y1, x0:x1].astype(np.float32)
    ring = np.ones(win.shape, bool)
    ring[y - y0:y - y0 + bh, x - x0:x - x0 + bw] = False
    core = small[y + bh // 4:y + bh - bh // 4, x + bw // 4:x + bw - bw // 4]
    if not ring.any() or core.size == 0:
        return False
    return float(np.median(core)) < 0.5 * float(np.percentile(win[ring], 75))


def find_holes(small: np.ndarray, dpi: float, paper: float) -> list[tuple[float, float, float]]:
    """Holes in ``small`` (analysis resolution): ``(x, y, radius)`` in its pixels.

    A hole is a round, solid blob 4-9 mm across, far darker than the paper ring around it,
    whose centre lies within 30 mm of an edge of the page.

    Args:
        small: uint8 gray page.
        dpi: Resolution of ``small``.
        paper: The paper's grey level.
    """
    if paper < 60:
        return []
    h, w = small.shape
    mm = dpi / 25.4
    dark = (small < 0.5 * paper).astype(np.uint8)
    n, _, stats, cents = cv2.connectedComponentsWithStats(dark, connectivity=8)
    # size, shape and solidity are checked for all blobs at once; the few left are looked at
    st = stats[1:].astype(np.float64)
    bw_all, bh_all, area_all = st[:, 2], st[:, 3], st[:, 4]
    d_all = (bw_all + bh_all) / 2
    ratio = bw_all / np.maximum(bh_all, 1)
    ok = ((d_all >= 4 * mm) & (d_all <= 9 * mm) & (ratio >= 0.8) & (ratio <= 1.25)
          & (area_all >= 0.7 * math.pi * (d_all / 2) ** 2))  # solid and round, not a letter
    holes = []
    for i in (np.flatnonzero(ok) + 1).tolist():
        x, y, bw, bh, _ = (int(v) for v in stats[i])
        d = (bw + bh) / 2
        cx, cy = cents[i]
        edge = min(cx, cy, w - cx, h - cy)
        if edge > 30 * mm or not _stands_out(small, x, y, bw, bh):
            continue
        holes.append((float(cx), float(cy), d / 2))
    return holes


def fill_holes(img: np.ndarray, holes: list[tuple[float, float, float]]) -> np.ndarray:
    """Paint each hole ``(x, y, radius)`` in ``img`` pixels with the paper around it.

    ``img`` is changed in place and returned.
    """
    for x, y, r in holes:
        rr = r * 1.25 + 2
        x0, y0 = max(0, int(x - 2 * rr)), max(0, int(y - 2 * rr))
        x1, y1 = min(img.shape[1], int(x + 2 * rr)), min(img.shape[0], int(y + 2 * rr))
        patch = img[y0:y1, x0:x1]
        if patch.size == 0:
            continue
        flat = patch.reshape(-1, img.shape[2]) if img.ndim == 3 else patch.reshape(-1, 1)
        colour = np.percentile(flat, 90, axis=0)
        fill = tuple(float(c) for c in colour) if img.ndim == 3 else float(colour[0])
        cv2.circle(img, (round(x), round(y)), round(rr), fill, -1)
    return img
