"""An annex page (phụ lục, danh mục) attached to a decision: its fields come from its subtitle.

An annex has no ``Số:`` line of its own. Under its upper-case title a subtitle names the text it
belongs to: ``(Ban hành kèm theo Quyết định số 339/QĐ-UBND ngày 19 tháng 02 năm 2025 của Chủ tịch
UBND tỉnh Điện Biên)``. The number (often hand-filled), the ký hiệu and the issuer are read from
that line, and the title above it, in sentence case, is the subject. Every value is flagged for
review (the page is not the decision itself, and the title's case is restored by rule).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from digitize.metadata.handdigits import read_digits, slot_box
from digitize.metadata.header import Found, Page, canonical_notation
from digitize.metadata.layout import Line, WordBox, loose
from digitize.metadata.lexicon import place_phrases, restore_names_in, restore_upper
from digitize.metadata.normalize import fold
from digitize.metadata.slots import as_number, clean_digits, date_frame
from digitize.metadata.wording import repair_subject

__all__ = ["ANNEX_CAP", "find_annex", "sentence_case"]

#: Highest confidence of a field read from an annex's subtitle (always shown for review).
ANNEX_CAP = 0.8
_CITE = re.compile(
    r"k[a-z]m\s+th[a-z]{1,3}\s+(?:[A-Z][a-z]{1,5}\s+[a-z]{2,6}|[A-Z][a-z]{1,5})\s+"
    r"s[o0]\s*[:.]?\s*(?P<slot>[^\n]{0,14}?)\s*/\s*"
    r"(?P<kh>(?:(?:19|20)\d{2}\s*/\s*)?[A-Z][A-Za-z0-9]*(?:\s?[-/]\s?[A-Z0-9][A-Za-z0-9]*)*)"
    r"(?![/A-Za-z0-9])")
_OF = re.compile(r"\bcua\s+(?P<organ>[A-Z][^()]{3,80}?)\s*\)?\s*$")
_ORGAN_WORDS = ("SO", "BO")  # "của Sở Y tế", "thuộc Bộ Công an": the organ and its first word
_UNITS = {"TINH": "tỉnh", "HUYEN": "huyện", "QUAN": "quận", "XA": "xã", "PHUONG": "phường"}


def sentence_case(upper: str) -> str:
    """An upper-case title in sentence case: first letter, place names (with the lexicon's marks)
    and ``Sở``/``Bộ`` organs capitalised (``… CỦA SỞ Y TẾ TÍNH ĐIỆN BIÊN`` → ``… của Sở Y tế
    tỉnh Điện Biên``)."""
    toks = upper.lower().split()
    names = place_phrases()
    i = 0
    while i < len(toks):
        for n in (3, 2):
            core = [t.strip(".,;:()") for t in toks[i:i + n]]
            key = tuple(fold(t) for t in core)
            if len(key) == n and key in names:
                marked = restore_upper(" ".join(core).upper()).split()
                if len(marked) == n:
                    toks[i:i + n] = [t.replace(c, m[:1] + m[1:].lower())
                                     for t, c, m in zip(toks[i:i + n], core, marked, strict=True)]
                if i > 0 and fold(toks[i - 1]) in _UNITS:
                    toks[i - 1] = _UNITS[fold(toks[i - 1])]
                i += n - 1
                break
        else:
            if fold(toks[i]) in _ORGAN_WORDS and 0 < i < len(toks) - 1 and \
                    fold(toks[i - 1]) in ("CUA", "THUOC", "VA", "CHO"):
                toks[i] = toks[i][:1].upper() + toks[i][1:]
                toks[i + 1] = toks[i + 1][:1].upper() + toks[i + 1][1:]
        i += 1
    text = re.sub(r"\b(ủy|ủy|uỷ) ban nhân dân\b", lambda m: m[0][0].upper() + m[0][1:],
                  " ".join(toks))
    return text[:1].upper() + text[1:]


def _rows(page: Page) -> list[Line]:
    """The page's visual rows, each row's segments joined left to right (a title or subtitle
    that OCR cut into column segments is one line again)."""
    groups: list[list[Line]] = []
    for ln in sorted(page.lines, key=lambda x: x.top + x.bottom):
        cy = (ln.top + ln.bottom) / 2
        if groups and abs(cy - sum(x.top + x.bottom for x in groups[-1]) / 2 / len(groups[-1])) \
                < 0.5 * page.line_height:
            groups[-1].append(ln)
        else:
            groups.append([ln])
    out = []
    for segs in groups:
        segs.sort(key=lambda x: x.left)
        out.append(Line(" ".join(x.text for x in segs), min(x.left for x in segs),
                        min(x.top for x in segs), max(x.right for x in segs),
                        max(x.bottom for x in segs), min(x.conf for x in segs),
                        min(x.index for x in segs), segs[0].row))
    return sorted(out, key=lambda x: (x.top, x.left))


def _title_above(page: Page, rows: list[Line], at: int) -> list[Line]:
    """The upper-case title rows right above row ``at`` (specks between them skipped)."""
    cite = rows[at]
    out: list[Line] = []
    for ln in reversed(rows[:at]):
        letters = [c for c in ln.text if c.isalpha()]
        if len(letters) < 3:
            continue
        if sum(c.isupper() for c in letters) < 0.8 * len(letters) or len(out) >= 3:
            break
        top = out[-1].top if out else cite.top
        if top - ln.bottom > 1.5 * page.line_height:
            break
        out.append(ln)
    return list(reversed(out))


def find_annex(page: Page, image: np.ndarray | None,
               words: Sequence[WordBox] | None) -> dict[str, Found]:
    """``codeNumber``, ``codeNotation``, ``organName``, ``subject`` (and a printed
    ``issuedDate``) of an annex page.

    Only for paged input, on a subtitle in the top 40 % of the page that cites the parent text
    (``kèm theo <Loại> số …/KÝ-HIỆU … của <cơ quan>``); empty when there is none.
    """
    if not page.geo:
        return {}
    rows = _rows(page)
    for at, ln in enumerate(rows):
        if ln.top > page.height * 0.4:
            break
        lt = loose(ln.text)
        m = _CITE.search(lt)
        if m is None:
            continue
        conf = round(min(ANNEX_CAP, 0.9 * (0.7 + 0.3 * ln.conf)), 2)
        out = {"codeNotation": Found(canonical_notation(ln.text[m.start("kh"):m.end("kh")],
                                                        party=False), conf, ln)}
        digits = clean_digits(m["slot"], 5)
        if digits and digits.lstrip("0"):
            out["codeNumber"] = Found(as_number(digits), conf, ln)
        elif image is not None:
            box = slot_box(ln, m.span("slot"), words, page.line_height)
            got = read_digits(image, box, page.line_height, most=5)
            if got and got[0].lstrip("0"):
                out["codeNumber"] = Found(as_number(got[0]), got[1], ln)
        fr = date_frame(ln)
        d, mo = (clean_digits(fr.day, 2), clean_digits(fr.month, 2)) if fr else (None, None)
        if fr and d and mo and 1 <= int(d) <= 31 and 1 <= int(mo) <= 12:
            out["issuedDate"] = Found(f"{int(d):02d}/{int(mo):02d}/{fr.year}", conf, ln)
        of = _OF.search(lt[m.end():])
        if of:
            a = m.end() + of.start("organ")
            organ = ln.text[a:a + len(of["organ"])].strip(" .,;")
            out["organName"] = Found(restore_names_in(organ), conf, ln)
        title = _title_above(page, rows, at)
        if title:
            text = sentence_case(" ".join(w for t in title for w in t.text.split()
                                          if any(c.isalnum() for c in w)))
            out["subject"] = Found(repair_subject(text).strip(" .;:"), conf, title[0])
        return out
    return {}
