"""Read TT 05/2025 document metadata from one OCR'd page (NĐ 30/2020 and Party layouts)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from digitize.metadata import codes
from digitize.metadata.annex import find_annex
from digitize.metadata.doubtful import recheck_number
from digitize.metadata.header import (
    DATE_RE, Found, Page, canonical_notation, find_date, find_number, find_organ, find_quoc_hieu,
    find_type_line,
)
from digitize.metadata.layout import Line, WordBox, lines_from_text, lines_from_words, loose
from digitize.metadata.handfilled import hand_filled
from digitize.metadata.lexicon import restore_names_in, restore_place, restore_title, restore_upper
from digitize.metadata.names import name_plausibility
from digitize.metadata.reread import reread_region
from digitize.metadata.secrecy import find_marks
from digitize.metadata.sideways import upright_words
from digitize.metadata.slots import abbreviation_dot
from digitize.metadata.signature import find_recipients, find_signer, signature_lines
from digitize.metadata.stamps import Reader, default_reader, find_red_stamps
from digitize.metadata.plain_title import find_plain_title
from digitize.metadata.smeared_header import smeared_second_look
from digitize.metadata.wording import repair_subject

__all__ = ["FIELD_ORDER", "REVIEW_CONFIDENCE", "Extracted", "extract", "to_json"]

#: Fields extracted with a confidence below this are shown for review (the review form colours
#: them); values resting on hand writing or on OCR words read with doubt stay below it.
REVIEW_CONFIDENCE = 0.9

#: Most a tên loại line is trusted with no header (quốc hiệu, số, ngày, cơ quan) above it:
#: on a continuation or annex page a centred heading is not the title.
UNANCHORED = 0.8

#: Output order of ``to_json`` (DESIGN section 5 names).
FIELD_ORDER = ("organName", "codeNumber", "codeNotation", "issuedDate", "place", "typeName",
               "subject", "signerTitle", "signerName", "recipients", "secrecy", "urgency")
_SUBJECT_STOP = re.compile(r"^\s*(Can cu|Kinh gui|Dieu \d|Thuc hien|Theo de nghi|Nhằm)", re.I)
_VV = re.compile(r"(?<![A-Za-z])(?:V\s*[/l|I1\\]\s*[vV]|VW|Vv|V/)\s*[:.]?\s+")


@dataclass(frozen=True)
class Extracted:
    """One field's value as the contract prints it, with a confidence in [0, 1].

    ``box`` is where it was read: ``(left, top, right, bottom)`` in pixels of the page the
    words refer to (the line the value came from), or None when the page had no word boxes
    or the value was not read from a line (a stamp found by colour).
    """

    value: str
    confidence: float
    box: tuple[int, int, int, int] | None = None


def _box(found: Found, geo: bool) -> tuple[int, int, int, int] | None:
    ln = found.line
    if not geo or ln is None or ln.right <= ln.left or ln.bottom <= ln.top:
        return None
    return (int(ln.left), int(ln.top), int(ln.right), int(ln.bottom))


def _page(text: str, words: Sequence[WordBox] | None, page_size: tuple[int, int] | None,
          image: np.ndarray | None) -> Page:
    lines = lines_from_words(words) if words else lines_from_text(text)
    if page_size:
        w, h = page_size
    elif image is not None:
        h, w = image.shape[:2]
    else:
        w = max((ln.right for ln in lines), default=0)
        h = max((ln.bottom for ln in lines), default=0)
        w = int(w * 1.1)
    return Page(lines, w, h, bool(words))


def _wrapped(page: Page, ln: Line, widest: float) -> bool:
    """Whether a subject line is long enough that the next line may continue it."""
    if page.geo:
        return ln.right - ln.left > 0.5 * widest
    return len(ln.text) > 20


def _subject_after(page: Page, first: Line, strip_prefix: bool) -> Found:
    parts = [first]
    lines = page.lines
    widest = max(first.right - first.left, 1)
    if page.geo and first.left < page.width * 0.45 and first.cx < page.width * 0.5:
        widest = page.width * 0.42  # công văn: the V/v block of the left column
    elif page.geo:
        widest = max((ln.right - ln.left for ln in lines), default=widest)
    for ln in lines[first.index + 1:]:
        if len(parts) >= 6 or _SUBJECT_STOP.match(loose(ln.text)):
            break
        if page.geo and sum(c.isalpha() for c in ln.text) < 3 and \
                ln.bottom - ln.top < 0.6 * page.line_height:
            continue  # a speck between two lines of the trích yếu ("„_")
        if not _wrapped(page, parts[-1], widest):
            break
        if page.geo:
            if ln.row == parts[-1].row:
                continue
            close = ln.top - parts[-1].bottom < 0.7 * page.line_height
            if not close or abs(ln.cx - first.cx) > page.width * 0.12:
                break
        else:
            if ln.row != parts[-1].row + 1 or len(ln.text) > 70 or (
                    ln.text[:1].isupper() and len(ln.text) > 60):
                break
        letters = [c for c in ln.text if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) > 0.7 * len(letters):
            break  # a stamp (MẬT, KHẨN) or a heading, not the trích yếu
        if DATE_RE.search(loose(ln.text)):
            break
        parts.append(ln)
    text = " ".join(p.text for p in parts).strip()
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]  # "(V/v Tăng cường giám sát trong phòng thi)"
    if strip_prefix:
        text = re.sub(r"^\s*[Vv][ềeê]\s*vi[ệe]c\s*[:.]?\s*", "", text)
        m = _VV.match(loose(text))
        text = text[m.end():] if m else text
    text = repair_subject(re.sub(r"\s+", " ", text).strip(" .;:").lstrip("-_–~ "))
    text = restore_names_in(text)
    conf = min(p.conf for p in parts)
    span = Line(first.text, min(p.left for p in parts), min(p.top for p in parts),
                max(p.right for p in parts), max(p.bottom for p in parts), first.conf,
                first.index, first.row)  # every line of the trích yếu, for its box
    return Found(text, round(0.88 * (0.7 + 0.3 * conf), 2), span)


def _find_vv(page: Page, limit: int) -> tuple[Line, str] | None:
    for ln in page.lines[:limit]:
        if page.geo and (not page.left_col(ln) or ln.top > page.height * 0.5):
            continue
        m = _VV.search(loose(ln.text)) or (
            re.match(r"V[e]\s*vi[e]c\b", loose(ln.text))
            if page.geo and ln.right < page.width * 0.55 else None)  # công văn, left column
        if m and (m.start() == 0 or not page.geo):
            rest = ln.text[m.start():]
            return Line(rest, ln.left, ln.top, ln.right, ln.bottom, ln.conf, ln.index, ln.row), rest
    return None


def _type_from_notation(notation: str, party: bool) -> str | None:
    head = re.split(r"[-/]", notation.split("/", 1)[1] if re.match(r"\d{4}/", notation)
                    else notation)[0]
    return codes.type_for_abbreviation(head)


def extract(text: str, *, words: Sequence[WordBox] | None = None,
            page_size: tuple[int, int] | None = None, image: np.ndarray | None = None,
            reader: Reader | None = None) -> dict[str, Extracted]:
    """Extract the metadata fields of one page (normally the first page of a document).

    Args:
        text: OCR text of the page in reading order.
        words: OCR words with boxes (``.text .left .top .width .height .conf``); when given, the
            page geometry is used (header blocks left/right, centred title, signature block).
        page_size: ``(width, height)`` in pixels of the image the words refer to.
        image: The RGB page, to find red secrecy/urgency stamps by colour.
        reader: Reads isolated stamp ink (default: the OCR engine, when available).

    Returns:
        Field name → :class:`Extracted`; fields not found are absent.
    """
    given = words
    if words and (page_size or image is not None):
        size = page_size or (image.shape[1], image.shape[0])  # type: ignore[union-attr]
        words, page_size, image = upright_words(text, words, size, image)
    page = _page(text, words, page_size, image)
    if not page.lines:
        return {}
    got: dict[str, Found] = {}
    qh, party = find_quoc_hieu(page)
    head_limit = max(14, len(page.lines) // 3) if not page.geo else len(page.lines)
    num = find_number(page, party, head_limit)
    date = find_date(page, head_limit)
    num, date, framed = hand_filled(page, party, head_limit, num, date, image, words)
    if image is not None and page.geo and (
            (num is None and "number" not in framed) or (date is None and "date" not in framed)):
        num, date = _second_look_header(page, image, reader, party, num, date)
    if num and num[0] is not None and image is not None and page.geo and "number" not in framed:
        recheck_number(page, image, num[0], num[2], words)
    number_line = num[2] if num else None
    if num:
        if num[0] is not None:
            got["codeNumber"] = num[0]
        got["codeNotation"] = num[1]
    if date:
        if date[0] is not None:
            got["issuedDate"] = date[0]
        if date[1]:
            got["place"] = date[1]
            got["place"].value = abbreviation_dot(restore_place(got["place"].value),
                                                  got["place"].line, words)
    date_line = (date[0] or date[1]).line if date and (date[0] or date[1]) else None
    organ = find_organ(page, number_line or (date_line if not page.geo else None), party)
    if organ:
        got["organName"] = organ
    start = max((f.line.index for f in got.values() if f.line), default=0)
    start = max(start, qh.index if qh else 0)
    tl = find_type_line(page, start + 1, min(len(page.lines), start + 12))
    if tl and not got and qh is None:  # no header above it: a heading of a later page, maybe
        tl[0].confidence = min(tl[0].confidence, UNANCHORED)
    vv = _find_vv(page, head_limit)
    _type_and_subject(page, got, tl, vv, party)
    if num is None and qh is None:  # an annex: its subtitle cites the decision it belongs to
        for key, found in find_annex(page, image, words).items():
            got.setdefault(key, found)
    if "subject" not in got and "typeName" not in got:
        plain = find_plain_title(page, start, lambda ln: _subject_after(page, ln, False))
        if plain:
            got["subject"] = plain
    if image is not None and page.geo:
        smeared_second_look(page, image, reader, got, numbered=num is not None)
    if num and image is not None and page.geo and "typeName" in got and "codeNotation" in got:
        _second_look_number(page, image, reader, got, num[2], party)
    name, title = find_signer(page)
    if image is not None and page.geo and (name is None or name.confidence < 0.9
                                           or name_plausibility(name.value) < 0.9
                                           or _seal_over_signature(page, image)):
        name, title = _second_look_signer(page, image, reader, name, title)
    if name:
        got["signerName"] = name
    if title:
        got["signerTitle"] = title
    rec = find_recipients(page)
    if rec:
        got["recipients"] = rec
    sec, urg = find_marks(page.lines, page.height, geo=page.geo, image=image, reader=reader)
    places = [got["place"].value] if "place" in got else []
    if "organName" in got:
        got["organName"].value = restore_upper(got["organName"].value, places)
    if "signerTitle" in got:
        got["signerTitle"].value = restore_title(got["signerTitle"].value)
    boxed = page.geo and words is given  # boxes of a page read sideways are not the image's
    out = {k: Extracted(v.value, v.confidence, _box(v, boxed)) for k, v in got.items()}
    if sec:
        out["secrecy"] = Extracted(sec.level, sec.confidence)
    if urg:
        out["urgency"] = Extracted(urg.level, urg.confidence)
    return {k: out[k] for k in FIELD_ORDER if k in out}


def _second_look_number(page: Page, image: np.ndarray, reader: Reader | None,
                        got: dict[str, Found], line: Line, party: bool) -> None:
    """Re-read the Số line alone when its ký hiệu disagrees with the tên loại line."""
    want = codes.abbreviation(got["typeName"].value, party=party)
    head = re.split(r"[-/]", got["codeNotation"].value)[0]
    reader = reader or default_reader()
    if not want or head == want or reader is None:
        return
    pad = int(page.line_height * 0.5)
    box = (line.left - pad, line.top - pad, min(line.right, int(page.width * 0.5)) + pad,
           line.bottom + pad)
    read = reread_region(image, box, reader)
    view = Page([Line(t, b[0], b[1], b[2], b[3], 0.8, i, i) for i, (t, b) in enumerate(read)],
                page.width, page.height, True)
    again = find_number(view, party, len(view.lines))
    if again and re.split(r"[-/]", again[1].value)[0] == want:
        value = canonical_notation(again[1].value, party=party, type_code=got["typeName"].value)
        got["codeNotation"] = Found(value, round(again[1].confidence * 0.95, 2), line)


def _second_look_header(page: Page, image: np.ndarray, reader: Reader | None, party: bool,
                        num: tuple[Found, Found, Line] | None,
                        date: tuple[Found, Found | None] | None
                        ) -> tuple[tuple[Found, Found, Line] | None, tuple[Found, Found | None] | None]:
    """Re-read the header blocks line by line when the số/ký hiệu or the date was not found."""
    reader = reader or default_reader()
    if reader is None:
        return num, date
    bottom = int(page.height * 0.3)
    halves = []
    if num is None:
        halves.append((0, int(page.width * 0.5)))
    if date is None:
        halves.append((int(page.width * 0.42), page.width))
    for x0, x1 in halves:
        read = reread_region(image, (x0, 0, x1, bottom), reader)
        view = Page([Line(t, b[0], b[1], b[2], b[3], 0.8, i, i) for i, (t, b) in enumerate(read)],
                    page.width, page.height, True)
        if num is None:
            num = find_number(view, party, len(view.lines))
            if num:
                num[0].confidence = num[1].confidence = round(num[0].confidence * 0.9, 2)
                # keep the organ search anchored on the original page's lines
                near = [ln for ln in page.lines if abs(ln.top - num[2].top) < page.line_height]
                num = (num[0], num[1], near[0]) if near else (num[0], num[1], num[2])
        if date is None:
            date = find_date(view, len(view.lines))
    return num, date


def _seal_over_signature(page: Page, image: np.ndarray) -> bool:
    lines = signature_lines(page)
    top = min((ln.top for ln in lines), default=int(page.height * 0.3))
    return any(st.kind in ("seal", "other") and st.top + st.height > top and
               st.left + st.width > page.width * 0.45 for st in find_red_stamps(image))


def _second_look_signer(page: Page, image: np.ndarray, reader: Reader | None,
                        name: Found | None, title: Found | None
                        ) -> tuple[Found | None, Found | None]:
    """Re-read the signature block with the red seal's ink removed, line by line."""
    reader = reader or default_reader()
    lines = signature_lines(page)
    noi_nhan = [ln.top for ln in page.lines if re.match(r"N[a-z]{1,2}\s*nh[a-z]{1,2}n",
                                                        loose(ln.text))]
    if lines:
        top = min(ln.top for ln in lines)
        # the title stands level with Nơi nhận; OCR may have kept only the name below it
        near = [t for t in noi_nhan if 0 < top - t < page.height * 0.15]
        top = min([top, *near])
    else:  # OCR lost the whole block under the seal: anchor on Nơi nhận or on the seal
        anchors = noi_nhan + [st.top for st in find_red_stamps(image)
                              if st.kind == "seal" and st.top > page.height * 0.3]
        if not anchors:
            return name, title
        top = min(anchors)
    if reader is None:
        return name, title
    top -= int(page.line_height)
    box = (int(page.width * 0.45), top, page.width, top + int(page.height * 0.22))
    sealed = _seal_over_signature(page, image)
    cands: list[tuple[float, Found]] = []
    if name is not None:
        cands.append((_name_rank(name, reread=False, sealed=sealed), name))
    t2 = None
    # blurred or low-dpi names read better enlarged, faint ones contrast-stretched
    for scale, stretch in ((1.0, False), (2.0, False), (3.0, False), (1.0, True), (2.0, True)):
        read = reread_region(image, box, reader, scale=scale, stretch=stretch)
        relines = [Line(t, b[0], b[1], b[2], b[3], 0.9, i, i) for i, (t, b) in enumerate(read)]
        n2, t2_scale = find_signer(page, relines)
        t2 = t2 or t2_scale
        if n2 is not None:
            cands.append((_name_rank(n2, reread=True, sealed=sealed), n2))
            if n2.confidence >= 0.9 and name_plausibility(n2.value) >= 0.99:
                break
    if cands:
        name = max(cands, key=lambda c: c[0])[1]
    if t2 and (title is None or sealed):
        title = t2
    return name, title


