"""Rows of a package received from an office (``digitize receive``), written in one
transaction: its container, the dossier (replaced only by a newer version), its documents
and one page row per PDF page with the PDF's text layer, indexed for search."""

from __future__ import annotations

import json
from collections.abc import Sequence

from archive.catalog import Catalog
from archive.clock import now_vn
from archive.container import ContainerInfo
from digitize.model import DossierStatus, PageStatus
from digitize.store.rows import dossier_or_none, version_stored
from digitize.store.search_index import index_pages, unindex_dossier
from digitize.store.staging_rows import delete_content_rows, page_ids

__all__ = ["record_received"]


def _iso(date: str) -> str | None:
    return f"{date[6:10]}-{date[3:5]}-{date[0:2]}" if len(date) == 10 else None


def record_received(catalog: Catalog, info: ContainerInfo, *, dossier_id: str, version: int,
                    office: str, dossier: dict[str, str], documents: Sequence[dict[str, str]],
                    pages: Sequence[Sequence[str]], source: str) -> bool:
    """Record a stored received package in one transaction.

    Args:
        catalog: The centre's catalog.
        info: The stored container (id, size, manifest).
        dossier_id: The dossier's id at the centre.
        version: The dossier version the package holds.
        office: The sending office (the dossier's owner).
        dossier: The dossier's metadata (``title``, ``fileCode``, ...).
        documents: Each document's metadata, in order.
        pages: Per document, the text of each page.
        source: ``pages.source`` of a received page.

    Returns:
        False if this version of the dossier was already received; True otherwise (an older
        version arriving late is kept as a container but not made current).
    """
    if version_stored(catalog, dossier_id, version):
        return False
    row = dossier_or_none(catalog, dossier_id)
    now = now_vn().isoformat()
    with catalog.atomic() as db:
        db["containers"].insert({"id": info.id, "dossier_id": dossier_id,
                                 "version": version, "size": info.size, "created": now,
                                 "manifest": json.dumps(info.manifest, sort_keys=True)})
        if row is not None and row["version"] >= version:
            return True  # an older version arriving late: kept, not made current
        unindex_dossier(catalog, dossier_id)
        delete_content_rows(db, dossier_id)
        values = {"title": dossier.get("title", ""), "file_code": dossier.get("fileCode"),
                  "status": DossierStatus.STORED, "updated": now,
                  "meta": json.dumps(dossier, ensure_ascii=False), "version": version,
                  "container_id": info.id, "owner": office}
        if row is None:
            db["dossiers"].insert({"id": dossier_id, "created": now, **values})
        else:
            db["dossiers"].update(dossier_id, values)
        seq = 0
        for n, (doc, texts) in enumerate(zip(documents, pages, strict=True), 1):
            db["documents"].insert({
                "doc_id": doc["docId"], "dossier_id": dossier_id, "seq": n,
                "meta": json.dumps(doc, ensure_ascii=False), "first_page": seq + 1,
                "n_pages": len(texts), "pdf_name": f"{doc['docId']}.pdf",
                "type_code": doc.get("typeName"), "issued": _iso(doc.get("issuedDate", "")),
                "organ": doc.get("organName"),
                "notation": f"{doc.get('codeNumber', '')}/{doc.get('codeNotation', '')}"})
            for text in texts:
                seq += 1
                db["pages"].insert({"dossier_id": dossier_id, "seq": seq, "source": source,
                                    "source_index": seq, "status": PageStatus.STORED,
                                    "doc_seq": n, "text": text})
        index_pages(catalog, page_ids(catalog, dossier_id))
    return True
