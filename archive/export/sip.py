"""SIP_hoso export packages of TT 05/2025 (E-ARK CSIP/SIP 2.0.4 layout): METS, EAD, EAD_doc,
PDFs and the schemas.

PDFs may be given as bytes, as seekable streams or as functions opening a stream (e.g. a file
of a container): they are read once to hash them and once more when the package is written,
never held whole in memory.
"""

from __future__ import annotations

import functools
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from importlib import metadata as _dist
from importlib import resources
from typing import Any, BinaryIO

from archive.clock import VN_TZ
from archive.export.sip_check import EAD, REP, ROOT_METS, validate_sip
from archive.export.sip_mets import Agent, FileRef, MetsParts, mets_xml
from archive.export.sip_source import Source, digest, open_source, read_all
from archive.export.stored import StoredFile

__all__ = [
    "SCHEMA_FILES",
    "SipDocument",
    "SipFields",
    "SipPackage",
    "build_sip",
    "validate_sip",
]


#: ``schemas/`` of every package (TT 05: METS.xsd and the EAD schemas; NOTICE.md beside them).
SCHEMA_FILES = ("mets.xsd", "xlink.xsd", "DILCISExtensionMETS.xsd",
                "DILCISExtensionSIPMETS.xsd", "ead.xsd", "ead_doc.xsd")
_UUID_NS = uuid.UUID("6f1c7a3e-2b4d-5e8f-9a0b-1c2d3e4f5a6b")


@dataclass(frozen=True)
class SipFields:
    """The elements the package writes, given by the caller (digitize owns the TT 05 list).

    ``dossier``: EAD.xml's elements in order; ``document``: each EAD_doc_*.xml's; the
    ``*_required`` ones are reported in :attr:`SipPackage.warnings` when empty.
    """

    dossier: Sequence[str]
    document: Sequence[str]
    dossier_required: Collection[str] = ()
    document_required: Collection[str] = ()


@dataclass(frozen=True)
class SipDocument:
    """One document of the dossier: its TT 05/2025 metadata (with ``docId``) and its PDF
    (bytes, a :class:`StoredFile` of an open container, a seekable binary stream, or a
    function that opens one)."""

    meta: Mapping[str, Any]
    pdf: Source


@dataclass
class SipPackage:
    """A built SIP_hoso: its OBJID and its files by relative path (``METS.xml`` first).

    ``sources`` hold bytes (XML, schemas) or the PDFs' streams; ``digests`` their SHA-256
    (upper-case hex) and size, as written in the METS files.
    """

    objid: str
    sources: dict[str, Source]
    digests: dict[str, tuple[str, int]]
    warnings: list[str] = field(default_factory=list)
    rep_objid: str = ""

    @property
    def files(self) -> dict[str, bytes]:
        """Every file's bytes (reads the PDF streams: for tests and small packages)."""
        return {n: read_all(s) for n, s in self.sources.items()}

    @property
    def size(self) -> int:
        """Total bytes of all files."""
        return sum(n for _, n in self.digests.values())

    def checksums(self) -> dict[str, str]:
        """SHA-256 (upper-case hex) of every file, by path."""
        return {n: d[0] for n, d in self.digests.items()}

    def items(self, prefix: str = "") -> Iterator[tuple[str, bytes | StoredFile | BinaryIO]]:
        """``(prefix + path, bytes or open stream)`` for every file, each stream opened only
        when reached and closed when the next is asked for (for ``write_container``)."""
        for name, src in self.sources.items():
            if isinstance(src, bytes | StoredFile):  # a StoredFile is an iterable of chunks
                yield prefix + name, src
            else:
                with open_source(src) as fh:
                    yield prefix + name, fh


def _stamp(dt: datetime) -> str:
    """``YYYY-MM-DDThh:mm:ss.s+07:00`` (STANDARDS 1.3)."""
    dt = dt.astimezone(VN_TZ)
    return f"{dt:%Y-%m-%dT%H:%M:%S}.{dt.microsecond // 100000}+07:00"


class _Ids:
    """Deterministic ``uuid-{UUID}`` ids: the same dossier version gives the same ids."""

    def __init__(self, seed: str) -> None:
        self.seed = seed

    def __call__(self, name: str, prefix: str = "uuid-") -> str:
        return prefix + str(uuid.uuid5(_UUID_NS, f"{self.seed}/{name}")).upper()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, list | tuple):
        return ",".join(_text(v) for v in value)
    return str(value)


def _simpledc(fields: Sequence[str], meta: Mapping[str, Any]) -> bytes:
    root = ET.Element("simpledc")
    for name in fields:
        ET.SubElement(root, name).text = _text(meta.get(name))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _missing(fields: Sequence[str], required: Collection[str], meta: Mapping[str, Any],
             where: str) -> list[str]:
    return [f"{where}: thiếu / missing {f}" for f in fields
            if f in required and _text(meta.get(f)) == ""]


def _dossier_meta(dossier: Mapping[str, Any], docs: Sequence[SipDocument]) -> dict[str, Any]:
    meta = dict(dossier)
    meta["totalDoc"] = len(docs)
    if _text(meta.get("numberOfPage")) == "":
        meta["numberOfPage"] = sum(int(d.meta.get("numberOfPage") or 0) for d in docs)
    if _text(meta.get("riskRecovery")) == "":
        meta["riskRecovery"] = "0"
    return meta


def _digitized_warnings(meta: Mapping[str, Any]) -> list[str]:
    """TT 05 (STANDARDS 2.2 #10, #15): a digitized dossier names its paper original."""
    if _text(meta.get("confidenceLevel")) != "02":
        return []
    return [f"EAD.xml: thiếu / missing {f} (confidenceLevel=02)"
            for f in ("numberOfPaper", "paperFileCode") if _text(meta.get(f)) == ""]


