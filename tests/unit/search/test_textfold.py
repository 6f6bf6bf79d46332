"""Vietnamese folding and notation keys."""

from __future__ import annotations

import unicodedata

import pytest

from archive.search.textfold import fold, has_marks, normalize_exact, normalize_notation, tokens


@pytest.mark.parametrize(("text", "folded"), [
    ("Quyết định số hóa", "quyet dinh so hoa"),
    ("ĐỒNG Ý đã được", "dong y da duoc"),
    ("Ðà Nẵng", "da nang"),  # U+00D0, the look-alike of Đ
    ("ủy ban nhân dân", "uy ban nhan dan"),
    ("Trường, Ưu; Ơn!", "truong, uu; on!"),
    ("mã má mà mả mạ ma", "ma ma ma ma ma ma"),
])
def test_fold_strips_tones_vowel_marks_and_d(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_fold_is_the_same_for_nfc_and_nfd_input() -> None:
    text = "Quyết định về việc lưu trữ hồ sơ"
    assert fold(unicodedata.normalize("NFD", text)) == fold(text)


def test_exact_form_keeps_marks_and_maps_the_look_alike_d() -> None:
    assert normalize_exact("QUYẾT ĐỊNH Ðà") == "quyết định đà"
    assert normalize_exact(unicodedata.normalize("NFD", "hóa")) == "hóa"


def test_has_marks() -> None:
    assert has_marks("định") and has_marks("đa") and not has_marks("Ban Tinh")


@pytest.mark.parametrize("typed", ["15/QĐ-UBND", "15/QD-UBND", "15/QÐ-UBND", "15 / qđ - ubnd",
                                   "Số: 15/QĐ-UBND", "số 015/QĐ-UBND"])
def test_notation_variants_have_one_key(typed: str) -> None:
    assert normalize_notation(typed) == "15qdubnd"


def test_notation_keys_keep_numbers_and_bodies_apart() -> None:
    keys = {normalize_notation(s) for s in ("15/QĐ-UBND", "115/QĐ-UBND", "15/QĐ-SNV",
                                            "15/NQ-UBND", "22-NQ/TU")}
    assert len(keys) == 5


def test_tokens_split_on_punctuation_and_underscore() -> None:
    assert tokens("Căn cứ Nghị định số 30/2020/NĐ-CP; a_b") == [
        "căn", "cứ", "nghị", "định", "số", "30", "2020", "nđ", "cp", "a", "b"]
