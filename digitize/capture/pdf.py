"""PDF import: a scanned page yields its embedded image at native resolution, others render."""

from __future__ import annotations

import dataclasses
import math
import shutil
import subprocess
import unicodedata
import warnings
from collections.abc import Callable, Iterator
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

import numpy as np
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import ContentStream

from digitize.capture.decode import as_stream, pil_to_array, tail_bytes
from digitize.capture.page import CapturedPage, ImportProblem
from digitize.capture.pdfdct import jpeg_image
from digitize.capture.pdfflate import png_predicted_image
from digitize.capture.resolution import plausible_dpi
from digitize.errors import (
    CorruptImage,
    DigitizeError,
    EncryptedPdf,
    HiddenAnnotation,
    ImageFileTooLarge,
    NotAvailable,
    TruncatedFile,
)

__all__ = ["RENDER_DPI", "iter_pdf"]

#: Resolution at which pages that are not a single scanned image are rendered.
RENDER_DPI = 300
_MIN_RENDER_DPI = 50
_PAINT_OPS = {b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"S", b"s", b"sh"}
_TEXT_OPS = {b"Tj", b"TJ", b"'", b'"'}


def _mul(m: list[float], n: list[float]) -> list[float]:
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return [a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, f * b2 + f * d2 + f2]


def _single_image(page: object) -> tuple[object, list[float]] | None:
    """The image XObject and its placement matrix if the page is just one placed image."""
    contents = page.get_contents()  # type: ignore[attr-defined]
    if contents is None:
        return None
    resources = page.get("/Resources") or {}  # type: ignore[attr-defined]
    xobjects = resources.get("/XObject") or {}
    ctm, stack, found, mode = [1.0, 0, 0, 1.0, 0, 0], [], None, 0
    for operands, op in ContentStream(contents, None).operations:
        if op == b"q":
            stack.append(ctm)
        elif op == b"Q":
            ctm = stack.pop() if stack else ctm
        elif op == b"cm":
            ctm = _mul([float(v) for v in operands], ctm)
        elif op == b"Tr":
            mode = int(operands[0])
        elif op in _TEXT_OPS and mode != 3:
            return None  # visible text: born-digital
        elif op in _PAINT_OPS or op == b"INLINE IMAGE":
            return None  # vector drawing or inline image: render
        elif op == b"Do":
            xo = xobjects.get(operands[0])
            xo = xo.get_object() if xo is not None else None
            if found is not None or xo is None or xo.get("/Subtype") != "/Image":
                return None
            found = (xo, ctm)
    return found


def _placement(ctm: list[float]) -> tuple[float, float, int, bool]:
    """Placed width/height (points), quarter turns (counter-clockwise) and vertical flip."""
    a, b, c, d = ctm[:4]
    if abs(b) < 1e-6 and abs(c) < 1e-6:
        k = 0 if a > 0 else 2
        flip = (d < 0) if a > 0 else (d > 0)
        return abs(a), abs(d), k, flip
    k = 1 if b > 0 else 3
    flip = (c > 0) if b > 0 else (c < 0)
    return math.hypot(a, b), math.hypot(c, d), k, flip


#: Annotations that draw nothing on the page (links, the pop-up windows of comments).
_INERT_ANNOTS = {"/Link", "/Popup"}
_HIDDEN, _NO_VIEW = 1 << 1, 1 << 5


def _annotations(path: Path, page: object) -> bool:
    """Whether the page carries annotations that draw something (stamps, free text, ink...):
    such a page is rendered with them (``pdftoppm`` draws annotations), never taken from its
    embedded image alone, so a mark stamped as an annotation is seen by the secrecy gate.

    Raises:
        HiddenAnnotation: An annotation is hidden from view but may print or carry text; what
            it says cannot be judged from the page as drawn (issue #18: refuse, not guess).
    """
    annots = page.get("/Annots")  # type: ignore[attr-defined]
    annots = annots.get_object() if annots is not None else None
    if not annots:
        return False
    drawn = False
    for ref in annots:
        a = ref.get_object()
        sub = str(a.get("/Subtype", ""))
        if sub in _INERT_ANNOTS:
            continue
        flags = int(a.get("/F", 0) or 0)
        if flags & (_HIDDEN | _NO_VIEW) and ("/AP" in a or a.get("/Contents")):
            raise HiddenAnnotation(sub or "?", path=str(path))
        drawn = True
    return drawn


