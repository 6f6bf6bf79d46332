"""Storing a new version of a dossier: one catalog transaction, whoever sealed the container.

Processing (the first version), corrections (``save_revision``) and regrouping (split or
merge documents) each write a new container; :func:`commit_version` then records it the same
way for all three, from the container's own metadata: the container row, the documents and
which pages they hold, corrected page texts, the dossier row, the staged images dropped and
the pages indexed, all in one transaction; then a few bounded index merges.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from archive.catalog import Catalog
from archive.clock import now_vn
from archive.container import ContainerInfo
from archive.search import AFTER_WRITE_STEPS, compact
from digitize.metadata.schema import parse_date
from digitize.model import DossierStatus, PageStatus
from digitize.store.search_index import index_pages

__all__ = ["commit_version", "document_groups", "issued_iso"]


def issued_iso(issued: Any) -> str | None:
    """A TT 05 ``issuedDate`` (DD/MM/YYYY) as an ISO date for the catalog, or None."""
    day = parse_date(str(issued or "").strip())
    return day.isoformat() if day else None


def document_groups(metadata: Mapping[str, Any]) -> list[list[int]]:
    """The page seqs of each document of a container's metadata, in document order."""
    n_docs = len(metadata.get("documents", []))
    groups: list[list[int]] = [[] for _ in range(n_docs)]
    for page in metadata.get("pages", []):
        groups[int(page["doc"]) - 1].append(int(page["seq"]))
    return groups


def _document_row(did: str, n: int, meta: Mapping[str, Any], group: list[int]
                  ) -> dict[str, Any]:
    return {"doc_id": meta["docId"], "dossier_id": did, "seq": n,
            "meta": json.dumps(meta, ensure_ascii=False),
            "first_page": group[0] if group else None,
            "n_pages": len(group), "pdf_name": f"{meta['docId']}.pdf",
            "type_code": meta.get("typeName"), "issued": issued_iso(meta.get("issuedDate")),
            "organ": meta.get("organName"),
            "notation": f"{meta.get('codeNumber', '')}/{meta.get('codeNotation', '')}"}


def commit_version(catalog: Catalog, did: str, container: ContainerInfo,
                   metadata: Mapping[str, Any], *,
                   page_texts: Mapping[int, str] | None = None) -> None:
    """Record a dossier's new container version (one transaction), then tidy the index.

    Args:
        catalog: The archive's catalog.
        did: The dossier.
        container: What the container store returned for the new container.
        metadata: The container's metadata (``version``, ``dossier``, ``documents`` and
            ``pages`` with each page's ``doc``), as written into it.
        page_texts: Corrected page texts by seq (a revision), if any.
    """
    now = now_vn().isoformat()
    dossier_meta = {k: v for k, v in metadata["dossier"].items() if k != "id"}
    with catalog.atomic() as db:
        db["containers"].insert({"id": container.id, "dossier_id": did,
                                 "version": metadata["version"], "size": container.size,
                                 "created": now,
                                 "manifest": json.dumps(container.manifest, sort_keys=True)})
        db.execute("DELETE FROM documents WHERE dossier_id = ?", (did,))
        groups = document_groups(metadata)
        for n, (meta, group) in enumerate(zip(metadata["documents"], groups, strict=True), 1):
            db["documents"].insert(_document_row(did, n, meta, group))
            for seq in group:
                db.execute("UPDATE pages SET doc_seq = ?, status = ? "
                           "WHERE dossier_id = ? AND seq = ?", (n, PageStatus.STORED, did, seq))
        for seq, text in (page_texts or {}).items():
            db.execute("UPDATE pages SET text = ? WHERE dossier_id = ? AND seq = ?",
                       (text, did, seq))
        db.execute("UPDATE dossiers SET status = ?, container_id = ?, version = ?, "
                   "file_code = COALESCE(?, file_code), title = COALESCE(?, title), meta = ?, "
                   "updated = ? WHERE id = ?",
                   (DossierStatus.STORED, container.id, metadata["version"],
                    dossier_meta.get("fileCode"), dossier_meta.get("title") or None,
                    json.dumps(dossier_meta, ensure_ascii=False), now, did))
        db.execute("DELETE FROM page_blobs WHERE page_id IN "
                   "(SELECT id FROM pages WHERE dossier_id = ?)", (did,))
        # every page: changed metadata is indexed on each page of its document, not only on
        # the pages whose text was corrected; in the same transaction as the rows
        index_pages(catalog, [r[0] for r in db.execute(
            "SELECT id FROM pages WHERE dossier_id = ? ORDER BY seq", (did,)).fetchall()])
    compact(catalog, max_steps=AFTER_WRITE_STEPS)  # the version is stored: this only tidies
