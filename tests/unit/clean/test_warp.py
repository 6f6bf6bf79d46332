"""The strip-wise remap warp gives OpenCV's warpAffine result, for colour, gray and odd sizes."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from digitize.clean import warp as warp_mod
from digitize.clean.deskew import rotate_page
from tests.unit.clean.conftest import rendered


def _reference(img: np.ndarray, m: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    return cv2.warpAffine(img, m, size, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


@pytest.mark.parametrize("deg", [-14.9, -2.3, 0.05, 1.0, 7.5, 181.0])
def test_colour_warp_matches_opencv(deg: float) -> None:
    img = rendered(2, 300, "liberation-sans", 14.0, "text")[:900, :700]
    h, w = img.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2.0, h / 2.0), deg, 1.0)
    m[:, 2] += (13.25, -7.5)
    size = (w - 31, h + 17)  # output size unlike the input, and not a multiple of a strip
    got = warp_mod.warp(img, m, size)
    want = _reference(img, m, size)
    assert got.shape == want.shape and got.dtype == np.uint8
    diff = np.abs(got.astype(np.int16) - want)
    # both interpolate on OpenCV's 1/32-pixel grid; coordinates may round to neighbouring steps
    assert float(diff.mean()) < 0.1
    assert int(diff.max()) <= 12


def test_strips_are_seamless(monkeypatch: pytest.MonkeyPatch) -> None:
    img = rendered(2, 300, "liberation-sans", 14.0, "text")[:600, :500]
    m = cv2.getRotationMatrix2D((250.0, 300.0), 3.3, 1.0)
    whole = warp_mod.warp(img, m, (500, 600))
    monkeypatch.setattr(warp_mod, "STRIP_ROWS", 7)
    strips = warp_mod.warp(img, m, (500, 600))
    assert np.array_equal(whole, strips)


def test_gray_and_perspective_go_to_opencv() -> None:
    img = rendered(2, 300, "liberation-sans", 14.0, "text")[:400, :300]
    gray = cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)
    m = cv2.getRotationMatrix2D((150.0, 200.0), -4.0, 1.0)
    assert np.array_equal(warp_mod.warp(gray, m, (300, 400)), _reference(gray, m, (300, 400)))
    p = cv2.getPerspectiveTransform(np.float32([[0, 0], [300, 0], [300, 400], [0, 400]]),
                                    np.float32([[9, 4], [290, 0], [300, 390], [3, 400]]))
    want = cv2.warpPerspective(img, p, (300, 400), flags=cv2.INTER_LINEAR,
                               borderMode=cv2.BORDER_REPLICATE)
    assert np.array_equal(warp_mod.warp(img, p, (300, 400)), want)


def test_rotate_page_keeps_the_whole_page_on_its_grown_canvas() -> None:
    img = np.full((120, 80, 3), 255, np.uint8)
    img[50:70, 30:50] = (200, 0, 0)
    out = rotate_page(img, 30.0)
    assert out.shape[:2] == (144, 130)  # ceil(80 sin30 + 120 cos30), ceil(80 cos30 + 120 sin30)
    red = (out[..., 0] > 150) & (out[..., 1] < 60)
    assert 300 <= int(red.sum()) <= 500  # the 20x20 block survives the turn
