"""SIP_hoso export packages of TT 05/2025 (E-ARK CSIP layout): METS, EAD, EAD_doc, PDFs."""

from __future__ import annotations

import hashlib
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from archive.clock import VN_TZ
from archive.export.stored import StoredFile

__all__ = [
    "DOCUMENT_FIELDS",
    "DOSSIER_FIELDS",
    "SipDocument",
    "SipPackage",
    "build_sip",
    "validate_sip",
]


#: The 18 dossier elements of EAD.xml (STANDARDS 2.2), in the sample's order.
DOSSIER_FIELDS = ("fileCode", "title", "maintenance", "mode", "language", "startDate",
                  "endDate", "keyword", "totalDoc", "numberOfPaper", "numberOfPage", "format",
                  "inforSign", "confidenceLevel", "paperFileCode", "riskRecovery",
                  "riskRecoveryStatus", "description")
#: The 21 document elements of EAD_doc_*.xml (STANDARDS 2.3).
DOCUMENT_FIELDS = ("docId", "docCode", "maintenance", "typeName", "codeNumber", "codeNotation",
                   "issuedDate", "organName", "subject", "language", "numberOfPage", "inforSign",
                   "keyword", "mode", "confidenceLevel", "autograph", "format", "riskRecovery",
                   "riskRecoveryStatus", "process", "description")
_DOSSIER_REQUIRED = ("fileCode", "title", "maintenance", "mode", "language", "startDate",
                     "endDate", "totalDoc", "numberOfPage", "riskRecovery")
_DOCUMENT_REQUIRED = ("docId", "docCode", "maintenance", "typeName", "issuedDate", "organName",
                      "subject", "language", "numberOfPage", "mode", "riskRecovery")

NS = {"mets": "http://www.loc.gov/METS/", "xlink": "http://www.w3.org/1999/xlink",
      "csip": "https://DILCIS.eu/XML/METS/CSIPExtensionMETS"}
for _p, _u in NS.items():
    ET.register_namespace(_p, _u)
_M = "{" + NS["mets"] + "}"
_X = "{" + NS["xlink"] + "}"
_C = "{" + NS["csip"] + "}"
_PROFILE = "https://earkcsip.dilcis.eu/profile/E-ARK-CSIP.xml"
_UUID_NS = uuid.UUID("6f1c7a3e-2b4d-5e8f-9a0b-1c2d3e4f5a6b")
_MIME = {".pdf": "application/pdf", ".xml": "text/xml"}
ROOT_METS = "METS.xml"
REP = "representations/rep1"


@dataclass(frozen=True)
class SipDocument:
    """One document of the dossier: its TT 05/2025 metadata (with ``docId``) and its PDF."""

    meta: Mapping[str, Any]
    pdf: bytes | StoredFile  # a StoredFile is copied from its container when the SIP is sealed


@dataclass
class SipPackage:
    """A built SIP_hoso: its OBJID and files by relative path (``METS.xml`` first)."""

    objid: str
    files: dict[str, bytes]
    warnings: list[str] = field(default_factory=list)

    @property
    def size(self) -> int:
        """Total bytes of all files."""
        return sum(len(b) for b in self.files.values())

    def checksums(self) -> dict[str, str]:
        """SHA-256 (upper-case hex) of every file, by path."""
        return {n: _sha(b) for n, b in self.files.items()}


def _sha(data: bytes | StoredFile) -> str:
    if isinstance(data, StoredFile):  # streamed from its container: the signed manifest's
        return data.sha256.upper()
    return hashlib.sha256(data).hexdigest().upper()


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


def _missing(fields: Sequence[str], meta: Mapping[str, Any], where: str) -> list[str]:
    return [f"{where}: thiếu / missing {f}" for f in fields if _text(meta.get(f)) == ""]


def _dossier_meta(dossier: Mapping[str, Any], docs: Sequence[SipDocument]) -> dict[str, Any]:
    meta = dict(dossier)
    meta["totalDoc"] = len(docs)
    meta.setdefault("numberOfPage", sum(int(d.meta.get("numberOfPage") or 0) for d in docs))
    meta.setdefault("riskRecovery", "0")
    return meta


def _doc_meta(doc: SipDocument, n: int, file_code: str) -> dict[str, Any]:
    meta = dict(doc.meta)
    if not meta.get("docCode") and file_code:
        meta["docCode"] = f"{file_code}.{n:07d}"
    meta.setdefault("riskRecovery", "0")
    return meta


def _file_el(grp: ET.Element, ids: _Ids, path: str, href: str, data: bytes,
             created: str) -> None:
    f = ET.SubElement(grp, _M + "file", {
        "ID": ids(path, "ID-"), "MIMETYPE": _MIME.get(path[path.rfind("."):], "application/"
                                                       "octet-stream"),
        "SIZE": str(len(data)), "CREATED": created, "CHECKSUM": _sha(data),
        "CHECKSUMTYPE": "SHA-256"})
    ET.SubElement(f, _M + "FLocat", {"LOCTYPE": "URL", _X + "type": "simple", _X + "href": href})


