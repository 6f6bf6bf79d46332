"""The TT 05/2025 code lists and NĐ 30/2020 type abbreviations, loaded from ``codes.json``."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from digitize.errors import ValidationError
from digitize.metadata.normalize import fold

__all__ = ["LISTS", "abbreviation", "code_for", "label", "lists", "options", "type_for_abbreviation"]

_PATH = Path(__file__).with_name("codes.json")

#: Names of the code lists of DESIGN section 5 (plus riskRecovery, secrecy, urgency).
LISTS = ("maintenance", "mode", "language", "confidenceLevel", "format", "typeName",
         "riskRecovery", "riskRecoveryStatus", "secrecy", "urgency")


@lru_cache(maxsize=1)
def lists() -> dict[str, dict[str, str]]:
    """All tables of ``codes.json`` (code lists and abbreviation tables), read once."""
    with _PATH.open(encoding="utf-8") as fh:
        data = json.load(fh)
    return {k: v for k, v in data.items() if not k.startswith("_")}


def _table(list_name: str) -> dict[str, str]:
    try:
        return lists()[list_name]
    except KeyError:
        raise ValidationError(f"unknown code list {list_name!r}") from None


def label(list_name: str, code: str) -> str:
    """The Vietnamese label of ``code`` in ``list_name``.

    Args:
        list_name: e.g. ``"typeName"``.
        code: e.g. ``"02"``.

    Returns:
        e.g. ``"Quyết định"``.

    Raises:
        ValidationError: Unknown list or code.
    """
    table = _table(list_name)
    if code not in table:
        raise ValidationError(f"{code!r} is not a code of {list_name}")
    return table[code]


def code_for(list_name: str, text: str) -> str | None:
    """The code whose label (or code) matches ``text``, ignoring case and diacritics.

    Args:
        list_name: e.g. ``"typeName"``.
        text: A label such as ``"QUYẾT ĐỊNH"``, ``"quyet dinh"`` or a code ``"02"``.

    Returns:
        The code, or ``None`` when nothing matches.
    """
    table = _table(list_name)
    if text in table:
        return text
    key = fold(text).replace("–", "-")
    for code, lab in table.items():
        if fold(lab).replace("–", "-") == key or fold(code) == key:
            return code
    return None


def options(list_name: str) -> list[tuple[str, str]]:
    """``(code, label)`` pairs of a list, in code order (for combo boxes)."""
    return list(_table(list_name).items())


def abbreviation(type_code: str, *, party: bool = False) -> str | None:
    """The NĐ 30/2020 Phụ lục III (or Party) abbreviation of a ``typeName`` code, e.g. ``QĐ``."""
    table = lists()["partyTypeAbbreviation" if party else "typeAbbreviation"]
    return table.get(type_code)


def type_for_abbreviation(abbr: str) -> str | None:
    """The ``typeName`` code of an abbreviation such as ``QĐ``, ``TTr`` or ``QD`` (OCR-folded)."""
    key = fold(abbr)
    for name in ("typeAbbreviation", "partyTypeAbbreviation"):
        for code, ab in lists()[name].items():
            if ab == abbr:
                return code
    for name in ("typeAbbreviation", "partyTypeAbbreviation"):
        for code, ab in lists()[name].items():
            if fold(ab) == key:
                return code
    if key in ("KL", "TT"):
        return "32"
    return None
