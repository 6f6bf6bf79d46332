"""Archives made before #24 still open: a version 1 accounts file (every account wrapping the
archive passphrase) and an unsigned keystore are converted at the first admin unlock."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from archive._hazmat.kdf import TEST_PARAMS, argon2id, hkdf, normalize_passphrase
from archive._hazmat.keyfile import b64e, canonical_json, compute_mac
from archive.accounts import ACCOUNTS_FILE, Accounts
from archive.errors import AccountsNeedMigration, BadCredentials
from archive.keystore import Keystore
from digitize.core import Workspace
from digitize.session import sign_in

PASS = "cụm mật khẩu cũ của kho"
OLD = {"quantri": ("admin", "matkhau-qt"), "vanthu": ("clerk", "matkhau-vt")}  # 10 characters


def _v1_entry(name: str, role: str, password: str) -> dict:
    """An entry as the code before #24 wrote it (docs: accounts.json version 1)."""
    salt, nonce = os.urandom(16), os.urandom(12)
    kek = argon2id(password, salt, TEST_PARAMS)
    ct = AESGCM(kek).encrypt(nonce, normalize_passphrase(PASS),
                             f"digitize/accounts/v1/{name}/{role}".encode())
    return {"role": role, "disabled": False, "created": "2026-01-01T08:00:00+07:00",
            "password_changed": "2026-01-01T08:00:00+07:00", "must_change": False,
            "kdf": {"alg": "argon2id", "salt": b64e(salt), "memory_kib": TEST_PARAMS.memory_kib,
                    "iterations": TEST_PARAMS.iterations, "lanes": TEST_PARAMS.lanes},
            "wrap": {"alg": "AES-256-GCM", "nonce": b64e(nonce), "ciphertext": b64e(ct)}}


@pytest.fixture
def old_archive(tmp_path: Path) -> Path:
    root = tmp_path / "kho"
    Workspace.init(root, PASS, office_code="H47", office_name="UBND",
                   kdf_params=TEST_PARAMS).close()
    # the keystore as before #24: no generation, no office signature
    ks = Keystore.unlock(root / "keystore.json", PASS)
    doc = {k: v for k, v in json.loads((root / "keystore.json").read_text()).items()
           if k not in ("sig", "generation", "mac")}
    doc["mac"] = compute_mac(ks.secrets, doc)
    (root / "keystore.json").write_text(json.dumps(doc), encoding="utf-8")
    users = {n: _v1_entry(n, r, p) for n, (r, p) in OLD.items()}
    acc = {"format": "digitize-accounts", "version": 1, "created": "2026-01-01T08:00:00+07:00",
           "users": users}
    h = hmac.HMAC(hkdf(normalize_passphrase(PASS), b"digitize/accounts/v1/mac"), hashes.SHA256())
    h.update(canonical_json(acc))
    acc["mac"] = h.finalize().hex()
    (root / ACCOUNTS_FILE).write_text(json.dumps(acc), encoding="utf-8")
    return root


def test_a_clerk_cannot_sign_in_before_the_admin_migrates(old_archive: Path) -> None:
    with pytest.raises(AccountsNeedMigration) as e:
        sign_in(old_archive, "vanthu", OLD["vanthu"][1])
    assert "quản trị viên" in e.value.message("vi")


def test_the_first_admin_sign_in_converts_the_files(old_archive: Path) -> None:
    s = sign_in(old_archive, "quantri", OLD["quantri"][1])  # the old, shorter password
    try:
        assert s.role == "admin"
        doc = json.loads((old_archive / ACCOUNTS_FILE).read_text(encoding="utf-8"))
        assert doc["version"] == 2 and PASS not in json.dumps(doc, ensure_ascii=False)
        assert doc["users"]["vanthu"]["disabled"]  # no key until an admin resets it
        ks = json.loads((old_archive / "keystore.json").read_text(encoding="utf-8"))
        assert ks["generation"] == 1 and ks["sig"]
        s.reset_password("vanthu", "matkhau-moi-cho-vanthu")
        s.set_disabled("vanthu", False)
    finally:
        s.close()
    with pytest.raises(BadCredentials):
        Accounts(old_archive).unlock("vanthu", OLD["vanthu"][1])
    clerk = sign_in(old_archive, "vanthu", "matkhau-moi-cho-vanthu")
    try:
        assert clerk.role == "clerk" and clerk.workspace.keys.decryption_keys() == {}
    finally:
        clerk.close()
    with Workspace.open(old_archive, PASS) as ws:  # the passphrase (recovery) still opens it
        assert ws.verify().ok
