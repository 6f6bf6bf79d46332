"""Độ mật and độ khẩn marks: stand-alone stamp lines in the header zone and red stamps.

State secrets fail closed (DESIGN section 6): a stamp-like thing that might be a secrecy mark is
reported; the word "mật" in running text ("bảo mật thông tin", "mật khẩu") and the archival
usage level ``mode = 03`` are not marks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from digitize.metadata.layout import Line, WordBox, lines_from_text, lines_from_words
from digitize.metadata.normalize import fold, similarity
from digitize.metadata.stamps import Reader, RedStamp, default_reader, find_red_stamps, stamp_ink

__all__ = ["SECRECY_LEVELS", "URGENCY_LEVELS", "SecrecyMark", "UrgencyMark", "classify_mark",
           "detect_secrecy", "detect_urgency", "find_marks"]

SECRECY_LEVELS = ("MẬT", "TỐI MẬT", "TUYỆT MẬT")
URGENCY_LEVELS = ("KHẨN", "THƯỢNG KHẨN", "HỎA TỐC", "HỎA TỐC HẸN GIỜ")
_FOLDED = {fold(x): ("secrecy", x) for x in SECRECY_LEVELS}
_FOLDED.update({fold(x): ("urgency", x) for x in URGENCY_LEVELS})
_FOLDED["GIAI MAT"] = ("declassified", "GIẢI MẬT")
_HEADER_FRACTION = 0.45


@dataclass(frozen=True)
class SecrecyMark:
    """A detected state-secret mark: level as printed, what it was found from, confidence."""

    level: str  # "MẬT" | "TỐI MẬT" | "TUYỆT MẬT"
    evidence: str
    confidence: float


@dataclass(frozen=True)
class UrgencyMark:
    """A detected urgency mark (KHẨN, THƯỢNG KHẨN, HỎA TỐC, HỎA TỐC HẸN GIỜ)."""

    level: str
    evidence: str
    confidence: float


def classify_mark(text: str, *, strict_case: bool = True) -> tuple[str, str, float] | None:
    """Classify a stand-alone line as a stamp.

    Args:
        text: One OCR line or stamp reading.
        strict_case: Require capitals (stamps are printed upper-case) for text lines.

    Returns:
        ``(kind, level, score)`` with kind ``secrecy``, ``urgency`` or ``declassified``, or
        ``None`` when the line is not a stamp.
    """
    letters = [c for c in text if c.isalpha()]
    if not letters or len(letters) > 20:
        return None
    if strict_case and sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return None
    key = re.sub(r"[^A-Z ]", " ", fold(text))
    key = re.sub(r"\s+", " ", key).strip()
    if not key or len(key.split()) > 4:
        return None
    if key in _FOLDED:
        kind, level = _FOLDED[key]
        return kind, level, 0.97
    best = max(_FOLDED, key=lambda k: similarity(key, k))
    score = similarity(key, best)
    kind, level = _FOLDED[best]
    if len(best) <= 4:  # MAT, KHAN: one wrong letter is already a different word
        if kind == "secrecy" and score >= 0.66 and len(key) <= 4:
            return kind, level, 0.5  # fail closed: "MAI", "M4T" in the header
        return None
    if score >= 0.75:
        return kind, level, round(0.6 + 0.35 * score, 2)
    return None


def _header_lines(lines: Sequence[Line], height: int, geo: bool) -> list[Line]:
    if geo:
        return [ln for ln in lines if ln.top < height * _HEADER_FRACTION]
    end = len(lines)
    for i, ln in enumerate(lines):
        low = ln.text[:1].islower() or sum(c.islower() for c in ln.text) > 25
        if i >= 3 and len(ln.text) > 45 and low and not re.search(r"ngày|V/v", ln.text):
            end = i
            break
    return list(lines[:max(end, 1)])


def _inside(ln: Line, st: RedStamp) -> bool:
    x0, y0, x1, y1 = st.box
    cx, cy = ln.cx, (ln.top + ln.bottom) / 2
    return x0 <= cx <= x1 and y0 <= cy <= y1


def find_marks(lines: Sequence[Line], height: int, *, geo: bool, image: np.ndarray | None = None,
               reader: Reader | None = None) -> tuple[SecrecyMark | None, UrgencyMark | None]:
    """Find the secrecy and urgency marks of a page from its lines (and stamps, if an image).

    Args:
        lines: The page's lines (from :mod:`layout`).
        height: Page height in pixels (used with ``geo``).
        geo: Whether the lines carry boxes.
        image: The RGB page, to find red stamps by colour.
        reader: Reads a stamp's isolated ink; defaults to the OCR engine when available.

    Returns:
        ``(secrecy, urgency)``, each ``None`` when absent.
    """
    found: dict[str, list[tuple[str, str, float]]] = {"secrecy": [], "urgency": [],
                                                      "declassified": []}
    for ln in _header_lines(lines, height, geo):
        hit = classify_mark(ln.text)
        if hit:
            found[hit[0]].append((hit[1], f"dòng «{ln.text}»", hit[2] * max(ln.conf, 0.6)))
    if image is not None and image.ndim == 3:
        _read_stamps(image, lines if geo else [], found, reader)
    sec = max(found["secrecy"], key=lambda t: (SECRECY_LEVELS.index(t[0]), t[2]), default=None)
    urg = max(found["urgency"], key=lambda t: t[2], default=None)
    return (SecrecyMark(sec[0], sec[1], round(min(sec[2], 0.99), 2)) if sec else None,
            UrgencyMark(urg[0], urg[1], round(min(urg[2], 0.99), 2)) if urg else None)


def _read_stamps(image: np.ndarray, lines: Sequence[Line],
                 found: dict[str, list[tuple[str, str, float]]], reader: Reader | None) -> None:
    h = image.shape[0]
    found_all = find_red_stamps(image)
    seals = [s.box for s in found_all if s.kind == "seal"]

    def in_seal(st: RedStamp) -> bool:  # the organ name printed on a round seal
        x0, y0, x1, y1 = st.box
        return any(a - 5 <= x0 and x1 <= c + 5 and b - 5 <= y0 and y1 <= d + 5
                   for a, b, c, d in seals)

    stamps = [s for s in found_all
              if s.kind == "rect" and s.top < h * _HEADER_FRACTION and not in_seal(s)]
    if not stamps:
        return
    reader = reader or default_reader()
    known = sum(len(v) for v in found.values())
    unread = 0
    for st in stamps:
        texts = [ln.text for ln in lines if _inside(ln, st)]
        if reader is not None:
            for scale in (1.0, 2.0):
                texts.append(reader(stamp_ink(image, st, scale=scale)).strip())
        hits = [x for x in (classify_mark(t, strict_case=False) for t in texts if t) if x]
        if hits:
            kind, level, score = max(hits, key=lambda x: x[2])
            found[kind].append((level, f"dấu đỏ tại ({st.left},{st.top}) «{level}»",
                                min(0.99, score + 0.02)))
        else:
            unread += 1
    unexplained = unread - max(0, known - (len(stamps) - unread))
    if unexplained > 0:
        # a red rectangular stamp in the header that reads as nothing known: fail closed
        found["secrecy"].append(("MẬT", f"{unexplained} dấu đỏ dạng chữ nhật không đọc được ở "
                                 "phần đầu văn bản", 0.3))


def _marks(text: str, words: Sequence[WordBox] | None, image: np.ndarray | None,
           page_size: tuple[int, int] | None, reader: Reader | None
           ) -> tuple[SecrecyMark | None, UrgencyMark | None]:
    lines = lines_from_words(words) if words else lines_from_text(text)
    if page_size:
        height = page_size[1]
    elif image is not None:
        height = image.shape[0]
    else:
        height = max((ln.bottom for ln in lines), default=0)
    return find_marks(lines, height, geo=bool(words), image=image, reader=reader)


def detect_secrecy(text: str, *, words: Sequence[WordBox] | None = None,
                   image: np.ndarray | None = None, page_size: tuple[int, int] | None = None,
                   reader: Reader | None = None) -> SecrecyMark | None:
    """Detect a MẬT / TỐI MẬT / TUYỆT MẬT mark on a page; fails closed.

    Args:
        text: The page's OCR text.
        words: OCR words with boxes, for the header zone by geometry.
        image: The RGB page, to find red stamps by colour.
        page_size: ``(width, height)`` in pixels of the page the words refer to.
        reader: Reads isolated stamp ink (default: the OCR engine, when available).

    Returns:
        The highest level found, or ``None``. An unreadable red stamp in the header that no
        text line explains is reported as ``MẬT`` with a low confidence.
    """
    return _marks(text, words, image, page_size, reader)[0]


def detect_urgency(text: str, *, words: Sequence[WordBox] | None = None,
                   image: np.ndarray | None = None, page_size: tuple[int, int] | None = None,
                   reader: Reader | None = None) -> UrgencyMark | None:
    """Detect a KHẨN / THƯỢNG KHẨN / HỎA TỐC mark on a page (arguments as detect_secrecy)."""
    return _marks(text, words, image, page_size, reader)[1]
