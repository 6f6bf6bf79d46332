"""A small gray copy of the page (about 100 dpi) and its ink mask, shared by the detectors."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

__all__ = ["ANALYSIS_DPI", "Analysis", "analyse", "ink_mask", "paper_level", "shrink"]

#: Resolution the detectors work at; full-resolution work is left to the final resampling.
ANALYSIS_DPI = 100


@dataclass
class Analysis:
    """The page seen by the detectors.

    Attributes:
        small: uint8 gray page at about ``ANALYSIS_DPI``.
        scale: ``small`` pixels per full-resolution pixel (<= 1).
        ink: uint8 mask (1 = ink) of ``small``.
        paper: Grey level of the paper (bright percentile).
    """

    small: np.ndarray
    scale: float
    ink: np.ndarray
    paper: float


def paper_level(gray: np.ndarray) -> float:
    """The paper's grey level: a high percentile of a sparse sample."""
    step = max(1, int(np.sqrt(gray.size / 40_000)))
    return float(np.percentile(gray[::step, ::step], 90))


def ink_mask(small: np.ndarray, dpi: float) -> np.ndarray:
    """Pixels clearly darker than their neighbourhood (text strokes), robust to shadows.

    Args:
        small: uint8 gray page.
        dpi: Its resolution.

    Returns:
        uint8 mask, 1 where ink; pixels with no ink neighbour are left out.
    """
    block = max(3, int(dpi * 0.3) | 1)
    mean = cv2.blur(small, (block, block), borderType=cv2.BORDER_REPLICATE)
    # ink: darker than the local mean by a margin that scales with the local brightness
    ink = (small < cv2.LUT(mean, _INK_LEVEL)).astype(np.uint8)
    # drop isolated pixels (dust, salt and pepper); strokes and tone marks have neighbours
    neighbours = cv2.boxFilter(ink, -1, (3, 3), normalize=False, borderType=cv2.BORDER_CONSTANT)
    ink[neighbours < 2] = 0
    return ink


_levels = np.arange(256, dtype=np.float32)
#: For a local mean m, grey levels below _INK_LEVEL[m] are ink.
_INK_LEVEL = np.clip(_levels - np.maximum(_levels * 0.12, 6.0), 0, 255).astype(np.uint8)


def shrink(img: np.ndarray, factor: int) -> tuple[np.ndarray, float]:
    """Average ``factor`` x ``factor`` blocks (OpenCV's fast integer path); return the scale."""
    if factor <= 1:
        return img, 1.0
    h, w = img.shape[:2]
    sw, sh = max(1, w // factor), max(1, h // factor)
    if sw * factor != w or sh * factor != h:
        img = img[: sh * factor, : sw * factor] if h >= factor and w >= factor else img
    small = cv2.resize(img, (sw, sh), interpolation=cv2.INTER_AREA)
    return small, sw / img.shape[1]


def analyse(gray: np.ndarray, dpi: int) -> Analysis:
    """Downscale ``gray`` to about ``ANALYSIS_DPI`` and find its ink.

    Args:
        gray: uint8 gray full-resolution page.
        dpi: Its resolution.
    """
    small, scale = shrink(gray, max(1, round(dpi / ANALYSIS_DPI)))
    eff_dpi = dpi * scale
    return Analysis(small=small, scale=scale, ink=ink_mask(small, eff_dpi),
                    paper=paper_level(small))
