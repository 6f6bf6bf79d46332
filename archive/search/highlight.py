"""Highlighting search hits: a snippet of the page text with «marked» words, and their boxes."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence

from archive.search.textfold import fold, fold_token, token_spans, tokens

__all__ = ["boxes_for", "match_positions", "snippet_for"]

Pattern = tuple[tuple[str, ...], bool]
_SNIPPET_TOKENS = 28


def match_positions(folded: Sequence[str], patterns: Sequence[Pattern]) -> set[int]:
    """Indexes of the tokens matched by any pattern (a run of folded syllables, last a prefix).

    Args:
        folded: The folded tokens of a text, in order.
        patterns: (syllables, last-is-prefix) pairs from the compiled query.

    Returns:
        The positions of every token that is part of a match.
    """
    hit: set[int] = set()
    for seq, prefix in patterns:
        n = len(seq)
        if not n:
            continue
        for i in range(len(folded) - n + 1):
            if folded[i] != seq[0] and not (n == 1 and prefix and folded[i].startswith(seq[0])):
                continue
            ok = all(folded[i + k] == seq[k] for k in range(1, n - 1 if prefix else n))
            if ok and n > 1 and prefix:
                ok = folded[i + n - 1].startswith(seq[-1])
            if ok:
                hit.update(range(i, i + n))
    return hit


def snippet_for(text: str, patterns: Sequence[Pattern], width: int = _SNIPPET_TOKENS) -> str:
    """About ``width`` words of ``text`` around its densest matches, matched words «marked».

    Args:
        text: The page text (any normalisation; NFC is used).
        patterns: Folded patterns from the compiled query.
        width: Words in the snippet.

    Returns:
        The snippet, with "…" where text was cut ("" for an empty page).
    """
    text = unicodedata.normalize("NFC", text)
    spans = token_spans(text)
    if not spans:
        return ""
    whole = fold(text)  # one char per NFC char for Vietnamese: the spans still apply
    if len(whole) == len(text):
        folded = [whole[a:b] for a, b in spans]
    else:
        folded = [fold_token(text[a:b].lower()) for a, b in spans]
    hit = sorted(match_positions(folded, patterns))
    start = 0
    if hit:  # the window of `width` tokens holding most hits
        best, j = -1, 0
        for i, h in enumerate(hit):
            while hit[j] < h - width + 1:
                j += 1
            if i - j + 1 > best:
                best, start = i - j + 1, max(0, hit[j] - 3)
    end = min(len(spans), start + width)
    start = max(0, min(start, end - width))
    marks = set(hit)
    out, pos = [], spans[start][0]
    for k in range(start, end):
        a, b = spans[k]
        out.append(text[pos:a])
        out.append(f"«{text[a:b]}»" if k in marks else text[a:b])
        pos = b
    body = "".join(out).replace("»«", "").replace("» «", " ")
    body = " ".join(body.split())
    return ("… " if start > 0 else "") + body + (" …" if end < len(spans) else "")


def boxes_for(ocr_json: str | None, patterns: Sequence[Pattern]) -> list[tuple[int, int, int, int]]:
    """Boxes (left, top, width, height) of the OCR words that take part in a match.

    Args:
        ocr_json: ``pages.ocr``: the JSON of an ``OcrPage`` with its ``words``.
        patterns: Folded patterns from the compiled query.

    Returns:
        The boxes in reading order (empty when the page has no OCR words).
    """
    if not ocr_json:
        return []
    try:
        words = json.loads(ocr_json).get("words") or []
    except (ValueError, AttributeError):
        return []
    folded: list[str] = []
    owner: list[int] = []
    for w_i, w in enumerate(words):
        for t in tokens(str(w.get("text") or "")):
            folded.append(fold_token(t))
            owner.append(w_i)
    out: list[tuple[int, int, int, int]] = []
    seen: set[int] = set()
    for k in sorted(match_positions(folded, patterns)):
        w_i = owner[k]
        if w_i in seen:
            continue
        seen.add(w_i)
        w = words[w_i]
        try:
            out.append((int(w["left"]), int(w["top"]), int(w["width"]), int(w["height"])))
        except (KeyError, TypeError, ValueError):
            continue
    return out
