"""The search query language, compiled to safe FTS5 expressions over the search index.

Words, "phrases", prefix*, AND/OR/NOT (upper case), -word, (groups) and notations
(``15/QĐ-UBND``). Every term reaches FTS5 only as a double-quoted token of letters, digits and
``_`` that this module built, so no user input can break FTS5 syntax; stray quotes, brackets
and operators are repaired, and a query with nothing to look for raises ``SearchQueryError``.

Three expressions come out (see :mod:`archive.search` for how they rank):

- ``expr`` matches: folded syllables, syllable bigrams for phrases (``"_quyet_dinh"``), the
  notation key (``"__nk15qdubnd"``); a column filter is never needed, since each kind of token
  lives in its own columns;
- ``exact`` (when a positive word carries marks): the same query with the marked words as
  typed (``"má"``), so the pages that match with the diacritics typed can rank first;
- ``adjacent`` (when words are typed side by side): the same query that also needs the
  words adjacent and in order (their bigrams), so those pages can rank first.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from archive.errors import SearchQueryError
from archive.search.textfold import fold_token, normalize_notation, tokens

__all__ = ["CompiledQuery", "ScoreTerm", "compile_query"]

_LEX = re.compile(r'\s*(?:(?P<q>-?"[^"]*"?)|(?P<lp>\()|(?P<rp>\))|(?P<w>[^\s()"]+))')
_NOTATION = re.compile(r"^(?:s[ốo][:.]?)?\d+[\w.]*(?:[/\-–][\w.]+)+$", re.IGNORECASE)
_OPS = {"AND", "OR", "NOT"}
_MAX_DEPTH = 16
_MAX_TERMS = 64


@dataclass(frozen=True)
class ScoreTerm:
    """One positive term of a query, as the ranking sees it.

    Attributes:
        kind: ``word``, ``prefix``, ``phrase`` or ``notation``.
        folded: The folded index tokens whose presence means the term is there (a word's
            syllable, a phrase's bigrams, a notation key).
        exact: The marked syllables as typed (empty when nothing carries marks).
        required: Every match has this term (it is not under OR).
    """

    kind: str
    folded: tuple[str, ...]
    exact: tuple[str, ...]
    required: bool


@dataclass
class CompiledQuery:
    """FTS5 expressions, the positive terms and the token patterns to highlight."""

    expr: str | None
    patterns: list[tuple[tuple[str, ...], bool]] = field(default_factory=list)
    exact: str | None = None
    adjacent: str | None = None
    terms: list[ScoreTerm] = field(default_factory=list)


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


Expand = Callable[[str], list[str] | None]


class _Compiler:
    """Writes one of the three expressions (``mode``: match, exact or adjacent)."""

    def __init__(self, mode: str, expand: Expand | None) -> None:
        self.mode = mode
        self.expand = expand
        self.patterns: list[tuple[tuple[str, ...], bool]] = []
        self.terms: list[ScoreTerm] = []
        self.changed = False  # the expression differs from the match expression

    def term(self, t: _Term, positive: bool, required: bool) -> str:
        folded = [fold_token(x) for x in t.toks]
        exact = positive and self.mode == "exact"
        marked = tuple(dict.fromkeys(a for a, c in zip(t.toks, folded, strict=True) if a != c))
        if t.kind == "notation":
            key, star = t.toks[0], t.toks[1]
            if positive:
                self.patterns.append((tuple(fold_token(x) for x in t.toks[2:]), bool(star)))
                self.terms.append(ScoreTerm("notation", ("__nk" + key,), (), required))
            return _q("__nk" + key) + (" *" if star else "")
        if positive:
            self.patterns.append((tuple(folded), t.kind == "prefix"))
        if t.kind == "prefix":
            if positive:
                self.terms.append(ScoreTerm("prefix", (folded[0],), marked, required))
            words = self.expand(folded[0]) if self.expand else None
            if words is None:
                return f"{_q(folded[0])} *"
            return "(" + " OR ".join(_q(w) for w in words or ["__none"]) + ")"
        if t.kind == "word":
            if positive:
                self.terms.append(ScoreTerm("word", (folded[0],), marked, required))
            if exact and marked:
                self.changed = True
                return _q(t.toks[0])
            return _q(folded[0])
        pairs = [f"_{c}_{d}" for c, d in zip(folded, folded[1:], strict=False)]
        if positive:
            self.terms.append(ScoreTerm("phrase", tuple(pairs), marked, required))
        expr = "(" + " AND ".join(_q(p) for p in pairs) + ")"
        if exact and marked:
            self.changed = True
            expr = "(" + " AND ".join([_q(p) for p in pairs] + [_q(a) for a in marked]) + ")"
        return expr

    def node(self, node: object, positive: bool, required: bool) -> str:
        if isinstance(node, _Term):
            return self.term(node, positive, required)
        assert isinstance(node, tuple)
        if node[0] == "or":
            return "(" + " OR ".join(self.node(c, positive, False) for c in node[1]) + ")"
        _, pos, neg = node
        if not pos:
            raise SearchQueryError("NOT/-word needs a word to look for beside it")
        parts = [self.node(c, positive, required) for c in pos]
        words = [fold_token(c.toks[0]) for c in pos if isinstance(c, _Term) and c.kind == "word"]
        if self.mode == "adjacent" and positive and len(words) == len(pos) > 1:
            self.changed = True  # the typed words side by side, in order
            parts.append("(" + " AND ".join(
                _q(f"_{a}_{b}") for a, b in zip(words, words[1:], strict=False)) + ")")
        expr = "(" + " AND ".join(parts) + ")"
        if neg:
            expr += " NOT (" + " OR ".join(self.node(c, False, False) for c in neg) + ")"
        return f"({expr})" if neg else expr


def compile_query(text: str, expand: Expand | None = None) -> CompiledQuery:
    """Compile a user query to FTS5 expressions (``expr`` is None for an empty query).

    Args:
        text: The query as typed, with or without diacritics.
        expand: Gives the indexed words that start with a folded prefix (None: unknown, so
            FTS5 expands it itself, which merges every such word's whole list of pages).

    Returns:
        The expressions, the positive terms and the folded token patterns to highlight.

    Raises:
        SearchQueryError: The query only excludes, or is too deeply nested or too long.
    """
    parser = _Parser(_lex(text or ""))
    node = parser.parse()
    if isinstance(node, tuple) and node[0] == "and" and not node[1] and not node[2]:
        return CompiledQuery(None)
    match = _Compiler("match", expand)
    expr = match.node(node, True, True)
    out = CompiledQuery(expr, match.patterns, terms=match.terms)
    for mode in ("exact", "adjacent"):
        c = _Compiler(mode, expand)
        other = c.node(node, True, True)
        if c.changed:
            setattr(out, mode, other)
    return out
