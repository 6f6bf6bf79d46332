"""A package received at the centre: who signed it, its SIP files, and the checks it passes.

Each failed check raises :class:`~archive.errors.PackageRejected` naming the rule: ``OFFICE-KEY``
(signed by no imported office), ``SIGNATURE`` (tampered), ``RECIPIENT`` (not encrypted for the
centre), ``FORMAT``, ``OFFICE-CODE`` (claims another office's code) or the SIP rule of
:func:`~archive.export.sip_check.validate_sip` (``CSIP109``, ``CHECKSUM``...).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

from archive._hazmat.keyfile import b64d
from archive._hazmat.sign import HybridVerifier
from archive.container import KeyHolder, OpenedContainer, open_container, read_header
from archive.errors import NotARecipient, PackageRejected, TamperedError
from archive.export.sip_check import ROOT_METS, validate_sip
from archive.export.sip_source import ChunkStream, Source, read_all
from archive.office_keys import OfficeKey, find_office

__all__ = ["PACKAGE_FORMATS", "ReceivedPackage", "open_package", "package_files"]

#: Export package formats this version reads (1: files at the root; 2: under ``{OBJID}/``).
PACKAGE_FORMATS = ("digitize-sip/1", "digitize-sip/2")


@dataclass
class ReceivedPackage:
    """An opened, verified package: its container, the office that signed it, its files."""

    name: str
    container: OpenedContainer
    office: OfficeKey
    files: dict[str, Source]

    @property
    def metadata(self) -> dict[str, Any]:
        """The export's metadata (objid, office dossier id and version, stt...)."""
        return self.container.metadata


def package_files(oc: OpenedContainer) -> dict[str, Source]:
    """The SIP's files by path inside the package folder, each read on demand (streamed)."""
    root = str(oc.metadata.get("root") or "")
    return {n[len(root):]: (lambda n=n: ChunkStream(oc.iter_file(n)))  # type: ignore[misc]
            for n in oc.names() if n.startswith(root)}


def signer_of(stream: BinaryIO, name: str) -> HybridVerifier:
    """The public key in a container's header (not yet verified)."""
    header = read_header(stream, name=name)
    return HybridVerifier.from_bytes(b64d(header["signer"]))


def _reject(name: str, rule: str, reason: str) -> PackageRejected:
    return PackageRejected(name, rule=rule, reason=reason)


def _check_metadata(name: str, meta: Mapping[str, Any], office: OfficeKey) -> None:
    if meta.get("format") not in PACKAGE_FORMATS or not meta.get("objid") \
            or not meta.get("dossier"):
        raise _reject(name, "FORMAT", f"not an export package ({meta.get('format')!r})")
    code = str((meta.get("office") or {}).get("code") or "")
    if code != office.code:
        raise _reject(name, "OFFICE-CODE",
                      f"office code {code!r} is not the key's ({office.code!r})")


def open_package(stream: BinaryIO, keys: KeyHolder, offices: Sequence[OfficeKey], *,
                 name: str) -> ReceivedPackage:
    """Verify a received package and open it (keep ``stream`` open while reading files).

    Checks, in order: signed by an imported office key (outer and inner signatures, every
    file's SHA-256), encrypted for this archive, an export package of that office, and a
    valid SIP_hoso (``validate_sip``).

    Raises:
        PackageRejected: the first check that fails, with its rule.
    """
    try:
        signer = signer_of(stream, name)
    except (TamperedError, KeyError, ValueError) as e:
        raise _reject(name, "SIGNATURE", f"unreadable container header ({e})") from e
    office = find_office(offices, signer)
    if office is None:
        raise _reject(name, "OFFICE-KEY", f"signed by key {signer.key_id()}, which no "
                      "imported office holds")
    try:
        oc = open_container(stream, keys, signer_public=office.verifier, name=name)
    except NotARecipient as e:
        raise _reject(name, "RECIPIENT", "not encrypted for this archive's key") from e
    except TamperedError as e:
        raise _reject(name, "SIGNATURE", e.message("en")) from e
    _check_metadata(name, oc.metadata, office)
    files = package_files(oc)
    problems = validate_sip(files)
    if problems:
        raise _reject(name, problems[0].split(" ", 1)[0], "; ".join(problems[:3]))
    objid = ET.fromstring(read_all(files[ROOT_METS])).get("OBJID")
    root = str(oc.metadata.get("root") or "")
    if any(not n.startswith(root) for n in oc.names()):
        raise _reject(name, "FORMAT", f"files outside the package folder {root!r}")
    if objid != oc.metadata["objid"] or root not in ("", objid + "/"):
        raise _reject(name, "FORMAT", f"package OBJID {objid!r} is not the export's "
                      f"({oc.metadata['objid']!r})")
    return ReceivedPackage(name, oc, office, files)
