"""PAdES through a real PKCS#11 token (SoftHSM2 set up by the fixtures), checked by pyHanko and
poppler's pdfsig; the signed PDF stays PDF/A; digitize verify and the sign commands."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding

from archive.errors import (
    CertificateExpired,
    CertificateRevoked,
    CertificateUntrusted,
    PdfSignatureBroken,
    SigningKeyUnavailable,
)
from archive.pades import open_pkcs11, sign_pdf
from archive.pades_verify import verify_pdf
from digitize.core import Workspace
from digitize.devtools.sample import render_text_page
from digitize.pipeline.run import process
from digitize.records import signing
from ocr.pdf import PdfPage, build_pdf
from ocr.pdfa import check_pdfa
from tests.integration.conftest import write_pages
from tests.softhsm import AGENCY, SOFTHSM_LIB, Ca, Token, init_token, softhsm, test_ca, token

pytestmark = pytest.mark.integration
__all__ = ["softhsm", "test_ca", "token"]  # fixtures used by name

CLI = [sys.executable, "-m", "digitize.cli"]
WHEN = datetime.now(timezone(timedelta(hours=7))).replace(microsecond=0)


@pytest.fixture
def shm() -> Iterator[Path]:
    """A RAM folder for files that external tools (pdfsig) must read; wiped afterwards."""
    d = Path(tempfile.mkdtemp(dir="/dev/shm", prefix="pades-test-"))
    yield d
    shutil.rmtree(d)


@pytest.fixture(scope="module")
def pdf() -> bytes:
    img, _ = render_text_page("Công văn số 45/UBND-VP về việc số hóa hồ sơ", dpi=150,
                              size_pt=13)
    return build_pdf([PdfPage(img[: img.shape[0] // 2], 150, None)], title="Công văn",
                     author=AGENCY)


def pdfsig(pdf: bytes, shm: Path) -> dict[str, str]:
    """Run poppler's pdfsig on ``pdf`` and parse its report of signature 1."""
    path = shm / "doc.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, timeout=60)
    fields = dict(re.findall(r"^[ \t]+- ([^:\n]+): (.*)$", out.stdout, re.M))
    fields["_total"] = "yes" if "Total document signed" in out.stdout else "no"
    fields["_out"] = out.stdout + out.stderr
    return fields


def _root(ca: Ca) -> bytes:
    return ca.cert.public_bytes(Encoding.DER)


def test_token_signature_verifies_with_pyhanko_and_pdfsig(token: Token, test_ca: Ca, pdf: bytes,
                                                          shm: Path) -> None:
    key = open_pkcs11(token.lib, token.label, token.key_label, token.pin)
    try:
        signed = sign_pdf(pdf, key, agency=AGENCY, when=WHEN)
    finally:
        key.close()
    [info] = verify_pdf(signed, roots=[_root(test_ca)], name="doc.pdf")
    assert info.signer == AGENCY and info.level == "B-B"
    assert check_pdfa(signed) == []
    report = pdfsig(signed, shm)
    assert report["Signature Validation"] == "Signature is Valid.", report["_out"]
    assert report["Signer Certificate Common Name"] == AGENCY
    assert report["Signature Type"] == "ETSI.CAdES.detached"  # PAdES
    assert report["Signing Hash Algorithm"] == "SHA-256" and report["_total"] == "yes"
    # a byte changed after signing: both validators say so
    at = signed.index(b"stream", 2000) + 64
    bad = signed[:at] + bytes([signed[at] ^ 0x20]) + signed[at + 1:]
    with pytest.raises(PdfSignatureBroken):
        verify_pdf(bad, roots=[_root(test_ca)], name="doc.pdf")
    assert pdfsig(bad, shm)["Signature Validation"] != "Signature is Valid."
    with pytest.raises(CertificateUntrusted):  # a root nobody imported
        verify_pdf(signed, roots=[_root(Ca("CA không tin cậy"))], name="doc.pdf")


def test_worker_threads_share_one_token_session(token: Token, test_ca: Ca, pdf: bytes) -> None:
    key = open_pkcs11(token.lib, token.label, token.key_label, token.pin)
    try:
        with ThreadPoolExecutor(4) as pool:  # the token signs one at a time, behind a lock
            out = list(pool.map(lambda _n: sign_pdf(pdf, key, agency=AGENCY, when=WHEN),
                                range(8)))
    finally:
        key.close()
    for signed in out:
        assert verify_pdf(signed, roots=[_root(test_ca)])[0].signer == AGENCY


def test_expired_and_revoked_token_certificates(softhsm: Path, tmp_path: Path, test_ca: Ca,
                                                pdf: bytes) -> None:
    now = datetime.now(UTC)
    old = init_token(tmp_path, test_ca, label="het-han", not_before=now - timedelta(days=800),
                     not_after=now - timedelta(days=30))
    good = init_token(tmp_path, test_ca, label="bi-thu-hoi")
    signed = {}
    for t in (old, good):
        key = open_pkcs11(t.lib, t.label, t.key_label, t.pin)
        signed[t.label] = sign_pdf(pdf, key, agency=AGENCY, when=WHEN)
        key.close()
    with pytest.raises(CertificateExpired) as e:
        verify_pdf(signed["het-han"], roots=[_root(test_ca)], name="a.pdf")
    assert "hết hạn" in e.value.message("vi") and "expired" in e.value.message("en")
    assert verify_pdf(signed["bi-thu-hoi"], roots=[_root(test_ca)])
    with pytest.raises(CertificateRevoked) as e2:
        verify_pdf(signed["bi-thu-hoi"], roots=[_root(test_ca)],
                   crls=[test_ca.crl([good.cert])], name="b.pdf")
    assert "thu hồi" in e2.value.message("vi") and "revoked" in e2.value.message("en")


