"""An archive with every kind of dossier (plain, revised, exported, PAdES-signed), what a user
sees of it through the CLI, and SIGKILL trials of a command on it (tests and bench)."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from archive._hazmat.kdf import TEST_PARAMS
from archive.keystore import Argon2Params, generate_central_keypair
from digitize.core import Workspace
from digitize.pipeline.run import process
from digitize.records import signing
from digitize.records.review import save_revision
from digitize.recovery.backup import file_digest
from digitize.transfer.export import ExportOptions, export
from tests.integration.conftest import write_pages
from tests.softhsm import Ca

ROOT = Path(__file__).resolve().parents[2]
CLI = [sys.executable, "-m", "digitize.cli"]
PIN = "mã-pin 1234"
PASSPHRASE = "mật khẩu dựng lại 2026"
QUERIES = ("987/QĐ-SNV", "chỉnh sửa tay", "quyết định", "ủy ban nhân dân")


def cli(root: Path, *args: str, check: bool = True,
        extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run ``digitize ARGS`` on the archive ``root`` (asserting success unless ``check`` is
    False)."""
    env = {**os.environ, "DIGITIZE_HOME": str(root), "DIGITIZE_PASSPHRASE": PASSPHRASE,
           "PYTHONPATH": str(ROOT), **(extra_env or {})}
    out = subprocess.run([*CLI, *args], env=env, capture_output=True, text=True, timeout=600,
                         cwd=ROOT)
    if check:
        assert out.returncode == 0, (args, out.stdout, out.stderr)
    return out


# Runs `digitize ARGV` for each ARGV through the CLI's own entry point, one interpreter for all
# (starting one per command cost ~1 s each, six per observation); prints [exit code, stdout].
_SEVERAL = r"""
import contextlib, io, json, sys
from digitize.cli import main
results = []
for argv in json.loads(sys.argv[1]):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        rc = main(argv)
    results.append([rc, out.getvalue()])
sys.stdout.write(json.dumps(results))
"""


def cli_several(root: Path, commands: list[list[str]]) -> list[tuple[int, str]]:
    """Run several ``digitize`` commands on ``root`` in one child process, in order; each
    one's exit code and standard output."""
    env = {**os.environ, "DIGITIZE_HOME": str(root), "DIGITIZE_PASSPHRASE": PASSPHRASE,
           "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", _SEVERAL, json.dumps(commands)], env=env,
                         capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert out.returncode == 0, (commands, out.stdout, out.stderr)
    return [(rc, text) for rc, text in json.loads(out.stdout)]


def observe(root: Path) -> dict[str, Any]:
    """What a user sees: the list, the hits of a few searches, and a clean full verify."""
    commands = [["list", "--json"], *(["search", q, "--json"] for q in QUERIES),
                ["verify", "--all"]]
    (list_rc, listed), *searched, (verify_rc, verified) = cli_several(root, commands)
    assert list_rc == 0 and all(rc == 0 for rc, _ in searched), (list_rc, searched)
    hits = {}
    for q, (_rc, text) in zip(QUERIES, searched):
        hits[q] = sorted((h["dossier_id"], h.get("page_seq"), h.get("doc_id"))
                         for h in json.loads(text)["hits"])
    return {"list": json.loads(listed), "hits": hits,
            "verify": (verify_rc, verified.strip().splitlines()[-1])}


def make_rich_archive(root: Path, tmp: Path) -> dict[str, str]:
    """Four dossiers: plain, revised (metadata and a page text), exported, PAdES-signed."""
    ws = Workspace.init(root, PASSPHRASE, office_code="H47.01", office_name="UBND tỉnh Kiên Giang",
                        kdf_params=TEST_PARAMS)
    dids = {}
    try:
        dids["plain"] = process(ws, write_pages(tmp / "a", 1, seed=1), title="Hồ sơ gốc").dossier_id
        did = process(ws, write_pages(tmp / "b", 2, seed=2), title="Hồ sơ sửa").dossier_id
        doc = ws.dossier(did).documents[0]
        save_revision(ws, did, documents={doc.doc_id: {"codeNumber": "987",
                                                       "codeNotation": "QĐ-SNV"}},
                      page_texts={1: "Trang này đã được chỉnh sửa tay"})
        dids["revised"] = did
        dids["exported"] = process(ws, write_pages(tmp / "c", 1, seed=3),
                                   title="Hồ sơ đã gửi").dossier_id
        _priv, pub = generate_central_keypair("trung tâm", kdf_params=Argon2Params(8 * 1024, 1, 1))
        ws.keys.import_central_key(pub, "TT")
        (tmp / "central").mkdir()
        rep = export(ws, ExportOptions(to=f"file://{tmp / 'central'}",
                                       dossier_ids=[dids["exported"]]))
        assert [i.status for i in rep.items] == ["sent"]
        ca = Ca()
        # signing's start time has whole seconds, and a dossier sealed in that same second
        # counts as sealed after it (digitize.signing._after): wait so the ones above are not
        time.sleep(1.1)
        signing.configure_pkcs12(ws, ca.pkcs12(PIN)[0], PIN)
        signing.add_trust_root(ws, ca.pem)
        with signing.batch(ws, pin=PIN):
            dids["signed"] = process(ws, write_pages(tmp / "d", 1, seed=4),
                                     title="Hồ sơ ký số").dossier_id
    finally:
        ws.close()
    return dids



@dataclass
class Trial:
    """One SIGKILL trial: when the kill came, whether the run was still going, the rerun."""

    delay: float
    killed: bool
    rerun_rc: int
    rerun_s: float


def kill_trial(root: Path, args: list[str], delay: float) -> Trial:
    """Start ``digitize ARGS`` on ``root``, SIGKILL it after ``delay`` seconds (if it is still
    running), then run the same command again to completion."""
    env = {**os.environ, "DIGITIZE_HOME": str(root), "DIGITIZE_PASSPHRASE": PASSPHRASE,
           "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([*CLI, *args], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, cwd=ROOT)
    time.sleep(delay)
    killed = proc.poll() is None
    if killed:
        proc.kill()
    proc.wait()
    t0 = time.monotonic()
    rerun = cli(root, *args, check=False)
    return Trial(delay, killed, rerun.returncode, time.monotonic() - t0)


def run_time(root: Path, args: list[str]) -> float:
    """Seconds one uninterrupted ``digitize ARGS`` takes (it must succeed)."""
    t0 = time.monotonic()
    cli(root, *args)
    return time.monotonic() - t0


def kill_delays(n: int, span: float, seed: int) -> list[float]:
    """``n`` kill times spread over ``span`` seconds (stratified, so every part of a run is hit)."""
    rng = random.Random(seed)
    return [span * (i + rng.random()) / n for i in range(n)]


def check_backup_folder(bk: Path, expect: set[str]) -> None:
    """Every container is there once, whole, under its own hash; no leftovers; LATEST names
    a complete snapshot whose signed manifest lists them all."""
    stored = sorted((bk / "containers").glob("??/*.dgz"))
    assert {p.stem for p in stored} == expect
    assert all(file_digest(p)[0] == p.stem for p in stored)
    assert not list(bk.rglob(".dgz-*.partial")) and not list(bk.glob("snapshots/.*"))
    snap = (bk / "LATEST").read_text().strip()
    man = json.loads((bk / "snapshots" / snap / "manifest.json").read_bytes())
    assert set(man["containers"]) == expect
    for name, meta in man["files"].items():
        assert file_digest(bk / "snapshots" / snap / name) == (meta["sha256"], meta["size"])
