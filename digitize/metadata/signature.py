"""Bottom-of-page fields: signer's title and name (bottom right) and Nơi nhận (bottom left)."""

from __future__ import annotations

import re

from digitize.metadata.header import Found, Page
from digitize.metadata.layout import Line, loose
from digitize.metadata.names import SURNAMES, name_plausibility, repair_name
from digitize.metadata.normalize import fold

__all__ = ["find_recipients", "find_signer", "signature_lines"]

_AUTHORITY = re.compile(r"^\s*(TM|KT|TL|TUQ|Q|T/M|K/T|T/L|T\.M|K\.T)[.:]?\s", re.I)
_TITLE_WORD = re.compile(
    r"\b(?:CHU TICH|GIAM DOC|TRUONG|BI THU|CHANH|THU KY|UY VIEN|TONG BIEN TAP|CHI HUY|"
    r"KE TOAN|DIEU HANH|CHU NHIEM|THU TUONG|TU LENH|CHINH UY)\b")
_NOI_NHAN = re.compile(r"N[a-z]{1,2}\s*nh[a-z]{1,2}n\s*[:;.]?", re.I)
_FOLDS = [fold(s) for s in SURNAMES]
_SURNAMES = {k: s for k, s in zip(_FOLDS, SURNAMES, strict=True)
             if len({v for f, v in zip(_FOLDS, SURNAMES, strict=True) if f == k}) == 1}


def _name_score(text: str) -> float:
    toks = text.split()
    if not 2 <= len(toks) <= 5 or any(not t[:1].isupper() for t in toks):
        return 0.0
    if any(sum(c.isupper() for c in t) > 1 for t in toks):  # all-caps titles are not names
        return 0.0
    if not all(re.fullmatch(r"[^\W\d_]+", t) for t in toks):
        return 0.0
    if any(not re.search(r"[aeiouy]", fold(t).lower()) for t in toks):
        return 0.0  # a syllable has a vowel: a ticked box "X", a stray "Đ" are not names
    return 1.0 if fold(toks[0]) in _SURNAMES else 0.75


def _upper_tail(text: str) -> str:
    """The trailing run of upper-case tokens of a merged text-mode line (the signature column)."""
    toks = text.split()
    out: list[str] = []
    for t in reversed(toks):
        letters = [c for c in t if c.isalpha()]
        if letters and all(c.isupper() for c in letters) or (out and t in ("-", "&")) or \
                re.fullmatch(r"(TM|KT|TL|T/M|K/T|T/L|TUQ|Q)\.?", t):
            out.append(t)
        else:
            break
    return " ".join(reversed(out))


def _start(page: Page) -> int:
    for ln in page.lines:
        if _NOI_NHAN.match(loose(ln.text)):
            return ln.index
    return int(len(page.lines) * 0.6)


def signature_lines(page: Page) -> list[Line]:
    """The lines that may belong to the signature block (bottom right, from Nơi nhận on)."""
    start = _start(page)
    # text-only: the block may come just before "Nơi nhận" in reading order
    lines = [ln for ln in page.lines if ln.index >= start - (1 if page.geo else 4)]
    if page.geo:
        # below the header; a last page whose Nơi nhận was found may end high on the sheet
        found = any(_NOI_NHAN.match(loose(ln.text)) for ln in page.lines)
        top = page.height * (0.2 if found else 0.35)
        lines = [ln for ln in lines if not page.left_col(ln) and ln.top > top]
    return lines


def find_signer(page: Page, lines: list[Line] | None = None
                ) -> tuple[Found | None, Found | None]:
    """``signerName`` (last Title-Case name in the bottom-right block) and ``signerTitle``.

    Args:
        page: The page.
        lines: The signature block's lines if already known (e.g. re-read without the seal).
    """
    if lines is None:
        lines = signature_lines(page)
    name: Found | None = None
    name_line: Line | None = None
    for ln in reversed(lines):
        cand = re.sub(r"(?<=\w)[:;'`\"](?=\w|\s)", "", ln.text).strip(" .,;")
        cand = re.sub(r"^[-–:;|*. ]+(?=\w)|(?<=\w)[-–:;|*. ]+$", "", cand)  # "- Lê Minh Tuấn : |"
        if not page.geo:  # the name may share its row with a Nơi nhận item
            cand = re.sub(r"^.*?[;:.]\s+", "", cand) if ";" in cand or ":" in cand else cand
        s = _name_score(cand)
        if not s and 2 <= len(cand.split()) <= 5 and cand.split()[0] in SURNAMES:
            fixed = repair_name(cand)  # "Ngô t}uang Vinh": a damaged given name
            s = 0.9 * _name_score(fixed) if fixed != cand else 0.0
            cand = fixed if s else cand
        if s:
            first = cand.split()[0]
            if first not in SURNAMES:
                first = _SURNAMES.get(fold(first), first)
            cand = repair_name(" ".join([first, *cand.split()[1:]]))
            plaus = name_plausibility(cand)
            name = Found(cand, round(s * (0.75 + 0.24 * ln.conf) * (0.8 + 0.2 * plaus), 2), ln)
            name_line = ln
            break
    title: Found | None = None
    for ln in reversed(lines):
        if name_line is not None and ln.index >= name_line.index:
            continue
        text = ln.text.strip()
        if not page.geo and re.match(r"^[-+•]", text):  # "- Như Điều 3; CHỦ TỊCH"
            if ";" not in text:
                continue
            text = text.rsplit(";", 1)[1]
        tail = text if page.geo else _upper_tail(text)
        letters = [c for c in tail if c.isalpha()]
        if len(letters) < 3 or sum(c.isupper() for c in letters) < 0.8 * len(letters):
            continue
        tail = tail.strip(" .,;")
        if not _TITLE_WORD.search(fold(tail)) and not _AUTHORITY.match(tail):
            continue  # "QUYẾT ĐỊNH:", a year, seal ink read as letters: no office holder
        conf = 0.9 * (0.7 + 0.3 * ln.conf)
        title = Found(tail, round(conf * (0.8 if _AUTHORITY.match(tail) else 1.0), 2), ln)
        between = [x for x in lines if ln.index < x.index
                   and (name_line is None or x.index < name_line.index)]
        title = _deputy(title, between) or _hand_marked(title) or title
        break
    return name, title


