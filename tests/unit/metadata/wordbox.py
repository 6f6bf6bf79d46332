"""An OCR word box for metadata tests: the fields the metadata reader takes from a word."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class W:
    """One OCR word: its text, its box in pixels and Tesseract's confidence (0–100)."""

    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float = 95.0


def words_from_rows(rows: list[tuple[int, int, str]]) -> list[W]:
    """Word boxes for lines of text set at ``(x, y)``: 22 px per letter, 14 px between words,
    40 px high (a 300 dpi page's body print)."""
    out = []
    for x, y, line in rows:
        for word in line.split():
            out.append(W(word, x, y, 22 * len(word), 40))
            x += 22 * len(word) + 14
    return out
