"""The domain model: a dossier (hồ sơ) holds documents (tài liệu), which hold pages."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

__all__ = ["LOW_CONFIDENCE", "AwaitingPage", "Dossier", "Document", "Page", "PageStatus",
           "DossierStatus", "ProcessResult", "VerifyReport"]


class DossierStatus:
    """Life cycle of a dossier in the catalog."""

    CAPTURING = "capturing"   # pages are being captured or processed; resumable
    SEALING = "sealing"       # all pages done; the container is being written
    STORED = "stored"         # a signed, encrypted container holds it (final)


class PageStatus:
    """Life cycle of a page in the catalog's work state."""

    CAPTURED = "captured"     # image staged (encrypted catalog), not processed yet
    PROCESSED = "processed"   # cleaned and OCRed; results staged
    STORED = "stored"         # sealed in a container
    WITHHELD = "withheld"     # bore a secrecy mark on a networked machine: every image of it
    #                           deleted, the row waits for the clerk's decision (issue #18)
    DECLASSIFIED = "declassified"  # bears GIẢI MẬT: waits for a confirmation (issue #18)


@dataclass
class Page:
    """One page image of a dossier, with its processing results."""

    seq: int
    source: str
    source_index: int
    status: str
    dpi: int | None = None
    width: int | None = None
    height: int | None = None
    text: str = ""
    mean_conf: float | None = None
    blank: bool = False
    doc_seq: int | None = None
    quality: dict[str, Any] = field(default_factory=dict)
    history: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Page:
        """Build from a ``pages`` catalog row."""
        return cls(seq=row["seq"], source=row["source"], source_index=row["source_index"],
                   status=row["status"], dpi=row["dpi"], width=row["width"],
                   height=row["height"], text=row["text"] or "", mean_conf=row["mean_conf"],
                   blank=bool(row["blank"]), doc_seq=row["doc_seq"],
                   quality=json.loads(row["quality"] or "{}"),
                   history=json.loads(row["history"] or "[]"))


@dataclass
class Document:
    """One document (tài liệu) of a dossier: a run of pages and its TT 05/2025 metadata."""

    doc_id: str
    seq: int
    first_page: int
    n_pages: int
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def pdf_name(self) -> str:
        """File name of its PDF inside the container and the export package."""
        return f"{self.doc_id}.pdf"

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Document:
        """Build from a ``documents`` catalog row."""
        return cls(doc_id=row["doc_id"], seq=row["seq"], first_page=row["first_page"],
                   n_pages=row["n_pages"], meta=json.loads(row["meta"] or "{}"))


@dataclass
class Dossier:
    """A dossier (hồ sơ): its metadata, documents and pages."""

    id: str
    title: str
    status: str
    created: str
    file_code: str | None = None
    secrecy: str = ""
    container_id: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    owner: str = ""  # the account that created it ("" before accounts, or from the CLI)
    documents: list[Document] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Dossier:
        """Build from a ``dossiers`` catalog row (without documents and pages)."""
        return cls(id=row["id"], title=row["title"], status=row["status"],
                   created=row["created"], file_code=row["file_code"],
                   secrecy=row["secrecy"] or "", container_id=row["container_id"],
                   meta=json.loads(row["meta"] or "{}"), owner=row.get("owner") or "")


@dataclass
class ProcessResult:
    """What a pipeline run produced, for the CLI, the GUI and tests."""

    dossier_id: str
    pages: int
    documents: int
    container_id: str | None
    resumed: bool = False
    already_stored: bool = False
    problems: list[tuple[str, str]] = field(default_factory=list)  # (path, message)
    flagged: list[tuple[int, list[str]]] = field(default_factory=list)  # (page seq, codes)


#: Below this mean OCR confidence (percent) a page awaits review.
LOW_CONFIDENCE = 70


@dataclass(frozen=True)
class AwaitingPage:
    """A page awaiting review: its OCR confidence is low or its quality check flagged it."""

    dossier_id: str
    title: str
    seq: int
    mean_conf: float | None

    @property
    def low_confidence(self) -> bool:
        """Whether the page waits for its OCR confidence (else for a quality flag)."""
        return self.mean_conf is not None and self.mean_conf < LOW_CONFIDENCE


class VerifyReport:
    """The outcome of ``verify``: what was checked and every failure, by record."""

    def __init__(self) -> None:
        self.checked: list[str] = []
        self.failures: list[tuple[str, str]] = []  # (record, reason)
        self.unchecked: list[tuple[str, str]] = []  # (place, why it could not be checked)

    @property
    def ok(self) -> bool:
        """True when nothing failed."""
        return not self.failures

    def fail(self, record: str, reason: str) -> None:
        """Record one failure."""
        self.failures.append((record, reason))

    def not_checked(self, place: str, reason: str) -> None:
        """Record a place that could not be checked (said, never passed silently)."""
        self.unchecked.append((place, reason))
