"""Where on a page a secrecy mark could be: stamp-like shapes and stand-alone short lines.

Found with OpenCV only, over the whole page and at any rotation (``cv2.minAreaRect``):
blocks of coloured ink (red or blue stamps), closed frames (rectangles, ellipses) in any ink,
and short lines of text isolated by white space. Each candidate can then be cut out upright as
black-on-white ink (:func:`candidate_ink`) for OCR, so only a few small crops are read.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from digitize.metadata.bold_ink import WORK_DPI, bold_mask, letters_of, stroke_width

__all__ = ["Candidate", "bold_letters", "candidate_ink", "colour_mask", "dark_mask",
           "find_candidates", "ink_masks"]

_MM = 25.4
#: Short side of a candidate (mm): a 9 pt line up to a large stamp frame.
MIN_SHORT_MM, MAX_SHORT_MM = 2.0, 32.0
#: Long side (mm): one short word up to "TUYỆT MẬT" in a wide frame.
MIN_LONG_MM, MAX_LONG_MM = 4.0, 95.0
#: Resolution candidates are looked for at (the crops are read at the page's own).
ANALYSIS_DPI = 100
#: White space (mm) that separates a stand-alone line from its neighbours.
LINE_GAP_MM = 1.6
#: Straight strokes longer than this (mm) are table rules, not letters.
RULE_MM = 25.0
#: Height in pixels letters are scaled to for reading.
LETTER_PX = 44


@dataclass(frozen=True)
class Candidate:
    """A place that may hold a mark: a rotated box and how it was found."""

    cx: float
    cy: float
    long: float  # pixels, along the text
    short: float  # pixels, across it
    angle: float  # degrees the text is turned (counter-clockwise positive), in (-90, 90]
    kind: str  # "colour" | "frame" | "line" | "seal" (lettering of a round organ seal) | "bold"
    stroke: float = 0.0  # "bold" ones: the page's typical stroke (pixels at WORK_DPI or less)

    @property
    def box(self) -> tuple[int, int, int, int]:
        """Axis-aligned bounds ``(left, top, right, bottom)``."""
        r = np.hypot(self.long, self.short) / 2
        return (int(self.cx - r), int(self.cy - r), int(self.cx + r), int(self.cy + r))


def ink_masks(image: np.ndarray, dpi: int) -> tuple[np.ndarray, np.ndarray]:
    """``(dark, colour)`` ink masks (255 = ink): dark from a local threshold of the gray
    page (a red stamp scanned in gray is dark enough), colour from the chroma of a colour page."""
    dark = dark_mask(image, dpi)
    return dark, colour_mask(image) if image.ndim == 3 else np.zeros_like(dark)


def colour_mask(image: np.ndarray) -> np.ndarray:
    """The colour ink mask of :func:`ink_masks` alone (255 = ink) of an RGB ``image``."""
    rgb = image[:, :, :3]
    # the channels' max and min pairwise: NumPy's reduce along a last axis of 3 is ~20x
    # slower (0.2 s for an A4 page at 300 dpi, and this runs on every page and crop)
    r, g, b = rgb[:, :, 0], rgb[:, :, 1], rgb[:, :, 2]
    hi = np.maximum(np.maximum(r, g), b)
    chroma = hi - np.minimum(np.minimum(r, g), b)  # never negative: exact in uint8
    colour = ((chroma > 60) & (hi > 70)).astype(np.uint8) * 255
    return cv2.morphologyEx(colour, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))


def dark_mask(image: np.ndarray, dpi: int) -> np.ndarray:
    """The dark ink mask of :func:`ink_masks` alone (255 = ink)."""
    rgb = image[:, :, :3] if image.ndim == 3 else None
    gray = cv2.cvtColor(np.ascontiguousarray(rgb), cv2.COLOR_RGB2GRAY) if rgb is not None \
        else image
    block = max(15, int(dpi * 0.25) | 1)
    return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV,
                                 block, 18)


def _mm(px: float, dpi: int) -> float:
    return px / dpi * _MM


def _rect_candidate(rect: tuple, kind: str, dpi: int) -> Candidate | None:
    (cx, cy), (w, h), a = rect
    if w < h:
        w, h, a = h, w, a - 90
    while a <= -90:
        a += 180
    while a > 90:
        a -= 180
    if not (MIN_SHORT_MM <= _mm(h, dpi) <= MAX_SHORT_MM
            and MIN_LONG_MM <= _mm(w, dpi) <= MAX_LONG_MM and w / max(h, 1) <= 14):
        return None
    return Candidate(float(cx), float(cy), float(w), float(h), float(-a), kind)


def _axis_rect(mask: np.ndarray, contour: np.ndarray) -> tuple | None:
    """``minAreaRect``-like ``((cx, cy), (w, h), angle)`` of the ink inside ``contour``, its
    long side along the ink's principal axis (steadier than the hull's box for a short word
    with accents and descenders)."""
    x, y, w, h = cv2.boundingRect(contour)
    inside = np.zeros((h, w), np.uint8)
    cv2.drawContours(inside, [contour - [x, y]], -1, 255, -1)
    ys, xs = np.nonzero(cv2.bitwise_and(mask[y:y + h, x:x + w], inside))
    if len(xs) < 20:
        return None
    pts = np.stack([xs, ys], 1).astype(np.float32)
    mean = pts.mean(axis=0)
    cov = np.cov((pts - mean).T)
    theta = 0.5 * np.arctan2(2 * cov[0, 1], cov[0, 0] - cov[1, 1])
    u = np.array([np.cos(theta), np.sin(theta)])
    v = np.array([-u[1], u[0]])
    a, b = (pts - mean) @ u, (pts - mean) @ v
    c = mean + u * (a.max() + a.min()) / 2 + v * (b.max() + b.min()) / 2
    return ((c[0] + x, c[1] + y), (float(np.ptp(a)) + 1, float(np.ptp(b)) + 1),
            float(np.degrees(theta)))


def _blobs(mask: np.ndarray, radius_mm: float, dpi: int, kind: str) -> list[Candidate]:
    r = max(1, round(radius_mm / _MM * dpi))
    joined = cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * r + 1,
                                                                            2 * r + 1)))
    contours, _ = cv2.findContours(joined, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    out = []
    for c in contours:
        x, y, w, h = cv2.boundingRect(c)
        if _mm(max(w, h), dpi) > MAX_LONG_MM * 1.1 or _mm(max(w, h), dpi) < MIN_LONG_MM * 0.7:
            continue
        if (mask[y:y + h, x:x + w] > 0).sum() < 40:
            continue
        rect = _axis_rect(mask, c)
        if rect is None:
            continue
        cand = _rect_candidate(rect, kind, dpi)
        if cand is not None:
            out.append(cand)
    return out


def _frames(mask: np.ndarray, dpi: int) -> list[Candidate]:
    """Closed outlines (rectangles, rounded boxes, ellipses) whose inside is mostly paper."""
    closed = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))
    contours, _ = cv2.findContours(closed, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    out = []
    for c in contours:
        if len(c) < 4:
            continue
        area = cv2.contourArea(c)
        rect = cv2.minAreaRect(c)
        rw, rh = rect[1]
        if rw * rh <= 0 or area < 0.6 * rw * rh * np.pi / 4:
            continue  # not a convex closed outline
        if cv2.contourArea(cv2.convexHull(c)) > 1.08 * area:
            continue
        cand = _rect_candidate(rect, "frame", dpi)
        if cand is None or _mm(cand.short, dpi) < 4:
            continue
        x, y, w, h = cv2.boundingRect(c)
        if (mask[y:y + h, x:x + w] > 0).mean() > 0.55:
            continue  # a filled blob, not an outline
        out.append(cand)
    return out


def _seals(mask: np.ndarray, dpi: int) -> list[tuple[float, float, float]]:
    """Round organ seals (rings of 30–50 mm) in coloured ink: ``(cx, cy, r)``."""
    px = dpi / _MM
    circles = cv2.HoughCircles(cv2.GaussianBlur(mask, (5, 5), 0), cv2.HOUGH_GRADIENT, dp=1.5,
                               minDist=int(20 * px), param1=100, param2=40,
                               minRadius=int(14 * px), maxRadius=int(26 * px))
    return [] if circles is None else [tuple(map(float, c)) for c in circles[0]]


def _in_seal(c: Candidate, seals: list[tuple[float, float, float]]) -> Candidate:
    """A coloured candidate lying on a round seal is the seal's lettering (kind ``seal``)."""
    for x, y, r in seals:
        if np.hypot(c.cx - x, c.cy - y) + c.short / 2 <= 1.15 * r:
            return Candidate(c.cx, c.cy, c.long, c.short, c.angle, "seal")
    return c


