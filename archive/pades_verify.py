"""Verification of PAdES signatures with pyHanko's validator against the admin's roots and CRLs."""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from asn1crypto import crl as asn1_crl
from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.misc import PdfReadError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.ades.report import AdESFailure, AdESIndeterminate
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.status import (
    ModificationLevel,
    PdfSignatureStatus,
    SignatureCoverageLevel,
)
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.policy_decl import (
    CertRevTrustPolicy,
    RevocationCheckingPolicy,
    RevocationCheckingRule,
)

from archive.errors import (
    CertificateExpired,
    CertificateRevoked,
    CertificateUntrusted,
    CrlOutdated,
    NotAPdf,
    PadesError,
    PadesSignatureInvalid,
    PdfNotSigned,
    PdfSignatureBroken,
)

__all__ = ["SignatureInfo", "verify_pdf", "signature_count", "load_certificates", "load_crl",
           "certificate_info", "crl_info"]

logging.getLogger("pyhanko").addHandler(logging.NullHandler())  # we report, not the library

_OK_CHANGES = (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES)
_EXPIRY = {AdESIndeterminate.EXPIRED, AdESIndeterminate.NOT_YET_VALID, AdESFailure.NOT_YET_VALID,
           AdESIndeterminate.OUT_OF_BOUNDS_NO_POE, AdESIndeterminate.OUT_OF_BOUNDS_NOT_REVOKED}
_REVOKED = {AdESFailure.REVOKED, AdESIndeterminate.REVOKED_NO_POE,
            AdESIndeterminate.REVOKED_CA_NO_POE}
_STALE_CRL = {AdESIndeterminate.TRY_LATER, AdESIndeterminate.REVOCATION_OUT_OF_BOUNDS_NO_POE}
_UNTRUSTED = {AdESIndeterminate.NO_CERTIFICATE_CHAIN_FOUND,
              AdESIndeterminate.CERTIFICATE_CHAIN_GENERAL_FAILURE}


@dataclass(frozen=True)
class SignatureInfo:
    """One valid signature of a PDF."""

    field: str
    signer: str
    serial: str
    signing_time: str  # ISO 8601 as claimed by the signer (/M)
    timestamp: str  # ISO 8601 of a trusted timestamp (B-T), else ""
    level: str  # "B-B" or "B-T"
    whole_file: bool  # nothing was appended after this signature


def _der_blocks(data: bytes, kinds: tuple[str, ...]) -> list[bytes]:
    if pem.detect(data):
        return [der for kind, _h, der in pem.unarmor(data, multiple=True) if kind in kinds]
    return [data]


def load_certificates(data: bytes) -> list[bytes]:
    """DER certificates from a PEM (one or more) or DER file.

    Raises:
        PadesError: Nothing in ``data`` parses as an X.509 certificate.
    """
    out = []
    try:
        for der in _der_blocks(data, ("CERTIFICATE",)):
            asn1_x509.Certificate.load(der).native  # noqa: B018 - parse fully
            out.append(der)
    except (ValueError, TypeError) as e:
        raise PadesError(f"not an X.509 certificate: {type(e).__name__}") from e
    if not out:
        raise PadesError("no certificate in the file")
    return out


def load_crl(data: bytes) -> bytes:
    """A DER certificate revocation list from a PEM or DER file.

    Raises:
        PadesError: ``data`` is not a CRL.
    """
    try:
        der = _der_blocks(data, ("X509 CRL",))[0]
        asn1_crl.CertificateList.load(der).native  # noqa: B018 - parse fully
    except (ValueError, TypeError, IndexError) as e:
        raise PadesError("not a certificate revocation list (CRL)") from e
    return der


def certificate_info(der: bytes) -> dict[str, str]:
    """Subject, issuer, validity and SHA-256 fingerprint of a certificate, for display."""
    cert = asn1_x509.Certificate.load(der)
    return {"subject": cert.subject.human_friendly, "issuer": cert.issuer.human_friendly,
            "not_after": cert.not_valid_after.isoformat(), "sha256": cert.sha256.hex().upper()}


def crl_info(der: bytes) -> dict[str, str | int]:
    """Issuer (name and a stable id), update times and number of entries of a DER CRL."""
    tbs = asn1_crl.CertificateList.load(der)["tbs_cert_list"]
    nxt = tbs["next_update"].native
    return {"issuer": tbs["issuer"].human_friendly,
            "issuer_id": hashlib.sha256(tbs["issuer"].dump()).hexdigest()[:32],
            "this_update": tbs["this_update"].native.isoformat(),
            "next_update": nxt.isoformat() if nxt else "",
            "revoked": len(tbs["revoked_certificates"] or [])}


def _listed(crls: list[asn1_crl.CertificateList], cert: asn1_x509.Certificate) -> bool:
    """Whether a CRL of the certificate's issuer lists it, however old the CRL (a revocation
    is final). Only ever used to refuse a signature, never to accept one."""
    for c in crls:
        tbs = c["tbs_cert_list"]
        if tbs["issuer"] == cert.issuer and any(
                r["user_certificate"].native == cert.serial_number
                for r in tbs["revoked_certificates"] or []):
            return True
    return False


