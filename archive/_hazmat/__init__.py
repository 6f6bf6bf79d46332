"""Hazmat: private cryptographic building blocks of the archive (not for use outside it)."""

from __future__ import annotations

__all__: list[str] = []
