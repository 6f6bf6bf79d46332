"""Words run together by OCR, spaced again for the page text.

Tesseract loses the spaces of letter-spaced capital headers (``BANNHÂNDÂN``,
``UBNDTỈNHPHÚTHỌ``) and of a hand-filled number written close to ``Số:`` (``Số:383``). The
text gets the spaces back; the OCR words keep what was read (one box, one word).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ocr.postcorrect.correct import bigrams, frequency
from ocr.postcorrect.normalize import split_token
from ocr.postcorrect.syllable import parse

__all__ = ["ABBREVIATIONS", "spaced"]

#: Abbreviations that head an NĐ 30 header and are no syllable.
ABBREVIATIONS = ("UBND", "HĐND")
#: Longest capital run that is split (a run of up to 5 syllables).
_LONGEST = 30
_NUMBER_SLOT = re.compile(r"^(Số|số|SỐ):(\d.*)$")


def _splits(run: str) -> list[list[str]]:
    """Every way to cut ``run`` into known syllables and abbreviations."""
    if not run:
        return [[]]
    out = []
    for end in range(1, min(len(run), 7) + 1):
        head = run[:end]
        if head in ABBREVIATIONS or (parse(head) is not None and frequency()[head.lower()]):
            out.extend([head, *rest] for rest in _splits(run[end:]))
    return out


@lru_cache(maxsize=4096)
def _capitals(core: str) -> str:
    if (len(core) < 6 or len(core) > _LONGEST or not core.isalpha() or not core.isupper()
            or parse(core) is not None):
        return core
    pairs = bigrams()
    good = [cut for cut in _splits(core) if len(cut) > 1 and all(
        a in ABBREVIATIONS or b in ABBREVIATIONS or pairs[(a.lower(), b.lower())]
        for a, b in zip(cut, cut[1:]))]
    return " ".join(good[0]) if len(good) == 1 else core


def spaced(token: str) -> str:
    """``token`` with the spaces OCR lost put back (``Số:383`` -> ``Số: 383``,
    ``BANNHÂNDÂN`` -> ``BAN NHÂN DÂN``): a run of capitals is cut only when exactly one cut
    into syllables of the bundled text (or an abbreviation such as ``UBND``) exists and every
    two neighbouring syllables of it are seen together there.

    Args:
        token: One corrected, whitespace-free token.

    Returns:
        The token, possibly with spaces in it.
    """
    slot = _NUMBER_SLOT.match(token)
    if slot:
        return f"{slot.group(1)}: {slot.group(2)}"
    lead, core, trail = split_token(token)
    return lead + _capitals(core) + trail
