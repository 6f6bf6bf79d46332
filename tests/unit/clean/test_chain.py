"""The chain's contract: two images, a JSON report, a history, profiles, no needless copies."""

from __future__ import annotations

import json

import numpy as np
import pytest

from digitize.clean import CleanProfile, CleanResult, clean_page, report_json
from digitize.errors import ValidationError
from tests import degrade
from tests.unit.clean.conftest import PAGES, rendered

ALL_OFF = CleanProfile(perspective=False, orientation=False, deskew=False, border=False,
                       illumination=False, despeckle=False, punch_holes=False, binarize=False)


def test_clean_page_already_straight_is_not_copied() -> None:
    img = rendered(*PAGES[0])
    result = clean_page(img, dpi=300)
    assert result.history == []
    assert np.shares_memory(result.archive, img)  # the archive is the input, untouched
    assert result.ocr.shape == img.shape[:2]
    assert result.report["shadow"]["flattened"] is False  # white even paper left as is


def test_everything_off_returns_the_input() -> None:
    img = degrade.skew(rendered(*PAGES[1]), 4.0)
    result = clean_page(img, dpi=200, profile=ALL_OFF)
    assert result.archive is img
    assert result.history == []


def test_report_and_history_describe_what_was_done() -> None:
    img = degrade.rotate90(degrade.skew(degrade.yellow_paper(rendered(*PAGES[3])), 2.5), 2)
    result = clean_page(img, dpi=200)
    data = json.loads(report_json(result))
    rep = data["report"]
    assert rep["orientation_deg"] == 180 and abs(rep["skew_deg"] - 2.5) < 0.15
    assert rep["dpi"] == 200 and rep["input"]["read_as"] == "rgb"
    assert rep["size_out"] == [result.archive.shape[1], result.archive.shape[0]]
    steps = [h["step"] for h in data["history"]]
    assert steps[0] == "rotate" and "flatten_background" in steps
    rotate = data["history"][0]
    assert rotate["target"] == "both" and rotate["turn_deg"] == 180
    assert abs(rotate["deskew_deg"] + 2.5) < 0.15


def test_turning_off_orientation_only_deskews() -> None:
    img = degrade.rotate90(degrade.skew(rendered(*PAGES[3]), 2.5), 2)
    result = clean_page(img, dpi=200, profile=CleanProfile(orientation=False))
    assert result.report["orientation_deg"] == 0
    assert abs(result.report["skew_deg"] - 2.5) < 0.15


def test_turning_off_deskew_keeps_the_angle() -> None:
    img = degrade.skew(rendered(*PAGES[3]), 2.5)
    result = clean_page(img, dpi=200, profile=CleanProfile(deskew=False))
    assert abs(result.report["skew_deg"] - 2.5) < 0.15  # detected, reported, not applied
    assert all(h["step"] != "rotate" for h in result.history)


def test_binarize_gives_black_and_white() -> None:
    result = clean_page(rendered(*PAGES[1]), dpi=200, profile=CleanProfile(binarize=True))
    assert set(np.unique(result.ocr).tolist()) == {0, 255}
    assert result.report["ocr_kind"] == "binary"


def test_archive_keeps_colour_and_yellow_paper() -> None:
    aged = degrade.yellow_paper(rendered(*PAGES[1]), seed=2)
    result = clean_page(aged, dpi=200)
    assert result.archive.ndim == 3
    r, g, b = (float(np.median(result.archive[::8, ::8, c])) for c in range(3))
    assert r - b > 40  # still yellow: faithful to the original
    assert float(np.median(result.ocr)) == 255  # while OCR sees white paper
    gentle = clean_page(aged, dpi=200, profile=CleanProfile(archive_flatten=True))
    assert gentle.archive.ndim == 3
    assert any(h["step"] == "flatten_background" and h["target"] == "archive"
               for h in gentle.history)


def test_speckled_page_is_despeckled_and_clean_page_is_not() -> None:
    noisy = degrade.salt_pepper(rendered(*PAGES[2]), 0.004, seed=1)
    result = clean_page(noisy, dpi=300)
    assert result.report["speckle"]["applied"] is True
    assert result.report["speckle"]["specks_per_mpx"] > 20
    clean = clean_page(rendered(*PAGES[2]), dpi=300)
    assert clean.report["speckle"]["applied"] is False


def test_profile_round_trips_through_a_dict() -> None:
    prof = CleanProfile(deskew=False, sauvola_k=0.3, max_pixels=10)
    data = json.loads(json.dumps(prof.to_dict()))
    assert CleanProfile.from_dict(data) == prof
    assert CleanProfile.from_dict({}) == CleanProfile()
    assert CleanProfile.from_dict({"sauvola_window_mm": 5}).sauvola_window_mm == 5.0


@pytest.mark.parametrize("data", [{"deskw": True}, {"deskew": "yes"}, {"max_pixels": True},
                                  {"input_channels": "lab"}, {"sauvola_k": "0.2"}])
def test_profile_rejects_unknown_keys_and_wrong_types(data: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        CleanProfile.from_dict(data)


def test_result_type_is_exported() -> None:
    result = clean_page(np.full((40, 40), 255, np.uint8), dpi=100)
    assert isinstance(result, CleanResult)
