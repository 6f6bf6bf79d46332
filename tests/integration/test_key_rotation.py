"""Issue #24: key rotation. ``digitize keys rotate`` gives the office a new KEM key and catalog
key; accounts keep working (the new keys reach them through their box keys), old records stay
readable, and an old ``keystore.json`` with the old passphrase opens nothing sealed afterwards.

Before this change there was no ``keys rotate``: an old key file read every later record.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from archive._hazmat.kdf import TEST_PARAMS
from archive._hazmat.keyfile import canonical_json
from archive.accounts import Accounts
from archive.catalog import Catalog
from archive.container import open_container
from archive.errors import AccountNotRekeyed, ArchiveError, CatalogDamaged
from archive.keystore import Keystore
from archive.store import ContainerStore
from digitize.core import Workspace
from digitize.errors import PermissionDenied
from digitize.pipeline.run import process
from tests.integration.conftest import write_pages

pytestmark = pytest.mark.integration

CLI = [sys.executable, "-m", "digitize.cli"]
REPO = Path(__file__).resolve().parents[2]
PASS = "cụm mật khẩu kho thử 2026"
USERS = {"quantri": ("admin", "matkhau-quantri-1"), "luutru": ("archivist", "matkhau-luutru-1"),
         "luutru2": ("archivist", "matkhau-luutru-2"), "vanthu": ("clerk", "matkhau-vanthu-01")}


def _as_before_boxes(root: Path, name: str) -> None:
    """Rewrite an account as the code before rotation wrote it: no box key in the entry or
    in its wrap (an archive made by the previous code path)."""
    acc = Accounts(root, kdf_params=TEST_PARAMS)
    got = acc.unlock(name, USERS[name][1])
    doc = acc._load()
    entry = doc["users"][name]
    material = json.loads(acc._material_of(got))
    material.pop("box")
    entry.update(acc._wrap(canonical_json(material), name, entry["role"], entry["key"],
                           USERS[name][1]))
    entry.pop("box"), entry.pop("box_sig")
    acc._write(doc)


def _read_pdf(root: Path, cid: str, keys: Keystore) -> bytes:
    """A document of container ``cid`` decrypted with ``keys`` (no signature check needed:
    only whether the key opens it)."""
    with Workspace.open(root, PASS, readonly=True) as ws:
        signer = ws._signer(cid)
    with ContainerStore(root / "containers").open(cid) as fh:
        oc = open_container(fh, keys, signer_public=signer, name=cid)
        return oc.read(next(n for n in oc.names() if n.endswith(".pdf")))


@pytest.fixture(scope="module")
def rotated(tmp_path_factory: pytest.TempPathFactory) -> dict:
    base = tmp_path_factory.mktemp("rotate")
    root = base / "archive"
    Workspace.init(root, PASS, office_code="H47.01", office_name="UBND xã Mỹ Lâm",
                   kdf_params=TEST_PARAMS).close()
    with Workspace.open(root, PASS) as ws:
        acc = Accounts(root, kdf_params=TEST_PARAMS)
        acc.create("quantri", USERS["quantri"][1], ws.keys.secrets)
        for name in ("luutru", "luutru2", "vanthu"):
            acc.add(name, USERS[name][1], USERS[name][0], ws.keys.secrets)
        before = process(ws, write_pages(base / "a", 1, dpi=150, seed=3), title="Hồ sơ A",
                         jobs=1).dossier_id
        gen0 = ws.keys.generation
    for name in ("luutru", "luutru2"):
        _as_before_boxes(root, name)
    shutil.copy2(root / "keystore.json", base / "keystore.old")
    with Workspace.sign_in(root, "luutru", USERS["luutru"][1]):  # gains its box key
        pass
    (base / "pw").write_text(USERS["quantri"][1], encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("DIGITIZE_")}
    env.update(DIGITIZE_HOME=str(root), DIGITIZE_PASSPHRASE=PASS)
    out = subprocess.run([*CLI, "--user", "quantri", "--password-file", str(base / "pw"),
                          "keys", "rotate"], env=env, capture_output=True, text=True,
                         timeout=300, cwd=REPO)
    with Workspace.sign_in(root, "vanthu", USERS["vanthu"][1]) as ws:  # sealed after it
        after = process(ws, write_pages(base / "b", 1, dpi=150, seed=5), title="Hồ sơ B",
                        jobs=1).dossier_id
    return {"root": root, "base": base, "before": before, "after": after, "gen0": gen0,
            "out": out, "env": env}


def test_rotate_runs_for_an_admin_and_names_accounts_left_without_keys(rotated: dict) -> None:
    out = rotated["out"]
    assert out.returncode == 0, out.stdout + out.stderr
    assert "keys rotated" in out.stdout and "luutru2" in out.stdout, out.stdout
    with Workspace.open(rotated["root"], PASS, readonly=True) as ws:
        assert ws.keys.epoch == 1 and ws.keys.generation > rotated["gen0"]
        entries = [e for e in ws.audit.entries() if e.action == "keys.rotate"]
    assert [e.actor for e in entries] == ["quantri"]
    assert entries[0].details["not_granted"] == "luutru2"
    assert entries[0].details["granted"] == "luutru,quantri"


def test_an_old_key_file_opens_nothing_sealed_after_the_rotation(rotated: dict) -> None:
    root = rotated["root"]
    old = Keystore.unlock(rotated["base"] / "keystore.old", PASS)
    with Workspace.sign_in(root, "luutru", USERS["luutru"][1]) as ws:  # indexes B
        cid_a = ws.dossier(rotated["before"]).container_id
        cid_b = ws.dossier(rotated["after"]).container_id
    assert _read_pdf(root, cid_a, old).startswith(b"%PDF")  # what it could always read
    with pytest.raises(ArchiveError):
        _read_pdf(root, cid_b, old)
    with pytest.raises(CatalogDamaged):  # the catalog (text, metadata, index) is re-keyed
        Catalog(root / "catalog.db", old.catalog_key())
    assert not (set(old.decryption_keys()) >= set(
        Keystore.unlock(root / "keystore.json", PASS).decryption_keys()))


def test_accounts_keep_working_and_read_old_and_new_records(rotated: dict) -> None:
    root = rotated["root"]
    for name in ("luutru", "quantri"):
        with Workspace.sign_in(root, name, USERS[name][1]) as ws:
            for did in (rotated["before"], rotated["after"]):
                d = ws.dossier(did)
                assert ws.read_file(did, f"documents/{d.documents[0].doc_id}.pdf")[:4] == b"%PDF"
            report = ws.records.verify()
            assert report.ok, report.failures
    with Workspace.sign_in(root, "luutru", USERS["luutru"][1]) as ws, \
            pytest.raises(PermissionDenied):
        ws.office_keys.rotate(PASS)  # an archivist may not rotate
    with Workspace.open(root, PASS) as ws:  # the passphrase (recovery) opens the new keys
        assert ws.records.verify().ok


def test_an_account_without_a_box_key_at_the_rotation_needs_a_reset(rotated: dict,
                                                                     tmp_path: Path) -> None:
    root = tmp_path / "archive"
    shutil.copytree(rotated["root"], root)
    with pytest.raises(AccountNotRekeyed) as e:
        Workspace.sign_in(root, "luutru2", USERS["luutru2"][1])
    assert "luutru2" in e.value.message("vi") and "rotation" in e.value.message("en")
    with Workspace.sign_in(root, "quantri", USERS["quantri"][1]) as ws:
        Accounts(root, kdf_params=TEST_PARAMS).reset_password(
            "luutru2", "matkhau-moi-luutru-2", ws.keys.secrets)
    with Workspace.sign_in(root, "luutru2", "matkhau-moi-luutru-2") as ws:
        assert ws.dossier(rotated["before"]).status == "stored"


def test_a_catalog_left_under_the_old_key_by_a_crash_is_rekeyed(rotated: dict,
                                                                  tmp_path: Path) -> None:
    """A crash after the keystore was written but before the catalog was re-keyed."""
    root = tmp_path / "archive"
    shutil.copytree(rotated["root"], root)
    old = Keystore.unlock(rotated["base"] / "keystore.old", PASS)
    with Workspace.open(root, PASS) as ws:
        ws.catalog.rekey(old.catalog_key())
    with Workspace.open(root, PASS) as ws:
        assert ws.dossier(rotated["before"]).status == "stored"
    Catalog(root / "catalog.db", Keystore.unlock(root / "keystore.json", PASS).catalog_key()
            ).close()


def test_a_lost_box_key_entry_is_published_again_at_sign_in(rotated: dict,
                                                             tmp_path: Path) -> None:
    """Two sign-ins writing accounts.json at once can lose one's box entry: the wrap still
    holds the seed, so the next sign-in publishes it again (else no grant at a rotation)."""
    from archive.keys.box import box_public

    root = tmp_path / "archive"
    shutil.copytree(rotated["root"], root)
    path = root / "accounts.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    before = doc["users"]["vanthu"].pop("box")
    doc["users"]["vanthu"].pop("box_sig")
    path.write_text(json.dumps(doc), encoding="utf-8")
    with Workspace.sign_in(root, "vanthu", USERS["vanthu"][1]):
        pass
    entry = json.loads(path.read_text(encoding="utf-8"))["users"]["vanthu"]
    assert entry["box"] == before and box_public("vanthu", entry) is not None


def test_the_catalog_rebuilt_after_a_rotation_holds_old_and_new_records(
        rotated: dict, tmp_path: Path) -> None:
    from digitize.recovery.rebuild import rebuild_catalog

    root = tmp_path / "archive"
    shutil.copytree(rotated["root"], root)
    with Workspace.sign_in(root, "luutru", USERS["luutru"][1]):  # B indexed, as in use
        pass
    for name in ("catalog.db", "catalog.db-wal", "catalog.db-shm"):
        (root / name).unlink(missing_ok=True)
    report = rebuild_catalog(root, Keystore.unlock(root / "keystore.json", PASS))
    assert not report.failed, report.failed
    with Workspace.open(root, PASS) as ws:
        assert {rotated["before"], rotated["after"]} <= {d.id for d in ws.dossiers()}
        assert ws.records.verify().ok
