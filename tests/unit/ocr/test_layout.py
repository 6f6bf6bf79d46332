"""Reading order from Tesseract TSV: side-by-side blocks are read left block first."""

from __future__ import annotations

from ocr.closing import is_recipients
from ocr.layout import Line, TsvWord, order_lines, parse_tsv

HEAD = ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight"
        "\tconf\ttext")


def _row(block: int, line: int, word: int, x: int, y: int, w: int, text: str,
         conf: float = 95.0) -> str:
    return f"5\t1\t{block}\t1\t{line}\t{word}\t{x}\t{y}\t{w}\t30\t{conf}\t{text}"


def _words(rows: list[str]) -> list[TsvWord]:
    return parse_tsv("\n".join([HEAD, *rows]))


def _text(words: list[TsvWord]) -> list[str]:
    return [" ".join(w.text for w in ln.words) for ln in order_lines(words)]


def test_parse_tsv_skips_non_words_and_blank_text() -> None:
    tsv = "\n".join([HEAD, "1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t",
                     _row(1, 1, 1, 10, 10, 50, "Số"), _row(1, 1, 2, 70, 10, 50, " "),
                     _row(1, 1, 3, 130, 10, 50, "15", -1)])
    words = parse_tsv(tsv)
    assert [w.text for w in words] == ["Số", "15"]
    assert words[1].conf == 0.0 and words[0].key == (1, 1, 1)


def test_two_column_header_is_read_left_block_first() -> None:
    # Tesseract put both columns on the same lines; the gutter is 400 px wide.
    rows = [
        _row(1, 1, 1, 100, 100, 120, "ỦY"), _row(1, 1, 2, 230, 100, 120, "BAN"),
        _row(1, 1, 3, 800, 100, 150, "CỘNG"), _row(1, 1, 4, 960, 100, 150, "HÒA"),
        _row(1, 2, 1, 120, 150, 150, "TỈNH"), _row(1, 2, 2, 820, 150, 150, "Độc"),
        _row(1, 2, 3, 980, 150, 100, "lập"),
        _row(1, 3, 1, 110, 200, 200, "Số:"), _row(1, 3, 2, 850, 200, 200, "Hà Nội"),
        _row(2, 1, 1, 500, 300, 220, "QUYẾT"), _row(2, 1, 2, 730, 300, 150, "ĐỊNH"),
        _row(3, 1, 1, 100, 400, 900, "Điều"), _row(3, 1, 2, 1010, 400, 80, "1."),
        _row(3, 2, 1, 100, 440, 900, "Điều"), _row(3, 2, 2, 1010, 440, 80, "2."),
    ]
    assert _text(_words(rows)) == ["ỦY BAN", "TỈNH", "Số:", "CỘNG HÒA", "Độc lập", "Hà Nội",
                                   "QUYẾT ĐỊNH", "Điều 1.", "Điều 2."]


def test_single_column_paragraph_is_one_block() -> None:
    rows = [_row(1, i, 1, 100, 100 + 40 * i, 800, f"dòng{i}") for i in range(1, 5)]
    lines = order_lines(_words(rows))
    assert [ln.words[0].text for ln in lines] == ["dòng1", "dòng2", "dòng3", "dòng4"]
    assert len({ln.block for ln in lines}) == 1


def test_page_turned_90_degrees_keeps_tesseract_order() -> None:
    # words of each line run downwards (x constant, y increasing)
    rows = []
    for line in range(1, 4):
        for word in range(1, 5):
            rows.append(f"5\t1\t1\t1\t{line}\t{word}\t{1000 - 50 * line}\t{100 * word}\t30\t80"
                        f"\t95\tw{line}{word}")
    assert _text(_words(rows)) == ["w11 w12 w13 w14", "w21 w22 w23 w24", "w31 w32 w33 w34"]


def test_empty_input() -> None:
    assert order_lines([]) == []


