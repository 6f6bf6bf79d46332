"""Issue #24: what a clerk can do with their password and every file of the archive folder.

Each test plays the clerk of the review: a valid account, the archive folder (any file, any
older copy) and the ``digitize`` CLI. They failed on the code before #24, where every account
wrapped the archive passphrase and the CLI had no roles.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from archive._hazmat.kdf import TEST_PARAMS
from archive._hazmat.kem import KemPrivateKey
from archive._hazmat.keyfile import b64d, b64e, canonical_json
from archive.accounts import Accounts
from archive.audit import CTX_ENTRY, GENESIS, _entry_hash
from archive.catalog import Catalog
from archive.container import open_container
from archive.errors import CatalogDamaged, NotARecipient, RoleMaterialMissing
from archive.keystore import generate_central_keypair
from digitize.core import Workspace
from digitize.errors import PermissionDenied
from digitize.pipeline.run import process
from digitize.session import sign_in
from tests.integration.conftest import write_pages

pytestmark = pytest.mark.integration

CLI = [sys.executable, "-m", "digitize.cli"]
REPO = Path(__file__).resolve().parents[2]
PASS = "cụm mật khẩu kho thử 2026"
USERS = {"quantri": ("admin", "matkhau-quantri-1"), "vanthu": ("clerk", "matkhau-vanthu-01"),
         "luutru": ("archivist", "matkhau-luutru-01")}


def cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    out = subprocess.run([*CLI, *args], env=env, capture_output=True, text=True, timeout=300,
                         cwd=REPO)
    assert "Traceback" not in out.stderr, out.stderr
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """An archive with one account per role, a dossier stored by the admin, one sealed by the
    clerk (indexed at the archivist's next unlock), one in the clerk's staging, a key backup."""
    base = tmp_path_factory.mktemp("roles")
    root = base / "archive"
    Workspace.init(root, PASS, office_code="H47.01", office_name="UBND xã Mỹ Lâm",
                   kdf_params=TEST_PARAMS).close()
    with Workspace.open(root, PASS) as ws:
        acc = Accounts(root, kdf_params=TEST_PARAMS)
        acc.create("quantri", USERS["quantri"][1], ws.keys.secrets)
        for name in ("vanthu", "luutru"):
            acc.add(name, USERS[name][1], USERS[name][0], ws.keys.secrets)
        a = process(ws, write_pages(base / "a", 1, dpi=150, seed=3), title="Hồ sơ A", jobs=1)
        ws.office_keys.backup(base / "keys.backup", "sao lưu khóa văn phòng 2026")
    with Workspace.sign_in(root, "vanthu", USERS["vanthu"][1]) as ws:
        b = process(ws, write_pages(base / "b", 1, dpi=150, seed=5), title="Hồ sơ B", jobs=1)
        from digitize.pipeline.run import new_dossier
        from digitize.pipeline.staging import import_into

        c = new_dossier(ws, "Hồ sơ C")
        import_into(ws, c, write_pages(base / "c", 1, dpi=150, seed=7))
    with Workspace.sign_in(root, "luutru", USERS["luutru"][1], readonly=True) as ws:
        texts = [r["text"] for r in ws.catalog.query("SELECT text FROM pages")]
        stored = {d.id for d in ws.dossiers() if d.status == "stored"}
    assert {a.dossier_id, b.dossier_id} <= stored  # the clerk's dossier was indexed
    assert not (root / "inbox").exists() or not any((root / "inbox").iterdir())
    return {"root": root, "base": base, "a": a.dossier_id, "b": b.dossier_id, "texts": texts}


@pytest.fixture
def arch(built: dict, tmp_path: Path) -> dict:
    root = tmp_path / "archive"
    shutil.copytree(built["root"], root)
    env = {k: v for k, v in os.environ.items() if not k.startswith("DIGITIZE_")}
    env.update(DIGITIZE_HOME=str(root), USER="mallory")
    pw = {}
    for name, (_role, password) in USERS.items():
        pw[name] = tmp_path / f"{name}.pw"
        pw[name].write_text(password, encoding="utf-8")
    (tmp_path / "pass").write_text(PASS, encoding="utf-8")
    return {**built, "root": root, "env": env, "pw": pw, "passfile": tmp_path / "pass",
            "tmp": tmp_path}


def as_user(arch: dict, name: str) -> list[str]:
    return ["--user", name, "--password-file", str(arch["pw"][name])]


def _words(texts: list[str]) -> list[bytes]:
    # Vietnamese words and document numbers: nothing that base64 or a user name could hold
    words = {w for t in texts for w in (t or "").split()
             if len(w) >= 4 and (not w.isascii() or "/" in w)}
    assert len(words) > 10
    return [w.encode() for w in sorted(words)]


def _sqlcipher_plain(path: Path, key: bytes) -> bytes:
    """Every page of a SQLCipher 4 database decrypted with ``key`` (free pages included)."""
    data, ps, out = path.read_bytes(), 4096, bytearray()
    for i in range(len(data) // ps):
        page = data[i * ps:(i + 1) * ps]
        d = Cipher(algorithms.AES(key), modes.CBC(page[ps - 80:ps - 64])).decryptor()
        out += d.update(page[16 if i == 0 else 0:ps - 80]) + d.finalize()
    return bytes(out)


def test_a_clerks_password_and_every_file_read_no_stored_content(arch: dict) -> None:
    root = arch["root"]
    got = Accounts(root).unlock("vanthu", USERS["vanthu"][1])  # what the clerk can unwrap
    assert got.secrets is None and got.kem_seed is None and got.catalog_key is None
    material = [got.work_key, got.signer.seed(), got.signer.seed()[:32],
                got.signer.seed()[32:], bytes.fromhex(got.pin)]
    # no key of theirs opens the catalog (records and search index) ...
    for key in material:
        if len(key) == 32:
            with pytest.raises(CatalogDamaged):
                Catalog(root / "catalog.db", key)
    # ... nor a container: the clerk's keys hold no private KEM key, not even for the
    # dossier they sealed themselves
    with Workspace.sign_in(root, "vanthu", USERS["vanthu"][1]) as ws:
        assert ws.keys.decryption_keys() == {}
        cids = ws.store.ids()
        assert len(cids) == 2
        for cid in cids:
            with ws.store.open(cid) as fh, pytest.raises(NotARecipient):
                open_container(fh, ws.keys, signer_public=ws.signers(), name=cid)
        with pytest.raises(PermissionDenied):
            ws.decrypt(arch["b"], arch["tmp"] / "out")
    for cid in cids:
        with (Workspace.open(root, PASS) as ws, ws.store.open(cid) as fh,
              pytest.raises(NotARecipient)):
            open_container(fh, {KemPrivateKey.from_seed(got.work_key * 3).public().key_id():
                                KemPrivateKey.from_seed(got.work_key * 3)}, name=cid)
    # every page of the clerk's own staging database, decrypted: none of the stored text
    (work,) = list((root / "work").glob("vanthu.*.db"))
    plain = _sqlcipher_plain(work, got.work_key)
    assert b"CREATE TABLE" in plain  # the right key: the schema reads
    leaked = [w for w in _words(arch["texts"]) if w in plain]
    assert not leaked, leaked[:5]
    # and no other file of the folder holds it in the clear
    for p in root.rglob("*"):
        if p.is_file() and p.suffix in (".json", ".log", ""):
            raw = p.read_bytes()
            assert not [w for w in _words(arch["texts"]) if w in raw], p
    # through the CLI: no search, no view, no decrypt
    env = arch["env"]
    for args in (["search", "nhân dân"], ["decrypt", arch["a"], "-o", str(arch["tmp"] / "o")]):
        out = cli(*as_user(arch, "vanthu"), *args, env=env)
        assert out.returncode == 1 and "không được phép" in out.stderr, out.stderr


def test_a_clerk_cannot_manage_accounts_keys_export_or_settings(arch: dict) -> None:
    env, tmp = arch["env"], arch["tmp"]
    (tmp / "new.pw").write_text("mật khẩu của kẻ gian 2026", encoding="utf-8")
    _priv, pub = generate_central_keypair("trung tâm giả mạo", kdf_params=TEST_PARAMS)
    (tmp / "central.json").write_bytes(pub)
    (tmp / "bk.pw").write_text("sao lưu của kẻ gian 2026", encoding="utf-8")
    clerk = as_user(arch, "vanthu")
    for args in (["accounts", "add", "mallory", "--role", "admin", "--new-password-file",
                  str(tmp / "new.pw")],
                 ["accounts", "reset", "vanthu", "--role", "admin", "--new-password-file",
                  str(tmp / "new.pw")],
                 ["keys", "import-central", str(tmp / "central.json"), "--label", "X"],
                 ["keys", "backup", "-o", str(tmp / "k.bak"), "--backup-passphrase-file",
                  str(tmp / "bk.pw")],
                 ["export", "--to", (tmp / "out").as_uri()],
                 ["verify", "--all"]):
        out = cli(*clerk, *args, env=env)
        assert out.returncode == 1 and "không được phép" in out.stderr, (args, out.stderr)
    assert not (tmp / "k.bak").exists() and not (tmp / "out").exists()
    assert [a.username for a in Accounts(arch["root"]).list()] == ["luutru", "quantri",
                                                                   "vanthu"]
    # the core refuses too, whatever the caller: the role comes from the keys
    s = sign_in(arch["root"], "vanthu", USERS["vanthu"][1])
    try:
        with pytest.raises(PermissionDenied):
            s.save_settings(offline_mode=True, lock_minutes=0)
        with pytest.raises(PermissionDenied):
            s.add_account("mallory", "mật khẩu của kẻ gian 2026", "admin")
        with pytest.raises(PermissionDenied):
            s.workspace.office_keys.import_central_key(tmp / "central.json", "X")
        with pytest.raises(RoleMaterialMissing):  # even past the role check
            s.workspace.keys.backup(tmp / "k2.bak", "sao lưu của kẻ gian 2026")
        with pytest.raises(RoleMaterialMissing):
            s.workspace.keys.import_central_key(pub, "X")
    finally:
        s.close()


def test_editing_roles_or_recipients_in_the_files_is_refused(arch: dict) -> None:
    root, env = arch["root"], arch["env"]
    acc_path, ks_path = root / "accounts.json", root / "keystore.json"
    acc_doc = json.loads(acc_path.read_text(encoding="utf-8"))
    acc_doc["users"]["vanthu"]["role"] = "admin"
    acc_path.write_text(json.dumps(acc_doc), encoding="utf-8")
    out = cli(*as_user(arch, "vanthu"), "list", env=env)
    assert out.returncode in (1, 3) and "vanthu" not in out.stdout
    shutil.copy(arch["base"] / "archive" / "accounts.json", acc_path)
    # a clerk slips their own "central" key into the keystore's recipients
    _priv, pub = generate_central_keypair("trung tâm giả mạo", kdf_params=TEST_PARAMS)
    pb = json.loads(pub)
    ks = json.loads(ks_path.read_text(encoding="utf-8"))
    ks["central"].append({"label": "X", "office": pb["office"], "sign": pb["sign"],
                          "kem": pb["kem"], "fingerprint": pb["fingerprint"],
                          "imported": "2026-12-07T08:00:00+07:00"})
    ks_path.write_text(json.dumps(ks), encoding="utf-8")
    out = cli(*as_user(arch, "vanthu"), "list", env=env)
    assert out.returncode == 3, out.stderr  # no record is sealed to that key
    out = cli(*as_user(arch, "quantri"), "list", env=env)
    assert out.returncode == 3, out.stderr


def test_a_clerk_cannot_rewrite_the_audit_log(arch: dict) -> None:
    root, env = arch["root"], arch["env"]
    got = Accounts(root).unlock("vanthu", USERS["vanthu"][1])
    lines = (root / "audit.log").read_bytes().splitlines()
    bodies = [json.loads(x) for x in lines]
    assert any(b["action"] == "keys.backup" for b in bodies)
    kept = [b for b in bodies if b["action"] != "keys.backup"]
    prev = GENESIS
    out_lines = []
    for seq, b in enumerate(kept, 1):  # re-chain and re-sign with the only key they hold
        b = {**b, "seq": seq, "prev": prev}
        b["hash"] = _entry_hash(b)
        msg = bytes.fromhex(b["hash"])
        b["sig"] = b64e(got.signer.sign_ed25519(msg, CTX_ENTRY)) if b["kind"] == "event" \
            else b64e(got.signer.sign(msg, b"digitize/audit/v1/checkpoint"))
        prev = b["hash"]
        out_lines.append(canonical_json(b))
    (root / "audit.log").write_bytes(b"\n".join(out_lines) + b"\n")
    out = cli("--passphrase-file", str(arch["passfile"]), "verify", "--all", env=env)
    assert out.returncode == 3 and "audit.log" in out.stdout, out.stdout


def test_the_audit_log_names_the_account_never_user(arch: dict) -> None:
    root, env = arch["root"], arch["env"]
    assert cli(*as_user(arch, "vanthu"), "list", env=env).returncode == 0
    assert cli(*as_user(arch, "luutru"), "search", "nhân dân", env=env).returncode == 0
    assert cli("--passphrase-file", str(arch["passfile"]), "list", env=env).returncode == 0
    env2 = {**env, "DIGITIZE_USER": "luutru", "DIGITIZE_PASSWORD": USERS["luutru"][1]}
    assert cli("list", env=env2).returncode == 0
    entries = [json.loads(x) for x in (root / "audit.log").read_bytes().splitlines()]
    actors = {e["actor"] for e in entries}
    assert "mallory" not in actors and "recovery-admin" in actors
    seen = [(e["actor"], e["action"]) for e in entries]
    assert ("vanthu", "dossier.list") in seen and ("luutru", "search.query") in seen
    assert seen.count(("luutru", "dossier.list")) == 1
    search = next(e for e in entries if e["action"] == "search.query")
    assert "nhân" not in json.dumps(search, ensure_ascii=False)  # counts, never the words
    # each entry is signed by its author's own certified key, not the office key
    office = b64d(json.loads((root / "keystore.json").read_text())["public"]["sign"])
    from archive._hazmat.sign import HybridVerifier

    office_v = HybridVerifier.from_bytes(office)
    clerk_entry = next(e for e in entries if e["actor"] == "vanthu" and e["kind"] == "event")
    assert not office_v.verify_ed25519(b64d(clerk_entry["sig"]),
                                       bytes.fromhex(clerk_entry["hash"]), CTX_ENTRY)
    assert cli("--passphrase-file", str(arch["passfile"]), "verify", "--all",
               env=env).returncode == 0


def test_workspace_roles_come_from_the_account(arch: dict) -> None:
    with Workspace.sign_in(arch["root"], "vanthu", USERS["vanthu"][1]) as ws:
        assert (ws.role, ws.actor, ws.work_only) == ("clerk", "vanthu", True)
        with pytest.raises(PermissionDenied):
            ws.require("export")
    with Workspace.sign_in(arch["root"], "luutru", USERS["luutru"][1]) as ws:
        assert ws.role == "archivist"
        with pytest.raises(PermissionDenied):
            ws.require("keys")
        with pytest.raises(RoleMaterialMissing):
            ws.keys.backup(arch["tmp"] / "k.bak", "sao lưu khóa văn phòng 2026")


def test_searches_and_views_in_the_app_are_audited(arch: dict) -> None:
    from digitize.records.review import document_pdf

    with Workspace.sign_in(arch["root"], "luutru", USERS["luutru"][1]) as ws:
        res = ws.search("nhân dân")
        assert res.hits
        hit = res.hits[0]
        document_pdf(ws, hit.dossier_id, hit.doc_id)
        entries = [(e.actor, e.action, e.record) for e in ws.audit.entries()]
    assert ("luutru", "search.query", None) in entries
    assert ("luutru", "document.open", hit.dossier_id) in entries
    with Workspace.sign_in(arch["root"], "vanthu", USERS["vanthu"][1]) as ws, \
            pytest.raises(PermissionDenied):
        ws.search("nhân dân")
