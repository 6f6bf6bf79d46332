"""Colour dropout for OCR: red and pink seal ink lifted off the page, black text kept.

Seals and stamps of Vietnamese offices are red (sometimes pink or orange where the ink is
thin). A plain luminance conversion turns them into mid-grey blobs over the signer's title and
name; Tesseract then reads them as noise or loses the words under them. Where a pixel is
clearly red (its red channel well above green and blue) and light in the red channel, its gray
value is lifted to white (the red channel alone still shows a pale ring that Tesseract's layout
analysis takes for a picture): black text under the seal stays dark in every channel (dark red
at most), so it is kept. Blue ink (hand-filled numbers and days, which are part
of the text) and violet-grey washed-out print are left as they are.

A round seal that lies over no text (the half seal stamped across the page edge, a seal
beside the signature) hides nothing and stays as scanned: lifting it still moved Tesseract's
reading of lines far away from it (hp_440: CER 2.1 % with its margin seal, 3.2 % without
it). Smaller red marks (name and date stamps, specks) are lifted wherever they are: they are
read as text otherwise and stamps are not part of a document's text.
"""

from __future__ import annotations

import cv2
import numpy as np

__all__ = ["DARK_RED", "RED_MARGIN", "TEXT_UNDER", "drop_red_ink"]

#: How much the red channel must exceed both green and blue before a pixel counts as red ink
#: (scanned black text and grey paper differ by well under this; seal ink by 60-150).
RED_MARGIN = 40
#: Red channel level below which a reddish pixel is ink under the seal (kept dark): seal ink
#: on paper has a red channel of 170-255, black text through red ink well under 120.
DARK_RED = 110
#: Share of a seal's area that must be dark, not red (black text under or through it), for the
#: seal to be lifted (measured on real seals: over a signer's title or name 0.9-3.8 %; in a
#: margin or beside the text 0.0-0.2 %).
TEXT_UNDER = 0.005
#: Seals are grouped from their red strokes by closing gaps this wide (mm); a blob at least
#: ``_SEAL_MM`` wide and high is a seal (office seals are 30-45 mm across; half of one at the
#: page edge is still over 10 mm each way), anything smaller a stamp or a speck.
_GAP_MM = 2.0
_SEAL_MM = 10.0
#: Margin over which the gray value blends from luminance to the red channel (soft edges).
_RAMP = 30


def _gap(dpi: int) -> int:
    """Side (pixels, odd) of the closing that groups a seal's strokes."""
    return max(3, round(_GAP_MM * dpi / 25.4)) | 1


def _red_to_lift(red: np.ndarray, gray: np.ndarray, dpi: int) -> np.ndarray:
    """Mask of the red blobs to lift: seals under which there is dark, not red, ink (text),
    and every blob smaller than a seal."""
    mm = dpi / 25.4
    k = _gap(dpi)
    closed = cv2.morphologyEx(red.astype(np.uint8), cv2.MORPH_CLOSE,
                              cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(closed, connectivity=8)
    if n <= 1:
        return red
    keep = closed.astype(bool)
    # only a seal can be left on the page: its dark pixels are counted inside its own box
    # (counting them over the whole page for every blob cost ~0.1 s a page)
    for i in np.flatnonzero((stats[:, cv2.CC_STAT_WIDTH] >= _SEAL_MM * mm)
                            & (stats[:, cv2.CC_STAT_HEIGHT] >= _SEAL_MM * mm)):
        if i == 0:
            continue
        x, y, w, h = (int(v) for v in stats[i, :4])
        own = labels[y:y + h, x:x + w] == i
        dark = (gray[y:y + h, x:x + w] < DARK_RED) & ~red[y:y + h, x:x + w]
        if np.count_nonzero(dark & own) < TEXT_UNDER * float(stats[i, cv2.CC_STAT_AREA]):
            keep[y:y + h, x:x + w][own] = False
    return keep


def drop_red_ink(rgb: np.ndarray, dpi: int = 300) -> tuple[np.ndarray, float]:
    """The gray page for OCR, with the red ink of seals over text lightened to the paper's
    level.

    Args:
        rgb: uint8 RGB page.
        dpi: Its resolution (sizes seals and the gaps between their strokes).

    Returns:
        The uint8 gray page and the share of the page's pixels that were red ink over text
        and lifted (0 when there is none: then the gray page is the plain luminance).
    """
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    r = rgb[:, :, 0]
    gb = cv2.max(rgb[:, :, 1], rgb[:, :, 2])
    # r - max(g, b) > RED_MARGIN, in saturating uint8 (OpenCV) instead of int16 arrays
    red_u8 = cv2.compare(cv2.subtract(r, gb), RED_MARGIN, cv2.CMP_GT)
    x, y, w, h = cv2.boundingRect(red_u8)
    if w == 0:
        return gray, 0.0
    # the work is done around the red ink only (seals and stamps are a few percent of a
    # page): a margin of the closing's size leaves the closing as on the whole page
    k = _gap(dpi)
    box = (slice(max(0, y - k), y + h + k), slice(max(0, x - k), x + w + k))
    red = red_u8[box] > 0
    over_text = _red_to_lift(red, gray[box], dpi)
    share = float(np.count_nonzero(red & over_text)) / red_u8.size
    if share == 0.0:
        return gray, 0.0
    # the weight below is 0 outside ``over_text``: only its pixels change
    at = np.nonzero(over_text)
    r_at, gb_at, g = r[box][at], gb[box][at], gray[box][at]
    excess = r_at.astype(np.int16) - gb_at.astype(np.int16) - RED_MARGIN
    red_level = r_at.astype(np.float32)
    # dark red is black text seen through the seal's ink: it stays as dark as it is
    weight = (np.clip(excess.astype(np.float32) / _RAMP, 0.0, 1.0)
              * np.clip((red_level - DARK_RED) / _RAMP, 0.0, 1.0))
    out = gray.copy()
    out[box][at] = np.clip(g.astype(np.float32) + weight * (255.0 - g), 0, 255).astype(np.uint8)
    return out, share
