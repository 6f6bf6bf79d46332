"""Geometric fixes of the whole page: crop to the page, flatten a photo, turn and straighten."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from digitize.clean.analysis import Analysis
from digitize.clean.border import dark_margins
from digitize.clean.deskew import grown_size, line_angle, rotate_page
from digitize.clean.orientation import resolve_rotation
from digitize.clean.perspective import find_page_quad, flatten, is_axis_aligned
from digitize.clean.profile import CleanProfile

__all__ = ["crop_borders", "find_page", "straighten"]

#: Below this line-profile confidence the page has no usable text lines (pictures, blank).
MIN_LINE_CONFIDENCE = 1.3
#: Share by which a found page's corners are pulled towards its centre before flattening.
INSET = 0.012


def find_page(page: np.ndarray, an: Analysis) -> tuple[np.ndarray, dict[str, Any] | None]:
    """Crop or flatten the page when it lies on a dark surround (lid, table).

    Returns:
        The page (a view when only cropped) and a history entry, or None when nothing was done.
    """
    quad = find_page_quad(an.small, an.paper)
    if quad is None:
        return page, None
    full = quad / an.scale
    if is_axis_aligned(quad, 1.0):
        h, w = page.shape[:2]
        x0 = max(0, math.ceil(float(full[:, 0].min())) + 1)
        y0 = max(0, math.ceil(float(full[:, 1].min())) + 1)
        x1 = min(w, math.floor(float(full[:, 0].max())) - 1)
        y1 = min(h, math.floor(float(full[:, 1].max())) - 1)
        if x1 - x0 < 8 or y1 - y0 < 8:
            return page, None
        return page[y0:y1, x0:x1], {"step": "crop_page", "box": [x0, y0, x1, y1]}
    quad_list = [[round(float(x), 1), round(float(y), 1)] for x, y in full]
    # pull the corners in a little so no sliver of table survives along the edges
    inner = full + (full.mean(axis=0) - full) * INSET
    return flatten(page, inner), {"step": "perspective", "quad": quad_list, "inset": INSET}


def crop_borders(page: np.ndarray, an: Analysis) -> tuple[np.ndarray, dict[str, Any] | None]:
    """Trim dark borders touching the sides (a view of ``page``); see :func:`dark_margins`."""
    t, b, l, r = dark_margins(an.small, an.paper)
    if not (t or b or l or r):
        return page, None
    h, w = page.shape[:2]
    px = [min(math.ceil(v / an.scale), n // 4) for v, n in ((t, h), (b, h), (l, w), (r, w))]
    t, b, l, r = px
    return page[t:h - b, l:w - r], {"step": "crop_border",
                                    "top": t, "bottom": b, "left": l, "right": r}


def _ink_box(an: Analysis) -> tuple[float, float, float, float] | None:
    """Extent of the ink in full-resolution pixels (rows/columns with at least 2 ink pixels)."""
    rows = np.flatnonzero(an.ink.sum(axis=1) >= 2)
    cols = np.flatnonzero(an.ink.sum(axis=0) >= 2)
    if len(rows) == 0 or len(cols) == 0:
        return None
    s = an.scale
    return cols[0] / s, rows[0] / s, (cols[-1] + 1) / s, (rows[-1] + 1) / s


def _trim_box(src_shape: tuple[int, ...], deg: float,
              ink: tuple[float, float, float, float] | None, margin: float
              ) -> tuple[int, int, int, int]:
    """The part of a turned page's grown canvas to keep: the old page size, centred, widened
    to keep all the ink with ``margin`` around it."""
    h, w = src_shape[:2]
    W, H = grown_size(w, h, deg)
    quarter = round(deg / 90) % 2 == 1
    bw, bh = (h, w) if quarter else (w, h)
    x0, y0 = (W - bw) / 2, (H - bh) / 2
    x1, y1 = x0 + bw, y0 + bh
    if ink is not None:
        a = math.radians(deg)
        c, s = math.cos(a), math.sin(a)
        ix0, iy0, ix1, iy1 = ink
        for x, y in ((ix0, iy0), (ix1, iy0), (ix1, iy1), (ix0, iy1)):
            dx, dy = x - w / 2, y - h / 2
            nx, ny = W / 2 + c * dx + s * dy, H / 2 - s * dx + c * dy
            x0, x1 = min(x0, nx - margin), max(x1, nx + margin)
            y0, y1 = min(y0, ny - margin), max(y1, ny + margin)
    return max(0, int(x0)), max(0, int(y0)), min(W, math.ceil(x1)), min(H, math.ceil(y1))


def straighten(page: np.ndarray, an: Analysis, dpi: int, profile: CleanProfile
               ) -> tuple[np.ndarray, dict[str, Any], dict[str, Any] | None]:
    """Turn the page upright and straighten its lines in one resampling.

    Returns:
        The page, what was detected (for the report) and a history entry (None if untouched).
    """
    line, conf = line_angle(an.ink, profile.max_skew_deg)
    found: dict[str, Any] = {"line_angle_deg": round(line, 3), "line_confidence": round(conf, 2)}
    if conf < MIN_LINE_CONFIDENCE:
        found["note"] = "no text lines found; page left as is"
        return page, found, None
    if profile.orientation:
        rotation, score, lines = resolve_rotation(an.ink, line)
        found.update(orientation_score=round(score, 3), orientation_lines=lines)
    else:
        rotation = line - 90.0 * round(line / 90.0)
    quarter = int(round(rotation / 90.0))
    skew = rotation - 90.0 * quarter
    found.update(orientation_deg=(90 * quarter) % 360, skew_deg=round(skew, 3))
    if not profile.deskew or abs(skew) < profile.min_skew_deg:
        skew = 0.0
    total = 90.0 * quarter + skew
    if abs(total) < 1e-9:
        return page, found, None
    exact_turn = abs(skew) < 1e-9
    box = None if exact_turn else _trim_box(page.shape, -total, _ink_box(an), dpi * 0.2)
    out = rotate_page(page, -total, box=box)
    entry = {"step": "rotate", "angle_deg": round(-total, 3),
             "turn_deg": (-90 * quarter) % 360, "deskew_deg": round(-skew, 3)}
    return out, found, entry
