"""The archive's disk fills up in the middle of ``digitize process``: a clear message, nothing
stored is damaged, and once there is room the same command resumes and stores the dossier once.

The archive lives on a small tmpfs mounted in a private user and mount namespace
(``unshare -rm``), so the test needs no privileges and leaves no mount behind."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from digitize.core import Workspace
from tests.integration.conftest import write_pages

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]

SCRIPT = r"""
set -u
DISK=$1 SRC=$2 OUT=$3; shift 3
mount -t tmpfs -o size=$(( $(du -sk "$SRC" | cut -f1) + 700 ))k tmpfs "$DISK" || exit 90
cp -a "$SRC" "$DISK/a" || exit 91
export DIGITIZE_HOME="$DISK/a"
run() { name=$1; shift; "$PY" -m digitize.cli "$@" >"$OUT/$name.out" 2>"$OUT/$name.err"
        echo $? >"$OUT/$name.rc"; }
run full process "$@" --title "Đĩa đầy" --jobs 1
run v1 verify --all
mount -o remount,size=64m "$DISK" || exit 92
run again process "$@" --title "Đĩa đầy" --jobs 1
run v2 verify --all
cp -a "$DISK/a" "$OUT/archive"
"""


def test_disk_full_mid_process_then_resume(archive_env: dict, tmp_path: Path) -> None:
    pages = write_pages(tmp_path / "in", 2, dpi=150, seed=61)
    disk, out = tmp_path / "disk", tmp_path / "out"
    disk.mkdir()
    out.mkdir()
    env = {**archive_env["env"], "PY": sys.executable}
    r = subprocess.run(["unshare", "-rm", "sh", "-c", SCRIPT, "sh", str(disk),
                        str(archive_env["root"]), str(out), *map(str, pages)],
                       env=env, cwd=REPO, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    res = {k: ((out / f"{k}.rc").read_text().strip(), (out / f"{k}.err").read_text(),
               (out / f"{k}.out").read_text()) for k in ("full", "v1", "again", "v2")}
    for rc, err, _ in res.values():
        assert "Traceback" not in err, err
    rc, err, _ = res["full"]
    assert rc == "1", res["full"]
    assert ("đã đầy" in err and "disk is full" in err) or \
        ("No space left on device" in err and "dung lượng ổ đĩa" in err), err
    assert res["v1"][0] == "0", res["v1"]  # nothing stored was damaged by the failed run
    assert res["again"][0] == "0", res["again"]
    assert res["v2"][0] == "0", res["v2"]
    did = res["again"][2].strip().splitlines()[-1]
    with Workspace.open(out / "archive", archive_env["passphrase"], readonly=True) as ws:
        rows = ws.dossiers()
        assert [d.id for d in rows] == [did] and rows[0].status == "stored"
        assert [p.seq for p in ws.dossier(did).pages] == [1, 2]
    shutil.rmtree(out / "archive")
    assert json.dumps(os.listdir(disk)) == "[]"  # the tmpfs went with the namespace
