"""Does a short reading say MẬT / TỐI MẬT / TUYỆT MẬT? Tolerant of case, lost diacritics and
the usual OCR confusions, and leaning to "yes" when in doubt (the gate fails closed).

Readings come from stand-alone short lines and stamp-like shapes only (:mod:`secrecy_gate`);
running text ("bảo mật thông tin", "mật khẩu") never reaches here as one reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from digitize.metadata.normalize import fold, similarity

__all__ = ["LOOK_ALIKES", "Verdict", "judge_reading"]

#: Marks that look like stamps but are not state-secret marks (folded).
LOOK_ALIKES = ("KHAN", "THUONG KHAN", "HOA TOC", "HOA TOC HEN GIO", "SAO Y", "SAO Y BAN CHINH",
               "BAN SAO", "CV DEN", "DEN", "DU THAO", "MAU", "GIAI MAT", "BAN CHINH")
_LEVELS = {"MAT": "MẬT", "TOI MAT": "TỐI MẬT", "TUYET MAT": "TUYỆT MẬT"}
# OCR confusions folded to the letters of MAT / TOI / TUYET
_CONFUSE = str.maketrans({"4": "A", "@": "A", "Λ": "A", "0": "O", "Q": "O", "1": "I", "L": "I",
                          "|": "I", "!": "I", "7": "T", "Ť": "T"})
_MAT = re.compile(r"^M[A]T$")
_NEAR_MAT = re.compile(r"^([MNH]A[TI]|M.T|MA|MAT.|MT)$")  # in a stamp shape
_NEAR_MAT_LINE = re.compile(r"^(MA[TI]|M.T)$")  # a bare line: three letters, M?T
_TOI = re.compile(r"^T[O0]I$")
_TUYET = re.compile(r"^T[UV]Y[EF]T$")


@dataclass(frozen=True)
class Verdict:
    """What a reading says: a level (``""`` when clear), whether it is only a doubt, why."""

    level: str
    doubt: bool
    reason: str
    declassified: bool = False  # the reading is GIẢI MẬT (needs a human confirmation)


def _tokens(text: str) -> list[str]:
    key = re.sub(r"[^A-Z0-9@|!Λ ]", " ", fold(text).replace("Ť", "T"))
    return [t for t in key.split() if t]


def _is_mat(tok: str) -> bool:
    t = tok.translate(_CONFUSE)
    return bool(_MAT.match(t)) or t in {"MAT", "MATI", "IMAT", "MATT"}


def _level_of(toks: list[str], in_frame: bool) -> str:
    """The level when the tokens are exactly a mark (after confusions), else ``""``."""
    if not toks or not _is_mat(toks[-1]):
        return ""
    head = [t.translate(_CONFUSE) for t in toks[:-1]]
    if not head:
        return "MẬT"
    joined = "".join(head)
    if len(head) == 1 and (_TOI.match(head[0]) or similarity(joined, "TOI") >= 0.66):
        return "TỐI MẬT"
    if _TUYET.match(joined) or similarity(joined, "TUYET") >= 0.6:
        return "TUYỆT MẬT"
    if joined == "GIAI" or similarity(joined, "GIAI") >= 0.75:
        return ""  # GIẢI MẬT: declassified, not a secret (STANDARDS 3.4)
    # "X MẬT" in a stamp shape, or frame noise before MẬT: at least MẬT; a plain line such
    # as "bảo mật" is a phrase, not a mark
    return "MẬT" if in_frame or len(joined) <= 2 else ""


def judge_reading(text: str, *, in_frame: bool = False, conf: float = 100.0) -> Verdict:
    """Judge one short reading (a stand-alone line or the ink of a stamp-like shape).

    Args:
        text: What OCR read.
        in_frame: The reading comes from a stamp-like shape (frame, coloured ink block).
        conf: OCR confidence 0..100 of the reading.

    Returns:
        A verdict; ``level`` is ``""`` when the reading is clearly something else.
    """
    toks = _tokens(text)
    letters = sum(len(t) for t in toks)
    if not toks or letters > 24 or len(toks) > 5:
        return Verdict("", False, "not short")
    while toks and len(toks[0]) == 1 and len(toks) > 1 and toks[0] not in {"T"}:
        toks = toks[1:]  # frame bits read as letters ("I MAT", "L MAT")
    while len(toks) > 1 and len(toks[-1]) == 1:
        toks = toks[:-1]
    key = " ".join(toks)
    if len(toks) >= 2 and _is_mat(toks[-1]) and \
            similarity("".join(toks[:-1]).translate(_CONFUSE), "GIAI") >= 0.75:
        return Verdict("", False, f"«{text.strip()}» GIẢI MẬT", declassified=True)
    level = _level_of(toks, in_frame)
    if level:
        return Verdict(level, False, f"«{text.strip()}»")
    if key == "GIAI MAT" or key in LOOK_ALIKES:
        return Verdict("", False, "look-alike")
    squeezed = key.replace(" ", "").translate(_CONFUSE)
    for folded, lv in _LEVELS.items():
        s = similarity(squeezed, folded.replace(" ", ""))
        if len(folded) > 3 and s >= 0.75:
            return Verdict(lv, False, f"«{text.strip()}» ~ {lv}")
    # doubt: something like M?T / ?AT in a stamp shape, read poorly
    near_re = _NEAR_MAT if in_frame else _NEAR_MAT_LINE
    near = any(near_re.match(t.translate(_CONFUSE)) for t in toks)
    short = len(toks) <= 3 and letters <= 10 if in_frame else len(toks) == 1
    if near and short and (in_frame or conf < 60) and not any(t in LOOK_ALIKES for t in toks):
        return Verdict("MẬT", True, f"«{text.strip()}» giống MẬT / looks like MẬT")
    return Verdict("", False, "other")
