"""Lines that are no text: what Tesseract reads into seals, signatures and specks.

Ground truth of office documents leaves out stamps, seals and signatures, and a reader wants
none of ``“*Œ l h g``, ``XHag.ẹ-.Wý-.-yờợnn`` or ``}.—Ê`` in the text. A line is noise when
*every* token of it is: read with low confidence, holding no digit (a hand-filled number or
date badly read is still worth keeping), and either holding a character no administrative text
uses (``Œ``, ``§``, ``|``, ``~``...) or being a lower/title-case run of letters that is no
Vietnamese syllable (``kz``, ``tt``). Capitals are kept (``UBNDTỈNHPHÚTHỌ`` is a header with
its spaces lost), so are lines with one real word in them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from ocr.postcorrect.normalize import split_token
from ocr.postcorrect.syllable import parse

__all__ = ["NOISE_BELOW", "SCRAP_BELOW", "is_noise", "noise_line"]

#: Only tokens read with a confidence under this can be noise. On the 45 real pages
#: (real-vi, real-vi-2 and their bilevel/low-resolution variants) 40, 60 and 80 gave
#: 2.30/2.30/2.29 % CER on real-vi-2; 60 leaves Tesseract room to be unsure of real words.
NOISE_BELOW = 60.0
#: A token read with a confidence under this is a scrap (a speck, a stroke of a signature)
#: unless it is a word: a syllable, a run of capitals (``X`` of a ticked box, ``TT``) or it
#: holds a digit. Tesseract reads real lowercase text far above it (of the real sets' lines
#: that were no noise, none read wholly under 20 was text: ``l``, ``h g``, ``đ``, ``:``,
#: ``XHag.ẹ-.Wý-.-yờợnn``).
SCRAP_BELOW = 15.0
#: Punctuation that office text uses (ground truth of the real sets has no other).
_PUNCT = set(",/-.;:()–•+&“”\"'%!?")
_LATIN = set("abcdefghijklmnopqrstuvwxyzđ")


def _plain(ch: str) -> bool:
    if ch.isdigit() or ch in _PUNCT:
        return True
    return ch.isalpha() and unicodedata.normalize("NFD", ch.lower())[0] in _LATIN


def is_noise(token: str, conf: float) -> bool:
    """True when ``token`` (read with confidence ``conf``, 0..100) looks like no text.

    Args:
        token: One whitespace-free token.
        conf: Tesseract's confidence for it.

    Returns:
        Whether it is low-confidence, digit-free, and odd or a non-syllable word.
    """
    if conf >= NOISE_BELOW or any(c.isdigit() for c in token):
        return False
    if not all(_plain(c) for c in token):
        return True
    _lead, core, _trail = split_token(token)
    if conf < SCRAP_BELOW and not (core.isalpha() and (core.isupper() or parse(core))):
        return True  # a lone letter, a mark or a jumble read with almost no confidence
    return len(core) >= 2 and core.isalpha() and not core.isupper() and parse(core) is None


def noise_line(tokens: Sequence[str], confs: Sequence[float]) -> bool:
    """True when every token of a line is noise (see :func:`is_noise`).

    Args:
        tokens: The line's tokens.
        confs: Their confidences.

    Returns:
        Whether the line should be left out of the text.
    """
    return bool(tokens) and all(is_noise(t, c) for t, c in zip(tokens, confs, strict=True))
