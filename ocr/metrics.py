"""OCR accuracy metrics: character and word error rates on NFC, whitespace-normalised text."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import numpy as np

from vntext import strip_marks

__all__ = [
    "aligned_cer",
    "aligned_wer",
    "cer",
    "fold_diacritics",
    "levenshtein",
    "normalize_for_metrics",
    "wer",
]


def normalize_for_metrics(text: str) -> str:
    """NFC text with every run of whitespace (newlines included) turned into one space.

    Args:
        text: OCR output or ground truth.

    Returns:
        The text as compared by :func:`cer` and :func:`wer`.
    """
    return " ".join(unicodedata.normalize("NFC", text).split())


def fold_diacritics(text: str) -> str:
    """Drop tone and vowel marks and map ``đ``/``Đ`` to ``d``/``D`` (for diacritics-blind CER).

    :func:`vntext.strip_marks` (which also maps the look-alikes ``ð``/``Ð``), recomposed.

    Args:
        text: Any text.

    Returns:
        NFC text without combining marks.
    """
    return unicodedata.normalize("NFC", strip_marks(text))


def _codes(seq: Sequence[object], table: dict[object, int]) -> np.ndarray:
    return np.array([table.setdefault(x, len(table)) for x in seq], dtype=np.int64)


def _distance(a: np.ndarray, b: np.ndarray, *, free_start: bool) -> int:
    """Edit distance of ``a`` to all of ``b`` (or, with ``free_start``, to its best substring)."""
    n = len(b)
    idx = np.arange(n + 1, dtype=np.int64)
    prev = np.zeros(n + 1, np.int64) if free_start else idx.copy()
    for i, ch in enumerate(a, 1):
        best = np.empty(n + 1, np.int64)
        best[0] = i
        best[1:] = np.minimum(prev[:-1] + (b != ch), prev[1:] + 1)
        prev = np.minimum.accumulate(best - idx) + idx
    return int(prev.min()) if free_start else int(prev[-1])


def levenshtein(a: Sequence[object], b: Sequence[object]) -> int:
    """Edit distance (insert, delete, substitute, each cost 1) between two sequences.

    Args:
        a: First sequence (a string or a list of tokens).
        b: Second sequence.

    Returns:
        The minimal number of edits turning ``a`` into ``b``.
    """
    if not a or not b:
        return max(len(a), len(b))
    table: dict[object, int] = {}
    return _distance(_codes(a, table), _codes(b, table), free_start=False)


def _aligned(hyp_units: list[list[object]], ref_units: list[list[object]]) -> tuple[int, int]:
    table: dict[object, int] = {}
    flat = [u for line in hyp_units for u in line]
    hay = _codes(flat, table)
    refs = [line for line in ref_units if line]
    total = sum(len(r) for r in refs)
    errors = sum(_distance(_codes(r, table), hay, free_start=True) for r in refs)
    return errors + max(0, len(flat) - total), total


def aligned_cer(hypothesis: str, reference: str, *, fold: bool = False) -> tuple[int, int]:
    """Character errors that ignore the order of blocks (side-by-side columns).

    Each reference line is matched to its best stretch of the hypothesis; characters that the
    hypothesis has beyond the reference length (noise read as text) count as errors too.

    Args:
        hypothesis: Recognised text.
        reference: Ground truth, one line per printed line.
        fold: Compare with diacritics removed.

    Returns:
        ``(edits, reference characters without spaces)``.
    """
    prep = fold_diacritics if fold else (lambda t: t)
    ref = [list(prep(normalize_for_metrics(x)).replace(" ", "")) for x in reference.splitlines()]
    hyp = [list(prep(normalize_for_metrics(hypothesis)).replace(" ", ""))]
    return _aligned(hyp, ref)


def aligned_wer(hypothesis: str, reference: str) -> tuple[int, int]:
    """Word errors that ignore the order of blocks (see :func:`aligned_cer`).

    Returns:
        ``(edits, reference words)``.
    """
    ref = [normalize_for_metrics(x).split() for x in reference.splitlines()]
    return _aligned([normalize_for_metrics(hypothesis).split()], ref)


def cer(hypothesis: str, reference: str, *, fold: bool = False) -> tuple[int, int]:
    """Character errors of ``hypothesis`` against ``reference``.

    Args:
        hypothesis: Recognised text.
        reference: Ground truth.
        fold: Compare with diacritics removed (see :func:`fold_diacritics`).

    Returns:
        ``(edits, reference length)``; divide to get the rate, or sum over pages first.
    """
    hyp, ref = normalize_for_metrics(hypothesis), normalize_for_metrics(reference)
    if fold:
        hyp, ref = fold_diacritics(hyp), fold_diacritics(ref)
    return levenshtein(hyp, ref), len(ref)


def wer(hypothesis: str, reference: str) -> tuple[int, int]:
    """Word errors of ``hypothesis`` against ``reference`` (words split on whitespace).

    Args:
        hypothesis: Recognised text.
        reference: Ground truth.

    Returns:
        ``(edits, number of reference words)``.
    """
    hyp = normalize_for_metrics(hypothesis).split()
    ref = normalize_for_metrics(reference).split()
    return levenshtein(hyp, ref), len(ref)
