"""Split and merge documents of a stored dossier, sealed as a new container version.

The pages stay as they are; only which pages form which document changes. Documents whose
pages change get a new PDF built from the stored page images and OCR; the others keep theirs
(under their new ``docId`` if the numbering moved). Older versions stay verifiable.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from archive.clock import now_vn
from archive.container import open_container, write_container
from digitize.errors import UsageError
from digitize.metadata.dossier import (
    close_dossier,
    merge_documents,
    merge_groups,
    renumber,
    split_document,
    split_group,
)
from digitize.model import DossierStatus
from digitize.records.pdfs import rebuild_document_pdf
from digitize.recovery.facts import record_facts
from digitize.roles import require
from digitize.store.rows import dossier_row
from digitize.store.vault import Vault
from digitize.store.versions import commit_version

__all__ = ["merge_with_next", "split_document_at"]


def split_document_at(ws: Vault, did: str, doc_index: int, first_pages: int) -> str:
    """Cut document ``doc_index`` (0-based) after its first ``first_pages`` pages.

    Returns:
        The new container's id.
    """
    return _regroup(ws, did, lambda g, d: (split_group(g, doc_index, first_pages),
                                           split_document(d, doc_index, first_pages)),
                    "document.split")


def merge_with_next(ws: Vault, did: str, doc_index: int) -> str:
    """Join document ``doc_index`` (0-based) and the one after it (a wrong split undone).

    Returns:
        The new container's id.
    """
    return _regroup(ws, did, lambda g, d: (merge_groups(g, doc_index),
                                           merge_documents(d, doc_index)), "document.merge")


def _regroup(ws: Vault, did: str, change: Any, action: str) -> str:
    doss = dossier_row(ws.catalog, did)
    require(ws, "edit_metadata", owner=doss["owner"])
    if doss["status"] != DossierStatus.STORED or not doss["container_id"]:
        raise UsageError(f"hồ sơ {did} chưa lưu / is not stored yet")
    fcode = doss["file_code"]
    with ws.store.open(doss["container_id"]) as fh:
        opened = open_container(fh, ws.keys, signer_public=ws.signers(),
                                name=doss["container_id"])
        meta = json.loads(json.dumps(opened.metadata))
        pages = meta["pages"]
        old_groups = [[p["seq"] for p in pages if p["doc"] == n]
                      for n in range(1, len(meta["documents"]) + 1)]
        groups, docs = change(old_groups, meta["documents"])
        docs = renumber(fcode, docs)
        for d, g in zip(docs, groups, strict=True):
            d["numberOfPage"] = len(g)
        kept = {tuple(g): d0["docId"] for g, d0 in zip(old_groups, meta["documents"],
                                                         strict=True)}
        doc_of = {seq: n for n, g in enumerate(groups, 1) for seq in g}
        for p in pages:
            p["doc"] = doc_of[p["seq"]]
        meta["documents"] = docs
        meta["dossier"] = {**meta["dossier"], **close_dossier(
            {k: v for k, v in meta["dossier"].items() if k != "id"}, docs)}
        version = doss["version"] + 1
        meta.update({"version": version, "revised": now_vn().isoformat(), "revised_by": ws.actor,
                     **record_facts(ws, did, predecessor=doss["container_id"])})
        names = opened.names()

        def pdf(group: list[int], d: dict[str, Any]) -> bytes:
            old = kept.get(tuple(group))
            if old is not None:
                return opened.read(f"documents/{old}.pdf")
            return rebuild_document_pdf(ws, opened, names, pages, group, d,
                                        fallback_title=doss["title"])

        def files() -> Iterator[tuple[str, bytes]]:
            for name in names:
                if not name.startswith("documents/"):
                    yield name, opened.read(name)
            for g, d in zip(groups, docs, strict=True):
                yield f"documents/{d['docId']}.pdf", pdf(g, d)

        info = ws.store.put(lambda out: write_container(
            out, files(), metadata=meta, recipients=ws.keys.recipients(),
            signer=ws.signer))
    commit_version(ws.catalog, did, info, meta)
    ws.log(action, did, {"container": info.id, "version": version, "documents": len(docs)})
    return info.id
