"""The x-height of a page's text, which sets how much OCR enlarges a low-resolution page."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from digitize.clean import clean_page
from digitize.clean.letters import x_height
from digitize.devtools import sample
from ocr.engine import MAX_UPSCALE, TARGET_X_HEIGHT, _upscale

TEXT = " ".join(sample.BODY)


def _page(dpi: int, size_pt: float = 13.0) -> np.ndarray:
    img, _ = sample.render_text_page(TEXT, dpi=dpi, size_pt=size_pt)
    return cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)


@pytest.mark.parametrize("dpi", [75, 100, 150, 300])
def test_x_height_follows_the_resolution(dpi: int) -> None:
    # Liberation Serif's x-height is 0.46 em: 13 pt -> 6.0 pt
    expected = 13.0 * 0.46 * dpi / 72
    found = x_height(_page(dpi))
    assert found is not None
    assert abs(found - expected) <= max(1.0, 0.1 * expected), (found, expected)


def test_downscaled_page_is_measured_like_one_scanned_at_that_resolution() -> None:
    """A web-downscaled page without a dpi tag: its letters still tell its resolution."""
    big = _page(300)
    small = cv2.resize(big, None, fx=85 / 300, fy=85 / 300, interpolation=cv2.INTER_AREA)
    ok, jpg = cv2.imencode(".jpg", small, [cv2.IMWRITE_JPEG_QUALITY, 85])
    assert ok
    found = x_height(cv2.imdecode(jpg, cv2.IMREAD_GRAYSCALE))
    assert found is not None and abs(found - 13.0 * 0.46 * 85 / 72) <= 1.0


def test_too_little_text_gives_none() -> None:
    page = np.full((400, 300), 255, np.uint8)
    cv2.putText(page, "So 12", (20, 200), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 2)
    assert x_height(page) is None


def test_clean_page_measures_letters_of_low_resolution_pages_only() -> None:
    assert clean_page(_page(100), dpi=100).x_height is not None
    assert clean_page(_page(300), dpi=300).x_height is None


def test_upscale_brings_measured_letters_to_the_target() -> None:
    img = np.full((100, 80), 255, np.uint8)
    _, f = _upscale(img, 100, x_height=11.0)
    assert f == pytest.approx(TARGET_X_HEIGHT / 11.0)
    _, f = _upscale(img, 100, x_height=4.0)
    assert f == MAX_UPSCALE
    _, f = _upscale(img, 100, x_height=40.0)  # large print at low resolution: left as it is
    assert f == 1.0
    _, f = _upscale(img, 100)  # not measured: by the resolution, as before
    assert f == pytest.approx(MAX_UPSCALE)
    _, f = _upscale(img, 300, x_height=11.0)  # 200 dpi and up: never enlarged
    assert f == 1.0


@pytest.mark.parametrize("estimated", [True, False])
def test_ocr_pages_uses_the_letters_only_when_the_resolution_was_guessed(
        estimated: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    from digitize.capture.page import CapturedPage
    from digitize.pipeline import ocrjob
    from digitize.pipeline.prestart import dpi_estimated

    seen: dict[str, object] = {}

    def fake(image: np.ndarray, **kw: object) -> object:
        seen.update(kw)
        return object()

    monkeypatch.setattr(ocrjob, "recognize", fake)
    page = CapturedPage(image=_page(100), dpi=100, source="x.jpg", index=0,
                        dpi_estimated=estimated)
    ocrjob.ocr_pages([page], jobs=1)
    assert (seen["x_height"] is not None) is estimated
    quality = '{"ok": true, "flags": [], "metrics": {"dpi_estimated": 1.0}}'
    assert dpi_estimated({"quality": quality}) is True
    assert dpi_estimated({"quality": None}) is False
