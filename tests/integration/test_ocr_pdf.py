"""A produced two-layer PDF passes the PDF/A-2b checks and pdftotext gives the corrected text."""

from __future__ import annotations

import subprocess
import unicodedata

import numpy as np
import pytest

from digitize.devtools.sample import render_text_page
from ocr import recognize
from ocr.metrics import cer
from ocr.pdf import PdfPage, build_pdf
from ocr.pdfa import check_pdfa

pytestmark = pytest.mark.integration

TEXT = ("Điều 1. Ban hành kèm theo Quyết định số 15/QĐ-UBND này Kế hoạch số hóa tài liệu lưu "
        "trữ của các cơ quan, đơn vị trên địa bàn tỉnh.\nHòa bình, thủy lợi và khỏe mạnh.")


def test_pdf_text_layer_is_the_corrected_text() -> None:
    img, truth = render_text_page(TEXT, dpi=200, size_pt=13)
    img = img[: img.shape[0] // 3]
    gray = img.mean(axis=2).astype(np.uint8)
    bilevel = np.where(gray < 128, 0, 255).astype(np.uint8)
    pages = [PdfPage(img, 200, recognize(img, dpi=200)),
             PdfPage(bilevel, 200, recognize(bilevel, dpi=200))]
    pdf = build_pdf(pages, title="Kế hoạch số hóa", author="UBND tỉnh")
    assert check_pdfa(pdf) == []
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf,
                         capture_output=True, check=True).stdout.decode("utf-8")
    assert unicodedata.is_normalized("NFC", out)
    first, second = out.split("\f")[:2]
    for got, page in ((first, pages[0]), (second, pages[1])):
        assert cer(got, page.ocr.text)[0] <= 2, got  # same text as the OCR result
        assert cer(got, truth)[0] / len(truth) < 0.02
    assert "15/QĐ-UBND" in out and "Hòa bình" in out
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout
    assert b"Encrypted:       no" in info and b"Pages:           2" in info
