"""Secrecy page by page: a marked page is withheld, the rest of the dossier is kept (#18, #23).

On a networked workstation a page whose gate finds MẬT / TỐI MẬT / TUYỆT MẬT is **withheld**:
in one transaction every image and kept file of it is deleted (and the kept original of the
file it came from, which holds it too); only its row is left, with no image and no text, so
re-running ``process`` on the same files neither captures it again nor forgets it. While a
dossier has a withheld page, nothing of it is sealed or exported. The clerk then either
removes the withheld pages (:func:`remove_withheld`) and processes the rest, or moves the
whole dossier to the offline workstation (:func:`move_offline`: everything of it is purged
here; the paper goes there).

A page bearing GIẢI MẬT (declassified) is not processed until an archivist or admin confirms
the stamp (:func:`confirm_declassified`, audited); its captured image stays in the encrypted
catalog meanwhile, as any page waiting for processing.

Core API (Qt-free), for the CLI (``digitize secret ...``) and the GUI:
:func:`withhold_page`, :func:`hold_declassified`, :func:`pending`, :func:`require_settled`,
:func:`remove_withheld`, :func:`move_offline`, :func:`confirm_declassified`,
:func:`removed_sources`, :func:`confirmed_pages`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from digitize.errors import DossierNotFound, UsageError
from digitize.errors_secrecy import DeclassifiedPending, SecretPagesWithheld
from digitize.model import DossierStatus, PageStatus
from digitize.roles import require
from digitize.store import rows, secret_rows, staging_rows
from digitize.store.vault import Vault

__all__ = ["PendingPage", "all_withheld", "confirm_declassified", "confirmed_pages",
           "hold_declassified", "move_offline", "pending", "release_declassified",
           "remove_withheld", "removed_sources",
           "require_settled", "top_mark", "withhold_page"]

DECLASSIFY = "edit_metadata"  #: the action (archivist, admin) that may confirm GIẢI MẬT


@dataclass(frozen=True)
class PendingPage:
    """A page waiting for a decision: ``withheld`` (a secret, no image left) or
    ``declassified`` (GIẢI MẬT, waiting for a confirmation)."""

    seq: int
    status: str
    mark: str


def _meta(ws: Vault, did: str) -> dict[str, Any]:
    meta = secret_rows.dossier_meta(ws.catalog, did)
    if meta is None:
        raise DossierNotFound(did)
    return meta


def withhold_page(ws: Vault, did: str, page_id: int, seq: int, mark: str) -> None:
    """Delete everything of a marked page but its row (status ``withheld``), and the kept
    original of its source file; log which page and mark (never what it says)."""
    secret_rows.withhold_page_rows(ws.catalog, did, page_id, PageStatus.WITHHELD,
                                   [{"step": "secrecy", "mark": mark}])
    ws.log("secrecy.withheld", did, {"page": seq, "mark": mark})


def hold_declassified(ws: Vault, did: str, page_id: int, seq: int) -> None:
    """A page bearing GIẢI MẬT: its results are not kept, it waits for a confirmation."""
    secret_rows.set_page_held(ws.catalog, page_id, PageStatus.DECLASSIFIED,
                              [{"step": "secrecy", "mark": "GIẢI MẬT"}])
    ws.log("secrecy.declassified_found", did, {"page": seq})


def pending(ws: Vault, did: str) -> list[PendingPage]:
    """The dossier's pages waiting for a secrecy decision, in page order."""
    out = []
    for r in secret_rows.held_rows(ws.catalog, did,
                                   (PageStatus.WITHHELD, PageStatus.DECLASSIFIED)):
        steps = json.loads(r["history"] or "[]")
        mark = next((s.get("mark", "") for s in steps if s.get("step") == "secrecy"), "")
        out.append(PendingPage(r["seq"], r["status"], mark))
    return out


def top_mark(pages: list[PendingPage]) -> str:
    """The highest secrecy level among ``pages``."""
    order = ("MẬT", "TỐI MẬT", "TUYỆT MẬT")
    return max((p.mark for p in pages), key=lambda m: order.index(m) if m in order else 0)


def all_withheld(ws: Vault, did: str) -> list[PendingPage]:
    """The withheld pages when they are every page of the dossier (nothing else to keep),
    else ``[]``."""
    held = [p for p in pending(ws, did) if p.status == PageStatus.WITHHELD]
    return held if held and len(held) == staging_rows.page_count(ws.catalog, did) else []


