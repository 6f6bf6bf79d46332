"""The pipeline end to end with real components: process, search, verify, resume after SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import cv2
import pytest
from PIL import Image

from digitize.devtools.sample import make_document, render_document
from digitize.pipeline.run import process
from tests.integration.conftest import write_pages

pytestmark = pytest.mark.integration

CLI = [sys.executable, "-m", "digitize.cli"]


def _pdf_from_image(img, path: Path) -> None:
    Image.fromarray(img).save(path, "PDF", resolution=200)


def test_process_png_jpg_pdf_then_search_and_verify(tmp_path: Path, archive_env: dict) -> None:
    docs = [make_document(s, party=False) for s in (11, 12, 13)]
    imgs = [render_document(d, dpi=200) for d in docs]
    p1, p2, p3 = tmp_path / "page1.png", tmp_path / "page2.jpg", tmp_path / "scan.pdf"
    cv2.imwrite(str(p1), cv2.cvtColor(imgs[0], cv2.COLOR_RGB2BGR))
    cv2.imwrite(str(p2), cv2.cvtColor(imgs[1], cv2.COLOR_RGB2BGR))
    _pdf_from_image(imgs[2], p3)
    env = archive_env["env"]
    out = subprocess.run([*CLI, "process", str(p1), str(p2), str(p3), "--title", "Hồ sơ thử"],
                         env=env, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    did = out.stdout.strip().splitlines()[-1]
    assert did.startswith("HS")
    # a distinctive word from each page is found, on that page
    for seq, doc in enumerate(docs, start=1):
        word = doc.signer_name.split()[-1] if seq != 2 else doc.code_notation
        res = subprocess.run([*CLI, "search", word, "--json"], env=env, capture_output=True,
                             text=True, timeout=120)
        assert res.returncode == 0, res.stderr
        assert did in res.stdout, (word, res.stdout)
    ver = subprocess.run([*CLI, "verify", "--all"], env=env, capture_output=True, text=True,
                         timeout=300)
    assert ver.returncode == 0, ver.stdout + ver.stderr


def test_rerun_is_idempotent(tmp_path: Path, workspace) -> None:
    paths = write_pages(tmp_path / "in", 2, seed=40)
    r1 = process(workspace, paths, title="Hai trang")
    r2 = process(workspace, paths, title="Hai trang")
    assert r2.already_stored and r2.dossier_id == r1.dossier_id
    assert workspace.catalog.one("SELECT COUNT(*) AS n FROM pages")["n"] == 2


def test_sigkill_mid_run_then_resume(tmp_path: Path, archive_env: dict) -> None:
    paths = write_pages(tmp_path / "in", 10, seed=60)
    args = [*CLI, "process", *map(str, paths), "--title", "Mười trang", "--jobs", "2"]
    proc = subprocess.Popen(args, env=archive_env["env"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)
    from digitize.core import Workspace

    # wait until some (not all) pages are processed, then kill the whole process group
    deadline = time.time() + 300
    killed_at = None
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.5)
        with Workspace.open(archive_env["root"], archive_env["passphrase"],
                            readonly=True) as ws:
            n = ws.catalog.one("SELECT COUNT(*) AS n FROM pages WHERE status != 'captured'")
        if n and 2 <= n["n"] < 10:
            os.killpg(proc.pid, signal.SIGKILL)
            killed_at = n["n"]
            break
    proc.wait(timeout=30)
    assert killed_at is not None, "the run finished before it could be killed"
    out = subprocess.run(args, env=archive_env["env"], capture_output=True, text=True,
                         timeout=600)
    assert out.returncode == 0, out.stderr
    with Workspace.open(archive_env["root"], archive_env["passphrase"]) as ws:
        dossiers = ws.dossiers()
        assert len(dossiers) == 1 and dossiers[0].status == "stored"
        d = ws.dossier(dossiers[0].id)
        assert [p.seq for p in d.pages] == list(range(1, 11))
        assert sorted(p.source for p in d.pages) == sorted(str(p.resolve()) for p in paths) \
            or len({p.source for p in d.pages}) == 10
        assert ws.verify().ok
