"""The place of issue from a header the first OCR could not read (a smeared, squashed scan).

Only called when neither the date line nor a title was found on a page with boxes, so a page
whose header reads fine costs nothing. The right part of the header band is read again by
:func:`digitize.metadata.smear.row_readings` (deskewed, channel by channel, squash undone) and
a reading that starts ``<Place>, ngày`` gives the place, when that place is a province or city
of the lexicon. The date's digits of such a line are not trusted (they are what the smear
harms most), so only the place is returned, flagged for review.

When the page has no subject either, each row's best reading (most Vietnamese syllables, fewest
non-words) is taken; the first upper-case row of whole syllables is the heading, and the rows
under it read as whole syllables complete it. Such a subject is flagged too.
"""

from __future__ import annotations

import re

import numpy as np

from digitize.metadata.header import Found, Page
from digitize.metadata.layout import Line, loose
from digitize.metadata.lexicon import place_phrases, restore_place
from digitize.metadata.normalize import fold
from digitize.metadata.plain_title import heading_text
from digitize.metadata.smear import Reader, row_readings
from digitize.metadata.stamps import default_reader
from ocr.postcorrect.correct import is_syllable

__all__ = ["POOR_SHARE", "PLACE_CONFIDENCE", "SUBJECT_CONFIDENCE", "best_line",
           "header_is_poor", "place_from_reading", "reread_header", "smeared_second_look",
           "subject_from_rows"]

#: Confidence of a place read again from a damaged header (always below review).
PLACE_CONFIDENCE = 0.6
#: Confidence of a subject read again from a damaged header.
SUBJECT_CONFIDENCE = 0.4
#: Below this share of whole syllables the first reading of the header band is poor (clean and
#: merely noisy scans of real-vi-2 read 0.81–0.97; the smeared form 0.54).
POOR_SHARE = 0.7
#: ``Place[,.] ngày`` at the start of a reading; at most four words of place.
_PLACE_NGAY = re.compile(
    r"^[\W_]*(?P<place>[A-Z][A-Za-z]*\.?(?:\s+[A-Za-z]+\.?){0,5}?)\s*[,.;:]?\s+n(?:g[a-z]{1,2}|ay)\b")
#: What may stand before the name itself: ``Thành phố``, ``TP.``, ``Tp``.
_CITY = re.compile(r"^(?:THANH\s+PHO|TP)\.?\s*")


def place_from_reading(text: str) -> str | None:
    """``"Phủ Tho. ngày …"`` → ``"Phú Thọ"``: a known province/city before ``ngày``, or None."""
    for raw_line in text.splitlines():
        line = raw_line.strip()
        m = _PLACE_NGAY.match(loose(line))
        if not m:
            continue
        raw = line[m.start("place"):m.end("place")].strip(" ,.;:")
        place = restore_place(raw)
        key = _CITY.sub("", fold(place).upper()).replace(".", " ")
        if tuple(key.split()) in place_phrases():
            return place
    return None


def _score(line: str) -> tuple[int, int]:
    """``(syllables, other tokens)`` of a reading (numbers count as words)."""
    toks = [t.strip(",.;:()") for t in line.split()]
    good = sum(1 for t in toks if t and (is_syllable(t) or t.isdigit()))
    return good, sum(1 for t in toks if t) - good


def best_line(texts: list[str]) -> tuple[str, float]:
    """The line of a row's readings with most syllables and fewest non-words, and its share of
    whole words (0..1)."""
    best, key, share = "", (-99, 0), 0.0
    for text in texts:
        for line in text.splitlines():
            good, bad = _score(line)
            if good - 2 * bad > key[0] - 2 * key[1] or (
                    good - 2 * bad == key[0] - 2 * key[1] and good > key[0]):
                best, key, share = line.strip(), (good, bad), good / max(1, good + bad)
    return best, share


def _upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def subject_from_rows(rows: list[tuple[tuple[int, int, int, int], list[str]]], width: int
                      ) -> Found | None:
    """The heading (a centred upper-case row of whole syllables) and the rows completing it
    (lower case, whole syllables), from :func:`row_readings`' rows; None without a heading."""
    best = [(box, *best_line(texts)) for box, texts in rows]
    for i, (box, line, share) in enumerate(best):
        if not (heading_text(line) and share >= 0.99):
            continue
        if abs((box[0] + box[2]) / 2 - width / 2) > width * 0.15:
            continue  # a heading is centred
        parts = [line.capitalize()]
        for _, more, share2 in best[i + 1:i + 4]:
            if _upper(more) or share2 < 0.99 or len(more.split()) < 3:
                break
            parts.append(more[0].lower() + more[1:])
        text = " ".join(parts)
        return Found(text, SUBJECT_CONFIDENCE, Line(text, *box, 0.5, 0, 0))
    return None


def reread_header(page: Page, image: np.ndarray, reader: Reader, *, subject: bool
                  ) -> tuple[Found | None, Found | None]:
    """Read the header band again: ``(place, subject)``, each None when not found.

    Args:
        page: The page as first read (for its size).
        image: The RGB page.
        reader: Reads one line of black-on-white text.
        subject: Look for a heading-as-subject too (else only the place).
    """
    box = (int(page.width * 0.3), 0, page.width, int(page.height * 0.3))
    rows = row_readings(image, box, reader)
    place = None
    for (x0, y0, x1, y1), texts in rows:
        found = next((p for p in map(place_from_reading, texts) if p), None)
        if found:
            place = Found(found, PLACE_CONFIDENCE, Line(found, x0, y0, x1, y1, 0.5, 0, 0))
            break
    return place, subject_from_rows(rows, page.width) if subject else None


def header_is_poor(page: Page) -> bool:
    """Whether the first reading of the page's top 30 % is mostly not words (a smeared scan)."""
    good = bad = 0
    for ln in page.lines:
        if ln.top < page.height * 0.3:
            g, b = _score(ln.text)
            good, bad = good + g, bad + b
    return good + bad > 0 and good < POOR_SHARE * (good + bad)


def smeared_second_look(page: Page, image: np.ndarray, reader: Reader | None,
                        got: dict[str, Found], *, numbered: bool) -> None:
    """Fill ``place`` (and ``subject``) in ``got`` from the header band read again, when the
    first reading left no place and either nothing of the title (no tên loại, no subject) in a
    header band read poorly (:func:`header_is_poor`), or a numbered document (a ``Số`` line,
    so a date line must be there). Costs nothing otherwise.
    """
    if "place" in got:
        return
    untitled = not {"subject", "typeName"} & got.keys() and header_is_poor(page)
    if not (untitled or numbered) or (reader := reader or default_reader()) is None:
        return
    place, subject = reread_header(page, image, reader, subject=untitled)
    got.update({k: v for k, v in (("place", place), ("subject", subject)) if v})
