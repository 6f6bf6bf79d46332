"""Two-layer PDF/A-2b documents: each page's image with an invisible, positioned OCR text layer.

Hand-written (no new dependency): the file is small and fixed in shape — one image and one
text layer per page, a glyphless embedded font, XMP, an sRGB output intent — and writing it
directly keeps it all in memory and under our control. Colour/gray images are stored as JPEG,
bilevel images as CCITT G4 (Flate if G4 is unavailable). Text is drawn in render mode 3
(invisible) with Tesseract's glyphless font and an identity ToUnicode map, so copying from a
viewer or ``pdftotext`` yields the corrected NFC Vietnamese text.
"""

from __future__ import annotations

import hashlib
import io
import unicodedata
import uuid
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
from PIL import Image

from ocr._glyphless import GLYPHLESS_TTF
from ocr.errors import PdfBuildError
from ocr.model import OcrPage, OcrWord
from ocr.pdfmeta import info_dict, srgb_icc, xmp_packet
from ocr.pdfwriter import Name, PdfWriter, Ref

__all__ = ["JPEG_QUALITY", "EncodedImage", "PdfPage", "build_pdf", "encode_image", "jpeg_image"]

#: JPEG quality for colour and gray page images.
JPEG_QUALITY = 85


@dataclass(frozen=True)
class EncodedImage:
    """A page image already compressed for the PDF (see :func:`encode_image`).

    Encoding each page as soon as it is processed keeps only compressed pages in memory
    while a long document is assembled.
    """

    data: bytes
    width: int
    height: int
    params: tuple[tuple[str, object], ...]


@dataclass(frozen=True)
class PdfPage:
    """One page of a document: the archive image, its resolution and its OCR result.

    ``ocr`` boxes may refer to an image of another size (e.g. OCR on a cleaned copy); they are
    scaled to ``image``. An array image is turned like the OCR turned its page
    (``ocr.rotation``); an :class:`EncodedImage` must already be upright
    (``encode_image(ocr.engine.upright(img, ocr))``).
    """

    image: np.ndarray | EncodedImage
    dpi: int
    ocr: OcrPage | None = None


def _is_bilevel(img: np.ndarray) -> bool:
    return img.ndim == 2 and bool(((img == 0) | (img == 255)).all())


def _g4(img: np.ndarray) -> bytes | None:
    """CCITT G4 data of a bilevel image (one TIFF strip), or None if Pillow cannot make it."""
    buf = io.BytesIO()
    try:
        Image.fromarray(img).convert("1").save(buf, "TIFF", compression="group4",
                                               strip_size=1 << 30)
        tif = Image.open(io.BytesIO(buf.getvalue()))
        offsets, counts = tif.tag_v2[273], tif.tag_v2[279]
        if len(offsets) != 1 or tif.tag_v2.get(262) != 1:
            return None
        return buf.getvalue()[offsets[0]:offsets[0] + counts[0]]
    except (OSError, KeyError, TypeError, ValueError):
        return None


def jpeg_image(data: bytes) -> EncodedImage | None:
    """A stored JPEG as a PDF image without decoding and re-encoding it.

    The archive image is already a JPEG: embedding its bytes as they are (``DCTDecode``)
    keeps the PDF image identical to the archived one (no second generation of JPEG loss)
    and costs nothing, where decoding and encoding again took ~0.08 s of CPU per A4 page.

    Args:
        data: JPEG file bytes.

    Returns:
        The image, or ``None`` when ``data`` is not a gray or RGB JPEG (a CMYK or broken
        file): decode it and use :func:`encode_image` then.
    """
    try:
        with Image.open(io.BytesIO(data)) as im:  # reads the header only
            if im.format != "JPEG" or im.mode not in ("L", "RGB"):
                return None
            width, height, mode = im.width, im.height, im.mode
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    head = (("BitsPerComponent", 8),
            ("ColorSpace", Name("DeviceGray" if mode == "L" else "DeviceRGB")),
            ("Filter", Name("DCTDecode")))
    return EncodedImage(bytes(data), width, height, head)


