"""The offices a central archive receives from: their public keys, kept in the catalog.

An office's public key file (``digitize keys export-public``) is imported at the centre with a
label; the admin reads its fingerprint back to the office by phone, as offices do for the
central key. Packages are accepted only when signed by one of these keys. The list lives in the
encrypted catalog (setting ``office_keys``), not in the keystore: it holds public keys only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from archive._hazmat.keyfile import b64d, b64e, parse_public_bundle
from archive._hazmat.sign import HybridVerifier
from archive.catalog import Catalog
from archive.clock import now_iso
from archive.errors import KeyBundleInvalid

__all__ = ["OfficeKey", "find_office", "import_office_key", "office_keys"]

SETTING = "office_keys"


@dataclass(frozen=True)
class OfficeKey:
    """A trusted office: label, the code and name in its key file, fingerprint, verifier."""

    label: str
    code: str
    name: str
    fingerprint: str
    verifier: HybridVerifier
    imported: str


def _entries(catalog: Catalog) -> list[dict[str, str]]:
    return list(catalog.get_setting(SETTING, []) or [])


def office_keys(catalog: Catalog) -> list[OfficeKey]:
    """The imported office keys, in import order."""
    return [OfficeKey(e["label"], e["code"], e["name"], e["fingerprint"],
                      HybridVerifier.from_bytes(b64d(e["sign"])), e["imported"])
            for e in _entries(catalog)]


def import_office_key(catalog: Catalog, bundle: bytes, label: str, *,
                      own_fingerprint: str = "") -> str:
    """Trust an office's public key file for receiving; importing it again changes nothing.

    Returns:
        The key's fingerprint (to read back to the office by phone).

    Raises:
        KeyBundleInvalid: the file is malformed, is this archive's own key, or another
            imported office already uses the label.
    """
    pb = parse_public_bundle(bundle)
    if pb.fingerprint == own_fingerprint:
        raise KeyBundleInvalid("this is the archive's own key")
    entries = _entries(catalog)
    if any(e["fingerprint"] == pb.fingerprint for e in entries):
        return pb.fingerprint
    if not label.strip() or any(e["label"] == label for e in entries):
        raise KeyBundleInvalid(f"label {label!r} is empty or already used")
    entries.append({"label": label, "code": pb.code, "name": pb.name,
                    "sign": b64e(pb.verifier.to_bytes()), "kem": b64e(pb.kem.to_bytes()),
                    "fingerprint": pb.fingerprint, "imported": now_iso()})
    catalog.set_setting(SETTING, entries)
    return pb.fingerprint


def find_office(offices: Sequence[OfficeKey], signer: HybridVerifier) -> OfficeKey | None:
    """The office among ``offices`` whose key is ``signer`` (from a container header)."""
    raw = signer.to_bytes()
    return next((k for k in offices if k.verifier.to_bytes() == raw), None)
