"""Deskew: find the text-line angle by projection profiles of ink pixels, and rotate pages."""

from __future__ import annotations

import math

import cv2
import numpy as np

from digitize.clean.warp import warp

__all__ = ["horizontal_share", "line_angle", "rotate_page"]

_MAX_POINTS = 250_000
#: When letters cannot tell the line direction, columns must give a profile this much sharper
#: than rows for the page to be taken as turned a quarter.
QUARTER_MARGIN = 1.1


def _points(ink: np.ndarray, limit: int) -> tuple[np.ndarray, np.ndarray]:
    ys, xs = np.nonzero(ink)
    if len(ys) > limit:
        step = len(ys) // limit + 1
        ys, xs = ys[::step], xs[::step]
    return ys.astype(np.float32), xs.astype(np.float32)


def _score(ys: np.ndarray, xs: np.ndarray, deg: float, bin_px: float) -> float:
    """Sharpness of the profile across lines at angle ``deg`` (counter-clockwise, degrees)."""
    a = math.radians(deg)
    pos = (ys * math.cos(a) + xs * math.sin(a)) / bin_px
    pos -= pos.min()
    # soft binning (each point shared between its two nearest bins) keeps the score smooth in
    # the angle, so the parabolic peak is not pulled towards whole-pixel alignments
    idx = pos.astype(np.int32)
    frac = pos - idx
    h = np.bincount(idx, weights=1.0 - frac, minlength=int(idx.max()) + 2)
    h[1:] += np.bincount(idx, weights=frac, minlength=len(h) - 1)[: len(h) - 1]
    return float(np.dot(h, h))


def _search(ys: np.ndarray, xs: np.ndarray, centre: float, half: float, step: float,
            bin_px: float) -> tuple[float, float, list[float]]:
    angles = np.arange(centre - half, centre + half + step / 2, step)
    scores = [_score(ys, xs, float(a), bin_px) for a in angles]
    i = int(np.argmax(scores))
    best = float(angles[i])
    if 0 < i < len(scores) - 1:  # parabolic peak between samples
        s0, s1, s2 = scores[i - 1], scores[i], scores[i + 1]
        den = s0 - 2 * s1 + s2
        if den < 0:
            best += step * 0.5 * (s0 - s2) / den
    return best, scores[i], scores


def horizontal_share(ink: np.ndarray, limit: int = 600) -> float:
    """Share of letters whose nearest letter lies more sideways than up or down.

    Letters of a word sit closer to each other than to the lines above and below, so on a
    page of horizontal lines most nearest-neighbour links are horizontal. Unlike projection
    profiles this is not fooled by monospaced type, whose letters also align in columns.
    Small components (tone marks, dots) are left out, as their nearest letter is below them.

    Args:
        ink: uint8 mask (1 = ink).
        limit: Most letters used (a regular sample of them).

    Returns:
        The share in [0, 1]; 0.5 when there are too few letters to tell.
    """
    n, _, stats, cents = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if n < 30:
        return 0.5
    area = stats[1:, cv2.CC_STAT_AREA]
    bw, bh = stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT]
    big = max(3.0, 0.4 * float(np.median(area)))
    side = 0.1 * min(ink.shape)
    keep = (area >= big) & (bw < side) & (bh < side)
    pts = cents[1:][keep].astype(np.float32)
    if len(pts) < 20:
        return 0.5
    # a regular sample of letters asks, but every letter can answer: the nearest neighbour
    # of a sampled letter is looked for among all of them (sampling both sides would drop the
    # letter next to it and leave the one in the line above as the nearest)
    step = len(pts) // limit + 1
    asked = np.arange(0, len(pts), step)
    horizontal = 0
    for start in range(0, len(asked), 256):
        idx = asked[start:start + 256]
        d = pts[idx][:, None, :] - pts[None, :, :]
        dist = (d ** 2).sum(axis=2)
        dist[np.arange(len(idx)), idx] = np.inf
        nearest = d[np.arange(len(idx)), dist.argmin(axis=1)]
        horizontal += int(np.count_nonzero(np.abs(nearest[:, 0]) > np.abs(nearest[:, 1])))
    return horizontal / len(asked)


