"""Invariants the stamp finder's shortcuts rely on (results must not change with them)."""

from __future__ import annotations

import cv2
import numpy as np

from digitize.metadata.stamp_regions import _drop_frame, colour_mask, dark_mask, ink_masks


def test_drop_frame_stats_are_those_of_the_letters_it_keeps() -> None:
    ink = np.zeros((120, 400), np.uint8)
    cv2.rectangle(ink, (2, 2), (397, 117), 255, 2)  # a frame: dropped
    cv2.putText(ink, "MAT 12", (30, 85), cv2.FONT_HERSHEY_SIMPLEX, 2.0, 255, 5)
    ink[5, 200:203] = 255  # a speck touching nothing: dropped (area < 6)
    letters, stats = _drop_frame(ink)
    _, _, fresh, _ = cv2.connectedComponentsWithStats(letters, connectivity=8)
    assert len(stats) >= 4
    assert np.array_equal(np.asarray(sorted(map(tuple, stats))),
                          np.asarray(sorted(map(tuple, fresh[1:]))))


def test_ink_masks_are_the_dark_and_colour_masks() -> None:
    rng = np.random.default_rng(3)
    rgb = rng.integers(0, 256, (60, 80, 3), dtype=np.uint8)
    dark, colour = ink_masks(rgb, 100)
    assert np.array_equal(dark, dark_mask(rgb, 100))
    assert np.array_equal(colour, colour_mask(rgb))
    gray = rgb[:, :, 0].copy()
    dark, colour = ink_masks(gray, 100)
    assert np.array_equal(dark, dark_mask(gray, 100)) and not colour.any()
