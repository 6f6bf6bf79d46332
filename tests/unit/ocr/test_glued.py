"""Words run together by OCR get their spaces back in the page text (not in the OCR words)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from ocr import engine

SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "testdata"
HEAD = ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight"
        "\tconf\ttext")


@pytest.mark.parametrize(("token", "text"), [
    ("BANNHÂNDÂN", "BAN NHÂN DÂN"), ("UBNDTỈNHPHÚTHỌ", "UBND TỈNH PHÚ THỌ"),
    ("NHÂNDÂN", "NHÂN DÂN"), ("QUYẾTĐỊNH:", "QUYẾT ĐỊNH:"), ("Số:383", "Số: 383")])
def test_capitals_and_a_number_slot_run_together_are_spaced(token: str, text: str) -> None:
    from ocr.postcorrect import spaced
    assert spaced(token) == text


@pytest.mark.parametrize("token", [
    "VKSNDTC", "KSTTHC", "UBND", "THÔNG", "CNTT", "HTTT", "Số:", "Hà", "BANNHÂNDAN"])
def test_abbreviations_and_words_stay_whole(token: str) -> None:
    from ocr.postcorrect import spaced
    assert spaced(token) == token


def test_no_token_of_real_ground_truth_is_spaced() -> None:
    from ocr.postcorrect import spaced
    files = sorted(SHARED.glob("*/*.gt.txt"))
    assert files, f"test data missing under {SHARED}"
    for f in files:
        for tok in f.read_text("utf-8").split():
            assert spaced(tok) == tok, (f.name, tok)


def test_recognize_spaces_a_header_in_the_text_but_not_in_the_words(
        monkeypatch: pytest.MonkeyPatch) -> None:
    rows = ["5\t1\t1\t1\t1\t1\t100\t100\t400\t30\t40\tBANNHÂNDÂN",
            "5\t1\t1\t1\t2\t1\t100\t200\t200\t30\t90\tSố:383"]
    monkeypatch.setattr(engine, "_tsv", lambda *_a: "\n".join([HEAD, *rows]))
    image = np.full((600, 800), 255, np.uint8)
    image[100:230, 100:500:7] = 0
    page = engine.recognize(image, dpi=300)
    assert [ln for ln in page.text.split("\n") if ln] == ["BAN NHÂN DÂN", "Số: 383"], page.text
    assert [w.text for w in page.words] == ["BANNHÂNDÂN", "Số:383"]
