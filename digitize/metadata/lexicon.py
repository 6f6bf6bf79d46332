"""Restore diacritics in upper-case header words (issuer, signer title) from an admin lexicon."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from digitize.metadata.normalize import fold

__all__ = ["place_phrases", "restore_names_in", "restore_place", "restore_title", "restore_upper"]

_PHRASES = """
ỦY BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN|ĐOÀN ĐẠI BIỂU QUỐC HỘI|MẶT TRẬN TỔ QUỐC|TỈNH ỦY|HUYỆN ỦY|
THÀNH ỦY|QUẬN ỦY|ĐẢNG ỦY|ĐẢNG BỘ|ĐẢNG ỦY KHỐI|CHI BỘ|TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|THỊ TRẤN|
XÃ|PHƯỜNG|ĐẶC KHU|SỞ|BỘ|CỤC|TỔNG CỤC|CHI CỤC|BAN|PHÒNG|VĂN PHÒNG|TRUNG TÂM|BỆNH VIỆN|ĐA KHOA|
TRƯỜNG|ĐẠI HỌC|KHOA|HỆ THỐNG|HỆ THỐNG THÔNG TIN|
NỘI VỤ|TÀI CHÍNH|Y TẾ|GIÁO DỤC|ĐÀO TẠO|THÔNG TIN|TRUYỀN THÔNG|KẾ HOẠCH|ĐẦU TƯ|
TƯ PHÁP|XÂY DỰNG|CÔNG THƯƠNG|NÔNG NGHIỆP|NÔNG THÔN|PHÁT TRIỂN|TÀI NGUYÊN|MÔI TRƯỜNG|GIAO THÔNG|
VẬN TẢI|VĂN HÓA|THỂ THAO|DU LỊCH|LAO ĐỘNG|THƯƠNG BINH|XÃ HỘI|KHO BẠC|NHÀ NƯỚC|VĂN THƯ|LƯU TRỮ|
THANH TRA|KHỐI|CÁC CƠ QUAN|CƠ QUAN|TỔ CHỨC|TUYÊN GIÁO|DÂN VẬN|KIỂM TRA|CÔNG AN|QUÂN SỰ|CHỈ HUY|
CHÍNH PHỦ|QUỐC HỘI|VIỆT NAM|KHOA HỌC|CÔNG NGHỆ|NGOẠI VỤ|DÂN TỘC|TÔN GIÁO|THUẾ|HẢI QUAN|
CHỦ TỊCH|PHÓ CHỦ TỊCH|GIÁM ĐỐC|PHÓ GIÁM ĐỐC|TỔNG GIÁM ĐỐC|PHÓ TỔNG GIÁM ĐỐC|CỤC TRƯỞNG|
PHÓ CỤC TRƯỞNG|TRƯỞNG PHÒNG|PHÓ TRƯỞNG PHÒNG|TRƯỞNG BAN|PHÓ TRƯỞNG BAN|BÍ THƯ|PHÓ BÍ THƯ|
THƯỜNG TRỰC|BAN THƯỜNG VỤ|CHÁNH VĂN PHÒNG|HIỆU TRƯỞNG|THỦ TRƯỞNG|BỘ TRƯỞNG|THỨ TRƯỞNG|
HÀ NỘI|HỒ CHÍ MINH|HẢI PHÒNG|ĐÀ NẴNG|CẦN THƠ|HUẾ|KIÊN GIANG|AN GIANG|CÀ MAU|ĐỒNG THÁP|LÂM ĐỒNG|
HẬU GIANG|BẠC LIÊU|SÓC TRĂNG|VĨNH LONG|TRÀ VINH|BẾN TRE|TIỀN GIANG|LONG AN|TÂY NINH|ĐỒNG NAI|
BÌNH DƯƠNG|BÌNH PHƯỚC|BÀ RỊA|VŨNG TÀU|KHÁNH HÒA|NINH THUẬN|BÌNH THUẬN|PHÚ YÊN|BÌNH ĐỊNH|QUẢNG NGÃI|
QUẢNG NAM|QUẢNG TRỊ|QUẢNG BÌNH|HÀ TĨNH|NGHỆ AN|THANH HÓA|NINH BÌNH|NAM ĐỊNH|THÁI BÌNH|HÀ NAM|
HƯNG YÊN|HẢI DƯƠNG|BẮC NINH|BẮC GIANG|QUẢNG NINH|LẠNG SƠN|CAO BẰNG|HÀ GIANG|TUYÊN QUANG|LÀO CAI|
YÊN BÁI|THÁI NGUYÊN|PHÚ THỌ|VĨNH PHÚC|HÒA BÌNH|SƠN LA|ĐIỆN BIÊN|LAI CHÂU|GIA LAI|KON TUM|ĐẮK LẮK|
ĐẮK NÔNG|CHÂU THÀNH|PHÚ QUỐC|BÌNH AN|AN KHÁNH
"""


@lru_cache(maxsize=1)
def _table() -> dict[tuple[str, ...], tuple[str, ...]]:
    table: dict[tuple[str, ...], tuple[str, ...] | None] = {}
    for phrase in re.split(r"\s*\|\s*", _PHRASES.strip()):
        key = tuple(fold(phrase).split())
        val = tuple(phrase.split())
        if key in table and table[key] != val:
            table[key] = None  # ambiguous without diacritics: leave such words alone
        else:
            table[key] = val
    return {k: v for k, v in table.items() if v is not None}


@lru_cache(maxsize=1)
def place_phrases() -> frozenset[tuple[str, ...]]:
    """Folded words of the lexicon's place names (``("dien", "bien")``), the tail of the list."""
    phrases = re.split(r"\s*\|\s*", _PHRASES.strip())
    start = phrases.index("HÀ NỘI")
    return frozenset(tuple(fold(p).split()) for p in phrases[start:])


