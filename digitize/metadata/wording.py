"""Repair wrong-mark syllables in a trích yếu from administrative collocations ("chỉ ngân" → "chi ngân")."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from digitize.metadata.normalize import fold, nfc

__all__ = ["ADMIN_PHRASES", "repair_subject"]

#: Common collocations of Vietnamese administrative subjects (trích yếu), lower case.
ADMIN_PHRASES = """
ban hành|phê duyệt|kiện toàn|tăng cường|triển khai|thực hiện|tổ chức|hội nghị|tổng kết|sơ kết|
công tác|văn thư|lưu trữ|lịch sử|trên địa bàn|địa bàn tỉnh|địa bàn huyện|địa bàn xã|
chuyển đổi số|chính quyền số|kinh tế số|xã hội số|kinh tế - xã hội|phát triển kinh tế|
chỉ tiêu|giao chỉ tiêu|chỉ đạo|ban chỉ đạo|chỉ thị|chỉ huy|chỉ định|chỉ số|
thu chi|thu, chi|chi ngân sách|chi thường xuyên|chi đầu tư|chi tiết|chi phí|chi trả|chi bộ|chi cục|
ngân sách|ngân sách nhà nước|nhà nước|cơ quan nhà nước|quý I|quý II|quý III|quý IV|
bảo vệ|bảo vệ bí mật|bí mật nhà nước|bảo vệ môi trường|bảo vệ rừng|bảo vệ an ninh|vệ sinh|
an toàn|an toàn thông tin|thông tin mạng|an ninh mạng|an ninh trật tự|
bảo đảm|đảm bảo|bảo mật|bảo hiểm|bảo hiểm xã hội|bảo quản|bảo tồn|
cải cách hành chính|thủ tục hành chính|đơn vị hành chính|hành chính công|cấp xã|cấp huyện|cấp tỉnh|
sắp xếp|sắp xếp đơn vị|sáp nhập|hợp nhất|chia tách|
phòng, chống|phòng chống|thiên tai|tìm kiếm cứu nạn|cứu nạn|cứu hộ|phòng cháy|chữa cháy|
dịch bệnh|tham nhũng|lãng phí|tiêu cực|ma túy|
lãnh đạo|lãnh đạo công tác|tình hình mới|trong tình hình|
mời dự|dự hội nghị|tập huấn|nghiệp vụ|tập huấn nghiệp vụ|nghiệp vụ lưu trữ|bồi dưỡng|đào tạo|
danh mục|hồ sơ|số hóa|hồ sơ số hóa|của cơ quan|cơ quan|đơn vị|
chức năng|nhiệm vụ|quyền hạn|cơ cấu tổ chức|chức năng, nhiệm vụ|quy định chức năng|
trung tâm|trung tâm lưu trữ|lưu trữ lịch sử|
chế độ|chế độ báo cáo|báo cáo|thống kê|báo cáo thống kê|ngành nội vụ|nội vụ|
nghị quyết|nghị định|quyết định|thông tư|kế hoạch|chương trình|đề án|phương án|quy chế|
ban chấp hành|trung ương|ban chấp hành trung ương|đẩy mạnh|đẩy mạnh chuyển đổi|
năm 2024|năm 2025|giai đoạn|tháng 6|quý 1|
quy hoạch|kế hoạch sử dụng đất|sử dụng đất|đất đai|giải phóng mặt bằng|bồi thường|tái định cư|
xây dựng|nông thôn mới|giảm nghèo|việc làm|lao động|an sinh xã hội|giáo dục|y tế|
khen thưởng|thi đua|thi đua khen thưởng|kỷ luật|bổ nhiệm|miễn nhiệm|điều động|luân chuyển|
tuyển dụng|công chức|viên chức|cán bộ|biên chế|tinh giản biên chế|tiền lương|phụ cấp|
kiểm tra|thanh tra|giám sát|khiếu nại|tố cáo|tiếp công dân|
công bố|công bố danh mục|thủ tục|thẩm quyền|thuộc thẩm quyền|thẩm quyền giải quyết|giải quyết|
sửa đổi|bổ sung|sửa đổi, bổ sung|được sửa đổi|mới ban hành|thay thế|bãi bỏ|bị bãi bỏ|lĩnh vực|
trong lĩnh vực|khám bệnh|chữa bệnh|khám bệnh, chữa bệnh|quy trình nội bộ|giao thông vận tải|
danh mục thủ tục hành chính|thực hiện kế hoạch|kế hoạch rà soát|rà soát quy định|
đầu tư|đầu tư công|vốn đầu tư|dự án|giải ngân|tài sản công|mua sắm|
kỳ thi|phòng thi|coi thi|thi tốt nghiệp|tuyển sinh|học sinh|sinh viên|giảng viên|học kỳ|
"""


_NUM = "<số>"


@lru_cache(maxsize=1)
def _model() -> tuple[Counter[tuple[str, str]], dict[str, set[str]]]:
    """Syllable pairs seen in admin text, and the known syllables by their folded form."""
    pairs: Counter[tuple[str, str]] = Counter()
    words: set[str] = set()
    for phrase in re.split(r"\s*\|\s*", ADMIN_PHRASES.strip()):
        toks = [_NUM if t.isdigit() else t.lower() for t in nfc(phrase).replace(",", " ,").split()]
        for a, b in zip(toks, toks[1:]):
            if a != "," and b != ",":
                pairs[(a, b)] += 3
        words.update(t for t in toks if t != ",")
    try:  # the OCR package's bundled administrative text adds its pairs
        from ocr.postcorrect.correct import bigrams

        for (a, b), n in bigrams().items():
            pairs[(nfc(a), nfc(b))] += n
            words.update((nfc(a), nfc(b)))
    except ImportError:  # pragma: no cover - ocr is part of the app
        pass
    by_fold: dict[str, set[str]] = {}
    for w in words:
        if w.isalpha():
            by_fold.setdefault(fold(w), set()).add(w)
    return pairs, by_fold


def repair_subject(text: str) -> str:
    """Swap syllables read with a wrong tone or vowel mark for the variant the context supports.

    A word changes only when it is seen beside neither neighbour in administrative text and
    exactly one variant with the same letters (other marks) is seen beside both neighbours (or
    the one neighbour a comma leaves, or a number beside it), e.g. ``"thu, chỉ ngân sách"`` → ``"thu, chi ngân sách"``, ``"bảo về bí mật"`` →
    ``"bảo vệ bí mật"``. Case and punctuation are kept.

    Args:
        text: A subject as read by OCR.

    Returns:
        The subject, repaired where the evidence is unambiguous.
    """
    pairs, by_fold = _model()
    toks = text.split()
    toks = toks[:1] + [re.sub(r"^\.(?=[^\W\d_]{2})", "", t) for t in toks[1:]]  # "kinh .tÊ"
    parts = [re.fullmatch(r"(\W*)(.*?)(\W*)", t) for t in toks]
    cores = [(m[2].lower() if m and m[2].isalpha() else _NUM if m and m[2].isdigit() else None)
             for m in parts]
    out = list(toks)
    for i, core in enumerate(cores):
        if core is None or core == _NUM:
            continue
        m = parts[i]
        prev = cores[i - 1] if i and not m[1] and not parts[i - 1][3] else None
        nxt = cores[i + 1] if i + 1 < len(toks) and not m[3] and not parts[i + 1][1] else None
        if prev is None and nxt is None:
            continue
        if (prev and pairs[(prev, core)]) or (nxt and pairs[(core, nxt)]):
            continue

        def seen(v: str) -> bool:
            left, right = pairs[(prev, v)] if prev else 0, pairs[(v, nxt)] if nxt else 0
            if _NUM in (prev, nxt):  # "nấm 2025": a number beside is evidence enough
                return bool(left if prev == _NUM else right)
            return bool(left and right) if prev and nxt else max(left, right) >= 3

        alts = [v for v in by_fold.get(fold(core), ()) if v != core and seen(v)]
        if len(alts) != 1:
            continue
        alt = alts[0]
        word = m[2]
        if word[:1].isupper():
            alt = alt.upper() if word.isupper() and len(word) > 1 else alt[:1].upper() + alt[1:]
        out[i] = m[1] + alt + m[3]
    return " ".join(out)
