"""Office archives for the centre's tests: stored dossiers whose PDFs carry a real text layer
(built by ``ocr.pdf.build_pdf`` from known words, no Tesseract), exported as offices do."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import numpy as np

from archive._hazmat.kdf import TEST_PARAMS
from archive.clock import now_vn
from archive.container import write_container
from digitize.core import Workspace
from digitize.model import DossierStatus
from digitize.transfer.export import ExportOptions, export
from ocr.model import OcrPage, OcrWord
from ocr.pdf import PdfPage, build_pdf

__all__ = ["make_office", "text_pdf"]

PASS = "mật khẩu văn phòng 2025"


def _page(text: str) -> PdfPage:
    words, x, y, line = [], 60, 80, 1
    for w in text.split():
        width = 14 * len(w)
        if x + width > 780:
            x, y, line = 60, y + 30, line + 1
        words.append(OcrWord(w, x, y, width, 22, 95.0, 1, line, False))
        x += width + 12
    ocr = OcrPage(text, tuple(words), 850, 1100, 100, 95.0, "vie", text)
    return PdfPage(image=np.full((1100, 850), 255, np.uint8), dpi=100, ocr=ocr)


def text_pdf(pages: list[str], title: str) -> bytes:
    """A two-layer PDF whose invisible text layer holds ``pages``."""
    return build_pdf([_page(t) for t in pages], title=title)


def _store(ws: Workspace, seq: int, docs: list[list[str]]) -> str:
    """A stored dossier (sealed as seal.py does) whose documents have the given page texts."""
    office = ws.office
    did, fcode = uuid.uuid4().hex, f"{office['code']}.2025.{seq:02d}"
    title = f"Hồ sơ số {seq} của {office['name']}"
    metas = []
    for n, pages in enumerate(docs, 1):
        metas.append({"docId": f"{fcode}.{n}", "numberOfPage": len(pages), "typeName": "02",
                      "codeNumber": str(n), "codeNotation": "QĐ-UBND",
                      "issuedDate": "08/06/2025", "organName": office["name"],
                      "subject": pages[0][:80], "language": "01", "mode": "01",
                      "maintenance": "01", "confidenceLevel": "02", "format": "01"})
    dmeta = {"fileCode": fcode, "title": title, "maintenance": "01", "mode": "01",
             "language": "01", "startDate": "08/06/2025", "endDate": "08/06/2025",
             "totalDoc": len(docs), "numberOfPage": sum(map(len, docs)), "format": "01",
             "confidenceLevel": "02", "paperFileCode": f"{office['code']}.K1.{seq}",
             "riskRecovery": "0"}
    metadata = {"format": "digitize-dossier/1", "version": 1, "sealed": now_vn().isoformat(),
                "office": office, "dossier": {"id": did, "title": title, **dmeta},
                "documents": metas, "pages": [{"seq": i} for i in range(sum(map(len, docs)))]}
    files = [(f"documents/{m['docId']}.pdf", text_pdf(p, m["subject"]))
             for m, p in zip(metas, docs, strict=True)]
    info = ws.store.put(lambda out: write_container(
        out, files, metadata=metadata, recipients=ws.keys.recipients(), signer=ws.keys.signer()))
    now = now_vn().isoformat()
    with ws.catalog.atomic() as db:
        db["dossiers"].insert({"id": did, "title": title, "file_code": fcode, "created": now,
                               "status": DossierStatus.STORED, "updated": now, "version": 1,
                               "meta": json.dumps(dmeta, ensure_ascii=False),
                               "container_id": info.id})
        db["containers"].insert({"id": info.id, "dossier_id": did, "version": 1,
                                 "size": info.size, "created": now,
                                 "manifest": json.dumps(info.manifest, sort_keys=True)})
    return did


def make_office(root: Path, code: str, name: str, central_pub: bytes,
                dossiers: list[list[list[str]]], to: str) -> tuple[bytes, list[str], list[str]]:
    """An office archive with ``dossiers`` (documents of page texts), exported to ``to``.

    Returns:
        The office's public key file, its dossier ids and their packages' ids.
    """
    with Workspace.init(root, PASS, office_code=code, office_name=name,
                        kdf_params=TEST_PARAMS) as ws:
        ws.keys.import_central_key(central_pub, "Trung tâm")
        ids = [_store(ws, n, docs) for n, docs in enumerate(dossiers, 1)]
        rep = export(ws, ExportOptions(to=to))
        assert [i.status for i in rep.items] == ["sent"] * len(ids), rep.to_dict()
        packages = {i.dossier_id: i.package_id for i in rep.items}
        return ws.keys.public_bundle(), ids, [packages[d] for d in ids]
