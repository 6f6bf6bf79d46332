"""A title that names no document type (``DANH SÁCH ĐĂNG KÝ``, a form's heading) as the subject.

Forms, lists and annexes sent with a công văn carry a centred upper-case heading that is not a
tên loại, followed by lower-case lines that complete it (``Tham gia Hội thi …``). With no tên
loại and no ``V/v`` on the page, that heading and its continuation are the trích yếu. Found
this way the subject is always flagged for review.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from digitize.metadata import codes
from digitize.metadata.header import PARTY, QUOC_HIEU, TIEU_NGU, Found, Page
from digitize.metadata.layout import Line
from digitize.metadata.normalize import fold, similarity

__all__ = ["PLAIN_TITLE_CAP", "find_plain_title", "heading_text"]

#: Highest confidence of a subject taken from a heading that is not a tên loại.
PLAIN_TITLE_CAP = 0.7
#: Folded headings of a body's or a book's sections.
_SECTION = re.compile(r"(?:CHUONG|PHAN|MUC|TIEU MUC|DIEU|BAI|PHU LUC)\b")


def _upper_ratio(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(c.isupper() for c in letters) / len(letters) if letters else 0.0


@lru_cache(maxsize=1)
def _type_words() -> tuple[str, ...]:
    """Folded tên loại labels (``QUYET DINH``…): a heading like these is no plain title."""
    return tuple(fold(lab).upper() for _, lab in codes.options("typeName"))


def heading_text(text: str) -> bool:
    """Whether a line's text can be a plain title: a few upper-case words, no lead-in (``:``),
    no national heading, no section heading, nothing like a tên loại."""
    letters = sum(c.isalpha() for c in text)
    if letters < 6 or len(text.split()) < 2 or len(text) > 80 or _upper_ratio(text) < 0.8:
        return False
    if text.rstrip().endswith(":"):
        return False  # a lead-in ("QUYẾT ĐỊNH:" before Điều 1, "NƠI NHẬN:")
    f = re.sub(r"[^A-Z ]", "", fold(text).upper()).strip()
    if _SECTION.match(f):
        return False  # a section of a body or a book ("CHƯƠNG II", "MỤC 1")
    if max(similarity(f[:len(t) + 4], t) for t in (QUOC_HIEU, TIEU_NGU, PARTY)) >= 0.7:
        return False
    return max(similarity(f, t) for t in _type_words()) < 0.75  # a tên loại not taken as one


def _heading(page: Page, ln: Line) -> bool:
    """A centred plain-title line in the upper half."""
    if page.geo and (not page.centred(ln) or ln.top > page.height * 0.5):
        return False
    return heading_text(ln.text)


def find_plain_title(page: Page, start: int, follow: Callable[[Line], Found]) -> Found | None:
    """The first heading at or after line ``start`` with the lines that complete it.

    Args:
        page: The page's lines.
        start: Index of the first line to look at (after the header fields found).
        follow: Reads the subject starting at a line (its wrapped continuation lines too).

    Returns:
        ``"Danh sách đăng ký tham gia …"`` (heading in sentence case, then its continuation)
        with a confidence at most :data:`PLAIN_TITLE_CAP`, or None.
    """
    for ln in page.lines[start:start + 12]:
        if not _heading(page, ln):
            continue
        title = ln.text.strip(" .:;-").capitalize()
        conf = min(PLAIN_TITLE_CAP, ln.conf)
        nxt = [o for o in page.lines[ln.index + 1:ln.index + 3] if o.row != ln.row]
        if nxt and _upper_ratio(nxt[0].text) < 0.5 and (
                not page.geo or abs(nxt[0].cx - ln.cx) < page.width * 0.15):
            rest = follow(nxt[0])
            if rest.value:
                title = f"{title} {rest.value[0].lower()}{rest.value[1:]}"
                conf = min(conf, rest.confidence)
        return Found(title, round(conf, 2), ln)
    return None
