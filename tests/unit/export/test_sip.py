"""SIP_hoso packages: layout, METS checksums, EAD fields, and the validator catching faults."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone

import pytest

from archive.export.sip import DOCUMENT_FIELDS, DOSSIER_FIELDS, SipDocument, build_sip, validate_sip

NOW = datetime(2025, 3, 4, 9, 30, 15, 250000, tzinfo=timezone(timedelta(hours=7)))
FCODE = "H49.64.33.2001.160"


def _pkg(n_docs: int = 2, **dossier: object):
    docs = [SipDocument({"docId": f"{FCODE}.{n}", "numberOfPage": n, "typeName": "02",
                         "subject": "Về việc <thử> & kiểm tra", "secrecy": ""},
                        b"%PDF-1.7 " + bytes([n]) * 100) for n in range(1, n_docs + 1)]
    meta = {"fileCode": FCODE, "title": "Hồ sơ tổ chức cán bộ", **dossier}
    return build_sip(meta, docs, office_code="H49.64.33", office_name="Sở Nội vụ", now=NOW,
                     seed="d1/v1")


def test_layout_and_valid() -> None:
    p = _pkg()
    assert list(p.files) == [
        "METS.xml", "metadata/descriptive/EAD.xml", "representations/rep1/METS.xml",
        f"representations/rep1/data/{FCODE}.1.pdf", f"representations/rep1/data/{FCODE}.2.pdf",
        f"representations/rep1/metadata/descriptive/EAD_doc_{FCODE}.1.xml",
        f"representations/rep1/metadata/descriptive/EAD_doc_{FCODE}.2.xml"]
    assert validate_sip(p.files) == []
    assert p.objid.startswith("uuid-") and p.objid[5:] == p.objid[5:].upper()


def test_mets_checksums_are_uppercase_sha256_with_sizes_and_mime() -> None:
    p = _pkg()
    root = ET.fromstring(p.files["METS.xml"])
    ns = {"m": "http://www.loc.gov/METS/"}
    files = root.findall(".//m:file", ns)
    assert len(files) == 5  # rep METS, 2 PDFs, 2 EAD_doc
    sums = p.checksums()
    for f in files:
        href = f.find("m:FLocat", ns).get("{http://www.w3.org/1999/xlink}href")
        assert f.get("CHECKSUM") == sums[href] and f.get("CHECKSUM").isupper()
        assert f.get("CHECKSUMTYPE") == "SHA-256" and int(f.get("SIZE")) == len(p.files[href])
        assert f.get("MIMETYPE") == ("application/pdf" if href.endswith(".pdf") else "text/xml")
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
                  office_code="H49", office_name="x", now=NOW)
