"""``ws.signing``: the office's PAdES signature: its key, trust roots, CRLs, batches, checks."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from digitize.records import signing
from digitize.records.signing import PinSource, SigningConfig, SigningSession
from digitize.roles import require
from digitize.store.vault import Vault

if TYPE_CHECKING:
    from archive.pades_verify import SignatureInfo

__all__ = ["Signing"]


class Signing:
    """PAdES signing on one vault; configuring it needs the ``keys`` role."""

    def __init__(self, vault: Vault) -> None:
        self._v = vault

    def config(self) -> SigningConfig | None:
        """The office's signing configuration, or None when documents are not signed."""
        return signing.signing_config(self._v)

    def configure_pkcs12(self, data: bytes, pin: str, *, tsa_url: str = "",
                         appearance: dict[str, Any] | None = None) -> dict[str, str]:
        """Sign with a PKCS#12 file kept in the encrypted catalog; the key's details."""
        require(self._v, "keys")
        return signing.configure_pkcs12(self._v, data, pin, tsa_url=tsa_url,
                                        appearance=appearance)

    def configure_pkcs11(self, lib: str, token: str, key_label: str, pin: str, *,
                         tsa_url: str = "", appearance: dict[str, Any] | None = None
                         ) -> dict[str, str]:
        """Sign with a key on a PKCS#11 token; the key's details."""
        require(self._v, "keys")
        return signing.configure_pkcs11(self._v, lib, token, key_label, pin, tsa_url=tsa_url,
                                        appearance=appearance)

    def add_trust_root(self, data: bytes) -> list[dict[str, str]]:
        """Trust a root certificate (PEM or DER) for verification."""
        require(self._v, "keys")
        return signing.add_trust_root(self._v, data)

    def add_crl(self, data: bytes) -> dict[str, str | int]:
        """Add a certificate revocation list for verification."""
        require(self._v, "keys")
        return signing.add_crl(self._v, data)

    def batch(self, pin: PinSource = None
              ) -> AbstractContextManager[SigningSession | None]:
        """Keep the key unlocked for a batch (one PIN); None when the office does not sign."""
        return signing.batch(self._v, pin)

    def verify_pdf(self, pdf: bytes, *, name: str = "PDF") -> list[SignatureInfo]:
        """Verify a PDF's signatures against the imported roots and CRLs."""
        return signing.verify_pdf(self._v, pdf, name=name)
