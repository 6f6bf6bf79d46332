"""Check a SIP_hoso package: E-ARK CSIP/SIP 2.0.4 rules we rely on, checksums, TT 05 layout.

Every problem starts with the id of the rule it breaks (``CSIP109``, ``SIP2``, ``TT05-...``,
``CHECKSUM``...), so a receiving report can say which rule rejected a package.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping

from archive.export.sip_mets import NS, SIP_PROFILE
from archive.export.sip_source import Source, digest, read_all

__all__ = ["EAD", "REP", "ROOT_METS", "validate_sip"]

ROOT_METS = "METS.xml"
REP = "representations/rep1"
EAD = "metadata/descriptive/EAD.xml"
REP_METS = f"{REP}/METS.xml"
_REQUIRED_SCHEMAS = ("schemas/mets.xsd", "schemas/ead.xsd", "schemas/ead_doc.xsd")
#: CSIP 2.0.4 content-category vocabulary (mets/@TYPE).
_TYPES = {"Textual works – Print", "Textual works – Digital",
          "Textual works – Electronic Serials",
          "Digital Musical Composition (score-based representations)", "Photographs – Print",
          "Photographs – Digital", "Other Graphic Images – Print",
          "Other Graphic Images – Digital", "Microforms",
          "Audio – On Tangible Medium (digital or analog)",
          "Audio – Media-independent (digital)", "Motion Pictures – Digital and Physical Media",
          "Video – File-based and Physical Media", "Software", "Datasets", "Geospatial Data",
          "Databases", "Websites", "Collection", "Event", "Interactive resource",
          "Physical object", "Service", "Mixed", "Other"}
_M = "{" + NS["mets"] + "}"
_X = "{" + NS["xlink"] + "}"
_C = "{" + NS["csip"] + "}"


def _refs(mets: ET.Element) -> list[tuple[str, dict[str, str], str]]:
    """(href, attributes, element tag) of every file and metadata reference of a METS."""
    out = []
    for el in mets.iter():
        if el.tag in (_M + "file", _M + "mdRef"):
            loc = el if el.tag == _M + "mdRef" else el.find(_M + "FLocat")
            href = loc.get(_X + "href", "") if loc is not None else ""
            out.append((href, dict(el.attrib), el.tag))
    return out


def _check_refs(mets_path: str, mets: ET.Element, files: Mapping[str, Source],
                digests: dict[str, tuple[str, int]]) -> list[str]:
    base = mets_path.rsplit("/", 1)[0] + "/" if "/" in mets_path else ""
    problems = []
    for href, attrs, _ in _refs(mets):
        path = base + href
        if not href or ".." in href.split("/") or href.startswith("/"):
            problems.append(f"CSIP79 {mets_path}: unsafe or empty href {href!r}")
            continue
        if path not in files:
            problems.append(f"CSIPSTR {mets_path}: {path} is listed but missing")
            continue
        if path not in digests:
            digests[path] = digest(files[path])
        sha, size = digests[path]
        if attrs.get("CHECKSUMTYPE") != "SHA-256" or attrs.get("CHECKSUM") != sha:
            problems.append(f"CHECKSUM {mets_path}: {path}: SHA-256 checksum mismatch")
        if attrs.get("SIZE") != str(size):
            problems.append(f"CHECKSUM {mets_path}: {path}: size mismatch")
        if not attrs.get("MIMETYPE"):
            problems.append(f"CSIP68 {mets_path}: {path}: no MIME type")
    return problems


def _check_header(name: str, mets: ET.Element) -> list[str]:
    out = []
    if not mets.get("OBJID"):
        out.append(f"CSIP1 {name}: no OBJID")
    if mets.get("TYPE") not in _TYPES:
        out.append(f"CSIP2 {name}: TYPE {mets.get('TYPE')!r} is not in the CSIP vocabulary")
    if mets.get("PROFILE") != SIP_PROFILE:
        out.append(f"SIP2 {name}: PROFILE is not {SIP_PROFILE}")
    hdr = mets.find(_M + "metsHdr")
    agents = hdr.findall(_M + "agent") if hdr is not None else []
    if hdr is None or not hdr.get("LASTMODDATE") or not hdr.get("CREATEDATE"):
        out.append(f"CSIP8 {name}: metsHdr without CREATEDATE/LASTMODDATE")
    sw = [a for a in agents if a.get("OTHERTYPE") == "SOFTWARE"]
    if not any(n.get(_C + "NOTETYPE") == "SOFTWARE VERSION" and (n.text or "").strip()
               for a in sw for n in a.findall(_M + "note")):
        out.append(f"CSIP16 {name}: software agent without a SOFTWARE VERSION note")
    orgs = [a for a in agents if a.get("TYPE") in ("ORGANIZATION", "INDIVIDUAL")]
    if not orgs or any(n.get(_C + "NOTETYPE") != "IDENTIFICATIONCODE"
                       for a in orgs for n in a.findall(_M + "note")):
        out.append(f"SIP14 {name}: organisation agent without an IDENTIFICATIONCODE note")
    return out


def _top_div(name: str, mets: ET.Element, out: list[str]) -> ET.Element | None:
    smap = mets.find(_M + "structMap")
    if smap is None or smap.get("LABEL") != "CSIP" or smap.get("TYPE") != "PHYSICAL":
        out.append(f"CSIP82 {name}: no PHYSICAL structMap labelled CSIP")
        return None
    top = smap.find(_M + "div")
    if top is None or top.get("LABEL") != mets.get("OBJID"):
        out.append(f"CSIP86 {name}: the structMap's package div is not labelled with the OBJID")
        return None
    dmd_ids = {d.get("ID") for d in mets.findall(_M + "dmdSec")}
    md = [d for d in top.findall(_M + "div") if d.get("LABEL") == "Metadata"]
    used = set((md[0].get("DMDID") or "").split()) if md else set()
    if not md or not dmd_ids or used != dmd_ids:
        out.append(f"CSIP92 {name}: the Metadata div does not reference every dmdSec")
    return top


def _check_root(mets: ET.Element, out: list[str]) -> None:
    top = _top_div(ROOT_METS, mets, out)
    groups = {g.get("USE"): g for g in mets.iter(_M + "fileGrp")}
    schemas = groups.get("Schemas")
    listed = {h for h, _, _ in _refs(schemas)} if schemas is not None else set()
    if any(s not in listed for s in _REQUIRED_SCHEMAS):
        out.append("CSIP113 METS.xml: no Schemas file group with METS.xsd and the EAD schemas")
    for use, grp in groups.items():
        for href, _, _ in _refs(grp):
            if href.startswith("representations/") and href != REP_METS:
                out.append(f"CSIP114 METS.xml: {use} repeats a representation's file {href}")
    rep = [d for d in top.findall(_M + "div") if d.get("LABEL") == "Representations/rep1"] \
        if top is not None else []
    mptr = rep[0].find(_M + "mptr") if rep else None
    if mptr is None or mptr.get(_X + "href") != REP_METS or not mptr.get(_X + "title"):
        out.append("CSIP109 METS.xml: no mptr to representations/rep1/METS.xml")
    grp = groups.get("Representations/rep1")
    if grp is None or not grp.get(_C + "CONTENTINFORMATIONTYPE"):
        out.append("CSIP62 METS.xml: representation file group without CONTENTINFORMATIONTYPE")


def _check_rep(mets: ET.Element, root: ET.Element | None, files: Mapping[str, Source],
               out: list[str]) -> None:
    if root is not None and mets.get("OBJID") == root.get("OBJID"):
        out.append("CSIP1 representation METS: OBJID equals the package's")
    top = _top_div(REP_METS, mets, out)
    dmd_href = {d.get("ID"): d.find(_M + "mdRef").get(_X + "href", "")
                for d in mets.findall(_M + "dmdSec") if d.find(_M + "mdRef") is not None}
    file_href = {f.get("ID"): f.find(_M + "FLocat").get(_X + "href", "")
                 for f in mets.iter(_M + "file") if f.find(_M + "FLocat") is not None}
    tied: dict[str, str] = {}
    for div in top.iter(_M + "div") if top is not None else ():
        for fp in div.findall(_M + "fptr"):
            for d in (div.get("DMDID") or "").split():
                tied[file_href.get(fp.get("FILEID"), "")] = dmd_href.get(d, "")
    for name in files:
        if name.startswith(f"{REP}/data/") and name.endswith(".pdf"):
            did = name[len(f"{REP}/data/"):-4]
            want = f"metadata/descriptive/EAD_doc_{did}.xml"
            if f"{REP}/{want}" not in files:
                out.append(f"TT05-EAD_doc {name}: no EAD_doc_{did}.xml")
            elif tied.get(f"data/{did}.pdf") != want:
                out.append(f"TT05-EAD_doc {REP_METS}: nothing ties EAD_doc_{did}.xml to its PDF")


def _check_ead(ead: ET.Element, n_docs: int, out: list[str]) -> None:
    if (ead.findtext("totalDoc") or "") != str(n_docs):
        out.append(f"TT05-totalDoc EAD.xml: totalDoc {ead.findtext('totalDoc')!r} != "
                   f"{n_docs} documents")
    if (ead.findtext("confidenceLevel") or "") == "02" and not ead.findtext("numberOfPaper"):
        out.append("TT05-numberOfPaper EAD.xml: a digitized dossier (confidenceLevel=02) "
                   "needs numberOfPaper")


def validate_sip(files: Mapping[str, Source]) -> list[str]:
    """Check a SIP_hoso package (paths relative to its folder); returns the problems found,
    each starting with the rule id (empty when valid).

    Checks the layout's required files and schemas; that every XML file is well-formed; the
    METS header (profile, type, agents), structMaps (Metadata div, mptr to the
    representation, each EAD_doc tied to its PDF); that every file listed exists with its
    SHA-256 (upper-case hex) and size, every file is listed exactly once, and ``totalDoc``.
    """
    problems: list[str] = []
    for required in (ROOT_METS, EAD, REP_METS, *_REQUIRED_SCHEMAS):
        if required not in files:
            problems.append(f"CSIPSTR missing {required}")
    parsed: dict[str, ET.Element] = {}
    for name, src in files.items():
        if name.endswith(".xml"):
            try:
                parsed[name] = ET.fromstring(read_all(src))
            except ET.ParseError as e:
                problems.append(f"XML {name}: not well-formed ({e})")
    digests: dict[str, tuple[str, int]] = {}
    seen: dict[str, int] = {}
    for mets_path in (ROOT_METS, REP_METS):
        if mets_path not in parsed:
            continue
        mets = parsed[mets_path]
        problems += _check_header(mets_path, mets) + _check_refs(mets_path, mets, files, digests)
        base = mets_path.rsplit("/", 1)[0] + "/" if "/" in mets_path else ""
        for href, _, _ in _refs(mets):
            seen[base + href] = seen.get(base + href, 0) + 1
    if ROOT_METS in parsed:
        _check_root(parsed[ROOT_METS], problems)
    if REP_METS in parsed:
        _check_rep(parsed[REP_METS], parsed.get(ROOT_METS), files, problems)
    for name in files:
        if name != ROOT_METS and seen.get(name, 0) != 1:
            problems.append(f"CSIPSTR {name}: listed {seen.get(name, 0)} times in the METS "
                            "files (must be once)")
    if EAD in parsed:
        n_docs = sum(1 for n in files if n.startswith(f"{REP}/data/"))
        _check_ead(parsed[EAD], n_docs, problems)
    return problems
