"""The bit-parallel edit distance equals the edit-distance table filled cell by cell."""

from __future__ import annotations

import random

from digitize.metadata.layout import loose
from digitize.metadata.normalize import levenshtein, similarity


def _table(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def test_same_distance_as_the_table() -> None:
    rng = random.Random(19)
    for _ in range(3000):
        alphabet = "AĐƠ Ế"[:rng.randint(1, 5)]
        a = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        b = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        assert levenshtein(a, b) == _table(a, b), (a, b)
    long_a = "CONG HOA XA HOI CHU NGHIA VIET NAM " * 3  # past 64 bits
    long_b = "CQNG HOA XA H0I CHU NGHlA VIET NAM DOC LAP " * 3
    assert levenshtein(long_a, long_b) == _table(long_a, long_b)


def test_similarity_scale() -> None:
    assert similarity("ABC", "ABC") == 1.0 and similarity("", "ABC") == 0.0
    assert similarity("CONG HOA", "CQNG HOA") == 1.0 - 1 / 8


def test_loose_keeps_indices() -> None:
    assert loose("Cộng hòa Đà Nẵng €") == "Cong hoa Da Nang €"