def _doc_meta(doc: SipDocument, n: int, file_code: str) -> dict[str, Any]:
    meta = dict(doc.meta)
    if not meta.get("docCode") and file_code:
        meta["docCode"] = f"{file_code}.{n:07d}"
    meta.setdefault("riskRecovery", "0")
    return meta


@functools.lru_cache(maxsize=1)
def _software_version() -> str:
    try:
        return _dist.version("digitize")
    except _dist.PackageNotFoundError:
        return "0"


def schema_bytes(name: str) -> bytes:
    """A schema shipped in every package (``archive/export/schemas/``)."""
    return resources.files("archive.export").joinpath("schemas", name).read_bytes()


class _Builder:
    """Collects a package's files with their digests and METS file references."""

    def __init__(self, ids: _Ids) -> None:
        self.ids = ids
        self.sources: dict[str, Source] = {}
        self.digests: dict[str, tuple[str, int]] = {}

    def add(self, path: str, src: Source, base: str = "") -> FileRef:
        """Add ``path`` (package-relative); the returned reference is relative to ``base``."""
        self.sources[path] = src
        self.digests[path] = digest(src)
        sha, size = self.digests[path]
        return FileRef(path[len(base):], sha, size, self.ids(path, "ID-"))


def build_sip(dossier: Mapping[str, Any], documents: Sequence[SipDocument], *,
              fields: SipFields, office_code: str, office_name: str, now: datetime | None = None,
              seed: str = "", software: tuple[str, str] | None = None) -> SipPackage:
    """Build a SIP_hoso package (XML in memory, PDFs streamed from their sources).

    Args:
        dossier: The dossier's TT 05/2025 fields (``fileCode``, ``title``, ...).
        documents: Its documents in order, each with ``docId`` in its metadata and its PDF.
        fields: The elements of EAD.xml and EAD_doc_*.xml, in order, and the required ones.
        office_code: Mã định danh of the submitting office.
        office_name: Its name.
        now: Creation time (default: now, +07:00).
        seed: Makes the package's UUIDs deterministic (e.g. ``"{dossier id}/v{version}"``).
        software: ``(name, version)`` of the software agent (default: digitize's).

    Returns:
        The package: ``METS.xml``, ``metadata/descriptive/EAD.xml``, ``schemas/*.xsd``,
        ``representations/rep1/{METS.xml, data/{docId}.pdf,
        metadata/descriptive/EAD_doc_{docId}.xml}``, and warnings for missing required fields.

    Raises:
        ValueError: a document has no ``docId`` or an unsafe one.
    """
    created = _stamp(now or datetime.now(VN_TZ))
    ids = _Ids(seed or f"{office_code}/{dossier.get('fileCode', '')}")
    objid, rep_objid = ids("package"), ids("representation/rep1")
    fcode = _text(dossier.get("fileCode"))
    dmeta = _dossier_meta(dossier, documents)
    warnings = _missing(fields.dossier, fields.dossier_required, dmeta, "EAD.xml") + \
        _digitized_warnings(dmeta)
    agent = Agent(office_code, office_name, *(software or ("digitize", _software_version())))
    label = _text(dmeta.get("title"))
    b = _Builder(ids)
    rep = REP + "/"
    pdf_refs, doc_refs = [], []
    for n, doc in enumerate(documents, 1):
        meta = _doc_meta(doc, n, fcode)
        did = _text(meta.get("docId"))
        if not did or "/" in did or did.startswith("."):
            raise ValueError(f"document {n}: missing or unsafe docId {did!r}")
        warnings += _missing(fields.document, fields.document_required, meta,
                             f"EAD_doc_{did}.xml")
        pdf_refs.append((did, b.add(f"{rep}data/{did}.pdf", doc.pdf, rep)))
        doc_refs.append(b.add(f"{rep}metadata/descriptive/EAD_doc_{did}.xml",
                              _simpledc(fields.document, meta), rep))
    doc_dmd = [(f, ids("dmd/" + rep + f.href)) for f in doc_refs]
    rep_mets = mets_xml(MetsParts(
        objid=rep_objid, label=label, created=created, modified=created,
        schema_base="../../schemas/", dmd=doc_dmd,
        groups=[("Data", [f for _, f in pdf_refs])],
        divs=[("Metadata", [d for _, d in doc_dmd], [], []),
              ("Data", [], [], [(did, [dmd_id], [pdf.id])
                                for (did, pdf), (_, dmd_id) in zip(pdf_refs, doc_dmd,
                                                                   strict=True)])]),
        agent)
    ead_ref = b.add(EAD, _simpledc(fields.dossier, dmeta))
    schema_refs = [b.add(f"schemas/{s}", schema_bytes(s)) for s in SCHEMA_FILES]
    rep_ref = b.add(f"{rep}METS.xml", rep_mets)
    ead_dmd = ids("dmd/" + EAD)
    root_mets = mets_xml(MetsParts(
        objid=objid, label=label, created=created, modified=created, schema_base="schemas/",
        dmd=[(ead_ref, ead_dmd)],
        groups=[("Schemas", schema_refs), ("Representations/rep1", [rep_ref])],
        divs=[("Metadata", [ead_dmd], [], []),
              ("Schemas", [], [f.id for f in schema_refs], [])],
        representation=("Representations/rep1", rep_ref.href, rep_ref.id)), agent)
    order = [ROOT_METS, EAD, *(f"schemas/{s}" for s in SCHEMA_FILES), f"{rep}METS.xml",
             *(rep + f.href for _, f in pdf_refs), *(rep + f.href for f in doc_refs)]
    b.add(ROOT_METS, root_mets)
    return SipPackage(objid, {p: b.sources[p] for p in order}, {p: b.digests[p] for p in order},
                      warnings, rep_objid)
