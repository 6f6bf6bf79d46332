"""``ws.recovery``: back the whole archive up, and when the last good backup was (admins)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from digitize.progress import ProgressFn, no_progress
from digitize.recovery.backup import BackupReport, backup, last_backup
from digitize.roles import require
from digitize.store.vault import Vault

__all__ = ["Recovery"]


class Recovery:
    """Backups of one vault; making one needs the ``keys`` role (it copies the keystore)."""

    def __init__(self, vault: Vault) -> None:
        self._v = vault

    def backup(self, to: Path | str, *, endpoint: str | None = None,
               progress: ProgressFn = no_progress) -> BackupReport:
        """Back the archive up to a folder or ``s3://bucket/prefix`` (incremental, verified).

        Raises:
            PermissionDenied: the role may not manage keys.
        """
        require(self._v, "keys")
        stored = self._v.catalog.get_setting("storage", {}) or {}  # S3 settings, as for export
        return backup(self._v, to, endpoint=endpoint or stored.get("endpoint"),
                      access_key=stored.get("access_key"), secret_key=stored.get("secret_key"),
                      progress=progress)

    def last_backup(self) -> dict[str, Any] | None:
        """The last good backup (``time``, ``snapshot``, ``to``, ``age_hours``), or None."""
        return last_backup(self._v)
