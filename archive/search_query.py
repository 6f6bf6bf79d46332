"""The search query language, compiled to a safe FTS5 expression over the search index columns.

Words, "phrases", prefix*, AND/OR/NOT (upper case), -word, (groups) and notations
(``15/QĐ-UBND``). Every term reaches FTS5 only as a double-quoted token of letters, digits and
``_`` that this module built, so no user input can break FTS5 syntax; stray quotes, brackets
and operators are repaired, and a query with nothing to look for raises ``SearchQueryError``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from archive.errors import SearchQueryError
from archive.textfold import fold_token, normalize_notation, tokens

__all__ = ["CompiledQuery", "compile_query"]

_FOLD_COLS = "{meta_f body_f}"
_EXACT_COLS = "{meta_e body_e}"
_LEX = re.compile(r'\s*(?:(?P<q>-?"[^"]*"?)|(?P<lp>\()|(?P<rp>\))|(?P<w>[^\s()"]+))')
_NOTATION = re.compile(r"^(?:s[ốo][:.]?)?\d+[\w.]*(?:[/\-–][\w.]+)+$", re.IGNORECASE)
_OPS = {"AND", "OR", "NOT"}
_MAX_DEPTH = 16
_MAX_TERMS = 64


@dataclass
class CompiledQuery:
    """An FTS5 expression and the token patterns to highlight (folded, in order)."""

    expr: str | None
    patterns: list[tuple[tuple[str, ...], bool]] = field(default_factory=list)


@dataclass
class _Term:
    kind: str  # word, prefix, phrase, notation
    toks: list[str]
    neg: bool = False


def _q(token: str) -> str:
    return f'"{token}"'


def _lex(text: str) -> list[object]:
    out: list[object] = []
    for m in _LEX.finditer(text):
        if m.group("lp"):
            out.append("(")
        elif m.group("rp"):
            out.append(")")
        elif m.group("q") is not None:
            raw = m.group("q")
            neg = raw.startswith("-")
            body = raw[1:] if neg else raw
            toks = tokens(body.strip('"'))
            out.append(_Term("phrase" if len(toks) > 1 else "word", toks, neg))
        elif m.group("w"):
            out.append(_word(m.group("w")))
    return out


def _word(raw: str) -> object:
    if raw in _OPS:
        return raw
    if raw in ("&&", "||"):
        return "AND" if raw == "&&" else "OR"
    neg = raw.startswith("-") and len(raw) > 1
    body = raw[1:] if neg else raw
    prefix = body.endswith("*")
    body = body.rstrip("*")
    if _NOTATION.match(body) and any(c.isalpha() for c in body.split("/", 1)[-1]):
        key = normalize_notation(body)
        return _Term("notation", [key, "*" if prefix else ""] + tokens(body), neg)
    toks = tokens(body)
    if prefix and len(toks) == 1 and len(fold_token(toks[0])) >= 2:
        return _Term("prefix", toks, neg)
    return _Term("word" if len(toks) == 1 else "phrase", toks, neg)


class _Parser:
    def __init__(self, items: list[object]) -> None:
        self.items = items
        self.i = 0
        self.n_terms = 0

    def peek(self) -> object:
        return self.items[self.i] if self.i < len(self.items) else None

    def take(self) -> object:
        self.i += 1
        return self.items[self.i - 1]

    def parse(self) -> object:
        parts: list[object] = []
        while self.peek() is not None:
            node = self.parse_or(0)
            if node is not None:
                parts.append(node)
            if self.peek() == ")":  # a stray closing bracket: skip it
                self.take()
        return ("and", parts, []) if len(parts) != 1 else parts[0]

    def parse_or(self, depth: int) -> object:
        parts = [self.parse_and(depth)]
        while self.peek() == "OR":
            self.take()
            parts.append(self.parse_and(depth))
        parts = [p for p in parts if p is not None]
        return None if not parts else parts[0] if len(parts) == 1 else ("or", parts)

    def parse_and(self, depth: int) -> object:
        pos: list[object] = []
        neg: list[object] = []
        negate_next = False
        while (tok := self.peek()) not in (None, ")", "OR"):
            if tok in ("AND", "NOT"):
                self.take()
                negate_next = negate_next or tok == "NOT"
                continue
            node = self.parse_unary(depth)
            if node is None:
                continue
            is_neg = negate_next or (isinstance(node, _Term) and node.neg)
            (neg if is_neg else pos).append(node)
            negate_next = False
        if not pos and not neg:
            return None
        return ("and", pos, neg)

    def parse_unary(self, depth: int) -> object:
        tok = self.take()
        if tok == "(":
            if depth >= _MAX_DEPTH:
                raise SearchQueryError("too many nested brackets")
            node = self.parse_or(depth + 1)
            if self.peek() == ")":
                self.take()
            return node
        if isinstance(tok, _Term):
            if not tok.toks or (tok.kind == "notation" and not tok.toks[0]):
                return None
            self.n_terms += 1
            if self.n_terms > _MAX_TERMS:
                raise SearchQueryError(f"more than {_MAX_TERMS} terms")
            return tok
        return None


def _term_expr(t: _Term, patterns: list[tuple[tuple[str, ...], bool]], positive: bool) -> str:
    folded = [fold_token(x) for x in t.toks]
    if t.kind == "notation":
        key, star = t.toks[0], t.toks[1]
        if positive:
            patterns.append((tuple(fold_token(x) for x in t.toks[2:]), bool(star)))
        return f"{{meta_f}} : {_q('__nk' + key)}{' *' if star else ''}"
    if positive:
        patterns.append((tuple(folded), t.kind == "prefix"))
    if t.kind in ("word", "prefix"):
        star = " *" if t.kind == "prefix" else ""
        expr = f"{_FOLD_COLS} : {_q(folded[0])}{star}"
        if t.toks[0] != folded[0]:
            expr = f"({expr} OR {_EXACT_COLS} : {_q(t.toks[0])}{star})"
        return expr
    pairs = list(zip(t.toks, t.toks[1:], folded, folded[1:], strict=False))
    expr = f"{_FOLD_COLS} : (" + " AND ".join(_q(f"_{c}_{d}") for _, _, c, d in pairs) + ")"
    exact = [_q(a) for a, c in dict.fromkeys(zip(t.toks, folded, strict=True)) if a != c]
    if exact:  # same matches; pages with the marked syllables as typed score higher
        expr = f"({expr} AND ({_EXACT_COLS} : (" + " AND ".join(exact) + f") OR {expr}))"
    return expr


def _adjacency_boost(terms: list[_Term], first: str) -> str | None:
    """Bigrams of consecutive plain words, OR'ed with the first term (so matching is unchanged)."""
    words = [fold_token(t.toks[0]) for t in terms if t.kind == "word"]
    if len(words) < 2 or len(words) != len(terms):
        return None
    bigrams = " OR ".join(_q(f"_{a}_{b}") for a, b in zip(words, words[1:], strict=False))
    return f"({_FOLD_COLS} : ({bigrams}) OR {first})"