def _without_rules(mask: np.ndarray, dpi: int) -> np.ndarray:
    """The mask without long horizontal and vertical rules (tables, underlines)."""
    n = max(5, round(RULE_MM / _MM * dpi))
    rules = cv2.bitwise_or(cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((1, n), np.uint8)),
                           cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((n, 1), np.uint8)))
    return cv2.subtract(mask, rules)


def _same(a: Candidate, b: Candidate) -> bool:
    return (abs(a.cx - b.cx) < 0.25 * max(a.long, b.long)
            and abs(a.cy - b.cy) < 0.5 * max(a.short, b.short)
            and 0.6 < a.long / b.long < 1.6)


def _within(c: Candidate, o: Candidate) -> bool:
    """``c``'s centre lies in coloured candidate ``o`` (a coloured stamp's own letters are
    read with its colour ink: their dark, bold part alone would be half a word)."""
    if o.kind not in ("colour", "seal"):
        return False
    t = np.radians(o.angle)
    dx, dy = c.cx - o.cx, c.cy - o.cy
    along, across = dx * np.cos(t) - dy * np.sin(t), dx * np.sin(t) + dy * np.cos(t)
    return abs(along) <= o.long / 2 and abs(across) <= o.short / 2


def find_candidates(image: np.ndarray, dpi: int) -> list[Candidate]:
    """Stamp-like shapes and stand-alone short lines anywhere on the page.

    Args:
        image: RGB or gray ``uint8`` page.
        dpi: Its resolution.

    Returns:
        Candidates, coloured and framed ones first, without near-duplicates.
    """
    k = min(1.0, ANALYSIS_DPI / dpi)
    small = cv2.resize(image, None, fx=k, fy=k, interpolation=cv2.INTER_AREA) if k < 1 \
        else image
    sdpi = max(1, round(dpi * k))
    dark, colour = ink_masks(small, sdpi)
    found: list[Candidate] = []
    if colour.any():
        seals = _seals(colour, sdpi)
        found += [_in_seal(c, seals) for c in _blobs(colour, 1.2, sdpi, "colour")]
        found += _frames(colour, sdpi)
    found += _frames(dark, sdpi)
    found += _blobs(_without_rules(dark, sdpi), LINE_GAP_MM, sdpi, "line")
    found += _bold(image, dpi, k, sdpi)  # last: a line found already is read as a line
    out: list[Candidate] = []
    for c in found:
        if not any(_same(c, o) or (c.kind == "bold" and _within(c, o)) for o in out):
            out.append(c)
    return [Candidate(c.cx / k, c.cy / k, c.long / k, c.short / k, c.angle, c.kind, c.stroke)
            for c in out]


