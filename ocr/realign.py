"""Put a reviewer's corrected page text onto the OCR word boxes, for the PDF's text layer.

The corrected text is compared word by word with what was read (``difflib``): unchanged words
keep their boxes; replaced runs share the boxes of the words they replace (each box split in
proportion to the characters it receives); inserted words share the box of a neighbour;
deleted words go. The result is an :class:`~ocr.model.OcrPage` whose words spell the corrected
text in reading order, so a search or a copy from the PDF gives what the reviewer typed.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from difflib import SequenceMatcher

from ocr.model import OcrPage, OcrWord

__all__ = ["with_text"]


def _spread(tokens: list[str], box: OcrWord) -> list[OcrWord]:
    """``tokens`` laid side by side over ``box``, widths in proportion to their length."""
    total = sum(len(t) for t in tokens) + max(0, len(tokens) - 1)
    out, x = [], box.left
    for i, t in enumerate(tokens):
        share = (len(t) + (1 if i + 1 < len(tokens) else 0)) / total if total else 1.0
        w = max(1, round(box.width * share))
        if i + 1 == len(tokens):
            w = max(1, box.left + box.width - x)
        out.append(dataclasses.replace(box, text=t, left=x, width=w, conf=100.0,
                                       low_confidence=False, raw=box.text))
        x += w
    return out


def _chunks(tokens: list[str], boxes: list[OcrWord]) -> list[list[str]]:
    """Cut ``tokens`` into ``len(boxes)`` runs in proportion to the boxes' text lengths."""
    if len(tokens) == len(boxes):
        return [[t] for t in tokens]
    weights = [max(1, len(b.text)) for b in boxes]
    total, acc, cuts = sum(weights), 0, []
    for wgt in weights[:-1]:
        acc += wgt
        cuts.append(round(len(tokens) * acc / total))
    bounds = [0, *cuts, len(tokens)]
    return [tokens[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]


def with_text(page: OcrPage, text: str) -> OcrPage:
    """``page`` with its words made to spell ``text`` (a corrected page text).

    Args:
        page: The page as read (words with boxes).
        text: The corrected text of the whole page.

    Returns:
        A new page: ``text`` as its text and words carrying the corrected tokens on the
        nearest boxes. A page without words is returned with only its text replaced.
    """
    text = unicodedata.normalize("NFC", text)
    old = [w for w in page.words if w.text.strip()]
    new = text.split()
    if not old:
        return dataclasses.replace(page, text=text)
    words: list[OcrWord] = []
    pending: list[str] = []  # inserted before the first kept box
    ops = SequenceMatcher(None, [w.text for w in old], new, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            for w in old[i1:i2]:
                words.extend(_spread([*pending, w.text], w) if pending else [w])
                pending = []
        elif tag == "replace":
            for box, run in zip(old[i1:i2], _chunks(new[j1:j2], old[i1:i2]), strict=True):
                run = [*pending, *run]
                pending = []
                if run:
                    words.extend(_spread(run, box))
        elif tag == "insert":
            if words:  # share the previous word's box
                prev = words.pop()
                words.extend(_spread([prev.text, *new[j1:j2]], prev))
            else:
                pending.extend(new[j1:j2])
        # "delete": the words read there are gone from the text
    if pending:  # only insertions and deletions: spread over the first box
        words = _spread(pending, old[0]) + words
    return dataclasses.replace(page, text=text, words=tuple(words))
