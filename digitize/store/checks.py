"""Verification of a vault: containers against their signatures, the catalog against the
containers, and the audit chain (``digitize verify``). Split from :mod:`digitize.store.vault`."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Protocol

from archive.container import open_container
from archive.errors import ArchiveError, TamperedError
from digitize.errors import DigitizeError
from digitize.model import DossierStatus, VerifyReport
from digitize.records import signing
from digitize.store import intake as inbox
from digitize.transfer import received


class Vault(Protocol):
    """What verification needs of :class:`digitize.store.vault.Vault` (a Protocol, so this
    module does not import the vault that calls it)."""

    audit: Any
    catalog: Any
    keys: Any
    store: Any

    def signers(self) -> list[Any]: ...

__all__ = ["container_signer", "verify"]


def container_signer(vault: Vault, cid: str) -> Any:
    """The key that must have signed container ``cid``: this archive's, or an imported
    office's for a package received from it (``digitize receive``)."""
    own = vault.keys.verifier()
    with vault.store.open(cid) as fh:
        signer = received.container_signer(own, vault.catalog, fh, cid)
    # our own containers may be signed by the office key or a user key it certified (#24)
    return vault.signers() if signer == own else signer


def verify(vault: Vault, ids: Sequence[str] | None = None) -> VerifyReport:
    """Check containers (outer and inner signatures, file hashes), the catalog against
    them, and the audit chain. Never raises for a failed check: the report lists it."""
    report = VerifyReport()
    rows = vault.catalog.query("SELECT * FROM containers ORDER BY created")
    if ids:
        wanted = set(ids)
        rows = [r for r in rows if r["dossier_id"] in wanted or r["id"] in wanted]
        missing = wanted - {r["dossier_id"] for r in rows} - {r["id"] for r in rows}
        for m in sorted(missing):
            report.fail(m, "không có trong danh mục / not in the catalog")
    for row in rows:
        cid, did = row["id"], row["dossier_id"]
        report.checked.append(did)
        try:
            _verify_container(vault, row)
        except (ArchiveError, DigitizeError, OSError, ValueError) as e:
            msg = e.message("vi") if hasattr(e, "message") else str(e)
            report.fail(f"{did} ({cid[:12]})", msg)
    if not ids:
        _verify_catalog(vault, report)
        head = vault.catalog.get_setting("audit_head")
        try:
            vault.audit.verify(expect_head=tuple(head) if head else None)
            if (seen := inbox.audit_generation(vault)) > vault.keys.generation:
                report.fail("keystore.json", f"thế hệ {vault.keys.generation} < {seen} của "
                            f"nhật ký / generation older than the audit log's {seen}")
        except ArchiveError as e:
            report.fail("audit.log", e.message("vi"))
    return report


def _verify_container(vault: Vault, row: dict[str, Any]) -> None:
    cid = row["id"]
    path = vault.store.path(cid)
    if not path.exists():
        raise TamperedError(f"{cid}: container file missing")
    signer = container_signer(vault, cid)
    vault.store.verify(cid, signer)
    with vault.store.open(cid) as fh:
        opened = open_container(fh, vault.keys, signer_public=signer, name=cid)
        manifest = opened.manifest
        if json.dumps(manifest, sort_keys=True) != json.dumps(json.loads(row["manifest"]),
                                                              sort_keys=True):
            raise TamperedError(f"{cid}: catalog row differs from the container's manifest")
        if received.is_received(manifest):  # a package received from an office (#21)
            received.verify_received(vault.catalog, row, opened)
            return
        # the PAdES signature of each document PDF (issue 10): digitize/records/signing.py
        signing.verify_container_documents(vault, opened)
    meta = opened.metadata
    doss = vault.catalog.one("SELECT * FROM dossiers WHERE id = ?", (row["dossier_id"],))
    if doss is None or doss["container_id"] != cid and meta.get("version") == doss["version"]:
        raise TamperedError(f"{cid}: dossier row missing or pointing elsewhere")
    if meta.get("dossier", {}).get("id") != row["dossier_id"]:
        raise TamperedError(f"{cid}: container belongs to another dossier")
    docs = vault.catalog.query("SELECT doc_id, meta FROM documents WHERE dossier_id = ?",
                              (row["dossier_id"],))
    if doss["container_id"] == cid:
        stored = {d["docId"]: d for d in meta.get("documents", [])}
        for d in docs:
            if stored.get(d["doc_id"]) != json.loads(d["meta"]):
                raise TamperedError(f"{cid}: catalog metadata of {d['doc_id']} was changed")
        if doss["title"] != meta.get("dossier", {}).get("title"):
            raise TamperedError(f"{cid}: catalog title of the dossier was changed")


def _verify_catalog(vault: Vault, report: VerifyReport) -> None:
    for d in vault.catalog.query("SELECT id, container_id FROM dossiers WHERE status = ?",
                                (DossierStatus.STORED,)):
        if not vault.catalog.one("SELECT 1 FROM containers WHERE id = ?",
                                (d["container_id"],)):
            report.fail(d["id"], "hồ sơ đã lưu nhưng thiếu gói / stored without a container")