def signature_count(pdf: bytes) -> int:
    """How many signatures the PDF holds (0 for an unsigned or unreadable file)."""
    try:
        return len(PdfFileReader(io.BytesIO(pdf), strict=False).embedded_regular_signatures)
    except (PdfReadError, ValueError, KeyError, TypeError):
        return 0


def verify_pdf(pdf: bytes, *, roots: Sequence[bytes], crls: Sequence[bytes] = (),
               name: str = "PDF", at: datetime | None = None) -> list[SignatureInfo]:
    """Validate every signature of ``pdf``: integrity, chain to ``roots``, CRLs, validity.

    No network: only the given roots and CRLs are used. Without a timestamp the certificate
    must be valid at ``at`` (default now), as ETSI validation of a B-B signature requires.

    Args:
        pdf: The file's bytes.
        roots: Trusted root certificates (DER).
        crls: Revocation lists (DER) the admin imported.
        name: The document's name, for messages.
        at: Validation time (default: now).

    Returns:
        One :class:`SignatureInfo` per signature, oldest first.

    Raises:
        PdfNotSigned: No signature.
        PdfSignatureBroken: The signed bytes changed, or the file changed after signing.
        CertificateExpired: The signing certificate is outside its validity period.
        CertificateRevoked: A CRL lists the signing certificate (or its CA).
        CertificateUntrusted: The chain does not end at a trusted root.
        PadesSignatureInvalid: Any other validation failure.
    """
    if b"%PDF-" not in pdf[:1024]:  # not a damaged signature: not a PDF at all
        raise NotAPdf(name)
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        sigs = reader.embedded_regular_signatures
    except (PdfReadError, ValueError, KeyError, TypeError) as e:
        raise PdfSignatureBroken(name) from e
    if not sigs:
        raise PdfNotSigned(name)
    roots_parsed = [asn1_x509.Certificate.load(r) for r in roots]
    crls_parsed = [asn1_crl.CertificateList.load(c) for c in crls]
    out = []
    for sig in sigs:
        vc = ValidationContext(trust_roots=roots_parsed, crls=crls_parsed, allow_fetching=False,
                               revinfo_policy=_revocation_policy(sig, crls_parsed), moment=at)
        try:
            status = validate_pdf_signature(sig, signer_validation_context=vc,
                                            ts_validation_context=vc)
        except Exception as e:  # pyHanko raises many kinds for malformed signatures
            logging.getLogger(__name__).debug("validation of %s failed", name, exc_info=True)
            raise PdfSignatureBroken(name) from e
        _judge(status, name, listed=_listed(crls_parsed, status.signing_cert))
        ts = status.timestamp_validity
        out.append(SignatureInfo(
            field=sig.field_name, signer=_cn(status.signing_cert),
            serial=format(status.signing_cert.serial_number, "X"),
            signing_time=status.signer_reported_dt.isoformat() if status.signer_reported_dt
            else "", timestamp=ts.timestamp.isoformat() if ts else "",
            level="B-T" if ts else "B-B",
            whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE))
    return out


def _revocation_policy(sig: EmbeddedPdfSignature, crls: list[asn1_crl.CertificateList]
                       ) -> CertRevTrustPolicy:
    """A CRL the admin imported from the signer's CA must be consulted, even for a
    certificate that names no distribution point; otherwise check what the chain declares."""
    try:
        issuer = sig.signer_cert.issuer
    except (AttributeError, ValueError):
        issuer = None
    covered = any(c["tbs_cert_list"]["issuer"] == issuer for c in crls)
    soft = RevocationCheckingRule.CHECK_IF_DECLARED_SOFT
    return CertRevTrustPolicy(RevocationCheckingPolicy(
        ee_certificate_rule=RevocationCheckingRule.CRL_REQUIRED if covered else soft,
        intermediate_ca_cert_rule=soft))


def _cn(cert: asn1_x509.Certificate) -> str:
    return str(cert.subject.native.get("common_name", cert.subject.human_friendly))


def _judge(st: PdfSignatureStatus, name: str, *, listed: bool = False) -> None:
    """Map pyHanko's status to one of our errors (integrity first, then trust)."""
    if not st.intact or not st.valid:
        raise PdfSignatureBroken(name)
    if st.coverage not in (SignatureCoverageLevel.ENTIRE_FILE,
                           SignatureCoverageLevel.ENTIRE_REVISION) \
            or st.modification_level not in _OK_CHANGES or st.docmdp_ok is False:
        raise PdfSignatureBroken(name)
    if st.revoked or listed:
        raise CertificateRevoked(name)
    indic = st.trust_problem_indic
    if st.trusted and indic is None:
        return
    if indic in _REVOKED:
        raise CertificateRevoked(name)
    if indic in _EXPIRY:
        raise CertificateExpired(name)
    if indic in _STALE_CRL:
        raise CrlOutdated(name)
    if indic in _UNTRUSTED or not st.trusted:
        raise CertificateUntrusted(name)
    raise PadesSignatureInvalid(f"{name} ({indic})")