def _compile(node: object, patterns: list[tuple[tuple[str, ...], bool]], positive: bool) -> str:
    if isinstance(node, _Term):
        return _term_expr(node, patterns, positive)
    assert isinstance(node, tuple)
    if node[0] == "or":
        return "(" + " OR ".join(_compile(c, patterns, positive) for c in node[1]) + ")"
    _, pos, neg = node
    if not pos:
        raise SearchQueryError("NOT/-word needs a word to look for beside it")
    parts = [_compile(c, patterns, positive) for c in pos]
    if len(parts) > 1 and all(isinstance(c, _Term) for c in pos):
        boost = _adjacency_boost(pos, parts[0])
        if boost:
            parts.append(boost)
    expr = "(" + " AND ".join(parts) + ")"
    if neg:
        expr += " NOT (" + " OR ".join(_compile(c, patterns, False) for c in neg) + ")"
    return f"({expr})" if neg else expr


def compile_query(text: str) -> CompiledQuery:
    """Compile a user query to an FTS5 expression (``expr`` is None for an empty query).

    Args:
        text: The query as typed, with or without diacritics.

    Returns:
        The expression and the folded token patterns to highlight.

    Raises:
        SearchQueryError: The query only excludes, or is too deeply nested or too long.
    """
    parser = _Parser(_lex(text or ""))
    node = parser.parse()
    if isinstance(node, tuple) and node[0] == "and" and not node[1] and not node[2]:
        return CompiledQuery(None)
    patterns: list[tuple[tuple[str, ...], bool]] = []
    return CompiledQuery(_compile(node, patterns, True), patterns)