def restore_upper(text: str, extra: Iterable[str] = ()) -> str:
    """Replace upper-case words whose diacritics OCR damaged by their lexicon form.

    Args:
        text: An upper-case header line, e.g. ``"ỦY BAN NHÂN DÂN THANH PHO CÂN THƠ"``.
        extra: More phrases known for this page (e.g. the place of the date line).

    Returns:
        e.g. ``"ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ"``; unknown words are kept as read.
    """
    table = dict(_table())
    for phrase in extra:
        up = phrase.upper()
        table[tuple(fold(up).split())] = tuple(up.split())
    toks = text.split()
    keys = [fold(t) for t in toks]
    out: list[str] = []
    i = 0
    while i < len(toks):
        for n in range(min(5, len(toks) - i), 0, -1):
            val = table.get(tuple(keys[i:i + n]))
            if val and all(t.isupper() for t in toks[i:i + n]):
                out.extend(val)
                i += n
                break
        else:
            extra_letter = _one_extra(toks[i:i + 3], keys[i:i + 3], table)
            if extra_letter is not None:
                out.extend(extra_letter[1])
                i += extra_letter[0]
                continue
            tok = _complete(toks, table) if i == len(toks) - 1 else toks[i]
            out.append(_near_word(tok, table))
            i += 1
    return " ".join(out)


def _one_extra(toks: list[str], keys: list[str], table: dict[tuple[str, ...], tuple[str, ...]]
               ) -> tuple[int, tuple[str, ...]] | None:
    """A lexicon phrase of two or three words read with one letter too many (``HẢÁI PHÒNG``:
    OCR doubled a vowel); ``(words used, phrase)`` when exactly one phrase fits."""
    for n in (3, 2):
        if len(toks) < n or not all(t.isupper() for t in toks[:n]):
            continue
        got = keys[:n]
        hits = set()
        for k, v in table.items():
            if len(k) != n or sum(map(len, got)) != sum(map(len, k)) + 1:
                continue
            for j in range(n):
                if got[:j] == list(k[:j]) and got[j + 1:] == list(k[j + 1:]) and \
                        len(got[j]) == len(k[j]) + 1 and \
                        any(got[j][:c] + got[j][c + 1:] == k[j] for c in range(len(got[j]))):
                    hits.add(v)
        if len(hits) == 1:
            return n, hits.pop()
    return None


