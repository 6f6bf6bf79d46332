"""The Vietnamese folds agree on Vietnamese text (issue #17).

Folding is written once, in ``vntext`` (``tests/test_architecture.py::
test_vietnamese_folding_is_written_once`` keeps it so); each caller only chooses its case and
its pre-normalisation: search (lower case), metadata matching (upper case, OCR confusables,
spaces squeezed), file-name sort keys (casefold) and diacritics-blind CER (case kept, NFC).
This test checks that those choices do not make them disagree on Vietnamese letters.
"""

from __future__ import annotations

import unicodedata

from archive.search.textfold import fold as search_fold
from digitize.capture.importer import _fold as sort_fold
from digitize.metadata.normalize import fold as metadata_fold
from ocr.metrics import fold_diacritics

#: Every Vietnamese vowel with every tone (NFC), and đ, in both cases.
_LOWER = "".join(unicodedata.normalize("NFC", v + t)
                 for v in "aăâeêioôơuưy" for t in ("", "\u0300", "\u0301", "\u0309",
                                                   "\u0303", "\u0323")) + "đ"
LETTERS = _LOWER + _LOWER.upper()


def test_the_four_folds_agree_on_every_vietnamese_letter() -> None:
    for ch in LETTERS:
        want = search_fold(ch)
        assert want.isascii() and want.isalpha(), ch
        assert sort_fold(ch) == want, ch
        assert fold_diacritics(ch).lower() == want, ch
        assert metadata_fold(ch) == want.upper(), ch


def test_the_four_folds_agree_on_a_sentence() -> None:
    text = "Quyết định số 15/QĐ-UBND về việc Phê duyệt Đề án của Ủy ban nhân dân"
    want = "quyet dinh so 15/qd-ubnd ve viec phe duyet de an cua uy ban nhan dan"
    assert search_fold(text) == want
    assert sort_fold(text) == want
    assert fold_diacritics(text).lower() == want
    assert metadata_fold(text) == want.upper()


def test_the_look_alike_d_folds_to_d_everywhere() -> None:
    for ch in "ðÐ":  # U+00F0/U+00D0, which OCR and some keyboards produce for đ/Đ
        assert search_fold(ch) == "d", ch
        assert sort_fold(ch) == "d", ch
        assert fold_diacritics(ch).lower() == "d", ch
        assert metadata_fold(ch) == "D", ch