def _native(path: Path, page: object, index: int,
            max_pixels: int) -> tuple[CapturedPage | None, int | None]:
    """The page's own scanned image, else ``(None, dpi to render at or None)``."""
    if _annotations(path, page):
        hit = _single_image(page)
        dpi = None
        if hit is not None:  # render at the scan's resolution, annotations drawn over it
            xo, ctm = hit
            wpt = _placement(ctm)[0]
            dpi = max(1, round(int(xo.get("/Width", 0)) / max(1e-6, wpt / 72)))  # type: ignore[attr-defined]
        return None, dpi
    hit = _single_image(page)
    if hit is None:
        return None, None
    xo, ctm = hit
    w_px, h_px = int(xo.get("/Width", 0)), int(xo.get("/Height", 0))  # type: ignore[attr-defined]
    if w_px * h_px > max_pixels:
        raise ImageFileTooLarge(path=str(path), pixels=w_px * h_px, limit=max_pixels)
    box = page.cropbox  # type: ignore[attr-defined]
    pw, ph = float(box.width), float(box.height)
    wpt, hpt, k, flip = _placement(ctm)
    if wpt * hpt < 0.85 * pw * ph or w_px == 0 or h_px == 0:
        return None, None
    dpi = max(1, round(((w_px / (wpt / 72)) + (h_px / (hpt / 72))) / 2))
    if xo.get("/ImageMask") or "/Decode" in xo:  # type: ignore[attr-defined]
        return None, dpi  # stencil masks and inverted samples: let poppler draw them right
    images = page.images  # type: ignore[attr-defined]
    if len(images) != 1:
        return None, dpi
    try:
        im = png_predicted_image(xo) or jpeg_image(xo) or images[0].image
    except Exception:  # noqa: BLE001 - a filter pypdf cannot decode (JBIG2...): render
        return None, dpi  # at the scan's own resolution, so no pixel is invented or lost
    arr, mode = pil_to_array(im)
    if flip:
        arr = np.flipud(arr)
    rotate = (k - int(page.get("/Rotate", 0) or 0) // 90) % 4  # type: ignore[attr-defined]
    if rotate:
        arr = np.ascontiguousarray(np.rot90(arr, rotate))
    return CapturedPage(image=arr, dpi=dpi, source=str(path), index=index, mode=mode,
                        info={"pdf": "image"}), dpi


def _scan_resolution(page: CapturedPage) -> CapturedPage:
    """``page`` with its resolution estimated when the PDF page's size makes it implausible.

    A scan put into a PDF by a tool that sized the page from a 96 dpi screen tag is a page of
    91 × 66 cm: read at 96 dpi, the text looks three times too large to every later stage (the
    secrecy gate once read «mắt» as «MẬT» on such a page). Same rules as image files.
    """
    h, w = page.image.shape[:2]
    dpi, estimated = plausible_dpi(w, h, float(page.dpi))
    if not estimated or dpi <= page.dpi:  # only a page too large is a lie: a small one is
        return page                       # a label, a stamp, a receipt scanned on its own
    return dataclasses.replace(page, dpi=dpi, dpi_estimated=True)


def _is_gray(rgb: np.ndarray) -> bool:
    return bool(np.array_equal(rgb[..., 0], rgb[..., 1])
                and np.array_equal(rgb[..., 1], rgb[..., 2]))


def _render(path: Path, data: bytes | BinaryIO, page: object, index: int, max_pixels: int,
            want_dpi: int | None = None) -> CapturedPage:
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise NotAvailable("pdftoppm (apt install poppler-utils)")
    box = page.cropbox  # type: ignore[attr-defined]
    area_in2 = max(1e-6, float(box.width) * float(box.height) / 72 / 72)
    want = min(max(want_dpi or RENDER_DPI, _MIN_RENDER_DPI), 1200)
    dpi = min(want, int(math.sqrt(max_pixels / area_in2)))
    if dpi < _MIN_RENDER_DPI:
        raise ImageFileTooLarge(path=str(path), pixels=int(area_in2 * want ** 2),
                                limit=max_pixels)
    n = str(index + 1)
    # the exact bytes parsed go in on stdin (a large file: the same open file, which pdftoppm
    # opens as /dev/stdin to seek in it); the page comes back on stdout, never on disk
    try:
        if isinstance(data, bytes):
            run = subprocess.run([exe, "-r", str(dpi), "-f", n, "-l", n, "-"], input=data,
                                 capture_output=True, timeout=300, check=False)
        else:
            data.seek(0)
            run = subprocess.run([exe, "-r", str(dpi), "-f", n, "-l", n, "/dev/stdin"],
                                 stdin=data, capture_output=True, timeout=300, check=False)
    except subprocess.TimeoutExpired as e:
        raise CorruptImage("pdftoppm timed out", path=str(path)) from e
    if run.returncode != 0 or not run.stdout:
        raise CorruptImage(run.stderr.decode("utf-8", "replace").strip()[:200] or
                           f"pdftoppm exit {run.returncode}", path=str(path))
    arr, mode = pil_to_array(Image.open(BytesIO(run.stdout)))
    if mode == "color" and _is_gray(arr):
        arr, mode = np.ascontiguousarray(arr[..., 0]), "gray"  # a third of the memory
    text = unicodedata.normalize("NFC", page.extract_text() or "")  # type: ignore[attr-defined]
    return CapturedPage(image=arr, dpi=dpi, source=str(path), index=index, mode=mode,
                        text=text if text.strip() else None, info={"pdf": "rendered"})


def _open(path: Path, data: bytes | BinaryIO) -> PdfReader:
    if b"%%EOF" not in tail_bytes(data, 4096):
        # cut short (still being copied, a broken download): pages may be missing, refuse all
        raise TruncatedFile("no %%EOF marker at the end", path=str(path))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(as_stream(data))
    except Exception as e:  # noqa: BLE001 - pypdf raises many types on garbage
        raise CorruptImage(f"{type(e).__name__}: {e}", path=str(path)) from e
    if reader.is_encrypted:
        try:
            ok = reader.decrypt("")
        except Exception:  # noqa: BLE001 - unsupported crypto counts as locked
            ok = 0
        if not ok:
            raise EncryptedPdf(path=str(path))
    return reader


def iter_pdf(path: Path, data: bytes | BinaryIO, *, max_pixels: int,
             check: Callable[[], None] | None = None,
             ) -> Iterator[CapturedPage | ImportProblem]:
    """Yield the pages of a PDF (or one problem per page that fails).

    Args:
        path: The file, for messages and :attr:`CapturedPage.source`.
        data: The whole file, or the open file (a large one: pypdf reads the parts it needs,
            pdftoppm reads the same open file through /dev/stdin, seeking as it needs).
        max_pixels: Refuse images (and renderings) above this many pixels.
        check: Called before each page; raises to cancel.

    Raises:
        EncryptedPdf, TruncatedFile, CorruptImage: The file as a whole cannot be read.
    """
    reader = _open(path, data)
    try:
        pages = list(reader.pages)
    except Exception as e:  # noqa: BLE001
        raise CorruptImage(f"{type(e).__name__}: {e}", path=str(path)) from e
    if not pages:
        raise CorruptImage("no pages", path=str(path))
    for i, page in enumerate(pages):
        if check is not None:
            check()
        item: CapturedPage | ImportProblem
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                got, dpi = _native(path, page, i, max_pixels)
                item = got if got is not None else _render(path, data, page, i, max_pixels,
                                                           dpi)
                if dpi is not None:  # the pixels are a scan's: its page size may lie
                    item = _scan_resolution(item)
        except DigitizeError as e:
            item = ImportProblem(path, e, index=i)
        except Exception as e:  # noqa: BLE001 - one bad page never stops the file
            item = ImportProblem(path, CorruptImage(f"page {i + 1}: {type(e).__name__}: {e}",
                                                    path=str(path)), index=i)
        yield item
