"""PDF pages stored deflated with PNG predictors decode through libpng, pixel for pixel."""

from __future__ import annotations

import zlib
from io import BytesIO
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from pypdf import PdfReader
from pypdf.filters import FlateDecode

from digitize.capture import CapturedPage, iter_import
from digitize.capture.pdfflate import png_predicted_image
from tests.unit.capture.pdfmaker import image_pdf


def _idat(img: Image.Image) -> bytes:
    """The zlib stream of a PNG encoding of ``img`` (rows with PNG filter bytes)."""
    buf = BytesIO()
    img.save(buf, "PNG", optimize=True)  # adaptive filters: None, Sub, Up, Average, Paeth
    data, pos, out = buf.getvalue(), 8, b""
    while pos < len(data):
        n = int.from_bytes(data[pos:pos + 4], "big")
        if data[pos + 4:pos + 8] == b"IDAT":
            out += data[pos + 8:pos + 8 + n]
        pos += n + 12
    return out


def _pdf(path: Path, img: Image.Image, *, dpi: int = 150, extra: str = "") -> Path:
    """A one-page PDF holding ``img`` as a FlateDecode image with PNG predictors."""
    w, _ = img.size
    colors, space = (3, "/DeviceRGB") if img.mode == "RGB" else (1, "/DeviceGray")
    return image_pdf(path, img.size, f"/ColorSpace {space} /BitsPerComponent 8 /Filter "
                     f"/FlateDecode /DecodeParms << /Predictor 15 /Colors {colors} /Columns {w} "
                     f"/BitsPerComponent 8 >> {extra}", _idat(img), dpi=dpi)


def _scan(mode: str) -> Image.Image:
    rng = np.random.default_rng(7)
    a = np.full((120, 90, 3), 235, np.uint8)
    a[20:40, 10:80] = (200, 30, 40)  # a red stamp
    a[60:64, 5:85] = 20  # a line of print
    a = np.clip(a.astype(int) + rng.integers(-12, 12, a.shape), 0, 255).astype(np.uint8)
    img = Image.fromarray(a)
    return img if mode == "RGB" else img.convert("L")


@pytest.mark.parametrize("mode", ["RGB", "L"])
def test_predicted_flate_image_decodes_as_pypdf_does(tmp_path: Path, mode: str,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    img = _scan(mode)
    pdf = _pdf(tmp_path / "scan.pdf", img)
    xo = PdfReader(pdf).pages[0]["/Resources"]["/XObject"]["/Im0"].get_object()
    ours = png_predicted_image(xo)
    assert ours is not None and ours.mode == mode
    theirs = PdfReader(pdf).pages[0].images[0].image
    assert np.array_equal(np.asarray(ours), np.asarray(theirs))
    assert np.array_equal(np.asarray(ours), np.asarray(img))

    def slow(*_a: object) -> bytes:
        raise AssertionError("pypdf's Python predictor decoder was used")

    monkeypatch.setattr(FlateDecode, "_decode_png_prediction", staticmethod(slow))
    (page,) = list(iter_import([pdf], quality=False))
    assert isinstance(page, CapturedPage)
    assert page.dpi == 150 and page.info == {"pdf": "image"}
    expect = np.asarray(img)
    assert np.array_equal(page.image, expect)


def test_other_images_are_left_to_pypdf(tmp_path: Path) -> None:
    """A soft mask (or a decode array, another colour space...) is not ours to decode."""
    pdf = _pdf(tmp_path / "masked.pdf", _scan("RGB"), extra="/SMask 5 0 R ")
    xo = PdfReader(pdf).pages[0]["/Resources"]["/XObject"]["/Im0"].get_object()
    assert png_predicted_image(xo) is None
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(_pdf(tmp_path / "p.pdf", _scan("L")).read_bytes()
                      .replace(b"/Predictor 15", b"/Predictor 01"))
    xo = PdfReader(plain).pages[0]["/Resources"]["/XObject"]["/Im0"].get_object()
    assert png_predicted_image(xo) is None


def test_damaged_stream_falls_back(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path / "scan.pdf", _scan("L"))
    xo = PdfReader(pdf).pages[0]["/Resources"]["/XObject"]["/Im0"].get_object()
    xo._data = zlib.compress(b"\x00" * 10)  # far too short for the declared size
    assert png_predicted_image(xo) is None