def encode_image(img: np.ndarray) -> EncodedImage:
    """Compress a page image the way the PDF stores it: JPEG, or CCITT G4/Flate if bilevel.

    Args:
        img: Gray or RGB ``uint8`` array.

    Returns:
        The encoded image.

    Raises:
        PdfBuildError: Not a gray or RGB ``uint8`` array.
    """
    if not isinstance(img, np.ndarray) or img.dtype != np.uint8 or img.ndim not in (2, 3):
        raise PdfBuildError("page image must be a gray or RGB uint8 array")
    if img.ndim == 3:
        img = img[:, :, :3] if img.shape[2] >= 3 else img[:, :, 0]
    h, w = img.shape[:2]
    head: dict[str, object] = {}
    if _is_bilevel(img):
        head.update(BitsPerComponent=1, ColorSpace=Name("DeviceGray"))
        data = _g4(img)
        if data is not None:  # BlackIsZero TIFF data: CCITT "black" runs are white pixels
            head.update(Filter=Name("CCITTFaxDecode"),
                        DecodeParms={"K": -1, "Columns": w, "Rows": h, "BlackIs1": True})
        else:
            data = zlib.compress(np.packbits(img > 127, axis=1).tobytes(), 9)
            head.update(Filter=Name("FlateDecode"))
        return EncodedImage(data, w, h, tuple(head.items()))
    buf = io.BytesIO()
    mode = "L" if img.ndim == 2 else "RGB"
    Image.fromarray(img, mode).save(buf, "JPEG", quality=JPEG_QUALITY, optimize=True)
    head.update(BitsPerComponent=8, ColorSpace=Name("DeviceGray" if mode == "L" else "DeviceRGB"),
                Filter=Name("DCTDecode"))
    return EncodedImage(buf.getvalue(), w, h, tuple(head.items()))


def _image_xobject(pdf: PdfWriter, enc: EncodedImage) -> Ref:
    head: dict[str, object] = {"Type": Name("XObject"), "Subtype": Name("Image"),
                               "Width": enc.width, "Height": enc.height, **dict(enc.params)}
    return pdf.add_stream(enc.data, head)


def _hex(text: str) -> str:
    out = []
    for ch in unicodedata.normalize("NFC", text):
        code = ord(ch)
        out.append(f"{code:04X}" if code < 0xD800 or 0xE000 <= code <= 0xFFFF else "FFFD")
    return "".join(out)


def _lines(words: Sequence[OcrWord]) -> list[list[OcrWord]]:
    lines: dict[int, list[OcrWord]] = {}
    for w in words:
        if w.text.strip():
            lines.setdefault(w.line, []).append(w)
    return [lines[k] for k in sorted(lines)]


def _text_layer(ocr: OcrPage, img_w: int, img_h: int, dpi: int) -> str:
    """Content-stream operators drawing the words invisibly over the image (points)."""
    sx = img_w / ocr.width if ocr.width else 1.0
    sy = img_h / ocr.height if ocr.height else 1.0
    k = 72.0 / dpi
    page_h = img_h * k
    ops = ["BT", "3 Tr"]
    for line in _lines(ocr.words):
        top = min(w.top for w in line) * sy
        bottom = max(w.top + w.height for w in line) * sy
        size = max(1.0, (bottom - top) * k)
        ops.append(f"/F1 {size:.2f} Tf")
        base = page_h - bottom * k
        for i, w in enumerate(line):
            text = w.text + (" " if i + 1 < len(line) else "")
            end = line[i + 1].left if i + 1 < len(line) else w.left + w.width
            target = max(1.0, (end - w.left) * sx * k)
            natural = max(0.5, len(text) * 0.5 * size)
            ops.append(f"{100.0 * target / natural:.2f} Tz 1 0 0 1 {w.left * sx * k:.2f} "
                       f"{base:.2f} Tm <{_hex(text)}> Tj")
    ops.append("ET")
    return "\n".join(ops)


def _font(pdf: PdfWriter) -> Ref:
    """The glyphless Type0/CIDFontType2 font with an identity ToUnicode map."""
    ttf = pdf.add_stream(GLYPHLESS_TTF, {"Length1": len(GLYPHLESS_TTF)}, compress=True)
    desc = pdf.add({"Type": Name("FontDescriptor"), "FontName": Name("GlyphLessFont"),
                    "Flags": 5, "FontBBox": [0, 0, 500, 1000], "ItalicAngle": 0,
                    "Ascent": 1000, "Descent": 0, "CapHeight": 1000, "StemV": 80,
                    "FontFile2": ttf})
    gid_map = pdf.add_stream(b"\x00\x01" * 65536, compress=True)
    cid = pdf.add({"Type": Name("Font"), "Subtype": Name("CIDFontType2"),
                   "BaseFont": Name("GlyphLessFont"),
                   "CIDSystemInfo": {"Registry": b"(Adobe)", "Ordering": b"(Identity)",
                                     "Supplement": 0},
                   "FontDescriptor": desc, "DW": 500, "W": [0, [500]],
                   "CIDToGIDMap": gid_map})
    ranges = [f"<{hi:02X}00> <{hi:02X}FF> <{hi:02X}00>" for hi in range(256)
              if not 0xD8 <= hi <= 0xDF]
    blocks = []
    for i in range(0, len(ranges), 100):
        chunk = ranges[i:i + 100]
        blocks.append(f"{len(chunk)} beginbfrange\n" + "\n".join(chunk) + "\nendbfrange")
    cmap = ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
            + "\n".join(blocks) + "\nendcmap\nCMapName currentdict /CMap defineresource pop\n"
            "end\nend\n")
    to_unicode = pdf.add_stream(cmap.encode("ascii"), compress=True)
    return pdf.add({"Type": Name("Font"), "Subtype": Name("Type0"),
                    "BaseFont": Name("GlyphLessFont"), "Encoding": Name("Identity-H"),
                    "DescendantFonts": [cid], "ToUnicode": to_unicode})


