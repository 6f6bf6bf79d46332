"""The office's PAdES signature: settings, one PIN per batch, signing and verifying PDFs."""

from __future__ import annotations

import base64
import os
import threading
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from archive.catalog import Catalog
from archive.clock import now_vn
from archive.errors import PadesError, PdfNotSigned
from digitize.errors import SigningNotConfigured, SigningPinRequired, UsageError

if TYPE_CHECKING:  # pyHanko is imported on first use: ~1 s that plain commands need not pay
    from archive.pades import SigningKey
    from archive.pades_verify import SignatureInfo

__all__ = ["SigningHost", "SigningConfig", "SigningSession", "PinSource", "PIN_ENV",
           "signing_config", "configure_pkcs12", "configure_pkcs11", "add_trust_root",
           "trust_roots", "add_crl", "crls", "open_session", "batch", "sign_document",
           "end_batch", "verify_pdf", "verify_container_documents"]

SETTING = "signing"
TRUST_SETTING = "signing_trust"
CRL_SETTING = "signing_crls"
PIN_ENV = "DIGITIZE_SIGN_PIN"

PinSource = str | Callable[[str], str] | None
"""A PIN, a callback that asks for it (given a bilingual prompt), or None for $DIGITIZE_SIGN_PIN."""


class SigningHost(Protocol):
    """What signing needs of the open archive (a :class:`~digitize.store.vault.Vault`).

    Its settings (in the catalog), the office, and the audit log; a protocol, so this module
    does not import the workspace, which verifies PAdES signatures through it.
    """

    @property
    def catalog(self) -> Catalog: ...  # noqa: D102

    @property
    def office(self) -> dict[str, str]: ...  # noqa: D102

    def log(self, action: str, record: str | None,  # noqa: D102
            details: dict[str, Any] | None = None) -> None: ...


@dataclass(frozen=True)
class SigningConfig:
    """Where the office's signing key is and how the signature looks (no PIN, ever)."""

    kind: str  # "pkcs12" or "pkcs11"
    pkcs12: bytes = b""  # the .p12 file itself (kept in the encrypted catalog)
    lib: str = ""
    token: str = ""
    key_label: str = ""
    tsa_url: str = ""
    appearance: dict[str, Any] = field(default_factory=dict)  # archive.pades.Appearance fields
    configured: str = ""  # ISO time from which every sealed document must be signed
    subject: str = ""

    @classmethod
    def from_settings(cls, value: dict[str, Any]) -> SigningConfig:
        """Parse the ``signing`` setting."""
        return cls(kind=value["kind"], pkcs12=base64.b64decode(value.get("pkcs12", "")),
                   lib=value.get("lib", ""), token=value.get("token", ""),
                   key_label=value.get("key_label", ""), tsa_url=value.get("tsa_url", ""),
                   appearance=dict(value.get("appearance") or {}),
                   configured=value.get("configured", ""), subject=value.get("subject", ""))

    def to_settings(self) -> dict[str, Any]:
        """The ``signing`` setting's JSON value."""
        out = asdict(self)
        out["pkcs12"] = base64.b64encode(self.pkcs12).decode()
        return out

    @property
    def label(self) -> str:
        """A short name of the key for prompts and messages."""
        return f"PKCS#12 {self.subject}" if self.kind == "pkcs12" \
            else f"token {self.token}/{self.key_label}"


def _now() -> datetime:
    return now_vn()


def signing_config(ws: SigningHost) -> SigningConfig | None:
    """The office's signing configuration, or None when documents are not signed."""
    value = ws.catalog.get_setting(SETTING)
    return SigningConfig.from_settings(value) if value else None


def _open_key(config: SigningConfig, pin: str) -> SigningKey:
    from archive.pades import load_pkcs12, open_pkcs11

    if config.kind == "pkcs12":
        return load_pkcs12(config.pkcs12, pin)
    return open_pkcs11(config.lib, config.token, config.key_label, pin)


def _store(ws: SigningHost, config: SigningConfig, key: SigningKey) -> dict[str, str]:
    from archive.pades_verify import certificate_info

    info = certificate_info(key.signer.signing_cert.dump())
    key.close()
    config = replace(config, subject=key.subject, configured=_now().isoformat())
    ws.catalog.set_setting(SETTING, config.to_settings())
    ws.log("signing.setup", None, {"kind": config.kind, "cert": info["sha256"][:16]})
    return info


def _appearance(appearance: dict[str, Any] | None) -> dict[str, Any]:
    from archive.pades import Appearance

    try:
        look = Appearance(**(appearance or {}))
        look.box((0, 0, 595, 842))
        look.text(agency="", when=_now())
    except (KeyError, IndexError, ValueError, TypeError, PadesError) as e:
        raise UsageError(f"mẫu chữ ký / signature appearance: {e}") from e
    return dict(appearance or {})


