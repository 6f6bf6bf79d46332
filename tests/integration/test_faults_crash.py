"""SIGKILL ``digitize process`` in capture, OCR, sealing and between the container write and the
catalog commit; the same command again stores each dossier exactly once and verify passes."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from digitize.core import Workspace
from tests.integration.conftest import write_pages

pytestmark = pytest.mark.integration

CLI = [sys.executable, "-m", "digitize.cli"]
REPO = Path(__file__).resolve().parents[2]


def _state(root: Path, passphrase: str, title: str) -> tuple[str, int]:
    """(status of the dossier titled ``title`` or '', pages processed), read-only."""
    with Workspace.open(root, passphrase, readonly=True) as ws:
        row = ws.catalog.one("SELECT id, status FROM dossiers WHERE title = ?", (title,))
        if row is None:
            return "", 0
        n = ws.catalog.one("SELECT COUNT(*) AS n FROM pages WHERE dossier_id = ? AND "
                           "status != 'captured'", (row["id"],))["n"]
        return row["status"], n


def _containers(root: Path) -> set[str]:
    folder = root / "containers"
    return {p.name for p in folder.rglob("*")} if folder.exists() else set()


def _kill_at(args: list[str], env: dict[str, str], root: Path, title: str, when: str,
             delay: float) -> str:
    """Start ``process``; SIGKILL it when ``when`` is reached. Returns where it was killed
    ('' when the run finished first)."""
    before = _containers(root)
    proc = subprocess.Popen(args, env=env, cwd=REPO, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    t0, killed = time.monotonic(), ""
    try:
        while proc.poll() is None and time.monotonic() - t0 < 300:
            if when == "delay":
                hit = time.monotonic() - t0 >= delay
            elif when == "container":  # a new file in containers/: mid-write or just renamed
                hit = bool(_containers(root) - before)
            else:
                status, done = _state(root, env["DIGITIZE_PASSPHRASE"], title)
                hit = (when == "ocr" and status == "capturing" and done >= 1) or \
                      (when == "sealing" and status == "sealing")
            if hit:
                os.killpg(proc.pid, signal.SIGKILL)
                killed = when
                break
            time.sleep(0.002 if when == "container" else 0.05)
    finally:
        if proc.poll() is None and not killed:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    return killed


def test_sigkill_anywhere_then_rerun_stores_once(archive_env: dict, tmp_path: Path) -> None:
    env, root = archive_env["env"], archive_env["root"]
    rng = random.Random(13)
    plan = ["delay", "ocr", "sealing", "container", "delay"]
    killed, ids = [], {}
    for trial, when in enumerate(plan):
        title = f"Hồ sơ thử sập {trial}"
        pages = write_pages(tmp_path / f"in{trial}", 2, dpi=150, seed=100 + 2 * trial)
        args = [*CLI, "process", *map(str, pages), "--title", title, "--jobs", "1"]
        killed.append(_kill_at(args, env, root, title, when, rng.uniform(0.8, 4.0)))
        out = subprocess.run(args, env=env, cwd=REPO, capture_output=True, text=True,
                             timeout=600)
        assert out.returncode == 0, (when, out.stderr)
        assert "Traceback" not in out.stderr
        ids[title] = out.stdout.strip().splitlines()[-1]
        if trial == len(plan) - 1:  # once more: already stored, nothing new
            again = subprocess.run(args, env=env, cwd=REPO, capture_output=True, text=True,
                                   timeout=600)
            assert again.returncode == 0 and again.stdout.strip().splitlines()[-1] == ids[title]
    assert sum(1 for k in killed if k) >= 3, killed  # most trials really were killed
    with Workspace.open(root, archive_env["passphrase"], readonly=True) as ws:
        rows = ws.dossiers()
        assert sorted(d.title for d in rows) == sorted(ids)  # each dossier exactly once
        for d in rows:
            full = ws.dossier(d.id)
            assert d.status == "stored" and ids[d.title] == d.id
            assert [p.seq for p in full.pages] == [1, 2], (d.title, killed)
            assert len({(p.source, p.source_index) for p in full.pages}) == 2
        referenced = {r["id"] for r in ws.catalog.query("SELECT id FROM containers")}
    on_disk = {p.name.split(".")[0] for p in (root / "containers").rglob("*.dgz")}
    assert on_disk == referenced  # every container is in the catalog; no partial file stays
    assert not [p for p in (root / "containers").rglob("*") if p.name.endswith(".partial")]
    ver = subprocess.run([*CLI, "verify", "--all"], env=env, cwd=REPO, capture_output=True,
                         text=True, timeout=600)
    assert ver.returncode == 0, ver.stdout + ver.stderr


def test_unreferenced_container_is_quarantined_and_the_user_told(archive_env: dict,
                                                                  tmp_path: Path) -> None:
    """The state a kill between the container's rename and the catalog commit leaves."""
    env, root = archive_env["env"], archive_env["root"]
    twin = tmp_path / "twin"
    shutil.copytree(root, twin)  # the same keys: its containers are valid for this archive
    pages = write_pages(tmp_path / "in", 1, dpi=150, seed=77)
    out = subprocess.run([*CLI, "--archive", str(twin), "process", str(pages[0]), "--jobs", "1"],
                         env=env, cwd=REPO, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    orphan = next((twin / "containers").rglob("*.dgz"))
    dest = root / "containers" / orphan.relative_to(twin / "containers")
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(orphan, dest)
    ver = subprocess.run([*CLI, "verify", "--all"], env=env, cwd=REPO, capture_output=True,
                         text=True, timeout=600)
    assert ver.returncode == 0, ver.stdout + ver.stderr
    assert "orphans" in ver.stderr and "cách ly" in ver.stderr, ver.stderr  # the user is told
    assert not dest.exists() and (root / "orphans" / dest.name).read_bytes() == \
        orphan.read_bytes()
    # told once: the next command has nothing to say about it
    ver = subprocess.run([*CLI, "verify", "--all"], env=env, cwd=REPO, capture_output=True,
                         text=True, timeout=600)
    assert ver.returncode == 0 and "orphans" not in ver.stderr
    # and the dossier itself can still be processed here from its pages: stored once
    out = subprocess.run([*CLI, "process", str(pages[0]), "--jobs", "1"], env=env, cwd=REPO,
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    assert subprocess.run([*CLI, "verify", "--all"], env=env, cwd=REPO, capture_output=True,
                          timeout=600).returncode == 0
