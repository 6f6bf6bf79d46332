"""Text normalisation for matching OCR output: NFC, diacritic folding, fuzzy line matching."""

from __future__ import annotations

import re
import unicodedata

from vntext import strip_marks

__all__ = ["fold", "nfc", "similarity", "clean_spaces"]

_TONE_PLACEMENT = {  # old-style tone placement → the form NĐ 30 samples use (NFC)
    "OÀ": "ÒA", "OÁ": "ÓA", "OẢ": "ỎA", "OÃ": "ÕA", "OẠ": "ỌA",
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "UỶ": "ỦY", "UÝ": "ÚY", "UỲ": "ÙY", "UỸ": "ŨY", "UỴ": "ỤY",
    "uỷ": "ủy", "uý": "úy", "uỳ": "ùy", "uỹ": "ũy", "uỵ": "ụy",
}
_CONFUSABLES = str.maketrans({"Ð": "Đ", "ð": "đ", "Ɖ": "Đ", "ɖ": "đ", "\u00a0": " ",
                              "–": "-", "—": "-", "‐": "-", "‑": "-", "：": ":"})


_QU_TONE = re.compile(r"([qQ])([ÚÙỦŨỤúùủũụ])([aăâeêioôơyAĂÂEÊIOÔƠY])")


def _move_qu_tone(m: re.Match[str]) -> str:
    """``qúy`` → ``quý``: in "qu" the tone belongs on the following vowel."""
    parts = unicodedata.normalize("NFD", m[2])
    base, tone = parts[0], parts[1:]
    return m[1] + base + unicodedata.normalize("NFC", m[3] + tone)


def nfc(text: str) -> str:
    """Unicode NFC with OCR confusables unified (``Ð`` U+00D0 → ``Đ``, dashes → ``-``).

    Args:
        text: Raw OCR text.

    Returns:
        The normalised text; line breaks are kept.
    """
    text = unicodedata.normalize("NFC", text).translate(_CONFUSABLES)
    text = _QU_TONE.sub(_move_qu_tone, text)
    for old, new in _TONE_PLACEMENT.items():
        if old in text:
            text = re.sub(r"(?<![qQ])" + old + r"(?![A-Za-zÀ-ỹ])", new, text)
    return text


def fold(text: str) -> str:
    """Strip diacritics, map ``đ``→``d`` (:func:`vntext.strip_marks` of :func:`nfc`),
    upper-case and squeeze spaces.

    Args:
        text: Any text.

    Returns:
        ASCII-ish upper-case text, e.g. ``"Quyết định"`` → ``"QUYET DINH"``.
    """
    return clean_spaces(strip_marks(nfc(text))).upper()


def clean_spaces(text: str) -> str:
    """Collapse runs of whitespace to one space and strip the ends."""
    return re.sub(r"\s+", " ", text).strip()


def similarity(a: str, b: str) -> float:
    """Similarity in [0, 1] from the Levenshtein distance of the two strings."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return 1.0 - prev[-1] / max(len(a), len(b))
