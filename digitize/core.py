"""The core's one entry point: :class:`Workspace`, an unlocked archive and its typed parts.

As Anki's ``Collection`` owns its managers, a workspace owns one small object per area of
work; the GUI and the command line use only these and the model types::

    with Workspace.open(root, passphrase) as ws:
        did = ws.capture.new_dossier("Hồ sơ ...")        # pipeline/
        ws.records.save_revision(did, documents={...})    # records/ (role checked)
        hits = ws.search("quyết định", type_code="02")    # archive.search, by rights
        ws.transfer.export("file:///media/usb")           # transfer/ (role checked)
        ws.signing.config(); ws.office_keys.office_fingerprint(); ws.accounts.list()

Accounts are managed through ``ws.accounts`` (role-checked here); signing in, the inactivity
lock and the signed-in user are :mod:`digitize.session`, which opens the workspace for the user.
The vault underneath (catalog, containers, keys, audit log) is
:class:`digitize.store.vault.Vault`, which the domain modules take.
"""

from __future__ import annotations

from functools import cached_property

from digitize.services.accounts import Accounts
from digitize.services.capture import Capture
from digitize.services.keys import Keys
from digitize.services.records import Records
from digitize.services.recovery import Recovery
from digitize.services.search import Search
from digitize.services.signing import Signing
from digitize.services.transfer import Transfer
from digitize.store.vault import Vault, VerifyReport

__all__ = ["Workspace", "VerifyReport"]


class Workspace(Vault):
    """An unlocked archive folder, with one typed object per area of work."""

    @cached_property
    def capture(self) -> Capture:
        """Dossiers in capture: scan, import, arrange, process, seal."""
        return Capture(self)

    @cached_property
    def records(self) -> Records:
        """Stored dossiers: read, revise, regroup, verify, progress figures."""
        return Records(self)

    @cached_property
    def search(self) -> Search:
        """Full-text and field search, limited by the role (``ws.search("...")``)."""
        return Search(self)

    @cached_property
    def transfer(self) -> Transfer:
        """Exports to central storage."""
        return Transfer(self)

    @cached_property
    def signing(self) -> Signing:
        """The office's PAdES signature."""
        return Signing(self)

    @cached_property
    def recovery(self) -> Recovery:
        """Backups of the whole archive and the age of the last good one."""
        return Recovery(self)

    @cached_property
    def accounts(self) -> Accounts:
        """Local accounts: list, create, disable, reset (admins), one's own password."""
        return Accounts(self)

    @cached_property
    def office_keys(self) -> Keys:
        """The office's keys: fingerprint, central keys, backup."""
        return Keys(self)
