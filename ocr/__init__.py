"""OCR: Tesseract engine, parallel page pool, Vietnamese text normalisation/correction, PDF/A."""

from __future__ import annotations

from ocr.engine import OcrEngine, TesseractEngine, recognize
from ocr.errors import (
    OcrCancelled,
    OcrError,
    OcrFailed,
    OcrInputError,
    OcrTimeout,
    PdfBuildError,
    TesseractMissing,
)
from ocr.model import LOW_CONFIDENCE, OcrPage, OcrWord
from ocr.postcorrect import correct, normalize

__all__ = [
    "LOW_CONFIDENCE",
    "OcrCancelled",
    "OcrEngine",
    "OcrError",
    "OcrFailed",
    "OcrInputError",
    "OcrPage",
    "OcrTimeout",
    "OcrWord",
    "PdfBuildError",
    "TesseractEngine",
    "TesseractMissing",
    "correct",
    "normalize",
    "recognize",
]
