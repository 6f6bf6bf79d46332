"""The two METS documents of a SIP_hoso (E-ARK CSIP/SIP 2.0.4): package root and representation."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["NS", "SIP_PROFILE", "Agent", "FileRef", "MetsParts", "mets_xml"]

NS = {"mets": "http://www.loc.gov/METS/", "xlink": "http://www.w3.org/1999/xlink",
      "csip": "https://DILCIS.eu/XML/METS/CSIPExtensionMETS",
      "sip": "https://DILCIS.eu/XML/METS/SIPExtensionMETS",
      "xsi": "http://www.w3.org/2001/XMLSchema-instance"}
for _p, _u in NS.items():
    ET.register_namespace(_p, _u)
_M = "{" + NS["mets"] + "}"
_X = "{" + NS["xlink"] + "}"
_C = "{" + NS["csip"] + "}"
_XSI = "{" + NS["xsi"] + "}"
#: SIP2: the E-ARK SIP profile (which builds on CSIP).
SIP_PROFILE = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml"
#: CSIP2: from the 2.0.4 content-category vocabulary; TT 05's SIP_hoso uses ``Mixed``.
PACKAGE_TYPE = "Mixed"
CONTENT_TYPE = "OTHER"
OTHER_CONTENT_TYPE = "TT05/2025-SIP_hoso"
_MIME = {".pdf": "application/pdf", ".xml": "text/xml", ".xsd": "application/xml"}


@dataclass(frozen=True)
class Agent:
    """The organisation (office) and the software that made the package."""

    office_code: str
    office_name: str
    software: str
    software_version: str


@dataclass(frozen=True)
class FileRef:
    """A file as METS lists it: path relative to the METS document, checksum, size, ids."""

    href: str
    sha256: str
    size: int
    id: str

    @property
    def mimetype(self) -> str:
        return _MIME.get(self.href[self.href.rfind("."):], "application/octet-stream")


@dataclass(frozen=True)
class MetsParts:
    """What goes in one METS document.

    Attributes:
        objid, label, created, modified: ``mets/@OBJID``, ``@LABEL``, header dates.
        schema_base: Path from this METS to the package's ``schemas/`` folder.
        dmd: Descriptive metadata files (EAD.xml or the EAD_doc files) with their dmdSec ids.
        groups: ``(USE, files)`` file groups.
        divs: ``(LABEL, DMDIDs, fptr ids, children)`` divisions of the structMap under the
            package div; children are ``(LABEL, DMDIDs, fptr ids)``.
        representation: ``(LABEL, href, file id)`` for an mptr to a representation METS.
    """

    objid: str
    label: str
    created: str
    modified: str
    schema_base: str
    dmd: Sequence[tuple[FileRef, str]]
    groups: Sequence[tuple[str, Sequence[FileRef]]]
    divs: Sequence[tuple[str, Sequence[str], Sequence[str],
                         Sequence[tuple[str, Sequence[str], Sequence[str]]]]]
    representation: tuple[str, str, str] | None = None


def _agents(hdr: ET.Element, agent: Agent) -> None:
    sw = ET.SubElement(hdr, _M + "agent", {"ROLE": "CREATOR", "TYPE": "OTHER",
                                           "OTHERTYPE": "SOFTWARE"})
    ET.SubElement(sw, _M + "name").text = agent.software
    ET.SubElement(sw, _M + "note", {_C + "NOTETYPE": "SOFTWARE VERSION"}).text = \
        agent.software_version
    # SIP9-14 (archival creator, ARCHIVIST) and SIP15-20 (submitting agent, CREATOR): the
    # office both times, as in the SIP profile's own example
    for role in ("ARCHIVIST", "CREATOR"):
        attrs = {"ROLE": role, "TYPE": "ORGANIZATION"}
        org = ET.SubElement(hdr, _M + "agent", attrs)
        ET.SubElement(org, _M + "name").text = agent.office_name
        ET.SubElement(org, _M + "note", {_C + "NOTETYPE": "IDENTIFICATIONCODE"}).text = \
            agent.office_code


def _schema_location(base: str) -> str:
    return " ".join([NS["mets"], base + "mets.xsd", NS["xlink"], base + "xlink.xsd",
                     NS["csip"], base + "DILCISExtensionMETS.xsd",
                     NS["sip"], base + "DILCISExtensionSIPMETS.xsd"])


def _file(grp: ET.Element, f: FileRef, created: str) -> None:
    el = ET.SubElement(grp, _M + "file", {
        "ID": f.id, "MIMETYPE": f.mimetype, "SIZE": str(f.size), "CREATED": created,
        "CHECKSUM": f.sha256, "CHECKSUMTYPE": "SHA-256"})
    ET.SubElement(el, _M + "FLocat", {"LOCTYPE": "URL", _X + "type": "simple",
                                      _X + "href": f.href})


def _div(parent: ET.Element, div_id: str, label: str, dmdids: Sequence[str],
         fptrs: Sequence[str]) -> ET.Element:
    attrs = {"ID": div_id, "LABEL": label}
    if dmdids:
        attrs["DMDID"] = " ".join(dmdids)
    div = ET.SubElement(parent, _M + "div", attrs)
    for fid in fptrs:
        ET.SubElement(div, _M + "fptr", {"FILEID": fid})
    return div


def mets_xml(parts: MetsParts, agent: Agent) -> bytes:
    """One METS document (root or representation) as UTF-8 bytes."""
    p = parts
    root = ET.Element(_M + "mets", {
        "OBJID": p.objid, "LABEL": p.label, "TYPE": PACKAGE_TYPE, "PROFILE": SIP_PROFILE,
        _C + "CONTENTINFORMATIONTYPE": CONTENT_TYPE,
        _C + "OTHERCONTENTINFORMATIONTYPE": OTHER_CONTENT_TYPE,
        _XSI + "schemaLocation": _schema_location(p.schema_base)})
    hdr = ET.SubElement(root, _M + "metsHdr", {
        "CREATEDATE": p.created, "LASTMODDATE": p.modified, "RECORDSTATUS": "NEW",
        _C + "OAISPACKAGETYPE": "SIP"})
    _agents(hdr, agent)
    for f, dmd_id in p.dmd:
        sec = ET.SubElement(root, _M + "dmdSec", {"ID": dmd_id, "CREATED": p.created,
                                                  "STATUS": "CURRENT"})
        ET.SubElement(sec, _M + "mdRef", {
            "LOCTYPE": "URL", _X + "type": "simple", _X + "href": f.href, "MDTYPE": "OTHER",
            "OTHERMDTYPE": "TT05-EAD", "MIMETYPE": "text/xml", "SIZE": str(f.size),
            "CREATED": p.created, "CHECKSUM": f.sha256, "CHECKSUMTYPE": "SHA-256"})
    sec = ET.SubElement(root, _M + "fileSec", {"ID": p.objid + "-fileSec"})
    for use, files in p.groups:
        attrs = {"ID": f"{p.objid}-grp-{use.replace('/', '-')}", "USE": use}
        if use.startswith("Representations") or use == "Data":
            attrs[_C + "CONTENTINFORMATIONTYPE"] = CONTENT_TYPE
            attrs[_C + "OTHERCONTENTINFORMATIONTYPE"] = OTHER_CONTENT_TYPE
        grp = ET.SubElement(sec, _M + "fileGrp", attrs)
        for f in files:
            _file(grp, f, p.created)
    smap = ET.SubElement(root, _M + "structMap", {"ID": p.objid + "-structMap",
                                                  "TYPE": "PHYSICAL", "LABEL": "CSIP"})
    top = ET.SubElement(smap, _M + "div", {"ID": p.objid + "-div", "LABEL": p.objid})
    for n, (label, dmdids, fptrs, children) in enumerate(p.divs):
        div = _div(top, f"{p.objid}-div-{n}", label, dmdids, fptrs)
        for k, (clabel, cdmd, cptr) in enumerate(children):
            _div(div, f"{p.objid}-div-{n}-{k}", clabel, cdmd, cptr)
    if p.representation is not None:
        label, href, file_id = p.representation
        div = ET.SubElement(top, _M + "div", {"ID": p.objid + "-div-rep", "LABEL": label})
        ET.SubElement(div, _M + "mptr", {"LOCTYPE": "URL", _X + "type": "simple",
                                         _X + "href": href, _X + "title": file_id})
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