def _md_ref(parent: ET.Element, ids: _Ids, path: str, href: str, data: bytes,
            created: str) -> None:
    dmd = ET.SubElement(parent, _M + "dmdSec", {"ID": ids("dmd/" + path), "CREATED": created,
                                                "STATUS": "CURRENT"})
    ET.SubElement(dmd, _M + "mdRef", {
        "LOCTYPE": "URL", _X + "type": "simple", _X + "href": href, "MDTYPE": "OTHER",
        "OTHERMDTYPE": "TT05-EAD", "MIMETYPE": "text/xml", "SIZE": str(len(data)),
        "CREATED": created, "CHECKSUM": _sha(data), "CHECKSUMTYPE": "SHA-256"})


def _mets(objid: str, label: str, kind: str, created: str, agent: tuple[str, str],
          dmd: Sequence[tuple[str, bytes]], groups: Sequence[tuple[str, Sequence[tuple[str,
          bytes]]]], ids: _Ids, base: str) -> bytes:
    """One METS document; ``dmd``/``groups`` paths are relative to ``base``."""
    root = ET.Element(_M + "mets", {
        "OBJID": objid, "LABEL": label, "TYPE": "Text", "PROFILE": _PROFILE,
        _C + "CONTENTINFORMATIONTYPE": "OTHER",
        _C + "OTHERCONTENTINFORMATIONTYPE": "TT05/2025-SIP_hoso"})
    hdr = ET.SubElement(root, _M + "metsHdr", {"CREATEDATE": created, "RECORDSTATUS": "NEW",
                                               _C + "OAISPACKAGETYPE": kind})
    org = ET.SubElement(hdr, _M + "agent", {"ROLE": "CREATOR", "TYPE": "ORGANIZATION"})
    ET.SubElement(org, _M + "name").text = agent[1]
    ET.SubElement(org, _M + "note").text = agent[0]
    sw = ET.SubElement(hdr, _M + "agent", {"ROLE": "CREATOR", "TYPE": "OTHER",
                                           "OTHERTYPE": "SOFTWARE"})
    ET.SubElement(sw, _M + "name").text = "digitize"
    for path, data in dmd:
        _md_ref(root, ids, base + path, path, data, created)
    sec = ET.SubElement(root, _M + "fileSec", {"ID": ids(base + "fileSec")})
    for use, files in groups:
        grp = ET.SubElement(sec, _M + "fileGrp", {"ID": ids(base + "grp/" + use), "USE": use})
        for path, data in files:
            _file_el(grp, ids, base + path, path, data, created)
    smap = ET.SubElement(root, _M + "structMap", {"ID": ids(base + "structMap"),
                                                  "TYPE": "PHYSICAL", "LABEL": "CSIP"})
    top = ET.SubElement(smap, _M + "div", {"ID": ids(base + "div"), "LABEL": objid})
    for use, files in groups:
        div = ET.SubElement(top, _M + "div", {"ID": ids(base + "div/" + use), "LABEL": use})
        for path, _ in files:
            ET.SubElement(div, _M + "fptr", {"FILEID": ids(base + path, "ID-")})
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def build_sip(dossier: Mapping[str, Any], documents: Sequence[SipDocument], *,
              office_code: str, office_name: str, now: datetime | None = None,
              seed: str = "") -> SipPackage:
    """Build a SIP_hoso package in memory.

    Args:
        dossier: The dossier's TT 05/2025 fields (``fileCode``, ``title``, ...).
        documents: Its documents in order, each with ``docId`` in its metadata and its PDF.
        office_code: Mã định danh of the submitting office.
        office_name: Its name.
        now: Creation time (default: now, +07:00).
        seed: Makes the package's UUIDs deterministic (e.g. ``"{dossier id}/v{version}"``).

    Returns:
        The package: ``METS.xml``, ``metadata/descriptive/EAD.xml``,
        ``representations/rep1/{METS.xml, data/{docId}.pdf,
        metadata/descriptive/EAD_doc_{docId}.xml}``, and warnings for missing required fields.
    """
    created = _stamp(now or datetime.now(VN_TZ))
    ids = _Ids(seed or f"{office_code}/{dossier.get('fileCode', '')}")
    objid = ids("package")
    fcode = _text(dossier.get("fileCode"))
    dmeta = _dossier_meta(dossier, documents)
    warnings = _missing(_DOSSIER_REQUIRED, dmeta, "EAD.xml")
    ead = _simpledc(DOSSIER_FIELDS, dmeta)
    data_files: list[tuple[str, bytes]] = []
    doc_md: list[tuple[str, bytes]] = []
    for n, doc in enumerate(documents, 1):
        meta = _doc_meta(doc, n, fcode)
        did = _text(meta.get("docId"))
        if not did or "/" in did:
            raise ValueError(f"document {n}: missing or unsafe docId {did!r}")
        warnings += _missing(_DOCUMENT_REQUIRED, meta, f"EAD_doc_{did}.xml")
        data_files.append((f"data/{did}.pdf", doc.pdf))
        doc_md.append((f"metadata/descriptive/EAD_doc_{did}.xml",
                       _simpledc(DOCUMENT_FIELDS, meta)))
    agent = (office_code, office_name)
    label = _text(dmeta.get("title"))
    rep_mets = _mets(objid, label, "SIP", created, agent, doc_md, [("Data", data_files)], ids,
                     REP + "/")
    rep_files = [("METS.xml", rep_mets), *data_files, *doc_md]
    root_mets = _mets(objid, label, "SIP", created, agent,
                      [("metadata/descriptive/EAD.xml", ead)],
                      [("Representations/rep1", [(f"{REP}/{p}", b) for p, b in rep_files])],
                      ids, "")
    files = {ROOT_METS: root_mets, "metadata/descriptive/EAD.xml": ead}
    files.update({f"{REP}/{p}": b for p, b in rep_files})
    return SipPackage(objid, files, warnings)


