"""Vietnamese-aware folding for search: tokens, the exact form, notation keys.

The fold itself (strip tones and vowel marks, đ -> d, lower case) is :func:`vntext.fold`,
re-exported here as :func:`fold`; the index stores its output.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from vntext import fold

__all__ = ["fold", "fold_token", "has_marks", "normalize_exact", "normalize_notation",
           "token_spans", "tokens"]

_NOT_ALNUM = re.compile(r"[\W_]+", re.UNICODE)
_TOKEN = re.compile(r"[^\W_]+")


def normalize_exact(text: str) -> str:
    """NFC text, lower-cased, with the Ð/ð look-alikes mapped to đ (the exact-diacritic form).

    Args:
        text: Any Unicode text.

    Returns:
        The text as the exact index sees it.
    """
    return unicodedata.normalize("NFC", text).replace("Ð", "đ").replace("ð", "đ").lower()


def has_marks(text: str) -> bool:
    """Whether folding changes the text beyond lower-casing (it carries diacritics or đ)."""
    return fold(text) != text.lower()


def normalize_notation(s: str) -> str:
    """A comparison key for a document number and notation ("15/QĐ-UBND" -> "15qdubnd").

    ``15/QĐ-UBND``, ``15/QD-UBND``, ``15/QÐ-UBND`` (U+00D0), ``15 / qđ - ubnd`` and
    ``Số: 15/QĐ-UBND`` all give the same key: folded, without the "Số" label, separators or
    spaces. Leading zeros of the number are dropped (``05/QĐ-UBND`` = ``5/QĐ-UBND``).

    Args:
        s: A number and notation as printed or typed.

    Returns:
        The key: lower-case ASCII letters and digits only ("" if nothing is left).
    """
    t = fold(s).strip()
    t = re.sub(r"^so\s*[:.]?\s*(?=\d)", "", t)
    t = _NOT_ALNUM.sub("", t)
    return re.sub(r"^0+(?=\d)", "", t)


def tokens(text: str) -> list[str]:
    """The syllables (runs of letters and digits) of ``text`` in exact form (NFC, lower-case).

    Args:
        text: Any Unicode text.

    Returns:
        The tokens in order; separators (spaces, punctuation, ``_``) are dropped.
    """
    return _TOKEN.findall(normalize_exact(text))


def token_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the tokens of ``text`` (NFC text; same tokens as :func:`tokens`)."""
    return [m.span() for m in _TOKEN.finditer(text)]


@lru_cache(maxsize=262144)
def fold_token(token: str) -> str:
    """:func:`fold` of one token, cached (the syllable vocabulary of a language is small)."""
    return fold(token)
