"""Minimum strength of every new secret: passwords, archive and backup passphrases."""

from __future__ import annotations

import unicodedata

from archive.errors import WeakSecret

__all__ = ["MIN_LENGTH", "check_secret"]

#: Characters (after NFC) that a new password or passphrase needs at least.
MIN_LENGTH = 12
_COMMON = frozenset({"123456789012", "matkhau12345", "password1234", "qwertyuiop12",
                     "123456123456", "abc123abc123", "matkhaumoi123", "admin1234567"})
_WHAT = {"password": ("Mật khẩu", "password"), "passphrase": ("Cụm mật khẩu", "passphrase"),
         "backup": ("Cụm mật khẩu sao lưu", "backup passphrase")}


def check_secret(value: str, what: str = "password", *, user: str = "") -> None:
    """Refuse a new secret that is too short, one repeated character, common, or the user name.

    Args:
        value: The new secret.
        what: ``password``, ``passphrase`` or ``backup`` (names it in the message).
        user: The account's name, which the password must not merely repeat.

    Raises:
        WeakSecret: with a Vietnamese and English message naming the rule.
    """
    text = unicodedata.normalize("NFC", value)
    folded = text.casefold().replace(" ", "")
    vi, en = _WHAT.get(what, _WHAT["password"])
    if (len(text) < MIN_LENGTH or len(set(folded)) < 4 or folded in _COMMON
            or (user and folded.startswith(user.casefold()) and len(folded) - len(user) < 6)):
        raise WeakSecret(what=vi, what_en=en, min=MIN_LENGTH)
