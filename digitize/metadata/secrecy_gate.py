"""The secrecy gate of one page: does it bear MẬT / TỐI MẬT / TUYỆT MẬT anywhere? Fails closed.

Two passes (DESIGN section 6, issue #18):

1. **Text.** Every stand-alone short line the page's OCR found, anywhere on the page, in any
   case, with or without diacritics (:func:`secrecy_words.judge_reading`). The last word of a
   paragraph wrapped onto its own line ("... bảo" / "mật.") is running text, not a mark.
2. **Shapes.** Stamp-like shapes and isolated short lines found with OpenCV
   (:mod:`stamp_regions`: coloured ink, frames, text isolated by white space, words in ink
   bolder than the print — a black stamp against or over text —, at any angle up to ±45°) are
   cut out upright and read on their own. A candidate the page's OCR already read
   upright and confidently as something else is not read again, so a plain page costs little.

A reading that only looks like M?T in a stamp shape counts as MẬT: in doubt, refuse (bold ink
alone — headings, signatures — counts only when read for certain). GIẢI MẬT is reported
(``declassified``) so the page waits for a person to confirm it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from digitize.metadata.gate_skips import explained, hints_a_mark, sure_words, too_long, words_in
from digitize.metadata.layout import Line, WordBox, lines_from_words
from digitize.metadata.secrecy_words import Verdict, judge_reading
from digitize.metadata.stamp_regions import Candidate, candidate_ink, find_candidates

__all__ = ["BatchReader", "GateFinding", "check_lines", "check_page", "montage", "tesseract_reader"]

_ORDER = ("MẬT", "TỐI MẬT", "TUYỆT MẬT")
#: Reads upright one-line crops of black-on-white ink: ``(text, confidence 0..100)`` each.
BatchReader = Callable[[Sequence[np.ndarray]], list[tuple[str, float]]]
_GAP = 70  # white pixels between crops in the montage (letters are ~44 px high)


@dataclass(frozen=True)
class GateFinding:
    """Why a page is refused: the level, what showed it, and whether it is only a doubt."""

    level: str  # "" when the page only bears GIẢI MẬT
    evidence: str
    doubt: bool = False
    declassified: bool = False  # GIẢI MẬT was read on the page (needs a confirmation)


def montage(crops: Sequence[np.ndarray]) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """The crops stacked top to bottom on white, and the ``(top, bottom)`` of each."""
    width = max(c.shape[1] for c in crops)
    rows, spans, y = [], [], 0
    for c in crops:
        rows.append(np.pad(c, ((0, _GAP), (0, width - c.shape[1])), constant_values=255))
        spans.append((y, y + c.shape[0]))
        y += c.shape[0] + _GAP
    return np.vstack(rows), spans


def tesseract_reader(lang: str = "vie") -> BatchReader:
    """A reader on Tesseract's single-line mode, all crops of a round in one call
    (:func:`ocr.lines.read_lines`)."""
    from ocr.lines import read_lines

    def read(crops: Sequence[np.ndarray]) -> list[tuple[str, float]]:
        return read_lines(crops, lang=lang)

    return read


def _continuation(i: int, lines: Sequence[Line]) -> bool:
    """A short lower-case line that ends the paragraph just above it (wrapped running text)."""
    ln = lines[i]
    if not ln.text[:1].islower():
        return False
    h = max(1, ln.height)
    for up in lines[:i][::-1]:
        wide = (up.right - up.left) > 3 * (ln.right - ln.left)
        if up.bottom <= ln.top and ln.top - up.bottom < 1.2 * h \
                and abs(up.left - ln.left) < 1.5 * h and wide:
            return True
    return False


def check_lines(lines: Sequence[Line]) -> list[GateFinding]:
    """The text pass: stand-alone short lines read as a secrecy mark."""
    out = []
    for i, ln in enumerate(lines):
        if len(ln.text.split()) > 5 or _continuation(i, lines):
            continue
        v = judge_reading(ln.text, conf=ln.conf * 100)
        if v.level or v.declassified:
            out.append(GateFinding(v.level, f"dòng / line {v.reason}", v.doubt,
                                   v.declassified))
    return out


def _already_read(c: Candidate, words: Sequence[WordBox]) -> bool:
    """The page's OCR read this upright line confidently, and not as anything like a mark."""
    # a short bold word's axis is unsteady (a heading "Mục tiêu" measured at -12°)
    if c.kind not in ("line", "bold") or abs(c.angle) > (15 if c.kind == "bold" else 3):
        return False
    inside = words_in(c, words)
    if not inside or min(float(w.conf) for w in inside) < 75:
        return False
    covered = sum(w.width for w in inside)
    if covered < 0.6 * c.long:
        return False
    v = judge_reading(" ".join(w.text for w in inside), in_frame=True)
    return not v.level


