"""Crop to the page: trim dark scanner borders and edge shadows that touch the image's sides."""

from __future__ import annotations

import numpy as np

__all__ = ["dark_margins"]


def _run_from_edge(dark_frac: np.ndarray, mean: np.ndarray, limit: int) -> int:
    """How many lines from the start are a border, up to ``limit``.

    The lines must be mostly dark and end in a step up to the paper (a shadow on the page
    fades gradually instead).
    """
    n = 0
    for v in dark_frac[:limit]:
        if v < 0.5:
            break
        n += 1
    if n == 0 or n >= limit:
        return 0
    border = float(mean[max(0, n - 3):n].mean())
    inside = float(mean[n + 2:n + 7].mean()) if n + 2 < len(mean) else border
    return n if inside >= 1.4 * border + 10 else 0


def dark_margins(small: np.ndarray, paper: float, *, max_frac: float = 0.15
                 ) -> tuple[int, int, int, int]:
    """Rows/columns of dark border on each side of ``small``: (top, bottom, left, right).

    A line (row or column) counts as border when more than half of it is far darker than the
    paper; only unbroken runs starting at the image edge that end in a clear step up to the
    paper count, at most ``max_frac`` of the size per side, so text, rules, shadows and
    pictures on the page are never cropped.

    Args:
        small: uint8 gray page at analysis resolution.
        paper: The paper's grey level.
        max_frac: Largest share of the height/width trimmed per side.
    """
    if paper < 60:
        return 0, 0, 0, 0
    dark = small < 0.55 * paper
    h, w = small.shape
    rows, cols = dark.mean(axis=1), dark.mean(axis=0)
    rmean, cmean = small.mean(axis=1), small.mean(axis=0)
    lh, lw = int(h * max_frac), int(w * max_frac)
    top = _run_from_edge(rows, rmean, lh)
    bottom = _run_from_edge(rows[::-1], rmean[::-1], lh)
    left = _run_from_edge(cols, cmean, lw)
    right = _run_from_edge(cols[::-1], cmean[::-1], lw)
    # one more line for the blurred edge between border and paper
    t, b, l, r = (v + 1 if v else 0 for v in (top, bottom, left, right))
    return t, b, l, r
