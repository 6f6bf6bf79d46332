"""Test PKI (a CA made with cryptography) and a real SoftHSM2 token initialised per test."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pkcs11
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from pkcs11 import Attribute, CertificateType, KeyType, ObjectClass

SOFTHSM_LIB = "/usr/lib/softhsm/libsofthsm2.so"
AGENCY = "Ủy ban nhân dân tỉnh Kiên Giang"


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, AGENCY),
                      x509.NameAttribute(NameOID.COMMON_NAME, cn)])


@dataclass
class Ca:
    """A test certification authority (self-signed root) that issues signing certificates."""

    name: str = "CA thử nghiệm số hóa"
    key: rsa.RSAPrivateKey = field(default_factory=lambda: rsa.generate_private_key(65537, 2048))
    cert: x509.Certificate = field(init=False)
    _serial: int = 100

    def __post_init__(self) -> None:
        now = datetime.now(UTC)
        pub = self.key.public_key()
        self.cert = (x509.CertificateBuilder().subject_name(_name(self.name))
                     .issuer_name(_name(self.name)).public_key(pub)
                     .serial_number(x509.random_serial_number())
                     .not_valid_before(now - timedelta(days=3650))
                     .not_valid_after(now + timedelta(days=3650))
                     .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
                     .add_extension(x509.KeyUsage(False, False, False, False, False, True, True,
                                                  False, False), True)
                     .add_extension(x509.SubjectKeyIdentifier.from_public_key(pub), False)
                     .sign(self.key, hashes.SHA256()))

    @property
    def pem(self) -> bytes:
        """The root certificate as PEM (what an admin imports with ``sign trust``)."""
        return self.cert.public_bytes(serialization.Encoding.PEM)

    def issue(self, public_key: rsa.RSAPublicKey, cn: str = AGENCY, *,
              not_before: datetime | None = None,
              not_after: datetime | None = None) -> x509.Certificate:
        """A document-signing certificate (digital signature + non-repudiation)."""
        now = datetime.now(UTC)
        self._serial += 1
        return (x509.CertificateBuilder().subject_name(_name(cn)).issuer_name(self.cert.subject)
                .public_key(public_key).serial_number(self._serial)
                .not_valid_before(not_before or now - timedelta(days=1))
                .not_valid_after(not_after or now + timedelta(days=365))
                .add_extension(x509.BasicConstraints(ca=False, path_length=None), True)
                .add_extension(x509.KeyUsage(True, True, False, False, False, False, False,
                                             False, False), True)
                .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                    self.key.public_key()), False)
                .sign(self.key, hashes.SHA256()))

    def tsa(self) -> tuple[x509.Certificate, rsa.RSAPrivateKey]:
        """A timestamping authority's certificate (critical EKU timeStamping) and key."""
        key = rsa.generate_private_key(65537, 2048)
        now = datetime.now(UTC)
        self._serial += 1
        cert = (x509.CertificateBuilder().subject_name(_name("TSA thử nghiệm"))
                .issuer_name(self.cert.subject).public_key(key.public_key())
                .serial_number(self._serial).not_valid_before(now - timedelta(days=1))
                .not_valid_after(now + timedelta(days=365))
                .add_extension(x509.ExtendedKeyUsage([x509.ExtendedKeyUsageOID.TIME_STAMPING]),
                               True)
                .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                    self.key.public_key()), False)
                .sign(self.key, hashes.SHA256()))
        return cert, key

    def crl(self, revoked: list[x509.Certificate], *, age: timedelta = timedelta(hours=1),
            valid: timedelta = timedelta(days=7)) -> bytes:
        """A DER CRL issued ``age`` ago, valid for ``valid`` from then, listing ``revoked``."""
        now = datetime.now(UTC)
        b = (x509.CertificateRevocationListBuilder().issuer_name(self.cert.subject)
             .last_update(now - age).next_update(now - age + valid)
             .add_extension(x509.CRLNumber(1), False)
             .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                 self.key.public_key()), False))
        for c in revoked:
            b = b.add_revoked_certificate(
                x509.RevokedCertificateBuilder().serial_number(c.serial_number)
                .revocation_date(now - age).build())
        return b.sign(self.key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)

    def pkcs12(self, pin: str, **issue_kwargs: object) -> tuple[bytes, x509.Certificate]:
        """A PKCS#12 file (key, certificate, this CA) protected by ``pin``."""
        key = rsa.generate_private_key(65537, 2048)
        cert = self.issue(key.public_key(), **issue_kwargs)  # type: ignore[arg-type]
        data = pkcs12.serialize_key_and_certificates(
            b"agency", key, cert, [self.cert],
            serialization.BestAvailableEncryption(pin.encode()))
        return data, cert


@dataclass
class Token:
    """A SoftHSM2 token holding one RSA key (generated on the token) and its certificate."""

    lib: str
    label: str
    pin: str
    key_label: str
    cert: x509.Certificate


def init_token(tmp_path: Path, ca: Ca, *, label: str = "digitize-test", pin: str = "123456",
               key_label: str = "agency", **issue_kwargs: object) -> Token:
    """Initialise a token in ``tmp_path`` (``SOFTHSM2_CONF`` must point at its config)."""
    subprocess.run(["softhsm2-util", "--init-token", "--free", "--label", label,
                    "--so-pin", "so-" + pin, "--pin", pin], check=True, capture_output=True)
    lib = pkcs11.lib(SOFTHSM_LIB)
    lib.reinitialize()  # see the token just created
    token = lib.get_token(token_label=label)
    with token.open(rw=True, user_pin=pin) as session:
        pub, _priv = session.generate_keypair(KeyType.RSA, 2048, label=key_label, id=b"\x01",
                                              store=True)
        numbers = rsa.RSAPublicNumbers(int.from_bytes(pub[Attribute.PUBLIC_EXPONENT], "big"),
                                       int.from_bytes(pub[Attribute.MODULUS], "big"))
        cert = ca.issue(numbers.public_key(), **issue_kwargs)  # type: ignore[arg-type]
        session.create_object({
            Attribute.CLASS: ObjectClass.CERTIFICATE,
            Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
            Attribute.TOKEN: True, Attribute.LABEL: key_label, Attribute.ID: b"\x01",
            Attribute.SUBJECT: cert.subject.public_bytes(),
            Attribute.VALUE: cert.public_bytes(serialization.Encoding.DER)})
    return Token(SOFTHSM_LIB, label, pin, key_label, cert)


def softhsm_conf(tmp_path: Path) -> Path:
    """A SoftHSM2 config whose token folder is inside ``tmp_path``."""
    tokens = tmp_path / "softhsm-tokens"
    tokens.mkdir()
    conf = tmp_path / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\n"
                    "log.level = ERROR\nslots.removable = false\n")
    return conf


@pytest.fixture
def test_ca() -> Ca:
    """A fresh test CA."""
    return Ca()


@pytest.fixture
def softhsm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """``SOFTHSM2_CONF`` set to a config of this test's own (empty) token folder."""
    conf = softhsm_conf(tmp_path)
    monkeypatch.setenv("SOFTHSM2_CONF", str(conf))
    yield conf


@pytest.fixture
def token(softhsm: Path, tmp_path: Path, test_ca: Ca) -> Token:
    """A SoftHSM2 token with a valid agency key and certificate from ``test_ca``."""
    return init_token(tmp_path, test_ca)
