"""Syllable-aware OCR correction: repair tokens that are no Vietnamese syllable.

A token is only changed when all of these hold: Tesseract was not sure of it (confidence under
a threshold), it is no valid syllable, it looks like a damaged Vietnamese syllable (it carries a
Vietnamese mark, or it has Vietnamese onset/final shape), and exactly one valid syllable — or a
clearly most frequent one — lies one OCR edit away (a tone or vowel mark, or a known glyph
confusion such as ``li``→``h``, ``rn``→``m``, ``ừ``→``tr``). Numbers, codes (``15/QĐ-UBND``),
abbreviations and foreign words never qualify.

A second, context step repairs valid syllables with a wrong mark (``KIẾM SÁT``→``KIỂM SÁT``),
however sure Tesseract was of them: only when the word was never seen beside either neighbour
in the bundled administrative text, and exactly one variant with other marks was seen beside
both (at a phrase edge, or beside a neighbour never seen with any variant: repeatedly beside
the other one).
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources

from ocr.postcorrect.glyphs import fix_lookalikes
from ocr.postcorrect.normalize import _apply_case, normalize, normalize_word, split_token
from ocr.postcorrect.syllable import TONES, compose, parse

__all__ = [
    "CORRECT_BELOW",
    "bigrams",
    "candidates",
    "correct",
    "correct_tokens",
    "frequency",
    "is_syllable",
]

#: Only words recognised with a confidence (0..100) below this are corrected.
CORRECT_BELOW = 92.0
#: At a phrase edge (one neighbour only) the variant must be seen this often beside it.
EDGE_PAIRS = 2
#: Where one neighbour was never seen beside any mark variant of a word (no evidence either
#: way), the other one decides when it shows the variant this often (2 changed three words
#: of real ground truth: ``Tây Ninh`` -> ``Tại``, ``quí`` -> ``quý``; 3 none).
ONE_SIDE_PAIRS = 3
#: Two neighbours wrong together change only to a pair of variants seen this often.
JOINT_PAIRS = 2
#: The context repair looks at words read with a confidence under this, i.e. at all of them:
#: the fast ``vie`` model is sure of the marks it drops (of 303 words of the real sets that
#: were wrong only in their marks, 162 were read with confidence >= 92: ``kiêm soát`` 96.8,
#: ``sô`` 96.8, ``thâm quyền`` 96.6), and the repair asks the bundled text, not Tesseract.
CONTEXT_BELOW = 101.0

_VARIANTS = {"a": "aăâ", "ă": "aăâ", "â": "aăâ", "e": "eê", "ê": "eê", "o": "oôơ", "ô": "oôơ",
             "ơ": "oôơ", "u": "uư", "ư": "uư", "i": "iy", "y": "iy", "d": "dđ", "đ": "dđ"}
#: Glyph confusions of Tesseract on Vietnamese print: (read, meant), compared without tones.
_CONFUSIONS = (("li", "h"), ("h", "li"), ("rn", "m"), ("m", "rn"), ("ri", "n"), ("cl", "d"),
               ("ư", "tr"), ("u", "n"), ("n", "u"), ("c", "e"), ("e", "c"), ("l", "i"),
               ("i", "l"), ("1", "l"), ("0", "o"), ("q", "g"), ("g", "q"), ("f", "t"),
               ("ü", "ũ"), ("ö", "ô"), ("é", "ế"), ("è", "ề"))
_NO_DIAERESIS = str.maketrans({"ÿ": "y", "Ÿ": "Y"})
#: A dash standing alone that the ``vie`` model misreads: office text sets list items and
#: ranges with the en dash ``–`` (or the hyphen, which Tesseract reads right); it reads the en
#: dash as an em dash ``—`` or a tilde ``~``, neither of which the real sets' text uses.
_LONE_DASHES = {"—": "–", "~": "–"}
#: A number, a date or a code as a neighbour: ``năm 2017``, ``số 61/2018/NĐ-CP``.
NUMBER = "#"
#: Finals after which a syllable takes only the sắc or nặng tone (``kết``, ``hết``; never ``kêt``).
_STOPS = ("p", "t", "c", "ch")
_VI_MARKS = set("ăâêôơưđ") | set(TONES[1:])
_LETTERS = set("abcdđeghiklmnopqrstuvxyăâêôơư")


def _key(core: str) -> str | None:
    """What a token counts as beside its neighbours: its syllable (lower case), :data:`NUMBER`
    for a number, a date or a code led by a digit, or None (no word)."""
    if core[:1].isdigit():
        return NUMBER
    return core.lower() if core and parse(core) is not None else None


def _corpus_lines() -> list[list[str | None]]:
    """Lower-case syllables per line of the bundled text; None where a phrase breaks."""
    text = resources.files("ocr.postcorrect").joinpath("data/corpus_vi.txt").read_text("utf-8")
    lines = []
    for line in normalize(text, "old").splitlines():
        seq: list[str | None] = []
        for tok in line.split():
            lead, core, trail = split_token(tok)
            key = _key(core)
            if lead or key is None:
                seq.append(None)
            seq.append(key)
            if trail:
                seq.append(None)
        lines.append(seq)
    return lines


@lru_cache(maxsize=1)
def frequency() -> Counter[str]:
    """Syllable frequencies (lower case, NFC) of the bundled administrative text."""
    return Counter(s for line in _corpus_lines() for s in line if s and s != NUMBER)


@lru_cache(maxsize=1)
def bigrams() -> Counter[tuple[str, str]]:
    """Counts of adjacent syllable pairs (within a phrase) of the bundled text."""
    out: Counter[tuple[str, str]] = Counter()
    for line in _corpus_lines():
        for a, b in zip(line, line[1:]):
            if a and b:
                out[(a, b)] += 1
    return out


def is_syllable(word: str) -> bool:
    """True when ``word`` is a valid Vietnamese syllable (any case, any tone placement)."""
    return parse(word) is not None


def _untoned(word: str) -> tuple[str, int]:
    tone, kept = 0, []
    for ch in unicodedata.normalize("NFD", word):
        if ch in TONES[1:]:
            tone = TONES.index(ch)
        else:
            kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept)), tone


def _compose_probe(base: str) -> str:
    """``base`` with a sắc tone (admissible on every rhyme), to find its onset/rhyme split."""
    nfd = unicodedata.normalize("NFD", base)
    for i, ch in enumerate(nfd):
        if ch in "aeiouy":
            return unicodedata.normalize("NFC", nfd[:i + 1] + TONES[2] + nfd[i + 1:])
    return base


def _with_tone(base: str, tone: int) -> Iterable[str]:
    """Valid syllables spelled ``base`` with ``tone`` (tone placed by rule)."""
    syl = parse(_compose_probe(base))
    if syl is not None:
        word = compose(syl.onset, syl.rhyme, tone)
        if parse(word) is not None:
            yield word


def _base_edits(base: str) -> set[str]:
    """Bases one mark change or one glyph confusion away from ``base``."""
    out = set()
    for i, ch in enumerate(base):
        for alt in _VARIANTS.get(ch, ""):
            if alt != ch:
                out.add(base[:i] + alt + base[i + 1:])
    for read, meant in _CONFUSIONS:
        start = base.find(read)
        while start >= 0:
            out.add(base[:start] + meant + base[start + len(read):])
            start = base.find(read, start + 1)
    return out


def candidates(word: str) -> set[str]:
    """Valid syllables (lower case) one OCR edit away from an invalid ``word``.

    An edit is a tone change, a vowel/``đ`` mark change, or one glyph confusion.
    """
    lower = unicodedata.normalize("NFC", word.lower())
    base, tone = _untoned(lower)
    found: set[str] = set()
    for t in range(len(TONES)):  # tone changes (base kept)
        if t != tone:
            found.update(_with_tone(base, t))
    for alt in _base_edits(base):  # mark or glyph edits (tone kept)
        found.update(_with_tone(alt, tone))
    for read, meant in _CONFUSIONS:  # a glyph confusion that also produced a stray tone (ừ)
        if tone and read in base and len(meant) > len(read):
            found.update(_with_tone(base.replace(read, meant, 1), 0))
    return found


def _eligible(core: str) -> bool:
    if len(core) < 2 or not core.isalpha() or is_syllable(core):
        return False
    if not (core.islower() or core.isupper() or core.istitle()):
        return False  # mixed case (TTr, iPhone): codes and names
    lower = core.lower()
    if _VI_MARKS & (set(unicodedata.normalize("NFD", lower)) | set(lower)):
        return True
    if core.isupper():
        return False  # capitals without Vietnamese marks: an abbreviation (UBND, VKSTC)
    return set(lower) <= _LETTERS and not _looks_foreign(lower)


def _looks_foreign(lower: str) -> bool:
    return any(c in lower for c in "fjwz") or lower.endswith(("e", "s", "l", "r", "d", "b"))


def _choose(options: set[str]) -> str | None:
    if not options:
        return None
    if len(options) == 1:
        return next(iter(options))
    freq = frequency()
    ranked = sorted(options, key=lambda s: -freq[s])
    if freq[ranked[0]] >= 2 and freq[ranked[0]] >= 3 * max(1, freq[ranked[1]]):
        return ranked[0]
    return None


def correct_word(word: str, conf: float = 0.0, tone_style: str = "old") -> str:
    """Correct one token (punctuation kept) if it is a damaged syllable read with low confidence.

    Args:
        word: One whitespace-free token.
        conf: Tesseract's confidence for it (0..100).
        tone_style: Tone placement of the result.

    Returns:
        The corrected (or unchanged, tone-normalised) token.
    """
    if word in _LONE_DASHES:
        return _LONE_DASHES[word]
    word = fix_lookalikes(word)
    lead, core, trail = split_token(word)
    # a y with a diaeresis is no Vietnamese letter: Tesseract reads "Bộ Y tế" as "Bộ Ÿ tế"
    core = core.translate(_NO_DIAERESIS)
    if core.strip("_"):  # a rule or underline cut by a word ("X_", "-__"); "____" stays
        core = core.strip("_")
    if (conf < CORRECT_BELOW or _lost_tone(core)) and _eligible(core):
        choice = _choose(candidates(core) if conf < CORRECT_BELOW else _stop_tones(core))
        if choice is not None:
            return lead + _apply_case(core, normalize_word(choice, tone_style)) + trail
    return lead + normalize_word(core, tone_style) + trail


def _lost_tone(core: str) -> bool:
    """A Vietnamese word (``ê``, ``ô``... in it) ending in p/t/c/ch with no tone: such a
    syllable has a sắc or nặng tone, so the model dropped it (``kêt quả``, ``hêt hạn``),
    however sure it was."""
    base, tone = _untoned(core.lower())
    return (not tone and base.endswith(_STOPS)
            and bool(_VI_MARKS & set(base)))


def _stop_tones(core: str) -> set[str]:
    base, _tone = _untoned(core.lower())
    return {w for t in (2, 5) for w in _with_tone(base, t)}


@lru_cache(maxsize=8192)
def _mark_variants(lower: str) -> frozenset[str]:
    """Valid syllables with the same letters as ``lower`` but other tone or vowel/đ marks."""
    base, _tone = _untoned(lower)
    bases = {""}
    for ch in base:
        bases = {b + alt for b in bases for alt in (_VARIANTS.get(ch) or ch)}
    found: set[str] = set()
    for b in bases:
        for t in range(len(TONES)):
            found.update(_with_tone(b, t))
    found.discard(lower)
    return frozenset(found)


def _in_context(tokens: list[str], confs: Sequence[float], tone_style: str) -> list[str]:
    """Fix valid-but-wrong syllables that a neighbour shows wrong (``KIẾM SÁT``→``KIỂM SÁT``).

    A token (read with confidence under :data:`CONTEXT_BELOW`) changes only when it is seen
    beside neither neighbour in the bundled text, and exactly one mark variant of it is seen
    beside both. At the edge of a phrase (line start or end, punctuation: ``sửa đôi, bô
    sung``) the one neighbour it has decides, when it shows the variant at least
    :data:`EDGE_PAIRS` times; so does one neighbour when the other was never seen beside any
    variant, if it shows the variant :data:`ONE_SIDE_PAIRS` times.
    """
    pairs = bigrams()
    parts = [split_token(t) for t in tokens]
    cores = [_key(c) for _, c, _ in parts]
    out = list(tokens)
    for i, (lead, core, trail) in enumerate(parts):
        if cores[i] is None or confs[i] >= CONTEXT_BELOW or not core.isalpha():
            continue
        prev = cores[i - 1] if i and not lead and not parts[i - 1][2] else None
        nxt = cores[i + 1] if i + 1 < len(parts) and not trail and not parts[i + 1][0] else None
        if (prev is None and nxt is None) or pairs[(prev, cores[i])] or pairs[(cores[i], nxt)]:
            continue
        # at a phrase edge one neighbour must show the variant more than once
        need = 1 if prev is not None and nxt is not None else EDGE_PAIRS
        variants = _mark_variants(cores[i])
        best = [v for v in variants
                if (prev is None or pairs[(prev, v)] >= need)
                and (nxt is None or pairs[(v, nxt)] >= need)]
        if not best and prev is not None and nxt is not None:
            # a neighbour the text never shows beside any variant is no evidence: the other
            # one decides (``đên kiêm soát`` -> ``kiểm``: ``kiểm soát`` seen, ``đến k...`` not)
            if not any(pairs[(prev, v)] for v in variants):
                best = [v for v in variants if pairs[(v, nxt)] >= ONE_SIDE_PAIRS]
            elif not any(pairs[(v, nxt)] for v in variants):
                best = [v for v in variants if pairs[(prev, v)] >= ONE_SIDE_PAIRS]
        if len(best) == 1:
            out[i] = lead + _apply_case(core, normalize_word(best[0], tone_style)) + trail
    return out


def _pairs_in_context(tokens: list[str], tone_style: str) -> list[str]:
    """Fix two neighbours wrong together (``sủa đôi`` -> ``sửa đổi``, ``thâm quyên`` ->
    ``thẩm quyền``), which :func:`_in_context` cannot: each one's only neighbour is wrong too.

    Two words change when neither, as read, occurs in the bundled text (``bị mất`` stays,
    though only ``bí mật`` was seen there), neither is seen beside its outer neighbour, and
    exactly one pair of their mark variants was seen at least :data:`JOINT_PAIRS` times.
    """
    pairs, freq = bigrams(), frequency()
    parts = [split_token(t) for t in tokens]
    cores = [c.lower() if c.isalpha() and parse(c) is not None else None for _, c, _ in parts]
    out = list(tokens)
    i = 0
    while i + 1 < len(parts):
        a, b = cores[i], cores[i + 1]
        if (a is None or b is None or parts[i][2] or parts[i + 1][0] or freq[a] or freq[b]):
            i += 1
            continue
        prev = cores[i - 1] if i and not parts[i][0] and not parts[i - 1][2] else None
        nxt = (cores[i + 2] if i + 2 < len(parts) and not parts[i + 1][2]
               and not parts[i + 2][0] else None)
        if (prev and pairs[(prev, a)]) or (nxt and pairs[(b, nxt)]):
            i += 1
            continue
        seen = [(pairs[(x, y)], x, y) for x in {a} | _mark_variants(a)
                for y in {b} | _mark_variants(b) if (x, y) != (a, b)]
        best = sorted((n, x, y) for n, x, y in seen if n >= JOINT_PAIRS)
        if len(best) == 1 or (len(best) > 1 and best[-1][0] >= 3 * best[-2][0]):
            _, x, y = best[-1]
            for k, new in ((i, x), (i + 1, y)):
                lead, core, trail = parts[k]
                out[k] = lead + _apply_case(core, normalize_word(new, tone_style)) + trail
            i += 2
            continue
        i += 1
    return out


def correct_tokens(tokens: Sequence[str], confs: Sequence[float] | None = None, *,
                   tone_style: str = "old") -> list[str]:
    """Correct the tokens of one line.

    Args:
        tokens: Whitespace-free tokens in reading order.
        confs: Tesseract confidences (0..100) per token; ``None`` treats every token as unsure.
        tone_style: ``"old"``, ``"new"`` or ``"keep"``.

    Returns:
        One corrected token per input token.
    """
    confs = confs if confs is not None else [0.0] * len(tokens)
    words = [correct_word(t, c, tone_style) for t, c in zip(tokens, confs, strict=True)]
    words = _pairs_in_context(_in_context(words, confs, tone_style), tone_style)
    return _in_context(words, confs, tone_style)


def correct(text: str, confs: Sequence[float] | None = None, *, tone_style: str = "old") -> str:
    """Normalise and correct a text (line breaks kept).

    Args:
        text: OCR text.
        confs: Confidence per whitespace-separated token, in order; ``None``: all unsure.
        tone_style: ``"old"``, ``"new"`` or ``"keep"``.

    Returns:
        The corrected NFC text.
    """
    lines = normalize(text, tone_style).split("\n")
    flat = iter(confs) if confs is not None else None
    out = []
    for line in lines:
        toks = line.split()
        cs = [next(flat, 0.0) for _ in toks] if flat is not None else None
        out.append(" ".join(correct_tokens(toks, cs, tone_style=tone_style)))
    return "\n".join(out)
