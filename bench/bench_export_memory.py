"""Peak memory of exporting one large dossier: does it stay flat with the dossier's size?

Run: ``.venv/bin/python -m bench.bench_export_memory [--pages 500 --page-kb 200 --per-doc 10]``.

Builds, in a temporary archive, a stored dossier of ``pages`` pages through the store (a new
dossier, one sealed container, :func:`digitize.store.versions.commit_version`): documents of
``per-doc`` pages whose PDFs are random bytes of ``page-kb`` KiB per page (incompressible, the
size of a scanned PDF/A page; nothing is OCRed). Then exports it to a ``file://`` folder in a
fresh child process per size (a tenth, half and all of ``pages``) and reports the child's
peak RSS and Python's traced peak (``tracemalloc``) during the export, against the smallest.
Flat memory means the peak stops growing with the dossier: what remains is the uploader's
window (``part_size`` × ``concurrency`` = 8 MiB × 4 by default) and one container segment.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

MB = 1 << 20


def _build(root: Path, pages: int, page_kb: int, per_doc: int) -> str:
    """A stored dossier of ``pages`` synthetic pages in a new archive at ``root``."""
    from archive._hazmat.kdf import TEST_PARAMS
    from archive.clock import now_vn
    from archive.container import write_container
    from archive.keystore import generate_central_keypair
    from digitize.core import Workspace
    from digitize.pipeline.run import new_dossier
    from digitize.store.versions import commit_version

    with Workspace.init(root, "bench-passphrase", office_code="000.00.00.H01",
                        office_name="UBND bench", kdf_params=TEST_PARAMS) as ws:
        did = new_dossier(ws, "Hồ sơ đo bộ nhớ")
        fcode = "000.00.00.H01.2026.01"
        n_docs = -(-pages // per_doc)
        docs, page_meta = [], []
        for n in range(1, n_docs + 1):
            count = min(per_doc, pages - (n - 1) * per_doc)
            docs.append({"docId": f"{fcode}.{n:04d}", "numberOfPage": count, "typeName": "02",
                         "codeNumber": str(n), "codeNotation": "QĐ-UBND",
                         "issuedDate": "08/06/2022", "organName": "UBND bench",
                         "subject": f"Văn bản {n}", "language": "01", "mode": "01",
                         "maintenance": "01", "confidenceLevel": "02", "format": "01"})
            page_meta += [{"seq": len(page_meta) + 1, "doc": n} for _ in range(count)]
        dossier = {"fileCode": fcode, "title": "Hồ sơ đo bộ nhớ", "maintenance": "01",
                   "mode": "01", "language": "01", "startDate": "08/06/2022",
                   "endDate": "08/06/2022", "totalDoc": str(n_docs),
                   "numberOfPage": str(pages), "confidenceLevel": "02", "format": "01",
                   "riskRecovery": "0"}
        metadata = {"format": "digitize-dossier/1", "version": 1,
                    "sealed": now_vn().isoformat(), "office": ws.office,
                    "dossier": {"id": did, **dossier}, "documents": docs, "pages": page_meta}

        def files():  # one document's PDF in memory at a time
            for d in docs:
                yield (f"documents/{d['docId']}.pdf",
                       b"%PDF-1.7\n" + os.urandom(d["numberOfPage"] * page_kb * 1024))

        info = ws.store.put(lambda out: write_container(
            out, files(), metadata=metadata, recipients=ws.keys.recipients(),
            signer=ws.keys.signer()))
        commit_version(ws.catalog, did, info, metadata)
        # the export needs a central archive key to encrypt the package for
        ws.keys.import_central_key(generate_central_keypair(
            "bench", kdf_params=TEST_PARAMS)[1], "bench")
    return did


def _child(root: Path, out: Path) -> None:
    """Export the archive's dossier to ``out``; print peaks as JSON (runs in a child)."""
    from digitize.core import Workspace
    from digitize.transfer.export import ExportOptions, export

    ws = Workspace.open(root, "bench-passphrase")
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    t0 = time.perf_counter()
    report = export(ws, ExportOptions(to=out.as_uri()))
    elapsed = time.perf_counter() - t0
    _, traced = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    ws.close()
    assert report.ok, report.to_dict()
    print(json.dumps({"traced": traced, "rss": resource.getrusage(
        resource.RUSAGE_SELF).ru_maxrss * 1024, "rss_before": base_rss * 1024,
        "seconds": elapsed, "sent": sum(1 for i in report.items if i.status == "sent")}))


def _measure(tmp: Path, pages: int, page_kb: int, per_doc: int) -> dict:
    root = tmp / f"archive-{pages}"
    _build(root, pages, page_kb, per_doc)
    out = tmp / f"out-{pages}"
    out.mkdir()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    res = subprocess.run([sys.executable, "-m", "bench.bench_export_memory", "--child",
                          str(root), str(out)], capture_output=True, text=True, env=env,
                         cwd=Path(__file__).resolve().parent.parent, check=False)
    if res.returncode:
        raise RuntimeError(res.stderr[-2000:])
    row = json.loads(res.stdout.strip().splitlines()[-1])
    row["pdf_mb"] = pages * page_kb / 1024
    return row


def main(argv: list[str] | None = None) -> int:
    """Build the dossiers, export each in a child process, print the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=500)
    ap.add_argument("--page-kb", type=int, default=200)
    ap.add_argument("--per-doc", type=int, default=10)
    ap.add_argument("--child", nargs=2, metavar=("ARCHIVE", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        _child(Path(args.child[0]), Path(args.child[1]))
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-export-mem-") as tmp:
        rows = [(n, _measure(Path(tmp), n, args.page_kb, args.per_doc))
                for n in (max(1, args.pages // 10), max(1, args.pages // 2), args.pages)]
    ref = rows[0][1]
    print(f"{'pages':>6} {'PDFs MB':>8} {'peak RSS MB':>12} {'RSS growth MB':>14} "
          f"{'traced peak MB':>15} {'ratio vs ref':>13} {'s':>6}")
    for n, r in rows:
        growth = (r["rss"] - r["rss_before"]) / MB
        print(f"{n:>6} {r['pdf_mb']:>8.0f} {r['rss'] / MB:>12.0f} {growth:>14.0f} "
              f"{r['traced'] / MB:>15.1f} {r['traced'] / max(ref['traced'], 1):>13.2f} "
              f"{r['seconds']:>6.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
