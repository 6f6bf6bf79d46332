"""Plain, frozen, picklable results of OCR: words with boxes and pages."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["LOW_CONFIDENCE", "OcrPage", "OcrWord"]

#: Words recognised with a confidence below this (0..100) are flagged for review.
LOW_CONFIDENCE = 60.0


@dataclass(frozen=True, slots=True)
class OcrWord:
    """One recognised word: corrected text, its box in page pixels, and Tesseract's confidence.

    Attributes:
        text: The word after normalisation/correction (NFC).
        left: Left edge in pixels of the page image given to the engine.
        top: Top edge in pixels.
        width: Box width in pixels.
        height: Box height in pixels.
        conf: Tesseract's word confidence, 0..100.
        block: Block number (reading order unit).
        line: Line number, unique over the page, in reading order.
        low_confidence: True when the GUI should show the word for review.
        raw: What Tesseract read before correction ("" when unchanged).
    """

    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float
    block: int
    line: int
    low_confidence: bool
    raw: str = ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable dict of the fields."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> OcrWord:
        """Rebuild a word from :meth:`to_dict` output."""
        return cls(**data)


@dataclass(frozen=True, slots=True)
class OcrPage:
    """The OCR result of one page.

    Attributes:
        text: Corrected NFC text in reading order, lines separated by ``\\n``, blocks by a
            blank line.
        words: The words in reading order.
        width: Width in pixels of the image given to the engine.
        height: Height in pixels.
        dpi: Resolution of that image.
        mean_conf: Mean word confidence (0..100), 0 for an empty page.
        lang: Tesseract language string used (``vie``, ``vie+eng``).
        raw_text: The text as Tesseract read it (same layout, no correction).
        corrections: Number of words that post-correction changed.
        warnings: Notes for the page's report (e.g. the page was read turned).
        rotation: Degrees (0/90/180/270) the input image was turned clockwise before it was
            read because it lay sideways or upside down; ``width``/``height`` and the word boxes
            refer to the turned image (see :func:`ocr.engine.upright`).
    """

    text: str
    words: tuple[OcrWord, ...]
    width: int
    height: int
    dpi: int
    mean_conf: float
    lang: str
    raw_text: str
    corrections: int = 0
    warnings: tuple[str, ...] = field(default=())
    rotation: int = 0

    @property
    def low_confidence_words(self) -> tuple[OcrWord, ...]:
        """The words flagged for review."""
        return tuple(w for w in self.words if w.low_confidence)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable dict (words as a list of dicts)."""
        return {
            "text": self.text, "words": [w.to_dict() for w in self.words],
            "width": self.width, "height": self.height, "dpi": self.dpi,
            "mean_conf": self.mean_conf, "lang": self.lang, "raw_text": self.raw_text,
            "corrections": self.corrections, "warnings": list(self.warnings),
            "rotation": self.rotation,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> OcrPage:
        """Rebuild a page from :meth:`to_dict` output."""
        fields = dict(data)
        fields["words"] = tuple(OcrWord.from_dict(w) for w in data.get("words", ()))
        fields["warnings"] = tuple(data.get("warnings", ()))
        return cls(**fields)
