"""Orientation: upright or upside down, from where ink sits around each text line's x-height band.

Vietnamese print is top-heavy: ascenders, capitals and above all the tone and vowel marks put
far more ink above the x-height band than descenders put below it. Summed over a page's lines
the ratio tells upright from upside down. Only letter-sized ink is measured: a seal, a
signature or a table rule is as tall as several lines and would put its ink on either side of
whichever line it crosses.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

__all__ = ["FLIP_MARGIN", "letter_ink", "resolve_rotation", "upright_score"]

#: An upright-looking page (lines near horizontal) is turned upside down only when its score
#: says so by at least this much: a page with next to no evidence either way stays as captured
#: (most pages come upright, and OCR checks a page it reads badly with Tesseract's OSD).
FLIP_MARGIN = 0.05
#: Components taller than this many median letter heights (or wider than ``_WIDE`` heights:
#: a long rule, a seal's ring) are not letters.
_TALL = 2.5
_WIDE = 8.0
#: Vertical strips the page is measured in (see :func:`upright_score`).
STRIPS = 6


def _runs(flags: np.ndarray) -> list[tuple[int, int]]:
    """Start and end (exclusive) of each run of True."""
    d = np.diff(np.concatenate(([0], flags.astype(np.int8), [0])))
    return list(zip(np.flatnonzero(d == 1).tolist(), np.flatnonzero(d == -1).tolist(),
                    strict=True))


def letter_ink(ink: np.ndarray) -> np.ndarray:
    """``ink`` with only its letter-sized components (seals, signatures, rules and frames,
    several lines tall or very long, taken out).

    Args:
        ink: uint8 mask (1 = ink).

    Returns:
        A mask of the same shape; ``ink`` itself when it has too few components to tell a
        letter's size.
    """
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if n < 30:
        return ink
    h, w = stats[1:, cv2.CC_STAT_HEIGHT], stats[1:, cv2.CC_STAT_WIDTH]
    area = stats[1:, cv2.CC_STAT_AREA]
    body = area >= max(3.0, 0.4 * float(np.median(area)))  # not tone marks or dots
    letter_h = float(np.median(h[body]))
    keep = np.zeros(n, dtype=np.uint8)
    keep[1:] = (h <= _TALL * letter_h) & (w <= _WIDE * letter_h)
    return keep[labels]


def upright_score(ink: np.ndarray) -> tuple[float, int]:
    """Log ratio of ink above to ink below the lines' cores, for horizontal text lines.

    Measured in :data:`STRIPS` vertical strips of the page and summed: the lines of a
    table's columns (or of a two-column header) are not level with each other, and across
    the whole width their profiles blur into one another (a real table page scored 0.09,
    and -0.08 once photographed a little out of focus, and was turned upside down); within
    a strip a column's lines stand clear. A page of full-width lines gives the same sums.

    Args:
        ink: uint8 mask (1 = ink), text lines horizontal.

    Returns:
        The score (> 0: upright, < 0: upside down) and the number of lines measured (in
        the strip that has most).
    """
    w = ink.shape[1]
    above = below = 0.0
    lines = 0
    for k in range(STRIPS):
        a, b, n = _above_below(ink[:, k * w // STRIPS:(k + 1) * w // STRIPS])
        above, below, lines = above + a, below + b, max(lines, n)
    if lines < 2:
        return 0.0, lines
    return math.log((above + 1.0) / (below + 1.0)), lines


def _above_below(ink: np.ndarray) -> tuple[float, float, int]:
    """Ink just above and just below the cores of the horizontal text lines of ``ink``, and
    the number of lines (0, 0 and the count when there are fewer than two)."""
    prof = ink.sum(axis=1, dtype=np.int64).astype(np.float64)
    # specks fall evenly above and below the lines: take their level (seen in the emptiest
    # rows) off, so they do not dilute the difference
    prof = np.maximum(prof - float(np.percentile(prof, 20)), 0.0) if prof.size else prof
    if prof.size == 0 or prof.max() <= 0:
        return 0.0, 0.0, 0
    smooth = np.convolve(prof, np.ones(3) / 3, mode="same")
    level = 0.35 * float(np.percentile(smooth[smooth > 0], 90))
    cores = [(a, b) for a, b in _runs(smooth >= level) if b - a >= 2]
    if len(cores) < 2:
        return 0.0, 0.0, len(cores)
    above = below = 0.0
    for i, (a, b) in enumerate(cores):
        height = b - a
        # the gap to the neighbouring cores is split at its emptiest row
        prev_end = cores[i - 1][1] if i else max(0, a - 2 * height)
        next_start = cores[i + 1][0] if i + 1 < len(cores) else min(len(prof), b + 2 * height)
        if a > prev_end:
            gap = smooth[prev_end:a]
            split = prev_end + int(np.argmin(gap))
            above += prof[max(split, a - height):a].sum()
        if next_start > b:
            gap = smooth[b:next_start]
            split = b + int(np.argmin(gap))
            below += prof[b:min(split + 1, b + height)].sum()
    return above, below, len(cores)


def resolve_rotation(ink: np.ndarray, line_deg: float) -> tuple[float, float, int]:
    """The page's total rotation from upright, given its text-line direction.

    The content was turned by ``line_deg`` or ``line_deg + 180`` degrees; straightening the
    ink by ``-line_deg`` and measuring top-heaviness decides which.

    Args:
        ink: uint8 ink mask of the page as captured.
        line_deg: Text-line direction from :func:`digitize.clean.deskew.line_angle`.

    Returns:
        ``(rotation_deg, score, lines)``: the rotation in [-180, 180) that turns the upright
        page into the captured one (counter-clockwise), the upright score of the straightened
        page and the number of lines it used.
    """
    h, w = ink.shape
    a = math.radians(line_deg)
    nw = int(math.ceil(abs(w * math.cos(a)) + abs(h * math.sin(a))))
    nh = int(math.ceil(abs(w * math.sin(a)) + abs(h * math.cos(a))))
    m = cv2.getRotationMatrix2D((w / 2.0, h / 2.0), -line_deg, 1.0)
    m[0, 2] += (nw - w) / 2.0
    m[1, 2] += (nh - h) / 2.0
    straight = cv2.warpAffine(ink, m, (nw, nh), flags=cv2.INTER_NEAREST)
    score, lines = upright_score(letter_ink(straight))
    if lines < 2:  # no letter lines (large type only, say): measure all the ink
        score, lines = upright_score(straight)
    # lines near horizontal: the page came upright unless it clearly says otherwise;
    # lines near vertical: one of the two quarter turns must be taken, the sign decides
    keep = -FLIP_MARGIN if abs(line_deg) < 45 else 0.0
    rotation = line_deg if score >= keep else line_deg + 180.0
    if rotation >= 180:
        rotation -= 360
    return rotation, score, lines
