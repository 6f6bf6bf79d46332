"""Known-answer vectors (tests/vectors/*.json) and an independent reader built from the docs."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import struct
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import hashes, hpke
from cryptography.hazmat.primitives.asymmetric import ed25519, mldsa, mlkem, x25519
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from archive._hazmat.kem import KemPrivateKey
from archive._hazmat.sign import HybridSigner
from archive.audit import AuditLog
from archive.container import open_container, verify_outer
from archive.errors import TamperedError, WrongPassphrase
from archive.keystore import Keystore, parse_public_bundle
from tests.vectors import make_vectors

VEC = Path(__file__).resolve().parents[2] / "vectors"


def _load(name: str) -> dict[str, Any]:
    return json.loads((VEC / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("name", "fn"), [("kdf", "kdf_vectors"), ("stream", "stream_vectors"), ("keys", "key_vectors")]
)
def test_deterministic_vectors_regenerate_exactly(name: str, fn: str) -> None:
    fresh = getattr(make_vectors, fn)()
    assert json.loads(json.dumps(fresh, ensure_ascii=False)) == _load(name)


def test_argon2id_vectors_independently() -> None:
    for c in _load("kdf")["cases"]:
        kdf = Argon2id(
            salt=bytes.fromhex(c["salt_hex"]),
            length=32,
            iterations=c["iterations"],
            lanes=c["lanes"],
            memory_cost=c["memory_kib"],
        )
        pw = unicodedata.normalize("NFC", c["passphrase"]).encode()
        assert kdf.derive(pw).hex() == c["key_hex"]


def test_stream_vector_independently() -> None:
    v = _load("stream")
    aead = AESGCM(bytes.fromhex(v["key_hex"]))
    for s in v["segments"]:
        nonce = bytes.fromhex(v["nonce_prefix_hex"]) + struct.pack(
            ">IB", s["index"], int(s["last"])
        )
        assert (
            aead.encrypt(
                nonce, bytes.fromhex(s["plaintext_hex"]), bytes.fromhex(v["aad_hex"])
            ).hex()
            == s["ciphertext_hex"]
        )


def _independent_open(
    data: bytes, kem_seed: bytes, sign_pub: bytes
) -> tuple[dict, dict[str, bytes]]:
    """A reader that follows docs/format.md using only `cryptography`, not archive.container."""
    magic, version, hlen = struct.unpack(">4sHI", data[:10])
    assert (magic, version) == (b"DGZC", 1)
    hb = data[10 : 10 + hlen]
    header = json.loads(hb)
    assert data[-4:] == b"DGZE"
    footer = data[-(8 + 3373 + 4) :]
    ct_len = struct.unpack(">Q", footer[:8])[0]
    ct_start, sig = 10 + hlen, footer[8:-4]
    assert ct_start + ct_len + len(footer) == len(data)
    assert base64.b64decode(header["signer"]) == sign_pub
    tbs = (
        b"digitize/container/v1/outer\x00" + hashlib.sha256(data[: ct_start + ct_len + 8]).digest()
    )
    ed25519.Ed25519PublicKey.from_public_bytes(sign_pub[:32]).verify(sig[:64], tbs)
    mldsa.MLDSA65PublicKey.from_public_bytes(sign_pub[32:]).verify(sig[64:], tbs)
    priv = hpke.MLKEM768X25519PrivateKey(
        mlkem.MLKEM768PrivateKey.from_seed_bytes(kem_seed[:64]),
        x25519.X25519PrivateKey.from_private_bytes(kem_seed[64:]),
    )
    suite = hpke.Suite(hpke.KEM.MLKEM768_X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)
    cek = None
    for r in header["recipients"]:
        try:
            cek = suite.decrypt(base64.b64decode(r["enc"]), priv, info=b"digitize/container/v1/cek")
        except Exception:
            continue
    assert cek is not None
    commit = HKDF(hashes.SHA256(), 32, None, b"digitize/container/v1/commit").derive(cek)
    assert commit == base64.b64decode(header["cek_commit"])
    aead, aad = AESGCM(cek), hashlib.sha256(data[:ct_start]).digest()
    prefix, full = base64.b64decode(header["nonce_prefix"]), header["segment_size"] + 16
    plain, pos, i = b"", ct_start, 0
    while pos < ct_start + ct_len:
        seg = data[pos : min(pos + full, ct_start + ct_len)]
        last = pos + len(seg) == ct_start + ct_len
        plain += aead.decrypt(prefix + struct.pack(">IB", i, int(last)), seg, aad)
        pos, i = pos + len(seg), i + 1
    mlen = struct.unpack(">I", plain[-4:])[0]
    mb = plain[-4 - 3373 - mlen : -4 - 3373]
    isig = plain[-4 - 3373 : -4]
    mtbs = b"digitize/container/v1/manifest\x00" + mb
    ed25519.Ed25519PublicKey.from_public_bytes(sign_pub[:32]).verify(isig[:64], mtbs)
    mldsa.MLDSA65PublicKey.from_public_bytes(sign_pub[32:]).verify(isig[64:], mtbs)
    manifest = json.loads(mb)
    files = {f["name"]: plain[f["offset"] : f["offset"] + f["size"]] for f in manifest["files"]}
    for f in manifest["files"]:
        assert hashlib.sha256(files[f["name"]]).hexdigest() == f["sha256"]
    return manifest, files


def test_container_vector() -> None:
    v = _load("container_v1")
    data = bytes.fromhex(v["container_hex"])
    assert hashlib.sha256(data).hexdigest() == v["id"]
    signer = HybridSigner.from_seed(bytes.fromhex(v["signer_seed_hex"])).public()
    expected = {f["name"]: bytes.fromhex(f["content_hex"]) for f in v["files"]}
    for seed in (v["office_kem_seed_hex"], v["central_kem_seed_hex"]):
        key = KemPrivateKey.from_seed(bytes.fromhex(seed))
        manifest, files = _independent_open(data, bytes.fromhex(seed), signer.to_bytes())
        assert files == expected and manifest["metadata"] == v["metadata"]
        assert (
            json.dumps(manifest, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
            == v["manifest_json"]
        )
        oc = open_container(io.BytesIO(data), {key.public().key_id(): key}, signer_public=signer)
        assert {n: oc.read(n) for n in oc.names()} == expected
    verify_outer(io.BytesIO(data), signer)
    for bad in v["invalid"]:
        with pytest.raises(TamperedError):
            verify_outer(io.BytesIO(bytes.fromhex(bad["container_hex"])), signer, name=bad["what"])


def test_keystore_vector() -> None:
    v = _load("keystore_v1")
    ks = Keystore.from_bytes(v["keystore_json"].encode(), v["passphrase"])
    assert ks.catalog_key().hex() == v["catalog_key_hex"]
    assert (
        ks.fingerprint()
        == v["fingerprint"]
        == parse_public_bundle(v["public_bundle_json"].encode()).fingerprint
    )
    assert ks.office_recipient().kid == v["kem_key_id"]
    with pytest.raises(WrongPassphrase):
        Keystore.from_bytes(v["keystore_json"].encode(), v["passphrase"] + "x")
    assert _load("keys")["fingerprint"] == v["fingerprint"]


def test_audit_vector(tmp_path: Path) -> None:
    v = _load("audit_v1")
    from archive._hazmat.sign import HybridVerifier

    (tmp_path / "a.log").write_text(v["log"], encoding="utf-8")
    log = AuditLog(
        tmp_path / "a.log", None, HybridVerifier.from_bytes(bytes.fromhex(v["sign_public_hex"]))
    )
    assert [e.hash for e in log.entries()] == v["hashes"]
    assert log.verify().last_checkpoint == 3
    for line, h in zip(v["log"].splitlines(), v["hashes"], strict=True):
        body = json.loads(line)
        fields = {
            k: body[k]
            for k in ("seq", "kind", "time", "actor", "action", "record", "details", "prev")
        }
        canon = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        assert hashlib.sha256(canon.encode()).hexdigest() == h