def _near_word(tok: str, table: dict[tuple[str, ...], tuple[str, ...]]) -> str:
    """A long upper-case word one OCR slip away from exactly one lexicon word ("TRUYÊỀN")."""
    from digitize.metadata.normalize import similarity

    key = fold(tok)
    if len(key) < 5 or not tok.isupper() or (key,) in table:
        return tok
    words = {(kw, vw) for k, v in table.items() for kw, vw in zip(k, v, strict=False)}
    hits = {vw for kw, vw in words if kw[0] == key[0] and similarity(key, kw) >= 0.84}
    return hits.pop() if len(hits) == 1 else tok


def _complete(toks: list[str], table: dict[tuple[str, ...], tuple[str, ...]]) -> str:
    """The last word cut by one letter at the column edge ("NHÀ NƯỚ" → "NƯỚC"), when a lexicon
    phrase ending the line makes it unambiguous (context of at least one preceding word)."""
    tok = toks[-1]
    key = fold(tok)
    if len(key) < 2 or not tok.isupper():
        return tok
    prev = [fold(t) for t in toks[:-1]]
    for n in range(min(4, len(prev)), 0, -1):
        ctx = tuple(prev[len(prev) - n:])
        hits = {v[-1] for k, v in table.items() if len(k) == n + 1 and k[:n] == ctx
                and len(k[-1]) == len(key) + 1 and k[-1].startswith(key)}
        if len(hits) == 1:
            return hits.pop()
    return tok


_TITLES = """
CHỦ TỊCH|PHÓ CHỦ TỊCH|GIÁM ĐỐC|PHÓ GIÁM ĐỐC|TỔNG GIÁM ĐỐC|PHÓ TỔNG GIÁM ĐỐC|CỤC TRƯỞNG|
PHÓ CỤC TRƯỞNG|TRƯỞNG PHÒNG|PHÓ TRƯỞNG PHÒNG|TRƯỞNG BAN|PHÓ TRƯỞNG BAN|BÍ THƯ|PHÓ BÍ THƯ|
CHÁNH VĂN PHÒNG|PHÓ CHÁNH VĂN PHÒNG|HIỆU TRƯỞNG|PHÓ HIỆU TRƯỞNG|BỘ TRƯỞNG|THỨ TRƯỞNG|
THỦ TƯỚNG|PHÓ THỦ TƯỚNG|VIỆN TRƯỞNG|CHÁNH THANH TRA|TỔNG CỤC TRƯỞNG|CHI CỤC TRƯỞNG|
GIÁM ĐỐC SỞ|TRƯỞNG ĐOÀN|THƯ KÝ|KẾ TOÁN TRƯỞNG|TRƯỞNG KHOA|PHÓ TRƯỞNG KHOA|PHÓ VIỆN TRƯỞNG|
CHỦ NHIỆM|PHÓ CHỦ NHIỆM
"""


def restore_title(text: str) -> str:
    """Snap a damaged signer title to the closest known title (``ĐHÓ GIÁM ĐỐC`` → ``PHÓ GIÁM ĐỐC``).

    Titles not close to a known one (similarity < 0.75 without diacritics) are kept as read,
    after the word-level :func:`restore_upper`.
    """
    from digitize.metadata.normalize import similarity

    titles = [t for t in re.split(r"\s*\|\s*", _TITLES.strip()) if t]
    if re.match(r"^\s*(TM|KT|TL|TUQ|Q|T/M|K/T|T/L)[.\s]", text):
        return _deputy(text, titles) or restore_upper(text)  # "KT. CHỦ TỊCH" is kept whole
    key = " ".join(re.sub(r"[^A-Z ]", " ", fold(text)).split())  # "P.HIỆU": P. is a word
    best = max(titles, key=lambda t: similarity(key, fold(t)))
    if similarity(key, fold(best)) >= 0.75:
        return best
    return restore_upper(text)


