"""Colour channels shifted apart by a scanner's jerky feed are put back in register (#20)."""

from __future__ import annotations

from functools import lru_cache

import cv2
import numpy as np
import pytest

from digitize.clean import clean_page, registration
from digitize.devtools import sample


@lru_cache(maxsize=4)
def _page(dpi: int) -> np.ndarray:
    """The first lines of a rendered text page (colour, black on white)."""
    img, _ = sample.render_text_page("\n".join(sample.BODY[:8]), dpi=dpi,
                                     family="liberation-serif", size_pt=11)
    rows = np.flatnonzero((img.min(axis=2) < 128).any(axis=1))
    out = np.ascontiguousarray(img[:rows[0] + int(dpi * 1.6)])
    out.setflags(write=False)
    return out


def misregister(rgb: np.ndarray, amp: float, period: float) -> np.ndarray:
    """Red moved down and blue up by ``amp * sin(2πy / period)`` pixels: a feed that jerks."""
    h, w = rgb.shape[:2]
    ys = np.arange(h, dtype=np.float32)[:, None]
    xs = np.ascontiguousarray(np.broadcast_to(np.arange(w, dtype=np.float32)[None, :], (h, w)))
    dy = amp * np.sin(2 * np.pi * ys / period)
    out = rgb.copy()
    for c, sign in ((0, 1), (2, -1)):
        map_y = np.ascontiguousarray(np.broadcast_to(ys + sign * dy, (h, w)))
        out[:, :, c] = cv2.remap(rgb[:, :, c], xs, map_y, cv2.INTER_LINEAR, borderValue=255)
    return out


def _fringe(rgb: np.ndarray) -> float:
    """Mean difference between red and blue (0 on black text on white paper)."""
    return float(np.abs(rgb[:, :, 0].astype(np.int16) - rgb[:, :, 2]).mean())


def test_a_page_in_register_comes_back_as_it_is() -> None:
    page = _page(200)
    out, entry = registration.register_channels(page, 200)
    assert out is page and entry is None


def test_a_red_seal_is_not_taken_for_a_shift() -> None:
    page = np.array(_page(200))
    h, w = page.shape[:2]
    cv2.circle(page, (w // 2, h // 2), h // 3, (210, 30, 40), 12)
    cv2.putText(page, "UBND", (w // 2 - 120, h // 2), cv2.FONT_HERSHEY_SIMPLEX, 2.5,
                (210, 30, 40), 8)
    out, entry = registration.register_channels(page, 200)
    assert entry is None and out is page


@pytest.mark.parametrize(("dpi", "amp"), [(200, 5.0), (300, 8.0)])
def test_shifted_channels_are_put_back(dpi: int, amp: float) -> None:
    page = _page(dpi)
    bad = misregister(page, amp, dpi * 2.3)
    out, entry = registration.register_channels(bad, dpi)
    assert entry is not None and entry["step"] == "register_channels"
    assert entry["max_shift_red_px"] == pytest.approx(amp, abs=1.0)
    assert _fringe(out) < 0.2 * _fringe(bad)


def test_shifts_across_the_feed_are_found_too() -> None:
    page = _page(200)
    bad = np.ascontiguousarray(misregister(np.ascontiguousarray(page.transpose(1, 0, 2)), 5.0,
                                           460).transpose(1, 0, 2))
    out, entry = registration.register_channels(bad, 200)
    assert entry is not None
    assert _fringe(out) < 0.2 * _fringe(bad)


def test_clean_page_reads_a_misregistered_scan_like_the_sharp_one() -> None:
    from ocr.engine import recognize
    from ocr.metrics import cer

    page = _page(200)
    bad = misregister(page, 5.0, 460)
    want = recognize(clean_page(page, dpi=200).ocr, lang="vie", dpi=200).text
    res = clean_page(bad, dpi=200)
    assert res.history[0]["step"] == "register_channels"
    assert "channels_registered" in res.report
    errors, _ = cer(recognize(res.ocr, lang="vie", dpi=200).text, want)
    assert errors <= 2  # was 45 of 562 characters before the channels were put back


def test_a_jpeg_colour_scan_in_register_is_left_alone() -> None:
    """JPEG colour noise and half-resolution colour are no misregistration."""
    tinted = (np.array(_page(200), np.float32) * np.array([0.93, 0.87, 0.67])).astype(np.uint8)
    ok, buf = cv2.imencode(".jpg", tinted[:, :, ::-1], [cv2.IMWRITE_JPEG_QUALITY, 60])
    assert ok
    page = np.ascontiguousarray(cv2.imdecode(buf, cv2.IMREAD_COLOR)[:, :, ::-1])
    out, entry = registration.register_channels(page, 200)
    assert entry is None and out is page
