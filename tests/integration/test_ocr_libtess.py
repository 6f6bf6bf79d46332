"""Tesseract loaded in this process reads exactly what the program reads, and stops on demand."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import numpy as np
import pytest

from digitize.devtools.sample import render_text_page
from ocr import libtess, tesseract
from ocr.errors import OcrCancelled, OcrTimeout, TesseractMissing
from ocr.layout import parse_tsv

pytestmark = pytest.mark.integration

TEXT = ("Ủy ban nhân dân tỉnh Kiên Giang ban hành Quyết định số 15/QĐ-UBND về việc số hóa "
        "hồ sơ lưu trữ; các sở, ngành tổ chức thực hiện.")


@pytest.fixture(autouse=True)
def _library_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(libtess, "_enabled", [True])


@pytest.fixture(scope="module")
def gray() -> np.ndarray:
    img, _ = render_text_page(TEXT, dpi=200, size_pt=13)
    img = img[: img.shape[0] // 3]
    return img if img.ndim == 2 else np.ascontiguousarray(img.mean(axis=2).astype(np.uint8))


def test_library_and_program_give_the_same_words_and_boxes(gray: np.ndarray) -> None:
    assert libtess.available()
    lib = parse_tsv(libtess.run_tsv(gray, lang="vie", dpi=200))
    cli = parse_tsv(tesseract.run_tsv(gray, lang="vie", dpi=200))
    assert len(lib) > 10
    assert [(w.text, w.left, w.top, w.width, w.height) for w in lib] == \
        [(w.text, w.left, w.top, w.width, w.height) for w in cli]


def test_threads_each_use_their_own_engine(gray: np.ndarray) -> None:
    out: list[str] = []
    ts = [threading.Thread(target=lambda: out.append(libtess.run_tsv(gray, dpi=200)))
          for _ in range(3)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert len(out) == 3 and out[0] == out[1] == out[2]
    live = len(libtess._live)
    for _ in range(4):  # short-lived pool threads: each one's engine goes with it
        t = threading.Thread(target=lambda: libtess.run_tsv(gray, dpi=200))
        t.start()
        t.join()
    assert len(libtess._live) <= live


def test_cancel_and_time_limit_stop_recognition(gray: np.ndarray) -> None:
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(OcrCancelled):
        libtess.run_tsv(gray, dpi=200, cancel=cancel)
    big = np.ascontiguousarray(np.tile(gray, (4, 1)))
    with pytest.raises(OcrTimeout):
        libtess.run_tsv(big, dpi=200, timeout=0.001)
    assert "Quyết" in libtess.run_tsv(gray, dpi=200)  # the engine still works afterwards


def test_a_missing_language_names_its_package(gray: np.ndarray) -> None:
    with pytest.raises(TesseractMissing, match="tesseract-ocr-xyz"):
        libtess.run_tsv(gray, lang="xyz", dpi=200)


@pytest.mark.parametrize("env", [{"DIGITIZE_OCR_BACKEND": "cli"},
                                 {"DIGITIZE_TESSERACT": "tesseract"}])
def test_the_program_is_used_when_asked_or_bundled(env: dict[str, str]) -> None:
    code = "from ocr import libtess; libtess.enable(); print(libtess.available())"
    out = subprocess.run([sys.executable, "-c", code], env={**os.environ, **env},
                         capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_invert_off_skips_the_negative_reading_for_this_call_only() -> None:
    import cv2

    line = np.full((90, 700), 255, np.uint8)
    cv2.putText(line, "NATIONAL ARCHIVE", (15, 65), cv2.FONT_HERSHEY_SIMPLEX, 1.6, 0, 4)
    negative = 255 - line

    def words(img: np.ndarray, **kw: bool) -> list[str]:
        return [w.text for w in parse_tsv(libtess.run_tsv(img, lang="eng", psm=7, **kw))]

    assert words(line, invert=False) == words(line) == ["NATIONAL", "ARCHIVE"]
    assert words(negative) == ["NATIONAL", "ARCHIVE"]  # Tesseract's own second reading
    assert words(negative, invert=False) != ["NATIONAL", "ARCHIVE"]
    assert words(negative) == ["NATIONAL", "ARCHIVE"]  # the engine is left as it was
