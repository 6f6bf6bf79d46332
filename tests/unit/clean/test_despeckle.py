"""Despeckling: a 3x3 median only where it cannot eat the tone marks."""

from __future__ import annotations

import cv2
import numpy as np

from digitize.clean import clean_page
from digitize.clean.despeckle import SPECKLE_THRESHOLD, speckle_level
from digitize.devtools import sample
from tests import degrade


def _speckled_page(dpi: int) -> np.ndarray:
    img, _ = sample.render_text_page(" ".join(sample.BODY), dpi=dpi, size_pt=13.0)
    return degrade.salt_pepper(cv2.cvtColor(img, cv2.COLOR_RGB2GRAY), 0.004, seed=2)


def _marks_kept(before: np.ndarray, after: np.ndarray) -> float:
    """Share of the small ink components (dots, tone marks) of ``before`` still inked."""
    ink = (before < 128).astype(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    small = (stats[:, cv2.CC_STAT_AREA] >= 4) & (stats[:, cv2.CC_STAT_AREA] <= 30)
    small[0] = False
    mask = small[labels]
    return float(np.count_nonzero(after[mask] < 128)) / max(1, int(np.count_nonzero(mask)))


def test_speckled_150_dpi_page_is_not_despeckled() -> None:
    """At 150 dpi a 3x3 median is as large as a tone mark (on real 150 dpi scans it cost
    0.2-0.8 points of CER): the page goes to OCR with its specks and all its marks."""
    page = _speckled_page(150)
    assert speckle_level(page, 150) > SPECKLE_THRESHOLD
    result = clean_page(page, dpi=150)
    assert result.report["speckle"]["applied"] is False
    assert not any(h["step"] == "despeckle" for h in result.history)
    assert _marks_kept(page, result.ocr) == 1.0
    assert _marks_kept(page, cv2.medianBlur(page, 3)) < 0.8  # what the median did


def test_speckled_200_dpi_page_is_still_despeckled() -> None:
    result = clean_page(_speckled_page(200), dpi=200)
    assert result.report["speckle"]["applied"] is True
