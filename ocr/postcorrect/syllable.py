"""The closed structure of Vietnamese syllables: onset + rhyme + tone, spelling, tone marks."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "FINALS",
    "ONSETS",
    "RHYMES",
    "TONES",
    "Syllable",
    "compose",
    "parse",
    "tone_vowel_index",
]

#: Tone marks as combining characters; index 0 is the level tone (no mark).
TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")

ONSETS = frozenset(
    "b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x".split()) | {""}

FINALS = ("ch", "ng", "nh", "c", "m", "n", "p", "t", "i", "y", "o", "u", "")

_RHYMES = """
a ai ao au ay ac ach am an ang anh ap at
ăc ăm ăn ăng ăp ăt
âu ây âc âm ân âng âp ât
e eo ec em en eng ep et
ê êu êch êm ên ênh êp êt
i ia iu ich im in inh ip it
iêu iêc iêm iên iêng iêp iêt
y yêu yêm yên yêng yêt
o oi oc om on ong op ot ooc oong
oa oai oao oay oac oach oam oan oang oanh oap oat
oăc oăm oăn oăng oăt
oe oeo oen oet
ô ôi ôc ôm ôn ông ôp ôt
ơ ơi ơm ơn ơp ơt
u ua ui uc um un ung up ut
uâ uân uâng uât uây
uê uên uêt uêch uênh
uôi uôc uôm uôn uông uôt
uơ
uy uya uyu uych uynh uyt uyn uyên uyêt
ư ưa ưi ưu ưc ưm ưn ưng ưt
ươi ươu ươc ươm ươn ương ươp ươt
"""

#: Every rhyme (vowel nucleus with glide and final), written without a tone mark.
RHYMES = frozenset(_RHYMES.split())

_STOP_FINALS = ("c", "ch", "p", "t")
_VOWELS = set("aăâeêioôơuưy")
_FRONT = ("i", "e", "ê", "y")


@dataclass(frozen=True, slots=True)
class Syllable:
    """A lower-case syllable split into parts (rhyme as spelled after the onset)."""

    onset: str
    rhyme: str
    tone: int


def _strip_tone(word: str) -> tuple[str, int] | None:
    """Lower-case NFC base letters and the tone index, or None when more than one tone."""
    tone, kept = 0, []
    for ch in unicodedata.normalize("NFD", word.lower()):
        if ch in TONES[1:]:
            if tone:
                return None
            tone = TONES.index(ch)
        else:
            kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept)), tone


def _rhyme_ok(onset: str, rhyme: str, tone: int) -> bool:
    if onset == "qu":  # qu + a/ă/e is spelled for the rhymes oa/oă/oe (quang, quăn, quen)
        full = "o" + rhyme if rhyme[:1] in ("a", "ă", "e") else "u" + rhyme
    elif onset == "gi" and (not rhyme or rhyme[0] not in _VOWELS or rhyme.startswith("ê")):
        full = "i" + rhyme
    else:
        full = rhyme
    if full not in RHYMES:
        return False
    if tone not in (0, 2, 5) and full.endswith(_STOP_FINALS):
        return False
    if tone == 0 and full.endswith(_STOP_FINALS):
        return False
    if full.startswith("yê") and onset not in ("",):
        return False
    if onset in ("k", "gh", "ngh") and not full.startswith(_FRONT):
        return False
    if onset in ("c", "g", "ng") and full.startswith(("i", "e", "ê")) and onset != "g":
        return False
    if onset == "g" and full.startswith(("e", "ê")):
        return False
    if onset == "" and full.startswith("iê"):
        return False
    return not (onset == "c" and full.startswith("y"))


@lru_cache(maxsize=65536)
def parse(word: str) -> Syllable | None:
    """Split a word into onset, rhyme and tone if it is a valid Vietnamese syllable.

    Case is ignored; tone mark placement is not checked (see :func:`compose`).

    Args:
        word: One token of letters.

    Returns:
        The syllable, or None when the word is not a Vietnamese syllable.
    """
    stripped = _strip_tone(word)
    if stripped is None or not stripped[0]:
        return None
    base, tone = stripped
    for n in (3, 2, 1, 0):
        onset, rhyme = base[:n], base[n:]
        if onset in ONSETS and _rhyme_ok(onset, rhyme, tone):
            if onset == "gi" or onset == "qu" or rhyme:
                return Syllable(onset, rhyme, tone)
    return None


def tone_vowel_index(onset: str, rhyme: str, style: str = "old") -> int:
    """Index in ``rhyme`` of the vowel that carries the tone mark.

    Args:
        onset: The onset (``qu`` and ``gi`` count their ``u``/``i`` as consonant).
        rhyme: The rhyme without tone.
        style: ``"old"`` (hòa, thủy) or ``"new"`` (hoà, thuỷ) for open oa/oe/uy.

    Returns:
        The index, or -1 when the rhyme has no vowel.
    """
    vowels = [i for i, c in enumerate(rhyme) if c in _VOWELS]
    if not vowels:
        return -1
    for i in vowels:  # a vowel with a quality mark takes the tone (ơ in ươ takes it)
        if rhyme[i] in "ăâêôơư":
            if rhyme[i] == "ư" and i + 1 < len(rhyme) and rhyme[i + 1] == "ơ":
                return i + 1
            return i
    run = [i for i in vowels if i <= vowels[0] + 2]
    run = [i for j, i in enumerate(run) if i == vowels[0] + j]
    closed = run[-1] + 1 < len(rhyme)
    if len(run) == 1:
        return run[0]
    if len(run) == 3 or closed:
        return run[1]
    pair = rhyme[run[0]:run[1] + 1]
    if pair in ("oa", "oe", "uy"):
        return run[1] if style == "new" else run[0]
    if pair in ("ia", "ua", "ưa") or pair.startswith(("a", "e", "o", "u", "i", "ơ")):
        return run[0]
    return run[0]


def compose(onset: str, rhyme: str, tone: int, style: str = "old") -> str:
    """Write a lower-case syllable with its tone mark on the conventional vowel.

    Args:
        onset: Onset consonant(s).
        rhyme: Rhyme without tone.
        tone: Index into :data:`TONES`.
        style: Tone placement convention, ``"old"`` or ``"new"``.

    Returns:
        The NFC syllable.
    """
    if tone == 0:
        return onset + rhyme
    i = tone_vowel_index(onset, rhyme, style)
    if i < 0 and onset == "gi":  # gì, gìn: the i of the onset carries the tone
        return unicodedata.normalize("NFC", "gi" + TONES[tone] + rhyme)
    if i < 0:
        return onset + rhyme
    nfd = unicodedata.normalize("NFD", rhyme[i]) + TONES[tone]
    marked = unicodedata.normalize("NFC", nfd)
    return unicodedata.normalize("NFC", onset + rhyme[:i] + marked + rhyme[i + 1:])
