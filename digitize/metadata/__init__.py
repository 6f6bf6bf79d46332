"""Metadata to TT 05/2025: code lists, validation, extraction from OCR, secrecy marks, splitting."""

from __future__ import annotations

from digitize.metadata.codes import code_for, label, options
from digitize.metadata.dossier import close_dossier
from digitize.metadata.extract import Extracted, extract, to_json
from digitize.metadata.identifiers import doc_code, doc_id, file_code
from digitize.metadata.schema import (
    DOCUMENT_FIELDS, DOSSIER_FIELDS, FieldProblem, RequiredFields, validate_document,
    validate_dossier,
)
from digitize.metadata.secrecy import SecrecyMark, UrgencyMark, detect_secrecy, detect_urgency
from digitize.metadata.split import PageInfo, is_separator, separator_sheet, split_documents

__all__ = [
    "DOCUMENT_FIELDS", "DOSSIER_FIELDS", "Extracted", "FieldProblem", "PageInfo",
    "RequiredFields", "SecrecyMark", "UrgencyMark", "close_dossier", "code_for", "detect_secrecy",
    "detect_urgency", "doc_code", "doc_id", "extract", "file_code", "is_separator", "label",
    "options", "separator_sheet", "split_documents", "to_json", "validate_document",
    "validate_dossier",
]
