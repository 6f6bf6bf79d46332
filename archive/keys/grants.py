"""Key rotation: new office KEM and catalog keys, handed to accounts without their passwords.

An account's password wrap never changes without its password, so it cannot carry keys made
later. Each account therefore also holds a **box key** (an ML-KEM-768 + X25519 HPKE key pair:
the private seed in its wrap, the public key in ``accounts.json``, signed by the user's own
certified key). A rotation (``Keystore`` epoch ``E`` → ``E + 1``) writes into
``keystore.json``, signed with its public part by the office key:

* ``grants``: per enabled archivist or admin, the role's new keys sealed (HPKE) to their box
  key, bound to the user name and the epoch;
* ``retired``: the earlier KEM seeds and catalog keys, AES-256-GCM under a key derived from
  the current KEM seed (whoever reads new records also reads old ones).

An old ``keystore.json`` with the old passphrase opens only the old keys: it holds no box
seed, so neither new grants nor new records nor the re-keyed catalog open with it. Clerks
hold no office secret and need no grant (they seal to the signed public key). The office
signing key is not rotated (docs/threat-model.md says why).
"""

from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from archive._hazmat.kdf import Argon2Params, hkdf
from archive._hazmat.kem import KemPrivateKey
from archive._hazmat.keyfile import WrongKey, b64d, b64e, canonical_json, unwrap_secrets
from archive.accounts import Accounts, Unlocked
from archive.errors import AccountNotRekeyed, TamperedError, WrongPassphrase
from archive.keys.box import box_public, new_box

__all__ = ["Rotation", "apply_grant", "ensure_box", "kem_keys", "retired_keys", "rotate"]

INFO_GRANT = b"digitize/keystore/v1/grant/"
INFO_RETIRED = b"digitize/keystore/v1/retired"


def ensure_box(accounts: Accounts, got: Unlocked, password: str) -> Unlocked:
    """Make sure the account's box key is published (at its sign-in): an account made before
    rotation existed gets one (only its password re-wraps its keys); one whose published key
    went missing (two sign-ins writing the file at once) publishes it again. Returns ``got``
    with the box seed."""
    name = got.account.username
    doc = accounts._load()
    entry = doc["users"][name]
    if got.box_seed is not None:
        box = KemPrivateKey.from_seed(got.box_seed)
        pub = box_public(name, entry)
        if pub is None or pub.to_bytes() != box.public().to_bytes():
            entry.update(new_box(name, got.signer, box)[1])
            accounts._write(doc)
        return got
    box, published = new_box(name, got.signer)
    material = json.loads(accounts._material_of(got))
    material["box"] = b64e(box.seed())
    entry.update(accounts._wrap(canonical_json(material), name, entry["role"], entry["key"],
                                password))
    entry.update(published)
    accounts._write(doc)
    return dataclasses.replace(got, box_seed=box.seed())


def apply_grant(doc: dict[str, Any], got: Unlocked) -> Unlocked:
    """The keys of ``got``'s role at the keystore's epoch: from the account's wrap when it
    holds the current KEM key (made since the last rotation), else from its grant. Clerks
    hold no office key: unchanged.

    Raises:
        AccountNotRekeyed: no readable grant for this account (made before the account had
            a box key, or the account was disabled at the rotation).
    """
    epoch = int(doc.get("epoch", 0))
    if got.account.role == "clerk" or epoch == 0:
        return got
    if got.kem_seed is not None and KemPrivateKey.from_seed(got.kem_seed).public().to_bytes() \
            == b64d(doc["public"]["kem"]):
        return got  # an account made (or reset) since the last rotation
    name = got.account.username
    grant = (doc.get("grants") or {}).get(name)
    if grant is None or got.box_seed is None:
        raise AccountNotRekeyed(name)
    try:
        plain = KemPrivateKey.from_seed(got.box_seed).unwrap(
            b64d(grant), INFO_GRANT + f"{name}/{got.account.role}/{epoch}".encode())
        m = json.loads(plain)
    except (InvalidTag, ValueError, KeyError, TypeError) as e:
        raise AccountNotRekeyed(name) from e
    secrets = b64d(m["secrets"]) if "secrets" in m else None
    return dataclasses.replace(
        got, secrets=secrets if got.account.role == "admin" else None,
        kem_seed=secrets[64:160] if secrets else b64d(m["kem"]),
        catalog_key=secrets[160:192] if secrets else b64d(m["catalog"]))


