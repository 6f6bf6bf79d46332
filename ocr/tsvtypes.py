"""The word and line boxes of Tesseract's TSV output that reading order works with."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Box", "Line", "TsvWord"]

Box = tuple[int, int, int, int]


@dataclass(frozen=True, slots=True)
class TsvWord:
    """One word row of Tesseract's TSV output."""

    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float
    key: tuple[int, int, int]  # (block, paragraph, line) as Tesseract numbered them

    @property
    def right(self) -> int:
        """Right edge."""
        return self.left + self.width

    @property
    def bottom(self) -> int:
        """Bottom edge."""
        return self.top + self.height


@dataclass(slots=True)
class Line:
    """A line segment: words left to right, and the block (column piece) it belongs to."""

    words: list[TsvWord]
    block: int = 0
    left: int = field(init=False)
    top: int = field(init=False)
    right: int = field(init=False)
    bottom: int = field(init=False)

    def __post_init__(self) -> None:
        self.left = min(w.left for w in self.words)
        self.top = min(w.top for w in self.words)
        self.right = max(w.right for w in self.words)
        self.bottom = max(w.bottom for w in self.words)
