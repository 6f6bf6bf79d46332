"""A heading that names no document type (a form's DANH SÁCH …) gives the subject, flagged."""

from __future__ import annotations

from digitize.metadata.extract import extract
from digitize.metadata.header import Found, Page
from digitize.metadata.layout import Line, lines_from_text
from digitize.metadata.plain_title import PLAIN_TITLE_CAP, find_plain_title

FORM = """Đơn vị: ........................
Phú Thọ, ngày      tháng 12 năm 2011
DANH SÁCH ĐĂNG KÝ
Tham gia Hội thi kỹ năng sử dụng máy tính
ngành Thông tin và Truyền thông tỉnh Phú Thọ năm 2011
STT Họ và tên Năm sinh Chức vụ công tác Trình độ chuyên môn Ghi chú
1
- Phụ trách: ............ Số điện thoại: ............
"""


def test_a_form_heading_and_its_continuation_are_the_subject() -> None:
    got = extract(FORM)
    assert got["subject"].value == ("Danh sách đăng ký tham gia Hội thi kỹ năng sử dụng máy tính "
                                    "ngành Thông tin và Truyền thông tỉnh Phú Thọ năm 2011")
    assert got["subject"].confidence <= PLAIN_TITLE_CAP < 0.9
    assert "typeName" not in got and got["place"].value == "Phú Thọ"


def test_a_heading_alone_and_no_national_heading() -> None:
    got = extract("Đơn vị: ....\nDANH SÁCH CÁN BỘ\nSTT HỌ VÀ TÊN\n1 Nguyễn Văn A\n")
    assert got["subject"].value == "Danh sách cán bộ"
    got = extract("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                  "Nội dung không có tiêu đề\n")
    assert "subject" not in got


def test_a_tên_loại_still_wins() -> None:
    got = extract("UBND TỈNH PHÚ THỌ\nSố: 12/QĐ-UBND\nPhú Thọ, ngày 5 tháng 3 năm 2024\n"
                  "QUYẾT ĐỊNH\nVề việc ban hành quy chế\n")
    assert got["typeName"].value == "02" and got["subject"].value == "ban hành quy chế"
    assert got["subject"].confidence > PLAIN_TITLE_CAP


def test_a_body_heading_of_a_continuation_page_is_no_subject() -> None:
    def follow(ln: Line) -> Found:
        return Found(ln.text, 0.8, ln)

    for text in ("2\nQUYÉT ĐỊNH\nĐiều 1. Công bố kèm theo Quyết định này Danh mục 02\n",
                 "2\nQUYẾT ĐỊNH:\nĐiều 1. Công bố\n", "2\nNƠI NHẬN:\n- Như Điều 3;\n",
                 "12\nCHƯƠNG II\nquy định chung về hồ sơ\n", "PHỤ LỤC I\nmẫu số 01\n"):
        lines = lines_from_text(text)
        assert find_plain_title(Page(lines, 1000, 1400, False), 0, follow) is None
    lines = lines_from_text("2\nDANH MỤC HỒ SƠ\nkèm theo công văn số 5\n")
    got = find_plain_title(Page(lines, 1000, 1400, False), 0, follow)
    assert got is not None and got.value == "Danh mục hồ sơ kèm theo công văn số 5"
