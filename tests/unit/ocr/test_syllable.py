"""Vietnamese syllable structure: validity, tone placement."""

from __future__ import annotations

import unicodedata

import pytest

from ocr.postcorrect import is_syllable, normalize_word
from ocr.postcorrect.syllable import compose, parse

VALID = ("a ai ăn ấy bạn của các cũng được người nghiêng khuya quyết quốc quý quá quen quăn "
         "giữ gì gìn giếng gia kỹ kiểm khuỷu thuở hoàn hòa hoà thủy thuỷ khỏe khoẻ yêu yên "
         "uống ương ước oan xoáy ngoằn nghèo nguyễn trường chuyện huýt tuần thuế "
         "QUYẾT ĐỊNH CỘNG HÒA Ủy Nhân Dân").split()
INVALID = ("tínli ừong QUYÉT quyêt cac ngi ka kây cy rnột UBND VKSTC email file "
           "hóaa iêng ngê").split()


@pytest.mark.parametrize("word", VALID)
def test_valid_syllables_parse(word: str) -> None:
    assert is_syllable(word), word


@pytest.mark.parametrize("word", INVALID)
def test_invalid_tokens_do_not_parse(word: str) -> None:
    assert not is_syllable(word), word


def test_stop_final_takes_only_sac_or_nang() -> None:
    assert is_syllable("các") and is_syllable("cạc")
    assert not is_syllable("càc") and not is_syllable("cảc") and not is_syllable("cãc")


@pytest.mark.parametrize(("old", "new"), [("hòa", "hoà"), ("thủy", "thuỷ"), ("khỏe", "khoẻ"),
                                          ("Hóa", "Hoá"), ("ỦY", "UỶ"), ("quý", "quý")])
def test_tone_styles(old: str, new: str) -> None:
    assert normalize_word(new, "old") == old
    assert normalize_word(old, "new") == new


@pytest.mark.parametrize("word", ["hoàn", "thuyết", "người", "quốc", "giếng", "gìn", "khuya",
                                  "tuổi", "mười", "cứu", "mùa", "kìa", "hải", "tiếng"])
def test_tone_placement_is_standard(word: str) -> None:
    syl = parse(word)
    assert syl is not None
    assert compose(syl.onset, syl.rhyme, syl.tone, "old") == word
    assert compose(syl.onset, syl.rhyme, syl.tone, "new") == word


def test_nfd_input_is_understood() -> None:
    assert is_syllable(unicodedata.normalize("NFD", "nghiêng"))
    assert normalize_word(unicodedata.normalize("NFD", "Việt")) == "Việt"
