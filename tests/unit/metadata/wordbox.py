"""An OCR word box for metadata tests: the fields the metadata reader takes from a word."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class W:
    """One OCR word: its text, its box in pixels and Tesseract's confidence (0–100)."""

    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float = 95.0
