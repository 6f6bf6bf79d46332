"""A Vietnamese personal-name model: surnames, middle and given names, syllable validity."""

from __future__ import annotations

import re
from functools import lru_cache

from digitize.metadata.normalize import fold, nfc, similarity

__all__ = ["MIDDLE_NAMES", "SURNAMES", "name_plausibility", "repair_name"]

#: Common surnames (họ), most frequent first.
SURNAMES = (
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đinh Mai "
    "Trịnh Lưu Lâm Tô Hà Cao Tạ Chu Thái Triệu Quách Lương Văn Châu Đoàn Vương Kiều Mạc Trương "
    "Từ Tăng Lã Lại Đàm Khúc Khổng Nghiêm Giang Doãn Phùng Thân Ninh Quan Diệp Âu Hứa Mạc Tôn "
    "Kim Nông Lò Hầu Tống Viên Ông Bạch Thạch Cù Ứng").split()
#: Usual middle names (tên đệm).
MIDDLE_NAMES = frozenset((
    "Văn Thị Hữu Đức Minh Quốc Thanh Ngọc Thu Kim Mỹ Hoàng Quang Công Đình Xuân Hồng Bích Thúy "
    "Bá Duy Gia Thế Viết Khắc Như Diệu Thùy Tố Cẩm Anh Hải Trọng Tiến Chí Tất Vĩnh Phương Hoài "
    "Mạnh Trung Bảo Thái Huy Tuấn Thiện Phúc Nhật Kiều Lệ Thiên").split())
#: Common middle names (tên đệm) and given names (tên); many serve as both.
_GIVEN = (
    "Văn Thị Hữu Đức Minh Quốc Thanh Ngọc Thu Kim Mỹ Hoàng Quang Công Đình Xuân Hồng Bích Thúy "
    "Anh Hải Tuấn Hùng Dũng Cường Hà Lan Hương Hoa Mai Linh Trang Thảo Hạnh Hằng Nga Nhung "
    "Phương Yến Oanh Duyên Vinh Lực Bình Nam Bảo Phước Tâm Thắng Long Sơn Trung Hiếu Nghĩa "
    "Huy Khánh Khoa Kiên Lâm Lộc Lợi Mạnh Nhân Phong Phúc Quân Quý Tài Thành Thiện Thịnh Toàn "
    "Trí Trọng Tùng Tú Việt Vũ Chiến Công Cảnh Đạt Định Đông Giang Hào Hiền Hiệp Hòa Hoài Hội "
    "Học Hưng Khải Khang Khôi Lành Liên Loan Luân Lương Mến Minh Ngân Nguyên Nhàn Nhi Như "
    "Phát Phú Phụng Quyên Quyết Sang Sinh Son Tấn Thái Thăng Thơ Thông Thư Thủy Tiến Tín Tình "
    "Trâm Triều Trinh Trường Tuyết Uyên Vân Vy Xuyến Yên Châu Cúc Diệu Diễm Đào Gấm Hậu Huệ "
    "Khuê Liễu Lụa Nhàn Nhung Sương Thoa Thơm Tuyền Vui Bằng Cương Doanh Dương Hạ Hiển Hoan "
    "Hoạt Kha Kỳ Lập Lý Ninh Phi Quảng Tạo Thạch Thuận Tiệp Toản Tường Tư Ánh Ân Hiên Đăng "
    "Thế Duy Gia Bá Trọng Tiến Viết Khắc Như Diệu Thùy Tố Cẩm Lệ Phượng Ngọc Thiên Chí Tất "
    "Sỹ Sĩ Hồ Trần Lê Phạm Nguyễn Đỗ Đinh Võ Vĩnh Hoà").split()


_CONFUSIONS = (("RN", "M"), ("RT", "M"), ("NI", "M"), ("IN", "M"), ("RI", "N"), ("LI", "H"),
               ("CL", "D"), ("II", "U"), ("U", "N"), ("N", "U"), ("C", "E"), ("L", "I"))


@lru_cache(maxsize=1)
def _vocab() -> dict[str, str]:
    """Folded name syllable → its proper form (ambiguous folds map to '')."""
    out: dict[str, str] = {}
    for w in (*SURNAMES, *_GIVEN):
        k = fold(w)
        out[k] = w if out.get(k, w) == w else ""
    return out


@lru_cache(maxsize=1)
def _known() -> frozenset[str]:
    return frozenset(nfc(w) for w in (*SURNAMES, *_GIVEN))


def _is_syllable(word: str) -> bool:
    try:
        from ocr.postcorrect import is_syllable
    except ImportError:  # pragma: no cover - ocr is part of the app
        return word.isalpha()
    return is_syllable(word)


def name_plausibility(name: str) -> float:
    """How much ``name`` looks like a Vietnamese personal name, in [0, 1].

    Counts a known surname first, known middle/given names and valid syllables after.
    """
    toks = name.split()
    if not 2 <= len(toks) <= 5:
        return 0.0
    known = _known()
    score = 0.4 if toks[0] in SURNAMES else (0.15 if _is_syllable(toks[0]) else 0.0)
    per = 0.6 / (len(toks) - 1)
    for t in toks[1:]:
        score += per if t in known else (per * 0.6 if _is_syllable(t) else 0.0)
    return round(score, 3)


def _fix_token(tok: str, first: bool, middle: bool = False) -> str:
    """Snap one name syllable to a known name when OCR damaged it."""
    known = _known()
    if tok in known:
        return tok
    key = fold(tok)
    vocab = _vocab()
    bare = key == nfc(tok).upper()
    if vocab.get(key) and (bare or not _is_syllable(tok)):
        return vocab[key]  # marks lost or broken: the only name with these letters
    if not _is_syllable(tok):  # a Tesseract glyph confusion ("rn"/"rt" for "m", "li" for "h")
        hits = {vocab.get(key.replace(a, b)) for a, b in _CONFUSIONS if a in key} - {None, ""}
        if len(hits) == 1:
            return hits.pop()
    if _is_syllable(tok) and not first and tok[:1].isupper():
        return tok  # a valid, uncommon name: keep it
    pool = SURNAMES if first else tuple(known)
    # closest by letters, then by length (a misread letter keeps the length: "tuang" → "Quang")
    # and, between a middle and a last syllable, by whether the name is a usual tên đệm there
    scored = sorted(((similarity(key, fold(w)), -abs(len(fold(w)) - len(key)),
                      middle and w in MIDDLE_NAMES, w) for w in pool), reverse=True)
    if scored and scored[0][0] >= 0.6 and (len(scored) == 1 or scored[1][:3] < scored[0][:3]):
        best = scored[0][3]
        if similarity(nfc(tok).lower(), best.lower()) >= 0.5:
            return best
    return tok


def repair_name(name: str) -> str:
    """Repair OCR damage in a personal name ("Phạrt Quốc Bảo" → "Phạm Quốc Bảo").

    A syllable changes only when it is not a known name syllable and either its letters
    without marks match exactly one known name, or it is no valid Vietnamese syllable and one
    known name is clearly closest.

    Args:
        name: A Title-Case name as read.

    Returns:
        The repaired name (unchanged when nothing is clearly better).
    """
    toks = [re.sub(r"[^\w]", "", t) or t for t in nfc(name).split()]
    return " ".join(_fix_token(t, i == 0, 0 < i < len(toks) - 1) for i, t in enumerate(toks))
