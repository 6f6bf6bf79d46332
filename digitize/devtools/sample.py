"""Render Vietnamese administrative pages (NĐ 30/2020 layout) for the bundled sample and tests.

The project generates its own sample dossier instead of shipping third-party scans: every page
is drawn with real TrueType fonts from a known truth (text and metadata), so tests can measure
OCR and extraction against it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFont

from digitize.metadata.fonts import FONT_FILES
from digitize.metadata.fonts import font_path as _font_path

__all__ = [
    "FONT_FILES",
    "SampleDocument",
    "make_document",
    "render_document",
    "render_text_page",
    "sample_dossier",
]

@lru_cache(maxsize=128)
def _font(family: str, style: int, px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(_font_path(FONT_FILES[family][style]), px)


ISSUERS = [
    ("ỦY BAN NHÂN DÂN", "TỈNH KIÊN GIANG", "UBND", "Kiên Giang", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
    ("ỦY BAN NHÂN DÂN", "HUYỆN CHÂU THÀNH", "UBND", "Châu Thành", "TM. ỦY BAN NHÂN DÂN",
     "CHỦ TỊCH"),
    ("UBND TỈNH AN GIANG", "SỞ TÀI CHÍNH", "STC", "An Giang", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"),
    ("UBND THÀNH PHỐ HÀ NỘI", "SỞ NỘI VỤ", "SNV", "Hà Nội", "GIÁM ĐỐC", ""),
    ("ỦY BAN NHÂN DÂN", "XÃ BÌNH AN", "UBND", "Bình An", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
    ("BỘ NỘI VỤ", "CỤC VĂN THƯ VÀ LƯU TRỮ NHÀ NƯỚC", "VTLTNN", "Hà Nội", "KT. CỤC TRƯỞNG",
     "PHÓ CỤC TRƯỞNG"),
    ("UBND TỈNH CÀ MAU", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "STTTT", "Cà Mau", "GIÁM ĐỐC", ""),
]

# (typeName code, tên loại line, notation abbreviation)
TYPES = [
    ("02", "QUYẾT ĐỊNH", "QĐ"), ("01", "NGHỊ QUYẾT", "NQ"), ("03", "CHỈ THỊ", "CT"),
    ("07", "THÔNG BÁO", "TB"), ("10", "KẾ HOẠCH", "KH"), ("14", "BÁO CÁO", "BC"),
    ("15", "TỜ TRÌNH", "TTr"), ("08", "HƯỚNG DẪN", "HD"), ("20", "BIÊN BẢN", "BB"),
    ("22", "", ""),  # công văn: no tên loại line, "V/v ..." under the number
]

SUBJECTS = [
    "ban hành Kế hoạch chuyển đổi số năm 2024",
    "phê duyệt danh mục hồ sơ số hóa của cơ quan",
    "tăng cường công tác văn thư, lưu trữ trên địa bàn tỉnh",
    "triển khai số hóa hồ sơ thủ tục hành chính",
    "kiện toàn Ban Chỉ đạo chuyển đổi số",
    "giao chỉ tiêu phát triển kinh tế - xã hội năm 2025",
    "tổ chức hội nghị tổng kết công tác cải cách hành chính",
    "bảo đảm an toàn thông tin mạng trong cơ quan nhà nước",
    "quy định chức năng, nhiệm vụ của Trung tâm Lưu trữ lịch sử",
    "thực hiện chế độ báo cáo thống kê ngành nội vụ",
]

SIGNERS = ["Nguyễn Văn Hùng", "Trần Thị Thu Hà", "Lê Minh Tuấn", "Phạm Quốc Bảo",
           "Võ Thị Ngọc Lan", "Đặng Hữu Phước", "Huỳnh Thanh Tâm", "Bùi Đức Thắng"]

# More variety for the metadata test set (``make_document(..., variety=True)``).
ISSUERS_MORE = [
    ("HỘI ĐỒNG NHÂN DÂN", "TỈNH ĐỒNG THÁP", "HĐND", "Đồng Tháp", "TM. THƯỜNG TRỰC HĐND",
     "CHỦ TỊCH"),
    ("BỘ TÀI CHÍNH", "KHO BẠC NHÀ NƯỚC", "KBNN", "Hà Nội", "KT. TỔNG GIÁM ĐỐC",
     "PHÓ TỔNG GIÁM ĐỐC"),
    ("UBND HUYỆN PHÚ QUỐC", "PHÒNG NỘI VỤ", "PNV", "Phú Quốc", "TRƯỞNG PHÒNG", ""),
    ("ỦY BAN NHÂN DÂN", "THÀNH PHỐ CẦN THƠ", "UBND", "Cần Thơ", "KT. CHỦ TỊCH",
     "PHÓ CHỦ TỊCH"),
    ("SỞ Y TẾ TỈNH LÂM ĐỒNG", "BỆNH VIỆN ĐA KHOA TỈNH", "BVĐK", "Lâm Đồng", "GIÁM ĐỐC", ""),
    ("ỦY BAN NHÂN DÂN", "PHƯỜNG AN KHÁNH", "UBND", "Thành phố Hồ Chí Minh",
     "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
]
TYPES_MORE = [
    ("04", "QUY CHẾ", "QC"), ("09", "CHƯƠNG TRÌNH", "CTr"), ("11", "PHƯƠNG ÁN", "PA"),
    ("12", "ĐỀ ÁN", "ĐA"), ("26", "GIẤY MỜI", "GM"), ("21", "HỢP ĐỒNG", "HĐ"),
    ("23", "CÔNG ĐIỆN", "CĐ"), ("27", "GIẤY GIỚI THIỆU", "GGT"), ("05", "QUY ĐỊNH", "QyĐ"),
    ("22", "", ""), ("02", "QUYẾT ĐỊNH", "QĐ"),
]
# Party committees: (đảng bộ cấp trên, issuer, ký hiệu cơ quan, place, authority, title)
PARTY_ISSUERS = [
    ("ĐẢNG BỘ TỈNH KIÊN GIANG", "TỈNH ỦY", "TU", "Kiên Giang", "T/M BAN THƯỜNG VỤ", "BÍ THƯ"),
    ("ĐẢNG BỘ TỈNH AN GIANG", "HUYỆN ỦY CHÂU THÀNH", "HU", "Châu Thành", "T/M BAN THƯỜNG VỤ",
     "PHÓ BÍ THƯ"),
    ("ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "ĐẢNG ỦY KHỐI CÁC CƠ QUAN", "ĐUK", "Hà Nội", "T/M BAN THƯỜNG VỤ",
     "BÍ THƯ"),
    ("ĐẢNG BỘ TỈNH CÀ MAU", "BAN TỔ CHỨC", "BTCTU", "Cà Mau", "K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"),
]
PARTY_TYPES = [("01", "NGHỊ QUYẾT", "NQ"), ("03", "CHỈ THỊ", "CT"), ("07", "THÔNG BÁO", "TB"),
               ("14", "BÁO CÁO", "BC"), ("10", "KẾ HOẠCH", "KH"), ("02", "QUYẾT ĐỊNH", "QĐ"),
               ("08", "HƯỚNG DẪN", "HD"), ("32", "KẾT LUẬN", "KL"), ("22", "", "CV")]
SUBJECTS_MORE = [
    "triển khai thực hiện Nghị quyết của Ban Chấp hành Trung ương về đẩy mạnh chuyển đổi "
    "số, phát triển chính quyền số trên địa bàn",
    "mời dự hội nghị tập huấn nghiệp vụ lưu trữ",
    "phòng, chống thiên tai và tìm kiếm cứu nạn năm 2025",
    "lãnh đạo công tác bảo vệ bí mật nhà nước trong tình hình mới",
    "thu, chi ngân sách nhà nước quý III",
    "sắp xếp đơn vị hành chính cấp xã",
]
BODY_MORE = [
    "Các đơn vị thực hiện nghiêm quy định về bảo mật thông tin, không dùng chung mật khẩu "
    "hộp thư công vụ và không lưu tài liệu mật trên máy tính kết nối Internet.",
    "Giao Văn phòng chủ trì theo dõi, đôn đốc việc thực hiện; định kỳ sáu tháng tổng hợp "
    "kết quả, báo cáo Thường trực xem xét.",
]
SIGNERS_MORE = ["Hoàng Thị Mỹ Duyên", "Ngô Quang Vinh", "Trương Văn Lực", "Dương Thị Kim Oanh",
                "Lý Hoàng Nam", "Phan Thanh Bình"]

BODY = [
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    "Căn cứ Luật Lưu trữ ngày 21 tháng 6 năm 2024;",
    "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác "
    "văn thư;",
    "Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 125/TTr-SNV.",
    "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch số hóa tài liệu lưu trữ giai đoạn "
    "2024 - 2025 của các cơ quan, đơn vị trên địa bàn.",
    "Điều 2. Các sở, ban, ngành có trách nhiệm tổ chức thực hiện, bảo đảm tiến độ và chất "
    "lượng; định kỳ báo cáo kết quả về Sở Nội vụ trước ngày 15 hằng tháng.",
    "Điều 3. Chánh Văn phòng, Thủ trưởng các cơ quan, đơn vị và cá nhân có liên quan chịu "
    "trách nhiệm thi hành Quyết định này kể từ ngày ký.",
    "Việc số hóa phải bảo đảm đầy đủ, chính xác, toàn vẹn; dữ liệu được mã hóa, ký số và "
    "lưu trữ an toàn, không để lộ lọt thông tin trong quá trình xử lý.",
    "Đề nghị các đơn vị quan tâm phối hợp, cử cán bộ tham gia tập huấn nghiệp vụ về quản lý "
    "tài liệu điện tử và bảo quản hồ sơ giấy sau khi số hóa.",
    "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các đơn vị phản ánh kịp thời để "
    "tổng hợp, báo cáo Ủy ban nhân dân tỉnh xem xét, quyết định.",
]


@dataclass
class SampleDocument:
    """The truth of one rendered document page: metadata and the lines drawn."""

    organ_parent: str
    organ_name: str
    organ_abbr: str
    place: str
    code_number: str
    code_notation: str
    issued: tuple[int, int, int]  # day, month, year
    type_code: str
    type_line: str
    subject: str
    signer_name: str
    signer_title: str
    authority: str
    body: list[str]
    party: bool = False
    secrecy: str = ""
    urgency: str = ""
    lines: list[str] = field(default_factory=list)
    seal: bool = False  # a round red organ seal over the signature

    @property
    def issuer_name(self) -> str:
        """``organName``: the issuer line, with a generic "ỦY BAN NHÂN DÂN" line joined."""
        if self.organ_parent in ("ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN"):
            return f"{self.organ_parent} {self.organ_name}"
        return self.organ_name

    @property
    def issued_date(self) -> str:
        """``DD/MM/YYYY`` as in the extraction contract."""
        d, m, y = self.issued
        return f"{d:02d}/{m:02d}/{y}"

    def truth(self) -> dict[str, str]:
        """The metadata fields this page should yield (DESIGN section 5 names)."""
        out = {
            "codeNumber": self.code_number, "codeNotation": self.code_notation,
            "issuedDate": self.issued_date, "typeName": self.type_code,
            "organName": self.issuer_name, "subject": self.subject,
            "signerName": self.signer_name, "signerTitle": self.signer_title,
            "place": self.place,
        }
        if self.secrecy:
            out["secrecy"] = self.secrecy
        if self.urgency:
            out["urgency"] = self.urgency
        return out

    @property
    def text(self) -> str:
        """All the text drawn on the page, in reading order, one line per line."""
        return "\n".join(self.lines)


def make_document(seed: int, *, party: bool | None = None, secrecy: str = "",
                  urgency: str = "", variety: bool = False, seal: bool = False
                  ) -> SampleDocument:
    """A varied, plausible document from ``seed`` (deterministic).

    ``variety`` draws from more issuers, types, subjects, signers and Party committees;
    ``seal`` stamps a round red organ seal over the signature.
    """
    rnd = random.Random(seed)
    party = rnd.random() < 0.2 if party is None else party
    year = rnd.choice([2019, 2020, 2021, 2022, 2023, 2024, 2025])
    day, month = rnd.randint(1, 28), rnd.randint(1, 12)
    n = rnd.randint(1, 2999)
    number = f"{n:02d}"  # NĐ 30: numbers below 10 get a leading zero
    subject = rnd.choice(SUBJECTS + SUBJECTS_MORE if variety else SUBJECTS)
    signer = rnd.choice(SIGNERS + SIGNERS_MORE if variety else SIGNERS)
    body = rnd.sample(BODY + BODY_MORE if variety else BODY, k=rnd.randint(4, 6))
    if party:
        types = PARTY_TYPES if variety else PARTY_TYPES[:3]
        type_code, type_line, abbr = rnd.choice(types)
        parent, organ, oabbr, place, authority, title = (
            rnd.choice(PARTY_ISSUERS) if variety else PARTY_ISSUERS[0])
        return SampleDocument(
            organ_parent=parent, organ_name=organ, organ_abbr=oabbr,
            place=place, code_number=number, code_notation=f"{abbr}/{oabbr}",
            issued=(day, month, year), type_code=type_code, type_line=type_line,
            subject=subject, signer_name=signer, signer_title=title,
            authority=authority, body=body, party=True, secrecy=secrecy,
            urgency=urgency, seal=seal)
    parent, organ, oabbr, place, authority, title = rnd.choice(
        ISSUERS + ISSUERS_MORE if variety else ISSUERS)
    type_code, type_line, abbr = rnd.choice(TYPES + TYPES_MORE if variety else TYPES)
    notation = f"{abbr}-{oabbr}" if abbr else oabbr
    if not title:
        title = authority
        authority = ""
    return SampleDocument(
        organ_parent=parent, organ_name=organ, organ_abbr=oabbr, place=place,
        code_number=number, code_notation=notation, issued=(day, month, year),
        type_code=type_code, type_line=type_line, subject=subject, signer_name=signer,
        signer_title=title, authority=authority, body=body, secrecy=secrecy, urgency=urgency,
        seal=seal)


class _Canvas:
    """A white A4 page with a text cursor; sizes in points, converted at ``dpi``."""

    def __init__(self, dpi: int, family: str, size_pt: float) -> None:
        self.dpi, self.family, self.size_pt = dpi, family, size_pt
        self.w, self.h = round(8.27 * dpi), round(11.69 * dpi)
        self.img = Image.new("RGB", (self.w, self.h), "white")
        self.draw = ImageDraw.Draw(self.img)
        self.left, self.right = self.px(72 * 1.18), self.w - self.px(72 * 0.79)
        self.lines: list[str] = []

    def px(self, pt: float) -> int:
        return round(pt * self.dpi / 72)

    def font(self, style: int = 0, scale: float = 1.0) -> ImageFont.FreeTypeFont:
        return _font(self.family, style, self.px(self.size_pt * scale))

    def text_at(self, x: int, y: int, text: str, style: int = 0, scale: float = 1.0,
                fill: str | tuple[int, int, int] = "black", anchor: str = "la") -> int:
        """Draw ``text`` and return its pixel width."""
        f = self.font(style, scale)
        self.draw.text((x, y), text, font=f, fill=fill, anchor=anchor)
        return round(f.getlength(text))

    def centered(self, cx: int, y: int, text: str, style: int = 0, scale: float = 1.0) -> int:
        self.text_at(cx, y, text, style, scale, anchor="ma")
        self.lines.append(text)
        return y + self.px(self.size_pt * scale * 1.25)

    def wrap(self, text: str, y: int, width: int, style: int = 0, indent: int = 0) -> int:
        """Draw a justified-left paragraph and return the next y."""
        f = self.font(style)
        words, line = text.split(), ""
        step = self.px(self.size_pt * 1.35)
        first = True
        for word in words:
            trial = f"{line} {word}".strip()
            avail = width - (indent if first else 0)
            if f.getlength(trial) > avail and line:
                self.text_at(self.left + (indent if first else 0), y, line, style)
                self.lines.append(line)
                y, line, first = y + step, word, False
            else:
                line = trial
        if line:
            self.text_at(self.left + (indent if first else 0), y, line, style)
            self.lines.append(line)
            y += step
        return y


def render_document(doc: SampleDocument, *, dpi: int = 300, family: str = "liberation-serif",
                    size_pt: float = 13.5) -> np.ndarray:
    """Draw ``doc`` as an A4 page and return it as an RGB ``uint8`` array.

    ``doc.lines`` is filled with the text lines drawn, in reading order.
    """
    c = _Canvas(dpi, family, size_pt)
    col_l = c.left + c.px(95)
    col_r = c.left + round((c.right - c.left) * 0.70)
    y0 = c.px(50)
    if doc.party:
        y = c.centered(col_l, y0, doc.organ_parent, 1, 0.95)
        y = c.centered(col_l, y, doc.organ_name, 1, 0.95)
        y = c.centered(col_l, y, "*", 0, 0.95)
        y = c.centered(col_l, y, f"Số {doc.code_number}-{doc.code_notation}", 0, 0.95)
        if not doc.type_line:
            y = _vv_lines(c, col_l, y, doc.subject)
        yr = c.centered(col_r, y0, "ĐẢNG CỘNG SẢN VIỆT NAM", 1, 1.0)
        c.draw.line([(col_r - c.px(95), yr), (col_r + c.px(95), yr)], fill="black",
                    width=max(1, c.px(0.8)))
    else:
        y = c.centered(col_l, y0, doc.organ_parent, 0, 0.9)
        y = c.centered(col_l, y, doc.organ_name, 1, 0.95)
        c.draw.line([(col_l - c.px(30), y), (col_l + c.px(30), y)], fill="black",
                    width=max(1, c.px(0.8)))
        y += c.px(6)
        y = c.centered(col_l, y, f"Số: {doc.code_number}/{doc.code_notation}", 0, 0.95)
        if not doc.type_line:
            y = _vv_lines(c, col_l, y, doc.subject)
        yr = c.centered(col_r, y0, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1, 0.85)
        yr = c.centered(col_r, yr, "Độc lập - Tự do - Hạnh phúc", 1, 1.0)
        c.draw.line([(col_r - c.px(85), yr), (col_r + c.px(85), yr)], fill="black",
                    width=max(1, c.px(0.8)))
    d, m, yy = doc.issued
    mm = f"{m:02d}" if m < 3 else str(m)  # NĐ 30: months 1 and 2 get a leading zero
    date_line = f"{doc.place}, ngày {d:02d} tháng {mm} năm {yy}"
    fit = min(1.0, 2 * (c.right - col_r) / max(1.0, c.font(2).getlength(date_line)))
    yr = c.centered(col_r, yr + c.px(10), date_line, 2, fit)
    y = max(y, yr) + c.px(8)
    red = (200, 30, 30)
    for mark in (doc.secrecy, doc.urgency):
        if mark:
            f = c.font(1, 1.2)
            tw = round(f.getlength(mark))
            x = col_l - tw // 2
            pad = c.px(4)
            c.draw.rectangle([x - pad, y - pad, x + tw + pad, y + c.px(size_pt * 1.3) + pad],
                             outline=red, width=max(2, c.px(1.5)))
            c.text_at(x, y, mark, 1, 1.2, fill=red)
            c.lines.append(mark)
            y += c.px(size_pt * 1.3) + 3 * pad
    y += c.px(14)
    if doc.type_line:
        y = c.centered(c.w // 2, y, doc.type_line, 1, 1.1)
        subj = doc.subject[0].upper() + doc.subject[1:]
        for part in _chunks(f"Về việc {doc.subject}" if not doc.party else subj, 62):
            y = c.centered(c.w // 2, y, part, 1)
        y += c.px(12)
    elif not doc.party:
        y = c.centered(c.w // 2, y, "Kính gửi: Các sở, ban, ngành tỉnh.", 0)
        y += c.px(8)
    for para in doc.body:
        y = c.wrap(para, y, c.right - c.left, indent=c.px(28))
    y += c.px(14)
    sig_top = y
    if doc.authority:
        y = c.centered(col_r, y, doc.authority, 1)
    y = c.centered(col_r, y, doc.signer_title, 1)
    if doc.seal:
        _seal(c, col_r - c.px(70), y + c.px(22), doc.organ_name, red)
    y = c.centered(col_r, y + c.px(50), doc.signer_name, 1)
    c.text_at(c.left, sig_top, "Nơi nhận:", 2, 0.85)
    c.lines.append("Nơi nhận:")
    ny = sig_top + c.px(size_pt * 1.2)
    for rec in ("- Như Điều 3;", "- Lưu: VT."):
        c.text_at(c.left, ny, rec, 0, 0.8)
        c.lines.append(rec)
        ny += c.px(size_pt)
    doc.lines = c.lines
    return np.asarray(c.img)


def _chunks(text: str, width: int) -> list[str]:
    """Split ``text`` at spaces into lines of at most ``width`` characters."""
    out: list[str] = []
    for word in text.split():
        if out and len(out[-1]) + 1 + len(word) <= width:
            out[-1] += " " + word
        else:
            out.append(word)
    return out


def _vv_lines(c: _Canvas, cx: int, y: int, subject: str) -> int:
    """The công văn trích yếu under the number, wrapped in the left column."""
    for part in _chunks(f"V/v {subject}", 34):
        y = c.centered(cx, y, part, 0, 0.85)
    return y


def _seal(c: _Canvas, cx: int, cy: int, name: str, red: tuple[int, int, int]) -> None:
    """A round red organ seal (double ring, star, name) centred at ``(cx, cy)``.

    Stamp ink is translucent: it is multiplied onto the page, so black text under it stays black.
    """
    layer = Image.new("RGB", c.img.size, "white")
    draw = ImageDraw.Draw(layer)
    r = c.px(58)
    for rr, wd in ((r, c.px(2.2)), (r - c.px(7), c.px(1.2)), (r - c.px(26), c.px(1.2))):
        draw.ellipse([cx - rr, cy - rr, cx + rr, cy + rr], outline=red, width=max(1, wd))
    star = [(cx + (c.px(9) if i % 2 else c.px(20)) * np.sin(i * np.pi / 5),
             cy - (c.px(9) if i % 2 else c.px(20)) * np.cos(i * np.pi / 5)) for i in range(10)]
    draw.polygon(star, fill=red)
    draw.text((cx, cy + r - c.px(18)), name[:22], font=c.font(1, 0.55), fill=red, anchor="mm")
    c.img = ImageChops.multiply(c.img, layer)
    c.draw = ImageDraw.Draw(c.img)


def render_text_page(text: str, *, dpi: int = 300, family: str = "liberation-serif",
                     size_pt: float = 13.0) -> tuple[np.ndarray, str]:
    """Draw plain paragraphs on an A4 page; return the RGB array and the lines drawn."""
    c = _Canvas(dpi, family, size_pt)
    y = c.px(72)
    for para in text.split("\n"):
        if para.strip():
            y = c.wrap(para.strip(), y, c.right - c.left)
            if y > c.h - c.px(72):
                break
    return np.asarray(c.img), "\n".join(c.lines)


def sample_dossier(n_pages: int = 3, *, dpi: int = 200) -> list[tuple[np.ndarray, SampleDocument]]:
    """The bundled sample dossier: ``n_pages`` rendered pages and their truth."""
    out = []
    for i in range(n_pages):
        doc = make_document(1000 + i, party=False)
        out.append((render_document(doc, dpi=dpi), doc))
    return out
