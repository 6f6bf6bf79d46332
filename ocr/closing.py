"""The closing of an NĐ 30 document: ``Nơi nhận`` and its list before the signature block.

Split from :mod:`ocr.layout` (reading order), which calls :func:`closing_order` last.
"""

from __future__ import annotations

from ocr.tsvtypes import Line
from vntext import strip_marks

__all__ = ["RECIPIENTS_HEAD", "closing_order", "is_recipients"]

#: Longest misread of ``Nơi`` (letters) taken for the head of ``Nơi nhận:`` (``Xới``,
#: ``Nai``; ``Người nhận:`` of a form is five letters and is not the closing's list).
RECIPIENTS_HEAD = 4


def is_recipients(line: Line) -> bool:
    """True for the "Nơi nhận:" line of an NĐ 30 closing (tone marks and case ignored).

    On low-resolution and black-and-white scans the italic ``N`` of ``Nơi`` is often lost or
    misread (``ơi nhận:``, ``Nai nhận:``, ``4ới nhận:``, ``Với nhận:``: 27 of 80 readings of
    the line on the real sets and their variants): a short first word ending in ``oi``/``ai``
    followed by ``nhận:`` with its colon counts too (26 of those 27)."""
    words = strip_marks(" ".join(w.text for w in line.words[:2]).casefold()).split()
    if "".join(words).startswith("noinhan"):
        return True
    if len(words) < 2 or not words[1].startswith("nhan:"):
        return False
    letters = "".join(c for c in words[0] if c.isalpha())
    return 2 <= len(letters) <= RECIPIENTS_HEAD and letters.endswith(("oi", "ai"))


def closing_order(lines: list[Line], height: float) -> list[Line]:
    """``Nơi nhận`` and its list before the signature block that stands beside it.

    The signature block (``KT. GIÁM ĐỐC`` … the signer's name) usually starts a few lines
    above ``Nơi nhận``, so band by band it would be read first. The closing is the lines below
    the last body line that reaches the recipients' column: the recipients' column (lines
    starting left of the list's right edge, or of the middle of the page when the list is
    narrower) is read first, then the signature column.
    """
    start = next((i for i, ln in enumerate(lines) if is_recipients(ln)), None)
    if start is None:
        return lines
    head = lines[start]
    items = [ln for ln in lines[start:] if ln.top >= head.top - height
             and abs(ln.left - head.left) < 3 * height]
    # the signature column starts right of the list and, on a page, right of the middle
    mid = (min(ln.left for ln in lines) + max(ln.right for ln in lines)) / 2
    edge = max(max(ln.right for ln in items), mid - height)
    above = [ln.bottom for ln in lines if ln.bottom <= head.top and ln.left < edge]
    body_end = max(above, default=-1)
    left = [ln for ln in lines if ln.top >= head.top - height / 2 and ln.left < edge]
    right = [ln for ln in lines if ln.top > body_end and ln.left >= edge]
    closing = {id(ln) for ln in left + right}
    if not right or len(closing) < len(left) + len(right):
        return lines
    first = min(i for i, ln in enumerate(lines) if id(ln) in closing)
    rest = [ln for ln in lines if id(ln) not in closing]
    ordered = (sorted(left, key=lambda ln: (ln.top, ln.left))
               + sorted(right, key=lambda ln: (ln.top, ln.left)))
    block = max(ln.block for ln in lines) + 1
    for ln in right:
        ln.block = block  # a block of its own: no hyphen joins across the two columns
    return rest[:first] + ordered + rest[first:]
