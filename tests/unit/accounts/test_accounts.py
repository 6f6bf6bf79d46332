"""Local accounts (version 2): a password opens only its role's keys; the office key signs
roles and keys, so edits of the file are detected (issue #24)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archive._hazmat.kdf import TEST_PARAMS
from archive.accounts import ACCOUNTS_FILE, Accounts
from archive.errors import (
    AccountExists,
    BadCredentials,
    InvalidUsername,
    LastAdmin,
    TamperedError,
    WeakSecret,
)
from archive.keystore import Keystore

PASS = "kho-luu-tru-bi-mat-123"


@pytest.fixture
def office(tmp_path: Path) -> Keystore:
    return Keystore.create(tmp_path / "keystore.json", PASS, office_code="H47",
                           office_name="UBND", kdf_params=TEST_PARAMS)


@pytest.fixture
def accounts(tmp_path: Path, office: Keystore) -> Accounts:
    acc = Accounts(tmp_path, kdf_params=TEST_PARAMS)
    acc.create("Admin", "mật-khẩu-quản-trị", office.secrets)
    return acc


def test_each_role_unwraps_only_its_keys(accounts: Accounts, office: Keystore) -> None:
    accounts.add("van.a", "matkhau-van-a-1", "clerk", office.secrets)
    accounts.add("luu.tru", "matkhau-luu-tru", "archivist", office.secrets)
    admin = accounts.unlock("admin", "mật-khẩu-quản-trị")
    assert (admin.account.role, admin.secrets) == ("admin", office.secrets)
    clerk = accounts.unlock("van.a", "matkhau-van-a-1")
    assert clerk.account.role == "clerk"
    assert clerk.secrets is None and clerk.kem_seed is None and clerk.catalog_key is None
    assert office.catalog_key() not in clerk.work_key + clerk.signer.seed()
    arch = accounts.unlock("luu.tru", "matkhau-luu-tru")
    assert arch.secrets is None and arch.catalog_key == office.catalog_key()
    assert arch.kem_seed == office.secrets[64:160]
    # every user signs with their own key, certified by the office key
    certified = accounts.certified_keys(office.verifier())
    assert certified["van.a"] == [clerk.signer.public()]
    assert office.verifier() not in [k for ks in certified.values() for k in ks]


def test_wrong_password_unknown_user_and_disabled_look_the_same(accounts: Accounts,
                                                                office: Keystore) -> None:
    accounts.add("van.a", "matkhau-van-a-1", "clerk", office.secrets)
    with pytest.raises(BadCredentials):
        accounts.unlock("admin", "sai mật khẩu")
    with pytest.raises(BadCredentials):
        accounts.unlock("nobody", "whatever-123")
    accounts.set_disabled("van.a", True, office.secrets)
    with pytest.raises(BadCredentials) as e:
        accounts.unlock("van.a", "matkhau-van-a-1")
    assert "Sai tên đăng nhập" in e.value.message("vi")
    accounts.set_disabled("van.a", False, office.secrets)
    assert accounts.unlock("van.a", "matkhau-van-a-1").account.role == "clerk"


def test_file_holds_no_plaintext_secret(accounts: Accounts, tmp_path: Path,
                                        office: Keystore) -> None:
    raw = (tmp_path / ACCOUNTS_FILE).read_text(encoding="utf-8")
    assert PASS not in raw and "mật-khẩu-quản-trị" not in raw
    doc = json.loads(raw)
    assert doc["version"] == 2 and doc["users"]["admin"]["kdf"]["alg"] == "argon2id"
    assert "mac" not in doc  # no passphrase-keyed MAC to test guesses against


@pytest.mark.parametrize("field,value", [("role", "admin"), ("disabled", False),
                                         ("must_change", False)])
def test_editing_a_signed_field_is_detected(accounts: Accounts, tmp_path: Path,
                                            office: Keystore, field: str, value: object) -> None:
    accounts.add("clerk1", "matkhau-clerk1-x", "clerk", office.secrets)
    accounts.set_disabled("clerk1", True, office.secrets)
    accounts.set_disabled("clerk1", False, office.secrets)
    path = tmp_path / ACCOUNTS_FILE
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["users"]["clerk1"][field] = value if field != "disabled" else True
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(TamperedError):
        accounts.verified(office.verifier())


def test_a_role_edit_cannot_unwrap_more(accounts: Accounts, tmp_path: Path,
                                        office: Keystore) -> None:
    accounts.add("clerk1", "matkhau-clerk1-x", "clerk", office.secrets)
    path = tmp_path / ACCOUNTS_FILE
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["users"]["clerk1"]["role"] = "admin"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises((TamperedError, BadCredentials)):
        accounts.unlock("clerk1", "matkhau-clerk1-x")  # the role is bound to the wrap


def test_swapping_wraps_between_users_fails(accounts: Accounts, tmp_path: Path,
                                            office: Keystore) -> None:
    accounts.add("clerk1", "matkhau-clerk1-x", "clerk", office.secrets)
    path = tmp_path / ACCOUNTS_FILE
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["users"]["admin"]["wrap"] = doc["users"]["clerk1"]["wrap"]
    doc["users"]["admin"]["kdf"] = doc["users"]["clerk1"]["kdf"]
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(BadCredentials):
        accounts.unlock("admin", "matkhau-clerk1-x")


def test_change_own_password_and_admin_reset(accounts: Accounts, office: Keystore) -> None:
    accounts.add("luu.tru", "matkhau-ban-dau", "archivist", office.secrets)
    assert accounts.get("luu.tru").must_change
    before = accounts.unlock("luu.tru", "matkhau-ban-dau")
    accounts.change_password("luu.tru", "matkhau-ban-dau", "matkhau-moi-cua-toi")
    assert not accounts.get("luu.tru").must_change
    after = accounts.unlock("luu.tru", "matkhau-moi-cua-toi")
    assert (after.work_key, after.catalog_key) == (before.work_key, before.catalog_key)
    accounts.verified(office.verifier())  # a user's own re-wrap needs no office key
    with pytest.raises(BadCredentials):
        accounts.unlock("luu.tru", "matkhau-ban-dau")
    accounts.reset_password("luu.tru", "matkhau-dat-lai", office.secrets, role="clerk")
    got = accounts.unlock("luu.tru", "matkhau-dat-lai")
    assert (got.account.role, got.account.must_change, got.catalog_key) == ("clerk", True, None)
    # the old key stays certified (retired), so what it signed still verifies
    assert len(accounts.certified_keys(office.verifier())["luu.tru"]) == 2


def test_rules_for_names_passwords_and_the_last_admin(accounts: Accounts,
                                                      office: Keystore) -> None:
    with pytest.raises(AccountExists):
        accounts.add("admin", "matkhau-khac-1", "clerk", office.secrets)
    with pytest.raises(InvalidUsername):
        accounts.add("Người dùng", "matkhau-khac-1", "clerk", office.secrets)
    for weak in ("ngan", "aaaaaaaaaaaaaaaa", "ngan-qua-12", "password1234"):
        with pytest.raises(WeakSecret) as e:
            accounts.add("ngan", weak, "clerk", office.secrets)
    assert "ít nhất 12 ký tự" in e.value.message("vi") and "12" in e.value.message("en")
    with pytest.raises(LastAdmin):
        accounts.set_disabled("admin", True, office.secrets)
    other = Keystore.create(office.path.parent / "other.json", PASS, office_code="X",
                            office_name="Y", kdf_params=TEST_PARAMS)
    with pytest.raises(TamperedError):  # only the office key that signed the file
        accounts.add("khach", "matkhau-khach-1", "clerk", other.secrets)
    assert [a.username for a in accounts.list()] == ["admin"]


def test_create_refuses_to_overwrite(accounts: Accounts, tmp_path: Path,
                                     office: Keystore) -> None:
    with pytest.raises(AccountExists):
        Accounts(tmp_path, kdf_params=TEST_PARAMS).create("admin2", "matkhau-admin2",
                                                          office.secrets)
