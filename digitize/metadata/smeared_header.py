"""The place of issue from a header the first OCR could not read (a smeared, squashed scan).

Only called when neither the date line nor a title was found on a page with boxes, so a page
whose header reads fine costs nothing. The right part of the header band is read again by
:func:`digitize.metadata.smear.row_readings` (deskewed, channel by channel, squash undone) and
a reading that starts ``<Place>, ngày`` gives the place, when that place is a province or city
of the lexicon. The date's digits of such a line are not trusted (they are what the smear
harms most), so only the place is returned, flagged for review.
"""

from __future__ import annotations

import re

import numpy as np

from digitize.metadata.header import Found, Page
from digitize.metadata.layout import Line, loose
from digitize.metadata.lexicon import place_phrases, restore_place
from digitize.metadata.normalize import fold
from digitize.metadata.smear import Reader, row_readings

__all__ = ["PLACE_CONFIDENCE", "place_from_reading", "reread_place"]

#: Confidence of a place read again from a damaged header (always below review).
PLACE_CONFIDENCE = 0.6
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


def reread_place(page: Page, image: np.ndarray, reader: Reader) -> Found | None:
    """Read the header band's right part again and take the place from its date line."""
    box = (int(page.width * 0.3), 0, page.width, int(page.height * 0.3))
    for (x0, y0, x1, y1), texts in row_readings(image, box, reader):
        for text in texts:
            place = place_from_reading(text)
            if place:
                return Found(place, PLACE_CONFIDENCE, Line(text, x0, y0, x1, y1, 0.5, 0, 0))
    return None
