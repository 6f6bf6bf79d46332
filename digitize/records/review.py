"""Reading and revising stored records for review and search: page images, OCR words, PDFs.

Stored dossiers live in their signed, encrypted container; a revision (corrected metadata or
text) is sealed as a new container version, never by overwriting the old one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from archive.clock import now_vn
from archive.container import open_container, write_container
from archive.errors import RecordNotFound
from digitize.errors import DossierNotFound, UsageError
from digitize.metadata.schema import DOCUMENT_FIELDS, FieldProblem, validate_document
from digitize.model import DossierStatus
from digitize.records.pdfs import can_rebuild, rebuild_document_pdf
from digitize.recovery.facts import record_facts
from digitize.roles import require
from digitize.store.drafts import draft_dossiers, drop_draft, load_draft, save_draft
from digitize.store.rows import dossier_row, page_blobs, page_row
from digitize.store.vault import Vault
from digitize.store.versions import commit_version, document_groups

__all__ = ["Draft", "PageView", "discard_draft", "document_fields", "document_pdf", "drafted",
           "keep_draft", "load_page", "read_draft", "rename_stored", "save_revision", "validate"]


@dataclass(frozen=True)
class PageView:
    """What the review and search views show of one page.

    Attributes:
        image: Encoded page image (JPEG or PNG) after cleaning (the archive image).
        before: Encoded image as captured, when it is still available, else ``None``.
        words: OCR words ``{"text", "left", "top", "width", "height", "conf",
            "low_confidence", "line"}`` in the pixel space of ``image``.
        text: The page text (corrected text if someone edited it).
        width: Width in pixels of the image the words refer to.
        height: Height in pixels.
    """

    image: bytes
    before: bytes | None
    words: list[dict[str, Any]]
    text: str
    width: int
    height: int


@dataclass(frozen=True)
class Draft:
    """A reviewer's unsaved corrections of one stored dossier, kept in the encrypted catalog.

    Attributes:
        documents: Changed fields by docId.
        page_texts: Edited page texts by page seq.
        version: The dossier version the edits were made on.
        container: The container (version) the edits were made on.
        kept: When the draft was last kept (ISO time, Vietnam).
    """

    documents: dict[str, dict[str, str]]
    page_texts: dict[int, str]
    version: int
    container: str
    kept: str


def _opened(ws: Vault, container_id: str) -> Any:
    fh = ws.store.open(container_id)
    return fh, open_container(fh, ws.keys, signer_public=ws.signers(), name=container_id)


def load_page(ws: Vault, did: str, seq: int) -> PageView:
    """The image(s), words and text of page ``seq`` of dossier ``did`` (staged or stored)."""
    row = page_row(ws.catalog, did, seq)
    if row is None:
        raise DossierNotFound(f"{did} trang/page {seq}")
    ocr = json.loads(row["ocr"] or "{}")
    words = ocr.get("words", [])
    text = row["text"] or ocr.get("text", "")
    blobs = page_blobs(ws.catalog, row["id"])
    master = next((v for k, v in blobs.items() if k.startswith("master.")), None)
    archive = next((v for k, v in blobs.items() if k.startswith("archive.")), None)
    if master or archive:
        return PageView(archive or master, master if archive else None, words, text,
                        ocr.get("width", row["width"] or 0), ocr.get("height", row["height"] or 0))
    try:
        doss = dossier_row(ws.catalog, did)
    except RecordNotFound:
        doss = None
    if not doss or not doss["container_id"]:
        raise DossierNotFound(f"{did} trang/page {seq} (không có ảnh / no image)")
    ws.log("page.view", did, {"seq": seq})
    fh, opened = _opened(ws, doss["container_id"])
    with fh:
        names = opened.names()
        image = next((n for n in names if n.startswith(f"pages/{seq:04d}.")), None)
        orig = next((n for n in names if n.startswith(f"originals/{seq:04d}-")), None)
        if image is None:
            raise DossierNotFound(f"{did} trang/page {seq}")
        before = opened.read(orig) if orig and orig.lower().endswith(
            (".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".webp")) else None
        return PageView(opened.read(image), before, words, text,
                        ocr.get("width", row["width"] or 0), ocr.get("height", row["height"] or 0))


def document_pdf(ws: Vault, did: str, doc_id: str) -> bytes:
    """The document's PDF (image + text layer) from the dossier's container."""
    ws.log("document.open", did, {"doc": doc_id})
    return ws.read_file(did, f"documents/{doc_id}.pdf")


def document_fields() -> list[tuple[str, str, str, str | None]]:
    """``(name, Vietnamese label, type, code list)`` of the editable document fields."""
    return [(s.name, s.vi, s.type, s.code_list) for s in DOCUMENT_FIELDS.values()]


def validate(meta: dict[str, Any], *, file_code: str | None, ordinal: int | None
             ) -> list[FieldProblem]:
    """Check a document's metadata; problems carry Vietnamese (``vi``) messages."""
    clean = {k: v for k, v in meta.items() if not k.startswith("_") and v not in ("", None)}
    return validate_document(clean, file_code=file_code, ordinal=ordinal)


