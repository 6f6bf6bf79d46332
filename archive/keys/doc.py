"""The clear parts of a keystore document: recipients, the signed public view, reading."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from archive._hazmat.kem import KemPublicKey
from archive._hazmat.keyfile import b64d, canonical_json
from archive.errors import ArchiveNotFound, TamperedError

__all__ = ["BACKUP_FORMAT", "CTX_PUBLIC", "KEYSTORE_FORMAT", "Recipient", "central_recipients",
           "load_doc", "public_view", "read_doc"]

KEYSTORE_FORMAT = "digitize-keystore"
BACKUP_FORMAT = "digitize-key-backup"
#: Context of the office signature over a keystore's public part (version 1 files gain it at
#: the first admin unlock): what clerks and archivists trust without the secrets.
CTX_PUBLIC = b"digitize/keystore/v1/public"
_PUBLIC_FIELDS = ("format", "version", "office", "public", "central", "generation")
#: Signed too when present (a file without them keeps the signature it had): the newest audit
#: checkpoint and where it went, what key rotations wrote (keys/grants.py) and the settings
#: only an admin may change (digitize/store/settings.py); issue #24.
_OPTIONAL_FIELDS = ("checkpoint", "epoch", "grants", "retired", "settings")


def public_view(doc: dict[str, Any]) -> bytes:
    """The signed bytes of a keystore's public part (office, keys, recipients, generation,
    and the newest exported audit checkpoint and retired public keys when there are any)."""
    view = {k: doc.get(k) for k in _PUBLIC_FIELDS}
    view.update({k: doc[k] for k in _OPTIONAL_FIELDS if k in doc})
    return canonical_json(view)


@dataclass(frozen=True)
class Recipient:
    """Someone a container's content key is wrapped for (the office, or a central archive)."""

    label: str
    public: KemPublicKey
    fingerprint: str

    @property
    def kid(self) -> str:
        """Key id written in container headers (16 hex digits)."""
        return self.public.key_id()


def load_doc(data: bytes, fmt: str, where: str) -> dict[str, Any]:
    """Parse a key file of format ``fmt``, version 1 (nothing verified)."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as e:
        raise TamperedError(f"{where}: not a readable key file") from e
    if not isinstance(doc, dict) or doc.get("format") != fmt or doc.get("version") != 1:
        raise TamperedError(f"{where}: not a {fmt} file of version 1")
    return doc


def central_recipients(doc: dict[str, Any]) -> list[Recipient]:
    """The imported central archive keys of a keystore document, as recipients."""
    return [Recipient(c["label"], KemPublicKey.from_bytes(b64d(c["kem"])), c["fingerprint"])
            for c in doc["central"]]


def read_doc(path: Path) -> dict[str, Any]:
    """The keystore file at ``path`` as JSON, nothing verified (see ``archive.keys.ring``).

    Raises:
        ArchiveNotFound: no file. TamperedError: not a keystore file.
    """
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError as e:
        raise ArchiveNotFound(str(path)) from e
    return load_doc(data, KEYSTORE_FORMAT, str(path))
