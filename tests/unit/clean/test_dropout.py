"""Red seal ink is lifted off the OCR image; black text under it and blue ink are kept."""

from __future__ import annotations

import cv2
import numpy as np

from digitize.clean import CleanProfile, clean_page
from digitize.clean.dropout import drop_red_ink
from digitize.devtools import sample
from tests import degrade

RED = (200, 40, 50)


def _page_with_seal() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A rendered text page with a red seal (ring, star, thick stroke) over some words, the
    mask of the black text under the seal and the mask of the seal's own ink."""
    page, _ = sample.render_text_page(" ".join(sample.BODY), dpi=150, size_pt=13.0)
    page = np.array(page)
    black = page.min(axis=2) < 100
    seal = np.zeros(page.shape[:2], np.uint8)
    cv2.circle(seal, (500, 300), 120, 255, 12)
    cv2.circle(seal, (500, 300), 60, 255, -1)
    under = black & (seal > 0)
    # ink over ink: the black stays black, red paper becomes red
    page[(seal > 0) & ~black] = RED
    return page, under, (seal > 0) & ~black


def test_red_seal_is_lifted_and_black_text_under_it_is_kept() -> None:
    page, under, seal = _page_with_seal()
    assert under.sum() > 100  # the seal really covers text
    gray, share = drop_red_ink(page, 150)
    plain = cv2.cvtColor(page, cv2.COLOR_RGB2GRAY)
    assert share > 0.001
    assert np.median(plain[seal]) < 120  # what Tesseract saw before: a dark blob
    assert np.median(gray[seal]) > 190
    assert np.median(gray[under]) < 100
    assert np.array_equal(gray[~seal], plain[~seal])


def test_page_without_red_is_plain_luminance() -> None:
    page, _ = sample.render_text_page("Ủy ban nhân dân tỉnh", dpi=100)
    page = np.array(page)
    page[50:80, 50:300] = (40, 60, 200)  # blue ink (a hand-filled number) is text: kept
    gray, share = drop_red_ink(page, 100)
    assert share == 0.0
    assert np.array_equal(gray, cv2.cvtColor(page, cv2.COLOR_RGB2GRAY))


def test_clean_page_drops_red_for_ocr_only() -> None:
    page, _, seal = _page_with_seal()
    res = clean_page(page, dpi=150)
    assert any(h["step"] == "drop_red_ink" for h in res.history)
    assert res.archive.ndim == 3 and np.median(res.archive[seal][:, 0]) > 150  # colour kept
    off = clean_page(page, dpi=150, profile=CleanProfile(drop_red=False))
    assert not any(h["step"] == "drop_red_ink" for h in off.history)


def test_seal_beside_the_text_is_left_and_small_stamps_are_lifted() -> None:
    page, _ = sample.render_text_page(" ".join(sample.BODY[:2]), dpi=150, size_pt=13.0)
    page = np.array(page)
    h, w = page.shape[:2]
    ring = np.zeros((h, w), np.uint8)  # a 36 mm seal in the empty lower margin, over no text
    cv2.circle(ring, (w // 2, h - 220), 106, 255, 8)
    page[ring > 0] = RED
    stamp = np.zeros((h, w), np.uint8)  # a 25 x 4 mm date stamp line, also over nothing
    cv2.rectangle(stamp, (100, h - 60), (250, h - 40), 255, -1)
    page[stamp > 0] = RED
    gray, share = drop_red_ink(page, 150)
    plain = cv2.cvtColor(page, cv2.COLOR_RGB2GRAY)
    assert np.array_equal(gray[ring > 0], plain[ring > 0])  # the seal hides nothing: kept
    assert np.median(gray[stamp > 0]) > 240  # the stamp is lifted
    assert 0 < share < np.count_nonzero(ring | stamp) / ring.size


def test_speckle_level_is_measured_before_the_seal_is_lifted() -> None:
    """Red specks count as the scan's noise: lifting the seal must not also decide whether
    the page gets its median (it did when the page had been straightened first)."""
    page, _, _ = _page_with_seal()
    page = cv2.resize(page, None, fx=2, fy=2, interpolation=cv2.INTER_NEAREST)  # 300 dpi
    page = degrade.skew(page, 1.5)
    rng = np.random.default_rng(3)
    h, w = page.shape[:2]
    for colour in ((0, 0, 0), RED):  # as many black as red specks: together over the limit
        ys = rng.integers(h // 3, 2 * h // 3, 40)
        xs = rng.integers(w // 3, 2 * w // 3, 40)
        page[ys, xs] = colour
    lifted = clean_page(page, dpi=300)
    plain = clean_page(page, dpi=300, profile=CleanProfile(drop_red=False))
    assert any(e["step"] == "drop_red_ink" for e in lifted.history)
    assert lifted.report["speckle"] == plain.report["speckle"]


def _whole_page_reference(rgb: np.ndarray, dpi: int) -> tuple[np.ndarray, float]:
    """The dropout computed over the whole page, as it was before it worked around the red
    ink only (the result must not depend on where the red ink lies)."""
    from digitize.clean import dropout as d

    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    excess = rgb[:, :, 0].astype(np.int16) - rgb[:, :, 1:].max(axis=2).astype(np.int16) \
        - d.RED_MARGIN
    red = excess > 0
    if not red.any():
        return gray, 0.0
    mm = dpi / 25.4
    k = max(3, round(d._GAP_MM * mm)) | 1
    closed = cv2.morphologyEx(red.astype(np.uint8), cv2.MORPH_CLOSE,
                              cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(closed, connectivity=8)
    dark = ((gray < d.DARK_RED) & ~red).astype(np.int64)
    dark_in = np.bincount(labels.ravel(), weights=dark.ravel(), minlength=n)
    seal = ((stats[:, cv2.CC_STAT_WIDTH] >= d._SEAL_MM * mm)
            & (stats[:, cv2.CC_STAT_HEIGHT] >= d._SEAL_MM * mm))
    keep = ~seal | (dark_in >= d.TEXT_UNDER * stats[:, cv2.CC_STAT_AREA])
    keep[0] = False
    over = keep[labels]
    share = float(np.count_nonzero(red & over)) / red.size
    if share == 0.0:
        return gray, 0.0
    w = (np.clip(excess.astype(np.float32) / d._RAMP, 0.0, 1.0)
         * np.clip((rgb[:, :, 0].astype(np.float32) - d.DARK_RED) / d._RAMP, 0.0, 1.0) * over)
    out = gray.astype(np.float32) + w * (255.0 - gray)
    return np.clip(out, 0, 255).astype(np.uint8), share


def test_same_result_as_over_the_whole_page() -> None:
    page, _, _ = _page_with_seal()
    rng = np.random.default_rng(7)
    ys, xs = rng.integers(0, page.shape[0], 40), rng.integers(0, page.shape[1], 40)
    page[ys, xs] = RED  # red specks all over (JPEG colour noise)
    h, w = page.shape[:2]
    cv2.circle(page, (w - 5, h // 2), 70, RED, 10)  # a half seal at the edge, over no text
    cv2.putText(page, "KHAN", (20, h - 10), cv2.FONT_HERSHEY_SIMPLEX, 1.2, RED, 3)
    for img in (page, np.ascontiguousarray(page[:, ::-1]), page[200:, :400].copy()):
        gray, share = drop_red_ink(img, 150)
        ref, ref_share = _whole_page_reference(img, 150)
        assert share == ref_share and share > 0
        assert np.array_equal(gray, ref)
