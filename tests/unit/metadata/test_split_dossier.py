"""Batch splitting, the separator sheet and pure dossier operations."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from digitize.errors import ValidationError
from digitize.metadata import dossier
from digitize.metadata.split import (
    PageInfo,
    has_header,
    is_separator,
    separator_sheet,
    split_documents,
)

STATE = "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH X Độc lập - Tự do - Hạnh phúc\n"
PARTY = "TỈNH ỦY KIÊN GIANG ĐẢNG CỘNG SẢN VIỆT NAM\n*\nSố 22-NQ/TU\n"
OCR_DAMAGED = ("UY BAN NHAN DAN CONG H0A XA HOI CHU NGHIA VIÊT NAM\n"
               "TINH X Doc lap - Tu do - Hanh phuc\n")
BODY = "Điều 2. Các sở, ban, ngành có trách nhiệm tổ chức thực hiện.\n" * 5


def test_header_pages_start_documents() -> None:
    assert has_header(PageInfo(STATE + BODY))
    assert has_header(PageInfo(PARTY + BODY))
    assert has_header(PageInfo(OCR_DAMAGED + BODY))
    assert not has_header(PageInfo(BODY))
    # a Quốc hiệu quoted deep in a page is not a header block
    assert not has_header(PageInfo(BODY * 3 + STATE))


def test_split_on_headers_blanks_and_separators() -> None:
    pages = [PageInfo(STATE + BODY), PageInfo(BODY), PageInfo(PARTY + BODY), PageInfo(BODY),
             PageInfo(blank=True), PageInfo(BODY), PageInfo(is_separator=True),
             PageInfo(BODY), PageInfo(BODY), PageInfo(STATE)]
    assert split_documents(pages) == [[0, 1], [2, 3], [5], [7, 8], [9]]
    # duplex scans: blank backs stay inside their document
    assert split_documents(pages, blank_separates=False) == [[0, 1], [2, 3, 4, 5], [7, 8], [9]]
    assert split_documents([]) == []


def test_separator_sheet_is_recognised_after_scanning() -> None:
    sheet = separator_sheet(dpi=100)
    assert sheet.ndim == 3 and sheet.shape[0] > sheet.shape[1]
    assert is_separator(sheet)
    gray = cv2.cvtColor(sheet, cv2.COLOR_RGB2GRAY)
    h, w = gray.shape
    rot = cv2.warpAffine(gray, cv2.getRotationMatrix2D((w / 2, h / 2), 4, 1), (w, h),
                         borderValue=255)
    noisy = np.clip(rot + np.random.default_rng(1).normal(0, 20, rot.shape), 0, 255)
    assert is_separator(noisy.astype(np.uint8))
    assert is_separator(np.rot90(sheet, 2).copy())
    blank = np.full_like(sheet, 255)
    assert not is_separator(blank)
    text = blank.copy()
    cv2.putText(text, "TACH TAI LIEU", (50, 400), cv2.FONT_HERSHEY_SIMPLEX, 2, (0, 0, 0), 4)
    assert not is_separator(text)


DOCS = [{"issuedDate": "05/03/2024", "numberOfPage": "2"},
        {"issuedDate": "28/01/2024", "numberOfPage": "1"},
        {"issuedDate": "", "numberOfPage": "4"}]


def test_close_dossier_computes_dates_and_counts() -> None:
    meta = {"title": "Hồ sơ", "startDate": "", "numberOfPaper": "5"}
    out = dossier.close_dossier(meta, DOCS)
    assert out == {"title": "Hồ sơ", "startDate": "28/01/2024", "endDate": "05/03/2024",
                   "numberOfPaper": "5", "totalDoc": "3", "numberOfPage": "7"}
    assert meta["startDate"] == ""  # pure
    with pytest.raises(ValidationError):
        dossier.close_dossier(meta, [])
    with pytest.raises(ValidationError):
        dossier.close_dossier(meta, [{"issuedDate": "01/01/2024"}])


def test_renumber_reorder_move() -> None:
    docs = dossier.renumber("H49.2024.01", dossier.reorder(DOCS, [2, 0, 1]))
    assert [d["docId"] for d in docs] == ["H49.2024.01.1", "H49.2024.01.2", "H49.2024.01.3"]
    assert docs[0]["docCode"] == "H49.2024.01.0000001" and docs[0]["numberOfPage"] == "4"
    assert dossier.move(["a", "b", "c"], 0, 2) == ["b", "c", "a"]
    with pytest.raises(ValidationError):
        dossier.reorder(DOCS, [0, 0, 1])
    with pytest.raises(ValidationError):
        dossier.move(["a"], 0, 3)


def test_merge_and_split() -> None:
    groups = [[0, 1], [2], [3, 4, 5]]
    assert dossier.merge_groups(groups, 0) == [[0, 1, 2], [3, 4, 5]]
    assert dossier.split_group(groups, 2, 1) == [[0, 1], [2], [3], [4, 5]]
    with pytest.raises(ValidationError):
        dossier.split_group(groups, 1, 1)
    merged = dossier.merge_documents(DOCS, 0)
    assert [d["numberOfPage"] for d in merged] == ["3", "4"]
    parts = dossier.split_document(DOCS, 2, 1)
    assert [d["numberOfPage"] for d in parts] == ["2", "1", "1", "3"]
    a, b = dossier.split_dossier(DOCS, 1)
    assert len(a) == 1 and len(b) == 2
    with pytest.raises(ValidationError):
        dossier.split_dossier(DOCS, 0)