def restore_place(place: str) -> str:
    """Restore the diacritics of a place name read from the date line, keeping its case.

    Args:
        place: e.g. ``"Cân Thơ"``, ``"Thành phó Hồ Chí Minh"`` (OCR slips on tone marks).

    Returns:
        e.g. ``"Cần Thơ"``, ``"Thành phố Hồ Chí Minh"``; words not in the lexicon are kept.
    """
    toks = _split_joined(place.split())
    up = restore_upper(" ".join(t.upper() for t in toks)).split()
    if len(up) != len(toks):
        return place
    out = []
    for orig, new in zip(toks, up, strict=True):
        if fold(orig) != fold(new):
            out.append(orig)
        else:
            out.append(new[0] + new[1:].lower() if orig[:1].isupper() else new.lower())
    return " ".join(out)


def _split_joined(toks: list[str]) -> list[str]:
    """A place name whose word gap OCR lost (``Bếntre``: a narrow gap on a small or blurred
    copy) is split back where its letters are exactly a lexicon place of two or three words."""
    joined = {"".join(k): k for k in place_phrases() if len(k) >= 2}
    out: list[str] = []
    for t in toks:
        key = re.sub(r"[^A-Z]", "", fold(t))
        k = joined.get(key) if len(key) == len(fold(t)) else None
        if k is None:
            out.append(t)
            continue
        at = 0
        for part in k:  # the word's own letters (and marks), cut at the phrase's word lengths
            piece = t[at:at + len(part)]
            out.append(piece[:1].upper() + piece[1:] if t[:1].isupper() else piece)
            at += len(part)
    return out


def restore_names_in(text: str) -> str:
    """Restore the diacritics of Title-Case place/organ names inside running text.

    ``"… ngành Xây dựng tỉnh Tiên Giang"`` → ``"… tỉnh Tiền Giang"``: a run of two or three
    capitalised words whose letters match a lexicon phrase takes the phrase's marks.
    """
    table = _table()
    toks = text.split()
    out: list[str] = []
    i = 0
    while i < len(toks):
        for n in (3, 2):
            win = toks[i:i + n]
            core = [t.rstrip(".,;:)") for t in win]
            if len(win) < n or not all(c[:1].isupper() and c[1:].islower() for c in core):
                continue
            val = table.get(tuple(fold(c) for c in core))
            if val:
                new = [v[0] + v[1:].lower() for v in val]
                out.extend(nw + w[len(c):] for nw, w, c in zip(new, win, core, strict=True))
                i += n
                break
        else:
            out.append(toks[i])
            i += 1
    return " ".join(out)


def _deputy(text: str, titles: list[str]) -> str | None:
    """``KT. CHỦ TỊCH`` and the deputy's own title read as one line, its ``PHÓ`` lost or
    garbled (``KT.CHỦ TỊCH Ni CHỦ TỊCH``, a blurred photo): ký thay means a deputy signs, so the
    title is ``PHÓ`` + the head's title. ``None`` when the line is not of that shape."""
    m = re.match(r"^\s*K\s*/?\s*T[.\s]*(.+)$", text, re.S)
    if m is None:
        return None
    key = re.sub(r"[^A-Z ]", " ", fold(m[1])).split()
    by_fold = {tuple(fold(t).split()): t for t in titles}
    for n in (3, 2, 1):
        head = tuple(key[:n])
        if head not in by_fold or head[0] == "PHO":
            continue
        tail = key[n:]
        if len(tail) in (n, n + 1) and tuple(tail[-n:]) == head and \
                (len(tail) == n or len(tail[0]) <= 3):
            return "PHÓ " + by_fold[head]
    return None
