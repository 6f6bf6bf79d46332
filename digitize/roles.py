"""Which role may do what (DESIGN section 7): the one role check of the core."""

from __future__ import annotations

from archive.accounts import ROLES
from digitize.errors import PermissionDenied

__all__ = ["ACTIONS", "RECOVERY_ADMIN", "ROLES", "can", "require"]

#: The audit actor of the archive passphrase (the admin's recovery secret) on the command line.
RECOVERY_ADMIN = "recovery-admin"

#: Which roles may do what. Admins may do everything.
ACTIONS: dict[str, frozenset[str]] = {
    "capture": frozenset({"clerk", "admin"}),
    "edit_own": frozenset({"clerk", "archivist", "admin"}),
    "review": frozenset({"clerk", "archivist", "admin"}),
    "list": frozenset(ROLES),
    "search": frozenset({"archivist", "admin"}),
    "view": frozenset({"archivist", "admin"}),
    "verify": frozenset({"archivist", "admin"}),
    "edit_metadata": frozenset({"archivist", "admin"}),
    "dashboard": frozenset(ROLES),
    "export": frozenset({"admin"}),
    "keys": frozenset({"admin"}),
    "accounts": frozenset({"admin"}),
    "settings": frozenset({"admin"}),
}


def can(role: str, action: str) -> bool:
    """Whether ``role`` may do ``action`` (an entry of :data:`ACTIONS` or a role name)."""
    if action in ROLES:
        return role == action or role == "admin"
    return role in ACTIONS.get(action, frozenset({"admin"}))


def require(role: str, action: str, *, user: str = "") -> None:
    """Raise :class:`PermissionDenied` unless ``role`` may do ``action``."""
    if not can(role, action):
        raise PermissionDenied(user=user or "?", role=role, action=action)
