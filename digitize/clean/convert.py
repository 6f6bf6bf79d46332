"""Bring any page array (gray, RGB, RGBA, CMYK, 16-bit, float) to 8-bit gray or RGB."""

from __future__ import annotations

from typing import Any

import cv2
import numpy as np

from digitize.errors import ImageInvalid, ImageTooLarge

__all__ = ["check_size", "to_gray", "to_uint8_page"]


def check_size(image: Any, max_pixels: int) -> tuple[int, int]:
    """Validate the array's shape before touching its pixels; return (height, width).

    Raises:
        ImageInvalid: Not a numpy array, no pixels, or an unsupported shape.
        ImageTooLarge: More than ``max_pixels`` pixels.
    """
    if not isinstance(image, np.ndarray):
        raise ImageInvalid(f"không phải mảng ảnh / not an image array ({type(image).__name__})")
    if image.ndim not in (2, 3) or (image.ndim == 3 and image.shape[2] not in (1, 2, 3, 4)):
        raise ImageInvalid(f"kích thước mảng không hỗ trợ / unsupported shape {image.shape}")
    h, w = image.shape[:2]
    if h == 0 or w == 0:
        raise ImageInvalid(f"ảnh không có điểm ảnh nào / the image has no pixels ({w}x{h})")
    if h * w > max_pixels:
        raise ImageTooLarge(width=w, height=h, pixels=round(h * w / 1e6, 1),
                            limit=round(max_pixels / 1e6, 1))
    if image.dtype.kind not in "buif":
        raise ImageInvalid(f"kiểu điểm ảnh không hỗ trợ / unsupported pixel type {image.dtype}")
    return h, w


def _to_uint8(a: np.ndarray) -> tuple[np.ndarray, str]:
    """Scale any numeric array to uint8; return it and a note of what was done."""
    if a.dtype == np.uint8:
        return a, "uint8"
    if a.dtype == np.bool_:
        return a.astype(np.uint8) * np.uint8(255), "bool"
    if a.dtype == np.uint16:
        return (a >> 8).astype(np.uint8), "uint16>>8"
    if a.dtype.kind == "f":
        finite = np.nan_to_num(a.astype(np.float32, copy=False), nan=0.0, posinf=1.0, neginf=0.0)
        top = float(finite.max()) if finite.size else 1.0
        scale = 255.0 if top <= 1.0 else 255.0 / top
        return cv2.convertScaleAbs(finite, alpha=scale), f"float*{scale:.4g}"
    lo, hi = int(a.min()), int(a.max())
    if lo >= 0 and hi <= 255:
        return a.astype(np.uint8), f"{a.dtype}"
    f = (a.astype(np.float32) - lo) * (255.0 / max(1, hi - lo))
    return f.astype(np.uint8), f"{a.dtype} stretched"


def _looks_cmyk(four: np.ndarray) -> bool:
    """A 4th channel that is mostly 0 on a page is black ink (CMYK K), not alpha."""
    sample = four[:: max(1, four.shape[0] // 128), :: max(1, four.shape[1] // 128), 3]
    return float(np.median(sample)) < 128


def to_uint8_page(image: np.ndarray, channels: str = "auto") -> tuple[np.ndarray, dict[str, Any]]:
    """Return the page as uint8 gray (H, W) or RGB (H, W, 3), without a copy when it already is.

    Args:
        image: The page; gray, gray+alpha, RGB, RGBA or CMYK, any integer or float type.
        channels: For 4-channel input: ``"auto"`` (guess), ``"rgba"`` or ``"cmyk"``.

    Returns:
        The page and a report of how the input was read.
    """
    a, depth = _to_uint8(image)
    info: dict[str, Any] = {"dtype": str(image.dtype), "shape": list(image.shape), "depth": depth}
    if a.ndim == 3 and a.shape[2] == 1:
        a = a[:, :, 0]
    if a.ndim == 2:
        info["read_as"] = "gray"
        return a, info
    c = a.shape[2]
    if c == 3:
        info["read_as"] = "rgb"
        return a, info
    if c == 4 and (channels == "cmyk" or (channels == "auto" and _looks_cmyk(a))):
        inv = 255 - a.astype(np.uint16)  # (1-C)(1-K) per channel, in 0..255
        rgb = (inv[:, :, :3] * inv[:, :, 3:4] // 255).astype(np.uint8)
        info["read_as"] = "cmyk"
        return rgb, info
    # colour/gray plus alpha: composite on white paper
    alpha = a[:, :, -1:].astype(np.uint16)
    base = a[:, :, :-1].astype(np.uint16)
    out = ((base * alpha + 255 * (255 - alpha)) // 255).astype(np.uint8)
    info["read_as"] = "rgba" if c == 4 else "gray+alpha"
    return (out[:, :, 0] if c == 2 else out), info


def to_gray(image: np.ndarray) -> np.ndarray:
    """The page as uint8 gray (no copy for gray input)."""
    return image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
