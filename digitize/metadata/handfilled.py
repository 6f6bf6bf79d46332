"""``codeNumber`` and ``issuedDate`` when their digits are hand-filled (or OCR garbled them).

Second stage after the strict patterns of :mod:`digitize.metadata.header`: the printed frame of
the line is found by :mod:`digitize.metadata.slots`, the printed parts are kept and the slots'
digits are read from the image by :mod:`digitize.metadata.handdigits`. The day is checked
against the month and year (a real calendar day, not in the future). Values that rest on hand
writing carry a confidence below the review threshold.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence

import numpy as np

from digitize.metadata.handdigits import DigitReader, read_digits, slot_box
from digitize.metadata.header import Found, Page
from digitize.metadata.layout import Line, WordBox
from digitize.metadata.slots import as_number, clean_digits, date_frame, number_frame

__all__ = ["FRAME_CAP", "date_from_frame", "hand_filled", "number_from_frame", "slot_confidence"]

#: Highest confidence of a value found by the frame (not the strict pattern).
FRAME_CAP = 0.85
#: Highest confidence of a day read again without a glued printed letter.
SECOND_TRY_CAP = 0.5


def _header_lines(page: Page, limit: int) -> list[Line]:
    """Header lines; on paged input also each row's segments joined again (a wide hand-filled
    slot makes OCR cut ``ngày       tháng`` into two segments)."""
    if not page.geo:
        return list(page.lines[:limit])
    head = [ln for ln in page.lines[:limit] if ln.top < page.height * 0.4]
    rows: dict[int, list[Line]] = {}
    for ln in head:
        rows.setdefault(ln.row, []).append(ln)
    for segs in rows.values():
        for a, b in zip(segs, segs[1:]):
            if b.left - a.right < 6 * page.line_height:
                head.append(Line(f"{a.text} {b.text}", a.left, min(a.top, b.top), b.right,
                                 max(a.bottom, b.bottom), min(a.conf, b.conf), a.index, a.row))
    return sorted(head, key=lambda x: (x.index, -len(x.text)))


def slot_confidence(line: Line, span: tuple[int, int], words: Sequence[WordBox] | None,
                    line_height: float) -> float | None:
    """Lowest OCR word confidence (0..1) over a slot, ``None`` without words."""
    if not words:
        return None
    x0, _, x1, _ = slot_box(line, span, words, line_height)
    confs = [float(w.conf) / (100 if float(w.conf) > 1 else 1) for w in words
             if line.top - 2 <= w.top + w.height / 2 <= line.bottom + 2
             and w.left < x1 and w.left + w.width > x0 and float(w.conf) >= 0]
    return min(confs) if confs else None


def number_from_frame(page: Page, limit: int, image: np.ndarray | None,
                      words: Sequence[WordBox] | None, reader: DigitReader | None = None
                      ) -> tuple[Found | None, str, str | None, Line] | None:
    """The ``Số:`` frame: number (printed, or read by hand) with the raw ký hiệu and year.

    Returns:
        ``(codeNumber or None, ký hiệu as printed, year inside the notation or None, line)``.
    """
    for ln in _header_lines(page, limit):
        fr = number_frame(ln)
        if fr is None:
            continue
        if page.geo and ln.cx > page.width * 0.55:
            continue
        digits = clean_digits(fr.slot, 5)
        num = None
        if digits:
            num = Found(as_number(digits), round(min(FRAME_CAP, 0.8 * (0.7 + 0.3 * ln.conf)), 2),
                        ln)
        elif image is not None and page.geo:
            box = slot_box(ln, fr.span, words, page.line_height, image)
            got = read_digits(image, box, page.line_height, most=5, reader=reader)
            if got and got[0].lstrip("0"):
                num = Found(as_number(got[0]), got[1], ln)
        return num, fr.notation, fr.year, ln
    return None


def _valid(d: int, m: int, y: int, today: dt.date) -> bool:
    if not (1 <= m <= 12 and 1900 <= y <= today.year + 1):
        return False
    if not 1 <= d <= calendar.monthrange(y, m)[1]:
        return False
    return dt.date(y, m, d) <= today


def date_from_frame(page: Page, limit: int, image: np.ndarray | None,
                    words: Sequence[WordBox] | None, reader: DigitReader | None = None,
                    today: dt.date | None = None) -> tuple[Found | None, str | None, Line] | None:
    """The date frame: ``issuedDate`` (None when a slot stays unreadable), raw place, line."""
    today = today or dt.date.today()
    lh = page.line_height
    for ln in _header_lines(page, limit):
        fr = date_frame(ln)
        if fr is None:
            continue
        in_header = not page.geo or ln.left > page.width * 0.3 or bool(fr.place)
        if not in_header:
            continue
        confs = []
        parts: dict[str, int | None] = {}
        for key, slot, span in (("d", fr.day, fr.day_span), ("m", fr.month, fr.month_span)):
            digits = clean_digits(slot, 2)
            if digits and not (1 <= int(digits) <= (31 if key == "d" else 12)):
                digits = None  # "0O": a hand-written 20 read as print
            if digits:
                parts[key] = int(digits)
                wc = slot_confidence(ln, span, words, lh)
                confs.append(min(FRAME_CAP, 0.7 + 0.3 * (wc if wc is not None else ln.conf)))
                continue
            parts[key] = None
            if image is not None and page.geo:
                got = read_digits(image, slot_box(ln, span, words, lh), lh, most=2,
                                  reader=reader)
                if got:
                    parts[key] = int(got[0])
                    confs.append(got[1])
        d, m = parts["d"], parts["m"]
        if d is not None and m is not None and not _valid(d, m, fr.year, today) and \
                image is not None and page.geo and not clean_digits(fr.day, 2):
            # an impossible hand-read day: read it again without the leftmost piece of ink
            # (the printed "y" of "ngày" glued to the slot), flagged lower
            again = read_digits(image, slot_box(ln, fr.day_span, words, lh), lh, most=2,
                                reader=reader, skip_first=True)
            if again and _valid(int(again[0]), m, fr.year, today):
                d = int(again[0])
                confs.append(min(again[1], SECOND_TRY_CAP))
        if d is None or m is None or not _valid(d, m, fr.year, today):
            return None, fr.place, ln
        value = f"{d:02d}/{m:02d}/{fr.year}"
        return Found(value, round(min(confs), 2), ln), fr.place, ln
    return None


def _cap_strict(found: Found, line: Line, spans: list[tuple[int, int]],
                words: Sequence[WordBox] | None, lh: float) -> None:
    """A strict match whose digits OCR read with low word confidence (hand writing, a
    numbering stamp) is kept but flagged for review, the lower the less sure OCR was."""
    confs = [c for sp in spans if (c := slot_confidence(line, sp, words, lh)) is not None]
    if confs and min(confs) < 0.9:
        cap = min(FRAME_CAP, 0.7 + 0.3 * min(confs))
        found.confidence = round(min(found.confidence, cap), 2)


def hand_filled(page: Page, party: bool, limit: int,
                num: tuple[Found, Found, Line] | None, date: tuple[Found, Found | None] | None,
                image: np.ndarray | None, words: Sequence[WordBox] | None,
                reader: DigitReader | None = None
                ) -> tuple[tuple[Found | None, Found, Line] | None,
                           tuple[Found | None, Found | None] | None, set[str]]:
    """Complete the strict header reads with the printed frames and hand-filled digits.

    Returns:
        ``(num, date, framed)``: ``num`` = (codeNumber or None, codeNotation, line); ``date`` =
        (issuedDate or None, place or None); ``framed`` names the frames found here
        (``"number"``, ``"date"``), so no further re-reading is needed for them.
    """
    from digitize.metadata.header import canonical_notation

    lh = page.line_height
    framed: set[str] = set()
    if num is not None:
        fr = number_frame(num[2])
        if fr is not None:
            _cap_strict(num[0], num[2], [fr.span], words, lh)
    else:
        got = number_from_frame(page, limit, image, words, reader)
        if got is not None:
            n, kh, year, ln = got
            kh = f"{year}/{kh}" if year else kh
            conf = round(min(FRAME_CAP, 0.9 * (0.7 + 0.3 * ln.conf)), 2)
            num = (n, Found(canonical_notation(kh, party=party), conf, ln), ln)
            framed.add("number")
    if date is not None:
        fr2 = date_frame(date[0].line) if date[0].line is not None else None
        if fr2 is not None:
            _cap_strict(date[0], date[0].line, [fr2.day_span, fr2.month_span], words, lh)
    else:
        got2 = date_from_frame(page, limit, image, words, reader)
        if got2 is not None:
            d, place, ln = got2
            conf = round(min(FRAME_CAP, 0.9 * (0.7 + 0.3 * ln.conf)), 2)
            date = (d, Found(place, conf, ln) if place and place[0].isupper() else None)
            framed.add("date")
    return num, date, framed
