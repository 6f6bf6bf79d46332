"""Bad and unusual inputs: a clear error or a sane result, never a crash."""

from __future__ import annotations

import json

import numpy as np
import pytest

from digitize.clean import CleanProfile, clean_page, report_json
from digitize.errors import ImageInvalid, ImageTooLarge
from tests import degrade
from tests.unit.clean.conftest import PAGES, rendered


def _sane(result, h: int, w: int) -> None:  # noqa: ANN001 - CleanResult
    assert result.archive.dtype == np.uint8 and result.ocr.dtype == np.uint8
    assert result.archive.ndim in (2, 3) and result.ocr.ndim == 2
    assert result.archive.shape[:2] == result.ocr.shape
    assert result.archive.shape[:2] == (h, w)
    json.loads(report_json(result))


@pytest.mark.parametrize("shape", [(1, 1), (1, 1, 3), (1, 1, 4), (2, 7), (15, 3000)])
def test_tiny_pages_are_only_converted(shape: tuple[int, ...]) -> None:
    result = clean_page(np.full(shape, 200, np.uint8), dpi=300)
    _sane(result, shape[0], shape[1])
    assert "too small" in result.report["note"]


@pytest.mark.parametrize("value", [0, 255])
@pytest.mark.parametrize("channels", [None, 3])
def test_all_black_and_all_white_pages(value: int, channels: int | None) -> None:
    shape = (1200, 850) if channels is None else (1200, 850, channels)
    result = clean_page(np.full(shape, value, np.uint8), dpi=100)
    _sane(result, 1200, 850)
    assert result.report["blank"] is True
    assert result.history == []


def test_noise_only_page_is_left_alone() -> None:
    noise = np.random.default_rng(0).integers(0, 256, (900, 700), dtype=np.uint8)
    result = clean_page(noise, dpi=100)
    assert result.ocr.shape == (900, 700)
    json.loads(report_json(result))


def test_sixteen_bit_page_reads_like_the_eight_bit_one() -> None:
    img = rendered(*PAGES[1])[:, :, 0]
    deep = img.astype(np.uint16) * 257
    a = clean_page(img, dpi=200)
    b = clean_page(deep, dpi=200)
    assert b.report["input"]["depth"] == "uint16>>8"
    assert np.array_equal(a.ocr, b.ocr)


def test_alpha_is_composited_on_white() -> None:
    img = rendered(*PAGES[1])
    rgba = np.dstack([img, np.full(img.shape[:2], 255, np.uint8)])
    rgba[:100, :100, 3] = 0  # a transparent corner becomes paper, not black
    result = clean_page(rgba, dpi=200)
    assert result.report["input"]["read_as"] == "rgba"
    assert result.archive.shape == img.shape
    assert int(result.archive[:100, :100].min()) == 255


def test_cmyk_page_is_read_as_ink_on_paper() -> None:
    img = rendered(*PAGES[1])
    k = 255 - img[:, :, 0]
    cmyk = np.dstack([np.zeros_like(k)] * 3 + [k])
    result = clean_page(cmyk, dpi=200)
    assert result.report["input"]["read_as"] == "cmyk"
    assert np.array_equal(result.archive[:, :, 0], img[:, :, 0])
    forced = clean_page(cmyk, dpi=200, profile=CleanProfile(input_channels="rgba"))
    assert forced.report["input"]["read_as"] == "rgba"


@pytest.mark.parametrize("img", [
    np.linspace(0, 1, 600 * 400).reshape(600, 400),
    np.full((600, 400), np.nan),
    np.ones((600, 400), bool),
    np.full((600, 400), -7, np.int32),
    np.zeros((600, 400, 1), np.uint8),
    np.full((600, 400, 2), 128, np.uint8),
], ids=["float", "nan", "bool", "int32", "one-channel", "gray-alpha"])
def test_odd_pixel_types_give_a_sane_result(img: np.ndarray) -> None:
    _sane(clean_page(img, dpi=100), 600, 400)


def test_huge_page_is_refused_before_reading_a_pixel() -> None:
    huge = np.broadcast_to(np.uint8(255), (20000, 20000))  # no memory behind it
    with pytest.raises(ImageTooLarge) as err:
        clean_page(huge, dpi=600)
    assert "20000" in err.value.message("vi") and "triệu" in err.value.message("vi")
    assert "million" in err.value.message("en")


def test_a_higher_limit_lets_a_large_page_through() -> None:
    big = np.broadcast_to(np.uint8(255), (9000, 9000))
    result = clean_page(big, dpi=600, profile=CleanProfile(max_pixels=100_000_000))
    assert result.report["blank"] is True
    assert result.archive.shape == (9000, 9000)


@pytest.mark.parametrize("bad", [
    [[1, 2], [3, 4]], np.zeros((0, 10), np.uint8), np.zeros((4, 4, 5), np.uint8),
    np.zeros((2, 2, 2, 2), np.uint8), np.array([["a"]]), np.zeros((10, 10), complex),
], ids=["list", "empty", "5-channels", "4-d", "strings", "complex"])
def test_invalid_arrays_raise_image_invalid(bad: object) -> None:
    with pytest.raises(ImageInvalid) as err:
        clean_page(bad, dpi=300)  # type: ignore[arg-type]
    assert err.value.message("vi") and err.value.message("en")


@pytest.mark.parametrize("dpi", ["300", None, [300]])
def test_dpi_that_is_not_a_number_raises_image_invalid(dpi: object) -> None:
    with pytest.raises(ImageInvalid):
        clean_page(np.zeros((50, 50), np.uint8), dpi=dpi)  # type: ignore[arg-type]


@pytest.mark.parametrize("dpi", [0, 1, -300, 10**6, float("nan")])
def test_absurd_dpi_is_estimated_from_an_a4_page(dpi: float) -> None:
    img = rendered(*PAGES[1])  # A4 at 200 dpi
    result = clean_page(img, dpi=dpi)
    assert result.report["dpi_estimated"] is True
    assert result.report["dpi"] == 200
    assert result.report["orientation_deg"] == 0


def test_input_is_never_modified() -> None:
    img = degrade.punch_holes(rendered(*PAGES[1]), dpi=200, seed=1)
    img.setflags(write=False)  # any write would raise
    result = clean_page(img, dpi=200, profile=CleanProfile(archive_fill_holes=True))
    assert result.report["punch_holes"]
