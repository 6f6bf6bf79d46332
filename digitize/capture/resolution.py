"""Effective resolution of an imported image: trust the file when plausible, else estimate."""

from __future__ import annotations

import math

from digitize.errors import BadResolution

__all__ = ["PAPER_SIZES_MM", "effective_dpi", "estimate_dpi", "plausible_dpi"]

#: Paper sizes (short side, long side) in mm office documents come on, most likely first.
PAPER_SIZES_MM: dict[str, tuple[float, float]] = {
    "A4": (210.0, 297.0),
    "Letter": (215.9, 279.4),
    "Legal": (215.9, 355.6),
    "B5": (176.0, 250.0),
    "A5": (148.0, 210.0),
    "A3": (297.0, 420.0),
}
_COMMON_DPI = (75, 100, 150, 200, 240, 300, 400, 600, 1200)
_ABSURD_MAX = 10000.0     # no document scanner or camera gets near this
_TRUST = (50.0, 4800.0)   # a tag outside this is a lie, not a fact (e.g. 1 dpi)
_MAX_SIDE_MM = 1300.0     # longer than A0: the tag is a default like 72 dpi
_MIN_SIDE_MM = 25.0
_SCREEN_DPI = (72, 96)     # defaults written by cameras and paint programs, not measurements
_SCREEN_MAX_SIDE_MM = 450.0  # a 72/96 dpi tag is believed only up to about A3


def estimate_dpi(width: int, height: int) -> int:
    """Guess the resolution of a page image assuming a standard paper size.

    The paper size whose aspect ratio is closest wins (A4 when none is close); the result
    snaps to a common scanner resolution when within 5 %.

    Args:
        width: Width in pixels.
        height: Height in pixels.
    """
    short, long_ = sorted((max(1, width), max(1, height)))
    aspect = long_ / short
    close = [s for s in PAPER_SIZES_MM.values() if abs(s[1] / s[0] - aspect) <= 0.02 * aspect]
    best = close[0] if close else PAPER_SIZES_MM["A4"]  # dict order is the preference
    dpi = short / (best[0] / 25.4)
    near = min(_COMMON_DPI, key=lambda d: abs(d - dpi))
    if abs(near - dpi) <= 0.05 * near:
        return near
    return max(1, round(dpi))


def effective_dpi(path: str, width: int, height: int,
                  tag: tuple[float, float] | None) -> tuple[int, bool]:
    """The resolution to use for an image and whether it was estimated.

    Args:
        path: The file, for the error message.
        width: Width in pixels.
        height: Height in pixels.
        tag: The ``(x, y)`` resolution recorded in the file, or ``None``.

    Returns:
        ``(dpi, estimated)``.

    Raises:
        BadResolution: The recorded resolution is absurd (negative, not a number, above
            10 000 dpi, or x and y differ more than fourfold).
    """
    if tag is None or (not tag[0] and not tag[1]):
        return estimate_dpi(width, height), True
    try:
        x, y = float(tag[0]), float(tag[1])
    except (TypeError, ValueError):
        raise BadResolution(path=path, dpi=str(tag)) from None
    shown = f"{x:g}×{y:g}"
    if (not (math.isfinite(x) and math.isfinite(y)) or x <= 0 or y <= 0
            or x > _ABSURD_MAX or y > _ABSURD_MAX or max(x, y) / min(x, y) > 4):
        raise BadResolution(path=path, dpi=shown)
    return plausible_dpi(width, height, x, y)


def plausible_dpi(width: int, height: int, x: float, y: float | None = None) -> tuple[int, bool]:
    """The recorded resolution if the page it gives is plausible, else an estimate.

    A resolution is a lie when it makes the page larger than A0 or smaller than an inch, is
    outside what scanners and cameras write, or is a screen default (72/96 dpi) on a page
    larger than about A3: a 300 dpi scan tagged 96 dpi (or put in a PDF page sized from such a
    tag) would otherwise be read at a third of its size.

    Args:
        width: Width in pixels.
        height: Height in pixels.
        x: Recorded horizontal resolution (dots per inch, > 0).
        y: Recorded vertical resolution; ``x`` when ``None``.

    Returns:
        ``(dpi, estimated)``: never raises.
    """
    y = x if y is None else y
    if not (math.isfinite(x) and math.isfinite(y)) or x <= 0 or y <= 0:
        return estimate_dpi(width, height), True
    dpi = (x + y) / 2
    sides = sorted((width / x * 25.4, height / y * 25.4))
    screen_default = round(dpi) in _SCREEN_DPI and sides[1] > _SCREEN_MAX_SIDE_MM
    if (not (_TRUST[0] <= dpi <= _TRUST[1]) or sides[1] > _MAX_SIDE_MM
            or sides[0] < _MIN_SIDE_MM or screen_default):
        return estimate_dpi(width, height), True
    return max(1, round(dpi)), False
