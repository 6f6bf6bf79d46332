"""Pages scanned in black and white (1-bit, CCITT G4): cleaned without eroding their strokes."""

from __future__ import annotations

import cv2
import numpy as np

from digitize.clean import clean_page
from digitize.clean.despeckle import SPECKLE_THRESHOLD, is_bilevel, speckle_level
from digitize.devtools import sample

TEXT = " ".join(sample.BODY)


def _bilevel(dpi: int, specks: int = 0, angle: float = 0.0) -> np.ndarray:
    """A rendered page thresholded to 0/255, with ``specks`` single black pixels."""
    img, _ = sample.render_text_page(TEXT, dpi=dpi, size_pt=12.0)
    gray = cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)
    if angle:
        h, w = gray.shape
        m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        gray = cv2.warpAffine(gray, m, (w, h), borderValue=255)
    _, bw = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    rng = np.random.default_rng(7)
    h, w = bw.shape
    bw[rng.integers(0, h, specks), rng.integers(0, w, specks)] = 0
    return bw


def test_bilevel_is_told_from_gray() -> None:
    page = _bilevel(200)
    assert is_bilevel(page)
    assert not is_bilevel(cv2.GaussianBlur(page, (3, 3), 0))


def test_speckled_bilevel_page_keeps_its_strokes() -> None:
    """A thresholded scan counts as speckled, but a median would round off its thin strokes
    and marks (on real G4 scans it cost up to 8 points of CER): its OCR image is the page."""
    page = _bilevel(200, specks=1500)
    assert speckle_level(page, 200) > SPECKLE_THRESHOLD
    result = clean_page(page, dpi=200)
    assert result.report["bilevel"] is True
    assert result.report["speckle"]["applied"] is False
    assert not any(h["step"] == "despeckle" for h in result.history)
    assert np.array_equal(result.ocr, page)


def test_straightened_bilevel_page_is_still_not_despeckled() -> None:
    """Straightening interpolates gray edges into a 1-bit page: it was still captured in
    black and white, and still keeps its strokes."""
    page = _bilevel(300, specks=4000, angle=1.5)
    assert speckle_level(page, 300) > SPECKLE_THRESHOLD
    result = clean_page(page, dpi=300)
    assert any(h["step"] == "rotate" for h in result.history)
    assert result.report["bilevel"] is True
    assert not any(h["step"] == "despeckle" for h in result.history)


def test_speckled_gray_page_is_still_despeckled() -> None:
    page = cv2.GaussianBlur(_bilevel(300, specks=0), (3, 3), 0)
    rng = np.random.default_rng(3)
    h, w = page.shape
    page[rng.integers(0, h, 4000), rng.integers(0, w, 4000)] = 0
    result = clean_page(page, dpi=300)
    assert "bilevel" not in result.report
    assert result.report["speckle"]["applied"] is True
