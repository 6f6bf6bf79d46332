"""The one clock of the app: Vietnam time (UTC+7, no daylight saving) for every timestamp."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

__all__ = ["VN_TZ", "now_iso", "now_vn"]

VN_TZ = timezone(timedelta(hours=7))
"""Vietnam's time zone (no daylight saving)."""


def now_iso() -> str:
    """The current Vietnam time as ISO 8601 to the second, e.g. ``2026-11-25T17:05:00+07:00``."""
    return datetime.now(VN_TZ).isoformat(timespec="seconds")


def now_vn() -> datetime:
    """The current Vietnam time to the second, as stored in records and logs."""
    return datetime.now(VN_TZ).replace(microsecond=0)
