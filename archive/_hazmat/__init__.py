"""Hazmat: private cryptographic building blocks of the archive (not for use outside ``archive``)."""

from __future__ import annotations

__all__: list[str] = []
