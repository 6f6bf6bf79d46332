"""Rows of a catalog rebuilt from the signed containers and the audit log
(:mod:`digitize.recovery.rebuild`): one transaction per dossier, and the sent state of exports."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from archive.catalog import Catalog
from archive.export import QueueState

__all__ = ["insert_rebuilt_dossier", "mark_sent"]


def insert_rebuilt_dossier(catalog: Catalog, dossier: dict[str, Any],
                           containers: Sequence[dict[str, Any]],
                           pages: Sequence[dict[str, Any]],
                           documents: Sequence[dict[str, Any]]) -> list[int]:
    """Write one dossier's rows in one transaction: its ``dossiers`` row, a ``containers``
    row per version, its ``pages`` and ``documents`` rows (each a dict of columns).

    Returns:
        The new page ids, in the order of ``pages``.
    """
    with catalog.atomic() as db:
        db["dossiers"].insert(dossier)
        for row in containers:
            db["containers"].insert(row)
        page_ids = [db["pages"].insert(row).last_pk for row in pages]
        for row in documents:
            db["documents"].insert(row)
    return page_ids


def mark_sent(catalog: Catalog, target: str, dossier_id: str, version: int, *,
              package: Any, key: Any, size: Any, checksum: Any, when: str) -> None:
    """Record in the upload queue that version ``version`` of the dossier was sent to
    ``target`` (as the audit log says): added, or the existing entry updated."""
    with catalog.atomic() as db:
        db.execute(
            "INSERT INTO upload_queue(target, dossier_id, version, state, package_id, "
            "object_key, size, checksum, created, updated, sent) VALUES (?,?,?,?,?,?,?,?,?,?,?) "
            "ON CONFLICT(target, dossier_id, version) DO UPDATE SET state = excluded.state, "
            "package_id = excluded.package_id, object_key = excluded.object_key, "
            "size = excluded.size, checksum = excluded.checksum, sent = excluded.sent",
            (target, dossier_id, version, QueueState.SENT, package, key, size, checksum,
             when, when, when))
