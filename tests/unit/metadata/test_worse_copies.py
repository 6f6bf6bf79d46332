"""Pages that arrive worse than the scans we hold (a 150 dpi copy, a phone photo): what OCR
noise there must not turn into a confident wrong field (#20)."""

from __future__ import annotations

from digitize.metadata.extract import REVIEW_CONFIDENCE, extract
from tests.unit.metadata.wordbox import W, words_from_rows

ARTICLES = """QUYẾT ĐỊNH:
Điều 1. Công bố kèm theo Quyết định này Danh mục 02 thủ tục hành
chính mới ban hành thuộc thẩm quyền giải quyết của Sở Giao thông vận tải.
Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.
"""


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
    got = extract("", words=words_from_rows(rows), page_size=(2480, 3508))
    assert "typeName" not in got


def test_a_title_with_no_header_above_it_is_flagged() -> None:
    """A centred ``QUYẾT ĐỊNH`` with nothing of the header found above it (no quốc hiệu, số,
    ngày or cơ quan) may be an annex's or a later page's heading: shown for review."""
    got = extract("2\nQUYẾT ĐỊNH\nVề việc công bố danh mục thủ tục hành chính\n"
                  "Căn cứ Luật Tổ chức chính quyền địa phương;\n")
    assert got["typeName"].value == "02"
    assert got["typeName"].confidence < REVIEW_CONFIDENCE