def _angles(c: Candidate) -> list[float]:
    """Angles to turn a candidate by to read it: along its long axis first (text runs along
    it), across it for a squarish one, level for a slightly tilted line."""
    a = c.angle
    other = a + 90 if a < 0 else a - 90
    # text within ±45° runs along an axis within ±55° (an axis beyond is a squarish box's
    # short side); a squarish shape may hold its text along either side
    out = [a] if abs(a) <= 55 else [other]
    if c.long < 1.4 * c.short:
        out.append(other if abs(a) <= 55 else a)
    if 2 < abs(a) < 20 and c.kind in ("line", "bold"):
        out.append(0.0)
    if c.kind not in ("line", "bold"):  # a frame's box may not follow its text: look around
        out += [a - 12, a + 12]
    return out


def _tries(c: Candidate) -> list[tuple[float, str]]:
    """(angle, ink — see :func:`candidate_ink`) to read a candidate with, best first: every
    angle once, then the other ink (all ink for a coloured stamp) or the densest row (for a
    frame) at its own angle only, so a seal or a signature costs a few reads, not a dozen."""
    angles = _angles(c)
    if c.kind in ("colour", "seal"):
        return [(a, "own") for a in angles] + [(angles[0], "own-row"), (angles[0], "all")]
    if c.kind == "frame":
        return [(a, "all") for a in angles] + [(angles[0], "all-row")]
    if c.kind == "bold":  # its bold letters alone first, then with the print around them
        return [(a, "own") for a in angles] + [(angles[0], "all")]
    return [(a, "all") for a in angles]


def _read_once(reader: BatchReader, crops: Sequence[np.ndarray],
               seen: dict[tuple, tuple[str, float]]) -> list[tuple[str, float]]:
    """Each crop read, but a crop identical to one read before on this page (the densest row
    of a one-row stamp is the stamp; a coloured stamp alone on paper is all its ink) takes
    that reading: Tesseract reads the same pixels the same way."""
    keys = [(c.shape, c.tobytes()) for c in crops]
    todo: dict[tuple, np.ndarray] = {}
    for k, c in zip(keys, crops, strict=True):
        if k not in seen:
            todo.setdefault(k, c)
    if todo:
        seen.update(zip(todo, reader(list(todo.values())), strict=True))
    return [seen[k] for k in keys]


def check_page(image: np.ndarray, dpi: int, *, words: Sequence[WordBox] = (),
               reader: BatchReader | None = None) -> GateFinding | None:
    """Judge one page; the highest level found, or ``None`` when the page bears no mark.

    Args:
        image: The page (RGB or gray ``uint8``), in the frame of ``words``.
        dpi: Its resolution.
        words: The page's OCR words with boxes (may be empty: every candidate is read then).
        reader: Reads upright crops (default: Tesseract on one montage per round).

    Returns:
        A finding (level, evidence, doubt, whether GIẢI MẬT was read too; level ``""`` when
        GIẢI MẬT is all the page bears) or ``None``.
    """
    found = check_lines(lines_from_words(words)) if words else []
    reader = reader or tesseract_reader()
    sure = sure_words(words)
    cands = [c for c in find_candidates(image, dpi)
             if not (words and (_already_read(c, words) or too_long(c, sure)
                               or explained(c, image, dpi, sure)))]
    todo = {i: _tries(c) for i, c in enumerate(cands)}
    best: dict[int, Verdict] = {}
    seen: dict[tuple, tuple[str, float]] = {}
    declassified = any(f.declassified for f in found)
    while todo:  # round 1: every candidate's first try; later rounds: the undecided ones
        batch = []
        for i, tries in list(todo.items()):
            while tries:
                a, which = tries.pop(0)
                ink = candidate_ink(image, cands[i], dpi, angle=a, ink=which)
                if ink is not None:
                    batch.append((i, ink))
                    break
            if not tries:
                del todo[i]
        if not batch:
            break
        frame = {i: cands[i].kind in ("colour", "frame") for i, _ in batch}
        for (i, _), (text, conf) in zip(batch, _read_once(reader, [b for _, b in batch], seen),
                                        strict=True):
            v = judge_reading(text, in_frame=frame[i], conf=conf)
            declassified = declassified or v.declassified
            if v.doubt and cands[i].kind == "bold":  # bold headings, signatures: only a
                v = Verdict("", False, v.reason)      # certain reading counts here
            if v.level and (i not in best or best[i].doubt):
                best[i] = v
            clear = (not v.level and conf >= 80 and sum(ch.isalpha() for ch in text) >= 3
                     and not (frame[i] and hints_a_mark(text)))
            if (v.level and not v.doubt) or clear:  # decided: a mark, or plainly other text
                todo.pop(i, None)
    for i, v in best.items():
        c = cands[i]
        where = f"{c.kind} ({int(c.cx)},{int(c.cy)}) {c.angle:+.0f}°"
        found.append(GateFinding(v.level, f"{where} {v.reason}", v.doubt))
    found = [f for f in found if f.level]
    if not found:
        return GateFinding("", "GIẢI MẬT", declassified=True) if declassified else None
    top = max(found, key=lambda f: (not f.doubt, _ORDER.index(f.level)))
    return GateFinding(top.level, top.evidence, top.doubt, declassified)
