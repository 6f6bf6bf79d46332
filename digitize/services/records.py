"""``ws.records``: stored dossiers: read, review, revise, regroup, verify, progress figures."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from digitize.metadata.schema import FieldProblem
from digitize.model import AwaitingPage, Dossier
from digitize.records import regroup, review
from digitize.records.review import Draft, PageView
from digitize.recovery.backup import last_backup
from digitize.store import report
from digitize.store.vault import Vault, VerifyReport
from digitize.transfer.witness import check_known_checkpoints

__all__ = ["Records"]


class Records:
    """The records of one vault, as the review, search and dashboard views use them."""

    def __init__(self, vault: Vault) -> None:
        self._v = vault

    # reading ----------------------------------------------------------------------------------
    def dossiers(self, *, status: str | None = None, owner: str | None = None) -> list[Dossier]:
        """Dossiers newest first (optionally of one status, of one owner)."""
        return self._v.dossiers(status=status, owner=owner)

    def dossier(self, did: str) -> Dossier:
        """One dossier with its documents and pages."""
        return self._v.dossier(did)

    def load_page(self, did: str, seq: int) -> PageView:
        """The image(s), OCR words and text of one page (staged or stored)."""
        return review.load_page(self._v, did, seq)

    def document_pdf(self, did: str, doc_id: str) -> bytes:
        """A document's signed PDF/A from the dossier's container."""
        return review.document_pdf(self._v, did, doc_id)

    def read_file(self, did: str, name: str) -> bytes:
        """One file of a stored dossier's container (e.g. ``documents/X.pdf``)."""
        return self._v.read_file(did, name)

    def decrypt(self, did: str, out_dir: Path) -> list[Path]:
        """Decrypt a stored dossier's container into an empty folder."""
        return self._v.decrypt(did, out_dir)

    # revising (each checks the role: ``edit_metadata``, or ``edit_own`` on one's own) -------
    @staticmethod
    def document_fields() -> list[tuple[str, str, str, str | None]]:
        """``(name, Vietnamese label, type, code list)`` of the editable document fields."""
        return review.document_fields()

    @staticmethod
    def validate(meta: dict[str, Any], *, file_code: str | None, ordinal: int | None
                 ) -> list[FieldProblem]:
        """Check a document's metadata (problems carry Vietnamese messages)."""
        return review.validate(meta, file_code=file_code, ordinal=ordinal)

    def save_revision(self, did: str, *, documents: dict[str, dict[str, Any]] | None = None,
                      page_texts: dict[int, str] | None = None) -> str:
        """Seal corrected metadata and page texts as a new version; the container id."""
        return review.save_revision(self._v, did, documents=documents, page_texts=page_texts)

    def rename(self, did: str, title: str) -> str:
        """Retitle a stored dossier (a new sealed version, audited); the container id."""
        return review.rename_stored(self._v, did, title)

    def keep_draft(self, did: str, *, documents: dict[str, dict[str, str]],
                   page_texts: dict[int, str]) -> None:
        """Keep unsaved corrections of a dossier (encrypted in the catalog) until saved."""
        review.keep_draft(self._v, did, documents=documents, page_texts=page_texts)

    def draft(self, did: str) -> Draft | None:
        """The signed-in user's unsaved corrections of a dossier, if any were kept."""
        return review.read_draft(self._v, did)

    def drafted(self) -> list[str]:
        """The dossiers the signed-in user holds unsaved corrections of."""
        return review.drafted(self._v)

    def discard_draft(self, did: str) -> None:
        """Forget the signed-in user's kept corrections of a dossier."""
        review.discard_draft(self._v, did)

    def split_document_at(self, did: str, doc_index: int, first_pages: int) -> str:
        """Cut a document after its first pages (a new version); the container id."""
        return regroup.split_document_at(self._v, did, doc_index, first_pages)

    def merge_with_next(self, did: str, doc_index: int) -> str:
        """Join a document and the next one (a new version); the container id."""
        return regroup.merge_with_next(self._v, did, doc_index)

    # checking and figures ---------------------------------------------------------------------
    def verify(self, ids: Sequence[str] | None = None, *,
               against: Sequence[tuple[str, bytes]] = ()) -> VerifyReport:
        """Check containers, the catalog against them and the audit chain; for the whole
        archive also the log against every audit checkpoint within reach (the keystore's copy,
        the export destinations; those not reachable are listed in ``report.unchecked``), and
        always against the ``against`` checkpoints given (``(place, data)``); a forged or
        contradicted checkpoint is a failure on the report, never an exception."""
        report = self._v.verify(ids)
        if not any(place == "catalog.db" for place, _ in report.failures) and \
                (against or not ids):
            check_known_checkpoints(self._v, report, against, known=not ids)
        return report

    def progress_report(self) -> dict[str, Any]:
        """Counts for the dashboard and ``digitize report``, and ``last_backup``: the last
        good backup (``time``, ``to``, ``age_hours``) or None when there is none."""
        return {**report.progress_report(self._v), "last_backup": last_backup(self._v)}

    def pages_awaiting_review(self, limit: int = 200) -> list[AwaitingPage]:
        """Pages whose OCR confidence is low or whose quality check flagged them."""
        return report.pages_awaiting_review(self._v.catalog, limit)