def require_settled(ws: Vault, did: str) -> None:
    """Raise while a page of the dossier waits for a secrecy decision (nothing is sealed).

    Raises:
        SecretPagesWithheld: A page bore a secrecy mark (listed, with the highest mark).
        DeclassifiedPending: A page bears GIẢI MẬT and was not confirmed yet.
    """
    waiting = pending(ws, did)
    held = [p for p in waiting if p.status == PageStatus.WITHHELD]
    if held:
        raise SecretPagesWithheld(dossier=did, pages=", ".join(str(p.seq) for p in held),
                                  mark=top_mark(held))
    if waiting:
        raise DeclassifiedPending(dossier=did, pages=", ".join(str(p.seq) for p in waiting))


def _capturing(ws: Vault, did: str) -> None:
    status = rows.dossier_status(ws.catalog, did)
    if status is None:
        raise DossierNotFound(did)
    if status != DossierStatus.CAPTURING:
        raise UsageError(f"hồ sơ {did} không còn ở hàng chờ / is not in capture")


def remove_withheld(ws: Vault, did: str) -> list[int]:
    """The clerk's first choice: drop the withheld pages for good; the rest is processed.

    Their file and page numbers are remembered in the dossier, so processing the same files
    again does not capture them again. Returns the page numbers removed.
    """
    require(ws, "capture")
    _capturing(ws, did)
    held = secret_rows.held_rows(ws.catalog, did, (PageStatus.WITHHELD,))
    if not held:
        return []
    meta = _meta(ws, did)
    skip = meta.setdefault("secret_removed", [])
    skip += [[r["source"], r["source_index"]] for r in held]
    secret_rows.remove_pages(ws.catalog, did, [r["id"] for r in held], meta)
    staging_rows.renumber_pages(ws.catalog, did, staging_rows.page_ids(ws.catalog, did))
    seqs = [r["seq"] for r in held]
    ws.log("secrecy.pages_removed", did, {"pages": ",".join(map(str, seqs))})
    return seqs


def move_offline(ws: Vault, did: str) -> int:
    """The clerk's second choice: the whole dossier goes to the offline workstation on paper;
    everything of it is purged here. Returns how many pages were purged."""
    require(ws, "capture")
    _capturing(ws, did)
    n = staging_rows.page_count(ws.catalog, did)
    staging_rows.delete_dossier_rows(ws.catalog, did)
    ws.log("secrecy.moved_offline", did, {"pages": n})
    return n


def confirm_declassified(ws: Vault, did: str, seq: int) -> None:
    """An archivist or admin confirms the GIẢI MẬT stamp of page ``seq``: the page is
    processed at the next run, its GIẢI MẬT (and the old level beside it) accepted. Audited.

    Raises:
        PermissionDenied: The user may not confirm (clerks may not).
        UsageError: Page ``seq`` does not wait for a confirmation.
    """
    require(ws, DECLASSIFY)
    release_declassified(ws, did, seq)
    ws.log("secrecy.declassified_confirmed", did, {"page": seq, "by": ws.actor})


def release_declassified(ws: Vault, did: str, seq: int) -> None:
    """Accept page ``seq``'s GIẢI MẬT stamp (no role check, not audited: the callers,
    :func:`confirm_declassified` and :mod:`digitize.pipeline.cosign`, do both).

    Raises:
        UsageError: Page ``seq`` does not wait for a confirmation.
    """
    _capturing(ws, did)
    row = rows.page_row(ws.catalog, did, seq)
    if row is None or row["status"] != PageStatus.DECLASSIFIED:
        raise UsageError(f"trang {seq} không chờ xác nhận giải mật / page {seq} does not wait "
                         f"for a declassification confirmation")
    meta = _meta(ws, did)
    meta.setdefault("declassified_ok", []).append([row["source"], row["source_index"]])
    secret_rows.release_page(ws.catalog, did, row["id"], PageStatus.CAPTURED, meta)


def removed_sources(ws: Vault, did: str) -> set[tuple[str, int]]:
    """``(source, index)`` of the pages removed as secret: never captured again."""
    return {(s, int(i)) for s, i in _meta(ws, did).get("secret_removed", [])}


def confirmed_pages(ws: Vault, did: str) -> set[tuple[str, int]]:
    """``(source, index)`` of the pages whose GIẢI MẬT was confirmed."""
    return {(s, int(i)) for s, i in _meta(ws, did).get("declassified_ok", [])}
