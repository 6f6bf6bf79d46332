"""Colour dropout for OCR: red and pink seal ink lifted off the page, black text kept.

Seals and stamps of Vietnamese offices are red (sometimes pink or orange where the ink is
thin). A plain luminance conversion turns them into mid-grey blobs over the signer's title and
name; Tesseract then reads them as noise or loses the words under them. Where a pixel is
clearly red (its red channel well above green and blue) and light in the red channel, its gray
value is lifted to white (the red channel alone still shows a pale ring that Tesseract's layout
analysis takes for a picture): black text under the seal stays dark in every channel (dark red
at most), so it is kept. Blue ink (hand-filled numbers and days, which are part
of the text) and violet-grey washed-out print are left as they are.
"""

from __future__ import annotations

import cv2
import numpy as np

__all__ = ["DARK_RED", "RED_MARGIN", "drop_red_ink"]

#: How much the red channel must exceed both green and blue before a pixel counts as red ink
#: (scanned black text and grey paper differ by well under this; seal ink by 60-150).
RED_MARGIN = 40
#: Red channel level below which a reddish pixel is ink under the seal (kept dark): seal ink
#: on paper has a red channel of 170-255, black text through red ink well under 120.
DARK_RED = 110
#: Margin over which the gray value blends from luminance to the red channel (soft edges).
_RAMP = 30


def drop_red_ink(rgb: np.ndarray) -> tuple[np.ndarray, float]:
    """The gray page for OCR, with red ink lightened to the paper's level.

    Args:
        rgb: uint8 RGB page.

    Returns:
        The uint8 gray page and the share of pixels that were treated as red ink (0 when the
        page has none: then the gray page is the plain luminance).
    """
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    r = rgb[:, :, 0].astype(np.int16)
    gb = np.maximum(rgb[:, :, 1], rgb[:, :, 2]).astype(np.int16)
    excess = r - gb - RED_MARGIN
    red = excess > 0
    share = float(np.count_nonzero(red)) / max(1, red.size)
    if share == 0.0:
        return gray, 0.0
    red_level = rgb[:, :, 0].astype(np.float32)
    # dark red is black text seen through the seal's ink: it stays as dark as it is
    w = (np.clip(excess.astype(np.float32) / _RAMP, 0.0, 1.0)
         * np.clip((red_level - DARK_RED) / _RAMP, 0.0, 1.0))
    out = gray.astype(np.float32) + w * (255.0 - gray)
    return np.clip(out, 0, 255).astype(np.uint8), share
