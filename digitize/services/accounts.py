"""``ws.accounts``: the archive's local accounts — list, create, disable, reset, change one's own
password. Role-checked here, in the core, so the GUI and the command line obey the same rules;
the accounts file itself (``accounts.json``, Argon2id-wrapped keys) is :mod:`archive.accounts`.
"""

from __future__ import annotations

from archive.accounts import Account
from archive.accounts import Accounts as AccountsFile
from archive.keystore import Keystore
from digitize.errors import PermissionDenied
from digitize.roles import require
from digitize.store.vault import Vault

__all__ = ["Account", "Accounts"]


class Accounts:
    """Account management on one vault; changes other than one's own password need the
    ``accounts`` role (admins), and each is written to the audit log."""

    def __init__(self, vault: Vault) -> None:
        self._v = vault
        self._file: AccountsFile | None = None

    def _acc(self) -> AccountsFile:
        if self._file is None:
            self._file = AccountsFile(self._v.root)
        return self._file

    def _secrets(self) -> bytes:
        """The office secrets that sign the accounts file (an admin's keystore only)."""
        keys = self._v.keys
        if not isinstance(keys, Keystore):
            raise PermissionDenied(user=self._v.actor, role=self._v.role or "",
                                   action="accounts")
        return keys.secrets

    def list(self) -> list[Account]:
        """All accounts, by user name (admin)."""
        require(self._v, "accounts")
        return self._acc().list()

    def add(self, username: str, password: str, role: str) -> Account:
        """Create an account (admin); the user changes the password at first sign-in.

        Raises:
            PermissionDenied: not an admin.
            AccountExists, InvalidUsername, WeakSecret: see :mod:`archive.accounts`.
        """
        require(self._v, "accounts")
        account = self._acc().add(username, password, role, self._secrets())
        self._v.log("account.create", None, {"user": account.username, "role": role})
        return account

    def set_disabled(self, username: str, disabled: bool) -> None:
        """Disable or re-enable an account (admin); the last active admin stays."""
        require(self._v, "accounts")
        self._acc().set_disabled(username, disabled, self._secrets())
        self._v.log("account.disable" if disabled else "account.enable", None,
                    {"user": username})

    def reset_password(self, username: str, new_password: str, *,
                       role: str | None = None, enable: bool = False) -> None:
        """Set another user's password and optionally role (admin); ``enable`` also lifts a
        disabled account (the command line's ``accounts reset``)."""
        require(self._v, "accounts")
        self._acc().reset_password(username, new_password, self._secrets(), role=role)
        if enable:
            self._acc().set_disabled(username, False, self._secrets())
        self._v.log("account.reset", None, {"user": username, "role": role or ""})

    def change_password(self, username: str, old: str, new: str) -> None:
        """A user changes their own password (needs the old one, no role)."""
        self._acc().change_password(username, old, new)
        self._v.log("account.password", None, {"user": username})
