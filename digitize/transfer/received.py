"""Containers at the centre that were received from offices: who signed them, and the checks
``verify`` runs on them (no import of the workspace: it calls these)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from typing import Any, BinaryIO

from archive._hazmat.sign import HybridVerifier
from archive.catalog import Catalog
from archive.container import OpenedContainer
from archive.errors import TamperedError
from archive.export.package import PACKAGE_FORMATS, package_files, signer_of
from archive.export.sip_check import EAD, REP, validate_sip
from archive.export.sip_source import read_all
from archive.office_keys import find_office, office_keys
from digitize.store.rows import document_meta_rows, dossier_or_none

__all__ = ["container_signer", "is_received", "simpledc", "verify_received"]


def simpledc(data: bytes) -> dict[str, str]:
    """The fields of an EAD / EAD_doc file (``<simpledc>``) by element name."""
    return {c.tag: (c.text or "") for c in ET.fromstring(data)}


def container_signer(own: HybridVerifier, catalog: Catalog, fh: BinaryIO,
                     name: str) -> HybridVerifier:
    """Who must have signed a stored container: this archive (``own``), or the imported
    office whose key is in its header (a received package)."""
    signer = signer_of(fh, name)
    if signer == own:
        return own
    office = find_office(office_keys(catalog), signer)
    return office.verifier if office is not None else own


def is_received(manifest: dict[str, Any]) -> bool:
    """Whether a container (by its manifest) is a package received from an office."""
    return manifest.get("metadata", {}).get("format") in PACKAGE_FORMATS


def verify_received(catalog: Catalog, row: dict[str, Any], opened: OpenedContainer) -> None:
    """The checks ``verify`` runs on a received package beyond the container's own: a valid
    SIP, and the catalog rows (dossier, documents) matching its EAD files.

    Raises:
        TamperedError: a check fails.
    """
    cid = row["id"]
    files = package_files(opened)
    problems = validate_sip(files)
    if problems:
        raise TamperedError(f"{cid}: {problems[0]}")
    doss = dossier_or_none(catalog, row["dossier_id"])
    if doss is None:
        raise TamperedError(f"{cid}: dossier row missing")
    if doss["container_id"] != cid:
        return  # an older version, kept
    if json.loads(doss["meta"]) != simpledc(read_all(files[EAD])):
        raise TamperedError(f"{cid}: catalog metadata of the dossier was changed")
    for d in document_meta_rows(catalog, row["dossier_id"]):
        name = f"{REP}/metadata/descriptive/EAD_doc_{d['doc_id']}.xml"
        if name not in files or json.loads(d["meta"]) != simpledc(read_all(files[name])):
            raise TamperedError(f"{cid}: catalog metadata of {d['doc_id']} was changed")
