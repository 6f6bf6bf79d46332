"""A reviewer's metadata correction is searchable on every page of the document at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from digitize.core import Workspace
from digitize.pipeline.run import process
from digitize.records.review import save_revision
from digitize.store.search_index import search
from tests.integration.conftest import write_pages

pytestmark = pytest.mark.integration


def test_corrected_notation_finds_pages_whose_text_was_not_touched(
        workspace: Workspace, tmp_path: Path) -> None:
    paths = write_pages(tmp_path / "in", 2)
    did = process(workspace, paths, title="Hai trang").dossier_id
    docs = workspace.catalog.query(
        "SELECT doc_id, first_page, n_pages FROM documents WHERE dossier_id = ?", (did,))
    doc = max(docs, key=lambda d: d["n_pages"])
    pages = set(range(doc["first_page"], doc["first_page"] + doc["n_pages"]))
    assert not search(workspace.catalog, "987/QĐ-SNV").hits

    save_revision(workspace, did, documents={doc["doc_id"]: {
        "codeNumber": "987", "codeNotation": "QĐ-SNV"}}, page_texts={})

    for typed in ("987/QĐ-SNV", "987/QD-SNV"):
        hits = search(workspace.catalog, typed).hits
        assert {h.page_seq for h in hits} == pages
        assert {h.meta["codeNumber"] for h in hits} == {"987"}


def _pdf_text(pdf: bytes) -> str:
    import io

    from pypdf import PdfReader

    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages)


def test_corrected_page_text_goes_into_the_pdf_text_layer_and_the_index(
        workspace: Workspace, tmp_path: Path) -> None:
    from pypdf import PdfReader

    from digitize.records.review import document_pdf, keep_draft, read_draft

    paths = write_pages(tmp_path / "in", 2)
    did = process(workspace, paths, title="Hai trang").dossier_id
    doc = workspace.catalog.query(
        "SELECT doc_id, first_page FROM documents WHERE dossier_id = ? ORDER BY seq", (did,))[0]
    seq = doc["first_page"]
    text = workspace.catalog.one("SELECT text FROM pages WHERE dossier_id = ? AND seq = ?",
                                 (did, seq))["text"]
    words = text.split()
    victim = max(words, key=len)  # a word as read, replaced by the reviewer's
    corrected = text.replace(victim, "Vạnxuânkiểm", 1)
    before = document_pdf(workspace, did, doc["doc_id"])
    assert "Vạnxuânkiểm" not in _pdf_text(before)
    assert not search(workspace.catalog, "Vạnxuânkiểm").hits
    keep_draft(workspace, did, documents={}, page_texts={seq: corrected})
    assert read_draft(workspace, did) is not None

    save_revision(workspace, did, documents={doc["doc_id"]: {"subject": "Về việc thử sửa"}},
                  page_texts={seq: corrected})

    after = document_pdf(workspace, did, doc["doc_id"])
    layer = _pdf_text(after)
    assert "Vạnxuânkiểm" in layer
    assert PdfReader(io_bytes(after)).metadata.subject == "Về việc thử sửa"
    hits = search(workspace.catalog, "Vạnxuânkiểm").hits
    assert [(h.dossier_id, h.page_seq) for h in hits] == [(did, seq)]
    assert read_draft(workspace, did) is None  # saved: the draft is gone
    report = workspace.verify([workspace.catalog.one(
        "SELECT container_id FROM dossiers WHERE id = ?", (did,))["container_id"]])
    assert report.ok, report.failures


def io_bytes(data: bytes):  # noqa: ANN201 - a file object for pypdf
    import io

    return io.BytesIO(data)


def test_renaming_a_stored_dossier_seals_a_new_version_and_is_audited(
        workspace: Workspace, tmp_path: Path) -> None:
    from digitize.errors import UsageError
    from digitize.records.review import rename_stored

    paths = write_pages(tmp_path / "in", 1)
    did = process(workspace, paths, title="Tên cũ").dossier_id
    old = workspace.catalog.one("SELECT container_id, version FROM dossiers WHERE id = ?", (did,))
    assert not search(workspace.catalog, "Quảnglợiđổitên").hits
    with pytest.raises(UsageError):
        rename_stored(workspace, did, "   ")

    cid = rename_stored(workspace, did, "  Hồ sơ  Quảnglợiđổitên ")

    row = workspace.catalog.one("SELECT title, version, container_id FROM dossiers WHERE id = ?",
                                (did,))
    assert (row["title"], row["version"], row["container_id"]) == (
        "Hồ sơ Quảnglợiđổitên", old["version"] + 1, cid)
    assert workspace.dossier(did).title == "Hồ sơ Quảnglợiđổitên"
    assert {h.dossier_id for h in search(workspace.catalog, "Quảnglợiđổitên").hits} == {did}
    assert workspace.verify([cid, old["container_id"]]).ok  # the old version stays verifiable
    last = list(workspace.audit.entries())[-1]
    assert (last.action, last.record) == ("dossier.rename", did)
