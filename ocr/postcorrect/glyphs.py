"""Look-alike glyphs the ``vie`` model writes in codes and numbers, put right."""

from __future__ import annotations

from ocr.postcorrect.normalize import split_token

__all__ = ["fix_lookalikes"]

#: Look-alikes the ``vie`` model writes in codes and numbers: the fraction slash (``443⁄QĐ-BYT``)
#: and the Icelandic eth (``/QÐ-UBND``); no Vietnamese text has either.
_LOOKALIKES = str.maketrans({"⁄": "/", "Ð": "Đ", "ð": "đ"})
#: A slash or a Đ read twice (``61/⁄2018``, ``/QĐÐ-UBND``).
_DOUBLED = {"/⁄": "/", "⁄/": "/", "ĐÐ": "Đ", "ÐĐ": "Đ"}
#: A number with a letter that looks like a digit (``l1``, ``l6,``, ``0O``, ``3I``).
_DIGIT_LOOKALIKES = str.maketrans({"l": "1", "I": "1", "O": "0", "o": "0"})


def fix_lookalikes(word: str) -> str:
    """Look-alike glyphs in codes and numbers put right: ``443⁄QĐ-BYT`` -> ``443/QĐ-BYT``,
    ``61/⁄2018`` -> ``61/2018``, ``/QĐÐ-UBND`` (one Đ read twice) -> ``/QĐ-UBND``,
    ``/QÐ-UBND`` -> ``/QĐ-UBND``,
    ``l1`` -> ``11``, ``0O`` -> ``00`` (``I1``, ``O2`` may be codes and stay)."""
    if "⁄" in word or "Ð" in word or "ð" in word:
        for double, single in _DOUBLED.items():
            word = word.replace(double, single)
        word = word.translate(_LOOKALIKES)
    _lead, core, _trail = split_token(word)
    if (core and any(c.isdigit() for c in core) and any(c in "lIOo" for c in core)
            and all(c.isdigit() or c in "lIOo" for c in core)):
        # a code puts its capital first (I1, O2): I and O only count behind a digit
        head = len(core) - len(core.lstrip("IO"))
        fixed = core[:head] + core[head:].translate(_DIGIT_LOOKALIKES)
        word = word.replace(core, fixed, 1)
    return word
