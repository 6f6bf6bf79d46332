"""Normalisation and syllable-aware correction: what is fixed, and what is never touched."""

from __future__ import annotations

import unicodedata
from importlib import resources
from pathlib import Path

import pytest

from ocr.postcorrect import candidates, correct, correct_tokens, correct_word, normalize

SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "testdata" / "real-vi"

CLEAN = """CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 15/QĐ-UBND ngày 08/6/2022 của Ủy ban nhân dân tỉnh Kiên Giang
Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;
Ông NGUYỄN VĂN HÙNG, Giám đốc Sở Thông tin và Truyền thông, email: hung@stttt.gov.vn;
Hệ thống dùng Microsoft Windows, Google Chrome và phần mềm OCRmyPDF, website www.moha.gov.vn.
Chánh Văn phòng UBND tỉnh, Thủ trưởng các cơ quan, đơn vị chịu trách nhiệm thi hành."""


def test_normalize_makes_nfc_and_fixes_spacing() -> None:
    nfd = unicodedata.normalize("NFD", "Quyết định  này ,có hiệu lực ( kể từ ngày ký )")
    out = normalize(nfd)
    assert unicodedata.is_normalized("NFC", out)
    assert out == "Quyết định này, có hiệu lực (kể từ ngày ký)"


def test_normalize_tone_styles() -> None:
    assert normalize("Hoà bình, thuỷ lợi, khoẻ", "old") == "Hòa bình, thủy lợi, khỏe"
    assert normalize("Hòa bình, thủy lợi, khỏe", "new") == "Hoà bình, thuỷ lợi, khoẻ"
    assert normalize("Hoà bình", "keep") == "Hoà bình"
    with pytest.raises(ValueError):
        normalize("x", "modern")


@pytest.mark.parametrize(("ocr", "fixed"), [("tínli", "tính"), ("ừong", "trong"),
                                            ("QUYÉT", "QUYẾT"), ("quyêt.", "quyết."),
                                            ("(tínli", "(tính")])
def test_known_confusions_are_repaired(ocr: str, fixed: str) -> None:
    assert correct_word(ocr, conf=40) == fixed


def test_confident_words_are_left_alone() -> None:
    assert correct_word("tínli", conf=97) == "tínli"


@pytest.mark.parametrize("token", ["15/QĐ-UBND", "30/2020/NĐ-CP", "2024", "08/6/2022", "UBND",
                                   "VKSTC", "TTr-SNV", "email", "Microsoft", "www.moha.gov.vn",
                                   "hung@stttt.gov.vn", "OCRmyPDF", "I1", "H47.01", "iPhone",
                                   "NGUYỄN", "Windows", "x", "%"])
def test_numbers_codes_names_foreign_words_never_change(token: str) -> None:
    assert correct_word(token, conf=0) == token


def test_zero_changes_on_clean_text() -> None:
    assert correct(CLEAN) == CLEAN


def test_zero_changes_on_bundled_corpus() -> None:
    text = resources.files("ocr.postcorrect").joinpath("data/corpus_vi.txt").read_text("utf-8")
    assert correct(text) == normalize(text) == text


def test_zero_word_changes_on_real_ground_truth() -> None:
    files = sorted(SHARED.glob("*/*.gt.txt"))
    assert files, f"test data missing under {SHARED}"
    for f in files:
        text = f.read_text("utf-8")
        # correction adds nothing to normalisation, which changes spacing only ("chưa ?")
        assert correct(text) == normalize(text), f.name
        assert normalize(text).split() == text.split() or \
            normalize(text).replace(" ", "") == text.replace(" ", ""), f.name


def test_candidates_are_one_edit_and_valid() -> None:
    assert candidates("tínli") == {"tính"}
    assert "trong" in candidates("ừong")


def test_correct_tokens_keeps_length_and_uses_confidence() -> None:
    toks = ["Điều", "tínli", "ừong", "15/QĐ-UBND"]
    assert correct_tokens(toks, [99, 30, 95, 10]) == ["Điều", "tính", "ừong", "15/QĐ-UBND"]
    assert correct_tokens([], []) == []


def test_zero_changes_on_rendered_sample_texts() -> None:
    from digitize.devtools import sample

    texts = [*sample.BODY, *sample.SUBJECTS, *sample.SIGNERS,
             *(" ".join(x for x in row if x) for row in sample.ISSUERS)]
    for text in texts:
        assert correct(text) == normalize(text) == text, text


def test_context_repairs_need_both_neighbours() -> None:
    assert correct("VIỆN KIẾM SÁT NHÂN DÂN TÓI CAO") == "VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO"
    assert correct("Luật Tổ tụng") == "Luật Tổ tụng"  # "luật tổ" is known, "tổ tụng" is not
    # Tesseract is sure of the marks it drops: the bundled text decides, not its confidence
    assert correct_tokens(["VIỆN", "KIẾM", "SÁT"], [90, 99, 90]) == ["VIỆN", "KIỂM", "SÁT"]


def test_a_y_with_a_diaeresis_is_read_as_y() -> None:
    """No Vietnamese letter carries a diaeresis; Tesseract reads the Y of "Bộ Y tế" as Ÿ."""
    assert correct_tokens(["Bộ", "Ÿ", "tế;"], [96, 60, 95]) == ["Bộ", "Y", "tế;"]
    assert correct("BỘ Ÿ TẾ") == "BỘ Y TẾ"