def line_angle(ink: np.ndarray, max_skew: float = 20.0) -> tuple[float, float]:
    """Direction of the text lines, counter-clockwise from the x axis, in (-90, 90].

    Lines near 0 mean an upright or upside-down page; near 90, a page turned sideways. Only
    ``max_skew`` degrees around 0 and 90 are searched.

    Args:
        ink: uint8 mask (1 = ink) of the page at about 100 dpi.
        max_skew: Largest skew looked for, in degrees.

    Returns:
        The angle and a confidence (peak profile score over the median score of the angles
        searched; about 1 means no lines).
    """
    ys, xs = _points(ink, _MAX_POINTS)
    if len(ys) < 50:
        return 0.0, 0.0
    cy, cx = ys.mean(), xs.mean()
    ys, xs = ys - cy, xs - cx
    few_y, few_x = ys[::8], xs[::8]
    share = horizontal_share(ink)
    if share >= 0.6 or share <= 0.4:  # letters' neighbours tell the line direction
        centre = 0.0 if share > 0.5 else 90.0
        best, best_score, scores = _search(few_y, few_x, centre, max_skew, 1.0, 2.0)
    else:  # too few letters: the sharper projection profile decides
        found = {c: _search(few_y, few_x, c, max_skew, 1.0, 2.0) for c in (0.0, 90.0)}
        # sharpness relative to each direction's own median: the raw sum of squares grows
        # as the bins get fewer, so a portrait page's columns (fewer bins than rows) would
        # win on size alone; and a quarter turn must win clearly (most pages are upright)
        sharp = {c: f[1] / max(float(np.median(f[2])), 1e-9) for c, f in found.items()}
        centre = 90.0 if sharp[90.0] > QUARTER_MARGIN * sharp[0.0] else 0.0
        best, best_score, scores = found[centre]
    conf = best_score / max(float(np.median(scores)), 1e-9)
    # image rows grow downwards: content turned counter-clockwise by a has lines rising to
    # the right, y = y0 - x*tan(a), which the projection y*cos(a) + x*sin(a) flattens
    best, _, _ = _search(ys, xs, best, 1.5, 0.25, 1.0)
    best, _, _ = _search(ys, xs, best, 0.3, 0.05, 1.0)
    angle = best
    if angle <= -90:
        angle += 180
    elif angle > 90:
        angle -= 180
    return angle, conf


def grown_size(w: int, h: int, deg: float) -> tuple[int, int]:
    """Width and height of the canvas holding a ``w`` x ``h`` page turned by ``deg``."""
    a = math.radians(deg)
    nw = int(math.ceil(abs(w * math.cos(a)) + abs(h * math.sin(a)) - 1e-6))
    nh = int(math.ceil(abs(w * math.sin(a)) + abs(h * math.cos(a)) - 1e-6))
    return nw, nh


def rotate_page(img: np.ndarray, deg: float, *, box: tuple[int, int, int, int] | None = None,
                interpolation: int = cv2.INTER_LINEAR) -> np.ndarray:
    """Turn ``img`` by ``deg`` degrees counter-clockwise on a canvas grown to keep all of it.

    Exact quarter turns are done without resampling. The uncovered corners repeat the page's
    edge pixels (margin paper, shadow and all), so no artificial edge is drawn that later
    steps would take for ink or paper.

    Args:
        img: Gray or RGB page.
        deg: Angle, counter-clockwise.
        box: Only this part ``(x0, y0, x1, y1)`` of the grown canvas is computed (saves the
            work of resampling corners that would be cut away).
        interpolation: OpenCV interpolation flag.
    """
    quarter = deg / 90.0
    if abs(quarter - round(quarter)) < 1e-6:
        k = int(round(quarter)) % 4
        if k == 0:
            return img
        codes = {1: cv2.ROTATE_90_COUNTERCLOCKWISE, 2: cv2.ROTATE_180,
                 3: cv2.ROTATE_90_CLOCKWISE}
        return cv2.rotate(img, codes[k])
    h, w = img.shape[:2]
    nw, nh = grown_size(w, h, deg)
    x0, y0, x1, y1 = box if box is not None else (0, 0, nw, nh)
    m = cv2.getRotationMatrix2D((w / 2.0, h / 2.0), deg, 1.0)
    m[0, 2] += (nw - w) / 2.0 - x0
    m[1, 2] += (nh - h) / 2.0 - y0
    return warp(img, m, (x1 - x0, y1 - y0), interpolation=interpolation)