def test_words_broken_at_line_end_are_joined() -> None:
    from ocr.engine import _build

    rows = [_row(1, 1, 1, 100, 100, 300, "Quyết"), _row(1, 1, 2, 420, 100, 300, "số"),
            _row(1, 1, 3, 740, 100, 300, "15/QĐ-"),
            _row(1, 2, 1, 100, 140, 300, "UBND"), _row(1, 2, 2, 420, 140, 300, "về"),
            _row(1, 2, 3, 740, 140, 300, "infor-"),
            _row(1, 3, 1, 100, 180, 300, "mation"), _row(1, 3, 2, 420, 180, 300, "kinh"),
            _row(1, 3, 3, 740, 180, 300, "-"),
            _row(1, 4, 1, 100, 220, 300, "xã"), _row(1, 4, 2, 420, 220, 300, "hội")]
    lines = order_lines(_words(rows))
    text = _build(lines, [[w.text for w in ln.words] for ln in lines])
    assert text == "Quyết số 15/QĐ-UBND\nvề information\nkinh -\nxã hội"


def test_long_number_line_reaching_into_the_gutter_keeps_the_header_columns() -> None:
    # "Số: 4532/UBND- KSTTHC" reaches past the gutter the first header lines left, but a
    # narrower gutter still runs between it and the date beside it.
    rows = [
        _row(1, 1, 1, 100, 100, 300, "ỦY BAN"), _row(2, 1, 1, 700, 100, 500, "CỘNG HÒA"),
        _row(1, 2, 1, 120, 150, 280, "TỈNH"), _row(2, 2, 1, 720, 150, 450, "Độc lập"),
        _row(3, 1, 1, 100, 220, 500, "Số: 4532/UBND-"), _row(4, 1, 1, 660, 220, 500, "Phú Thọ"),
        _row(3, 2, 1, 100, 270, 400, "Về việc"),
        _row(5, 1, 1, 550, 340, 200, "Kính gửi:"),
    ]
    assert _text(_words(rows)) == ["ỦY BAN", "TỈNH", "Số: 4532/UBND-", "Về việc", "CỘNG HÒA",
                                   "Độc lập", "Phú Thọ", "Kính gửi:"]


def test_recipients_come_before_the_signature_block_that_starts_above_them() -> None:
    rows = [
        _row(1, 1, 1, 100, 100, 1000, "thân"), _row(1, 2, 1, 100, 140, 600, "cuối."),
        _row(2, 1, 1, 700, 200, 300, "KT. GIÁM ĐỐC"), _row(2, 2, 1, 700, 240, 300, "PHÓ"),
        _row(3, 1, 1, 100, 300, 150, "Nơi nhận:"), _row(3, 2, 1, 100, 340, 200, "- Như trên;"),
        _row(3, 3, 1, 100, 380, 200, "- Lưu: VT."),
        _row(4, 1, 1, 720, 450, 250, "Nguyễn Văn A"),
    ]
    assert _text(_words(rows)) == ["thân", "cuối.", "Nơi nhận:", "- Như trên;", "- Lưu: VT.",
                                   "KT. GIÁM ĐỐC", "PHÓ", "Nguyễn Văn A"]


def test_header_columns_set_almost_touching_are_read_column_by_column() -> None:
    """A 72 dpi scan: the issuer's name ends 15 px (half a line) before the Quốc hiệu begins,
    on a staggered row, so the header's first band has no full-width gutter; the next band
    (``Số:`` beside the date) goes on through that narrow one: left column first (#19)."""
    rows = [
        _row(1, 1, 1, 150, 100, 300, "UBND"), _row(2, 1, 1, 605, 95, 645, "CỘNG HÒA"),
        _row(1, 2, 1, 30, 128, 560, "SỞ THÔNG TIN"), _row(2, 2, 1, 750, 128, 400, "Độc lập"),
        _row(3, 1, 1, 150, 210, 330, "Số: 275"), _row(4, 1, 1, 700, 205, 500, "Phú Thọ"),
        _row(3, 2, 1, 60, 250, 510, "V/v đăng ký"), _row(3, 3, 1, 170, 285, 270, "năng"),
    ]
    assert _text(_words(rows)) == ["UBND", "SỞ THÔNG TIN", "Số: 275", "V/v đăng ký", "năng",
                                   "CỘNG HÒA", "Độc lập", "Phú Thọ"]


