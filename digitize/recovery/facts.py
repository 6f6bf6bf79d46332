"""What a dossier container carries so the catalog can be rebuilt from it (``digitize-dossier/2``).

Version 1 containers already hold the dossier's id, version, title, metadata, documents and page
list. Version 2 adds, in the signed manifest's metadata, the catalog facts that nothing else
keeps: the predecessor container, the dossier's creation time, owner and job key, each page's
capture source, the secrecy tag, the offline-workstation mode and the PAdES trust anchors in
force when it was sealed (docs/format.md 2.5).
"""

from __future__ import annotations

from typing import Any

from digitize.store.rows import dossier_row, page_sources
from digitize.store.vault import Vault

__all__ = ["DOSSIER_FORMAT", "DOSSIER_FORMATS", "record_facts"]

#: The dossier payload format written now, and every one a reader understands.
DOSSIER_FORMAT = "digitize-dossier/2"
DOSSIER_FORMATS = ("digitize-dossier/1", DOSSIER_FORMAT)


def record_facts(ws: Vault, did: str, *, predecessor: str | None) -> dict[str, Any]:
    """The ``format``, ``predecessor`` and ``record`` keys of a new version's metadata.

    Args:
        ws: The workspace (its catalog holds the dossier's row and the signing settings).
        did: The dossier.
        predecessor: The container id of the version this one replaces (None for the first).

    Returns:
        Keys to merge into the container metadata.
    """
    doss = dossier_row(ws.catalog, did)
    sources = page_sources(ws.catalog, did)
    signing = ws.catalog.get_setting("signing") or {}
    roots = ws.catalog.get_setting("signing_trust", []) or []
    return {
        "format": DOSSIER_FORMAT,
        "predecessor": predecessor,
        "record": {
            "created": doss["created"], "owner": doss["owner"] or "",
            "job_key": doss["job_key"], "secrecy": doss["secrecy"] or "",
            "sources": sources,
            "offline_mode": bool(ws.catalog.get_setting("offline_mode", False)),
            "pades": {"configured": signing.get("configured", ""),
                      "subject": signing.get("subject", ""),
                      "roots": list(roots)},
        },
    }
