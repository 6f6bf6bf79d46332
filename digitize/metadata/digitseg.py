"""Split a hand-written number into digits and read it, choosing the split the classifier likes.

Hand-written numbers touch (``20``, ``308``), lean over each other (a ``5``'s cap over the next
digit) or break apart (a ``7``'s bar). The ink is cut into *atoms*: connected components (pieces
that overlap horizontally are one), and inside a component wider than a digit, slices at the thin
columns of its ink. Every run of up to four consecutive atoms is a candidate digit, scored by the
classifier of :mod:`digitize.metadata.digitnet` with a prior on its shape and a cost for cutting
through ink; dynamic programming picks the best reading with at most ``most`` digits.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

from digitize.metadata.digitnet import probabilities

__all__ = ["atoms", "read_number"]

_SPAN = 4          # at most this many atoms make one digit
_CUT_COST = 1.5    # per unit of (ink crossed by a cut / ink height)
_JOIN_COST = 3.0   # for reading two separate pieces of ink as one digit


def _groups(lab: np.ndarray, stats: np.ndarray, height: int) -> list[list[int]]:
    """Component ids grouped left to right; pieces overlapping horizontally are one group."""
    ids = [i for i in range(1, len(stats)) if stats[i][3] >= 0.25 * height
           or stats[i][4] >= 0.02 * height * height]
    ids.sort(key=lambda i: stats[i][0])
    out: list[list[int]] = []
    spans: list[tuple[int, int]] = []
    for i in ids:
        a, b = int(stats[i][0]), int(stats[i][0] + stats[i][2])
        if spans:
            pa, pb = spans[-1]
            if min(b, pb) - max(a, pa) > 0.5 * min(b - a, pb - pa):
                out[-1].append(i)
                spans[-1] = (min(a, pa), max(b, pb))
                continue
        out.append([i])
        spans.append((a, b))
    return out


def _cuts(part: np.ndarray, height: int) -> list[tuple[int, float]]:
    """Columns where a wide piece may be cut (thin ink), with the ink crossed (0..1 of height)."""
    prof = part.sum(axis=0).astype(np.float32)
    w = len(prof)
    if w < 0.6 * height:
        return []
    sm = np.convolve(prof, np.ones(3, np.float32) / 3, mode="same")
    lo, hi = int(0.25 * height), w - int(0.25 * height)
    cand = [x for x in range(max(1, lo), min(w - 1, hi))
            if sm[x] <= sm[x - 1] and sm[x] <= sm[x + 1] and sm[x] <= 0.5 * sm.max()]
    cand.sort(key=lambda x: sm[x])
    chosen: list[int] = []
    for x in cand:
        if all(abs(x - c) >= 0.2 * height for c in chosen):
            chosen.append(x)
        if len(chosen) >= 6:
            break
    return sorted((x, float(prof[x]) / height) for x in chosen)


def atoms(ink: np.ndarray) -> list[tuple[np.ndarray, float]]:
    """The ink cut into atoms left to right: ``(mask, ink crossed by the cut on its left)``; the
    crossing is ``-1`` where the atom starts a new piece of ink (a gap, not a cut)."""
    on = (ink > 0).astype(np.uint8)
    rows = np.nonzero(on.any(axis=1))[0]
    if len(rows) == 0:
        return []
    height = int(rows[-1] - rows[0]) + 1
    n, lab, stats, _ = cv2.connectedComponentsWithStats(on, 8)
    out: list[tuple[np.ndarray, float]] = []
    for grp in _groups(lab, stats, height):
        mask = np.isin(lab, grp).astype(np.uint8)
        xs = np.nonzero(mask.any(axis=0))[0]
        a, b = int(xs[0]), int(xs[-1]) + 1
        cuts = _cuts(mask[:, a:b], height)
        edges = [0] + [c for c, _ in cuts] + [b - a]
        costs = [-1.0] + [k for _, k in cuts]  # -1: a gap in the ink on the left
        for j in range(len(edges) - 1):
            piece = np.zeros_like(mask)
            piece[:, a + edges[j]:a + edges[j + 1]] = mask[:, a + edges[j]:a + edges[j + 1]]
            if piece.any():
                out.append((piece, costs[j]))
    return out


def _score(mask: np.ndarray, height: int) -> tuple[int, float, float]:
    """Digit, its probability and the segment's log score (classifier + shape prior)."""
    ys, xs = np.nonzero(mask)
    h = int(ys.max() - ys.min()) + 1
    w = int(xs.max() - xs.min()) + 1
    p = probabilities(mask[ys.min():ys.max() + 1, xs.min():xs.max() + 1])
    d = int(p.argmax())
    s = math.log(max(float(p[d]), 1e-6))
    r = w / h
    if r > 0.9:
        s -= 6.0 * (r - 0.9)
    if h < 0.45 * height:
        s -= 3.0  # a fragment, not a whole digit
    return d, float(p[d]), s


def read_number(ink: np.ndarray, most: int) -> tuple[str, float]:
    """The digits of a binary crop and the lowest digit probability; ``("", 0)`` when none."""
    parts = atoms(ink)
    if not parts:
        return "", 0.0
    rows = np.nonzero((ink > 0).any(axis=1))[0]
    height = int(rows[-1] - rows[0]) + 1
    n = len(parts)
    neg = -1e9
    # best[i][k]: best score reading atoms[:i] as k digits; back[i][k]: (j, digit, prob)
    best = [[neg] * (most + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int, float] | None]] = [[None] * (most + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    cache: dict[tuple[int, int], tuple[int, float, float]] = {}
    for i in range(1, n + 1):
        for j in range(max(0, i - _SPAN), i):
            if (j, i) not in cache:
                mask = np.maximum.reduce([m for m, _ in parts[j:i]])
                d, p, s = _score(mask, height)
                joins = sum(1 for _, c in parts[j + 1:i] if c < 0)
                cache[(j, i)] = (d, p, s - _JOIN_COST * joins)
            d, p, s = cache[(j, i)]
            cut = _CUT_COST * max(parts[j][1], 0.0)
            for k in range(1, most + 1):
                if best[j][k - 1] <= neg:
                    continue
                v = best[j][k - 1] + s - cut
                if v > best[i][k]:
                    best[i][k] = v
                    back[i][k] = (j, d, p)
    k = max(range(1, most + 1), key=lambda kk: best[n][kk])
    if best[n][k] <= neg:
        return "", 0.0
    digits, probs, i = [], [], n
    while i > 0:
        j, d, p = back[i][k]  # type: ignore[misc]
        digits.append(str(d))
        probs.append(p)
        i, k = j, k - 1
    return "".join(reversed(digits)), min(probs)