def configure_pkcs12(ws: SigningHost, data: bytes, pin: str, *, tsa_url: str = "",
                     appearance: dict[str, Any] | None = None) -> dict[str, str]:
    """Use a PKCS#12 file as the office's signing key (the PIN only proves it opens).

    Args:
        ws: The workspace.
        data: The ``.p12`` bytes (stored in the encrypted catalog).
        pin: Its passphrase; not stored.
        tsa_url: An RFC 3161 timestamp server for B-T signatures ("" for B-B).
        appearance: Overrides of :class:`archive.pades.Appearance` (office profile).

    Returns:
        The certificate's subject, issuer, expiry and SHA-256 fingerprint.
    """
    config = SigningConfig("pkcs12", pkcs12=data, tsa_url=tsa_url,
                           appearance=_appearance(appearance))
    return _store(ws, config, _open_key(config, pin))


def configure_pkcs11(ws: SigningHost, lib: str, token: str, key_label: str, pin: str, *,
                     tsa_url: str = "", appearance: dict[str, Any] | None = None
                     ) -> dict[str, str]:
    """Use a key on a PKCS#11 token (USB token) as the office's signing key.

    Args:
        ws: The workspace.
        lib: The token's PKCS#11 module path.
        token: The token label.
        key_label: The label of the key and its certificate on the token.
        pin: The user PIN, used once to check the key; not stored.
        tsa_url: An RFC 3161 timestamp server for B-T signatures ("" for B-B).
        appearance: Overrides of :class:`archive.pades.Appearance` (office profile).

    Returns:
        The certificate's subject, issuer, expiry and SHA-256 fingerprint.
    """
    config = SigningConfig("pkcs11", lib=lib, token=token, key_label=key_label,
                           tsa_url=tsa_url, appearance=_appearance(appearance))
    return _store(ws, config, _open_key(config, pin))


def add_trust_root(ws: SigningHost, data: bytes) -> list[dict[str, str]]:
    """Trust the root certificate(s) in a PEM/DER file for verification; returns their info."""
    from archive.pades_verify import certificate_info, load_certificates

    ders = load_certificates(data)
    have = trust_roots(ws)
    new = [d for d in ders if d not in have]
    ws.catalog.set_setting(TRUST_SETTING, [base64.b64encode(d).decode() for d in have + new])
    infos = [certificate_info(d) for d in ders]
    for info in infos:
        ws.log("signing.trust", None, {"root": info["sha256"][:16]})
    return infos


def trust_roots(ws: SigningHost) -> list[bytes]:
    """The trusted roots (DER) the admin imported."""
    return [base64.b64decode(v) for v in ws.catalog.get_setting(TRUST_SETTING, [])]


def add_crl(ws: SigningHost, data: bytes) -> dict[str, str | int]:
    """Import a certificate revocation list (PEM/DER); it replaces older CRLs of its issuer.

    Returns:
        The CRL's issuer, update times and number of revoked certificates.
    """
    from archive.pades_verify import crl_info, load_crl

    der = load_crl(data)
    info = crl_info(der)
    kept = []
    for old in crls(ws):
        o = crl_info(old)
        if o["issuer_id"] != info["issuer_id"]:
            kept.append(old)
        elif str(o["this_update"]) > str(info["this_update"]):
            return o  # a newer list of this issuer is already there
    kept.append(der)
    ws.catalog.set_setting(CRL_SETTING, [base64.b64encode(d).decode() for d in kept])
    ws.log("signing.crl", None, {"revoked": info["revoked"], "crls": len(kept)})
    return info


def crls(ws: SigningHost) -> list[bytes]:
    """The revocation lists (DER) the admin imported."""
    return [base64.b64decode(v) for v in ws.catalog.get_setting(CRL_SETTING, [])]


class SigningSession:
    """An unlocked key for one batch; :meth:`sign` may be called from many worker threads."""

    def __init__(self, config: SigningConfig, key: SigningKey, agency: str) -> None:
        from archive.pades import Appearance

        self.appearance = Appearance.from_dict(config.appearance)
        self.config = config
        self.key = key
        self.agency = agency
        self.signed = 0
        self._count = threading.Lock()

    def sign(self, pdf: bytes) -> bytes:
        """Sign one finished PDF/A (PAdES B-B, or B-T with a timestamp server)."""
        from archive.pades import sign_pdf

        out = sign_pdf(pdf, self.key, agency=self.agency, when=_now(),
                       appearance=self.appearance, tsa_url=self.config.tsa_url or None)
        with self._count:
            self.signed += 1
        return out

    def close(self) -> None:
        """Forget the key (log out of the token)."""
        self.key.close()