def _bold(image: np.ndarray, dpi: int, k: float, sdpi: int) -> list[Candidate]:
    """Words in ink bolder than the page's print (a black stamp on or against text), found at
    :data:`WORK_DPI` and returned at the analysis resolution (``k`` × the page's)."""
    kw = min(1.0, WORK_DPI / dpi)
    work = cv2.resize(image, None, fx=kw, fy=kw, interpolation=cv2.INTER_AREA) if kw < 1 \
        else image
    dark = dark_mask(work, max(1, round(dpi * kw)))
    stroke = stroke_width(dark)
    bold = bold_mask(dark, stroke)
    if not bold.any():
        return []
    small = cv2.resize(bold, (round(image.shape[1] * k), round(image.shape[0] * k)),
                       interpolation=cv2.INTER_AREA)
    found = _joined(_blobs(cv2.compare(small, 0, cv2.CMP_GT), LINE_GAP_MM, sdpi, "bold"))
    return [Candidate(c.cx, c.cy, c.long, c.short, c.angle, c.kind, stroke) for c in found]


def _joined(cands: list[Candidate]) -> list[Candidate]:
    """Pieces of one tilted word or line joined again: bold letters whose thin joins were
    opened away can fall apart at a wide letter gap ("TUYỆ" + "T MẬT")."""
    out = list(cands)
    merged = True
    while merged:
        merged = False
        for i, a in enumerate(out):
            for j in range(i + 1, len(out)):
                m = _join(a, out[j])
                if m is not None:
                    out[i], merged = m, True
                    del out[j]
                    break
            if merged:
                break
    return out


def _join(a: Candidate, b: Candidate) -> Candidate | None:
    """``a`` and ``b`` as one candidate when they lie on one line at one angle, close."""
    if abs(a.angle - b.angle) > 10 or max(a.short, b.short) > 1.6 * min(a.short, b.short):
        return None
    t = np.radians((a.angle * a.long + b.angle * b.long) / (a.long + b.long))
    u = np.array([np.cos(t), -np.sin(t)])  # along the text (image y points down)
    d = np.array([b.cx - a.cx, b.cy - a.cy])
    along, across = float(d @ u), float(abs(d @ np.array([-u[1], u[0]])))
    h = max(a.short, b.short)
    if across > 0.5 * h or abs(along) - (a.long + b.long) / 2 > 1.2 * h:
        return None
    lo = min(-a.long / 2, along - b.long / 2)
    hi = max(a.long / 2, along + b.long / 2)
    c = np.array([a.cx, a.cy]) + u * (lo + hi) / 2
    return Candidate(float(c[0]), float(c[1]), hi - lo, h, float(np.degrees(t)), a.kind)


