"""An account's box key: an HPKE key pair through which keys made later reach the account.

The private seed lives in the account's password wrap; the public key in ``accounts.json``,
signed by the user's own certified key (so the user publishes it without the office key, and
no one else can put a key of theirs in its place). See :mod:`archive.keys.grants`.
"""

from __future__ import annotations

from typing import Any

from archive._hazmat.kem import KemPrivateKey, KemPublicKey
from archive._hazmat.keyfile import b64d, b64e, canonical_json
from archive._hazmat.sign import HybridSigner, HybridVerifier

__all__ = ["CTX_BOX", "box_public", "new_box"]

CTX_BOX = b"digitize/accounts/v2/box"


def _box_body(name: str, box: str) -> bytes:
    return canonical_json({"user": name, "box": box})


def box_public(name: str, entry: dict[str, Any]) -> KemPublicKey | None:
    """The box key of an ``accounts.json`` entry if the user's own key signed it, else None."""
    try:
        user = HybridVerifier.from_bytes(b64d(entry["key"]))
        if not user.verify(b64d(entry["box_sig"]), _box_body(name, entry["box"]), CTX_BOX):
            return None
        return KemPublicKey.from_bytes(b64d(entry["box"]))
    except (KeyError, ValueError, TypeError):
        return None


def new_box(name: str, user: HybridSigner, box: KemPrivateKey | None = None
            ) -> tuple[KemPrivateKey, dict[str, str]]:
    """A box key for ``name`` (fresh unless ``box`` is given) and the entry members that
    publish it (signed by the user's own key, so the user adds it without the office key)."""
    box = box or KemPrivateKey.generate()
    pub = b64e(box.public().to_bytes())
    return box, {"box": pub, "box_sig": b64e(user.sign(_box_body(name, pub), CTX_BOX))}
