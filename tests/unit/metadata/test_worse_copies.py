"""Pages that arrive worse than the scans we hold (a 150 dpi copy, a phone photo): what OCR
noise there must not turn into a confident wrong field (#20)."""

from __future__ import annotations

from digitize.metadata.extract import REVIEW_CONFIDENCE, extract
from tests.unit.metadata.wordbox import W

ARTICLES = """QUYẾT ĐỊNH:
Điều 1. Công bố kèm theo Quyết định này Danh mục 02 thủ tục hành
chính mới ban hành thuộc thẩm quyền giải quyết của Sở Giao thông vận tải.
Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.
"""


def _words(rows: list[tuple[int, int, str]]) -> list[W]:
    out = []
    for x, y, line in rows:
        for word in line.split():
            out.append(W(word, x, y, 22 * len(word), 40))
            x += 22 * len(word) + 14
    return out


def test_the_operative_heading_of_a_continuation_page_is_no_title() -> None:
    """``QUYẾT ĐỊNH:`` above ``Điều 1.`` heads the articles on a decision's second page; a photo
    whose OCR also reads the page number ``2`` above it must not find a tên loại there (it did,
    at 0.90: a silent error), with the colon or without it."""
    for text in (ARTICLES, "2\n" + ARTICLES, "2\n" + ARTICLES.replace(":", "", 1)):
        got = extract(text)
        assert "typeName" not in got, text
        assert "subject" not in got or got["subject"].confidence < REVIEW_CONFIDENCE
    rows = [(1200, 150, "2"), (1050, 300, "QUYẾT ĐỊNH:"),
            *((400, 380 + 50 * i, ln) for i, ln in enumerate(ARTICLES.splitlines()[1:]))]
    got = extract("", words=_words(rows), page_size=(2480, 3508))
    assert "typeName" not in got


def test_a_title_with_no_header_above_it_is_flagged() -> None:
    """A centred ``QUYẾT ĐỊNH`` with nothing of the header found above it (no quốc hiệu, số,
    ngày or cơ quan) may be an annex's or a later page's heading: shown for review."""
    got = extract("2\nQUYẾT ĐỊNH\nVề việc công bố danh mục thủ tục hành chính\n"
                  "Căn cứ Luật Tổ chức chính quyền địa phương;\n")
    assert got["typeName"].value == "02"
    assert got["typeName"].confidence < REVIEW_CONFIDENCE

