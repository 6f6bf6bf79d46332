"""OCR result dataclasses (JSON and pickle round trips) and the accuracy metrics."""

from __future__ import annotations

import json
import pickle

import pytest

from ocr.metrics import aligned_cer, aligned_wer, cer, fold_diacritics, levenshtein, wer
from ocr.model import OcrPage, OcrWord


def _page() -> OcrPage:
    w = OcrWord("Quyết", 10, 20, 100, 30, 91.5, 0, 0, False)
    v = OcrWord("định", 120, 20, 80, 30, 42.0, 0, 0, True, raw="dinh")
    return OcrPage("Quyết định", (w, v), 2480, 3508, 300, 66.75, "vie", "Quyết dinh", 1)


def test_page_round_trips_through_json_and_pickle() -> None:
    page = _page()
    assert OcrPage.from_dict(json.loads(json.dumps(page.to_dict()))) == page
    assert pickle.loads(pickle.dumps(page)) == page
    assert page.low_confidence_words == (page.words[1],)


def test_dataclasses_are_frozen() -> None:
    with pytest.raises(AttributeError):
        _page().text = "x"  # type: ignore[misc]


def test_levenshtein() -> None:
    assert levenshtein("kitten", "sitting") == 3
    assert levenshtein("", "abc") == 3
    assert levenshtein(["a", "b"], ["a", "b"]) == 0


def test_cer_and_wer_normalise_whitespace_and_unicode() -> None:
    assert cer("Hòa  bình\n", "Hòa bình") == (0, 8)
    assert cer("Hoa binh", "Hòa bình") == (2, 8)
    assert cer("Hoa binh", "Hòa bình", fold=True) == (0, 8)
    assert wer("một hai ba", "một hai bốn") == (1, 3)
    assert fold_diacritics("Đường") == "Duong"


def test_aligned_metrics_ignore_block_order() -> None:
    truth = "VIỆN KIỂM SÁT\nCỘNG HÒA"
    assert aligned_cer("CỘNG HÒA\nVIỆN KIỂM SÁT", truth) == (0, 18)
    assert aligned_wer("CỘNG HÒA VIỆN KIỂM SÁT", truth) == (0, 5)
    assert aligned_cer("CỘNG HÒA VIỆN KIỂM SÁT rác", truth)[0] == 3
