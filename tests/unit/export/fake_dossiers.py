"""Stored dossiers with small synthetic content, sealed as ``digitize.pipeline.seal`` seals them."""

from __future__ import annotations

import json
import os
import uuid
from typing import Any

from archive.clock import now_vn
from archive.container import write_container
from digitize.core import Workspace
from digitize.model import DossierStatus

__all__ = ["make_stored_dossier"]


def _doc_meta(fcode: str, n: int, office: str, secrecy: str) -> dict[str, Any]:
    meta = {"docId": f"{fcode}.{n}", "numberOfPage": 1, "typeName": "02", "codeNumber": str(n),
            "codeNotation": "QĐ-UBND", "issuedDate": "08/06/2022", "organName": office,
            "subject": f"Về việc thử nghiệm số {n}", "language": "01", "mode": "01",
            "maintenance": "01", "confidenceLevel": "02", "format": "01"}
    if secrecy:
        meta["secrecy"] = secrecy
    return meta


def make_stored_dossier(ws: Workspace, seq: int, *, n_docs: int = 2, pdf_size: int = 30_000,
                        secrecy: str = "", doc_secrecy: str = "") -> str:
    """A stored dossier of ``n_docs`` documents with random 'PDF' bytes; returns its id."""
    did = uuid.uuid4().hex
    office = ws.office
    fcode = f"{office['code']}.2025.{seq:02d}"
    title = f"Hồ sơ thử nghiệm số {seq}"
    docs = [_doc_meta(fcode, n, office["name"], doc_secrecy if n == 1 else "")
            for n in range(1, n_docs + 1)]
    dmeta = {"fileCode": fcode, "title": title, "maintenance": "01", "mode": "01",
             "language": "01", "startDate": "08/06/2022", "endDate": "08/06/2022",
             "totalDoc": n_docs, "numberOfPage": n_docs, "confidenceLevel": "02",
             "format": "01", "riskRecovery": "0"}
    metadata = {"format": "digitize-dossier/1", "version": 1, "sealed": now_vn().isoformat(),
                "office": office, "dossier": {"id": did, **dmeta}, "documents": docs,
                "pages": []}
    pdfs = {d["docId"]: b"%PDF-1.7\n%synthetic\n" + os.urandom(pdf_size) for d in docs}
    files = [(f"documents/{k}.pdf", v) for k, v in pdfs.items()]
    info = ws.store.put(lambda out: write_container(
        out, files, metadata=metadata, recipients=ws.keys.recipients(),
        signer=ws.keys.signer()))
    now = now_vn().isoformat()
    with ws.catalog.atomic() as db:
        db["dossiers"].insert({"id": did, "title": title, "file_code": fcode,
                               "status": DossierStatus.STORED, "created": now, "updated": now,
                               "meta": json.dumps(dmeta, ensure_ascii=False),
                               "secrecy": secrecy, "version": 1, "container_id": info.id})
        db["containers"].insert({"id": info.id, "dossier_id": did, "version": 1,
                                 "size": info.size, "created": now,
                                 "manifest": json.dumps(info.manifest, sort_keys=True)})
        for n, d in enumerate(docs, 1):
            db["documents"].insert({"doc_id": d["docId"], "dossier_id": did, "seq": n,
                                    "meta": json.dumps(d, ensure_ascii=False),
                                    "first_page": n, "n_pages": 1,
                                    "pdf_name": f"{d['docId']}.pdf", "type_code": "02",
                                    "issued": "2022-06-08", "organ": office["name"],
                                    "notation": f"{n}/QĐ-UBND"})
    return did
