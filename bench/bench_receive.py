"""Central receiving benchmark: a batch from two offices received at the centre (#21).

Run: ``.venv/bin/python -m bench.bench_receive [--dossiers 4] [--pages 3]``. Builds two office
archives in a temporary folder (synthetic dossiers: 3 documents each, text-layer PDFs made
from known words, no Tesseract), exports them to a folder, then receives the batch at a centre
archive with 1 and 2 workers (a fresh centre each time) and prints packages, pages, seconds
and milliseconds per page. The reference row reads the page texts with pypdf instead of
``pdftotext`` (the ratio is what poppler buys).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

from archive._hazmat.kdf import TEST_PARAMS
from archive.office_keys import import_office_key
from digitize.core import Workspace
from digitize.transfer.receive import receive

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.integration.offices import make_office  # noqa: E402

WORDS = ("quyết định về việc thành lập hội đồng thẩm định kinh phí năm 2025 ủy ban nhân dân "
         "tỉnh sở nội vụ cán bộ công chức viên chức báo cáo kế hoạch").split()


def _texts(seed: int, dossiers: int, pages: int) -> list[list[list[str]]]:
    def page(k: int) -> str:
        return " ".join(WORDS[(seed + k * 7 + i) % len(WORDS)] for i in range(120))
    return [[[page(d * 100 + n * 10 + p) for p in range(pages)] for n in range(3)]
            for d in range(dossiers)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dossiers", type=int, default=4, help="per office")
    ap.add_argument("--pages", type=int, default=3, help="per document (3 documents a dossier)")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="bench-receive-"))
    try:
        pristine = tmp / "centre"  # copied for each run: the same central key every time
        with Workspace.init(pristine, "p", office_code="TW", office_name="Trung tâm",
                            kdf_params=TEST_PARAMS) as ws:
            central_pub = ws.keys.public_bundle()
        url = (tmp / "inbox").as_uri()
        pubs = [make_office(tmp / code, code, name, central_pub,
                            _texts(n, args.dossiers, args.pages), url)[0]
                for n, (code, name) in enumerate([("H47.01", "UBND tỉnh A"),
                                                  ("H49.02", "Sở Nội vụ B")])]
        with Workspace.open(pristine, "p") as ws:
            for n, pub in enumerate(pubs):
                import_office_key(ws.catalog, pub, f"office {n}")
        rows = []
        for label, workers, pypdf in (("pdftotext, 1 worker", 1, False),
                                      ("pdftotext, 2 workers", 2, False),
                                      ("pypdf (reference), 1 worker", 1, True)):
            run = tmp / f"run-{len(rows)}"
            shutil.copytree(pristine, run)
            with Workspace.open(run, "p") as ws:
                patch = mock.patch("shutil.which", return_value=None) if pypdf else None
                t0 = time.perf_counter()
                if patch:
                    with patch:
                        rep = receive(ws, url, workers=workers)
                else:
                    rep = receive(ws, url, workers=workers)
                dt = time.perf_counter() - t0
            rows.append((label, rep.count("accepted"), rep.pages, dt, 1000 * dt / rep.pages))
        ref = rows[-1][4]
        print(f"{'run':30} {'packages':>8} {'pages':>6} {'s':>7} {'ms/page':>8} {'vs ref':>7}")
        for label, pk, pg, dt, ms in rows:
            print(f"{label:30} {pk:8d} {pg:6d} {dt:7.2f} {ms:8.1f} {ref / ms:6.1f}x")
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
