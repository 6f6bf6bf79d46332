"""Generated Vietnamese administrative text for the search benchmark (Zipf over phrases)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

# Function words and connectors: the head of the Zipf curve.
_FUNCTION = """của|và|các|được|theo|có|trong|cho|về|với|là|này|để|đã|những|tại|từ|thực hiện|
không|trên|phải|đến|khi|người|một|năm|ngày|tháng|số|do|bảo đảm|đối với|quy định|việc|nếu|
hoặc|như|sau|trước|thì|cũng|lại|nhằm|đồng thời|trường hợp|bao gồm|căn cứ|kể từ|liên quan|
theo quy định|có trách nhiệm|chịu trách nhiệm|tổ chức|cá nhân|cơ quan|đơn vị|địa phương""".replace(
    "\n", "").split("|")

# Content words and multi-syllable terms of administrative text.
_CONTENT = """quyết định|ủy ban nhân dân|hội đồng nhân dân|chủ tịch|phó chủ tịch|giám đốc|
phó giám đốc|
sở nội vụ|sở tài chính|sở kế hoạch và đầu tư|sở tài nguyên và môi trường|sở xây dựng|sở y tế|
sở giáo dục và đào tạo|sở thông tin và truyền thông|văn phòng|chánh văn phòng|thủ trưởng|
ban chỉ đạo|tổ công tác|hồ sơ|tài liệu|lưu trữ|văn thư|số hóa|chuyển đổi số|dữ liệu|
cơ sở dữ liệu|thủ tục hành chính|cải cách hành chính|dịch vụ công trực tuyến|một cửa|
kế hoạch|báo cáo|tờ trình|công văn|thông báo|nghị quyết|chỉ thị|hướng dẫn|biên bản|
đề án|dự án|chương trình|phương án|quy chế|giấy mời|hợp đồng|ngân sách|kinh phí|dự toán|
quyết toán|thanh toán|tạm ứng|nguồn vốn|đầu tư công|xây dựng|đất đai|quy hoạch|giải phóng mặt bằng|
bồi thường|hỗ trợ|tái định cư|giấy chứng nhận quyền sử dụng đất|cấp giấy phép|đăng ký|
kiểm tra|thanh tra|giám sát|xử lý|vi phạm|khiếu nại|tố cáo|tiếp công dân|giải quyết|
phê duyệt|ban hành|sửa đổi|bổ sung|bãi bỏ|thay thế|hiệu lực thi hành|tổ chức thực hiện|
triển khai|phối hợp|tổng hợp|đề nghị|kiến nghị|đề xuất|thống nhất|chỉ đạo|điều hành|
cán bộ|công chức|viên chức|người lao động|biên chế|tuyển dụng|bổ nhiệm|luân chuyển|
khen thưởng|kỷ luật|thi đua|đánh giá|xếp loại|đào tạo|bồi dưỡng|tập huấn|nghiệp vụ|
an toàn thông tin|an ninh mạng|bảo mật|mã hóa|chữ ký số|chứng thư số|phần mềm|hệ thống|
hạ tầng|kỹ thuật|thiết bị|máy quét|trang|bản|tờ|bản chính|bản sao|chứng thực|
nhiệm vụ|quyền hạn|chức năng|cơ cấu tổ chức|trách nhiệm|tiến độ|chất lượng|hiệu quả|
kết quả|mục tiêu|chỉ tiêu|giải pháp|định kỳ|hằng năm|hằng tháng|quý|giai đoạn|
kinh tế|xã hội|quốc phòng|an ninh|giáo dục|y tế|văn hóa|thể thao|du lịch|nông nghiệp|
nông thôn mới|môi trường|tài nguyên|khoáng sản|thủy lợi|giao thông|vận tải|công thương|
doanh nghiệp|hộ gia đình|hộ kinh doanh|người dân|công dân|dân tộc|tôn giáo|
luật|nghị định|thông tư|điều|khoản|điểm|chương|mục|phụ lục|danh mục|biểu mẫu|
nơi nhận|như trên|lưu|vt|tm|kt|tl|ubnd|hđnd|qđ|nđ|cp|tt|bnv|btc|snv|stc|
chính phủ|thủ tướng chính phủ|bộ nội vụ|bộ tài chính|bộ công an|cục văn thư và lưu trữ nhà nước|
trung tâm lưu trữ lịch sử|chi cục|phòng nội vụ|phòng tài chính kế hoạch|phòng tư pháp|
tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|ấp|khu phố|tổ dân phố|
kiên giang|an giang|cà mau|cần thơ|hà nội|hồ chí minh|đà nẵng|hải phòng|huế|nghệ an|
thanh hóa|quảng ninh|bình dương|đồng nai|lâm đồng|đắk lắk|gia lai|sóc trăng|bạc liêu|
châu thành|bình an|rạch giá|long xuyên|phú quốc|hà tiên|tân hiệp|gò quao|
nguyễn văn hùng|trần thị thu hà|lê minh tuấn|phạm quốc bảo|võ thị ngọc lan|đặng hữu phước|
huỳnh thanh tâm|bùi đức thắng|ông|bà|đồng chí|
mật|tối mật|khẩn|hỏa tốc|thượng khẩn|vĩnh viễn|thời hạn bảo quản|độ mật|độ khẩn|
ma|má|mà|mã|mạ|mả|bán|bàn|bạn|ban|bản|cao|cáo|cào|tiến|tiền|tiện|""".replace("\n", "").split("|")

# Syllables for the long tail (rare words, names, OCR variants).
_ONSETS = ["b", "c", "ch", "d", "đ", "g", "h", "kh", "l", "m", "n", "ng", "nh", "ph", "qu",
           "r", "s", "t", "th", "tr", "v", "x", ""]
_RIMES = ["a", "á", "à", "ả", "ã", "ạ", "an", "ang", "anh", "ao", "ai", "ăn", "ăng", "âm", "ân",
          "ât", "e", "é", "en", "eo", "ê", "ên", "ết", "i", "ình", "inh", "iếu", "o", "ó", "ong",
          "ô", "ông", "ốc", "ơ", "ới", "ơn", "u", "ú", "ung", "ư", "ước", "ương", "ưởng", "uy",
          "uyên", "uyết", "y"]

SUBJECTS = [
    "ban hành Kế hoạch chuyển đổi số năm {y}",
    "phê duyệt danh mục hồ sơ số hóa của cơ quan",
    "tăng cường công tác văn thư, lưu trữ trên địa bàn tỉnh",
    "triển khai số hóa hồ sơ thủ tục hành chính",
    "kiện toàn Ban Chỉ đạo chuyển đổi số",
    "giao chỉ tiêu phát triển kinh tế - xã hội năm {y}",
    "tổ chức hội nghị tổng kết công tác cải cách hành chính",
    "bảo đảm an toàn thông tin mạng trong cơ quan nhà nước",
    "quy định chức năng, nhiệm vụ của Trung tâm Lưu trữ lịch sử",
    "thực hiện chế độ báo cáo thống kê ngành nội vụ",
    "phê duyệt dự toán kinh phí bồi thường, hỗ trợ tái định cư",
    "cấp giấy chứng nhận quyền sử dụng đất cho hộ gia đình",
    "giải quyết khiếu nại của công dân",
    "khen thưởng tập thể, cá nhân có thành tích xuất sắc",
    "điều chỉnh quy hoạch sử dụng đất đến năm {y}",
]
ORGANS = ["Ủy ban nhân dân tỉnh Kiên Giang", "Ủy ban nhân dân huyện Châu Thành",
          "Sở Tài chính tỉnh An Giang", "Sở Nội vụ thành phố Hà Nội", "Ủy ban nhân dân xã Bình An",
          "Cục Văn thư và Lưu trữ nhà nước", "Sở Thông tin và Truyền thông tỉnh Cà Mau",
          "Sở Tài nguyên và Môi trường tỉnh Đồng Nai", "Hội đồng nhân dân tỉnh Nghệ An"]
ORGAN_ABBR = ["UBND", "UBND", "STC", "SNV", "UBND", "VTLTNN", "STTTT", "STNMT", "HĐND"]
TYPES = [("02", "QĐ", "Quyết định"), ("01", "NQ", "Nghị quyết"), ("03", "CT", "Chỉ thị"),
         ("07", "TB", "Thông báo"), ("10", "KH", "Kế hoạch"), ("14", "BC", "Báo cáo"),
         ("15", "TTr", "Tờ trình"), ("08", "HD", "Hướng dẫn"), ("20", "BB", "Biên bản"),
         ("22", "", "Công văn")]
SIGNERS = ["Nguyễn Văn Hùng", "Trần Thị Thu Hà", "Lê Minh Tuấn", "Phạm Quốc Bảo",
           "Võ Thị Ngọc Lan", "Đặng Hữu Phước", "Huỳnh Thanh Tâm", "Bùi Đức Thắng"]


def vocabulary(n_tail: int = 20000, seed: int = 7) -> list[str]:
    """Phrases ordered from most to least frequent: function words, content terms, a long tail."""
    rng = np.random.default_rng(seed)
    content = [w for w in _CONTENT if w]
    rng.shuffle(content)
    syll = [o + r for o, r in itertools.product(_ONSETS, _RIMES)]
    tail = {" ".join(rng.choice(syll, size=int(rng.integers(1, 3)))) for _ in range(n_tail)}
    numbers = [str(i) for i in range(1, 400)]
    return [w for w in _FUNCTION if w] + content + numbers + sorted(tail)


@dataclass
class GenDoc:
    """One generated document: its metadata and the text of its pages."""

    type_code: str
    type_label: str
    number: str
    notation: str
    issued: str  # ISO
    organ: str
    subject: str
    signer: str
    pages: list[str]


class Corpus:
    """A deterministic generator of ~300-syllable pages grouped into documents and dossiers."""

    def __init__(self, seed: int = 1, zipf_s: float = 1.05) -> None:
        self.rng = np.random.default_rng(seed)
        self.vocab = vocabulary()
        ranks = np.arange(1, len(self.vocab) + 1, dtype=np.float64)
        w = ranks ** -zipf_s
        self.cdf = np.cumsum(w / w.sum())
        self.doc_counter = 0

    def page_text(self, n_syllables: int = 300) -> str:
        """One page of text of about ``n_syllables`` syllables."""
        idx = np.searchsorted(self.cdf, self.rng.random(n_syllables // 2 + 20))
        out: list[str] = []
        count = 0
        breaks = self.rng.integers(6, 18, size=len(idx))
        for k, (i, b) in enumerate(zip(idx.tolist(), breaks.tolist(), strict=True)):
            w = self.vocab[i]
            out.append(w)
            count += w.count(" ") + 1
            if k % b == 0 and k:
                out[-1] = w + ("." if b % 3 == 0 else ",")
            if count >= n_syllables:
                break
        text = " ".join(out)
        return text[:1].upper() + text[1:] + "."

    def document(self) -> GenDoc:
        """One document of 1-8 pages with TT 05/2025-style metadata."""
        rng = self.rng
        self.doc_counter += 1
        t = int(rng.integers(0, len(TYPES)))
        o = int(rng.integers(0, len(ORGANS)))
        code, abbr, label = TYPES[t]
        year = int(rng.integers(2015, 2026))
        notation = f"{abbr}-{ORGAN_ABBR[o]}" if abbr else ORGAN_ABBR[o]
        subj = SUBJECTS[int(rng.integers(0, len(SUBJECTS)))].format(y=year)
        n_pages = int(min(8, 1 + rng.geometric(0.35)))
        pages = [self.page_text(int(rng.integers(220, 380))) for _ in range(n_pages)]
        number = self.doc_counter % 997 + 1
        header = f"{ORGANS[o].upper()} Số: {number}/{notation} {label.upper()} {subj}. "
        pages[0] = header + pages[0]
        return GenDoc(code, label, str(self.doc_counter % 997 + 1), notation,
                      f"{year}-{int(rng.integers(1, 13)):02d}-{int(rng.integers(1, 29)):02d}",
                      ORGANS[o], subj, SIGNERS[int(rng.integers(0, len(SIGNERS)))], pages)

    def documents(self) -> Iterator[GenDoc]:
        """An endless stream of documents."""
        while True:
            yield self.document()