def test_a_word_with_a_tall_box_stays_on_its_row() -> None:
    """On a blurred photo OCR gave ``việc`` a box two lines tall (a speck of the line below
    joined it): its centre fell between the rows, so ``về giới thiệu …`` lost it and the trích
    yếu stopped at its first line. The word goes back to the row its box spans."""
    rows = [(300, 200, "ỦY BAN NHÂN DÂN"), (1300, 200, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            (300, 250, "HUYỆN CHÂU THÀNH"), (1350, 250, "Độc lập - Tự do - Hạnh phúc"),
            (320, 320, "Số: 07/TB-UBND"), (1300, 330, "Châu Thành, ngày 15 tháng 02 năm 2024"),
            (1050, 480, "THÔNG BÁO"), (700, 700, "Phó Chủ tịch Ủy ban nhân dân huyện Châu Thành"),
            (400, 850, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;")]
    words = words_from_rows(rows)
    x = 640
    for text in ("Về", "việc", "giới", "thiệu", "chức", "danh", "và", "chữ", "ký"):
        tall = text == "việc"
        words.append(W(text, x, 645 if tall else 650, 22 * len(text), 95 if tall else 40))
        x += 22 * len(text) + 14
    got = extract("", words=words, page_size=(2480, 3508))
    assert got["subject"].value == ("giới thiệu chức danh và chữ ký Phó Chủ tịch Ủy ban nhân "
                                    "dân huyện Châu Thành")


def test_a_place_read_without_its_word_gap_is_split_again() -> None:
    """``BếnTre, ngày …`` (the gap lost on a small copy): the place is the lexicon's two words."""
    from digitize.metadata.lexicon import restore_place

    assert restore_place("Bếntre") == "Bến Tre"
    assert restore_place("Phúthọ") == "Phú Thọ"
    assert restore_place("Hồchíminh") == "Hồ Chí Minh"
    assert restore_place("Bentrex") == "Bentrex"  # not exactly a place: kept as read


def test_a_lower_case_ve_viec_is_stripped_from_the_subject() -> None:
    """``về việc`` read lower-case (the capital's accent lost on a photo) is the prefix too."""
    got = extract("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                  "TỈNH BẾN TRE Độc lập - Tự do - Hạnh phúc\n"
                  "Số: 12/TB-UBND Bến Tre, ngày 14 tháng 12 năm 2011\n\nTHÔNG BÁO\n"
                  "về việc giới thiệu chức danh và chữ ký\n")
    assert got["subject"].value == "giới thiệu chức danh và chữ ký"


def test_the_signer_title_is_reread_from_the_level_of_noi_nhan() -> None:
    """OCR kept only the signer's name (the title lost under the seal, on a photo): the second
    look at the block starts level with ``Nơi nhận``, where the title stands, not at the name."""
    import numpy as np

    rows = [(300, 200, "ỦY BAN NHÂN DÂN"), (1300, 200, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            (300, 250, "TỈNH ĐIỆN BIÊN"), (1350, 250, "Độc lập - Tự do - Hạnh phúc"),
            (320, 320, "Số: 07/QĐ-UBND"), (1300, 330, "Điện Biên, ngày 15 tháng 02 năm 2024"),
            (1050, 480, "QUYẾT ĐỊNH"), (700, 530, "Về việc công bố danh mục thủ tục"),
            (400, 640, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"),
            (300, 1650, "Nơi nhận:"), (300, 1700, "- Như Điều 3;"), (300, 1750, "- Lưu: VT.")]
    words = [*words_from_rows(rows), W("Lê", 1500, 1900, 44, 40, 40.0),
             W("Thành", 1558, 1900, 110, 40, 40.0), W("Đô", 1682, 1900, 44, 40, 40.0)]
    image = np.full((3508, 2480, 3), 255, np.uint8)
    image[1655:1690, 1500:1650] = 0  # the title's ink (150 px wide)
    image[1905:1940, 1500:1726] = 0  # the name's ink

    def reader(line: np.ndarray) -> str:
        return "CHỦ TỊCH" if line.shape[1] < 215 else "Lê Thành Đô"  # by its width

    got = extract("", words=words, page_size=(2480, 3508), image=image, reader=reader)
    assert got["signerTitle"].value == "CHỦ TỊCH"
    assert got["signerName"].value == "Lê Thành Đô"


def test_a_word_read_twice_is_kept_once() -> None:
    """A blurred photo made OCR read ``lĩ`` over ``lĩnh`` (boxes overlapping): the lower
    confidence echo goes, the trích yếu reads ``trong lĩnh vực``."""
    from digitize.metadata.layout import lines_from_words

    words = [W("bổ", 100, 400, 40, 27), W("sung", 150, 400, 74, 27),
             W("trong", 235, 400, 85, 27, 82.0), W("lĩ", 330, 400, 26, 27, 49.0),
             W("lĩnh", 337, 400, 60, 27, 93.0), W("vực", 408, 400, 56, 27)]
    assert [ln.text for ln in lines_from_words(words)] == ["bổ sung trong lĩnh vực"]


def test_two_tall_words_rejoin_their_row() -> None:
    """Two words of one row with boxes two lines tall (``sung lĩnh`` under a speck) are put back
    between ``bổ`` and ``vực`` instead of making a row of their own that cut the line in two."""
    from digitize.metadata.layout import lines_from_words

    words = [W("sửa", 100, 400, 60, 40), W("đổi,", 170, 400, 60, 40), W("bổ", 240, 400, 40, 40),
             W("sung", 290, 398, 74, 90), W("lĩnh", 375, 398, 60, 90), W("vực", 445, 400, 56, 40),
             W("khám", 510, 400, 80, 40), W("giải", 100, 455, 60, 40),
             W("quyết", 170, 455, 80, 40), W("của", 260, 455, 50, 40)]
    assert [ln.text for ln in lines_from_words(words)] == ["sửa đổi, bổ sung lĩnh vực khám",
                                                          "giải quyết của"]


def test_a_ky_thay_line_read_with_the_deputys_title_gives_the_deputys_title() -> None:
    """``KT. CHỦ TỊCH`` / ``PHÓ CHỦ TỊCH`` read as one line with ``PHÓ`` garbled (a photo):
    ký thay means the deputy signs, so the signer's title is ``PHÓ CHỦ TỊCH``. An authority line
    alone, or a TL. line, is kept as read."""
    from digitize.metadata.lexicon import restore_title

    assert restore_title("KT.CHỦ TỊCH\nNi CHỦ TỊCH") == "PHÓ CHỦ TỊCH"  # the two lines
    assert restore_title("KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC") == "PHÓ GIÁM ĐỐC"
    assert restore_title("KT. CHỦ TỊCH") == "KT. CHỦ TỊCH"
    assert restore_title("TL. CHỦ TỊCH CHÁNH VĂN PHÒNG") == "TL. CHỦ TỊCH CHÁNH VĂN PHÒNG"


def test_a_title_abbreviated_with_p_dot_stays_a_deputys_title() -> None:
    """``P.HIỆU TRƯỞNG`` (Phó abbreviated, the space lost on a small copy) is the deputy
    principal, not ``HIỆU TRƯỞNG``: punctuation separates words when a title is snapped."""
    from digitize.metadata.lexicon import restore_title

    assert restore_title("P.HIỆU TRƯỞNG") == "PHÓ HIỆU TRƯỞNG"
    assert restore_title("GIÁM ĐỐC,") == "GIÁM ĐỐC"