def _page(pdf: PdfWriter, parent: Ref, font: Ref, page: PdfPage) -> Ref:
    img = page.image
    if isinstance(img, np.ndarray) and page.ocr is not None and page.ocr.rotation:
        img = np.ascontiguousarray(np.rot90(img, -(page.ocr.rotation // 90)))
    enc = img if isinstance(img, EncodedImage) else encode_image(img)
    if page.dpi <= 0:
        raise PdfBuildError(f"invalid resolution {page.dpi}")
    w, h = enc.width, enc.height
    wp, hp = w * 72.0 / page.dpi, h * 72.0 / page.dpi
    image = _image_xobject(pdf, enc)
    content = f"q {wp:.4f} 0 0 {hp:.4f} 0 0 cm /Im0 Do Q\n"
    if page.ocr is not None and page.ocr.words:
        content += _text_layer(page.ocr, w, h, page.dpi) + "\n"
    stream = pdf.add_stream(content.encode("ascii"), compress=True)
    return pdf.add({"Type": Name("Page"), "Parent": parent,
                    "MediaBox": [0, 0, round(wp, 4), round(hp, 4)],
                    "Resources": {"XObject": {"Im0": image}, "Font": {"F1": font}},
                    "Contents": stream})


def build_pdf(pages: Sequence[PdfPage], *, title: str, author: str = "", subject: str = "",
              keywords: str = "", lang: str = "vi-VN", created: datetime | None = None) -> bytes:
    """Assemble one two-layer PDF/A-2b document in memory.

    Args:
        pages: The pages in order.
        title: Document title (Info and XMP ``dc:title``).
        author: Author (issuing organisation).
        subject: Subject (trích yếu).
        keywords: Keywords.
        lang: Natural language of the text (catalog ``/Lang``).
        created: Creation time (default: now, UTC).

    Returns:
        The PDF file's bytes.

    Raises:
        PdfBuildError: No pages, or a page image that cannot be stored.
    """
    if not pages:
        raise PdfBuildError("a document needs at least one page")
    when = (created or datetime.now(UTC)).replace(microsecond=0)
    pdf = PdfWriter("1.7")
    catalog, pages_ref = pdf.reserve(), pdf.reserve()
    font = _font(pdf)
    kids = [_page(pdf, pages_ref, font, p) for p in pages]
    pdf.put(pages_ref, {"Type": Name("Pages"), "Kids": kids, "Count": len(kids)})
    digest = hashlib.sha256()
    for p in pages:
        digest.update(p.image.data[:1 << 20] if isinstance(p.image, EncodedImage)
                      else p.image.tobytes()[:1 << 20])
        digest.update((p.ocr.text if p.ocr else "").encode("utf-8"))
    digest.update(f"{title}\0{author}\0{subject}\0{keywords}\0{when.isoformat()}".encode())
    file_id = digest.digest()[:16]
    doc_id = str(uuid.UUID(bytes=file_id))
    meta = dict(title=title, author=author, subject=subject, keywords=keywords, when=when)
    xmp = pdf.add_stream(xmp_packet(lang=lang, doc_id=doc_id, **meta),
                         {"Type": Name("Metadata"), "Subtype": Name("XML")})
    icc = pdf.add_stream(srgb_icc(), {"N": 3}, compress=True)
    intent = {"Type": Name("OutputIntent"), "S": Name("GTS_PDFA1"),
              "OutputConditionIdentifier": "sRGB IEC61966-2.1", "Info": "sRGB IEC61966-2.1",
              "RegistryName": "http://www.color.org", "DestOutputProfile": icc}
    pdf.put(catalog, {"Type": Name("Catalog"), "Pages": pages_ref, "Metadata": xmp,
                      "OutputIntents": [intent], "Lang": lang,
                      "ViewerPreferences": {"DisplayDocTitle": True}})
    info = pdf.add(info_dict(**meta))
    return pdf.finish(catalog, info, file_id)
