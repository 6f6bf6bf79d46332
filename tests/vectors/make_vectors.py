"""Regenerate the archive's known-answer vectors: ``python -m tests.vectors.make_vectors``.

Deterministic parts (Argon2id, segment encryption, key ids, fingerprints, manifest bytes, audit
hashes) come out identical on every run; randomised parts (HPKE encapsulation, ML-DSA
signatures, key file salts) are stored and checked by verification instead.
"""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

from archive._hazmat.kdf import TEST_PARAMS, Argon2Params, argon2id
from archive._hazmat.kem import KemPrivateKey
from archive._hazmat.keyfile import fingerprint
from archive._hazmat.sign import HybridSigner
from archive._hazmat.stream import SegmentCipher
from archive.audit import AuditLog
from archive.container import write_container
from archive.keystore import KEYSTORE_FORMAT, Keystore, Recipient

HERE = Path(__file__).resolve().parent
VN = timezone(timedelta(hours=7))
SIGNER_SEED = bytes(range(64))
KEM_SEED = bytes(range(64, 160))
CENTRAL_KEM_SEED = bytes(range(160, 256))
CATALOG_KEY = bytes(range(0xA0, 0xC0))
PASSPHRASE = "Mật khẩu của văn thư 2026"


def kdf_vectors() -> dict:
    cases = []
    for pw, salt, params in [
        (PASSPHRASE, bytes(16), TEST_PARAMS),
        ("Mật khẩu của văn thư 2026".replace("ậ", "a\u0323\u0302"), bytes(16), TEST_PARAMS),
        ("password", b"saltsaltsaltsalt", Argon2Params(1024, 2, 2)),
    ]:
        cases.append(
            {
                "passphrase": pw,
                "salt_hex": salt.hex(),
                "memory_kib": params.memory_kib,
                "iterations": params.iterations,
                "lanes": params.lanes,
                "key_hex": argon2id(pw, salt, params).hex(),
            }
        )
    return {
        "description": "Argon2id (RFC 9106) of the NFC-normalised UTF-8 passphrase, 32 bytes",
        "cases": cases,
    }


def stream_vectors() -> dict:
    key, prefix, aad = bytes(range(32)), bytes.fromhex("0102030405060a"), bytes(32)
    c = SegmentCipher(key, prefix, aad)
    segs = [(0, b"segment zero", False), (1, b"segment one", False), (2, b"last", True)]
    return {
        "key_hex": key.hex(),
        "nonce_prefix_hex": prefix.hex(),
        "aad_hex": aad.hex(),
        "segments": [
            {
                "index": i,
                "last": last,
                "plaintext_hex": p.hex(),
                "ciphertext_hex": c.seal(i, p, last).hex(),
            }
            for i, p, last in segs
        ],
    }


def key_vectors() -> dict:
    s, k = HybridSigner.from_seed(SIGNER_SEED), KemPrivateKey.from_seed(KEM_SEED)
    sp, kp = s.public().to_bytes(), k.public().to_bytes()
    return {
        "signer_seed_hex": SIGNER_SEED.hex(),
        "kem_seed_hex": KEM_SEED.hex(),
        "sign_public_hex": sp.hex(),
        "kem_public_hex": kp.hex(),
        "signer_key_id": s.public().key_id(),
        "kem_key_id": k.public().key_id(),
        "fingerprint": fingerprint(sp, kp),
    }


def container_vectors() -> dict:
    s = HybridSigner.from_seed(SIGNER_SEED)
    office, central = KemPrivateKey.from_seed(KEM_SEED), KemPrivateKey.from_seed(CENTRAL_KEM_SEED)
    recips = [
        Recipient("office:H47", office.public(), ""),
        Recipient("central", central.public(), ""),
    ]
    files = [
        ("docs/H47.2026.01.1.pdf", b"%PDF-1.7 test"),
        ("ocr/1.txt", "Quyết định số 15".encode()),
        ("empty", b""),
    ]
    meta = {"fileCode": "H47.2026.01", "title": "Hồ sơ mẫu"}
    buf = io.BytesIO()
    info = write_container(
        buf,
        files,
        metadata=meta,
        recipients=recips,
        signer=s,
        now=datetime(2026, 11, 25, 15, 0, tzinfo=VN),
        segment_size=32,
        _content_key=bytes(range(100, 132)),
        _nonce_prefix=bytes(7),
    )
    data = buf.getvalue()
    bad = bytearray(data)
    bad[len(bad) // 2] ^= 1
    return {
        "signer_seed_hex": SIGNER_SEED.hex(),
        "office_kem_seed_hex": KEM_SEED.hex(),
        "central_kem_seed_hex": CENTRAL_KEM_SEED.hex(),
        "content_key_hex": bytes(range(100, 132)).hex(),
        "nonce_prefix_hex": bytes(7).hex(),
        "created": "2026-11-25T15:00:00+07:00",
        "segment_size": 32,
        "files": [{"name": n, "content_hex": c.hex()} for n, c in files],
        "metadata": meta,
        "manifest_json": json.dumps(
            info.manifest, sort_keys=True, separators=(",", ":"), ensure_ascii=False
        ),
        "container_hex": data.hex(),
        "id": info.id,
        "invalid": [
            {"what": "one bit flipped in the middle", "container_hex": bytes(bad).hex()},
            {"what": "truncated by one byte", "container_hex": data[:-1].hex()},
            {"what": "one byte appended", "container_hex": (data + b"\0").hex()},
        ],
    }


def keystore_vectors() -> dict:
    secrets = SIGNER_SEED + KEM_SEED + CATALOG_KEY
    ks = Keystore(
        None, Keystore._new_doc("H47", "UBND huyện Phú Quốc", secrets, KEYSTORE_FORMAT), secrets
    )
    ks._rewrap(PASSPHRASE, TEST_PARAMS)
    return {
        "passphrase": PASSPHRASE,
        "keystore_json": ks.to_bytes().decode(),
        "public_bundle_json": ks.public_bundle().decode(),
        "catalog_key_hex": CATALOG_KEY.hex(),
        "fingerprint": ks.fingerprint(),
        "kem_key_id": ks.office_recipient().kid,
    }


def audit_vectors(tmp: Path) -> dict:
    s = HybridSigner.from_seed(SIGNER_SEED)
    log = AuditLog(tmp / "audit.log", s, s.public())
    t = datetime(2026, 11, 25, 15, 0, tzinfo=VN)
    log.append("thu.nguyen", "dossier.create", "H47.2026.01", {}, now=t)
    log.append("thu.nguyen", "dossier.store", "H47.2026.01", {"version": 1, "pages": 20}, now=t)
    log.checkpoint("thu.nguyen", now=t)
    return {
        "sign_public_hex": s.public().to_bytes().hex(),
        "log": (tmp / "audit.log").read_text(encoding="utf-8"),
        "hashes": [e.hash for e in log.entries()],
    }


def main() -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        out = {
            "kdf": kdf_vectors(),
            "stream": stream_vectors(),
            "keys": key_vectors(),
            "container_v1": container_vectors(),
            "keystore_v1": keystore_vectors(),
            "audit_v1": audit_vectors(Path(d)),
        }
    for name, doc in out.items():
        (HERE / f"{name}.json").write_text(
            json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        print(f"wrote tests/vectors/{name}.json")


if __name__ == "__main__":
    main()
