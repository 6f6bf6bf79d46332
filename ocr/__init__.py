"""OCR: Tesseract engine, parallel page pool, Vietnamese text normalisation/correction, PDF/A."""

from __future__ import annotations

from ocr.engine import OcrEngine, TesseractEngine, recognize, upright
from ocr.errors import (
    OcrCancelled,
    OcrError,
    OcrFailed,
    OcrInputError,
    OcrTimeout,
    PdfBuildError,
    TesseractMissing,
)
from ocr.formats import to_text, to_tsv
from ocr.hocr import to_hocr
from ocr.model import LOW_CONFIDENCE, OcrPage, OcrWord
from ocr.pdf import EncodedImage, PdfPage, build_pdf, encode_image
from ocr.pdfa import check_pdfa
from ocr.pool import OcrPool
from ocr.postcorrect import correct, normalize

__all__ = [
    "EncodedImage",
    "LOW_CONFIDENCE",
    "OcrCancelled",
    "OcrEngine",
    "OcrError",
    "OcrFailed",
    "OcrInputError",
    "OcrPage",
    "OcrPool",
    "OcrTimeout",
    "OcrWord",
    "PdfBuildError",
    "PdfPage",
    "TesseractEngine",
    "TesseractMissing",
    "build_pdf",
    "check_pdfa",
    "correct",
    "encode_image",
    "normalize",
    "recognize",
    "to_hocr",
    "to_text",
    "to_tsv",
    "upright",
]
