"""The secrecy gate of one page: does it bear MẬT / TỐI MẬT / TUYỆT MẬT anywhere? Fails closed.

Two passes (DESIGN section 6, issue #18):

1. **Text.** Every stand-alone short line the page's OCR found, anywhere on the page, in any
   case, with or without diacritics (:func:`secrecy_words.judge_reading`). The last word of a
   paragraph wrapped onto its own line ("... bảo" / "mật.") is running text, not a mark.
2. **Shapes.** Stamp-like shapes and isolated short lines found with OpenCV
   (:mod:`stamp_regions`: coloured ink, frames, text isolated by white space, at any angle up to
   ±45°) are cut out upright and read on their own. A candidate the page's OCR already read
   upright and confidently as something else is not read again, so a plain page costs little.

A reading that only looks like M?T in a stamp shape counts as MẬT: in doubt, refuse.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from digitize.metadata.layout import Line, WordBox, lines_from_words
from digitize.metadata.secrecy_words import Verdict, judge_reading
from digitize.metadata.stamp_regions import Candidate, candidate_ink, find_candidates

__all__ = ["GateFinding", "LineReader", "check_page", "check_lines", "tesseract_line_reader"]

_ORDER = ("MẬT", "TỐI MẬT", "TUYỆT MẬT")
#: Reads one upright line of black-on-white ink: ``(text, confidence 0..100)``.
LineReader = Callable[[np.ndarray], tuple[str, float]]


@dataclass(frozen=True)
class GateFinding:
    """Why a page is refused: the level, what showed it, and whether it is only a doubt."""

    level: str
    evidence: str
    doubt: bool = False


def tesseract_line_reader(lang: str = "vie") -> LineReader:
    """A reader on Tesseract in single-line mode (the library when loaded, else the program)."""
    from ocr import libtess, tesseract
    from ocr.layout import parse_tsv

    def read(img: np.ndarray) -> tuple[str, float]:
        run = libtess.run_tsv if libtess.available() else tesseract.run_tsv
        words = parse_tsv(run(img, lang=lang, dpi=300, psm=7))
        if not words:
            return "", 0.0
        return " ".join(w.text for w in words), float(np.mean([w.conf for w in words]))

    return read


def _continuation(i: int, lines: Sequence[Line]) -> bool:
    """A short lower-case line that ends the paragraph just above it (wrapped running text)."""
    ln = lines[i]
    if not ln.text[:1].islower():
        return False
    h = max(1, ln.height)
    for up in lines[:i][::-1]:
        if up.bottom <= ln.top and ln.top - up.bottom < 1.2 * h \
                and abs(up.left - ln.left) < 1.5 * h and (up.right - up.left) > 3 * (ln.right - ln.left):
            return True
    return False


def check_lines(lines: Sequence[Line]) -> list[GateFinding]:
    """The text pass: stand-alone short lines read as a secrecy mark."""
    out = []
    for i, ln in enumerate(lines):
        if len(ln.text.split()) > 5 or _continuation(i, lines):
            continue
        v = judge_reading(ln.text, conf=ln.conf * 100)
        if v.level:
            out.append(GateFinding(v.level, f"dòng / line {v.reason}", v.doubt))
    return out


def _words_in(c: Candidate, words: Sequence[WordBox]) -> list[WordBox]:
    x0, y0, x1, y1 = c.cx - c.long / 2, c.cy - c.short / 2, c.cx + c.long / 2, c.cy + c.short / 2
    return [w for w in words if x0 <= w.left + w.width / 2 <= x1
            and y0 <= w.top + w.height / 2 <= y1]


def _already_read(c: Candidate, words: Sequence[WordBox]) -> bool:
    """The page's OCR read this upright line confidently, and not as anything like a mark."""
    if c.kind != "line" or abs(c.angle) > 3:
        return False
    inside = _words_in(c, words)
    if not inside or min(float(w.conf) for w in inside) < 75:
        return False
    covered = sum(w.width for w in inside)
    if covered < 0.6 * c.long:
        return False
    v = judge_reading(" ".join(w.text for w in inside), in_frame=True)
    return not v.level


def _angles(c: Candidate) -> list[float]:
    a = c.angle
    if a > 45:
        a -= 90
    elif a < -45:
        a += 90
    out = [a]
    if c.long < 1.4 * c.short:  # squarish: the text may run along either side
        out.append(a + 90 if a < 0 else a - 90)
    if 2 < abs(a) < 20 and c.kind == "line":
        out.append(0.0)
    if c.kind != "line":  # a frame's box may not follow its text exactly: look around
        out += [a - 12, a + 12]
    return out


def _read(image: np.ndarray, c: Candidate, dpi: int, reader: LineReader) -> Verdict | None:
    best: Verdict | None = None
    frame = c.kind in ("colour", "frame")
    tries = [(a, co, row) for row in (False, True) for a in _angles(c)
             for co in ((True, False) if c.kind == "colour" else (False,))]
    for a, colour_only, row_only in tries:
        if row_only and c.kind == "line":
            break
        ink = candidate_ink(image, c, dpi, angle=a, colour_only=colour_only,
                            row_only=row_only)
        if ink is None:
            continue
        text, conf = reader(ink)
        v = judge_reading(text, in_frame=frame, conf=conf)
        if v.level and not v.doubt:
            return v
        if v.level and best is None:
            best = v
    return best


def check_page(image: np.ndarray, dpi: int, *, words: Sequence[WordBox] = (),
               reader: LineReader | None = None) -> GateFinding | None:
    """Judge one page; the highest level found, or ``None`` when the page bears no mark.

    Args:
        image: The page (RGB or gray ``uint8``), in the frame of ``words``.
        dpi: Its resolution.
        words: The page's OCR words with boxes (may be empty: every candidate is read then).
        reader: Reads one upright line (default: Tesseract, single-line mode).

    Returns:
        A finding (level, evidence, doubt) or ``None``.
    """
    found = check_lines(lines_from_words(words)) if words else []
    reader = reader or tesseract_line_reader()
    for c in find_candidates(image, dpi):
        if words and _already_read(c, words):
            continue
        v = _read(image, c, dpi, reader)
        if v is not None and v.level:
            where = f"{c.kind} ({int(c.cx)},{int(c.cy)}) {c.angle:+.0f}°"
            found.append(GateFinding(v.level, f"{where} {v.reason}", v.doubt))
    if not found:
        return None
    return max(found, key=lambda f: (not f.doubt, _ORDER.index(f.level)))
