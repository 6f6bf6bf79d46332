"""The keystore: unlock, wrong passphrase, passphrase change, central keys, backup and restore."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from archive._hazmat.kdf import TEST_PARAMS
from archive.errors import (
    ArchiveNotFound,
    KeyBundleInvalid,
    KeystoreExists,
    TamperedError,
    WrongPassphrase,
)
from archive.keystore import Keystore, generate_central_keypair, parse_public_bundle
from tests.unit.archive.conftest import PASS


def _snapshot(d: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(d.iterdir())}


def test_unlock_gives_the_same_keys(fresh_keystore: tuple[Path, Keystore]) -> None:
    path, ks = fresh_keystore
    again = Keystore.unlock(path, PASS)
    assert again.catalog_key() == ks.catalog_key() and len(ks.catalog_key()) == 32
    assert again.fingerprint() == ks.fingerprint()
    assert again.verifier() == ks.verifier()
    assert re.fullmatch(r"(\d{5}-){5}\d{5}", ks.fingerprint())
    assert PASS.encode() not in path.read_bytes()


def test_wrong_passphrase_is_clear_and_changes_nothing(
    fresh_keystore: tuple[Path, Keystore],
) -> None:
    path, ks = fresh_keystore
    before = _snapshot(path.parent)
    for wrong in ["", "mat khau", PASS + " ", PASS.upper()]:
        with pytest.raises(WrongPassphrase) as ei:
            Keystore.unlock(path, wrong)
        assert "Sai cụm mật khẩu" in ei.value.message("vi")
        assert "Nothing was changed" in ei.value.message("en")
    with pytest.raises(WrongPassphrase):
        ks.change_passphrase("not it", "new one")
    assert _snapshot(path.parent) == before


def test_passphrase_is_nfc_normalised(tmp_path: Path) -> None:
    composed = "Mật khẩu"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    ks = Keystore.create(
        tmp_path / "k", composed, office_code="A", office_name="B", kdf_params=TEST_PARAMS
    )
    assert Keystore.unlock(tmp_path / "k", decomposed).fingerprint() == ks.fingerprint()


def test_change_passphrase_rewraps_only(fresh_keystore: tuple[Path, Keystore]) -> None:
    path, ks = fresh_keystore
    old_doc = json.loads(path.read_text())
    ks.change_passphrase(PASS, "cụm mới rất dài")
    new_doc = json.loads(path.read_text())
    assert new_doc["kdf"]["salt"] != old_doc["kdf"]["salt"]
    assert new_doc["public"] == old_doc["public"]
    with pytest.raises(WrongPassphrase):
        Keystore.unlock(path, PASS)
    again = Keystore.unlock(path, "cụm mới rất dài")
    assert again.catalog_key() == ks.catalog_key() and again.fingerprint() == ks.fingerprint()


def test_missing_and_existing_files(tmp_path: Path, fresh_keystore: tuple[Path, Keystore]) -> None:
    with pytest.raises(ArchiveNotFound):
        Keystore.unlock(tmp_path / "nope.json", PASS)
    path, _ = fresh_keystore
    with pytest.raises(KeystoreExists):
        Keystore.create(path, PASS, office_code="X", office_name="Y", kdf_params=TEST_PARAMS)


@pytest.mark.parametrize("edit", ["office", "central", "public", "garbage"])
def test_edited_keystore_is_tampered(fresh_keystore: tuple[Path, Keystore], edit: str) -> None:
    path, ks = fresh_keystore
    _, pub = generate_central_keypair("x", kdf_params=TEST_PARAMS)
    doc = json.loads(path.read_text())
    if edit == "office":
        doc["office"]["name"] = "Kẻ gian"
    elif edit == "central":  # an attacker slips in a recipient of their own
        pb = json.loads(pub)
        doc["central"].append(
            {
                "label": "x",
                "office": pb["office"],
                "sign": pb["sign"],
                "kem": pb["kem"],
                "fingerprint": pb["fingerprint"],
                "imported": "2026-01-01T00:00:00+07:00",
            }
        )
    elif edit == "public":
        other = json.loads(pub)
        doc["public"]["kem"] = other["kem"]
    if edit == "garbage":
        path.write_bytes(b"\x00not json")
    else:
        path.write_text(json.dumps(doc))
    with pytest.raises(TamperedError):
        Keystore.unlock(path, PASS)


def test_import_central_key(fresh_keystore: tuple[Path, Keystore]) -> None:
    path, ks = fresh_keystore
    _, pub = generate_central_keypair("c", kdf_params=TEST_PARAMS)
    fp = ks.import_central_key(pub, "Trung tâm Lưu trữ quốc gia")
    assert fp == parse_public_bundle(pub).fingerprint
    assert ks.import_central_key(pub, "again") == fp  # idempotent
    again = Keystore.unlock(path, PASS)
    assert [r.fingerprint for r in again.recipients()] == [ks.fingerprint(), fp]
    assert again.central_keys()[0]["label"] == "Trung tâm Lưu trữ quốc gia"
    with pytest.raises(KeyBundleInvalid):
        ks.import_central_key(ks.public_bundle(), "own key")
    assert ks.remove_central_key(fp) and not ks.remove_central_key(fp)
    assert [r.fingerprint for r in Keystore.unlock(path, PASS).recipients()] == [ks.fingerprint()]


@pytest.mark.parametrize(
    "bundle", [b"", b"{}", b"[]", b"\xff", b'{"format":"digitize-public-key"}']
)
def test_bad_bundles_are_refused(fresh_keystore: tuple[Path, Keystore], bundle: bytes) -> None:
    with pytest.raises(KeyBundleInvalid):
        fresh_keystore[1].import_central_key(bundle, "x")


def test_bundle_with_wrong_fingerprint_is_refused(fresh_keystore: tuple[Path, Keystore]) -> None:
    _, pub = generate_central_keypair("c", kdf_params=TEST_PARAMS)
    doc = json.loads(pub)
    doc["fingerprint"] = "00000-00000-00000-00000-00000-00000"
    with pytest.raises(KeyBundleInvalid):
        fresh_keystore[1].import_central_key(json.dumps(doc).encode(), "x")


def test_backup_and_restore(tmp_path: Path, fresh_keystore: tuple[Path, Keystore]) -> None:
    path, ks = fresh_keystore
    _, pub = generate_central_keypair("c", kdf_params=TEST_PARAMS)
    ks.import_central_key(pub, "central")
    usb = tmp_path / "usb"
    usb.mkdir()
    ks.backup(usb / "keys.backup", "sao lưu", kdf_params=TEST_PARAMS)
    with pytest.raises(KeystoreExists):
        ks.backup(usb / "keys.backup", "sao lưu", kdf_params=TEST_PARAMS)
    with pytest.raises(TamperedError):  # a backup is not a keystore
        Keystore.unlock(usb / "keys.backup", "sao lưu")
    with pytest.raises(WrongPassphrase):
        Keystore.restore(usb / "keys.backup", PASS, tmp_path / "new.json")
    assert not (tmp_path / "new.json").exists()
    restored = Keystore.restore(
        usb / "keys.backup", "sao lưu", tmp_path / "new.json", new_passphrase="mới"
    )
    again = Keystore.unlock(tmp_path / "new.json", "mới")
    for k in (restored, again):
        assert k.catalog_key() == ks.catalog_key() and k.fingerprint() == ks.fingerprint()
        assert len(k.recipients()) == len(ks.recipients())
    with pytest.raises(KeystoreExists):
        Keystore.restore(usb / "keys.backup", "sao lưu", path)


def test_central_private_bundle_opens_only_with_its_passphrase() -> None:
    priv, pub = generate_central_keypair("trung tâm", kdf_params=TEST_PARAMS)
    assert b"trung" not in priv
    with pytest.raises(WrongPassphrase):
        Keystore.from_bytes(priv, "sai")
    c = Keystore.from_bytes(priv, "trung tâm")
    assert c.fingerprint() == parse_public_bundle(pub).fingerprint
