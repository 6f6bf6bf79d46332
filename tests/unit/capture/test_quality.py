"""Quality checks: each defect is flagged with its code, a good page passes."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from digitize.capture import CapturedPage, assess, count_sheets
from digitize.capture.quality import QualityReport, Thresholds
from tests import degrade


def test_good_page_passes(page300: np.ndarray) -> None:
    r = assess(page300, 300)
    assert r.ok, r.codes
    assert r.metrics["contrast"] > 150
    assert abs(r.metrics["skew_deg"]) < 0.3
    assert r.to_dict()["ok"] is True


def test_gray_input_gives_same_figures(page300: np.ndarray) -> None:
    gray = cv2.cvtColor(page300, cv2.COLOR_RGB2GRAY)
    assert assess(gray, 300).metrics["ink_ratio"] == assess(page300, 300).metrics["ink_ratio"]


def test_low_dpi_flagged(page300: np.ndarray) -> None:
    low = degrade.downscale_dpi(page300, 300, 150)
    r = assess(low, 150)
    assert r.codes == ["low_dpi"]
    assert r.flags[0].value == 150
    assert "200" in r.flags[0].vi and "200" in r.flags[0].en


@pytest.mark.parametrize("paper", [255, 238])
def test_blank_page_flagged_not_dropped(paper: int) -> None:
    blank = np.full((3508, 2480), paper, np.uint8)
    noisy = degrade.salt_pepper(degrade.gaussian_noise(blank, 6.0), 0.002)
    for img in (blank, noisy):
        r = assess(img, 300)
        assert "blank" in r.codes
        assert not r.ok


@pytest.mark.parametrize("deg", [3.0, -4.5, 8.0])
def test_skew_measured_with_sign(page150: np.ndarray, deg: float) -> None:
    r = assess(degrade.skew(page150, deg), 300)
    assert r.metrics["skew_deg"] == pytest.approx(deg, abs=0.3)
    assert "skewed" in r.codes


def test_small_skew_not_flagged(page150: np.ndarray) -> None:
    r = assess(degrade.skew(page150, 1.0), 300)
    assert r.metrics["skew_deg"] == pytest.approx(1.0, abs=0.3)
    assert "skewed" not in r.codes


def test_blur_flagged_and_monotonic(page300: np.ndarray) -> None:
    values = [assess(degrade.blur(page300, s), 300).metrics["sharpness"]
              for s in (0.01, 1.0, 2.0, 3.0)]
    assert values == sorted(values, reverse=True)
    assert "blurry" in assess(degrade.blur(page300, 2.5), 300).codes
    assert "blurry" not in assess(page300, 300).codes


def test_sharpness_independent_of_dpi(page300: np.ndarray) -> None:
    big = cv2.resize(page300, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
    a = assess(page300, 300).metrics["sharpness"]
    b = assess(big, 600).metrics["sharpness"]
    assert b == pytest.approx(a, rel=0.35)


def test_exposure(page150: np.ndarray) -> None:
    dark = (page150.astype(np.float32) * 0.38).astype(np.uint8)
    bright = np.clip(page150.astype(np.int16) + 175, 0, 255).astype(np.uint8)
    faint = degrade.faint_photocopy(page150, contrast=0.3, paper=210)
    assert "underexposed" in assess(dark, 300).codes
    assert "overexposed" in assess(bright, 300).codes
    assert {"low_contrast", "overexposed"} & set(assess(faint, 300).codes)


def test_scanner_border_and_shadow_are_not_defects(page150: np.ndarray) -> None:
    assert assess(degrade.add_scanner_border(page150), 300).ok
    assert assess(degrade.uneven_shadow(page150), 300).ok


@pytest.mark.parametrize("side", ["top", "bottom", "left", "right"])
def test_cut_off_edge(page300: np.ndarray, side: str) -> None:
    h, w = page300.shape[:2]
    crops = {"top": page300[int(h * 0.12):], "bottom": page300[: int(h * 0.35)],
             "left": page300[:, int(w * 0.25):], "right": page300[:, : int(w * 0.8)]}
    r = assess(crops[side], 300)
    assert "cut_off" in r.codes, r.metrics
    assert r.metrics[f"edge_marks_{side}"] >= 3


def test_thresholds_are_tunable(page150: np.ndarray) -> None:
    assert "low_dpi" not in assess(page150, 150, thresholds=Thresholds(min_dpi=100)).codes


def _page(i: int, sheet: int | None = None, blank: bool = False) -> CapturedPage:
    p = CapturedPage(image=np.zeros((2, 2), np.uint8), dpi=300, source="s", index=i,
                     sheet=sheet)
    if blank:
        from digitize.capture.quality import QualityFlag
        p.quality = QualityReport([QualityFlag("blank", "v", "e", 0.0)])
    return p


def test_count_sheets() -> None:
    assert count_sheets(7, duplex=False) == (7, 7, 0)
    assert count_sheets(7, duplex=True) == (4, 7, 0)
    pages = [_page(i, sheet=i // 2, blank=(i % 2 == 1)) for i in range(6)]
    counts = count_sheets(pages, duplex=True)
    assert (counts.number_of_paper, counts.number_of_page, counts.blank) == (3, 6, 3)
    assert count_sheets([_page(0), _page(1), _page(2)], duplex=True).number_of_paper == 2
    mixed = [_page(0, sheet=0), _page(1, sheet=0), _page(2), _page(3), _page(4)]
    assert count_sheets(mixed, duplex=False) == (4, 5, 0)


@pytest.mark.parametrize(("k", "deg"), [(0, -2.6), (1, -2.1), (2, 1.6), (3, 1.5), (1, 0.0)])
def test_skew_and_sideways(page150: np.ndarray, k: int, deg: float) -> None:
    img = degrade.rotate90(degrade.skew(page150, deg), k)  # fed sideways / upside down
    r = assess(img, 150)
    assert r.metrics["skew_deg"] == pytest.approx(deg, abs=0.3)
    assert ("sideways" in r.codes) == (k in (1, 3))


def test_faint_page_under_a_shadow_is_not_blank(page150: np.ndarray) -> None:
    img = degrade.uneven_shadow(degrade.faint_photocopy(page150, contrast=0.5, seed=2), 0.7,
                                seed=2)
    r = assess(img, 150)
    assert "blank" not in r.codes and r.metrics["ink_ratio"] > 0.005
