"""Header fields of an NĐ 30/2020 or Party page: Quốc hiệu, issuer, số/ký hiệu, date, type."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from digitize.metadata import codes
from digitize.metadata.layout import Line, loose
from digitize.metadata.normalize import fold, similarity

__all__ = ["Found", "Page", "find_date", "find_number", "find_organ", "find_quoc_hieu",
           "find_type_line", "canonical_notation"]

QUOC_HIEU = "CONG HOA XA HOI CHU NGHIA VIET NAM"
TIEU_NGU = "DOC LAP - TU DO - HANH PHUC"
PARTY = "DANG CONG SAN VIET NAM"
_DIGITS = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1", "S": "5"})
_NUM = r"[\dIl|][\dOoIl|]{0,4}"
_SO = r"(?<![A-Za-z])S[oO0?6Q]\s*[:.;,]?\s*"
STATE_RE = re.compile(
    _SO + r"(?P<so>" + _NUM + r")\s*[/]\s*(?:(?P<nam>(?:19|20)\d{2})\s*/\s*)?"
    r"(?P<kh>[A-Z][A-Za-z0-9]*(?:\s?-\s?[A-Z0-9][A-Za-z0-9]*)*)")
PARTY_RE = re.compile(
    _SO + r"(?P<so>" + _NUM + r")\s*-\s*(?P<loai>[A-Z][A-Za-z]{0,3})\s*[/\-]\s*"
    r"(?P<cq>[A-Z][A-Za-z0-9]*(?:-[A-Z0-9][A-Za-z0-9]*)*)")
_JUNK = r"\s*(?:[lI|'`~^_]\s+)?"  # stray OCR specks between the date's parts
DATE_RE = re.compile(
    r"(?:(?P<place>(?<![A-Za-z])[A-Z][a-z]*\.?(?:\s+(?:[A-Z][a-z]*|pho|xa|tran))*)"
    r"\s*[,.;]?" + _JUNK + r")?"
    r"ng[a-z]{1,2}[.,]?" + _JUNK + r"(?P<d>[\dOoIl]{1,2})" + _JUNK + r"th[a-z]{2,3}[.,]?" + _JUNK +
    r"(?P<m>[\dOoIl]{1,2})" + _JUNK + r"n[a-z]{1,2}[.,]?" + _JUNK + r"(?P<y>[12][\dOoIl]{3})")
_ORGAN_ABBR = ["HĐND", "UBND", "ĐU", "ĐUK", "BCĐ", "ĐĐBQH", "VPĐU", "ĐTN", "HĐQT", "HĐTĐKT"]
_ORGAN_HEAD = re.compile(
    r"(?:TRUONG|SO|KHOA|BAN|PHONG|VAN PHONG|TRUNG TAM|(?:CHI |TONG )?CUC|VIEN|BENH VIEN|"
    r"UY BAN|UBND|HOI DONG|HDND|BO|(?:TONG )?CONG TY|THANH TRA|KHO BAC|DOAN)\b")
_PARTY_EXTRA = {"KET LUAN": "32", "THONG TRI": "32"}


@dataclass
class Found:
    """A field value with its confidence and the line it came from."""

    value: str
    confidence: float
    line: Line | None = None


@dataclass
class Page:
    """The lines of a page and its size; ``geo`` when lines carry boxes."""

    lines: list[Line]
    width: int
    height: int
    geo: bool

    @property
    def line_height(self) -> float:
        """Median height of the page's text lines (pixels; 1 without geometry)."""
        hs = sorted(ln.bottom - ln.top for ln in self.lines if ln.bottom > ln.top)
        return float(hs[len(hs) // 2]) if hs else 1.0

    def left_col(self, ln: Line) -> bool:
        """The line sits in the left half (issuer block, Nơi nhận)."""
        return ln.cx < self.width * 0.5

    def centred(self, ln: Line) -> bool:
        """The line is centred on the page (tên loại, trích yếu)."""
        return abs(ln.cx - self.width / 2) < self.width * 0.09

    def row_of(self, ln: Line) -> list[Line]:
        """All segments on the same visual row."""
        return [x for x in self.lines if x.row == ln.row]


def _upper_ratio(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(c.isupper() for c in letters) / len(letters) if letters else 0.0


def strip_national(text: str) -> str:
    """Remove a Quốc hiệu / Tiêu ngữ / Party heading merged into a text-mode line (a suffix)."""
    folded = fold(text)
    if len(folded) != len(text) or len(text) < 12:
        folded = text.upper()
    best, cut = 0.72, len(text)
    for target in (QUOC_HIEU, TIEU_NGU, PARTY):
        lo = max(0, len(text) - len(target) - 6)
        for i in range(lo, max(lo, len(text) - len(target) + 7)):
            score = similarity(folded[i:], target)
            if score >= best:
                best, cut = score, i
    return text[:cut].strip() if cut < len(text) else text


def find_quoc_hieu(page: Page) -> tuple[Line | None, bool]:
    """The Quốc hiệu (or Party heading) line and whether the page is a Party document."""
    best: tuple[float, Line | None, bool] = (0.0, None, False)
    for ln in page.lines[:12]:
        f = fold(ln.text)
        for target, party in ((QUOC_HIEU, False), (PARTY, True)):
            if len(f) > len(target) + 4:
                toks = f.split()
                n = len(target.split())
                cands = [" ".join(toks[i:i + n]) for i in range(max(1, len(toks) - n + 1))]
                score = max(similarity(c, target) for c in cands)
            else:
                score = similarity(f, target)
            if score > best[0]:
                best = (score, ln, party)
    return (best[1], best[2]) if best[0] >= 0.75 else (None, False)


def _digits(s: str) -> str:
    return s.translate(_DIGITS)


def canonical_notation(kh: str, *, party: bool, type_code: str | None = None) -> str:
    """Fix OCR damage in a ký hiệu: spaces, ``QD``→``QĐ``, ``TTR``→``TTr``, Party ``NQ-TU``→``NQ/TU``."""
    kh = re.sub(r"\s+", "", kh).strip("-/.,;:")
    for i in range(len(kh) - 1):  # "UBNĐnh": letters of the next block glued on
        if kh[i].islower() and kh[i + 1].islower():
            kh = kh[:i]
            break
    if party and "/" not in kh and "-" in kh:
        kh = kh.replace("-", "/", 1)
    seps = re.split(r"([-/])", kh)
    groups = seps[0::2]
    table = codes.lists()["partyTypeAbbreviation" if party else "typeAbbreviation"]
    want = table.get(type_code or "")
    if want and len(groups) == 1 and not party and groups[0].startswith(want) and \
            len(groups[0]) > len(want) + 1:
        groups = [want, groups[0][len(want):]]  # "PABVĐK": the hyphen was lost
        seps = [want, "-", groups[1]]
    if want and groups[0].startswith(want) and set(groups[0][len(want):]) == {want[-1]}:
        groups[0] = want  # "QĐĐ": a letter read twice
    if want and (fold(want) == fold(groups[0]) or (
            len(groups[0]) == len(want) and similarity(fold(groups[0]), fold(want)) >= 0.5)):
        groups[0] = want
    else:
        for ab in table.values():
            if ab.upper() == groups[0].upper() and ab != groups[0]:
                groups[0] = ab
                break
        else:
            if not re.search(r"[ĐđĐ]", groups[0]):
                exact = [ab for ab in table.values() if fold(ab) == fold(groups[0])]
                if len(exact) == 1:
                    groups[0] = exact[0]
    for i, g in enumerate(groups):
        for ab in _ORGAN_ABBR:
            if fold(g) == fold(ab) and g != ab and (i > 0 or len(groups) > 1):
                groups[i] = ab
    seps[0::2] = groups
    return "".join(seps)


def find_number(page: Page, party: bool, limit: int) -> tuple[Found, Found, Line] | None:
    """``codeNumber`` and ``codeNotation`` from the ``Số`` line of the header."""
    regexes = (PARTY_RE, STATE_RE) if party else (STATE_RE, PARTY_RE)
    for rx in regexes:
        for ln in page.lines[:limit]:
            if page.geo and ln.top > page.height * 0.45:
                continue
            lt = loose(ln.text)
            for m in rx.finditer(lt):
                if page.geo and lt[:m.start()].strip(" |_-.'`~,;:"):
                    continue  # "Căn cứ Nghị định số 63/2010/NĐ-CP" in the body
                raw = lt[m.start("so"):m.end("so")]
                so = _digits(raw)
                if not so.isdigit() or not re.search(r"\d", raw):
                    continue
                is_party = rx is PARTY_RE
                if is_party:
                    kh = ln.text[m.start("loai"):m.end("cq")]
                else:
                    kh = ln.text[m.start("kh"):m.end("kh")]
                    if m["nam"]:
                        kh = f"{m['nam']}/{kh}"
                conf = 0.97 if m.start() == 0 or not page.geo else 0.85
                conf *= 0.7 + 0.3 * ln.conf
                if is_party != party:
                    conf *= 0.85
                return (Found(so, round(conf, 2), ln),
                        Found(canonical_notation(kh, party=is_party), round(conf * 0.97, 2), ln),
                        ln)
    return None


def find_date(page: Page, limit: int) -> tuple[Found, Found | None] | None:
    """``issuedDate`` (DD/MM/YYYY) and ``place`` from ``Địa danh, ngày … tháng … năm …``."""
    cands = list(page.lines[:limit])
    if page.geo:  # the date line may be cut into pieces at wide (italic) word gaps
        rows: dict[int, list[Line]] = {}
        for ln in cands:
            if ln.left > page.width * 0.35:
                rows.setdefault(ln.row, []).append(ln)
        for segs in rows.values():
            if len(segs) > 1:
                cands.append(Line(" ".join(x.text for x in segs), segs[0].left,
                                  min(x.top for x in segs), segs[-1].right,
                                  max(x.bottom for x in segs),
                                  min(x.conf for x in segs), segs[0].index, segs[0].row))
        cands.sort(key=lambda x: (x.index, -len(x.text)))
    for ln in cands:
        if page.geo and ln.top > page.height * 0.5:
            continue
        lt = loose(ln.text)
        m = DATE_RE.search(lt)
        in_header = page.geo and ln.left > page.width * 0.3 and ln.top < page.height * 0.3
        if not m or not (m["place"] or in_header):
            continue  # "Căn cứ Luật … ngày 21 tháng 6 năm 2024" in the body is no issue date
        if page.geo and not in_header and lt[:m.start()].strip(" |_-.'`~"):
            continue  # "… số 2034/QĐ-BGDĐT ngày 13 tháng 7 năm 2023" cited in the body
        if page.geo and not (re.search(r"\d", m["d"]) and re.search(r"\d", m["m"])):
            continue  # "ngày l tháng": a hand-filled day read as a letter (see handfilled)
        d, mo, y = (int(_digits(m[k])) for k in ("d", "m", "y"))
        if not (1 <= d <= 31 and 1 <= mo <= 12 and 1900 <= y <= 2100):
            continue
        conf = round(0.95 * (0.7 + 0.3 * ln.conf), 2)
        place = None
        if m["place"]:
            raw = ln.text[m.start("place"):m.end("place")].strip(" ,.")
            raw = re.sub(r"^(?:S[ốo6]\S*\s+\S+\s+)", "", raw)
            if raw and raw[0].isupper():
                place = Found(raw, round(conf * 0.95, 2), ln)
        return Found(f"{d:02d}/{mo:02d}/{y}", conf, ln), place
    return None


def _type_labels() -> list[tuple[str, str]]:
    out = [(fold(lab), code) for code, lab in codes.options("typeName")
           if code not in ("22", "30", "31", "32")]
    return out + list(_PARTY_EXTRA.items())


def find_type_line(page: Page, start: int, limit: int) -> tuple[Found, Line] | None:
    """The centred upper-case tên loại line (``QUYẾT ĐỊNH``…) → ``typeName`` code."""
    labels = _type_labels()
    for ln in page.lines[start:limit]:
        same = [o for o in page.lines[ln.index + 1:ln.index + 4] if o.row == ln.row]
        if page.geo and same and (ln.index == 0 or page.lines[ln.index - 1].row != ln.row):
            # "THÔNG" + "BÁO": OCR cut the tên loại line into segments of one row
            ln = Line(" ".join([ln.text, *(o.text for o in same)]), ln.left, ln.top,
                      max(o.right for o in same), max(ln.bottom, *(o.bottom for o in same)),
                      min(ln.conf, *(o.conf for o in same)), ln.index, ln.row)
        if _upper_ratio(ln.text) < 0.7 or len(ln.text) > 30:
            continue
        if page.geo and not page.centred(ln):
            continue
        if _operative(page, ln):
            continue
        f = re.sub(r"[^A-Z ]", "", fold(ln.text)).strip()
        lab, code = max(labels, key=lambda lc: similarity(f, lc[0]))
        score = similarity(f, lab)
        if score >= 0.75:
            return Found(code, round((0.6 + 0.38 * score) * (0.8 + 0.2 * ln.conf), 2), ln), ln
    return None


def _operative(page: Page, ln: Line) -> bool:
    """``QUYẾT ĐỊNH:`` / ``QUYẾT NGHỊ:`` above ``Điều 1.``: the operative heading of the
    articles (often alone at the top of a continuation page), not the tên loại line."""
    if ln.text.rstrip(" .,;").endswith(":"):
        return True
    nxt = next((o for o in page.lines[ln.index + 1:ln.index + 3] if o.row != ln.row), None)
    return nxt is not None and re.match(r"\W*DIEU\s*1\b", fold(nxt.text)) is not None


def find_organ(page: Page, number_line: Line | None, party: bool) -> Found | None:
    """The issuer: the last upper-case line(s) of the top-left block, above the ``Số`` line."""
    if number_line is None:
        return None
    cands: list[Line] = []
    for ln in page.lines:
        if ln.index >= number_line.index or (page.geo and ln.row == number_line.row):
            break
        if page.geo and ln.left > page.width * 0.42:
            continue
        text = strip_national(ln.text)
        text = re.sub(r"(\s+[^\w\s]+|\s+\d+)+$", "", text).strip(" *-_—.")
        if len(text) >= 2 and _upper_ratio(text) >= 0.8 and re.search(r"[A-Z]{2}", loose(text)):
            cands.append(Line(text, ln.left, ln.top, ln.right, ln.bottom, ln.conf, ln.index,
                              ln.row))
    if not cands:
        return None
    merged: list[Line] = []
    for c in cands:  # one header line cut at a wide gap: join the pieces again
        if merged and page.geo and c.row == merged[-1].row:
            m = merged[-1]
            merged[-1] = Line(f"{m.text} {c.text}", m.left, min(m.top, c.top), c.right,
                              max(m.bottom, c.bottom), min(m.conf, c.conf), m.index, m.row)
        else:
            merged.append(c)
    return _join_organ(merged, party)


def _join_organ(cands: Sequence[Line], party: bool) -> Found:
    last = cands[-1]
    text, conf = last.text, last.conf
    if len(cands) >= 2:
        prev = fold(cands[-2].text)
        generic = {"UY BAN NHAN DAN": "ỦY BAN NHÂN DÂN", "HOI DONG NHAN DAN": "HỘI ĐỒNG NHÂN DÂN",
                   "DOAN DAI BIEU QUOC HOI": "ĐOÀN ĐẠI BIỂU QUỐC HỘI"}
        best = max(generic, key=lambda g: similarity(prev, g))
        if not party and similarity(prev, best) >= 0.8:
            text = f"{generic[best]} {last.text}"
            conf = min(conf, cands[-2].conf)
        elif not party and not _ORGAN_HEAD.match(fold(last.text)) and \
                _ORGAN_HEAD.match(prev) and last.top - cands[-2].bottom < 1.2 * last.height:
            # "TRƯỜNG ĐẠI HỌC" / "CÔNG NGHỆ THÔNG TIN": one issuer name wrapped on two lines
            text = f"{cands[-2].text} {last.text}"
            conf = min(conf, cands[-2].conf)
    return Found(text, round(0.9 * (0.7 + 0.3 * conf), 2), last)
