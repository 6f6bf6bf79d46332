"""A PDF image stored as a JPEG (``/DCTDecode``), decoded straight from its stream.

pypdf decodes such an image, then saves it again as a JPEG and opens that copy (its
``ImageFile.image``): one more generation of JPEG loss on every page of a scanned PDF, and the
CPU of an encode and a second decode (measured on 20 real office scans: 0.03 s per page, a third
of the import). The stream of a plain gray or RGB JPEG image is a JPEG file: Pillow opens it as
it is, the pixels the scanner wrote.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from PIL import Image

from digitize.capture.pdfflate import single_filter

__all__ = ["jpeg_image"]

#: Colour space -> the Pillow mode its 8-bit JPEG decodes to (``/ICCBased`` by its ``/N``).
_MODES = {"/DeviceGray": "L", "/DeviceRGB": "RGB"}
_ICC_MODES = {1: "L", 3: "RGB"}


def _mode(space: Any) -> str | None:
    """The Pillow mode of a colour space we decode as it is, else ``None``."""
    if space is None:
        return None
    space = space.get_object()
    if isinstance(space, list) and len(space) == 2 and str(space[0]) == "/ICCBased":
        return _ICC_MODES.get(int(space[1].get_object().get("/N", 0)))
    return _MODES.get(str(space))


def jpeg_image(xobject: Any) -> Image.Image | None:
    """The image of ``xobject`` when it is an 8-bit gray or RGB JPEG and nothing else (no other
    filter, mask or decode array), decoded from its own bytes; ``None`` otherwise (pypdf then
    decodes it: CMYK, JPEG 2000, masked images...).

    Args:
        xobject: A pypdf image XObject (its stream dictionary).

    Returns:
        The decoded Pillow image (mode ``L`` or ``RGB``, the declared size), or ``None``.
    """
    filt = single_filter(xobject.get("/Filter"))
    if filt is None or str(filt) != "/DCTDecode" or int(xobject.get("/BitsPerComponent", 8)) != 8:
        return None
    if "/SMask" in xobject or "/Mask" in xobject or "/Decode" in xobject \
            or xobject.get("/ImageMask"):
        return None
    mode = _mode(xobject.get("/ColorSpace"))
    size = (int(xobject.get("/Width", 0)), int(xobject.get("/Height", 0)))
    try:
        image = Image.open(BytesIO(bytes(xobject._data)), formats=("JPEG",))
        if image.mode != mode or image.size != size:
            return None  # a CMYK or YCCK JPEG, or one that disagrees with its dictionary
        image.load()
    except (OSError, SyntaxError, ValueError):
        return None  # damaged or unusual stream: pypdf decides
    return image