def _pin(config: SigningConfig, pin: PinSource) -> str:
    if isinstance(pin, str):
        return pin
    if pin is not None:
        value = pin(f"Mã PIN khóa ký số / signing key PIN ({config.label}): ")
        if value:
            return value
    elif os.environ.get(PIN_ENV):
        return os.environ[PIN_ENV]
    raise SigningPinRequired(config.label)


def open_session(ws: SigningHost, pin: PinSource = None) -> SigningSession:
    """Unlock the office's key, asking for the PIN once.

    Raises:
        SigningNotConfigured: No signing key is set up.
        SigningPinRequired: No PIN given, none in ``$DIGITIZE_SIGN_PIN``, the callback gave "".
        archive.errors.SigningKeyUnavailable: Wrong PIN, token missing.
    """
    config = signing_config(ws)
    if config is None:
        raise SigningNotConfigured()
    key = _open_key(config, _pin(config, pin))
    return SigningSession(config, key, ws.office.get("name", "") or key.subject)


_ACTIVE: weakref.WeakKeyDictionary[Any, SigningSession] = weakref.WeakKeyDictionary()
_ACTIVE_LOCK = threading.Lock()


@contextmanager
def batch(ws: SigningHost, pin: PinSource = None) -> Iterator[SigningSession | None]:
    """Keep the key unlocked for a batch, so :func:`sign_document` asks for no PIN.

    Yields None (and asks nothing) when the office has not set up signing.
    """
    if signing_config(ws) is None:
        yield None
        return
    session = open_session(ws, pin)
    with _ACTIVE_LOCK:
        _ACTIVE[ws] = session
    try:
        yield session
    finally:
        with _ACTIVE_LOCK:
            _ACTIVE.pop(ws, None)
        session.close()
        if session.signed:
            ws.log("signing.batch", None, {"signed": session.signed})


def sign_document(ws: SigningHost, pdf: bytes, *, doc_id: str = "") -> bytes:
    """Sign a document's finished PDF/A when the office signs; else return it unchanged.

    Uses the key of the current :func:`batch`; outside one, unlocks it with
    ``$DIGITIZE_SIGN_PIN`` and keeps it until :func:`end_batch`.

    Raises:
        SigningPinRequired: Signing is set up but no PIN is available.
        archive.errors.PadesError: The key or the signing failed.
    """
    del doc_id  # the field name is the same in every document; kept for logs of callers
    with _ACTIVE_LOCK:
        session = _ACTIVE.get(ws)
        if session is None:
            if signing_config(ws) is None:
                return pdf
            session = _ACTIVE[ws] = open_session(ws)
    return session.sign(pdf)


def end_batch(ws: SigningHost) -> int:
    """Close a key that :func:`sign_document` unlocked on its own; returns documents signed."""
    with _ACTIVE_LOCK:
        session = _ACTIVE.pop(ws, None)
    if session is None:
        return 0
    session.close()
    if session.signed:
        ws.log("signing.batch", None, {"signed": session.signed})
    return session.signed


def verify_pdf(ws: SigningHost, pdf: bytes, *, name: str = "PDF") -> list[SignatureInfo]:
    """Verify a PDF's signatures against the roots and CRLs the admin imported.

    Raises:
        archive.errors.PadesError: Unsigned, modified, expired, revoked or untrusted.
    """
    from archive.pades_verify import verify_pdf as verify

    return verify(pdf, roots=trust_roots(ws), crls=crls(ws), name=name)


def verify_container_documents(ws: SigningHost, opened: Any) -> int:
    """Check the PAdES signature of every document PDF in an opened container.

    A PDF without a signature fails only when the container was sealed after the office
    set up signing.

    Returns:
        How many signed documents were verified.

    Raises:
        archive.errors.PadesError: The first document that fails.
    """
    config = signing_config(ws)
    sealed = str(opened.metadata.get("sealed", ""))
    # a clerk seals without the office's PAdES key (its settings are in the records catalog,
    # #24): required of what others sealed
    by_clerk = getattr(ws, "sealed_by_clerk", lambda _o: False)(opened)
    required = bool(config and sealed and not by_clerk and _after(sealed, config.configured))
    roots, revoked = trust_roots(ws), crls(ws)
    n = 0
    for name in opened.names():
        if not (name.startswith("documents/") and name.endswith(".pdf")):
            continue
        pdf = opened.read(name)
        doc = name.rsplit("/", 1)[-1]
        if not required and b"/ByteRange" not in pdf:
            continue  # an unsigned PDF of the time before signing was set up
        from archive.pades_verify import signature_count, verify_pdf

        if signature_count(pdf) == 0:
            if required:
                raise PdfNotSigned(doc)
            continue
        verify_pdf(pdf, roots=roots, crls=revoked, name=doc)
        n += 1
    return n


def _after(sealed: str, configured: str) -> bool:
    try:
        return datetime.fromisoformat(sealed) >= datetime.fromisoformat(configured)
    except ValueError:
        return False
