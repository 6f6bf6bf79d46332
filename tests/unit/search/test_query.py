"""The query language compiles to FTS5 expressions that user input cannot break."""

from __future__ import annotations

import re
import sqlite3

import pytest

from archive.errors import SearchQueryError
from archive.search.query import ScoreTerm, compile_query

# Everything a compiled expression may contain besides the quoted tokens this module builds.
_SAFE = re.compile(r'^(?:"[\w]+"|\{[a-z_ ]+\}|[():*]|AND|OR|NOT|\s)+$')


def _fts_accepts(expr: str) -> None:
    """The expression is valid FTS5 over the search columns (plain sqlite3 in memory)."""
    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE search_fts USING fts5(meta_e, meta_f, body_e, body_f, "
                "tags, tokenize=\"unicode61 remove_diacritics 0 tokenchars '_'\")")
    con.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH ?", (expr,)).fetchall()


def test_plain_words_are_anded_folded_with_an_adjacent_tier() -> None:
    c = compile_query("quyet dinh so hoa")
    assert c.expr == '("quyet" AND "dinh" AND "so" AND "hoa")'
    assert c.exact is None  # nothing typed with marks: no exact tier
    assert '("_quyet_dinh" AND "_dinh_so" AND "_so_hoa")' in c.adjacent
    assert c.patterns == [(("quyet",), False), (("dinh",), False), (("so",), False),
                          (("hoa",), False)]
    assert [t.folded for t in c.terms] == [("quyet",), ("dinh",), ("so",), ("hoa",)]


def test_a_marked_word_matches_folded_and_has_an_exact_tier() -> None:
    c = compile_query("má")
    assert c.expr == '("ma")' and c.exact == '("má")' and c.adjacent is None
    assert c.terms == [ScoreTerm("word", ("ma",), ("má",), True)]


def test_phrase_becomes_a_chain_of_syllable_bigrams() -> None:
    c = compile_query('"giấy chứng nhận"')
    assert '("_giay_chung" AND "_chung_nhan")' in c.expr
    assert '"_chung_nhan" AND "giấy" AND "chứng" AND "nhận"' in c.exact  # ranks exact first
    assert c.patterns == [(("giay", "chung", "nhan"), False)]


def test_prefix_is_expanded_to_indexed_words_when_known() -> None:
    assert '"luu" *' in compile_query("lưu*").expr  # nothing known: FTS5 expands it
    assert "*" not in compile_query("l*").expr  # one letter: a word, not an expansion
    c = compile_query("lưu*", lambda p: [p, p + "ng"])
    assert c.expr == '(("luu" OR "luung"))' and c.exact is None
    assert compile_query("xq*", lambda p: []).expr == '(("__none"))'  # no such word


def test_terms_under_or_are_not_required() -> None:
    c = compile_query("(bàn OR chánh) AND giao")
    assert [(t.folded[0], t.required) for t in c.terms] == [
        ("ban", False), ("chanh", False), ("giao", True)]
    assert compile_query("hồ sơ -mật").exact == '(("hồ" AND "sơ") NOT ("mat"))'


@pytest.mark.parametrize("typed", ["15/QĐ-UBND", "15/QD-UBND", "15/QÐ-UBND"])
def test_notation_matches_the_document_key(typed: str) -> None:
    c = compile_query(typed)
    assert c.expr == '("__nk15qdubnd")'


def test_operators_and_negation() -> None:
    assert " OR " in compile_query("lưu OR trữ").expr
    for q in ("hồ sơ NOT mật", "hồ sơ -mật", 'hồ sơ -"tối mật"'):
        c = compile_query(q)
        assert " NOT (" in c.expr and " NOT (" in c.exact and " NOT (" in c.adjacent, q


def test_only_negative_terms_is_a_clear_error() -> None:
    with pytest.raises(SearchQueryError) as e:
        compile_query("-mật")
    assert e.value.code == "archive.search_query" and "NOT" in e.value.message("en")


def test_empty_queries_compile_to_nothing() -> None:
    for q in ("", "   ", "AND OR", "()", '""', "-", "***"):
        assert compile_query(q).expr is None, q


@pytest.mark.parametrize("hostile", [
    '"unclosed phrase', "((a OR b", "a OR OR b)", 'NEAR(a b) {body_f}: x', "a:b*^c",
    "'; DROP TABLE pages; --", '"a" "" * + -', "col:val", "\\x00 %s {} [] ^", "a AND",
    "OR a", "NOT", "^quyết", "đ/Đ-Ð", "x" * 500,
])
def test_hostile_input_never_breaks_fts5_syntax(hostile: str) -> None:
    c = compile_query(hostile, lambda p: [p])
    for expr in (c.expr, c.exact, c.adjacent):
        if expr is not None:
            assert _SAFE.match(expr), expr
            _fts_accepts(expr)


def test_nesting_is_bounded() -> None:
    with pytest.raises(SearchQueryError):
        compile_query("(" * 40 + "a" + ")" * 40)
