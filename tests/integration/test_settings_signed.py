"""Issue #24: office settings only an admin can change, even for an archivist who holds the
catalog key (before: the settings lived only in the catalog, which the archivist's key opens,
so offline mode or the lock delay could be rewritten with SQLCipher)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from archive._hazmat.kdf import TEST_PARAMS
from archive.accounts import Accounts
from archive.catalog import Catalog
from archive.errors import RoleMaterialMissing, TamperedError
from archive.keystore import Keystore
from digitize.core import Workspace
from digitize.errors import PermissionDenied
from digitize.pipeline import secrecy_policy
from digitize.session import DEFAULT_LOCK_MINUTES, sign_in

pytestmark = pytest.mark.integration

PASS = "cụm mật khẩu kho thử 2026"
USERS = {"quantri": ("admin", "matkhau-quantri-1"), "luutru": ("archivist", "matkhau-luutru-1"),
         "vanthu": ("clerk", "matkhau-vanthu-01")}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("settings") / "archive"
    Workspace.init(root, PASS, office_code="H47.01", office_name="UBND xã Mỹ Lâm",
                   kdf_params=TEST_PARAMS).close()
    with Workspace.open(root, PASS) as ws:
        acc = Accounts(root, kdf_params=TEST_PARAMS)
        acc.create("quantri", USERS["quantri"][1], ws.keys.secrets)
        for name in ("luutru", "vanthu"):
            acc.add(name, USERS[name][1], USERS[name][0], ws.keys.secrets)
    return root


@pytest.fixture
def root(built: Path, tmp_path: Path) -> Path:
    shutil.copytree(built, tmp_path / "archive")
    return tmp_path / "archive"


def test_an_archivist_cannot_write_settings_through_the_core(root: Path) -> None:
    with Workspace.sign_in(root, "luutru", USERS["luutru"][1]) as ws:
        with pytest.raises(RoleMaterialMissing):
            ws.catalog.set_setting("offline_mode", True)
        with pytest.raises(RoleMaterialMissing):
            ws.catalog.set_setting("lock_minutes", 0)
    s = sign_in(root, "luutru", USERS["luutru"][1], kdf_params=TEST_PARAMS)
    try:
        with pytest.raises(PermissionDenied):
            s.save_settings(offline_mode=True, lock_minutes=0)
    finally:
        s.close()


def test_settings_edited_with_the_catalog_key_are_not_believed(root: Path) -> None:
    got = Accounts(root).unlock("luutru", USERS["luutru"][1])
    assert got.catalog_key is not None
    cat = Catalog(root / "catalog.db", got.catalog_key)  # what the archivist's key opens
    cat.set_setting("offline_mode", True)
    cat.set_setting("lock_minutes", 0)
    cat.set_setting("signing_trust", ["TUlJQg=="])  # a trust root of their own
    cat.close()
    s = sign_in(root, "quantri", USERS["quantri"][1], kdf_params=TEST_PARAMS)
    try:
        assert s.settings()["offline_mode"] is False
        assert s.settings()["lock_minutes"] == DEFAULT_LOCK_MINUTES
        assert s.workspace.catalog.get_setting("signing_trust", []) == []
    finally:
        s.close()


def test_the_admin_s_settings_reach_every_role_and_an_old_key_file_is_refused(
        root: Path, tmp_path: Path) -> None:
    shutil.copy2(root / "keystore.json", tmp_path / "keystore.old")
    s = sign_in(root, "quantri", USERS["quantri"][1], kdf_params=TEST_PARAMS)
    try:
        s.save_settings(offline_mode=True, lock_minutes=3)
    finally:
        s.close()
    with Workspace.sign_in(root, "vanthu", USERS["vanthu"][1]) as ws:  # the clerk sees it
        assert secrecy_policy.is_offline_station(ws)
    s = sign_in(root, "luutru", USERS["luutru"][1], kdf_params=TEST_PARAMS)
    try:
        assert s.settings() == {**s.settings(), "offline_mode": True, "lock_minutes": 3}
    finally:
        s.close()
    shutil.copy2(tmp_path / "keystore.old", root / "keystore.json")  # offline mode undone?
    with pytest.raises(TamperedError):
        Workspace.sign_in(root, "luutru", USERS["luutru"][1])


def test_an_archive_made_before_keeps_its_settings(root: Path) -> None:
    ks = Keystore.unlock(root / "keystore.json", PASS)
    ks._doc.pop("settings")  # a keystore written before this change
    ks._save()
    cat = Catalog(root / "catalog.db", ks.catalog_key())
    cat.set_setting("offline_mode", True)
    cat.close()
    with Workspace.open(root, PASS) as ws:  # the admin's open signs them into the keystore
        assert ws.catalog.get_setting("offline_mode") is True
        assert ws.keys.settings is not None and ws.keys.settings["offline_mode"] is True
    with Workspace.sign_in(root, "vanthu", USERS["vanthu"][1]) as ws:
        assert secrecy_policy.is_offline_station(ws)


def test_a_clerk_captures_a_declared_secret_on_the_offline_workstation(
        root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Before: a clerk's workspace (their own staging database) did not know offline mode,
    so a secret record had to be captured by an admin. Now the signed setting reaches the
    clerk; the record is sealed with its level to the office key, indexed at the archivist's
    next sign-in, hidden from the clerk and never exported."""
    from digitize.pipeline.run import process
    from digitize.transfer.export import plan
    from tests.integration.conftest import write_pages

    s = sign_in(root, "quantri", USERS["quantri"][1], kdf_params=TEST_PARAMS)
    try:
        s.save_settings(offline_mode=True, lock_minutes=10)
    finally:
        s.close()
    monkeypatch.setattr(secrecy_policy, "interfaces", lambda: [])  # no cable plugged in
    with Workspace.sign_in(root, "vanthu", USERS["vanthu"][1]) as ws:
        did = process(ws, write_pages(tmp_path / "in", 1, dpi=150, seed=7), title="Hồ sơ mật",
                      declared_secret="MẬT", jobs=1).dossier_id
        assert all(d.id != did for d in ws.dossiers())  # sealed: hidden from the clerk
    with Workspace.sign_in(root, "luutru", USERS["luutru"][1]) as ws:  # indexes it
        d = ws.dossier(did)
        assert d.status == "stored" and d.secrecy == "MẬT"
    with Workspace.open(root, PASS) as ws:
        assert [(i.dossier_id, i.reason) for i in plan(ws, "file:///x", None)] == \
            [(did, "secrecy")]
