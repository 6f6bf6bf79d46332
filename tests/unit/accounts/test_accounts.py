"""Local accounts: sign-in unwraps the archive passphrase; roles and edits are tamper-evident."""

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
    WeakPassword,
)

PASS = "kho-luu-tru-bi-mat-123"


@pytest.fixture
def accounts(tmp_path: Path) -> Accounts:
    acc = Accounts(tmp_path, kdf_params=TEST_PARAMS)
    acc.create("Admin", "mật-khẩu-quản-trị", PASS)
    return acc


def test_sign_in_returns_role_and_passphrase(accounts: Accounts) -> None:
    account, passphrase = accounts.unlock("admin", "mật-khẩu-quản-trị")
    assert (account.username, account.role, passphrase) == ("admin", "admin", PASS)


def test_wrong_password_unknown_user_and_disabled_look_the_same(accounts: Accounts) -> None:
    accounts.add("van.a", "matkhau-van-a", "clerk", PASS)
    with pytest.raises(BadCredentials):
        accounts.unlock("admin", "sai mật khẩu")
    with pytest.raises(BadCredentials):
        accounts.unlock("nobody", "whatever-123")
    accounts.set_disabled("van.a", True, PASS)
    with pytest.raises(BadCredentials) as e:
        accounts.unlock("van.a", "matkhau-van-a")
    assert "Sai tên đăng nhập" in e.value.message("vi")
    accounts.set_disabled("van.a", False, PASS)
    assert accounts.unlock("van.a", "matkhau-van-a")[0].role == "clerk"


def test_file_holds_no_plaintext_passphrase_or_password(accounts: Accounts,
                                                        tmp_path: Path) -> None:
    raw = (tmp_path / ACCOUNTS_FILE).read_text(encoding="utf-8")
    assert PASS not in raw and "mật-khẩu-quản-trị" not in raw
    assert json.loads(raw)["users"]["admin"]["kdf"]["alg"] == "argon2id"


def test_editing_a_role_in_the_file_is_detected(accounts: Accounts, tmp_path: Path) -> None:
    accounts.add("clerk1", "matkhau-clerk1", "clerk", PASS)
    path = tmp_path / ACCOUNTS_FILE
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["users"]["clerk1"]["role"] = "admin"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises((TamperedError, BadCredentials)):
        accounts.unlock("clerk1", "matkhau-clerk1")


def test_swapping_wraps_or_fields_breaks_the_mac(accounts: Accounts, tmp_path: Path) -> None:
    accounts.add("clerk1", "matkhau-clerk1", "clerk", PASS)
    path = tmp_path / ACCOUNTS_FILE
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["users"]["clerk1"]["must_change"] = False
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(TamperedError):
        accounts.unlock("clerk1", "matkhau-clerk1")


def test_change_own_password_and_admin_reset(accounts: Accounts) -> None:
    accounts.add("luu.tru", "matkhau-ban-dau", "archivist", PASS)
    assert accounts.get("luu.tru").must_change
    accounts.change_password("luu.tru", "matkhau-ban-dau", "matkhau-moi-cua-toi")
    assert not accounts.get("luu.tru").must_change
    with pytest.raises(BadCredentials):
        accounts.unlock("luu.tru", "matkhau-ban-dau")
    accounts.reset_password("luu.tru", "matkhau-dat-lai", PASS, role="clerk")
    account, passphrase = accounts.unlock("luu.tru", "matkhau-dat-lai")
    assert (account.role, account.must_change, passphrase) == ("clerk", True, PASS)


def test_rules_for_names_passwords_and_the_last_admin(accounts: Accounts) -> None:
    with pytest.raises(AccountExists):
        accounts.add("admin", "matkhau-khac-1", "clerk", PASS)
    with pytest.raises(InvalidUsername):
        accounts.add("Người dùng", "matkhau-khac-1", "clerk", PASS)
    with pytest.raises(WeakPassword):
        accounts.add("ngan", "ngan", "clerk", PASS)
    with pytest.raises(LastAdmin):
        accounts.set_disabled("admin", True, PASS)
    with pytest.raises(TamperedError):
        accounts.add("khach", "matkhau-khach-1", "clerk", "not the passphrase")
    assert [a.username for a in accounts.list()] == ["admin"]


def test_create_refuses_to_overwrite(accounts: Accounts, tmp_path: Path) -> None:
    with pytest.raises(AccountExists):
        Accounts(tmp_path, kdf_params=TEST_PARAMS).create("admin2", "matkhau-admin2", PASS)
