"""Deskew, orientation and cropping on rendered Vietnamese pages with known degradations."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from digitize.clean import CleanProfile, clean_page
from tests import degrade
from tests.unit.clean.conftest import PAGES, ink_box, rendered

#: Only the geometric steps (faster; the other steps do not move pages).
GEOMETRY = CleanProfile(illumination=False, despeckle=False, punch_holes=False)
ANGLES = [-14.6, -9.3, -4.4, -1.7, -0.6, -0.2, 0.35, 1.2, 3.05, 6.8, 11.1, 14.9]


def _gray(img: np.ndarray) -> np.ndarray:
    return img if img.ndim == 2 else cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)


def test_skew_error_median_within_a_tenth_of_a_degree() -> None:
    errors = []
    for n, spec in enumerate(PAGES):
        img = rendered(*spec)
        for angle in ANGLES[n % 2::2]:  # six angles per page, all angles over the set
            result = clean_page(degrade.skew(img, angle), dpi=spec[1], profile=GEOMETRY)
            errors.append(abs(result.report["skew_deg"] - angle))
            assert result.report["orientation_deg"] == 0
    assert float(np.median(errors)) <= 0.1, errors
    assert max(errors) <= 0.3, errors


@pytest.mark.parametrize("k", [0, 1, 2, 3])
def test_orientation_is_right_on_every_page(page: tuple[np.ndarray, int], k: int) -> None:
    img, dpi = page
    angle = [-2.3, 0.0, 1.4, 7.5][k]
    result = clean_page(degrade.rotate90(degrade.skew(img, angle), k), dpi=dpi,
                        profile=GEOMETRY)
    assert result.report["orientation_deg"] == 90 * k
    assert abs(result.report["skew_deg"] - angle) <= 0.15
    out = _gray(result.archive)
    assert out.shape[0] > out.shape[1]  # portrait again
    # upright: the page matches the original far better than its upside-down version
    ref = cv2.resize(_gray(img), (out.shape[1], out.shape[0]), interpolation=cv2.INTER_AREA)
    up = float(np.mean(cv2.absdiff(ref, out)))
    down = float(np.mean(cv2.absdiff(ref, out[::-1, ::-1])))
    assert up < down


def _assert_text_kept(original: np.ndarray, cleaned: np.ndarray) -> None:
    """All the text is there: its box lies inside the page, with the original's proportions."""
    og, cg = _gray(original), _gray(cleaned)
    x0, y0, x1, y1 = ink_box(og)
    c0, r0, c1, r1 = ink_box(cg)
    h, w = cg.shape
    assert c0 > 0.02 * w and r0 > 0.02 * h and c1 < 0.98 * w and r1 < 0.98 * h
    assert abs((c1 - c0) / (r1 - r0) - (x1 - x0) / (y1 - y0)) < 0.03 * (x1 - x0) / (y1 - y0)
    ink_o = np.count_nonzero(og < 128) / ((x1 - x0) * (y1 - y0))
    ink_c = np.count_nonzero(cg < 128) / ((c1 - c0) * (r1 - r0))
    assert ink_c > 0.85 * ink_o  # no text lost (strokes may get bolder, never fewer)


def test_scanner_border_is_cropped_and_text_kept() -> None:
    img = rendered(*PAGES[0])
    bordered = degrade.add_scanner_border(img, top=90, bottom=150, left=60, right=200, seed=3)
    result = clean_page(bordered, dpi=300)
    h, w = img.shape[:2]
    oh, ow = result.archive.shape[:2]
    assert abs(oh - h) <= 0.01 * h and abs(ow - w) <= 0.01 * w
    assert float(_gray(result.archive)[:, :5].mean()) > 200  # no dark strip left
    _assert_text_kept(img, result.ocr)


def test_skewed_page_on_dark_lid_is_found_and_straightened() -> None:
    img = rendered(*PAGES[3])
    page = degrade.add_scanner_border(img, top=60, bottom=60, left=60, right=60, seed=1)
    result = clean_page(degrade.skew(page, 3.0, fill=25), dpi=200)
    assert "page_found" in result.report
    g = _gray(result.archive)
    assert float(np.mean(g[:, :3])) > 180 and float(np.mean(g[:3, :])) > 180
    _assert_text_kept(img, result.ocr)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_phone_photo_is_flattened(seed: int) -> None:
    img = rendered(*PAGES[seed * 2 % len(PAGES)])
    dpi = PAGES[seed * 2 % len(PAGES)][1]
    photo, quad = degrade.perspective(img, seed=seed)
    result = clean_page(photo, dpi=dpi)
    found = np.array(result.report["page_found"]["quad"])
    assert np.abs(found - quad).max() < 0.01 * max(photo.shape)
    assert abs(result.report["skew_deg"]) < 0.3
    _assert_text_kept(img, result.ocr)


@pytest.mark.parametrize("side", [0, 1, 2, 3])
def test_strong_shadow_is_not_taken_for_a_border(side: int) -> None:
    img = rendered(*PAGES[5])
    shaded = degrade.uneven_shadow(img, 0.9, side=side, seed=side)
    result = clean_page(shaded, dpi=300)
    assert "border" not in result.report and "page_found" not in result.report
    assert result.report["shadow"]["unevenness"] > 0.5
    _assert_text_kept(img, result.ocr)
    # flattened: the paper in the OCR image is white everywhere
    g = result.ocr
    for part in (g[:, :200], g[:, -200:], g[:200], g[-200:]):
        assert float(np.percentile(part, 50)) >= 240


def test_punch_holes_are_found_and_filled() -> None:
    img = rendered(*PAGES[1])
    holed = degrade.punch_holes(img, dpi=200, n=2, seed=4)
    result = clean_page(holed, dpi=200, profile=CleanProfile(archive_fill_holes=True))
    assert len(result.report["punch_holes"]) == 2
    assert float(result.ocr[:, :150].min()) > 100
    assert float(_gray(result.archive)[:, :150].min()) > 100
    untouched = clean_page(holed, dpi=200)
    assert float(_gray(untouched.archive)[:, :150].min()) < 50  # archive faithful by default


@pytest.mark.parametrize("k", [0, 2])
def test_orientation_survives_heavy_speckle(k: int) -> None:
    img = degrade.salt_pepper(rendered(*PAGES[0]), 0.006, seed=k)
    result = clean_page(degrade.rotate90(img, k), dpi=300, profile=GEOMETRY)
    assert result.report["orientation_deg"] == 90 * k
    assert abs(result.report["skew_deg"]) < 0.1
