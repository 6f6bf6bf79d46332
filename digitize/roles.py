"""Who may do what: the one table of roles and actions, checked by the core for every caller.

The GUI asks :func:`can` to show or hide a view; the core calls :func:`require` before an
operation that needs a role (revising or regrouping a record, exporting, managing keys), so
the command line and the GUI obey the same rules. A vault opened without accounts (the
command line on the archive passphrase, the admin's recovery secret) acts as ``admin`` under
the name :data:`RECOVERY_ADMIN`. The keys an account unlocks hold only what its role needs
(docs/threat-model.md), so these checks give clear messages; they are not the only barrier.
"""

from __future__ import annotations

from typing import Protocol

from archive.accounts import ROLES
from digitize.errors import PermissionDenied

__all__ = ["ACTIONS", "RECOVERY_ADMIN", "Actor", "can", "require"]

#: The audit actor of the archive passphrase (the admin's recovery secret), never ``$USER``.
RECOVERY_ADMIN = "recovery-admin"


#: Which roles may do what (DESIGN section 7). Admins may do everything.
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


class Actor(Protocol):
    """Who acts on the archive: a :class:`~digitize.store.vault.Vault` has both."""

    actor: str
    role: str


def can(role: str, action: str) -> bool:
    """Whether ``role`` may do ``action`` (an entry of :data:`ACTIONS` or a role name)."""
    if action in ROLES:
        return role == action or role == "admin"
    return role in ACTIONS.get(action, frozenset({"admin"}))


def require(who: Actor, action: str, *, owner: str | None = None) -> None:
    """Raise :class:`PermissionDenied` unless ``who`` may do ``action``.

    Args:
        who: The acting vault (its ``actor`` and ``role``).
        action: An entry of :data:`ACTIONS`.
        owner: The owner of the record acted on: an ``edit_metadata`` action on one's own
            record is allowed to a role that has ``edit_own``.
    """
    if can(who.role, action):
        return
    if action == "edit_metadata" and owner is not None and owner == who.actor \
            and can(who.role, "edit_own"):
        return
    raise PermissionDenied(user=who.actor, role=who.role, action=action)
