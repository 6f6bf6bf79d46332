"""Ranking weights: metadata above text, marks as typed above folded, adjacent words first."""

from __future__ import annotations

from archive.search.query import ScoreTerm, compile_query
from archive.search.rank import _varint, presence, score


def _terms(query: str) -> list[ScoreTerm]:
    return compile_query(query).terms


def _flags(terms: list[ScoreTerm],
           meta: dict[int, tuple[set[str], set[str]]]) -> dict[int, tuple[bool, ...]]:
    return {pid: presence(terms, e, f) for pid, (e, f) in meta.items()}


def test_metadata_outranks_page_text() -> None:
    terms = _terms("phe duyet")
    meta = {1: (set(), {"phe", "duyet", "_phe_duyet"}), 2: (set(), {"ke", "hoach"})}
    s = score([1, 2], terms, [2.0, 2.0], _flags(terms, meta), (), ())
    assert s[1] > s[2] > 0  # 2 matched through its text


def test_marks_as_typed_outrank_folded_in_metadata_and_text() -> None:
    terms = _terms("má")
    meta = {1: ({"má"}, {"ma"}), 2: ({"mà"}, {"ma"}), 3: (set(), set()), 4: (set(), set())}
    s = score([1, 2, 3, 4], terms, [1.5], _flags(terms, meta), exact={1, 3}, adjacent=())
    assert s[1] > s[2] > s[3] > s[4] > 0


def test_adjacent_words_outrank_scattered_ones() -> None:
    terms = _terms("tai lieu")
    s = score([1, 2], terms, [1.0, 1.0], {}, (), adjacent={1})
    assert s[1] > s[2]


def test_terms_under_or_score_only_where_found() -> None:
    terms = _terms("chánh OR giao")
    meta = {1: ({"chánh"}, {"chanh"}), 2: (set(), set())}
    s = score([1, 2], terms, [1.0, 1.0], _flags(terms, meta), (), ())
    assert s[1] > 0 and s[2] == 0


def test_fts5_averages_varint() -> None:
    assert _varint(bytes([0x45])) == 0x45
    assert _varint(bytes.fromhex("BD8444FF")) == 1_000_004