def test_underscores_left_of_a_rule_are_cut_off_words() -> None:
    """Tesseract reads what is left of a table rule or an underline as ``_`` glued to a word
    (a ticked ``X_``, a dash ``-__``); a line of underscores alone stays."""
    toks = ["X_", "-__", "____", "Số:383_", "_5", "a_b"]
    assert correct_tokens(toks, [99] * 6) == ["X", "-", "____", "Số:383", "5", "a_b"]


def test_lookalike_glyphs_in_codes_and_numbers_are_put_right() -> None:
    """The ``vie`` model writes the slash of a code as a fraction slash, the Đ of ``QĐ`` as an
    eth (or both: one Đ read twice) and a digit as the letter it looks like."""
    toks = ["443⁄QĐ-BYT", "61/⁄2018/NĐ-CP", "/QĐÐ-UBND", "/QÐĐ-UBND", "/QÐ-UBND", "l1", "l6,",
            "(1l)", "0O", "3I", "2o"]
    assert correct_tokens(toks, [96] * len(toks)) == [
        "443/QĐ-BYT", "61/2018/NĐ-CP", "/QĐ-UBND", "/QĐ-UBND", "/QĐ-UBND", "11", "16,", "(11)",
        "00", "31", "20"]
    # letters without a digit, words, and codes led by a capital stay as they are
    keep = ["lO", "Ol", "ĐĐBQH", "Ông", "IO", "Lo", "I1", "O2", "I0"]
    assert correct_tokens(keep, [50] * len(keep)) == keep


def test_a_neighbour_never_seen_with_the_word_leaves_the_other_to_decide() -> None:
    """``gian`` is never seen beside ``tô``/``tổ``/...: no evidence either way, so ``chức``,
    seen after ``tổ`` many times, decides (the real scans lose the hook over ``ô`` often)."""
    assert correct("Thời gian tô chức Hội thi") == "Thời gian tổ chức Hội thi"
    assert correct("phải kiêm tra") == "phải kiểm tra"
    assert correct_tokens(["thuộc", "thâm", "quyền"], [97, 96.6, 97]) == ["thuộc", "thẩm", "quyền"]
    # a neighbour seen beside a variant is evidence: both must agree, as before
    assert correct("Luật Tổ tụng") == "Luật Tổ tụng"
    assert correct("TỈNH TÂY NINH") == "TỈNH TÂY NINH"  # a place name, no variant seen thrice


def test_context_repairs_at_a_phrase_edge_use_the_one_neighbour() -> None:
    # the circumflex's tone mark lost by Tesseract, next to a comma
    assert correct("sửa đôi, bô sung") == "sửa đổi, bổ sung"
    assert correct("Luật Tổ, tụng") == "Luật Tổ, tụng"  # "luật tổ" is known: kept
    assert correct_tokens(["sửa", "đôi,"], [90, 99]) == ["sửa", "đổi,"]  # sure, still wrong


def test_two_neighbours_wrong_together_are_repaired_as_a_pair() -> None:
    """Each of ``sủa đôi`` has only a wrong neighbour, so no single-word repair can see the
    phrase; the pair of variants seen in the bundled text can (``sửa đổi``). Words that occur
    in the bundled text as read are left alone, even where a variant pair was seen there
    (``bị mất`` is no ``bí mật``)."""
    assert correct("sủa đôi, bổ sung") == "sửa đổi, bổ sung"
    assert correct("SỦA ĐÔI") == "SỬA ĐỔI"
    assert correct("đổi, bồ sưng một số điều") == "đổi, bổ sung một số điều"
    assert correct("trạng bị mất cắp") == "trạng bị mất cắp"


def test_a_word_repaired_from_context_helps_its_neighbour() -> None:
    """``thâm`` is put right from ``thuộc``; then ``quyên`` sees ``thẩm`` beside it."""
    assert correct("thuộc thâm quyên giải quyết") == "thuộc thẩm quyền giải quyết"


def test_an_en_dash_read_as_an_em_dash_or_a_tilde_is_put_right() -> None:
    """The ``vie`` model reads the en dash of a list item or a range (``– Triển khai``,
    ``10/7/2026 – 13/7/2026``) as ``—`` or ``~``; a dash inside a token and the hyphen stay."""
    toks = ["—", "Triển", "khai", "~", "-", "2014-—", "~5"]
    assert correct_tokens(toks, [30] * len(toks)) == [
        "–", "Triển", "khai", "–", "-", "2014-—", "~5"]


def test_a_number_beside_a_word_is_evidence_for_its_marks() -> None:
    """A number, a date or a code counts as a neighbour: ``nắm 2017`` -> ``năm 2017``,
    ``sô 61/2018/NĐ-CP`` -> ``số``, however sure Tesseract was of the wrong mark."""
    assert correct("tháng 10 nắm 2017 của Bộ", [99] * 6) == "tháng 10 năm 2017 của Bộ"
    assert correct("Nghị ãinh sô 61/2018/NĐ-CP ngày", [99] * 5) == (
        "Nghị ãinh số 61/2018/NĐ-CP ngày")


def test_a_stop_final_without_a_tone_gets_its_tone_back_even_when_sure() -> None:
    """A syllable ending in p/t/c/ch takes a sắc or nặng tone; ``kêt`` (read at 97) is ``kết``
    when the bundled text decides; English-looking words without Vietnamese marks stay."""
    assert correct("báo cáo kêt quả", [97] * 4) == "báo cáo kết quả"
    assert correct("mạng Internet chat", [97] * 3) == "mạng Internet chat"
