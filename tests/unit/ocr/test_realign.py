"""A corrected page text is laid on the OCR boxes: every corrected word, near where it was read."""

from __future__ import annotations

import pytest

from ocr.model import OcrPage, OcrWord
from ocr.realign import with_text


def _word(text: str, left: int, line: int = 1) -> OcrWord:
    return OcrWord(text, left, 10 + 40 * line, 10 * len(text), 20, 50.0, 1, line, True)


PAGE = OcrPage("Quyết dinh số 15\nngày mai",
               (_word("Quyết", 0), _word("dinh", 70), _word("số", 120), _word("15", 150),
                _word("ngày", 0, 2), _word("mai", 50, 2)), 1000, 1000, 300, 50.0, "vie", "")


@pytest.mark.parametrize("text", [
    "Quyết định số 15\nngày mai",  # one word corrected
    "Quyết định số 15a và\nngày mai",  # one word became two
    "Quyết số\nngày",  # words deleted
    "Xin chào Quyết dinh số 15 ngày mai",  # inserted before everything
    "Quyết dinh số 15 ngày mai nữa",  # inserted at the end
    "",  # all gone
])
def test_words_spell_the_corrected_text(text: str) -> None:
    page = with_text(PAGE, text)
    assert [w.text for w in page.words] == text.split()
    assert page.text == text


def test_a_corrected_word_keeps_the_box_it_was_read_in() -> None:
    page = with_text(PAGE, "Quyết định số 15\nngày mai")
    fixed = page.words[1]
    assert (fixed.text, fixed.left, fixed.top, fixed.width, fixed.line) == ("định", 70, 50, 40, 1)
    assert fixed.raw == "dinh" and not fixed.low_confidence
    assert page.words[4] == PAGE.words[4]  # untouched words are the same


def test_a_split_word_shares_its_box() -> None:
    page = with_text(PAGE, "Quyết dinh số 15a và\nngày mai")
    a, b = page.words[3], page.words[4]
    assert a.left == 150 and a.left + a.width == b.left and b.left + b.width == 170