_HEADS = ("CHU TICH", "GIAM DOC", "HIEU TRUONG", "CUC TRUONG", "VIEN TRUONG", "TRUONG BAN",
          "TRUONG PHONG", "TRUONG KHOA", "CHANH VAN PHONG", "CHU NHIEM", "BO TRUONG")


def _hand_marked(title: Found) -> Found | None:
    """A head's printed title with a short unreadable mark before it (``(6. HIỆU TRƯỞNG``,
    ``4.HIỆU TRƯỞNG``): the văn thư wrote ``KT.`` by hand because a deputy signs for the head
    (the head signing adds nothing), so the signer is the deputy. An inference, flagged for
    review."""
    m = re.match(r"^\s*(\S{1,3}?)(?:\.\s*|\s+)(\S.*)$", title.value)
    if not m or _AUTHORITY.match(title.value) or any(c.isalpha() and c.isupper()
                                                      and len(m[1]) > 1 for c in m[1][1:]):
        return None
    rest = re.sub(r"(?:\s+\S{1,2})+$", "", m[2]).strip(" .,;")  # "HIỆU TRƯỞNG .Í"
    if re.sub(r"[^A-Z ]", "", fold(rest)).strip() not in _HEADS:
        return None
    return Found(f"PHÓ {rest}", round(min(title.confidence, 0.6), 2), title.line)


def _deputy(title: Found, below: list[Line]) -> Found | None:
    """``KT. CHỦ TỊCH`` signs for the head, so the title under it is ``PHÓ CHỦ TỊCH``: when OCR
    damaged that line (a seal over it: ``<PH S4 TỊCH``), the deputy's title is inferred from
    the line's likeness to it, and flagged for review."""
    from digitize.metadata.normalize import similarity

    m = re.match(r"^\s*(?:KT|K/T|K\.T)[.:]?\s+(.+)$", title.value)
    if not m:
        return None
    want = f"PHÓ {m.group(1).strip()}"
    key = re.sub(r"[^A-Z0-9 ]", "", fold(want))
    for ln in below:
        got = re.sub(r"[^A-Z0-9 ]", "", fold(ln.text.upper())).strip()
        if len(got) >= 4 and similarity(key, got) >= 0.6:
            return Found(want, round(min(title.confidence, 0.8), 2), ln)
    return None


def find_recipients(page: Page) -> Found | None:
    """The ``Nơi nhận:`` list as ``"; "``-joined items (``Như trên; Lưu: VT, TCCB``)."""
    start = None
    for ln in page.lines:
        if _NOI_NHAN.match(loose(ln.text)):
            start = ln
            break
    if start is None:
        return None
    items: list[str] = []
    confs: list[float] = []
    for ln in page.lines[start.index + 1:]:
        if page.geo and (not page.left_col(ln) or ln.left > start.left + page.width * 0.08):
            continue
        text = ln.text
        if not page.geo and ";" in text:  # "- Như Điều 3; CHỦ TỊCH": the title follows ";"
            text = text[: text.index(";")]
        m = re.match(r"^\s*[-–+•*]\s*(.+?)\s*[;,.]?\s*$", text)
        if not m:
            if items and page.geo and ln.top - start.bottom < page.height * 0.25 and \
                    text[:1].islower():
                items[-1] += " " + text.strip(" ;.")
                continue
            break
        items.append(m[1].rstrip(" ;.,"))
        confs.append(ln.conf)
    if not items:
        return None
    return Found("; ".join(items), round(0.85 * (0.7 + 0.3 * min(confs)), 2), start)
