"""A second look at a ``Số`` number that OCR read with low confidence.

Small type on a low-resolution scan, or a number printed later by a numbering stamp, is often
misread by the page's OCR (``Số:3933`` for ``Số: 383``) with a low word confidence. The slot
alone is read again (Tesseract, digits only), enlarged two and three times; when both readings
give the same number, it differs from the page's inside only (same first and last digit: the
slot's box may cut an end digit) it replaces it, still flagged for review.
"""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np

from digitize.metadata.handdigits import slot_box, tesseract_digits
from digitize.metadata.handfilled import slot_confidence
from digitize.metadata.header import Found, Page
from digitize.metadata.layout import Line, WordBox
from digitize.metadata.slots import number_frame
from ocr.errors import OcrFailed, OcrTimeout, TesseractMissing

__all__ = ["DOUBTFUL", "recheck_number"]

#: A number whose OCR word confidence is below this is read again.
DOUBTFUL = 0.6
#: Highest confidence of a number replaced by the second look.
RECHECK_CAP = 0.75


def recheck_number(page: Page, image: np.ndarray, found: Found, line: Line,
                   words: Sequence[WordBox] | None) -> None:
    """Read the number's slot again when its OCR confidence is low (``found`` is changed in
    place when two enlarged readings agree on another number)."""
    fr = number_frame(line)
    if fr is None:
        return
    wc = slot_confidence(line, fr.span, words, page.line_height)
    if wc is None or wc >= DOUBTFUL:
        return
    x0, y0, x1, y1 = slot_box(line, fr.span, words, page.line_height)
    h, w = image.shape[:2]
    crop = image[max(0, y0):min(h, y1), max(0, x0):min(w, x1)]
    if crop.size == 0:
        return
    gray = cv2.cvtColor(crop, cv2.COLOR_RGB2GRAY) if crop.ndim == 3 else crop
    reads = set()
    for scale in (2, 3):
        big = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
        big = cv2.copyMakeBorder(big, 10, 10, 10, 10, cv2.BORDER_CONSTANT, value=255)
        try:
            got = tesseract_digits(big)[0]
        except (TesseractMissing, OcrFailed, OcrTimeout):  # keep the page's reading
            return
        reads.add(str(int(got)) if got.lstrip("0") and len(got) <= 5 else None)
    value = reads.pop() if len(reads) == 1 else None
    # the slot's box may cut a digit off at either end (it is measured from doubtful words), so
    # the second look only corrects the inside of the number: both readings keep its ends
    if value and value != found.value and value[0] == found.value[0] and \
            value[-1] == found.value[-1]:
        found.value = value
        found.confidence = round(min(found.confidence, RECHECK_CAP), 2)