def test_wrong_pin_missing_token_and_missing_key(token: Token) -> None:
    for lib, label, key, pin in ((token.lib, token.label, token.key_label, "000000"),
                                 (token.lib, "khong-co", token.key_label, token.pin),
                                 (token.lib, token.label, "khong-co", token.pin),
                                 ("/nonexistent/libtoken.so", token.label, "k", token.pin)):
        with pytest.raises(SigningKeyUnavailable):
            open_pkcs11(lib, label, key, pin)


def test_pipeline_signs_through_the_token_and_verify_checks_it(
        token: Token, test_ca: Ca, workspace: Workspace, tmp_path: Path, shm: Path) -> None:
    signing.configure_pkcs11(workspace, token.lib, token.label, token.key_label, token.pin)
    signing.add_trust_root(workspace, test_ca.pem)
    asked = []
    paths = write_pages(tmp_path / "in", 2, seed=70)
    with signing.batch(workspace, pin=lambda p: asked.append(p) or token.pin):
        result = process(workspace, paths, title="Hồ sơ ký số")
    assert len(asked) == 1  # once per batch
    report = workspace.verify()
    assert report.ok, report.failures
    d = workspace.dossier(result.dossier_id)
    for doc in d.documents:
        pdf = workspace.read_file(d.id, f"documents/{doc.doc_id}.pdf")
        assert check_pdfa(pdf) == []
        assert signing.verify_pdf(workspace, pdf)[0].signer == AGENCY
        assert pdfsig(pdf, shm)["Signature Validation"] == "Signature is Valid."
    # the admin revokes the certificate by CRL: digitize verify names the dossier
    signing.add_crl(workspace, test_ca.crl([token.cert]))
    [(record, reason)] = workspace.verify().failures
    assert result.dossier_id in record and "thu hồi" in reason
    # without the trusted root, it says the root is untrusted
    workspace.catalog.set_setting(signing.CRL_SETTING, [])
    workspace.catalog.set_setting(signing.TRUST_SETTING, [])
    [(record, reason)] = workspace.verify().failures
    assert "gốc tin cậy" in reason


def _cli(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], env=env, capture_output=True, text=True, timeout=120)


def test_sign_commands(token: Token, test_ca: Ca, archive_env: dict, tmp_path: Path,
                       pdf: bytes, shm: Path) -> None:
    env = {**os.environ, **archive_env["env"], "SOFTHSM2_CONF": os.environ["SOFTHSM2_CONF"],
           "DIGITIZE_LANG": "en"}
    env.pop("DIGITIZE_SIGN_PIN", None)
    pin_file = shm / "pin"
    pin_file.write_text(token.pin + "\n")
    out = _cli(["sign", "setup", "--pkcs11-lib", SOFTHSM_LIB, "--token", token.label,
                "--key-label", token.key_label, "--pin-file", str(pin_file),
                "--position", "top-right"], env)
    assert out.returncode == 0, out.stderr
    assert token.pin not in out.stdout
    (tmp_path / "root.pem").write_bytes(test_ca.pem)
    assert _cli(["sign", "trust", str(tmp_path / "root.pem")], env).returncode == 0
    key = open_pkcs11(token.lib, token.label, token.key_label, token.pin)
    signed = sign_pdf(pdf, key, agency=AGENCY, when=WHEN)
    key.close()
    good, bad = shm / "good.pdf", shm / "bad.pdf"
    good.write_bytes(signed)
    at = signed.index(b"stream", 2000) + 64
    bad.write_bytes(signed[:at] + bytes([signed[at] ^ 0x20]) + signed[at + 1:])
    ok = _cli(["sign", "verify-pdf", str(good)], env)
    assert ok.returncode == 0 and AGENCY in ok.stdout, ok.stderr
    broken = _cli(["sign", "verify-pdf", str(bad)], env)
    assert broken.returncode == 3 and "modified after it was signed" in broken.stderr
    crl = tmp_path / "revoked.crl"
    crl.write_bytes(test_ca.crl([token.cert]))
    assert _cli(["sign", "crl", str(crl)], env).returncode == 0
    revoked = _cli(["sign", "verify-pdf", str(good)], env)
    assert revoked.returncode == 3 and "revoked" in revoked.stderr
    wrong = _cli(["sign", "setup", "--pkcs11-lib", SOFTHSM_LIB, "--token", token.label,
                  "--key-label", token.key_label], {**env, "DIGITIZE_SIGN_PIN": "999999"})
    assert wrong.returncode == 2 and "wrong PIN" in wrong.stderr


def test_sign_setup_with_a_pkcs12_file(test_ca: Ca, archive_env: dict, tmp_path: Path,
                                       pdf: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    p12, _cert = test_ca.pkcs12("pin p12")
    (tmp_path / "agency.p12").write_bytes(p12)
    env = {**os.environ, **archive_env["env"], "DIGITIZE_SIGN_PIN": "pin p12"}
    out = _cli(["sign", "setup", "--pkcs12", str(tmp_path / "agency.p12"),
                "--template", "Cơ quan: {agency}\\nNgày: {time}"], env)
    assert out.returncode == 0, out.stderr
    monkeypatch.setenv("DIGITIZE_SIGN_PIN", "pin p12")  # sign_document outside a batch
    with Workspace.open(archive_env["root"], archive_env["passphrase"]) as ws:
        signing.add_trust_root(ws, test_ca.pem)
        signed = signing.sign_document(ws, pdf, doc_id="H47.01.2026.01.1")
        assert signing.end_batch(ws) == 1
        [info] = signing.verify_pdf(ws, signed)
        assert info.signer == AGENCY and check_pdfa(signed) == []
