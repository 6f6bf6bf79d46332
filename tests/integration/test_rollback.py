"""Issue #24: rolling files back to an older copy, and the strength and rotation of secrets.

Each test failed on the code before #24: an older ``catalog.db`` + ``audit.log`` passed
``verify`` (a ``dossier.decrypt`` vanished), an older ``keystore.json`` silently brought back
a removed central key, weak secrets were accepted and ``keys passwd`` broke every account.
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
from archive.accounts import Accounts
from archive.keystore import generate_central_keypair
from digitize.core import Workspace
from digitize.pipeline.run import process
from tests.integration.conftest import write_pages

pytestmark = pytest.mark.integration

CLI = [sys.executable, "-m", "digitize.cli"]
REPO = Path(__file__).resolve().parents[2]
PASS = "cụm mật khẩu kho thử 2026"
CLERK = ("vanthu", "matkhau-vanthu-01")
ARCHIVIST = ("luutru", "matkhau-luutru-01")


def cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    out = subprocess.run([*CLI, *args], env=env, capture_output=True, text=True, timeout=300,
                         cwd=REPO)
    assert "Traceback" not in out.stderr, out.stderr
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict:
    base = tmp_path_factory.mktemp("rollback")
    root = base / "archive"
    Workspace.init(root, PASS, office_code="H47.01", office_name="UBND xã Mỹ Lâm",
                   kdf_params=TEST_PARAMS).close()
    _priv, pub = generate_central_keypair("trung tâm lưu trữ", kdf_params=TEST_PARAMS)
    (base / "central.json").write_bytes(pub)
    with Workspace.open(root, PASS) as ws:
        Accounts(root, kdf_params=TEST_PARAMS).create("quantri", "matkhau-quantri-1",
                                                      ws.keys.secrets)
        Accounts(root, kdf_params=TEST_PARAMS).add(*CLERK, "clerk", ws.keys.secrets)
        Accounts(root, kdf_params=TEST_PARAMS).add(*ARCHIVIST, "archivist", ws.keys.secrets)
        ws.keys.import_central_key(pub, "Trung tâm")
        r = process(ws, write_pages(base / "in", 1, dpi=150, seed=11), title="Hồ sơ X", jobs=1)
    return {"root": root, "base": base, "did": r.dossier_id}


@pytest.fixture
def arch(built: dict, tmp_path: Path) -> dict:
    root = tmp_path / "archive"
    shutil.copytree(built["root"], root)
    (tmp_path / "pass").write_text(PASS, encoding="utf-8")
    (tmp_path / "clerk").write_text(CLERK[1], encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("DIGITIZE_")}
    env.update(DIGITIZE_HOME=str(root), DIGITIZE_PASSPHRASE=PASS)
    return {**built, "root": root, "env": env, "tmp": tmp_path}


def test_rollback_of_catalog_and_audit_is_reported_after_an_export(arch: dict) -> None:
    root, env, tmp = arch["root"], arch["env"], arch["tmp"]
    old = tmp / "old"
    old.mkdir()
    for name in ("catalog.db", "audit.log"):  # the copy the attacker keeps
        shutil.copy2(root / name, old / name)
    out = cli("decrypt", arch["did"], "-o", str(tmp / "plain"), env=env)
    assert out.returncode == 0, out.stderr
    modes = {p.stat().st_mode & 0o777 for p in (tmp / "plain").rglob("*")}
    assert modes == {0o600, 0o700}, modes  # decrypted records: the user's own (was 0644)
    target = tmp / "central"
    target.mkdir()
    out = cli("export", "--to", target.as_uri(), env=env)
    assert out.returncode == 0, out.stderr + out.stdout
    cp = json.loads((target / "audit-checkpoint.json").read_text(encoding="utf-8"))
    assert cp["format"] == "digitize-audit-checkpoint" and cp["seq"] > 0
    assert list(target.glob("audit-checkpoint-*.json"))
    # the attacker puts the old catalog and log back: a valid, shorter history
    for name in ("catalog.db", "audit.log"):
        shutil.copy2(old / name, root / name)
        for extra in (root / f"{name}-wal", root / f"{name}-shm"):
            extra.unlink(missing_ok=True)
    assert "dossier.decrypt" not in (root / "audit.log").read_text(encoding="utf-8")
    out = cli("verify", "--all", "--against", target.as_uri(), env=env)
    assert out.returncode == 3, out.stdout + out.stderr
    assert "rolled back" in out.stdout or "quay lui" in out.stdout, out.stdout
    # the same check from a checkpoint kept on removable media
    usb = tmp / "usb"
    usb.mkdir()
    shutil.copy2(target / "audit-checkpoint.json", usb / "cp.json")
    out = cli("verify", "--all", "--against", str(usb / "cp.json"), env=env)
    assert out.returncode == 3, out.stdout


def test_an_untouched_archive_verifies_against_its_checkpoint(arch: dict) -> None:
    env, tmp = arch["env"], arch["tmp"]
    out = cli("checkpoint", "-o", str(tmp / "cp.json"), env=env)
    assert out.returncode == 0, out.stderr
    assert oct((tmp / "cp.json").stat().st_mode & 0o777) == "0o600"
    out = cli("verify", "--all", "--against", str(tmp / "cp.json"), env=env)
    assert out.returncode == 0, out.stdout + out.stderr
    doc = json.loads((tmp / "cp.json").read_text(encoding="utf-8"))
    doc["seq"] += 1  # a forged checkpoint is refused, not believed
    (tmp / "forged.json").write_text(json.dumps(doc), encoding="utf-8")
    out = cli("verify", "--all", "--against", str(tmp / "forged.json"), env=env)
    assert out.returncode == 3


def test_an_old_keystore_copy_does_not_bring_back_a_removed_central_key(arch: dict) -> None:
    root, env, tmp = arch["root"], arch["env"], arch["tmp"]
    shutil.copy2(root / "keystore.json", tmp / "keystore.old")
    with Workspace.open(root, PASS) as ws:
        fp = ws.keys.central_keys()[0]["fingerprint"]
    out = cli("keys", "remove-central", fp, env=env)
    assert out.returncode == 0, out.stderr
    shutil.copy2(tmp / "keystore.old", root / "keystore.json")
    for who in ([], ["--user", "quantri"]):
        e = {**env, "DIGITIZE_PASSWORD": "matkhau-quantri-1"} if who else env
        out = cli(*who, "keys", "show", env=e)
        assert out.returncode == 3 and "generation" in out.stderr, out.stderr


def test_weak_new_secrets_are_refused_with_a_clear_message(arch: dict, tmp_path: Path) -> None:
    env = arch["env"]
    (tmp_path / "short").write_text("12345678", encoding="utf-8")
    (tmp_path / "one").write_text("x", encoding="utf-8")
    (tmp_path / "empty").write_text("", encoding="utf-8")
    e = {**env, "DIGITIZE_HOME": str(tmp_path / "new")}
    out = cli("--passphrase-file", str(tmp_path / "short"), "init", "--office-code", "H",
              "--office-name", "U", env=e)
    assert out.returncode == 1 and "quá yếu" in out.stderr and "too weak" in out.stderr
    assert not (tmp_path / "new" / "keystore.json").exists()
    out = cli("keys", "passwd", "--new-passphrase-file", str(tmp_path / "one"), env=env)
    assert out.returncode == 1 and "quá yếu" in out.stderr
    out = cli("keys", "backup", "-o", str(tmp_path / "k.bak"), "--backup-passphrase-file",
              str(tmp_path / "empty"), env=env)
    assert out.returncode == 1 and "sao lưu" in out.stderr and not (tmp_path / "k.bak").exists()
    (tmp_path / "pw").write_text("matkhau", encoding="utf-8")
    out = cli("accounts", "add", "khach", "--role", "clerk", "--new-password-file",
              str(tmp_path / "pw"), env=env)
    assert out.returncode == 1 and "Mật khẩu quá yếu" in out.stderr


def test_a_passphrase_change_keeps_accounts_and_retires_the_old_one(arch: dict) -> None:
    env, tmp, root = arch["env"], arch["tmp"], arch["root"]
    (tmp / "newpass").write_text("cụm mật khẩu mới của kho 2027", encoding="utf-8")
    out = cli("keys", "passwd", "--new-passphrase-file", str(tmp / "newpass"), env=env)
    assert out.returncode == 0, out.stderr
    clerk = ["--user", CLERK[0], "--password-file", str(tmp / "clerk")]
    out = cli(*clerk, "list", env={k: v for k, v in env.items() if k != "DIGITIZE_PASSPHRASE"})
    assert out.returncode == 0, out.stderr
    out = cli("list", env=env)  # the old passphrase opens nothing any more
    assert out.returncode != 0
    out = cli("--passphrase-file", str(tmp / "newpass"), "list", env=env)
    assert out.returncode == 0 and arch["did"] in out.stdout
    assert (root / "keystore.json").stat().st_mode & 0o077 == 0


def test_keystore_and_catalog_rolled_back_together_fail_verify(arch: dict) -> None:
    root, env, tmp = arch["root"], arch["env"], arch["tmp"]
    for name in ("keystore.json", "catalog.db"):
        shutil.copy2(root / name, tmp / name)
    with Workspace.open(root, PASS) as ws:
        fp = ws.keys.central_keys()[0]["fingerprint"]
    assert cli("keys", "remove-central", fp, env=env).returncode == 0
    for name in ("keystore.json", "catalog.db"):  # both put back: they agree with each other
        shutil.copy2(tmp / name, root / name)
        (root / f"{name}-wal").unlink(missing_ok=True)
    assert cli("keys", "show", env=env).returncode == 0
    out = cli("verify", "--all", env=env)  # the audit log recorded the newer generation
    assert out.returncode == 3 and "keystore.json" in out.stdout, out.stdout


def _put_back(old: Path, root: Path, *names: str) -> None:
    for name in names:
        shutil.copy2(old / name, root / name)
        for extra in (root / f"{name}-wal", root / f"{name}-shm"):
            extra.unlink(missing_ok=True)


def test_plain_verify_finds_the_rollback_by_itself(arch: dict) -> None:
    """The must-show of #24: no ``--against``; verify looks at the keystore's copy of the
    newest checkpoint and at every export destination it knows (before: exit 0)."""
    root, env, tmp = arch["root"], arch["env"], arch["tmp"]
    target = tmp / "central"
    target.mkdir()
    assert cli("export", "--to", target.as_uri(), env=env).returncode == 0
    old = tmp / "old"  # the copy the attacker keeps: made after a first export
    old.mkdir()
    for name in ("catalog.db", "audit.log", "keystore.json"):
        shutil.copy2(root / name, old / name)
    assert cli("decrypt", arch["did"], "-o", str(tmp / "plain"), env=env).returncode == 0
    out = cli("export", "--to", target.as_uri(), env=env)  # nothing new to send: a checkpoint
    assert out.returncode == 0, out.stderr + out.stdout
    out = cli("verify", env=env)
    assert out.returncode == 0 and "NOT CHECKED" not in out.stdout, out.stdout
    _put_back(old, root, "catalog.db", "audit.log")
    assert "dossier.decrypt" not in (root / "audit.log").read_text(encoding="utf-8")
    out = cli("verify", env=env)
    assert out.returncode == 3, out.stdout + out.stderr
    assert "quay lui" in out.stdout and "rolled back" in out.stdout, out.stdout
    assert f"audit.log (keystore.json, {target.as_uri()})" in out.stdout, out.stdout
    archivist = {k: v for k, v in env.items() if k != "DIGITIZE_PASSPHRASE"}
    archivist.update(DIGITIZE_USER=ARCHIVIST[0], DIGITIZE_PASSWORD=ARCHIVIST[1])
    out = cli("verify", env=archivist)  # an archivist's verify trusts the signed copy too
    assert out.returncode == 3 and "audit.log (keystore.json" in out.stdout, out.stdout
    # the removable medium is not plugged in: the keystore's copy still tells, and the
    # destination is said not checked (vi + en), not passed silently
    target.rename(tmp / "unplugged")
    out = cli("verify", env=env)
    assert out.returncode == 3 and "audit.log (keystore.json)" in out.stdout, out.stdout
    assert f"CHƯA KIỂM TRA / NOT CHECKED {target.as_uri()}" in out.stdout, out.stdout
    # keystore.json put back too (the whole old copy): the destination it names tells
    (tmp / "unplugged").rename(target)
    _put_back(old, root, "keystore.json")
    out = cli("verify", env=env)
    assert out.returncode == 3, out.stdout + out.stderr
    assert f"audit.log ({target.as_uri()})" in out.stdout, out.stdout
    assert "rolled back" in out.stdout
