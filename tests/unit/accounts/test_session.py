"""Sessions: sign-in opens the archive with the account's role; roles and the idle lock."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive._hazmat.kdf import TEST_PARAMS
from archive.errors import BadCredentials
from digitize.core import Workspace
from digitize.errors import PermissionDenied
from digitize.session import add_first_admin, can, has_accounts, setup_archive, sign_in


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def test_setup_sign_in_roles_and_lock(tmp_path: Path) -> None:
    root = tmp_path / "kho"
    admin, passphrase = setup_archive(root, office_code="H47.01", office_name="UBND xã A",
                                      admin="quantri", password="matkhau-quantri",
                                      kdf_params=TEST_PARAMS)
    admin.add_account("vanthu", "matkhau-vanthu", "clerk")
    admin.close()
    assert has_accounts(root) and len(passphrase) >= 24

    clock = Clock()
    s = sign_in(root, "VanThu", "matkhau-vanthu")
    s.clock = clock
    s.touch()
    try:
        assert (s.user, s.role, s.workspace.actor) == ("vanthu", "clerk", "vanthu")
        s.require("capture")
        with pytest.raises(PermissionDenied) as e:
            s.require("accounts")
        assert "không được phép" in e.value.message("vi")
        clock.t += s.lock_after - 1
        assert not s.due_to_lock()
        clock.t += 2
        assert s.due_to_lock()
        s.lock()
        with pytest.raises(BadCredentials):
            s.unlock("sai-mat-khau")
        assert s.locked
        s.unlock("matkhau-vanthu")
        assert not s.locked and not s.due_to_lock()
    finally:
        s.close()
    with pytest.raises(BadCredentials):
        sign_in(root, "vanthu", "sai-mat-khau")


def test_role_table() -> None:
    assert can("admin", "export") and can("admin", "capture")
    assert can("archivist", "search") and not can("archivist", "export")
    assert can("clerk", "capture") and not can("clerk", "verify")
    assert can("admin", "archivist") and not can("clerk", "admin")
    assert not can("clerk", "some-new-action")


def test_first_admin_for_an_archive_made_by_the_cli(tmp_path: Path) -> None:
    root = tmp_path / "kho"
    Workspace.init(root, "cum-mat-khau-cli", office_code="H47", office_name="UBND").close()
    assert not has_accounts(root)
    s = add_first_admin(root, "cum-mat-khau-cli", "admin", "matkhau-admin1",
                        kdf_params=TEST_PARAMS)
    s.close()
    again = sign_in(root, "admin", "matkhau-admin1")
    again.close()
    assert again.role == "admin"
