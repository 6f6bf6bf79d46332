"""Orientation and deskew on the real Vietnamese pages in the shared test data."""

from __future__ import annotations

from pathlib import Path

import pytest

from digitize.clean import clean_page
from digitize.pipeline.imagecodec import decode

REAL = Path("/work/shared/testdata/real-vi")

#: page -> (dpi, orientation it was captured at)
PAGES = {
    "vietocr3_samples/vietsample_p1.png": (300, 0),
    "vietocr3_samples/vietsample_p2.png": (300, 0),
    "vietocr3_samples/vietsample1_p1.png": (300, 0),   # Courier: letters align in columns
    "vietocr3_samples/vietsample1_p2.png": (300, 0),
    "vietocr3_samples/vietsample2_p1.png": (300, 270),  # turned a quarter clockwise
    "vietocr3_samples/vietsample2_p2.png": (300, 0),    # landscape, two columns
    "vietocr3_samples/vietsample2_mixedfonts.png": (300, 0),
    "nvp_vietnamese_documents_ocr/administrative_documents.jpg": (90, 0),
    "nvp_vietnamese_documents_ocr/page_book_rightpage.png": (120, 0),  # show-through
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_real_page_orientation(name: str) -> None:
    dpi, turned = PAGES[name]
    result = clean_page(decode((REAL / name).read_bytes()), dpi=dpi)
    assert result.report["orientation_deg"] == turned
    assert abs(result.report["skew_deg"]) < (15 if "book" in name else 0.5)
