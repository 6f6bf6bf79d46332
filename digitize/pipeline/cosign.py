"""Co-signing a GIẢI MẬT confirmation inside a clerk's session (issues #23/#24).

A clerk's dossiers in capture live in the clerk's own staging database, which only the
clerk's password opens, so an archivist or admin signed in on their own account never sees
them. Instead the archivist or admin types THEIR user name and password on the clerk's
screen (the paper is in front of both): :func:`confirm_cosigned` checks them with the same
Argon2id unwrap as signing in (:meth:`archive.accounts.Accounts.unlock`) and the accounts
file against the office key (role and "disabled" are what an admin signed), then accepts the
page in the clerk's staging. The audit entry names the confirmer as its actor and is signed
with the confirmer's own certified key; its details name the clerk's session too.

Failures are audited (as the clerk) and throttled: after :data:`MAX_FAILURES` failed
attempts within :data:`WINDOW_S` seconds, further attempts in this process are refused
without checking a password (each guess costs an Argon2id anyway).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from archive.accounts import Accounts
from archive.audit import AuditLog
from archive.errors import BadCredentials
from digitize.errors_secrecy import CosignRefused
from digitize.pipeline.secret_pages import DECLASSIFY, release_declassified
from digitize.roles import can, require
from digitize.store.vault import Vault

__all__ = ["MAX_FAILURES", "WINDOW_S", "confirm_cosigned"]

MAX_FAILURES = 5  #: failed attempts allowed per clerk within :data:`WINDOW_S`
WINDOW_S = 300.0
_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,31}$")
_failures: dict[tuple[str, str], list[float]] = {}


def confirm_cosigned(ws: Vault, did: str, seq: int, confirmer: str, password: str, *,
                     clock: Callable[[], float] = time.monotonic) -> str:
    """An archivist or admin confirms page ``seq``'s GIẢI MẬT stamp in this (clerk's) session.

    Args:
        ws: The clerk's (or any capturing user's) open vault.
        did: The dossier in capture. seq: The page waiting for a confirmation.
        confirmer: The archivist's or admin's user name. password: Their password.
        clock: Monotonic seconds (tests).

    Returns:
        The confirmer's user name as the accounts file spells it.

    Raises:
        CosignRefused: wrong credentials, a disabled account, the signed-in user's own
            account, a role that may not confirm (a clerk), or too many failed attempts.
        PermissionDenied: this session may not capture. UsageError: the page does not wait.
        TamperedError: the accounts file is not what the office key signed.
    """
    require(ws, "capture")
    key = (str(ws.root), ws.actor)
    now = clock()
    recent = [t for t in _failures.get(key, []) if now - t < WINDOW_S]
    _failures[key] = recent
    if len(recent) >= MAX_FAILURES:
        raise CosignRefused(reason="throttled")
    name = confirmer.strip().lower()
    try:
        if name == ws.actor:
            raise CosignRefused(reason="self")
        accounts = Accounts(ws.root)
        try:
            got = accounts.unlock(name, password)  # one Argon2id, as signing in
        except BadCredentials as e:
            raise CosignRefused(reason="credentials") from e
        accounts.verified(ws.keys.verifier())  # role, disabled, key: as an admin signed them
        if not can(got.account.role, DECLASSIFY):
            raise CosignRefused(reason="role")
    except CosignRefused as e:
        recent.append(now)
        ws.log("secrecy.cosign_refused", did, {
            "page": seq, "confirmer": name if _NAME_RE.match(name) else "?",
            "reason": e.reason})
        raise
    release_declassified(ws, did, seq)
    audit = AuditLog(ws.audit.path, got.signer, ws.keys.verifier(), ws.audit.keys_for,
                     repair=False)  # signed by the confirmer's own certified key
    entry = audit.append(actor=got.account.username, action="secrecy.declassified_confirmed",
                         record=did, details={"page": seq, "by": got.account.username,
                                              "session": ws.actor, "cosigned": True})
    ws.catalog.set_setting("audit_head", [entry.seq, entry.hash])
    _failures.pop(key, None)
    return got.account.username
