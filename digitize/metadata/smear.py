"""Undo scanner-motion damage on a header band before reading it again.

A sheet that slips in the feeder leaves lines *squashed* along the feed axis (glyphs much wider
than tall) and its three colour channels *misregistered* (each channel's copy of a stroke is
shifted, so the darkest-channel or gray image doubles every stroke into a blur), often with a
gray streak behind them. Each channel alone is usually sharp. So a band is read again here:

* deskewed (the angle with the sharpest row profile of its ink, within ±3°);
* cut into text rows on the background-flattened darkest channel;
* each row taken channel by channel (flattened, Otsu), read as it is and stretched to twice
  its height along the feed axis; a caller picks among the readings.
"""

from __future__ import annotations

from collections.abc import Callable

import cv2
import numpy as np

from digitize.metadata.reread import runs

__all__ = ["STRETCHES", "deskew_angle", "flatten", "row_readings"]

Reader = Callable[[np.ndarray], str]
#: Vertical stretches tried on each row: as scanned, and a line squashed to half its height.
STRETCHES = (1.0, 2.0)


def flatten(gray: np.ndarray) -> np.ndarray:
    """The gray band divided by its background (a large closing): streaks and shading gone."""
    k = max(15, (min(gray.shape) // 8) | 1)
    bg = cv2.morphologyEx(gray, cv2.MORPH_CLOSE, np.ones((k, k), np.uint8))
    return cv2.divide(gray, np.maximum(bg, 1), scale=255)


def _ink(gray: np.ndarray) -> np.ndarray:
    flat = flatten(gray)
    _, ink = cv2.threshold(flat, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return ink.astype(np.uint8)


def deskew_angle(gray: np.ndarray, *, span: float = 3.0, step: float = 0.25) -> float:
    """The rotation (degrees, OpenCV sense) that makes the band's text rows horizontal."""
    ink = _ink(gray).astype(np.float32)
    small = cv2.resize(ink, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    h, w = small.shape
    best, best_a = -1.0, 0.0
    for a in np.arange(-span, span + step / 2, step):
        m = cv2.getRotationMatrix2D((w / 2, h / 2), float(a), 1.0)
        prof = cv2.warpAffine(small, m, (w, h)).sum(axis=1)
        score = float(np.square(np.diff(prof)).sum())
        if score > best:
            best, best_a = score, float(a)
    return best_a


def _text_ink(ink: np.ndarray, tallest: float = 0.15) -> np.ndarray:
    """The ink without pieces too tall (``tallest`` × the height) or too wide (half the width)
    to be letters: a clip's shadow, a border, table rules."""
    n, lab, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    tall = np.zeros(n, bool)
    tall[1:] = (stats[1:, 3] > tallest * ink.shape[0]) | (stats[1:, 2] > 0.5 * ink.shape[1])
    return np.where(tall[lab], 0, ink).astype(np.uint8)


def _rows(ink: np.ndarray, min_height: int, tallest: float = 0.15) -> list[tuple[int, int]]:
    prof = _text_ink(ink, tallest).sum(axis=1)
    return runs(prof > max(2.0, 0.08 * float(np.percentile(prof, 95))), min_height)


def _glyph_height(ink: np.ndarray, tallest: float) -> float:
    """Median height of the letter-sized pieces of ink (0 without any)."""
    n, _, stats, _ = cv2.connectedComponentsWithStats(_text_ink(ink, tallest), connectivity=8)
    hs = [int(st[3]) for st in stats[1:n] if st[4] >= 8 and st[2] >= 3]
    return float(np.median(hs)) if hs else 0.0


def _cut(prof: np.ndarray, top: int, bottom: int, glyph: float) -> list[tuple[int, int]]:
    """A row too tall for one line (lines touching) cut at its faintest scan line, again and
    again, until no piece is more than 2.2 letters high."""
    if glyph <= 0 or bottom - top <= 2.2 * glyph:
        return [(top, bottom)]
    lo, hi = top + int(1.2 * glyph), bottom - int(1.2 * glyph)
    if hi <= lo:
        return [(top, bottom)]
    y = lo + int(np.argmin(prof[lo:hi]))
    return _cut(prof, top, y, glyph) + _cut(prof, y, bottom, glyph)


def _row_crops(chans: list[np.ndarray], y_off: int, min_h: int, depth: int = 0
               ) -> list[tuple[int, int, list[np.ndarray]]]:
    """``(top, bottom, channel crops)`` of each text row of a band, deskewed; a row taller than
    2.2 letters (lines drifting apart in skew or wave) is deskewed and cut again on its own."""
    dark = np.min(np.stack(chans), axis=0)
    angle = deskew_angle(dark, span=3.0 + depth)
    bh, bw = dark.shape
    rot = cv2.getRotationMatrix2D((bw / 2, bh / 2), angle, 1.0)
    chans = [cv2.warpAffine(c, rot, (bw, bh), flags=cv2.INTER_CUBIC, borderValue=255)
             for c in chans]
    ink = _ink(np.min(np.stack(chans), axis=0))
    tallest = 0.15 if depth == 0 else 0.6  # a band of many lines / a row of a few
    glyph = _glyph_height(ink, tallest)
    prof = _text_ink(ink, tallest).sum(axis=1).astype(np.float32)
    out: list[tuple[int, int, list[np.ndarray]]] = []
    for top, bottom in _rows(ink, min_h, tallest):
        if depth == 0 and glyph and bottom - top > 2.2 * glyph:
            pad = int(glyph)
            a, b = max(0, top - pad), min(bh, bottom + pad)
            out += _row_crops([c[a:b] for c in chans], y_off + a, min_h, depth + 1)
            continue
        for t, b in _cut(prof, top, bottom, glyph):
            pad = max(4, (b - t) // 2)
            t0, b0 = max(0, t - pad), min(bh, b + pad)
            out.append((y_off + t0, y_off + b0, [c[t0:b0] for c in chans]))
    return out


def row_readings(image: np.ndarray, box: tuple[int, int, int, int], reader: Reader
                 ) -> list[tuple[tuple[int, int, int, int], list[str]]]:
    """Read a (colour) band again, row by row, every channel apart, squash undone.

    Args:
        image: The RGB (or gray) page.
        box: ``(left, top, right, bottom)`` of the band in page pixels (clipped to the page).
        reader: Reads one line of black-on-white text.

    Returns:
        Per text row, top to bottom: its box in page pixels (of the deskewed band, so only
        roughly the page's) and the non-empty readings of its channels.
    """
    h, w = image.shape[:2]
    x0, y0, x1, y1 = max(0, box[0]), max(0, box[1]), min(w, box[2]), min(h, box[3])
    if x1 - x0 < 20 or y1 - y0 < 20:
        return []
    band = np.ascontiguousarray(image[y0:y1, x0:x1])
    chans = [band] if band.ndim == 2 else [np.ascontiguousarray(band[:, :, c]) for c in range(3)]
    out = []
    for top, bottom, crops in _row_crops(chans, y0, max(6, h // 300)):
        texts, span = [], (x1, x0)
        for c in crops:
            # flattened row by row: a streak's shade changes along it
            ink = _text_ink(_ink(c), 0.95)
            cols = np.where(ink.any(axis=0))[0]
            if cols.size == 0:
                continue
            pad = max(4, c.shape[0] // 4)
            span = (min(span[0], x0 + int(cols[0])), max(span[1], x0 + int(cols[-1])))
            line = ((1 - ink[:, max(0, cols[0] - pad):cols[-1] + pad + 1]) * 255).astype(np.uint8)
            for fy in STRETCHES:
                tall = cv2.resize(line, None, fx=1.0, fy=fy, interpolation=cv2.INTER_CUBIC)
                tall = cv2.copyMakeBorder(tall, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)
                text = reader(tall).strip()
                if text:
                    texts.append(text)
        if texts:
            out.append(((span[0], top, span[1], bottom), texts))
    return out