def test_a_line_far_below_the_header_columns_is_not_their_next_line() -> None:
    """``Kính gửi:`` four line heights under the header, left of its column cut, comes after
    the date of the right column, not inside the left column (#19)."""
    rows = [
        _row(1, 1, 1, 100, 100, 300, "Số: 275"), _row(2, 1, 1, 700, 100, 500, "Hà Nội"),
        _row(3, 1, 1, 300, 250, 200, "Kính gửi:"),
        _row(4, 1, 1, 100, 300, 1100, "Thực hiện"),
    ]
    assert _text(_words(rows)) == ["Số: 275", "Hà Nội", "Kính gửi:", "Thực hiện"]


def test_a_misread_recipients_head_still_starts_the_closing() -> None:
    """Low-resolution and 1-bit scans lose or misread the italic N of ``Nơi nhận:`` (``ơi
    nhận:``, ``Nai nhận:``); the list is still read before the signature block (#19)."""
    for head in ("ơi nhận:", "Nai nhận:", "4ới nhận:"):
        rows = [
            _row(1, 1, 1, 100, 100, 1000, "thân"), _row(1, 2, 1, 100, 140, 600, "cuối."),
            _row(2, 1, 1, 700, 200, 300, "KT. GIÁM ĐỐC"), _row(2, 2, 1, 700, 240, 300, "PHÓ"),
            _row(3, 1, 1, 100, 300, 150, head), _row(3, 2, 1, 100, 340, 200, "- Như trên;"),
            _row(3, 3, 1, 100, 380, 200, "- Lưu: VT."),
            _row(4, 1, 1, 720, 450, 250, "Nguyễn Văn A"),
        ]
        assert _text(_words(rows)) == ["thân", "cuối.", head, "- Như trên;", "- Lưu: VT.",
                                       "KT. GIÁM ĐỐC", "PHÓ", "Nguyễn Văn A"], head


def test_only_misreads_of_noi_count_as_the_recipients_head() -> None:
    """``Người nhận:`` (a form's field), ``tiếp nhận:`` and a ``Nơi`` without ``nhận`` are
    not the closing's list."""
    def head(text: str) -> bool:
        return is_recipients(Line(_words([_row(1, 1, i + 1, 100 + 80 * i, 100, 70, t)
                                           for i, t in enumerate(text.split())])))
    assert all(head(t) for t in ("Nơi nhận:", "Nơi nhận", "ơi nhận:", "Xới nhận:", "Nai nhận:"))
    assert not any(head(t) for t in ("Người nhận:", "tiếp nhận:", "Nơi ở:", "ơi nhận",
                                     "- nhận:"))


def _table_text(rows: list[str], cells: list[tuple[int, int, int, int]]) -> list[str]:
    return [" ".join(w.text for w in ln.words) for ln in order_lines(_words(rows), [cells])]


def test_table_rows_whose_rules_were_lost_are_read_row_by_row() -> None:
    """A 72 dpi scan keeps a table's column rules but not its faint row rules: one tall row
    of three cells holds the header and two rows; the numbering column (``STT``, ``1``,
    ``2``) says where each row starts (#19)."""
    cells = [(90, 90, 200, 500), (210, 90, 500, 500), (510, 90, 1000, 500)]
    rows = [
        _row(1, 1, 1, 100, 100, 60, "STT"), _row(2, 1, 1, 220, 100, 100, "Ngày"),
        _row(3, 1, 1, 520, 100, 200, "Công việc"),
        _row(1, 2, 1, 100, 180, 20, "1"), _row(2, 2, 1, 220, 180, 200, "12/02/2014-"),
        _row(2, 3, 1, 220, 215, 200, "19/02/2014"), _row(3, 2, 1, 520, 180, 300, "Nộp báo cáo"),
        _row(3, 3, 1, 520, 215, 300, "cho cô Uyên"),
        _row(1, 3, 1, 100, 300, 20, "2"), _row(2, 4, 1, 220, 300, 200, "20/02/2014"),
        _row(3, 4, 1, 520, 300, 300, "Bảo vệ"),
    ]
    assert _table_text(rows, cells) == [
        "STT", "Ngày", "Công việc", "1", "12/02/2014-", "19/02/2014", "Nộp báo cáo",
        "cho cô Uyên", "2", "20/02/2014", "Bảo vệ"]


