"""A stored document's PDF built again from its container: page images, OCR boxes, text.

Used when a revision changes what a document's PDF must hold: its pages (split, merge), the
text a reviewer corrected (the invisible text layer carries the corrected words, laid on the
boxes OCR found: :func:`ocr.realign.with_text`) or its metadata (title, author, subject).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from digitize.pipeline import imagecodec
from digitize.records.signing import sign_document
from digitize.store.vault import Vault
from ocr.model import OcrPage
from ocr.pdf import PdfPage, build_pdf
from ocr.realign import with_text

__all__ = ["can_rebuild", "page_text", "rebuild_document_pdf"]


def can_rebuild(names: Sequence[str], group: Sequence[int]) -> bool:
    """Whether the container holds every page image and OCR result of a document (a dossier
    received from elsewhere or sealed without pages keeps the PDF it came with)."""
    have = set(names)
    return bool(group) and all(
        f"ocr/{seq:04d}.json" in have and any(n.startswith(f"pages/{seq:04d}.") for n in names)
        for seq in group)


def page_text(opened: Any, names: Sequence[str], seq: int,
              texts: Mapping[int, str]) -> str | None:
    """The reviewed text of page ``seq``: given now, or sealed by an earlier revision."""
    if seq in texts:
        return texts[seq]
    name = f"corrections/{seq:04d}.txt"
    return opened.read(name).decode("utf-8") if name in names else None


def rebuild_document_pdf(ws: Vault, opened: Any, names: Sequence[str],
                         pages: Sequence[Mapping[str, Any]], group: Sequence[int],
                         meta: Mapping[str, Any], *, fallback_title: str,
                         texts: Mapping[int, str] | None = None) -> bytes:
    """The signed PDF/A of one document of an opened container.

    Args:
        ws: The workspace (its signer seals the PDF).
        opened: The open container holding ``pages/NNNN.*`` and ``ocr/NNNN.json``.
        names: The container's file names.
        pages: The container metadata's ``pages`` (for each page's ``dpi``).
        group: The page seqs of the document, in order.
        meta: The document's metadata (title, author, subject, keywords of the PDF).
        fallback_title: Title when the document has no ``subject``.
        texts: Page texts corrected in this revision, by seq (earlier ones are read from the
            container's ``corrections/``).
    """
    texts = texts or {}
    pdf_pages = []
    for seq in group:
        image = next(n for n in names if n.startswith(f"pages/{seq:04d}."))
        ocr = OcrPage.from_dict(json.loads(opened.read(f"ocr/{seq:04d}.json")))
        corrected = page_text(opened, names, seq, texts)
        if corrected is not None:
            ocr = with_text(ocr, corrected)
        dpi = next((p.get("dpi") for p in pages if p["seq"] == seq), None) or 300
        pdf_pages.append(PdfPage(image=imagecodec.decode(opened.read(image)), dpi=dpi, ocr=ocr))
    return sign_document(ws, build_pdf(
        pdf_pages, title=meta.get("subject") or fallback_title,
        author=meta.get("organName", ""), subject=meta.get("subject", ""),
        keywords=meta.get("codeNotation", "")), doc_id=meta["docId"])