def _drop_frame(ink: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Remove outline components (spanning most of the crop) so only the letters remain.

    Returns:
        The letters, and the stats (``cv2.connectedComponentsWithStats``) of each letter
        kept: removing whole components leaves the others as they were.
    """
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    h, w = ink.shape
    keep = np.zeros(n, bool)
    for i in range(1, n):
        x, y, bw, bh, area = stats[i]
        spans = (bw > 0.8 * w or bh > 0.85 * h) and area < 0.35 * bw * bh
        rule = (bw > 4 * bh and bw > 0.25 * w) or (bh > 4 * bw and bh > 0.45 * h)
        arc = area < 0.2 * bw * bh and (bw > 0.15 * w or bh > 0.35 * h)
        keep[i] = not (spans or rule or arc) and area >= 6
    return np.where(keep, 255, 0).astype(np.uint8)[labels], stats[keep]


def _main_row(letters: np.ndarray, letter_h: float) -> np.ndarray:
    """Only the densest row of letters (print crossing the stamp removed)."""
    rows = cv2.blur((letters > 0).astype(np.float32).sum(axis=1, keepdims=True),
                    (1, max(3, int(letter_h) | 1)))[:, 0]
    peak = int(np.argmax(rows))
    lo, hi = max(0, int(peak - 0.95 * letter_h)), int(peak + 0.95 * letter_h)
    out = np.zeros_like(letters)
    out[lo:hi] = letters[lo:hi]
    return out


def bold_letters(crop: np.ndarray, dpi: int, stroke: float) -> np.ndarray:
    """The bold letters of a crop, found at the resolution the page's stroke was measured at
    (:data:`WORK_DPI`), at the crop's own size."""
    kw = min(1.0, WORK_DPI / dpi)
    work = cv2.resize(crop, None, fx=kw, fy=kw, interpolation=cv2.INTER_AREA) if kw < 1 \
        else crop
    letters = letters_of(dark_mask(work, max(1, round(dpi * kw))), stroke)
    if kw < 1:
        letters = cv2.resize(letters, (crop.shape[1], crop.shape[0]),
                             interpolation=cv2.INTER_NEAREST)
    return letters


def candidate_ink(image: np.ndarray, cand: Candidate, dpi: int, angle: float | None = None,
                  ink: str = "all") -> np.ndarray | None:
    """The candidate turned upright (by ``angle``, default its own), as black letters on white
    scaled to :data:`LETTER_PX`, frame removed; ``None`` when nothing letter-like is left.

    ``ink``: ``"all"`` (every ink), ``"own"`` (the candidate's own ink: its colour ink, or for
    a ``bold`` one its bold letters grown back whole), ``"own-row"`` / ``"all-row"`` (only
    the densest row of letters: print crossing a stamp removed).
    """
    a = cand.angle if angle is None else angle
    pad = 0.15 * cand.short + dpi * 0.03
    half = np.hypot(cand.long, cand.short) / 2 + pad
    x0, y0 = max(0, int(cand.cx - half)), max(0, int(cand.cy - half))
    x1, y1 = min(image.shape[1], int(cand.cx + half)), min(image.shape[0], int(cand.cy + half))
    crop = image[y0:y1, x0:x1]
    if crop.size == 0:
        return None
    own = ink.startswith("own")
    if cand.kind == "bold":  # its own ink is its bold letters, print crossing them left out
        mask = bold_letters(crop, dpi, cand.stroke) if own else dark_mask(crop, dpi)
    else:  # only the masks used are made (this runs for every crop read)
        colour = colour_mask(crop) if crop.ndim == 3 else None
        if own:
            mask = colour if colour is not None else np.zeros(crop.shape[:2], np.uint8)
        else:
            dark = dark_mask(crop, dpi)
            mask = dark if colour is None else cv2.bitwise_or(dark, colour)
    m = cv2.getRotationMatrix2D((cand.cx - x0, cand.cy - y0), -a, 1.0)
    m[0, 2] += cand.long / 2 + pad - (cand.cx - x0)
    m[1, 2] += cand.short / 2 + pad - (cand.cy - y0)
    size = (int(cand.long + 2 * pad), int(cand.short + 2 * pad))
    upright = cv2.warpAffine(mask, m, size, flags=cv2.INTER_NEAREST, borderValue=0)
    letters, stats = _drop_frame(upright)
    heights = [int(s[3]) for s in stats if s[4] >= 10 and s[3] >= 4]
    if not heights:
        return None
    letter_h = float(np.percentile(heights, 75))
    if ink.endswith("-row"):
        letters = _main_row(letters, letter_h)
    scale = min(4.0, LETTER_PX / letter_h)
    ink = 255 - letters
    if abs(scale - 1) > 0.15:
        ink = cv2.resize(ink, None, fx=scale, fy=scale,
                         interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR)
        ink = np.where(ink > 127, 255, 0).astype(np.uint8)
    return cv2.copyMakeBorder(ink, 20, 20, 20, 20, cv2.BORDER_CONSTANT, value=255)
