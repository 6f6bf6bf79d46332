"""Vietnamese text normalisation: NFC, one tone-mark placement convention, spacing."""

from __future__ import annotations

import re
import unicodedata

from ocr.postcorrect.syllable import compose, parse

__all__ = ["TONE_STYLES", "normalize", "normalize_word", "split_token"]

#: ``old``: hòa, thủy, khỏe (NĐ 30 documents); ``new``: hoà, thuỷ, khoẻ; ``keep``: as written.
TONE_STYLES = ("old", "new", "keep")

_LEAD = "\"'“‘([{«<"
_TRAIL = "\"'”’)]}».,;:!?…>"
_SPACE_BEFORE_PUNCT = re.compile(r"[ \t]+([,.;:!?…%)\]}”’»])")
_SPACE_AFTER_OPEN = re.compile(r"([(\[{“‘«])[ \t]+")
_SPACE_AFTER_COMMA = re.compile(r"([,;])(?=[^\W\d_])")
_MULTI_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")
_CONFUSABLES = str.maketrans({"\u02bc": "’", "\u2010": "-", "\u2011": "-", "\ufeff": ""})


def split_token(token: str) -> tuple[str, str, str]:
    """Split leading and trailing punctuation off a token.

    Args:
        token: A whitespace-free token.

    Returns:
        ``(lead, core, trail)`` with ``lead + core + trail == token``.
    """
    i, j = 0, len(token)
    while i < j and token[i] in _LEAD:
        i += 1
    while j > i and token[j - 1] in _TRAIL:
        j -= 1
    return token[:i], token[i:j], token[j:]


def _apply_case(template: str, lower: str) -> str:
    if len(template) != len(lower):
        return lower
    return "".join(c.upper() if t.isupper() else c for t, c in zip(template, lower, strict=True))


def normalize_word(word: str, tone_style: str = "old") -> str:
    """Re-place the tone mark of one syllable by ``tone_style`` (other words returned as NFC).

    Args:
        word: One word without punctuation.
        tone_style: One of :data:`TONE_STYLES`.

    Returns:
        The NFC word, its case kept.
    """
    word = unicodedata.normalize("NFC", word)
    if tone_style == "keep" or not word.isalpha():
        return word
    syl = parse(word)
    if syl is None or syl.tone == 0:
        return word
    return _apply_case(word, compose(syl.onset, syl.rhyme, syl.tone, tone_style))


def normalize(text: str, tone_style: str = "old") -> str:
    """Normalise Vietnamese text: NFC, tone placement, spaces around punctuation.

    Line breaks are kept; runs of spaces become one; no space before ``,.;:!?)``.

    Args:
        text: Any text.
        tone_style: ``"old"`` (hòa), ``"new"`` (hoà) or ``"keep"``.

    Returns:
        The normalised NFC text.

    Raises:
        ValueError: Unknown ``tone_style``.
    """
    if tone_style not in TONE_STYLES:
        raise ValueError(f"tone_style must be one of {TONE_STYLES}, not {tone_style!r}")
    text = unicodedata.normalize("NFC", text).translate(_CONFUSABLES)
    lines = []
    for line in text.split("\n"):
        line = _MULTI_SPACE.sub(" ", line).strip()
        line = _SPACE_BEFORE_PUNCT.sub(r"\1", line)
        line = _SPACE_AFTER_OPEN.sub(r"\1", line)
        line = _SPACE_AFTER_COMMA.sub(r"\1 ", line)
        toks = []
        for tok in line.split(" "):
            lead, core, trail = split_token(tok)
            toks.append(lead + normalize_word(core, tone_style) + trail)
        lines.append(" ".join(toks))
    return "\n".join(lines)
