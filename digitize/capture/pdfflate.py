"""A PDF image stored deflated with PNG predictors, decoded by libpng instead of pypdf.

Such a stream is the IDAT data of a PNG file (one filter byte per row, then the samples): PDFs
made from PNG scans (``img2pdf``, many scanning tools) store their pages this way. pypdf undoes
the predictors in pure Python, ~11 s for one A4 colour page at 240 dpi; wrapped into a PNG
container the same bytes decode in Pillow's C code in a few tens of milliseconds, pixel for
pixel the same.
"""

from __future__ import annotations

import struct
import zlib
from io import BytesIO
from typing import Any

from PIL import Image

__all__ = ["png_predicted_image", "single_filter"]

_COLOUR_TYPES = {"/DeviceGray": (1, 0), "/DeviceRGB": (3, 2)}  # colour space -> (samples, PNG)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def single_filter(value: Any) -> Any:
    """A one-element array as its element (``/Filter [/FlateDecode]``), else the value."""
    if isinstance(value, list):
        return value[0] if len(value) == 1 else None
    return value


def png_predicted_image(xobject: Any) -> Image.Image | None:
    """The image of ``xobject`` when it is 8-bit gray or RGB, deflated with PNG predictors and
    nothing else (no mask, no decode array); ``None`` for any other image (pypdf decodes it).

    Args:
        xobject: A pypdf image XObject (its stream dictionary).

    Returns:
        The decoded Pillow image (mode ``L`` or ``RGB``), or ``None``.
    """
    filt = single_filter(xobject.get("/Filter"))
    if filt is None or str(filt) != "/FlateDecode":
        return None
    parms = single_filter(xobject.get("/DecodeParms"))
    parms = parms.get_object() if parms is not None else None
    if not parms or int(parms.get("/Predictor", 1)) < 10:
        return None
    space = xobject.get("/ColorSpace")
    space = str(space.get_object()) if space is not None else ""
    if space not in _COLOUR_TYPES or "/SMask" in xobject or "/Mask" in xobject \
            or "/Decode" in xobject or xobject.get("/ImageMask"):
        return None
    samples, colour_type = _COLOUR_TYPES[space]
    width, height = int(xobject.get("/Width", 0)), int(xobject.get("/Height", 0))
    layout = (int(xobject.get("/BitsPerComponent", 0)), int(parms.get("/BitsPerComponent", 8)),
              int(parms.get("/Colors", 1)), int(parms.get("/Columns", 1)))
    if layout != (8, 8, samples, width) or width <= 0 or height <= 0:
        return None
    header = struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0)
    png = (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
           + _chunk(b"IDAT", bytes(xobject._data)) + _chunk(b"IEND", b""))
    try:
        image = Image.open(BytesIO(png))
        image.load()
    except (OSError, SyntaxError, ValueError, zlib.error):
        return None  # damaged or unusual stream: pypdf decides
    return image
