"""A scanned PDF's JPEG pages are imported as the scanner wrote them: decoded from the stream,
not decoded, saved again as a JPEG and decoded once more (pypdf's ``image``)."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from pypdf import PdfReader

from digitize.capture import CapturedPage, iter_import
from digitize.capture.pdfdct import jpeg_image
from tests.unit.capture.pdfmaker import image_pdf


def _scan(mode: str) -> Image.Image:
    """A small page with print, a red stamp and sensor noise (JPEG re-encoding changes it)."""
    rng = np.random.default_rng(11)
    a = np.full((160, 120, 3), 232, np.uint8)
    a[30:52, 15:100] = (205, 35, 45)
    a[80:85, 8:112] = 25
    a = np.clip(a.astype(int) + rng.integers(-14, 14, a.shape), 0, 255).astype(np.uint8)
    img = Image.fromarray(a)
    return img if mode == "RGB" else img.convert("L")


def _jpeg(img: Image.Image, **kw: object) -> bytes:
    buf = BytesIO()
    img.save(buf, "JPEG", quality=80, **kw)
    return buf.getvalue()


def _pdf(path: Path, data: bytes, mode: str, *, space: str = "", extra: str = "",
         more: tuple[bytes, ...] = ()) -> Path:
    space = space or ("/DeviceRGB" if mode == "RGB" else "/DeviceGray")
    return image_pdf(path, (120, 160), f"/ColorSpace {space} /BitsPerComponent 8 /Filter "
                     f"/DCTDecode {extra}", data, more=more)


@pytest.mark.parametrize("mode", ["RGB", "L"])
def test_jpeg_page_is_the_scanners_pixels(tmp_path: Path, mode: str) -> None:
    data = _jpeg(_scan(mode))
    pdf = _pdf(tmp_path / "scan.pdf", data, mode)
    expect = np.asarray(Image.open(BytesIO(data)))
    (page,) = list(iter_import([pdf], quality=False))
    assert isinstance(page, CapturedPage) and page.info == {"pdf": "image"}
    assert page.dpi == 150
    assert np.array_equal(page.image, expect)  # pypdf's re-encoded copy differs (old code)
    if mode == "RGB":  # the generation loss this avoids (a gray JPEG happens to survive it)
        theirs = np.asarray(PdfReader(pdf).pages[0].images[0].image)
        assert not np.array_equal(theirs, expect)


def test_icc_based_rgb_jpeg_is_decoded_as_it_is(tmp_path: Path) -> None:
    data = _jpeg(_scan("RGB"))
    pdf = _pdf(tmp_path / "icc.pdf", data, "RGB", space="[/ICCBased 6 0 R]",
               more=(b"<< /N 3 /Length 0 >>\nstream\n\nendstream",))
    xo = PdfReader(pdf).pages[0]["/Resources"]["/XObject"]["/Im0"].get_object()
    ours = jpeg_image(xo)
    assert ours is not None and ours.mode == "RGB"
    assert np.array_equal(np.asarray(ours), np.asarray(Image.open(BytesIO(data))))


def test_other_jpegs_are_left_to_pypdf(tmp_path: Path) -> None:
    """CMYK, a decode array, a soft mask, a size that disagrees, a damaged stream: pypdf's."""
    rgb = _jpeg(_scan("RGB"))
    cases = {
        "cmyk": _pdf(tmp_path / "c.pdf", _jpeg(_scan("RGB").convert("CMYK")), "RGB",
                     space="/DeviceCMYK"),
        "decode": _pdf(tmp_path / "d.pdf", rgb, "RGB", extra="/Decode [1 0 1 0 1 0]"),
        "smask": _pdf(tmp_path / "s.pdf", rgb, "RGB", extra="/SMask 5 0 R"),
        "mislabelled": _pdf(tmp_path / "m.pdf", rgb, "L"),
        "damaged": _pdf(tmp_path / "x.pdf", rgb[:200], "RGB"),
    }
    for name, pdf in cases.items():
        xo = PdfReader(pdf).pages[0]["/Resources"]["/XObject"]["/Im0"].get_object()
        assert jpeg_image(xo) is None, name