def test_a_wrapped_entry_of_a_table_cell_stays_one_row() -> None:
    """The first cell's two lines are one entry (a date range wrapped in a 1.5-spaced table,
    each longer than a row number): the row is read cell by cell as before."""
    cells = [(90, 90, 300, 300), (310, 90, 1000, 300)]
    rows = [
        _row(1, 1, 1, 100, 100, 180, "03/03/2014-"), _row(1, 2, 1, 100, 160, 180, "07/03/2014"),
        _row(2, 1, 1, 320, 100, 400, "Nộp báo cáo"), _row(2, 2, 1, 320, 160, 300, "Khoa HTTT"),
    ]
    assert _table_text(rows, cells) == ["03/03/2014-", "07/03/2014", "Nộp báo cáo",
                                        "Khoa HTTT"]


def test_a_header_line_is_cut_where_the_line_under_it_has_its_gutter() -> None:
    """A real 240 dpi header: ``ỦY BAN NHÂN DÂN`` ends 2 word heights before ``CỘNG HÒA``
    (under the 2.5 heights of a column gap) and Tesseract read both as one line; the line
    under it has a wide gutter just there, so the first line is cut too: left column first
    (before, the Quốc hiệu was read after ``ỦY BAN NHÂN DÂN``) (#19)."""
    rows = [
        _row(1, 1, 1, 400, 190, 150, "ỦY BAN"), _row(1, 1, 2, 570, 190, 230, "NHÂN DÂN"),
        _row(1, 1, 3, 860, 190, 300, "CỘNG HÒA"),
        _row(3, 1, 1, 410, 240, 380, "TỈNH TIỀN GIANG"), _row(3, 1, 2, 1060, 240, 300, "Độc lập"),
        _row(4, 1, 1, 400, 300, 300, "Số: 241"), _row(4, 1, 2, 1000, 300, 400, "Tiền Giang"),
    ]
    assert _text(_words(rows)) == ["ỦY BAN NHÂN DÂN", "TỈNH TIỀN GIANG", "Số: 241",
                                   "CỘNG HÒA", "Độc lập", "Tiền Giang"]


def test_a_wide_word_gap_without_a_gutter_beside_it_keeps_its_line() -> None:
    """The same 2-height gap in a justified body line keeps the line whole when the gutter
    of the line beside it is elsewhere (#19)."""
    rows = [
        _row(1, 1, 1, 100, 100, 500, "Căn cứ Luật"), _row(1, 1, 2, 660, 100, 500, "Tổ chức"),
        _row(1, 2, 1, 100, 140, 200, "Nghị"), _row(1, 2, 2, 380, 140, 780, "định số 92"),
    ]
    assert _text(_words(rows)) == ["Căn cứ Luật Tổ chức", "Nghị", "định số 92"]


def test_a_hole_left_by_lost_words_cuts_no_line_beside_it() -> None:
    """A photographed paragraph: words lost to blur leave a 3-height hole in one line, and
    the line under it has a 2-height word gap just there; columns stand wider apart, so the
    line under it stays whole (cut, it was read in two halves out of order) (#19)."""
    rows = [
        _row(1, 1, 1, 100, 100, 420, "thẩm quyền quản lý của"), _row(1, 1, 2, 610, 100, 60, "tết"),
        _row(1, 2, 1, 100, 140, 430, "Theo đề nghị của Giám"),
        _row(1, 2, 2, 590, 140, 600, "đốc Sở Y tế tại Tờ trình"),
    ]
    assert _text(_words(rows))[-1] == "Theo đề nghị của Giám đốc Sở Y tế tại Tờ trình"
