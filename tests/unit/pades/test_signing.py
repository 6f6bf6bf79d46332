"""digitize.records.signing: settings without the PIN, one PIN per batch, workers, verification."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

import pytest

from archive.errors import (
    CertificateUntrusted,
    PadesError,
    PdfNotSigned,
    PdfSignatureBroken,
    SigningKeyUnavailable,
)
from archive.pades_verify import signature_count
from digitize.errors import SigningNotConfigured, SigningPinRequired, UsageError
from digitize.records import signing
from tests.softhsm import AGENCY, Ca
from tests.unit.pades.conftest import PIN, FakeWorkspace


@pytest.fixture
def ws(fake_ws: FakeWorkspace, p12: tuple[bytes, Any], ca: Ca) -> FakeWorkspace:
    signing.configure_pkcs12(fake_ws, p12[0], PIN)
    signing.add_trust_root(fake_ws, ca.pem)
    return fake_ws


class FakeOpened:
    """The part of an opened container that verification reads."""

    def __init__(self, files: dict[str, bytes], sealed: str) -> None:
        self.files, self.metadata = files, {"sealed": sealed}

    def names(self) -> list[str]:
        return list(self.files)

    def read(self, name: str) -> bytes:
        return self.files[name]


def test_setup_keeps_no_pin_and_logs_short_details(ws: FakeWorkspace) -> None:
    stored = json.dumps(ws.catalog.settings, ensure_ascii=False)
    assert PIN not in stored
    config = signing.signing_config(ws)
    assert config is not None and config.kind == "pkcs12" and config.subject == AGENCY
    assert [a for a, _ in ws.logged] == ["signing.setup", "signing.trust"]


def test_unconfigured_office_passes_pdfs_through(fake_ws: FakeWorkspace, pdf: bytes) -> None:
    assert signing.sign_document(fake_ws, pdf, doc_id="X") is pdf
    with signing.batch(fake_ws, pin=lambda _p: pytest.fail("no PIN to ask")) as session:
        assert session is None
    with pytest.raises(SigningNotConfigured):
        signing.open_session(fake_ws, PIN)


def test_pin_is_asked_once_per_batch_and_workers_share_the_key(ws: FakeWorkspace,
                                                              pdf: bytes) -> None:
    asked: list[str] = []

    def ask(prompt: str) -> str:
        asked.append(prompt)
        return PIN

    with signing.batch(ws, pin=ask) as session:
        with ThreadPoolExecutor(4) as pool:
            out = list(pool.map(lambda n: signing.sign_document(ws, pdf, doc_id=str(n)),
                                range(6)))
        assert session is not None and session.signed == 6
    assert len(asked) == 1 and "PIN" in asked[0]
    for signed in out:
        [info] = signing.verify_pdf(ws, signed)
        assert info.signer == AGENCY
    assert ("signing.batch", {"signed": 6}) in ws.logged


def test_no_pin_outside_a_batch(ws: FakeWorkspace, pdf: bytes,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(signing.PIN_ENV, raising=False)
    with pytest.raises(SigningPinRequired) as e:
        signing.sign_document(ws, pdf, doc_id="X")
    assert "mã PIN" in e.value.message("vi")
    with pytest.raises(SigningPinRequired):
        with signing.batch(ws, pin=lambda _p: ""):
            pass
    monkeypatch.setenv(signing.PIN_ENV, PIN)
    assert signature_count(signing.sign_document(ws, pdf, doc_id="X")) == 1
    assert signing.end_batch(ws) == 1 and signing.end_batch(ws) == 0


def test_wrong_pin(ws: FakeWorkspace) -> None:
    with pytest.raises(SigningKeyUnavailable) as e:
        with signing.batch(ws, pin="0000"):
            pass
    assert "sai mã PIN" in e.value.message("vi")


def test_trust_and_crl_import(ws: FakeWorkspace, ca: Ca, p12: tuple[bytes, Any]) -> None:
    signing.add_trust_root(ws, ca.pem)  # again: kept once
    assert len(signing.trust_roots(ws)) == 1
    old = ca.crl([], age=timedelta(days=3))
    assert signing.add_crl(ws, old)["revoked"] == 0
    info = signing.add_crl(ws, ca.crl([p12[1]]))  # newer: replaces the old list of this CA
    assert info["revoked"] == 1 and len(signing.crls(ws)) == 1
    assert signing.add_crl(ws, old)["revoked"] == 1  # older than the one kept: ignored
    assert len(signing.crls(ws)) == 1
    signing.add_crl(ws, Ca("CA khác").crl([]))  # another issuer: kept beside it
    assert len(signing.crls(ws)) == 2
    with pytest.raises(PadesError):
        signing.add_crl(ws, b"not a crl")


def test_container_documents_are_checked(ws: FakeWorkspace, pdf: bytes) -> None:
    config = signing.signing_config(ws)
    assert config is not None
    with signing.batch(ws, pin=PIN) as session:
        assert session is not None
        signed = session.sign(pdf)
    files = {"pages/0001.jp2": b"...", "documents/A.1.pdf": signed}
    after, before = "2099-01-01T00:00:00+07:00", "2000-01-01T00:00:00+07:00"
    assert signing.verify_container_documents(ws, FakeOpened(files, after)) == 1
    # an unsigned PDF fails when sealed after signing was set up, passes when older
    files["documents/A.2.pdf"] = pdf
    with pytest.raises(PdfNotSigned) as e:
        signing.verify_container_documents(ws, FakeOpened(files, after))
    assert "A.2.pdf" in e.value.message("vi")
    assert signing.verify_container_documents(ws, FakeOpened(files, before)) == 1
    at = signed.index(b"stream", 1000) + 40
    files["documents/A.1.pdf"] = signed[:at] + bytes([signed[at] ^ 1]) + signed[at + 1:]
    with pytest.raises(PdfSignatureBroken):
        signing.verify_container_documents(ws, FakeOpened(files, before))
    ws.catalog.settings[signing.TRUST_SETTING] = []
    files["documents/A.1.pdf"] = signed
    with pytest.raises(CertificateUntrusted):
        signing.verify_container_documents(ws, FakeOpened(files, before))


def test_bad_appearance_profile_is_a_usage_error(fake_ws: FakeWorkspace,
                                                 p12: tuple[bytes, Any]) -> None:
    with pytest.raises(UsageError):
        signing.configure_pkcs12(fake_ws, p12[0], PIN, appearance={"template": "{nope}"})
    with pytest.raises(UsageError):
        signing.configure_pkcs12(fake_ws, p12[0], PIN, appearance={"position": "centre"})
    assert signing.signing_config(fake_ws) is None
