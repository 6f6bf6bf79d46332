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
