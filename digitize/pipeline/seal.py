"""Assemble a processed dossier into documents and PDFs, and seal it into a container.

The container (signed, encrypted, append-only) is written first; only when it is complete does
one catalog transaction mark the dossier stored, index its pages and drop the staged images.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from archive.clock import now_vn
from archive.container import write_container
from digitize.metadata.dossier import close_dossier
from digitize.metadata.extract import extract
from digitize.metadata.identifiers import doc_id as make_doc_id
from digitize.metadata.identifiers import file_code as make_file_code
from digitize.metadata.split import PageInfo, split_documents
from digitize.model import DossierStatus, ProcessResult
from digitize.pipeline import imagecodec
from digitize.progress import ProgressEvent, ProgressFn, no_progress
from digitize.records.signing import sign_document
from digitize.recovery.facts import DOSSIER_FORMAT, record_facts
from digitize.store.intake import next_counter, queue_sealed
from digitize.store.rows import dossier_row, page_blob, page_rows, set_dossier_status
from digitize.store.vault import Vault
from digitize.store.versions import commit_version
from ocr.model import OcrPage
from ocr.pdf import PdfPage, build_pdf, jpeg_image

__all__ = ["seal_dossier", "document_metadata", "CONTAINER_FORMAT"]

CONTAINER_FORMAT = DOSSIER_FORMAT


def document_metadata(ocr_pages: list[OcrPage], *, docid: str, n_pages: int,
                      defaults: dict[str, str]) -> dict[str, Any]:
    """TT 05/2025 document fields from the extraction of a document's pages."""
    first = ocr_pages[0]
    found = extract(first.text, words=first.words, page_size=(first.width, first.height))
    meta: dict[str, Any] = {"docId": docid, "numberOfPage": n_pages, **defaults}
    for name, ex in found.items():
        meta[name] = ex.value
    meta["_confidence"] = {name: round(ex.confidence, 3) for name, ex in found.items()}
    # where each value was read on the document's first page (the review zooms there)
    meta["_boxes"] = {name: list(ex.box) for name, ex in found.items() if ex.box}
    return meta


def seal_dossier(ws: Vault, did: str, *, progress: ProgressFn = no_progress
                 ) -> ProcessResult:
    """Split, assemble, seal and index a dossier whose pages are all processed.

    A dossier tagged with a secrecy level is sealed only on the offline workstation, checked
    to be offline now (issue #18); anywhere else it is refused and purged.
    """
    from digitize.pipeline import secrecy_policy, secret_pages

    secret_pages.require_settled(ws, did)  # no page may wait for a secrecy decision
    level = dossier_row(ws.catalog, did).get("secrecy") or ""
    if level:
        if not secrecy_policy.is_offline_station(ws):
            secrecy_policy.refuse(ws, did, level, detected=False)
        secrecy_policy.require_offline(ws)
    rows = page_rows(ws.catalog, did)
    ocr_pages = [OcrPage.from_dict(json.loads(r["ocr"])) for r in rows]
    infos = [PageInfo(text=p.text, words=p.words, blank=bool(r["blank"]), is_separator=False)
             for p, r in zip(ocr_pages, rows, strict=True)]
    groups = split_documents(infos) or [list(range(len(rows)))]
    doss = dossier_row(ws.catalog, did)
    created = now_vn()
    fcode = doss["file_code"] or _next_file_code(ws, created.year)
    defaults = {"language": "01", "confidenceLevel": "02", "format": "01", "mode": "01",
                "maintenance": "01", "organName": ws.office.get("name", "")}
    documents = []
    for n, group in enumerate(groups, start=1):
        docid = make_doc_id(fcode, n)
        meta = document_metadata([ocr_pages[i] for i in group], docid=docid,
                                 n_pages=len(group), defaults=defaults)
        documents.append({"meta": meta, "pages": group})
    dossier_meta = close_dossier({"fileCode": fcode, "title": doss["title"], "language": "01",
                                  "maintenance": "01", "mode": "01", "confidenceLevel": "02",
                                  "format": "01"}, [d["meta"] for d in documents])
    version = doss["version"] + 1
    metadata = {
        **record_facts(ws, did, predecessor=doss["container_id"]),
        "version": version, "sealed": created.isoformat(),
        "office": ws.office, **({"secrecy": doss["secrecy"]} if doss["secrecy"] else {}),
        "dossier": {"id": did, "title": doss["title"], **dossier_meta,
                    **({"secrecy": level, "mode": "03"} if level else {})},
        "documents": [d["meta"] for d in documents],
        "pages": [{"seq": r["seq"], "doc": n, "dpi": r["dpi"], "blank": bool(r["blank"]),
                   "quality": json.loads(r["quality"]), "history": json.loads(r["history"])}
                  for n, d in enumerate(documents, 1) for r in (rows[i] for i in d["pages"])],
    }
    set_dossier_status(ws.catalog, did, DossierStatus.SEALING, file_code=fcode)

    def files() -> Iterator[tuple[str, bytes]]:
        for n, d in enumerate(documents, 1):
            pdf_pages = []
            for i in d["pages"]:
                kind, data = page_blob(ws.catalog, rows[i]["id"], "archive") or ("", b"")
                # a JPEG archive image goes into the PDF as it is (no decode, no second loss)
                passthrough = kind.endswith(".jpg") and not ocr_pages[i].rotation
                image = (jpeg_image(data) if passthrough else None) or imagecodec.decode(data)
                pdf_pages.append(PdfPage(image=image, dpi=rows[i]["dpi"] or 300,
                                         ocr=ocr_pages[i]))
                yield f"pages/{rows[i]['seq']:04d}{kind[7:]}", data
                yield f"ocr/{rows[i]['seq']:04d}.json", rows[i]["ocr"].encode()
                orig = page_blob(ws.catalog, rows[i]["id"], "original:")
                if orig:
                    yield f"originals/{rows[i]['seq']:04d}-{orig[0][9:]}", orig[1]
            m = d["meta"]
            yield f"documents/{m['docId']}.pdf", sign_document(ws, build_pdf(
                pdf_pages, title=m.get("subject") or doss["title"],
                author=m.get("organName", ""), subject=m.get("subject", ""),
                keywords=m.get("codeNotation", "")), doc_id=m["docId"])
            progress(ProgressEvent("assemble", n, len(documents)))

    info = ws.store.put(lambda out: write_container(
        out, files(), metadata=metadata, recipients=ws.keys.recipients(),
        signer=ws.signer))
    if ws.work_only:  # a clerk: no catalog key; an archivist's or admin's unlock indexes it
        queue_sealed(ws, did, info.id)
    else:
        commit_version(ws.catalog, did, info, metadata)
    ws.log("dossier.store", did, {"container": info.id, "version": version,
                                  "pages": len(rows), "documents": len(documents)})
    progress(ProgressEvent("seal", 1, 1))
    return ProcessResult(did, len(rows), len(documents), info.id)


def _next_file_code(ws: Vault, year: int) -> str:
    n = next_counter(ws, f"dossier_counter.{year}")  # shared with clerks' staging
    return make_file_code(ws.office.get("code", "000"), year, f"{n:02d}")
