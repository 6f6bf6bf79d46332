"""Numbers, percentages and dates as the user's language writes them (vi: 1.234,5 — 08/06/2022)."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QLocale

from ui.i18n import lang

__all__ = ["day", "number", "percent", "when"]


def _locale() -> QLocale:
    return QLocale(QLocale.Language.Vietnamese if lang() == "vi" else QLocale.Language.English)


def number(n: float, decimals: int = 0) -> str:
    """``1234.5`` → ``1.234,5`` (vi) or ``1,234.5`` (en)."""
    loc = _locale()
    return loc.toString(int(n)) if decimals == 0 else loc.toString(float(n), "f", decimals)


def percent(p: float, decimals: int = 1) -> str:
    """``100.0`` → ``100 %`` (vi) / ``100%`` (en); a whole number shows no decimals."""
    text = number(p, 0 if float(p).is_integer() else decimals)
    return f"{text} %" if lang() == "vi" else f"{text}%"


def day(value: str | date | datetime | None) -> str:
    """An ISO date (or datetime) as ``dd/mm/yyyy`` (vi) or ``yyyy-mm-dd`` (en); '' if none."""
    if not value:
        return ""
    try:
        d = value if isinstance(value, date) else datetime.fromisoformat(str(value)[:19])
    except ValueError:
        return str(value)
    return d.strftime("%d/%m/%Y") if lang() == "vi" else d.strftime("%Y-%m-%d")


def when(value: str | datetime | None) -> str:
    """An ISO timestamp as ``dd/mm/yyyy HH:MM`` (vi) or ``yyyy-mm-dd HH:MM`` (en)."""
    if not value:
        return ""
    try:
        d = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return d.strftime("%d/%m/%Y %H:%M") if lang() == "vi" else d.strftime("%Y-%m-%d %H:%M")