def _name_rank(name: Found, *, reread: bool, sealed: bool) -> float:
    """Order signer-name candidates: a plausible Vietnamese name first, then confidence; under a
    seal the ink-free re-reading wins ties."""
    bonus = 0.01 if reread == sealed else 0.0
    return name_plausibility(name.value) + 0.3 * name.confidence + bonus


def _type_and_subject(page: Page, got: dict[str, Found], tl: tuple[Found, Line] | None,
                      vv: tuple[Line, str] | None, party: bool) -> None:
    notation = got.get("codeNotation")
    from_notation = _type_from_notation(notation.value, party) if notation else None
    if tl:
        found, line = tl
        if from_notation == found.value:
            found.confidence = max(found.confidence, 0.98)
        got["typeName"] = found
        if notation:
            notation.value = canonical_notation(notation.value, party=party,
                                                type_code=found.value)
        nxt = [ln for ln in page.lines[line.index + 1:line.index + 4]
               if ln.row != line.row and (not page.geo or page.centred(ln)
                                          or abs(ln.cx - line.cx) < page.width * 0.15)]
        if nxt:
            got["subject"] = _subject_after(page, nxt[0], strip_prefix=True)
    elif vv:
        got["typeName"] = Found("22", 0.9 if from_notation in (None, "22") else 0.6, vv[0])
        got["subject"] = _subject_after(page, vv[0], strip_prefix=True)
    elif from_notation:
        got["typeName"] = Found(from_notation, 0.7, notation.line if notation else None)
    elif notation and "-" in notation.value and not party:
        got["typeName"] = Found("22", 0.5, notation.line)


def to_json(result: Mapping[str, Extracted]) -> str:
    """The ``digitize extract --json`` contract: ``{"field": {"value": …, "confidence": …}}``.

    Args:
        result: Output of :func:`extract`.

    Returns:
        One JSON object (UTF-8 text, Vietnamese unescaped), fields in :data:`FIELD_ORDER`.
    """
    order = [k for k in FIELD_ORDER if k in result] + sorted(set(result) - set(FIELD_ORDER))
    return json.dumps({k: {"value": result[k].value, "confidence": round(result[k].confidence, 2)}
                       for k in order}, ensure_ascii=False)
