"""Decode image files (JPEG, PNG, TIFF, BMP, WebP, HEIC) into page arrays, refusing bad input."""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Iterator
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from digitize.capture.page import CapturedPage, ImportProblem
from digitize.capture.resolution import effective_dpi
from digitize.errors import (
    CorruptImage,
    DigitizeError,
    ImageFileTooLarge,
    TruncatedFile,
    UnsupportedFile,
)

__all__ = ["FORMATS", "iter_image", "pil_to_array"]

#: Image formats (Pillow names) we accept; HEIF (iPhone photos) through pillow-heif.
FORMATS = ("JPEG", "PNG", "TIFF", "BMP", "WEBP", "MPO", "HEIF")
_heif_ready: list[bool] = []


def _register_heif() -> None:
    """Let Pillow open HEIC/HEIF phone photos (once; silently absent without pillow-heif)."""
    if not _heif_ready:
        try:
            import pillow_heif

            pillow_heif.register_heif_opener()
        except ImportError:
            pass
        _heif_ready.append(True)


def pil_to_array(im: Image.Image) -> tuple[np.ndarray, str]:
    """Convert a decoded Pillow image to a ``uint8`` page array and its mode.

    Transparency is composited on white paper; 16-bit and float images are scaled to 8 bits.

    Returns:
        ``(array, mode)`` with mode ``"color"``, ``"gray"`` or ``"bw"``.
    """
    m = im.mode
    if m == "1":
        return np.asarray(im.convert("L")), "bw"
    if m == "L":
        return np.asarray(im), "gray"
    if m in ("I;16", "I;16B", "I;16L", "I", "F"):
        a = np.asarray(im).astype(np.float64)
        top = 65535.0 if m.startswith("I;16") or a.max() > 255 else 255.0
        return np.clip(a * (255.0 / top), 0, 255).astype(np.uint8), "gray"
    if m in ("LA", "La"):
        white = Image.new("L", im.size, 255)
        white.paste(im.convert("L"), mask=im.getchannel("A"))
        return np.asarray(white), "gray"
    if m in ("RGBA", "RGBa", "PA") or (m == "P" and "transparency" in im.info):
        rgba = im.convert("RGBA")
        white = Image.new("RGB", im.size, (255, 255, 255))
        white.paste(rgba.convert("RGB"), mask=rgba.getchannel("A"))
        return np.asarray(white), "color"
    if m == "P":
        rgb = im.convert("RGB")
        a = np.asarray(rgb)
        if np.array_equal(a[..., 0], a[..., 1]) and np.array_equal(a[..., 1], a[..., 2]):
            return np.ascontiguousarray(a[..., 0]), "gray"
        return a, "color"
    return np.asarray(im.convert("RGB")), "color"


def _dpi_tag(im: Image.Image) -> tuple[float, float] | None:
    dpi = im.info.get("dpi")
    if dpi is not None:
        try:
            return float(dpi[0]), float(dpi[1])
        except (TypeError, ValueError, IndexError):
            return (float("nan"), float("nan"))
    return None


def _bomb_pixels(e: Exception) -> str:
    """The pixel count Pillow names in a decompression-bomb error ("?" if it does not)."""
    import re

    m = re.search(r"\((\d+) pixels\)", str(e))
    return f"{int(m.group(1)):,}".replace(",", ".") if m else "?"


def _decode_error(path: Path, e: Exception) -> DigitizeError:
    text = f"{type(e).__name__}: {e}"
    if isinstance(e, Image.DecompressionBombError):
        return ImageFileTooLarge(text, path=str(path), pixels=_bomb_pixels(e),
                                 limit=Image.MAX_IMAGE_PIXELS * 2)
    if isinstance(e, EOFError) or "truncat" in text.lower() or "end of file" in text.lower():
        return TruncatedFile(text, path=str(path))
    return CorruptImage(text, path=str(path))


