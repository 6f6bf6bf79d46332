"""Vietnamese post-OCR text normalisation and syllable-aware correction."""

from __future__ import annotations

from ocr.postcorrect.correct import (
    CORRECT_BELOW,
    candidates,
    correct,
    correct_tokens,
    correct_word,
    frequency,
    is_syllable,
)
from ocr.postcorrect.glued import spaced
from ocr.postcorrect.noise import noise_line
from ocr.postcorrect.normalize import TONE_STYLES, normalize, normalize_word

__all__ = [
    "CORRECT_BELOW",
    "TONE_STYLES",
    "candidates",
    "correct",
    "correct_tokens",
    "correct_word",
    "frequency",
    "is_syllable",
    "noise_line",
    "normalize",
    "normalize_word",
    "spaced",
]
