"""Put back in register the colour channels of a scan whose channels are shifted apart.

A sheet that slips or jerks in a scanner's feed is captured by the red, green and blue rows of
the sensor at slightly different places, so each channel's copy of a stroke lands a few pixels
off the others'. Each channel alone is sharp, but the gray page (their mix) doubles every stroke
into a blur, with coloured fringes. The shift follows the feed's jerks (and the sheet's twist),
so it changes from place to place on the page.

So the shift of red and of blue against green is measured (phase correlation) in half-overlapping
tiles, about two lines high and a quarter of the page wide, and each channel is moved back by its
shift, interpolated from tile to tile. A cheap look at low resolution, on strips across the whole
page along each axis, comes first: a page in register (nearly all) costs about 0.05 s of CPU and
comes back unchanged (the same array).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np

__all__ = ["MIN_RESPONSE", "MIN_SHIFT_MM", "MIN_SHIFT_PX", "Shifts", "register_channels",
           "tile_shifts"]

#: Shifts smaller than this (mm on the page) are left alone: JPEG colour subsampling and the
#: sensor's own offset give well under this on scans that read fine.
MIN_SHIFT_MM = 0.15
#: ... and shifts under a pixel: they blur a stroke's edge, not double the stroke.
MIN_SHIFT_PX = 1.0
#: A tile's phase-correlation peak must be at least this strong to be believed (blank paper or
#: colour content give a flat correlation).
MIN_RESPONSE = 0.25
#: A shift is believed only if moving the channel back leaves at most this share of its
#: mismatch with green; the cheap look's strips across the page mix shifts, so it asks less.
EXPLAINED = 0.7
LOOK_EXPLAINED = 0.9
#: In the cheap look, strips whose channels differ from green by less than this (mean
#: difference of the channels normalised to spread 1) are not correlated: in register. Pages
#: in register read 0.00–0.05 in most strips, the nogt form's shifted strips 0.14–0.45.
LOOK_MISMATCH = 0.03
#: Least number of shifted tiles for the page to be realigned.
MIN_SHIFTED_TILES = 3
#: Tile height (mm): about two lines of body text.
TILE_MM = 8.0
#: Tile width (mm) at full resolution.
TILE_WIDTH_MM = 50.0
#: Resolution of the cheap first look, and its largest side (pixels) when the page's dpi
#: is understated.
LOOK_DPI = 75
LOOK_SIDE = 1000
#: Least share of the cheap look's believed strips that must be shifted for the page to be
#: measured closely (a strip of a page in register can read a little off at the paper's edge).
MIN_SHIFTED_SHARE = 0.05


@dataclass
class Shifts:
    """Per tile of a grid: the (along axis 0, along axis 1) shift of red and of blue against
    green, and the strength of each correlation peak."""

    rows: np.ndarray  # (n,) centres of the tile rows (pixels)
    at: np.ndarray  # (n, m) row of each tile's ink centre: where its shift was measured
    cols: np.ndarray  # (m,) centres of the tile columns
    red: np.ndarray  # (n, m, 2): (dy, dx)
    blue: np.ndarray  # (n, m, 2)
    response: np.ndarray  # (n, m, 2): red, blue


def _starts(length: int, size: int) -> list[int]:
    """Starts of half-overlapping windows of ``size`` covering ``length``."""
    if size >= length:
        return [0]
    step = max(1, size // 2)
    starts = list(range(0, length - size + 1, step))
    if starts[-1] != length - size:
        starts.append(length - size)
    return starts


def _even_dft(n: int) -> int:
    """The largest even size <= ``n`` (>= 8) that OpenCV's DFT takes as it is: phase correlation
    pads other sizes, and on an odd padded size it reads +0.5 px off."""
    n = max(8, n) // 2 * 2
    while n > 8 and cv2.getOptimalDFTSize(n) != n:
        n -= 2
    return n


def _unit(a: np.ndarray) -> np.ndarray:
    return (a - float(a.mean())) / max(1e-3, float(a.std()))


def _mismatch(a: np.ndarray, b: np.ndarray) -> float:
    """Mean difference of two channels, each brought to mean 0 and spread 1."""
    return float(np.abs(_unit(a) - _unit(b)).mean())


def _explains(g: np.ndarray, other: np.ndarray, dx: float, dy: float, share: float) -> bool:
    """Whether moving ``other`` back by the shift found makes it match green much better: a
    slipped channel does, colour content (a red seal missing from the red channel, a stain)
    does not, whatever shift the correlation picked. ``share``: the most of the mismatch that
    may be left."""
    if abs(dx) < 0.5 and abs(dy) < 0.5:
        return True  # nothing to move: no shift is claimed
    m = np.float32([[1, 0, -dx], [0, 1, -dy]])
    back = cv2.warpAffine(other, m, (other.shape[1], other.shape[0]),
                          borderMode=cv2.BORDER_REPLICATE)
    return _mismatch(g, back) < share * _mismatch(g, other)


def tile_shifts(rgb: np.ndarray, tile_h: int, tile_w: int, *, ink_centres: bool = True,
                explained: float = EXPLAINED, min_mismatch: float = 0.0) -> Shifts:
    """Measure, in half-overlapping tiles, how far red and blue are shifted from green.

    Args:
        rgb: The page, (H, W, 3) uint8, at least 8 pixels each way.
        tile_h: Tile height in pixels (made an even DFT size, at most the page's).
        tile_w: Tile width in pixels (the page's width for strips across it).
        ink_centres: Locate each tile's ink (else its shift is put at its middle).
        explained: A shift is believed only if moving the channel back by it leaves at most
            this share of the channel's mismatch with green.
        min_mismatch: Channels that differ from green by less than this (:func:`_mismatch`)
            are taken as in register without correlating them.

    Returns:
        The grid of tile centres, each channel's (dy, dx) and the correlation strengths.
    """
    h, w = rgb.shape[:2]
    th, tw = _even_dft(min(tile_h, h)), _even_dft(min(tile_w, w))
    win = cv2.createHanningWindow((tw, th), cv2.CV_32F)
    ys, xs = _starts(h, th), _starts(w, tw)
    shift = np.zeros((len(ys), len(xs), 2, 2), np.float32)
    at = np.repeat(np.array(ys, np.float32)[:, None] + th / 2, len(xs), axis=1)
    resp = np.zeros((len(ys), len(xs), 2), np.float32)
    for i, y in enumerate(ys):
        for j, x in enumerate(xs):
            # one tile at a time in float: no float copy of a whole page
            tile = rgb[y:y + th, x:x + tw].astype(np.float32)
            g = np.ascontiguousarray(tile[:, :, 1])
            if float(g.std()) < 2.0:
                continue
            ink = (255.0 - g).sum(axis=1) * win[:, tw // 2]  # weighted as correlated
            if ink_centres and float(ink.sum()) > 0:
                at[i, j] = y + float((ink * np.arange(th)).sum() / ink.sum())
            for k, c in enumerate((0, 2)):
                other = np.ascontiguousarray(tile[:, :, c])
                if float(other.std()) < 2.0:
                    continue
                if min_mismatch and _mismatch(g, other) < min_mismatch:
                    resp[i, j, k] = 1.0  # the channels agree: believed, not shifted
                    continue
                (dx, dy), r = cv2.phaseCorrelate(g, other, win)
                shift[i, j, k] = (dy, dx)
                # a shift beyond a quarter of the tile is a false peak, not a misregistration
                if (max(abs(dy), abs(dx)) < 0.25 * min(th, tw)
                        and _explains(g, other, dx, dy, explained)):
                    resp[i, j, k] = r
    return Shifts(np.array(ys, np.float32) + th / 2, at, np.array(xs, np.float32) + tw / 2,
                  shift[:, :, 0], shift[:, :, 1], resp)


def _believed(s: Shifts, which: int) -> np.ndarray:
    return s.response[:, :, which] >= MIN_RESPONSE


def _shifted(s: Shifts, min_shift: float) -> tuple[int, int]:
    """``(shifted, believed)``: how many believed tiles (either channel) are shifted by at
    least ``min_shift``, of how many believed."""
    ok = np.stack([_believed(s, 0), _believed(s, 1)], axis=-1)
    big = np.stack([np.hypot(s.red[..., 0], s.red[..., 1]),
                    np.hypot(s.blue[..., 0], s.blue[..., 1])], axis=-1) >= min_shift
    return int((ok & big).sum()), int(ok.sum())


def _shifted_share(s: Shifts, min_shift: float) -> float:
    """Share of believed tiles (either channel) whose shift is at least ``min_shift``."""
    shifted, believed = _shifted(s, min_shift)
    return shifted / max(1, believed)


def _spread(s: Shifts) -> float:
    """How much the believed tiles' shifts differ from one another (pixels, both channels)."""
    out = 0.0
    for k, grid in enumerate((s.red, s.blue)):
        ok = _believed(s, k)
        if ok.sum() >= 2:
            out += float(np.sqrt(grid[ok].var(axis=0).sum()))
    return out


def _fill(grid: np.ndarray, ok: np.ndarray) -> np.ndarray:
    """Tiles not believed take the mean of their row's believed tiles, else 0 (blank rows)."""
    out = grid.copy()
    for i in range(grid.shape[0]):
        good = ok[i]
        out[i, ~good] = grid[i, good].mean(axis=0) if good.any() else 0.0
    return out


def _interp_weights(centres: np.ndarray, length: int) -> tuple[np.ndarray, np.ndarray,
                                                               np.ndarray]:
    """Indices and weights to interpolate linearly between ``centres`` at every pixel."""
    pos = np.arange(length, dtype=np.float32)
    if len(centres) == 1:
        z = np.zeros(length, np.intp)
        return z, z, np.zeros(length, np.float32)
    i1 = np.clip(np.searchsorted(centres, pos), 1, len(centres) - 1)
    i0 = i1 - 1
    t = np.clip((pos - centres[i0]) / (centres[i1] - centres[i0]), 0.0, 1.0).astype(np.float32)
    return i0, i1, t


def _field(grid: np.ndarray, ok: np.ndarray, s: Shifts, h: int, w: int) -> np.ndarray:
    """A (n, m) grid of shifts spread over every pixel (h, w): down each column of tiles from
    the ink centres of its believed tiles (a text line's shift is the one of its ink, not of
    the tile's middle), then across the columns."""
    lines = np.arange(h, dtype=np.float32)
    cols = np.zeros((h, grid.shape[1]), np.float32)
    for j in range(grid.shape[1]):
        pos, val = ((s.at[ok[:, j], j], grid[ok[:, j], j]) if ok[:, j].any()
                    else (s.rows, grid[:, j]))
        order = np.argsort(pos, kind="stable")
        cols[:, j] = np.interp(lines, pos[order], val[order])
    c0, c1, ct = _interp_weights(s.cols, w)
    return (cols[:, c0] * (1 - ct)[None, :] + cols[:, c1] * ct[None, :]).astype(np.float32)


def _fields(s: Shifts, h: int, w: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per channel (red, blue): its (dy, dx) shift at every pixel."""
    out = []
    for k, grid in enumerate((s.red, s.blue)):
        ok = _believed(s, k)
        filled = _fill(grid, ok)
        out.append((_field(filled[..., 0], ok, s, h, w), _field(filled[..., 1], ok, s, h, w)))
    return out


def _realign(rgb: np.ndarray, fields: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """Red and blue moved back onto green by their shifts at every pixel."""
    h, w = rgb.shape[:2]
    out = rgb.copy()
    xs = np.arange(w, dtype=np.float32)[None, :]
    ys = np.arange(h, dtype=np.float32)[:, None]
    for c, (dy, dx) in zip((0, 2), fields):
        out[:, :, c] = cv2.remap(rgb[:, :, c], xs + dx, ys + dy, cv2.INTER_LINEAR,
                                 borderMode=cv2.BORDER_REPLICATE)
    return out


def _look(rgb: np.ndarray, dpi: int) -> tuple[int, float]:
    """Cheap look at low resolution, on strips across the whole page along each axis in turn:
    ``(axis, share)``, the axis along which the shift changes (0 rows, 1 columns: the feed's)
    and the share of its strips that are shifted."""
    scale = min(1.0, LOOK_DPI / dpi, LOOK_SIDE / max(rgb.shape[:2]))
    small = cv2.resize(rgb, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    if np.array_equal(small[:, :, 0], small[:, :, 1]) and np.array_equal(small[:, :, 1],
                                                                         small[:, :, 2]):
        return 0, 0.0  # a gray page stored as colour
    strip = max(16, int(round(TILE_MM / 25.4 * dpi * scale * 2)))
    min_shift = max(MIN_SHIFT_PX * scale, MIN_SHIFT_MM / 25.4 * dpi * scale)
    flipped = np.ascontiguousarray(small.transpose(1, 0, 2))
    looks = [tile_shifts(a, strip, a.shape[1], ink_centres=False, explained=LOOK_EXPLAINED,
                         min_mismatch=LOOK_MISMATCH) for a in (small, flipped)]
    # strips along the feed each hold their own shift; strips across it all read about the
    # same mean of them
    axis = int(np.argmax([_spread(s) for s in looks]))
    return axis, _shifted_share(looks[axis], min_shift)


def register_channels(rgb: np.ndarray, dpi: int) -> tuple[np.ndarray, dict[str, Any] | None]:
    """The colour page with its channels back in register, or the same array unchanged.

    Args:
        rgb: The page, (H, W, 3) uint8.
        dpi: Its resolution (sets what shift counts as one and the tile size).

    Returns:
        The page (the input itself when it is in register) and, when it was realigned, a
        history entry with the largest shift of red and of blue (pixels).
    """
    if rgb.ndim != 3 or rgb.shape[2] != 3 or min(rgb.shape[:2]) < 64:
        return rgb, None
    axis, look = _look(rgb, dpi)
    if look < MIN_SHIFTED_SHARE:
        return rgb, None
    # tiles are long across the feed: turn the page so that the feed runs down its rows
    page = rgb if axis == 0 else np.ascontiguousarray(rgb.transpose(1, 0, 2))
    px = dpi / 25.4
    s = tile_shifts(page, max(16, int(round(TILE_MM * px))),
                    max(64, int(round(TILE_WIDTH_MM * px))))
    shifted, believed = _shifted(s, max(MIN_SHIFT_PX, MIN_SHIFT_MM * px))
    if shifted < MIN_SHIFTED_TILES:
        return rgb, None

    def worst(shift: np.ndarray, which: int) -> float:
        ok = _believed(s, which)
        return round(float(np.abs(shift[ok]).max()), 2) if ok.any() else 0.0

    h, w = page.shape[:2]
    fields = _fields(s, h, w)
    out = _realign(page, fields)
    # the shift changes faster than a tile in places: measure what is left on smaller tiles
    # and add it (moving from the scan again, so the channels are interpolated once)
    s2 = tile_shifts(out, max(16, int(round(TILE_MM * px / 2))),
                     max(64, int(round(TILE_WIDTH_MM * px / 2))))
    if _shifted_share(s2, max(MIN_SHIFT_PX, MIN_SHIFT_MM * px)) > 0:
        fields = [(dy + ry, dx + rx) for (dy, dx), (ry, rx) in zip(fields, _fields(s2, h, w))]
        out = _realign(page, fields)
    if axis == 1:
        out = np.ascontiguousarray(out.transpose(1, 0, 2))
    return out, {"step": "register_channels", "target": "both",
                 "feed": "down the rows" if axis == 0 else "along the columns",
                 "max_shift_red_px": worst(s.red, 0), "max_shift_blue_px": worst(s.blue, 1),
                 "shifted_tiles": shifted, "measured_tiles": believed}
