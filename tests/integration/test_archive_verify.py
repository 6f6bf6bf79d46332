"""`digitize verify` on a real dossier: 1000 container mutations and catalog edits all name it."""

from __future__ import annotations

import io
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from archive._hazmat import layout
from digitize.core import Workspace
from tests.integration.conftest import write_pages

pytestmark = pytest.mark.integration

CLI = [sys.executable, "-m", "digitize.cli"]
MUTATIONS = 1000
CATALOG_EDITS = [
    "UPDATE dossiers SET title = 'Hồ sơ đã sửa'",
    "UPDATE containers SET manifest = replace(manifest, '\"size\":', '\"size\": 1+')",
    "UPDATE documents SET meta = replace(meta, 'docId', 'docID')",
]


def _mutate(data: bytes, rng: random.Random) -> bytes:
    kind = rng.choice(["flip", "flip", "flip", "truncate", "append", "segments"])
    b = bytearray(data)
    if kind == "flip":
        b[rng.randrange(len(b))] ^= 1 << rng.randrange(8)
        return bytes(b)
    if kind == "truncate":
        return bytes(b[: rng.randrange(len(b))])
    if kind == "append":
        return bytes(b) + rng.randbytes(rng.choice([1, 17, 3385]))
    segs = layout.parse(io.BytesIO(data)).segments
    start, end = segs[0][0], segs[-1][0] + segs[-1][1]
    parts = [data[o : o + n] for o, n in segs]
    if len(parts) >= 2:
        i, j = rng.sample(range(len(parts)), 2)
        parts[i], parts[j] = parts[j], parts[i]
    else:  # one segment: cut it in the middle (a torn segment)
        parts = [parts[0][: len(parts[0]) // 2]]
    return data[:start] + b"".join(parts) + data[end:]


def test_verify_names_the_dossier_for_every_mutation(tmp_path: Path, archive_env: dict) -> None:
    pages = write_pages(tmp_path / "in", 2, dpi=150, seed=31)
    env = archive_env["env"]
    out = subprocess.run([*CLI, "process", *map(str, pages), "--title", "Hồ sơ kiểm tra"],
                         env=env, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    did = out.stdout.strip().splitlines()[-1]

    ws = Workspace.open(archive_env["root"], archive_env["passphrase"], actor="test")
    try:
        assert ws.verify().ok
        (cid,) = [r["id"] for r in ws.catalog.query("SELECT id FROM containers")]
        path = ws.store.path(cid)
        good = path.read_bytes()
        path.chmod(0o644)
        rng = random.Random(31337)
        for n in range(MUTATIONS):
            bad = _mutate(good, rng)
            assert bad != good
            path.write_bytes(bad)
            report = ws.verify()
            assert not report.ok, n
            assert any(did in rec for rec, _ in report.failures), (n, report.failures)
        path.write_bytes(good)
        assert ws.verify().ok
    finally:
        ws.close()

    # catalog edits, each on its own copy of the archive
    for k, edit in enumerate(CATALOG_EDITS):
        copy = tmp_path / f"copy{k}"
        shutil.copytree(archive_env["root"], copy)
        ws = Workspace.open(copy, archive_env["passphrase"], actor="test")
        try:
            with ws.catalog.atomic() as db:
                db.execute(edit)
            report = ws.verify()
            assert not report.ok and any(did in rec for rec, _ in report.failures), edit
        finally:
            ws.close()

    # the command line: exit 3 naming the dossier, then 0 once the file is restored
    path.write_bytes(_mutate(good, random.Random(1)))
    ver = subprocess.run([*CLI, "verify", "--all"], env=env, capture_output=True, text=True,
                         timeout=300)
    assert ver.returncode == 3 and did in ver.stdout, ver.stdout + ver.stderr
    path.write_bytes(good)
    ver = subprocess.run([*CLI, "verify", "--all"], env=env, capture_output=True, text=True,
                         timeout=300)
    assert ver.returncode == 0, ver.stdout + ver.stderr