def _frame(path: Path, im: Image.Image, index: int, max_pixels: int) -> CapturedPage:
    w, h = im.size
    if w * h > max_pixels:
        raise ImageFileTooLarge(path=str(path), pixels=w * h, limit=max_pixels)
    tag = _dpi_tag(im)
    try:
        im.load()
        upright = ImageOps.exif_transpose(im)
        arr, mode = pil_to_array(upright)
    except DigitizeError:
        raise
    except Exception as e:  # noqa: BLE001 - Pillow raises OSError, ValueError, SyntaxError ...
        raise _decode_error(path, e) from e
    dpi, estimated = effective_dpi(str(path), arr.shape[1], arr.shape[0], tag)
    return CapturedPage(image=np.ascontiguousarray(arr), dpi=dpi, source=str(path),
                        index=index, mode=mode, dpi_estimated=estimated)


def as_stream(data: bytes | BinaryIO) -> BinaryIO:
    """A seekable reader over a file's content: a view of the bytes, or the open file itself
    (rewound) for a large file, which decoders then read page by page, never whole (Pillow's
    libtiff reads a TIFF page straight from the file descriptor)."""
    if isinstance(data, bytes):
        return BytesIO(data)
    data.seek(0)
    return data


def head_bytes(data: bytes | BinaryIO, n: int) -> bytes:
    """The first ``n`` bytes of the content."""
    if isinstance(data, bytes):
        return data[:n]
    data.seek(0)
    return data.read(n)


def tail_bytes(data: bytes | BinaryIO, n: int) -> bytes:
    """The last ``n`` bytes of the content."""
    if isinstance(data, bytes):
        return data[-n:]
    data.seek(max(0, os.fstat(data.fileno()).st_size - n))
    return data.read()


def iter_image(path: Path, data: bytes | BinaryIO, *, max_pixels: int,
               check: Callable[[], None] | None = None,
             ) -> Iterator[CapturedPage | ImportProblem]:
    """Yield the pages of an image file (several for a multi-page TIFF).

    Args:
        path: The file, for messages and :attr:`CapturedPage.source`.
        data: The whole file, or the open file (a large one: read as pages need it, and not
            kept as the page's original).
        max_pixels: Refuse frames above this many pixels (decompression bombs).
        check: Called before each page; raises to cancel.

    Raises:
        UnsupportedFile, CorruptImage, TruncatedFile, ImageFileTooLarge: The file cannot be read.
    """
    _register_heif()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # bomb and corrupt-EXIF warnings: we raise
        try:
            im = Image.open(as_stream(data))
        except UnidentifiedImageError as e:
            raise UnsupportedFile(path=str(path)) from e
        except Image.DecompressionBombError as e:
            raise ImageFileTooLarge(str(e), path=str(path), pixels=_bomb_pixels(e),
                                    limit=max_pixels) from e
        except Exception as e:  # noqa: BLE001
            raise _decode_error(path, e) from e
    if im.format not in FORMATS:
        raise UnsupportedFile(path=str(path))
    frames: int | None = 1  # photos (MPO, animated WebP, HEIF bursts): the main picture only
    if im.format == "TIFF":
        try:
            frames = im.n_frames
        except Exception:  # noqa: BLE001 - a broken page chain: read pages until it breaks
            frames = None
    if frames == 1:
        if check is not None:
            check()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # bomb and corrupt-EXIF warnings: we raise
            page = _frame(path, im, 0, max_pixels)
        if isinstance(data, bytes):  # a large file is not copied into memory
            page.original, page.original_name = data, path.name
        yield page
        return
    yield from _tiff_pages(path, im, frames, max_pixels, check)


def _tiff_pages(path: Path, im: Image.Image, frames: int | None, max_pixels: int,
                check: Callable[[], None] | None) -> Iterator[CapturedPage | ImportProblem]:
    """Pages of a multi-page TIFF; a damaged page gives a problem, the pages before it stay."""
    i = 0
    while frames is None or i < frames:
        if check is not None:
            check()
        item: CapturedPage | ImportProblem
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # bomb and corrupt-EXIF warnings: we raise
                im.seek(i)
                item = _frame(path, im, i, max_pixels)
        except EOFError:
            if frames is None:
                return  # the end of a chain we could not count
            item = ImportProblem(path, TruncatedFile(f"page {i + 1} missing", path=str(path)),
                                 index=i)
        except DigitizeError as e:
            item = ImportProblem(path, e, index=i)
        except Exception as e:  # noqa: BLE001 - one bad page never stops the file
            item = ImportProblem(path, _decode_error(path, e), index=i)
        yield item
        if isinstance(item, ImportProblem) and frames is None:
            return  # cannot know where the next page starts
        i += 1
