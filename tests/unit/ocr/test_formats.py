"""Plain text, TSV and hOCR renderings of OCR results."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ocr.formats import to_text, to_tsv
from ocr.hocr import to_hocr
from ocr.model import OcrPage, OcrWord


def _page() -> OcrPage:
    words = (OcrWord("Số:", 10, 10, 40, 20, 95.0, 0, 0, False),
             OcrWord("15/QĐ-UBND", 60, 10, 120, 20, 91.0, 0, 0, False),
             OcrWord("Điều", 10, 60, 50, 20, 40.0, 1, 1, True, raw="Điéu"),
             OcrWord("<1>&", 70, 60, 40, 20, 88.0, 1, 1, False))
    return OcrPage("Số: 15/QĐ-UBND\n\nĐiều <1>&", words, 300, 200, 300, 78.5, "vie",
                   "Số: 15/QĐ-UBND\n\nĐiéu <1>&")


def test_text_joins_pages_with_form_feeds() -> None:
    assert to_text([_page(), _page()]).count("\f") == 1
    assert to_text([]) == ""


def test_tsv_has_one_row_per_word() -> None:
    rows = to_tsv([_page()]).splitlines()
    assert len(rows) == 5
    assert rows[3].split("\t") == ["1", "1", "1", "3", "10", "60", "50", "20", "40.0", "1",
                                   "Điều", "Điéu"]


def test_hocr_is_wellformed_xml_with_boxes_and_review_flags() -> None:
    doc = to_hocr([_page()], title="Thử")
    root = ET.fromstring(doc.split("\n", 3)[3])
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    words = root.findall(".//h:span[@class]", ns)
    texts = [w.text for w in words if "ocrx_word" in w.get("class", "")]
    assert texts == ["Số:", "15/QĐ-UBND", "Điều", "<1>&"]
    low = [w for w in words if w.get("class") == "ocrx_word low_conf"]
    assert [w.text for w in low] == ["Điều"]
    assert "bbox 10 60 60 80; x_wconf 40" in doc
    assert len(root.findall(".//h:div[@class='ocr_carea']", ns)) == 2


def test_hocr_of_one_page_numbers_it() -> None:
    doc = to_hocr(_page(), page_no=3)
    assert 'id="page_3"' in doc and "ppageno 2" in doc and 'id="word_3_1"' in doc
