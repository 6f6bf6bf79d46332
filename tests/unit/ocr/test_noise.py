"""Lines read from seals, signatures and specks are left out of the text; real text never."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from ocr import engine
from ocr.postcorrect import noise_line
from ocr.postcorrect.noise import is_noise

SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "testdata"
HEAD = ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight"
        "\tconf\ttext")


@pytest.mark.parametrize("tokens", [
    ["“*Œ⁄"], ["}.—Ê", "kz"], ["|“"], ["-__~"], ["Ml«z"], ["\\*<—", "—_———"]])
def test_low_confidence_garbage_is_noise(tokens: list[str]) -> None:
    assert noise_line(tokens, [20.0] * len(tokens))


@pytest.mark.parametrize("tokens", [
    ["12⁄02/2014-"],  # a date badly read: digits are kept
    ["UBNDTỈNHPHÚTHỌ"],  # a header whose spaces were lost
    ["-È11⁄", "chư", "tt"],  # one syllable in it: kept
    ["Số:", "¿4l"],  # a hand-filled number
    ["X"], [":"], ["–"], ["h"],  # a letter or a mark alone may be real
    ["È(#Z2%"],  # a digit in it
])
def test_lines_with_anything_real_are_kept(tokens: list[str]) -> None:
    assert not noise_line(tokens, [20.0] * len(tokens))


def test_confident_tokens_are_never_noise() -> None:
    assert not is_noise("kz", 95.0)
    assert not noise_line(["Œ"], [80.0])


def test_no_line_of_real_ground_truth_is_noise_even_unsure() -> None:
    files = sorted(SHARED.glob("*/*.gt.txt"))
    assert files, f"test data missing under {SHARED}"
    for f in files:
        for line in f.read_text("utf-8").splitlines():
            toks = line.split()
            assert not noise_line(toks, [0.0] * len(toks)), (f.name, line)


def _row(line: int, word: int, x: int, y: int, text: str, conf: float) -> str:
    return f"5\t1\t1\t1\t{line}\t{word}\t{x}\t{y}\t{20 * len(text)}\t30\t{conf}\t{text}"


def test_recognize_leaves_a_seal_line_out_of_the_text(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [_row(1, 1, 100, 100, "Nơi", 95), _row(1, 2, 200, 100, "nhận:", 94),
            _row(2, 1, 100, 200, "kz", 3), _row(2, 2, 400, 200, "}.—Ê", 0),
            _row(3, 1, 100, 300, "Lưu:", 93), _row(3, 2, 200, 300, "VT.", 90)]
    monkeypatch.setattr(engine, "_tsv", lambda *_a: "\n".join([HEAD, *rows]))
    image = np.full((600, 800), 255, np.uint8)
    image[100:330, 100:500:7] = 0
    page = engine.recognize(image, dpi=300)
    assert [ln for ln in page.text.split("\n") if ln] == ["Nơi nhận:", "Lưu: VT."], page.text
    assert "}.—Ê" in page.raw_text  # what Tesseract read is kept there
    # the words stay, flagged, for what reads the layout (where a hand-filled number sits)
    assert [w.text for w in page.words if not w.low_confidence] == ["Nơi", "nhận:", "Lưu:",
                                                                     "VT."]
    assert {w.text for w in page.words if w.low_confidence} == {"kz", "}.—Ê"}
    assert "kz" in engine.recognize(image, dpi=300, correct=False).text


@pytest.mark.parametrize("tokens", [
    ["l"], ["h", "g"], ["đ"], ["-"], [":"], ["XHag.ẹ-.Wý-.-yờợnn"]])
def test_scraps_read_with_almost_no_confidence_are_noise(tokens: list[str]) -> None:
    # specks and signature strokes under a seal: read at confidence 0-13 on real scans
    assert noise_line(tokens, [4.0] * len(tokens))


@pytest.mark.parametrize("tokens", [["X"], ["TT"], ["sơ"], ["2"], ["Qua"]])
def test_words_read_with_almost_no_confidence_are_kept(tokens: list[str]) -> None:
    # a ticked box, an abbreviation, a syllable, a digit: real lines of the ground truth
    assert not noise_line(tokens, [4.0] * len(tokens))
