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
    w, h = img.size
    colors, space = (3, "/DeviceRGB") if img.mode == "RGB" else (1, "/DeviceGray")
    stream = _idat(img)
    wpt, hpt = w * 72 / dpi, h * 72 / dpi
    content = f"q {wpt:.3f} 0 0 {hpt:.3f} 0 0 cm /Im0 Do Q".encode()
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {wpt:.3f} {hpt:.3f}] "
            f"/Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>".encode(),
            f"<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace {space} "
            f"/BitsPerComponent 8 /Filter /FlateDecode /DecodeParms << /Predictor 15 "
            f"/Colors {colors} /Columns {w} /BitsPerComponent 8 >> {extra}"
            f"/Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream",
            f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream"]
    out, offsets = b"%PDF-1.4\n", []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(out)
    return path


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
