"""Vietnamese text folding: the one place that strips tone and vowel marks and folds đ.

A leaf (imports nothing of the project), so ``ocr``, ``archive`` and ``digitize`` all use the
same fold instead of writing their own. Callers choose only the case and their own
pre-normalisation (OCR confusables, spaces) around it:

- search (``archive.search.textfold.fold``): :func:`fold` — its output is what the FTS index
  stores, so this function must not change without a reindex;
- metadata matching (``digitize.metadata.normalize.fold``): upper case, spaces squeezed;
- file-name sort keys (``digitize.capture.importer``): ``strip_marks(text.casefold())``;
- diacritics-blind CER (``ocr.metrics.fold_diacritics``): case kept, NFC.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["D_LETTERS", "fold", "strip_marks"]

#: Letters that NFD does not decompose but that a person typing without marks writes as plain
#: Latin: đ/Đ (U+0111/U+0110) and the look-alikes ð/Ð (U+00F0/U+00D0) that OCR and some
#: keyboards produce for them; each with its plain letter (case kept).
D_LETTERS = (("đ", "d"), ("Đ", "D"), ("ð", "d"), ("Ð", "D"))
#: The combining diacritical marks block: every Vietnamese tone and vowel mark is in it.
_COMBINING = re.compile(r"[\u0300-\u036f]")


def strip_marks(text: str) -> str:
    """Vietnamese text without tone or vowel marks and with đ as d, case kept.

    NFD, then every combining mark of U+0300–U+036F (the five tones and the marks of ă â ê ô
    ơ ư) is dropped and đ/Đ (and the look-alikes ð/Ð) become d/D. Other characters are kept
    as NFD leaves them (the result is not recomposed: callers that need NFC apply it).

    Args:
        text: Any Unicode text.

    Returns:
        The text without marks ("Quyết Định" -> "Quyet Dinh"); same word boundaries.
    """
    out = _COMBINING.sub("", unicodedata.normalize("NFD", text))
    for letter, plain in D_LETTERS:  # str.replace runs in C; str.translate walks a dict per char
        if letter in out:
            out = out.replace(letter, plain)
    return out


def fold(text: str) -> str:
    """Fold Vietnamese text to lower-case unmarked Latin ("Quyết Định" -> "quyet dinh").

    Args:
        text: Any Unicode text.

    Returns:
        :func:`strip_marks` of the text, lower-cased.
    """
    return strip_marks(text).lower()
