"""Bold ink: strokes wider than the page's print kept, specks of regular letters dropped."""

from __future__ import annotations

import cv2
import numpy as np

from digitize.metadata.bold_ink import bold_mask


def _reference(dark: np.ndarray, stroke: float) -> np.ndarray:
    """The mask as first written: every component's area looked up by label over the page."""
    d = max(3, int(round(1.75 * stroke)))
    opened = cv2.morphologyEx(dark, cv2.MORPH_OPEN,
                              cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (d, d)))
    _, labels, stats, _ = cv2.connectedComponentsWithStats(opened, connectivity=8)
    keep = stats[:, cv2.CC_STAT_AREA] >= 2 * d * d
    keep[0] = False
    return np.where(keep, 255, 0).astype(np.uint8)[labels]


def test_specks_go_bold_strokes_stay_the_same_pixels_as_before() -> None:
    rng = np.random.default_rng(3)
    dark = np.zeros((400, 600), np.uint8)
    cv2.putText(dark, "MAT toi", (20, 150), cv2.FONT_HERSHEY_SIMPLEX, 3.0, 255, 12)  # anti-aliased
    cv2.putText(dark, "regular print here", (20, 300), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 255, 2)
    ys, xs = rng.integers(0, 400, 300), rng.integers(0, 600, 300)
    for y, x in zip(ys, xs, strict=True):  # blots a little wider than the print's stroke
        cv2.circle(dark, (int(x), int(y)), int(rng.integers(2, 5)), 255, -1)
    before = dark.copy()
    out = bold_mask(dark, 2.0)
    assert np.array_equal(dark, before)  # the caller's mask is left as it was
    assert np.array_equal(out, _reference(dark, 2.0))
    assert out[60:160].any()  # the bold word stays
