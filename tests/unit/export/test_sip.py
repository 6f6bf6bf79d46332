"""SIP_hoso packages: layout, METS checksums, EAD fields, and the validator catching faults."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone

import pytest

from archive.export.sip import SipDocument, build_sip, validate_sip
from digitize.transfer.sip_fields import SIP_FIELDS

NOW = datetime(2025, 3, 4, 9, 30, 15, 250000, tzinfo=timezone(timedelta(hours=7)))
FCODE = "H49.64.33.2001.160"
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


def _pkg(n_docs: int = 2, **dossier: object):
    docs = [SipDocument({"docId": f"{FCODE}.{n}", "numberOfPage": n, "typeName": "02",
                         "subject": "Về việc <thử> & kiểm tra", "secrecy": ""},
                        b"%PDF-1.7 " + bytes([n]) * 100) for n in range(1, n_docs + 1)]
    meta = {"fileCode": FCODE, "title": "Hồ sơ tổ chức cán bộ", **dossier}
    return build_sip(meta, docs, fields=SIP_FIELDS, office_code="H49.64.33",
                     office_name="Sở Nội vụ", now=NOW, seed="d1/v1")


def test_layout_and_valid() -> None:
    p = _pkg()
    assert list(p.files) == [
        "METS.xml", "metadata/descriptive/EAD.xml", "schemas/mets.xsd", "schemas/xlink.xsd",
        "schemas/DILCISExtensionMETS.xsd", "schemas/DILCISExtensionSIPMETS.xsd",
        "schemas/ead.xsd", "schemas/ead_doc.xsd", "representations/rep1/METS.xml",
        f"representations/rep1/data/{FCODE}.1.pdf", f"representations/rep1/data/{FCODE}.2.pdf",
        f"representations/rep1/metadata/descriptive/EAD_doc_{FCODE}.1.xml",
        f"representations/rep1/metadata/descriptive/EAD_doc_{FCODE}.2.xml"]
    assert validate_sip(p.files) == []
    assert p.objid.startswith("uuid-") and p.objid[5:] == p.objid[5:].upper()


def test_mets_checksums_are_uppercase_sha256_with_sizes_and_mime() -> None:
    p = _pkg()
    root = ET.fromstring(p.files["METS.xml"])
    rep = ET.fromstring(p.files["representations/rep1/METS.xml"])
    ns = {"m": "http://www.loc.gov/METS/"}
    files = [("", f) for f in root.findall(".//m:file", ns)]
    files += [("representations/rep1/", f) for f in rep.findall(".//m:file", ns)]
    assert len(files) == 9  # root: 6 schemas + rep METS (once); rep: 2 PDFs
    sums = p.checksums()
    for base, f in files:
        href = base + f.find("m:FLocat", ns).get("{http://www.w3.org/1999/xlink}href")
        assert f.get("CHECKSUM") == sums[href] and f.get("CHECKSUM").isupper()
        assert f.get("CHECKSUMTYPE") == "SHA-256" and int(f.get("SIZE")) == len(p.files[href])
        assert f.get("MIMETYPE") == {"pdf": "application/pdf", "xml": "text/xml",
                                     "xsd": "application/xml"}[href[-3:]]
        assert f.get("ID").startswith("ID-")
    assert root.find("m:metsHdr", ns).get("CREATEDATE") == "2025-03-04T09:30:15.2+07:00"


def test_ead_fields_in_tt05_names() -> None:
    p = _pkg(3)
    ead = ET.fromstring(p.files["metadata/descriptive/EAD.xml"])
    assert ead.tag == "simpledc" and [c.tag for c in ead] == list(DOSSIER_FIELDS)
    assert ead.findtext("totalDoc") == "3" and ead.findtext("numberOfPage") == "6"
    doc = ET.fromstring(p.files[f"representations/rep1/metadata/descriptive/EAD_doc_{FCODE}.2.xml"])
    assert [c.tag for c in doc] == list(DOCUMENT_FIELDS)  # our own fields (secrecy) stay out
    assert doc.findtext("docCode") == f"{FCODE}.0000002"
    assert doc.findtext("subject") == "Về việc <thử> & kiểm tra"


def test_deterministic_for_the_same_dossier_version() -> None:
    assert _pkg().files == _pkg().files


def test_warnings_for_missing_required_fields() -> None:
    w = _pkg().warnings
    assert "EAD.xml: thiếu / missing maintenance" in w
    assert not any("fileCode" in x for x in w)
    full = _pkg(maintenance="01", mode="01", language="01", startDate="01/01/2001",
                endDate="02/02/2001").warnings
    assert not any(x.startswith("EAD.xml") for x in full)


@pytest.mark.parametrize("fault", ["flip", "drop", "extra", "malformed", "total"])
def test_validator_catches(fault: str) -> None:
    files = dict(_pkg().files)
    pdf = f"representations/rep1/data/{FCODE}.1.pdf"
    if fault == "flip":
        files[pdf] = files[pdf][:-1] + b"X"
    elif fault == "drop":
        del files[pdf]
    elif fault == "extra":
        files["representations/rep1/data/khac.pdf"] = b"%PDF"
    elif fault == "malformed":
        files["metadata/descriptive/EAD.xml"] = b"<simpledc><title>x</simpledc>"
    elif fault == "total":
        files["metadata/descriptive/EAD.xml"] = files["metadata/descriptive/EAD.xml"].replace(
            b"<totalDoc>2</totalDoc>", b"<totalDoc>9</totalDoc>")
    problems = validate_sip(files)
    assert problems, fault


def test_unsafe_doc_id_is_refused() -> None:
    with pytest.raises(ValueError):
        build_sip({"fileCode": FCODE}, [SipDocument({"docId": "../x"}, b"")],
                  fields=SIP_FIELDS, office_code="H49", office_name="x", now=NOW)


X = "{http://www.w3.org/1999/xlink}"
C = "{https://DILCIS.eu/XML/METS/CSIPExtensionMETS}"
M = "{http://www.loc.gov/METS/}"


def test_conformance_findings_of_issue_21() -> None:
    p = _pkg()
    root = ET.fromstring(p.files["METS.xml"])
    rep = ET.fromstring(p.files["representations/rep1/METS.xml"])
    assert root.get("PROFILE") == "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml"
    assert root.get("TYPE") == "Mixed" and rep.get("OBJID") != root.get("OBJID")
    assert root.find(M + "metsHdr").get("LASTMODDATE")
    assert "schemas/mets.xsd" in root.get("{http://www.w3.org/2001/XMLSchema-instance}"
                                          "schemaLocation")
    notes = {n.get(C + "NOTETYPE"): n.text for n in root.iter(M + "note")}
    assert notes["SOFTWARE VERSION"] and notes["IDENTIFICATIONCODE"] == "H49.64.33"
    top = root.find(M + "structMap").find(M + "div")
    divs = {d.get("LABEL"): d for d in top.findall(M + "div")}
    assert divs["Metadata"].get("DMDID") == root.find(M + "dmdSec").get("ID")
    mptr = divs["Representations/rep1"].find(M + "mptr")
    assert mptr.get(X + "href") == "representations/rep1/METS.xml"
    grp = [g for g in root.iter(M + "fileGrp") if g.get("USE") == "Representations/rep1"][0]
    assert grp.get(C + "CONTENTINFORMATIONTYPE") and len(grp) == 1  # only the rep's METS
    # each EAD_doc is tied to its PDF in the representation's structMap
    dmd = {d.get("ID"): d.find(M + "mdRef").get(X + "href") for d in rep.iter(M + "dmdSec")}
    fid = {f.get("ID"): f.find(M + "FLocat").get(X + "href") for f in rep.iter(M + "file")}
    ties = {fid[d.find(M + "fptr").get("FILEID")]: dmd[d.get("DMDID")]
            for d in rep.iter(M + "div") if d.get("DMDID") and d.find(M + "fptr") is not None}
    assert ties == {f"data/{FCODE}.{n}.pdf": f"metadata/descriptive/EAD_doc_{FCODE}.{n}.xml"
                    for n in (1, 2)}


def test_pdfs_as_streams_or_openers_give_the_same_package() -> None:
    import io

    def docs(kind: str) -> list[SipDocument]:
        out = []
        for n in (1, 2):
            data = b"%PDF-1.7 " + bytes([n]) * 100
            src = {"bytes": data, "stream": io.BytesIO(data),
                   "opener": lambda d=data: io.BytesIO(d)}[kind]
            out.append(SipDocument({"docId": f"{FCODE}.{n}", "numberOfPage": n}, src))
        return out
    built = [build_sip({"fileCode": FCODE, "title": "t"}, docs(k), fields=SIP_FIELDS,
                       office_code="H49", office_name="x", now=NOW, seed="s")
             for k in ("bytes", "stream", "opener")]
    assert built[0].files == built[1].files == built[2].files
    assert validate_sip(built[2].sources) == []


@pytest.mark.parametrize("fault", ["repeat", "untie", "same_objid", "paper", "profile"])
def test_validator_names_the_rule(fault: str) -> None:
    files = dict(_pkg(confidenceLevel="02", numberOfPaper=2).files)
    rep = "representations/rep1/METS.xml"
    if fault == "repeat":  # the root file group lists a representation's file again
        files["METS.xml"] = files["METS.xml"].replace(
            b'xlink:href="representations/rep1/METS.xml"',
            b'xlink:href="representations/rep1/data/' + FCODE.encode() + b'.1.pdf"', 1)
        rule = "CSIP114"
    elif fault == "untie":
        files[rep] = files[rep].replace(b'DMDID="uuid-', b'DMDX="uuid-')
        rule = "TT05-EAD_doc"
    elif fault == "same_objid":
        root_id = ET.fromstring(files["METS.xml"]).get("OBJID").encode()
        rep_id = ET.fromstring(files[rep]).get("OBJID").encode()
        files[rep] = files[rep].replace(rep_id, root_id)
        rule = "CSIP1"
    elif fault == "paper":
        files["metadata/descriptive/EAD.xml"] = files["metadata/descriptive/EAD.xml"].replace(
            b"<numberOfPaper>2</numberOfPaper>", b"<numberOfPaper />")
        rule = "TT05-numberOfPaper"
    else:
        files["METS.xml"] = files["METS.xml"].replace(b"earksip.dilcis.eu", b"example.org")
        rule = "SIP2"
    assert any(p.startswith(rule + " ") for p in validate_sip(files)), validate_sip(files)


def test_digitized_dossier_without_paper_code_is_warned() -> None:
    w = _pkg(confidenceLevel="02").warnings
    assert "EAD.xml: thiếu / missing paperFileCode (confidenceLevel=02)" in w


def test_package_validates_against_its_own_schemas(tmp_path) -> None:
    """Offline XSD check with the package's schemas/ (METS 1.12 + DILCIS extensions, and
    our EAD schemas): lxml comes with pyHanko."""
    from lxml import etree

    p = _pkg(confidenceLevel="02", numberOfPaper=2)
    for name, data in p.files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    s = tmp_path / "schemas"
    wrapper = tmp_path / "all.xsd"
    wrapper.write_text(
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
        f'<xs:import namespace="http://www.loc.gov/METS/" schemaLocation="{s}/mets.xsd"/>'
        '<xs:import namespace="https://DILCIS.eu/XML/METS/CSIPExtensionMETS" '
        f'schemaLocation="{s}/DILCISExtensionMETS.xsd"/>'
        '<xs:import namespace="https://DILCIS.eu/XML/METS/SIPExtensionMETS" '
        f'schemaLocation="{s}/DILCISExtensionSIPMETS.xsd"/></xs:schema>')
    mets = etree.XMLSchema(etree.parse(str(wrapper)))
    for name in ("METS.xml", "representations/rep1/METS.xml"):
        doc = etree.parse(str(tmp_path / name))
        assert mets.validate(doc), (name, mets.error_log)
    ead = etree.XMLSchema(etree.parse(str(s / "ead.xsd")))
    ead_doc = etree.XMLSchema(etree.parse(str(s / "ead_doc.xsd")))
    assert ead.validate(etree.parse(str(tmp_path / "metadata/descriptive/EAD.xml")))
    for f in (tmp_path / "representations/rep1/metadata/descriptive").iterdir():
        assert ead_doc.validate(etree.parse(str(f))), f
    # and a wrong attribute value is caught (the check is not vacuous)
    bad = etree.parse(str(tmp_path / "METS.xml"))
    bad.getroot().find("{http://www.loc.gov/METS/}metsHdr").set(
        "{https://DILCIS.eu/XML/METS/CSIPExtensionMETS}OAISPACKAGETYPE", "PARCEL")
    assert not mets.validate(bad)