def save_revision(ws: Vault, did: str, *, documents: dict[str, dict[str, Any]] | None = None,
                  page_texts: dict[int, str] | None = None,
                  dossier: dict[str, Any] | None = None, action: str = "dossier.revise") -> str:
    """Seal corrected document metadata, page texts or dossier fields as a new container
    version.

    The PDF of every document whose fields or page texts changed is built again (corrected
    words in its text layer, corrected title and subject), the catalog's page texts and the
    search index (text and metadata of every page) follow, and the user's draft is dropped.

    Args:
        ws: The workspace.
        did: A stored dossier.
        documents: New metadata by docId (the fields given replace the stored ones).
        page_texts: Corrected text by page seq.
        dossier: New dossier fields (TT 05 names, e.g. ``paperFileCode``, ``title``; not
            ``id``).
        action: What the audit log calls it.

    Returns:
        The new container's id.
    """
    documents, page_texts, dossier = documents or {}, page_texts or {}, dossier or {}
    doss = dossier_row(ws.catalog, did)
    require(ws, "edit_metadata", owner=doss["owner"])
    if doss["status"] != DossierStatus.STORED or not doss["container_id"]:
        raise UsageError(f"hồ sơ {did} chưa lưu / is not stored yet")
    fh, opened = _opened(ws, doss["container_id"])
    with fh:
        meta = json.loads(json.dumps(opened.metadata))
        for d in meta.get("documents", []):
            if d.get("docId") in documents:
                conf = d.get("_confidence", {})
                d.update({k: v for k, v in documents[d["docId"]].items() if k != "docId"})
                for k in documents[d["docId"]]:
                    conf.pop(k, None)  # a person set it: no longer an extraction guess
        meta.setdefault("dossier", {}).update({k: v for k, v in dossier.items() if k != "id"})
        version = doss["version"] + 1
        meta.update({"version": version, "revised": now_vn().isoformat(), "revised_by": ws.actor,
                     **record_facts(ws, did, predecessor=doss["container_id"])})
        names = opened.names()
        # a document whose text or metadata changed gets its PDF built again: the text
        # layer holds the corrected words, the PDF's title and subject the corrected fields
        rebuilt = {}
        for d, group in zip(meta.get("documents", []), document_groups(meta), strict=False):
            if (d.get("docId") in documents or page_texts.keys() & set(group)) and \
                    can_rebuild(names, group):
                rebuilt[f"documents/{d['docId']}.pdf"] = (d, group)

        def files() -> Iterator[tuple[str, bytes]]:
            for name in names:
                if name.startswith("corrections/") and name[12:16].isdigit() and \
                        int(name[12:16]) in page_texts:
                    continue
                if name in rebuilt:
                    d, group = rebuilt[name]
                    yield name, rebuild_document_pdf(
                        ws, opened, names, meta.get("pages", []), group, d,
                        fallback_title=doss["title"], texts=page_texts)
                    continue
                yield name, opened.read(name)
            for seq, text in sorted(page_texts.items()):
                yield f"corrections/{seq:04d}.txt", text.encode("utf-8")

        info = ws.store.put(lambda out: write_container(
            out, files(), metadata=meta, recipients=ws.keys.recipients(),
            signer=ws.signer))
    commit_version(ws.catalog, did, info, meta, page_texts=page_texts)
    if documents or page_texts:  # the corrections are sealed: nothing left unsaved
        drop_draft(ws.catalog, ws.actor, did)
    ws.log(action, did, {"container": info.id, "version": version,
                                   "fields": ",".join(sorted(dossier))[:200],
                                   "documents": ",".join(sorted(documents)),
                                   "pages": ",".join(str(p) for p in sorted(page_texts))})
    return info.id


def keep_draft(ws: Vault, did: str, *, documents: dict[str, dict[str, str]],
               page_texts: dict[int, str]) -> None:
    """Keep the signed-in user's unsaved corrections of a stored dossier (replacing the
    previous draft; nothing given drops it). Encrypted with the catalog, never plaintext."""
    doss = dossier_row(ws.catalog, did)
    require(ws, "edit_metadata", owner=doss["owner"])
    if not documents and not page_texts:
        drop_draft(ws.catalog, ws.actor, did)
        return
    save_draft(ws.catalog, ws.actor, did, {
        "version": doss["version"], "container": doss["container_id"],
        "kept": now_vn().isoformat(),
        "documents": {k: {f: str(v) for f, v in d.items()} for k, d in documents.items()},
        "pages": {str(seq): text for seq, text in page_texts.items()}})


def read_draft(ws: Vault, did: str) -> Draft | None:
    """The signed-in user's draft of a dossier, or None."""
    body = load_draft(ws.catalog, ws.actor, did)
    if not body:
        return None
    return Draft({k: dict(v) for k, v in body.get("documents", {}).items()},
                 {int(k): str(v) for k, v in body.get("pages", {}).items()},
                 int(body.get("version", 0)), str(body.get("container", "")),
                 str(body.get("kept", "")))


def drafted(ws: Vault) -> list[str]:
    """The dossiers the signed-in user holds a draft of."""
    return draft_dossiers(ws.catalog, ws.actor)


def discard_draft(ws: Vault, did: str) -> None:
    """Forget the signed-in user's draft of a dossier (the reviewer chose to drop it)."""
    drop_draft(ws.catalog, ws.actor, did)


def rename_stored(ws: Vault, did: str, title: str) -> str:
    """Give a stored dossier another title: a new sealed version (the old one stays
    verifiable), audited as ``dossier.rename``; the catalog and the search index follow.

    Returns:
        The new container's id.
    """
    title = " ".join(title.split())
    if not title:
        raise UsageError("tiêu đề trống / empty title")
    return save_revision(ws, did, dossier={"title": title}, action="dossier.rename")
