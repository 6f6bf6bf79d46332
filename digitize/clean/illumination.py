"""Illumination: estimate the paper's background (shadows, lamps, yellowing) and divide it out."""

from __future__ import annotations

import cv2
import numpy as np

from digitize.clean.analysis import shrink

__all__ = ["background", "background_small", "enlarge", "flatten_background", "stretch_ink"]

_BG_DPI = 50
#: Gamma of the ink stretch: measured on worn photocopies, 1.6 halves Tesseract's errors.
GAMMA = 1.6


def background(img: np.ndarray, dpi: int) -> np.ndarray:
    """The paper's colour at every pixel, as if the ink were lifted off (same shape as ``img``).

    Works at about 50 dpi: a closing (max then min filter, ~3.5 mm) removes the text, a blur
    smooths what is left, and the result is enlarged back.

    Args:
        img: uint8 gray or RGB page.
        dpi: Its resolution.
    """
    return enlarge(background_small(img, dpi), img.shape)


def background_small(img: np.ndarray, dpi: int) -> np.ndarray:
    """The background of :func:`background` at its working resolution (about 50 dpi).

    Cheap to look at (paper levels, unevenness); :func:`enlarge` brings it to full size only
    when the page is to be flattened.
    """
    small, s = shrink(img, max(1, round(dpi / _BG_DPI)))
    k = max(3, round(3.5 / 25.4 * dpi * s)) | 1
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k))
    bg = cv2.morphologyEx(small, cv2.MORPH_CLOSE, kernel, borderType=cv2.BORDER_REPLICATE)
    bg = cv2.GaussianBlur(bg, (0, 0), k / 2.5)
    return np.maximum(bg, 1)  # never divide by zero


def enlarge(bg: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """``bg`` resized (bilinear) to the page size ``shape`` (unchanged when it already is)."""
    h, w = shape[:2]
    if bg.shape[:2] == (h, w):
        return bg
    return cv2.resize(bg, (w, h), interpolation=cv2.INTER_LINEAR)


def flatten_background(img: np.ndarray, bg: np.ndarray, strength: float = 1.0) -> np.ndarray:
    """Divide the background out, making the paper white; ``strength`` < 1 keeps some of it.

    Args:
        img: uint8 gray or RGB page.
        bg: Its background from :func:`background` (same shape).
        strength: 1 flattens fully; 0.5 lifts shadows half-way (gentle, for the archive).
    """
    if strength >= 1.0:
        return cv2.divide(img, bg, scale=255.0)
    target = cv2.addWeighted(bg, strength, np.full_like(bg, 255), 0.0, 255.0 * (1 - strength))
    f = img.astype(np.float32) * (target.astype(np.float32) / bg.astype(np.float32))
    return np.clip(f, 0, 255).astype(np.uint8)


def stretch_ink(gray: np.ndarray, gamma: float = GAMMA) -> tuple[np.ndarray, dict[str, float]]:
    """Stretch a flattened gray page so faint ink becomes dark and the paper stays white.

    The darkest 0.2% (solid ink) goes to black, 97% of the paper level to white, and a gamma
    darkens the grey between them, thickening thin and broken strokes of worn copies.

    Args:
        gray: Flattened uint8 gray page.
        gamma: Exponent applied after the stretch (1: linear).

    Returns:
        The page and the levels used (``black``, ``white``, ``gamma``).
    """
    step = max(1, int(np.sqrt(gray.size / 200_000)))
    sample = gray[::step, ::step]
    white = 0.97 * float(np.percentile(sample, 60))
    black = float(np.percentile(sample, 0.2))
    if white - black < 20:
        return gray, {"black": black, "white": white, "gamma": 1.0}
    lut = np.clip((np.arange(256, dtype=np.float32) - black) / (white - black), 0, 1)
    lut = 255.0 * lut ** gamma
    return cv2.LUT(gray, lut.astype(np.uint8)), {"black": round(black, 1),
                                                  "white": round(white, 1), "gamma": gamma}
