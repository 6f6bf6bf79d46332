"""A captured page: the image as it came from a file or scanner, with where it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from digitize.capture.quality import QualityReport
    from digitize.errors import DigitizeError

__all__ = ["CapturedPage", "ImportProblem", "MODES"]

#: Colour modes of a captured page.
MODES = ("color", "gray", "bw")


@dataclass
class CapturedPage:
    """One page image as captured, before any cleaning.

    Attributes:
        image: ``uint8`` array, ``(h, w, 3)`` RGB or ``(h, w)`` gray (``bw`` pages hold 0/255),
            EXIF orientation already applied.
        dpi: Effective resolution; estimated from the page size when the file gives none or lies.
        source: File path or scanner device name.
        index: Page number within the source (0-based).
        text: Text layer of a born-digital PDF page, else ``None``.
        original: Byte-exact original file for single-image files, else ``None``.
        original_name: File name of ``original``.
        mode: ``"color"``, ``"gray"`` or ``"bw"``.
        quality: Quality report, filled by :func:`digitize.capture.quality.assess`.
        dpi_estimated: Whether ``dpi`` was estimated rather than read from the source.
        sheet: Physical sheet number (0-based) within the batch for scanned pages.
        side: ``"front"`` or ``"back"`` for duplex scans, else ``None``.
    """

    image: np.ndarray
    dpi: int
    source: str
    index: int
    text: str | None = None
    original: bytes | None = None
    original_name: str | None = None
    mode: str = "color"
    quality: QualityReport | None = None
    dpi_estimated: bool = False
    sheet: int | None = None
    side: str | None = None
    info: dict[str, object] = field(default_factory=dict)

    @property
    def size_px(self) -> tuple[int, int]:
        """``(width, height)`` in pixels."""
        return int(self.image.shape[1]), int(self.image.shape[0])

    @property
    def size_mm(self) -> tuple[float, float]:
        """``(width, height)`` in millimetres at :attr:`dpi`."""
        w, h = self.size_px
        return w * 25.4 / self.dpi, h * 25.4 / self.dpi


@dataclass
class ImportProblem:
    """A file (or one page of it) that could not be imported; the batch goes on.

    Attributes:
        path: The file or folder concerned.
        error: The error, with a bilingual message naming the file.
        index: Page within the file when only one page failed, else ``None``.
    """

    path: Path
    error: DigitizeError
    index: int | None = None

    def message(self, lang: str = "vi") -> str:
        """The user-facing message in ``vi`` or ``en``."""
        return self.error.message(lang)
