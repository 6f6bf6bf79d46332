"""Read many small one-line crops at once (Tesseract single-line mode, ``--psm 7``).

Through the library when it is loaded in this process (no process start per crop), else the
program runs once for all crops, given as one multi-page TIFF on stdin (one model load; the
pages never touch the disk). Used to read stamp candidates of a page (the secrecy gate).
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

import numpy as np
from PIL import Image

from ocr import libtess, tesseract
from ocr.errors import OcrFailed, TesseractMissing
from ocr.layout import TsvWord, parse_tsv
from ocr.ramdir import ram_dir

__all__ = ["read_lines"]


def _summary(words: list[TsvWord]) -> tuple[str, float]:
    if not words:
        return "", 0.0
    words = sorted(words, key=lambda w: w.left)
    return " ".join(w.text for w in words), float(np.mean([w.conf for w in words]))


def _pages_of(tsv: str, n: int) -> list[list[TsvWord]]:
    out: list[list[TsvWord]] = [[] for _ in range(n)]
    rows = tsv.splitlines()
    for i, row in enumerate(rows[1:], 1):
        cols = row.split("\t")
        if len(cols) >= 12 and cols[0] == "5" and cols[11].strip():
            page = int(cols[1]) - 1
            if 0 <= page < n:
                out[page].extend(parse_tsv(rows[0] + "\n" + rows[i]))
    return out


def read_lines(crops: Sequence[np.ndarray], *, lang: str = "vie", dpi: int = 300,
               timeout: float = 120.0) -> list[tuple[str, float]]:
    """Read each gray ``uint8`` crop, black on white, as one line of text.

    Returns:
        ``(text, mean word confidence 0..100)`` per crop, in order (``("", 0.0)`` for none).

    Raises:
        OcrFailed, TesseractMissing, OcrTimeout: Tesseract could not run.
    """
    if not crops:
        return []
    # the crops are black on white: Tesseract's second, inverted reading of a poorly read
    # line (white on black) could only read their negative, and cost a fifth of the time
    if libtess.available():
        return [_summary(parse_tsv(libtess.run_tsv(np.ascontiguousarray(c), lang=lang, dpi=dpi,
                                                   psm=7, timeout=timeout, invert=False)))
                for c in crops]
    buf = BytesIO()
    images = [Image.fromarray(np.ascontiguousarray(c)) for c in crops]
    images[0].save(buf, format="TIFF", save_all=True, append_images=images[1:],
                   compression="packbits", dpi=(dpi, dpi))
    cmd = [tesseract.executable(), "stdin", "stdout", "-l", lang, "--psm", "7", "--dpi",
           str(dpi), "-c", "tessedit_create_tsv=1", "-c", "tessedit_do_invert=0"]
    with ram_dir() as tmp:
        try:
            code, out, err = tesseract._communicate(cmd, buf.getvalue(), tmp, timeout, None)
        except OSError as e:
            raise TesseractMissing(f"({e})") from e
    if code != 0:
        text = err.decode("utf-8", "replace").strip()
        raise OcrFailed(text.splitlines()[-1] if text else f"exit code {code}")
    return [_summary(ws) for ws in _pages_of(out.decode("utf-8", "replace"), len(crops))]
