"""A generated corpus of bad input files, one per kind, each with the error it must give."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import numpy as np
from PIL import Image

from digitize.errors import (
    BadResolution,
    CorruptImage,
    EmptyFile,
    ImageFileTooLarge,
    TruncatedFile,
    UnreadablePath,
    UnsupportedFile,
)


def _png_header_only(w: int, h: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))


def make_bad_corpus(root: Path, good: np.ndarray) -> dict[str, type]:
    """Write one file per kind of bad input; return file name -> expected error type."""
    root.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    Image.fromarray(good).save(buf, "JPEG", quality=85, dpi=(150, 150))
    jpeg = buf.getvalue()
    buf = io.BytesIO()
    Image.fromarray(good).save(buf, "PNG", dpi=(150, 150))
    png = buf.getvalue()
    files: dict[str, tuple[bytes, type]] = {
        "rỗng.jpg": (b"", EmptyFile),
        "cắt cụt.jpg": (jpeg[: len(jpeg) // 2], TruncatedFile),
        "cắt cụt.png": (png[: len(png) // 2], TruncatedFile),
        "hỏng.jpg": (jpeg[:600] + bytes(range(256)) * 40 + jpeg[-2:], CorruptImage),
        "văn bản.jpg": ("Đây không phải là ảnh.\n".encode() * 20, UnsupportedFile),
        "bom.png": (_png_header_only(40000, 40000), ImageFileTooLarge),
    }
    absurd = io.BytesIO()
    Image.fromarray(good[:200, :200]).save(absurd, "PNG", dpi=(1_000_000, 1_000_000))
    files["dpi vô lý.png"] = (absurd.getvalue(), BadResolution)
    for name, (data, _) in files.items():
        (root / name).write_bytes(data)
    (root / "liên kết hỏng.png").symlink_to(root / "không có.png")
    expected = {name: err for name, (_, err) in files.items()}
    expected["liên kết hỏng.png"] = UnreadablePath
    return expected