def retired_keys(doc: dict[str, Any], kem_seed: bytes) -> list[dict[str, bytes]]:
    """The retired ``{"kem": seed, "catalog": key}`` of a keystore document, oldest first
    (``kem_seed``: the current KEM seed). Empty before the first rotation.

    Raises:
        TamperedError: the list does not open with the current KEM seed.
    """
    box = doc.get("retired")
    if not box:
        return []
    try:
        plain = AESGCM(hkdf(kem_seed, INFO_RETIRED)).decrypt(
            b64d(box["nonce"]), b64d(box["ciphertext"]), INFO_RETIRED)
        return [{k: b64d(v) for k, v in r.items()} for r in json.loads(plain)]
    except (InvalidTag, ValueError, KeyError, TypeError) as e:
        raise TamperedError(f"keystore.json: retired keys unreadable ({e})") from e


def kem_keys(doc: dict[str, Any], current: KemPrivateKey) -> dict[str, KemPrivateKey]:
    """The current and the retired private KEM keys of a keystore document, by key id."""
    keys = {current.public().key_id(): current}
    for r in retired_keys(doc, current.seed()):
        k = KemPrivateKey.from_seed(r["kem"])
        keys[k.public().key_id()] = k
    return keys


def _seal_retired(retired: list[dict[str, bytes]], kem_seed: bytes) -> dict[str, str]:
    nonce = os.urandom(12)
    body = canonical_json([{k: b64e(v) for k, v in r.items()} for r in retired])
    ct = AESGCM(hkdf(kem_seed, INFO_RETIRED)).encrypt(nonce, body, INFO_RETIRED)
    return {"nonce": b64e(nonce), "ciphertext": b64e(ct)}


@dataclass(frozen=True)
class Rotation:
    """What a rotation did: the new epoch and generation, who got the new keys, who did not
    (disabled, or no box key yet: an admin resets them), and the catalog's old key."""

    epoch: int
    generation: int
    granted: tuple[str, ...]
    not_granted: tuple[str, ...]
    old_catalog_key: bytes


def rotate(ks: Any, passphrase: str, accounts: Accounts) -> Rotation:
    """Give the office a new KEM key and catalog key (``ks``: the unlocked
    ``archive.keystore.Keystore``, changed in place and saved; the caller re-keys the
    catalog). The archive passphrase re-wraps the new secrets, so it must be given.

    Raises:
        WrongPassphrase: ``passphrase`` does not open the keystore (nothing is changed).
        TamperedError: ``accounts.json`` is not signed by the office key.
    """
    try:
        unwrap_secrets(ks._doc, passphrase)
    except WrongKey as e:
        raise WrongPassphrase(str(ks.path)) from e
    old = ks.secrets
    users = accounts.verified(ks.verifier())["users"] if accounts.exists() else {}
    kem = KemPrivateKey.generate()
    new = old[:64] + kem.seed() + os.urandom(32)
    epoch = ks.epoch + 1
    grants, granted, missing = {}, [], []
    for name, entry in sorted(users.items()):
        if entry.get("role") not in ("archivist", "admin"):
            continue
        pub = box_public(name, entry)
        if entry.get("disabled") or pub is None:
            missing.append(name)
            continue
        m = {"secrets": b64e(new)} if entry["role"] == "admin" else \
            {"kem": b64e(new[64:160]), "catalog": b64e(new[160:192])}
        grants[name] = b64e(pub.wrap(canonical_json(m),
                                     INFO_GRANT + f"{name}/{entry['role']}/{epoch}".encode()))
        granted.append(name)
    retired = [*retired_keys(ks._doc, old[64:160]), {"kem": old[64:160],
                                                     "catalog": old[160:192]}]
    doc = dict(ks._doc)
    doc["public"] = {**doc["public"], "kem": b64e(kem.public().to_bytes())}
    doc.update(epoch=epoch, grants=grants, retired=_seal_retired(retired, new[64:160]))
    kdf = doc["kdf"]
    ks.replace_secrets(doc, new, passphrase,
                       Argon2Params(kdf["memory_kib"], kdf["iterations"], kdf["lanes"]))
    return Rotation(epoch, ks.generation, tuple(granted), tuple(missing), old[160:192])
