"""The TT 05/2025 elements an export package writes, taken from the one field list
(:mod:`digitize.metadata.schema`): the packager (:func:`archive.export.build_sip`) knows none."""

from __future__ import annotations

from archive.export import SipFields
from digitize.metadata.schema import (
    DOCUMENT_FIELDS,
    DOSSIER_FIELDS,
    OWN_DOCUMENT_FIELDS,
    RequiredFields,
)

__all__ = ["SIP_FIELDS", "sip_fields"]


def sip_fields(profile: RequiredFields | None = None) -> SipFields:
    """EAD.xml's 18 dossier elements and EAD_doc's 21 document elements (STANDARDS 2.2, 2.3),
    in the standard's order, with the fields ``profile`` requires.

    Args:
        profile: The required fields (default: the standard's, :class:`RequiredFields`).

    Returns:
        The fields for :func:`archive.export.build_sip`; our own document fields (secrecy,
        urgency, signer, place) are left out of the package.
    """
    profile = profile or RequiredFields()
    return SipFields(
        dossier=tuple(DOSSIER_FIELDS),
        document=tuple(f for f in DOCUMENT_FIELDS if f not in OWN_DOCUMENT_FIELDS),
        dossier_required=profile.dossier, document_required=profile.document)


#: The fields every export package is built with (the standard's required fields).
SIP_FIELDS = sip_fields()
