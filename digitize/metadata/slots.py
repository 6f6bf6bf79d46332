"""The printed frame of the ``Số:`` and date lines when their digits could not be read.

Offices often print ``Số:      /UBND-KTTH`` and ``Phú Thọ, ngày    tháng 12 năm 2011`` and the văn
thư writes the number and the day in by hand at issue; OCR then reads the printed frame and
garbage (``Số: J†§ /STTTT-CNTT``, ``ngày /9 tháng 02``) or nothing in the slots. These functions
find the frame, keep what is printed (ký hiệu, place, month, year) and say where the slots are,
as character spans of the line, so the hand-filled digits can be read from the image.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from digitize.metadata.layout import Line, WordBox, loose

__all__ = ["DateFrame", "NumberFrame", "abbreviation_dot", "as_number", "clean_digits",
           "date_frame", "number_frame"]

_LOOKALIKE = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1"})
_NUMBER = re.compile(
    r"(?<![A-Za-z])[Ss][o0]\s*[:.;,]\s*(?P<slot>[^\n]{0,14}?)\s*/\s*"
    r"(?:(?P<nam>(?:19|20)\d{2})\s*/\s*)?"
    r"(?P<kh>[A-Z][A-Za-z0-9]*(?:\s?-\s?[A-Z0-9][A-Za-z0-9]*)*)(?![/A-Za-z0-9])")
_DATE = re.compile(
    r"(?:(?P<place>(?<![A-Za-z])[A-Z][a-z]*\.?(?:\s*(?:[A-Z][a-z]*|pho|xa|tran))*)"
    r"\s*[,.;]?\s*)?"
    r"(?<![A-Za-z])ng[a-z]{1,2}(?P<d>[^\n]{0,8}?)th[a-z]{2,3}(?P<m>[^\n]{0,8}?)"
    r"n[a-z]{1,2}[.,]?\s*(?P<y>[12][\dOoIl]{3})(?!\d)")


@dataclass(frozen=True)
class NumberFrame:
    """The ``Số:`` line: ký hiệu as printed, the number slot's text and span in ``line.text``."""

    line: Line
    notation: str
    slot: str
    span: tuple[int, int]
    year: str | None


@dataclass(frozen=True)
class DateFrame:
    """The date line: place (raw), the day/month slots (text and span) and the year."""

    line: Line
    place: str | None
    day: str
    day_span: tuple[int, int]
    month: str
    month_span: tuple[int, int]
    year: int


def clean_digits(slot: str, most: int) -> str | None:
    """The digits of a slot that OCR read cleanly (look-alike letters mapped), else ``None``.

    ``" 18 "`` → ``"18"``; ``"0$"``, ``"/9"``, ``"ÌÄ"`` → ``None`` (hand-filled digits OCR
    garbled); an empty slot → ``None``.
    """
    s = slot.strip(" .,:;-=_~'`")
    if not re.search(r"\d", s):
        return None  # "l", "|", "O" alone: a hand-written digit read as a letter
    s = s.translate(_LOOKALIKE)
    return s if re.fullmatch(rf"\d{{1,{most}}}", s) else None


def as_number(digits: str) -> str:
    """A document number as NĐ 30/2020 writes it: Arabic digits, a number below 10 with a
    leading zero (``1`` → ``01``), no other leading zeros (``0308`` → ``308``)."""
    return f"{int(digits):02d}"


def number_frame(line: Line) -> NumberFrame | None:
    """Find ``Số: <slot> /KÝ-HIỆU`` in one line (the slot may hold anything or nothing)."""
    lt = loose(line.text)
    m = _NUMBER.search(lt)
    if not m:
        return None
    kh = line.text[m.start("kh"):m.end("kh")]
    return NumberFrame(line, kh, line.text[m.start("slot"):m.end("slot")],
                       (m.start("slot"), m.end("slot")), m["nam"])


def date_frame(line: Line) -> DateFrame | None:
    """Find ``[Place,] ngày <d> tháng <m> năm <yyyy>`` in one line, slots as read."""
    lt = loose(line.text)
    m = _DATE.search(lt)
    if not m:
        return None
    year = int(m["y"].translate(_LOOKALIKE))
    place = None
    pre = lt[:m.start("place")] if m["place"] else ""
    if m["place"] and re.fullmatch(r"[\s|_.'`~-]*(?:[A-Z][A-Za-z]{0,3}\.?(?:\s+[a-z])?\s+)?", pre):
        # "Tp. đ Hô Chí Minh": an abbreviation and a speck before the name are kept/dropped
        place = line.text[:m.end("place")].strip(" ,.|_'`~-")
        place = " ".join(t for t in place.split() if len(t) > 1 or t.isupper())
        place = re.sub(r"^(?:S[ốo6]\S*\s+\S+\s+)", "", place) or None
    return DateFrame(line, place, line.text[m.start("d"):m.end("d")], m.span("d"),
                     line.text[m.start("m"):m.end("m")], m.span("m"), year)


def abbreviation_dot(place: str, line: Line | None, words: Sequence[WordBox] | None) -> str:
    """``Tp Hồ Chí Minh`` → ``Tp.Hồ Chí Minh`` / ``Tp. Hồ Chí Minh``: the dot OCR dropped after
    the abbreviation ``Tp`` (thành phố) is put back, without a space when the printed gap after
    ``Tp`` is narrower than the line's other word gaps (the dot stood there), else with one."""
    if not re.match(r"^T[Pp] \S", place):
        return place
    gaps: list[float] = []
    after = None
    if line is not None and words:
        ws = sorted((w for w in words if line.top - 2 <= w.top + w.height / 2 <= line.bottom + 2
                     and line.left - 2 <= w.left <= line.right + 2), key=lambda w: w.left)
        for a, b in zip(ws, ws[1:]):
            gap = float(b.left - (a.left + a.width))
            if str(a.text).strip() == place[:2]:
                after = gap
            else:
                gaps.append(gap)
    tight = after is not None and len(gaps) >= 2 and after < 0.75 * sorted(gaps)[len(gaps) // 2]
    return place[:2] + ("." if tight else ". ") + place[3:]