def _refs(mets: ET.Element) -> list[tuple[str, dict[str, str]]]:
    """(href, attributes) of every file and metadata reference of a METS document."""
    out = []
    for el in mets.iter():
        if el.tag == _M + "FLocat":
            continue
        if el.tag in (_M + "file", _M + "mdRef"):
            loc = el if el.tag == _M + "mdRef" else el.find(_M + "FLocat")
            href = loc.get(_X + "href", "") if loc is not None else ""
            out.append((href, dict(el.attrib)))
    return out


def _check_refs(mets_path: str, mets: ET.Element, files: Mapping[str, bytes]) -> list[str]:
    base = mets_path.rsplit("/", 1)[0] + "/" if "/" in mets_path else ""
    problems = []
    for href, attrs in _refs(mets):
        path = base + href
        if not href or ".." in href.split("/") or href.startswith("/"):
            problems.append(f"{mets_path}: unsafe or empty href {href!r}")
            continue
        if path not in files:
            problems.append(f"{mets_path}: {path} is listed but missing")
            continue
        data = files[path]
        if attrs.get("CHECKSUMTYPE") != "SHA-256" or attrs.get("CHECKSUM") != _sha(data):
            problems.append(f"{mets_path}: {path}: SHA-256 checksum mismatch")
        if attrs.get("SIZE") != str(len(data)):
            problems.append(f"{mets_path}: {path}: size mismatch")
        if not attrs.get("MIMETYPE"):
            problems.append(f"{mets_path}: {path}: no MIME type")
    return problems


def validate_sip(files: Mapping[str, bytes]) -> list[str]:
    """Check a SIP_hoso package; returns the problems found (empty when valid).

    Checks: the layout's required files; every XML file is well-formed; every file listed
    in a METS (root and representation) exists with its SHA-256 (upper-case hex) and size;
    every file of the package is listed; ``totalDoc`` matches the documents.
    """
    problems: list[str] = []
    for required in (ROOT_METS, "metadata/descriptive/EAD.xml", f"{REP}/METS.xml"):
        if required not in files:
            problems.append(f"missing {required}")
    parsed: dict[str, ET.Element] = {}
    for name, data in files.items():
        if name.endswith(".xml"):
            try:
                parsed[name] = ET.fromstring(data)
            except ET.ParseError as e:
                problems.append(f"{name}: not well-formed XML ({e})")
    listed: set[str] = set()
    for mets_path in (ROOT_METS, f"{REP}/METS.xml"):
        if mets_path in parsed:
            problems += _check_refs(mets_path, parsed[mets_path], files)
            base = mets_path.rsplit("/", 1)[0] + "/" if "/" in mets_path else ""
            listed |= {base + href for href, _ in _refs(parsed[mets_path])}
    for name in files:
        if name != ROOT_METS and name not in listed:
            problems.append(f"{name}: not listed in any METS.xml")
    docs = [n for n in files if n.startswith(f"{REP}/data/")]
    ead = parsed.get("metadata/descriptive/EAD.xml")
    if ead is not None and (ead.findtext("totalDoc") or "") != str(len(docs)):
        problems.append(f"EAD.xml: totalDoc {ead.findtext('totalDoc')!r} != {len(docs)} documents")
    for d in docs:
        did = d[len(f"{REP}/data/"):-len(".pdf")]
        if f"{REP}/metadata/descriptive/EAD_doc_{did}.xml" not in files:
            problems.append(f"{d}: no EAD_doc_{did}.xml")
    return problems
