"""Real Tesseract: probing, recognition accuracy and boxes, no files on disk, pool, cancel."""

from __future__ import annotations

import threading
import unicodedata
from pathlib import Path

import numpy as np
import pytest

from digitize.devtools.sample import make_document, render_document, render_text_page
from ocr import recognize, tesseract
from ocr.errors import OcrCancelled, OcrInputError, TesseractMissing
from ocr.metrics import aligned_cer, cer
from ocr.pool import OcrPool

pytestmark = pytest.mark.integration

TEXT = ("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác "
        "văn thư; theo đề nghị của Giám đốc Sở Nội vụ, Ủy ban nhân dân tỉnh quyết định ban "
        "hành Kế hoạch số hóa tài liệu lưu trữ.")


@pytest.fixture(scope="module")
def page() -> tuple[np.ndarray, str]:
    img, truth = render_text_page(TEXT, dpi=200, size_pt=13)
    return img[: img.shape[0] // 3], truth  # the top third holds the text


def test_probe() -> None:
    assert tesseract.available()
    assert int(tesseract.version().split(".")[0]) >= 4
    assert "vie" in tesseract.languages()
    tesseract.require("vie+eng")
    with pytest.raises(TesseractMissing, match="tesseract-ocr-xyz"):
        tesseract.require("vie+xyz")


def test_missing_executable_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tesseract.pytesseract.pytesseract, "tesseract_cmd", "no-such-tesseract")
    assert not tesseract.available()
    with pytest.raises(TesseractMissing) as e:
        tesseract.version()
    assert "tesseract-ocr" in e.value.message("vi")


def test_recognize_clean_page(page: tuple[np.ndarray, str]) -> None:
    img, truth = page
    result = recognize(img, dpi=200)
    errors, total = cer(result.text, truth)
    assert errors / total < 0.01, result.text
    assert unicodedata.is_normalized("NFC", result.text)
    assert "30/2020/NĐ-CP" in result.text
    assert result.width == img.shape[1] and result.height == img.shape[0]
    assert 80 < result.mean_conf <= 100
    for w in result.words:
        assert 0 <= w.left and w.left + w.width <= img.shape[1]
        assert 0 <= w.top and w.top + w.height <= img.shape[0]
    assert " ".join(w.text for w in result.words).split() == result.text.split()


def test_gray_input_and_low_resolution_upscaling(page: tuple[np.ndarray, str]) -> None:
    img, truth = page
    gray = img.mean(axis=2).astype(np.uint8)[::2, ::2]  # 100 dpi
    result = recognize(gray, dpi=100)
    assert cer(result.text, truth)[0] / len(truth) < 0.05
    assert max(w.left + w.width for w in result.words) <= gray.shape[1]


def test_two_column_header_comes_left_block_first() -> None:
    doc = make_document(7, party=False)
    img = render_document(doc, dpi=200)
    result = recognize(img[: img.shape[0] // 4], dpi=200)
    lines = result.text.splitlines()
    organ = next(i for i, ln in enumerate(lines) if doc.organ_name in ln)
    motto = next(i for i, ln in enumerate(lines) if "Độc lập" in ln)
    number = next(i for i, ln in enumerate(lines) if ln.startswith("Số:"))
    assert organ < number < motto
    assert doc.organ_name not in lines[motto]


def test_nothing_is_written_outside_the_wiped_ram_folder(
        page: tuple[np.ndarray, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shm = tmp_path / "shm"
    shm.mkdir()
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setattr("ocr.ramdir.RAM_ROOT", shm)
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.chdir(tmp)
    recognize(page[0], dpi=200)
    assert list(tmp.iterdir()) == []
    assert list(shm.iterdir()) == []  # the RAM folder was removed after the run


def test_pool_matches_sequential_and_cancels(page: tuple[np.ndarray, str]) -> None:
    img, truth = page
    imgs = [(img, 200), (img[:, ::-1].copy(), 200), (img, 200)]
    texts = [p.text for p in OcrPool(2).map(imgs)]
    assert texts[0] == texts[2] == recognize(img, dpi=200).text
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(OcrCancelled):
        list(OcrPool(2).map(imgs, cancel=cancel))


def test_cancel_kills_a_running_page(page: tuple[np.ndarray, str]) -> None:
    cancel = threading.Event()
    timer = threading.Timer(0.3, cancel.set)
    timer.start()
    big = np.tile(page[0], (3, 1, 1))
    with pytest.raises(OcrCancelled):
        recognize(big, dpi=200, cancel=cancel)


def test_blank_page_and_bad_input() -> None:
    blank = recognize(np.full((600, 500), 255, np.uint8), dpi=200)
    assert blank.text == "" and blank.words == () and blank.mean_conf == 0.0
    with pytest.raises(OcrInputError):
        recognize(np.zeros((10, 10), np.float64))  # type: ignore[arg-type]


def test_correction_beats_raw_on_the_same_run(page: tuple[np.ndarray, str]) -> None:
    img, truth = page
    result = recognize(img, dpi=200)
    assert aligned_cer(result.text, truth) <= aligned_cer(result.raw_text, truth)


def test_upside_down_page_is_read_turned(page: tuple[np.ndarray, str]) -> None:
    from ocr.engine import upright

    img, truth = page
    flipped = np.ascontiguousarray(img[::-1, ::-1])
    result = recognize(flipped, dpi=200)
    assert result.rotation == 180
    assert cer(result.text, truth)[0] / len(truth) < 0.02
    assert upright(flipped, result).shape == img.shape
    assert np.array_equal(upright(flipped, result), img)
