"""Signing in with a local account: the session, its role checks and its inactivity lock."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archive.accounts import Account, Accounts
from archive.keys.strength import check_secret
from archive.keystore import Argon2Params, Keystore
from digitize.core import Workspace
from digitize.errors import PermissionDenied
from digitize.roles import ACTIONS, ROLES, can

__all__ = ["ACTIONS", "ROLES", "Account", "Session", "add_first_admin", "can", "has_accounts",
           "setup_archive", "sign_in"]

#: Minutes of inactivity after which the GUI locks (admin setting ``lock_minutes``).
DEFAULT_LOCK_MINUTES = 10


@dataclass
class Session:
    """A signed-in user on an unlocked archive.

    Attributes:
        root: The archive folder.
        workspace: The unlocked workspace (actor = user name, role = the account's role).
        user: User name.
        role: ``clerk``, ``archivist`` or ``admin``.
        must_change_password: The admin set this password; the user should change it.
        lock_after: Seconds of inactivity before :meth:`due_to_lock` turns true.
    """

    root: Path
    workspace: Workspace
    user: str
    role: str
    must_change_password: bool = False
    lock_after: float = DEFAULT_LOCK_MINUTES * 60.0
    clock: Callable[[], float] = time.monotonic
    _accounts: Accounts | None = field(default=None, repr=False)
    _last: float = 0.0
    locked: bool = False

    def __post_init__(self) -> None:
        self._last = self.clock()

    # roles --------------------------------------------------------------------------------
    def can(self, action: str) -> bool:
        """Whether this session's role may do ``action``."""
        return can(self.role, action)

    def require(self, action: str) -> None:
        """Raise :class:`PermissionDenied` unless the role may do ``action``."""
        if not self.can(action):
            raise PermissionDenied(user=self.user, role=self.role, action=action)

    # inactivity lock ----------------------------------------------------------------------
    def touch(self) -> None:
        """Note user activity (the GUI calls it on input events)."""
        self._last = self.clock()

    def idle_seconds(self) -> float:
        """Seconds since the last activity."""
        return self.clock() - self._last

    def due_to_lock(self) -> bool:
        """Whether the session should lock now (inactive for ``lock_after`` seconds)."""
        return not self.locked and self.lock_after > 0 and self.idle_seconds() >= self.lock_after

    def lock(self) -> None:
        """Lock: the GUI hides record content until :meth:`unlock` succeeds."""
        if not self.locked:
            self.locked = True
            self.workspace.log("session.lock", None, {"user": self.user})

    def unlock(self, password: str) -> None:
        """Unlock with the user's password.

        Raises:
            BadCredentials: wrong password (the session stays locked).
        """
        self._acc().unlock(self.user, password)  # one Argon2id: the password is checked
        self.locked = False
        self.touch()
        self.workspace.log("session.unlock", None, {"user": self.user})

    # accounts -----------------------------------------------------------------------------
    def _acc(self) -> Accounts:
        if self._accounts is None:
            self._accounts = Accounts(self.root)
        return self._accounts

    def accounts(self) -> list[Account]:
        """All accounts (admin); ``ws.accounts`` does the work and the role check."""
        return self.workspace.accounts.list()

    def add_account(self, username: str, password: str, role: str) -> Account:
        """Create an account (admin)."""
        return self.workspace.accounts.add(username, password, role)

    def set_disabled(self, username: str, disabled: bool) -> None:
        """Disable or re-enable an account (admin)."""
        self.workspace.accounts.set_disabled(username, disabled)

    def reset_password(self, username: str, new_password: str, *,
                       role: str | None = None) -> None:
        """Set another user's password and optionally role (admin)."""
        self.workspace.accounts.reset_password(username, new_password, role=role)

    def change_password(self, old: str, new: str) -> None:
        """Change this user's own password."""
        self.workspace.accounts.change_password(self.user, old, new)
        self.must_change_password = False

    def settings(self) -> dict[str, Any]:
        """Office settings shown to an admin (office, offline mode, lock minutes)."""
        cat = self.workspace.catalog
        return {"office": self.workspace.office,
                "offline_mode": bool(cat.get_setting("offline_mode", False)),
                "lock_minutes": int(cat.get_setting("lock_minutes", DEFAULT_LOCK_MINUTES))}

    def save_settings(self, *, offline_mode: bool, lock_minutes: int) -> None:
        """Store the admin settings (admin)."""
        self.require("settings")
        cat = self.workspace.catalog
        cat.set_setting("offline_mode", bool(offline_mode))
        cat.set_setting("lock_minutes", max(0, int(lock_minutes)))
        self.lock_after = max(0, int(lock_minutes)) * 60.0
        self.workspace.log("settings.change", None, {"offline_mode": bool(offline_mode),
                                                     "lock_minutes": int(lock_minutes)})

    def close(self) -> None:
        """Sign out: close the workspace (its keys go with it)."""
        self.workspace.log("session.sign_out", None, {"user": self.user})
        self.workspace.close()


def sign_in(root: Path, username: str, password: str, *,
            kdf_params: Argon2Params | None = None) -> Session:
    """Check the password, unlock the archive and open a session.

    Args:
        root: The archive folder.
        username: The account's name (case-insensitive).
        password: Its password.
        kdf_params: Argon2id costs for password changes made in this session.

    Raises:
        BadCredentials: unknown user, wrong password or disabled account.
        TamperedError: the accounts file or keystore was modified.
        ArchiveNotFound, ArchiveBusy: no archive at ``root`` or another writer holds it.
    """
    accounts = Accounts(root, kdf_params=kdf_params)
    ws = Workspace.sign_in(Path(root), username, password)
    account = accounts.get(ws.actor)
    minutes = int(ws.catalog.get_setting("lock_minutes", DEFAULT_LOCK_MINUTES))
    session = Session(Path(root), ws, account.username, account.role,
                      must_change_password=account.must_change, lock_after=minutes * 60.0,
                      _accounts=accounts)
    ws.log("session.sign_in", None, {"user": account.username, "role": account.role})
    return session


def setup_archive(root: Path, *, office_code: str, office_name: str, admin: str,
                  password: str, passphrase: str | None = None,
                  kdf_params: Argon2Params | None = None) -> tuple[Session, str]:
    """Create an archive and its first admin account, and sign that admin in.

    Args:
        root: The new archive folder.
        office_code: The office code (e.g. ``H47.01``).
        office_name: The office name.
        admin: The first admin's user name.
        password: The first admin's password.
        passphrase: The archive passphrase for the CLI and recovery; random if ``None``.
        kdf_params: Argon2id costs of the account wraps.

    Returns:
        The session and the archive passphrase (show it once, for safekeeping).
    """
    if passphrase:
        check_secret(passphrase, "passphrase")
    passphrase = passphrase or secrets.token_urlsafe(24)
    accounts = Accounts(root, kdf_params=kdf_params)
    Accounts.check_new(admin, password)
    ws = Workspace.init(Path(root), passphrase, office_code=office_code,
                        office_name=office_name, actor=admin.strip().lower())
    return _admin_session(root, ws, accounts, admin, password, passphrase), passphrase


def has_accounts(root: Path) -> bool:
    """Whether the archive at ``root`` has local accounts (else the GUI offers to add one)."""
    return Accounts(root).exists()


def add_first_admin(root: Path, passphrase: str, admin: str, password: str, *,
                    kdf_params: Argon2Params | None = None) -> Session:
    """Give an archive made by ``digitize init`` its first admin account and sign in.

    Raises:
        WrongPassphrase: ``passphrase`` does not open the archive (nothing is written).
        AccountExists: the archive has accounts already.
    """
    Accounts.check_new(admin, password)
    accounts = Accounts(root, kdf_params=kdf_params)
    if accounts.exists():
        from archive.errors import AccountExists

        raise AccountExists(str(accounts.path))
    ws = Workspace.open(Path(root), passphrase, actor=admin.strip().lower())
    return _admin_session(root, ws, accounts, admin, password, passphrase)


def _admin_session(root: Path, ws: Workspace, accounts: Accounts, admin: str, password: str,
                   passphrase: str) -> Session:
    """Create the admin account on the open ``ws`` (closed again if that fails) and sign in."""
    try:
        assert isinstance(ws.keys, Keystore)  # the archive passphrase opened the keystore
        account = accounts.create(admin, password, ws.keys.secrets)
    except Exception:
        ws.close()
        raise
    ws.log("account.create", None, {"user": account.username, "role": "admin"})
    ws.close()  # reopen as the account: its own certified key signs from now on
    return sign_in(Path(root), account.username, password, kdf_params=accounts.params)
