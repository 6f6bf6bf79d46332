"""PKCS#12 signing in memory and verification: valid, modified, untrusted, expired, revoked."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from cryptography.hazmat.primitives.serialization import Encoding
from pypdf import PdfReader

from archive.errors import (
    CertificateExpired,
    CertificateRevoked,
    CertificateUntrusted,
    CrlOutdated,
    NotAPdf,
    PadesError,
    PdfNotSigned,
    PdfSignatureBroken,
    SigningFileInvalid,
    SigningKeyUnavailable,
)
from archive.pades import Appearance, load_pkcs12, sign_pdf
from archive.pades_verify import (
    certificate_info,
    load_certificates,
    load_crl,
    signature_count,
    verify_pdf,
)
from ocr.pdfa import check_pdfa
from tests.softhsm import AGENCY, Ca
from tests.unit.pades.conftest import PIN

VN = timezone(timedelta(hours=7))
WHEN = datetime(2026, 11, 25, 15, 30, 0, tzinfo=VN)


@pytest.fixture(scope="module")
def signed(pdf: bytes, key: Any) -> bytes:
    return sign_pdf(pdf, key, agency=AGENCY, when=WHEN)


def test_signed_pdf_verifies_and_says_who_and_when(signed: bytes, root_der: bytes) -> None:
    [info] = verify_pdf(signed, roots=[root_der], name="H47.01.2026.01.1.pdf")
    assert info.signer == AGENCY and info.level == "B-B" and info.whole_file
    assert info.signing_time == "2026-11-25T15:30:00+07:00"
    assert signature_count(signed) == 1


def test_signature_is_an_incremental_update(pdf: bytes, signed: bytes) -> None:
    assert signed.startswith(pdf)  # the PDF/A's bytes are untouched in front of the update
    assert signed.count(b"%%EOF") == pdf.count(b"%%EOF") + 1


def test_signed_pdf_still_passes_the_pdfa_checks(pdf: bytes, signed: bytes) -> None:
    assert check_pdfa(pdf) == []
    assert check_pdfa(signed) == []
    assert re.search(rb"pdfaid:part", signed[len(pdf):]) is not None  # XMP kept, updated


def _appearance_stream(signed: bytes) -> tuple[Any, Any]:
    page = PdfReader(io.BytesIO(signed)).pages[0]
    [annot] = [a.get_object() for a in page["/Annots"]]
    return annot, annot["/AP"]["/N"].get_object()


def _fonts(xobj: Any) -> list[Any]:
    res = xobj.get("/Resources", {})
    out = [f.get_object() for f in res.get("/Font", {}).values()]
    for sub in res.get("/XObject", {}).values():
        out += _fonts(sub.get_object())
    return out


def test_appearance_is_pdfa_friendly(signed: bytes) -> None:
    annot, ap = _appearance_stream(signed)
    assert annot["/F"] & 4 and not annot["/F"] & (1 | 2 | 32)  # printed, never hidden
    x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
    media = [float(v) for v in PdfReader(io.BytesIO(signed)).pages[0].mediabox]
    assert x1 == pytest.approx(media[2] - 14, abs=1) and y1 == pytest.approx(media[3] - 14, abs=1)
    [font] = _fonts(ap)
    assert font["/Subtype"] == "/Type0" and "/ToUnicode" in font
    cid = font["/DescendantFonts"][0].get_object()
    assert "LiberationSerif" in cid["/BaseFont"]
    assert "/FontFile2" in cid["/FontDescriptor"].get_object()  # embedded
    widths = [w for chunk in cid["/W"][1::2] for w in chunk]
    assert max(widths) < 1100  # per 1000 em: the glyphs are not spread apart
    raw = _all_streams(ap)
    assert b"/CA" not in raw and b"/ca" not in raw and b"/SMask" not in raw  # no transparency


def _all_streams(xobj: Any) -> bytes:
    out = xobj.get_data() + repr(dict(xobj.get("/Resources", {}))).encode()
    for sub in xobj.get("/Resources", {}).get("/XObject", {}).values():
        out += _all_streams(sub.get_object())
    return out


def test_appearance_text_is_the_agency_and_time_in_vietnamese(signed: bytes) -> None:
    _annot, ap = _appearance_stream(signed)
    text = _all_streams(ap).decode("latin-1")
    actual = "".join(re.findall(r"/ActualText \((.*?)\)\s*>>", text, re.S))
    assert actual  # text is marked with its Unicode value for copy and search
    decoded = bytes(actual, "latin-1").decode("unicode_escape").encode("latin-1")
    utf16 = decoded.replace(b"\xfe\xff", b"").decode("utf-16-be")
    assert "Ủy ban nhân dân tỉnh Kiên Giang" in utf16 and "2026-11-25T15:30:00+07:00" in utf16


def test_a_changed_byte_is_reported(signed: bytes, root_der: bytes) -> None:
    at = signed.index(b"stream", 1000) + 40  # inside the signed image data
    bad = signed[:at] + bytes([signed[at] ^ 0x01]) + signed[at + 1:]
    with pytest.raises(PdfSignatureBroken) as e:
        verify_pdf(bad, roots=[root_der], name="X.pdf")
    assert "sửa đổi sau khi ký" in e.value.message("vi")


def test_untrusted_root_is_reported(signed: bytes) -> None:
    other = Ca("CA lạ").cert.public_bytes(Encoding.DER)
    with pytest.raises(CertificateUntrusted) as e:
        verify_pdf(signed, roots=[other], name="X.pdf")
    assert "gốc tin cậy" in e.value.message("vi") and "trusted root" in e.value.message("en")
    with pytest.raises(CertificateUntrusted):
        verify_pdf(signed, roots=[], name="X.pdf")


def test_expired_certificate_is_reported(pdf: bytes, ca: Ca, root_der: bytes) -> None:
    now = datetime.now(UTC)
    data, _ = ca.pkcs12(PIN, not_before=now - timedelta(days=400),
                        not_after=now - timedelta(days=5))
    signed = sign_pdf(pdf, load_pkcs12(data, PIN), agency=AGENCY, when=WHEN)
    with pytest.raises(CertificateExpired) as e:
        verify_pdf(signed, roots=[root_der], name="X.pdf")
    assert "hết hạn" in e.value.message("vi")


def test_certificate_revoked_by_an_imported_crl(signed: bytes, ca: Ca, root_der: bytes,
                                                 p12: tuple[bytes, Any]) -> None:
    crl = ca.crl([p12[1]])
    with pytest.raises(CertificateRevoked) as e:
        verify_pdf(signed, roots=[root_der], crls=[load_crl(crl)], name="X.pdf")
    assert "thu hồi" in e.value.message("vi")
    # a CRL of the same CA that does not list it changes nothing
    assert verify_pdf(signed, roots=[root_der], crls=[ca.crl([])], name="X.pdf")


def test_outdated_crl_is_reported_and_a_listed_certificate_stays_revoked(
        signed: bytes, ca: Ca, root_der: bytes, p12: tuple[bytes, Any]) -> None:
    stale = ca.crl([], age=timedelta(days=30), valid=timedelta(days=7))
    with pytest.raises(CrlOutdated) as e:
        verify_pdf(signed, roots=[root_der], crls=[stale], name="X.pdf")
    assert "quá hạn" in e.value.message("vi") and "out of date" in e.value.message("en")
    stale_listing = ca.crl([p12[1]], age=timedelta(days=30), valid=timedelta(days=7))
    with pytest.raises(CertificateRevoked):
        verify_pdf(signed, roots=[root_der], crls=[stale_listing], name="X.pdf")


def test_unsigned_pdf_is_reported(pdf: bytes, root_der: bytes) -> None:
    assert signature_count(pdf) == 0
    with pytest.raises(PdfNotSigned):
        verify_pdf(pdf, roots=[root_der], name="X.pdf")
    with pytest.raises(NotAPdf):  # not a damaged signature: not a PDF at all
        verify_pdf(b"not a pdf", roots=[root_der], name="X.pdf")
    with pytest.raises(PdfSignatureBroken):  # a PDF header over garbage
        verify_pdf(b"%PDF-1.7\n" + b"\x00garbage" * 50, roots=[root_der], name="X.pdf")


def test_wrong_pkcs12_passphrase(p12: tuple[bytes, Any]) -> None:
    with pytest.raises(SigningKeyUnavailable):
        load_pkcs12(p12[0], "sai")
    with pytest.raises(SigningFileInvalid, match="PKCS#12"):  # not "wrong PIN"
        load_pkcs12(b"garbage", PIN)
    with pytest.raises(SigningFileInvalid):
        load_pkcs12(p12[0][: len(p12[0]) // 3], PIN)  # a truncated file


def test_other_position_and_template(pdf: bytes, key: Any, root_der: bytes) -> None:
    look = Appearance(position="bottom-left", template="Đã ký số: {agency}")
    signed = sign_pdf(pdf, key, agency="Sở Tư pháp", when=WHEN, appearance=look)
    annot, _ap = _appearance_stream(signed)
    assert float(annot["/Rect"][0]) == 14 and float(annot["/Rect"][1]) == 14
    assert verify_pdf(signed, roots=[root_der])


def test_certificate_files(ca: Ca) -> None:
    der = ca.cert.public_bytes(Encoding.DER)
    assert load_certificates(ca.pem) == [der] == load_certificates(der)
    assert load_certificates(ca.pem + Ca("khác").pem)[0] == der
    info = certificate_info(der)
    assert info["sha256"] == ca.cert.fingerprint(ca.cert.signature_hash_algorithm).hex().upper()
    with pytest.raises(PadesError):
        load_certificates(b"-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n")
    with pytest.raises(PadesError):
        load_crl(b"nonsense")


def test_info_and_xmp_metadata_agree_after_signing(signed: bytes) -> None:
    reader = PdfReader(io.BytesIO(signed))
    info = reader.trailer["/Info"].get_object()
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    producer = re.search(r'pdf:Producer(?:>|=")([^<"]*)', xmp)
    assert producer and info["/Producer"] == producer.group(1)  # PDF/A: Info equals XMP
    modified = re.search(r'xmp:ModifyDate(?:>|=")([^<"]*)', xmp)
    assert modified
    stamp = datetime.fromisoformat(modified.group(1))
    mod = info["/ModDate"]  # D:YYYYMMDDHHmmSS followed by Z or an offset
    assert mod[2:16] == stamp.astimezone(UTC).strftime("%Y%m%d%H%M%S") or \
        mod[2:16] == stamp.strftime("%Y%m%d%H%M%S")
    assert "pdfaid:part" in xmp
