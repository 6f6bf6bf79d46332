"""Test data: secrecy and look-alike marks stamped onto page images, as a clerk's scan shows
them — any text, ink colour, frame, angle and place (for the secrecy gate's tests and bench)."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image, ImageDraw

from digitize.devtools.sample import _font

__all__ = ["Mark", "stamp"]

RED = (205, 35, 40)
BLUE = (30, 60, 170)
BLACK = (25, 25, 25)


@dataclass(frozen=True)
class Mark:
    """A mark to stamp: text, ink, frame (``rect``, ``round``, ``ellipse``, ``none``), angle
    (degrees, counter-clockwise), where (fractions of the page), size in points, bold."""

    text: str
    ink: tuple[int, int, int] = RED
    frame: str = "rect"
    angle: float = 0.0
    x: float = 0.2
    y: float = 0.25
    size_pt: float = 14.0
    bold: bool = True
    family: str = "liberation-serif"


def _mark_image(mark: Mark, dpi: int) -> Image.Image:
    px = max(8, round(mark.size_pt / 72 * dpi))
    font = _font(mark.family, 1 if mark.bold else 0, px)
    left, top, right, bottom = font.getbbox(mark.text)
    tw, th = right - left, bottom - top
    pad = round(px * 0.45)
    lw = max(2, round(dpi / 110))
    w, h = tw + 2 * pad + 2 * lw, th + 2 * pad + 2 * lw
    if mark.frame == "ellipse":
        w, h = int(w * 1.3), int(h * 1.5)
    canvas = Image.new("L", (w, h), 0)
    draw = ImageDraw.Draw(canvas)
    box = [lw // 2, lw // 2, w - lw // 2 - 1, h - lw // 2 - 1]
    if mark.frame == "rect":
        draw.rectangle(box, outline=255, width=lw)
    elif mark.frame == "round":
        draw.rounded_rectangle(box, radius=h // 3, outline=255, width=lw)
    elif mark.frame == "ellipse":
        draw.ellipse(box, outline=255, width=lw)
    draw.text(((w - tw) / 2 - left, (h - th) / 2 - top), mark.text, font=font, fill=255)
    return canvas.rotate(mark.angle, resample=Image.BICUBIC, expand=True)


def stamp(page: np.ndarray, mark: Mark, dpi: int, *, seed: int = 0) -> np.ndarray:
    """Stamp ``mark`` onto a copy of an RGB page, ink multiplied into the paper, slightly
    uneven like a rubber stamp.

    Args:
        page: RGB ``uint8`` page (a gray page is made RGB).
        mark: What to stamp, and where.
        dpi: The page's resolution (the mark's size follows it).
        seed: Varies the ink's unevenness.

    Returns:
        The stamped RGB page.
    """
    out = cv2.cvtColor(page, cv2.COLOR_GRAY2RGB) if page.ndim == 2 else page.copy()
    alpha = np.asarray(_mark_image(mark, dpi), np.float32) / 255.0
    rng = np.random.default_rng(seed)
    alpha *= rng.uniform(0.75, 1.0, alpha.shape).astype(np.float32)
    ah, aw = alpha.shape
    h, w = out.shape[:2]
    x0 = int(min(max(0, mark.x * w - aw / 2), max(0, w - aw)))
    y0 = int(min(max(0, mark.y * h - ah / 2), max(0, h - ah)))
    a = alpha[:min(ah, h - y0), :min(aw, w - x0), None]
    region = out[y0:y0 + a.shape[0], x0:x0 + a.shape[1]].astype(np.float32)
    ink = np.array(mark.ink, np.float32)[None, None, :]
    # multiply blend: ink darkens the paper and the print under it stays visible
    blended = region * (1 - a) + region * (ink / 255.0) * a
    out[y0:y0 + a.shape[0], x0:x0 + a.shape[1]] = np.clip(blended, 0, 255).astype(np.uint8)
    return out


def to_gray_rgb(page: np.ndarray) -> np.ndarray:
    """A colour page as a gray scanner would give it (still three channels)."""
    gray = cv2.cvtColor(page, cv2.COLOR_RGB2GRAY)
    return cv2.cvtColor(gray, cv2.COLOR_GRAY2RGB)
