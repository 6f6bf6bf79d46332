"""Search benchmark: build a catalog of N generated pages, index it, time 200 queries; SQLCipher vs plain.

Run as ``.venv/bin/python -m bench.bench_search [--pages N]`` (default 1,000,000). The catalog
is generated data, not records, and lives under /dev/shm (or /tmp when RAM is short); it is
deleted afterwards. The same build and queries run on an encrypted catalog (the real
``Catalog``) and on an unencrypted one with the same engine and schema, to show the cost of
encryption.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import sqlcipher3
import sqlite_utils

from archive.catalog import Catalog
from archive.search import RANK_WINDOW, index_page, reindex, search
from archive.textfold import fold
from bench.search_corpus import ORGANS, TYPES, Corpus

KEY = bytes(range(32))


class PlainCatalog(Catalog):
    """The catalog without encryption (same engine, pragmas and migrations) for comparison."""

    def __init__(self, path: Path) -> None:  # noqa: D107
        self.path = Path(path)
        self._lock = threading.RLock()
        conn = sqlcipher3.connect(str(self.path), check_same_thread=False,
                                  isolation_level=None, timeout=30)
        for p in ("journal_mode = WAL", "synchronous = FULL", "secure_delete = ON",
                  "foreign_keys = ON", "temp_store = MEMORY"):
            conn.execute(f"PRAGMA {p}")
        self.conn = conn
        self.db = sqlite_utils.Database(conn)
        self._migrate()


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def build(cat: Catalog, n_pages: int, seed: int = 1) -> dict[str, Any]:
    """Insert dossiers, documents and pages (no index), return notations seen and timings."""
    corpus = Corpus(seed)
    t0 = time.perf_counter()
    page_id, dossier_no, notations = 0, 0, []
    docs = corpus.documents()
    rng = np.random.default_rng(seed + 1)
    while page_id < n_pages:
        dossier_no += 1
        did = f"KG.{2015 + dossier_no % 11}.{dossier_no:06d}"
        secrecy = "Mật" if rng.random() < 0.01 else ""
        with cat.atomic():
            cat.conn.execute(
                "INSERT INTO dossiers(id, title, file_code, status, created, updated, meta, "
                "secrecy) VALUES (?, ?, ?, 'stored', '2025-01-01', '2025-01-01', ?, ?)",
                (did, f"Hồ sơ {dossier_no} về công tác văn thư, lưu trữ", did,
                 json.dumps({"maintenance": f"0{1 + dossier_no % 6}"}), secrecy))
            seq = 0
            for dseq in range(1, int(rng.integers(4, 16))):
                d = next(docs)
                meta = {"codeNumber": d.number, "codeNotation": d.notation,
                        "issuedDate": f"{d.issued[8:]}/{d.issued[5:7]}/{d.issued[:4]}",
                        "typeName": d.type_code, "organName": d.organ, "subject": d.subject,
                        "signerName": d.signer}
                if len(notations) < 5000 and rng.random() < 0.05:
                    notations.append(f"{d.number}/{d.notation}")
                cat.conn.execute(
                    "INSERT INTO documents(doc_id, dossier_id, seq, meta, first_page, n_pages, "
                    "type_code, issued, organ, notation) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    (f"{did}.{dseq}", did, dseq, json.dumps(meta, ensure_ascii=False), seq + 1,
                     len(d.pages), d.type_code, d.issued, d.organ, f"{d.number}/{d.notation}"))
                for text in d.pages:
                    seq += 1
                    page_id += 1
                    cat.conn.execute(
                        "INSERT INTO pages(id, dossier_id, seq, source, source_index, status, "
                        "doc_seq, text) VALUES (?, ?, ?, 'bench', ?, 'stored', ?, ?)",
                        (page_id, did, seq, seq, dseq, text))
                if page_id >= n_pages:
                    break
        if dossier_no % 200 == 0:
            print(f"  rows: {page_id} pages, {page_id / (time.perf_counter() - t0):.0f}/s",
                  file=sys.stderr, flush=True)
    return {"pages": page_id, "rows_s": time.perf_counter() - t0, "notations": notations}


def query_mix(notations: list[str], seed: int = 3) -> list[tuple[str, dict[str, Any]]]:
    """A fixed mix of 200 queries: words, phrases, no-diacritics, prefixes, notations, filters."""
    rng = np.random.default_rng(seed)
    vocab = Corpus().vocab
    content = [w for w in vocab[60:400] if not w.isdigit()]
    multi = [w for w in content if " " in w]
    tail = vocab[-5000:]
    pick = lambda xs: xs[int(rng.integers(0, len(xs)))]  # noqa: E731
    qs: list[tuple[str, dict[str, Any]]] = []
    qs += [(pick(content).split()[0], {}) for _ in range(30)]  # one syllable, diacritics
    qs += [(pick(tail), {}) for _ in range(15)]  # rare words
    qs += [(fold(f"{pick(multi)} {pick(multi)}"), {}) for _ in range(30)]  # no diacritics
    qs += [(f'"{pick(multi)}"', {}) for _ in range(30)]  # phrases
    qs += [(fold(pick(content))[:4].strip() + "*", {}) for _ in range(15)]  # prefixes
    for i in range(25):  # notations, typed with and without đ
        n = pick(notations) if notations else "15/QĐ-UBND"
        qs.append((fold(n).upper() if i % 2 else n, {}))
    for i in range(40):  # filters
        kind = i % 4
        q = pick(multi)
        if kind == 0:
            qs.append((q, {"type_code": pick(TYPES)[0]}))
        elif kind == 1:
            y = int(rng.integers(2015, 2025))
            qs.append((fold(q), {"date_from": date(y, 3, 15), "date_to": date(y + 1, 6, 30)}))
        elif kind == 2:
            qs.append((q, {"organ": pick(ORGANS).split(" tỉnh")[0]}))
        else:
            qs.append((q, {"type_code": "02", "date_from": date(2020, 1, 1)}))
    qs += [(f"{pick(multi)} OR {pick(multi)}", {}) for _ in range(8)]
    qs += [(f"{pick(multi)} -{pick(content).split()[0]}", {}) for _ in range(7)]
    return qs[:200]


def run_queries(cat: Catalog, queries: list[tuple[str, dict[str, Any]]]) -> dict[str, float]:
    """Time each query once (after a short warm-up) and return latency percentiles in ms."""
    for q, kw in queries[:20]:
        search(cat, q, **kw)
    times, cpu, broad = [], [], 0
    for q, kw in queries:
        t0, c0 = time.perf_counter(), time.thread_time()
        r = search(cat, q, **kw)
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.thread_time() - c0) * 1000)
        broad += not r.total_exact
    times.sort()
    cpu.sort()
    pct = lambda xs, p: xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]  # noqa: E731
    return {"p50": pct(times, 50), "p95": pct(times, 95), "p99": pct(times, 99),
            "max": times[-1], "mean": statistics.fmean(times), "cpu_p50": pct(cpu, 50),
            "cpu_p95": pct(cpu, 95), "cpu_p99": pct(cpu, 99), "broad": broad}


def bench_one(label: str, cat: Catalog, path: Path, n: int) -> dict[str, Any]:
    """Build, index and query one catalog."""
    built = build(cat, n)
    cat.checkpoint()
    rows_size = _size(path)
    t0, c0 = time.perf_counter(), time.process_time()
    indexed = reindex(cat)
    index_s, index_cpu = time.perf_counter() - t0, time.process_time() - c0
    cat.checkpoint()
    total_size = _size(path)
    sample = list(range(1, min(n, 2000) + 1))
    t0 = time.perf_counter()
    with cat.atomic():
        for pid in sample:
            index_page(cat, pid)
    incr = len(sample) / (time.perf_counter() - t0)
    lat = run_queries(cat, query_mix(built["notations"]))
    return {"label": label, "pages": indexed, "rows_rate": built["pages"] / built["rows_s"],
            "index_rate": indexed / index_s, "index_rate_cpu": indexed / index_cpu,
            "incr_rate": incr, "index_s": index_s,
            "size_page": total_size / indexed, "index_page": (total_size - rows_size) / indexed,
            **lat}


def _workdir(n: int) -> Path:
    need = n * 9000 + (1 << 30)  # generous bytes for the larger of the two catalogs
    shm = Path("/dev/shm")
    base = shm if shm.is_dir() and shutil.disk_usage(shm).free > need else Path("/tmp")
    return Path(tempfile.mkdtemp(prefix="bench_search_", dir=base))


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a table."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pages", type=int, default=1_000_000)
    ap.add_argument("--skip-plain", action="store_true", help="only the encrypted catalog")
    args = ap.parse_args(argv)
    work = _workdir(args.pages)
    results = []
    try:
        for label in ("sqlcipher", "plain") if not args.skip_plain else ("sqlcipher",):
            path = work / f"{label}.db"
            cat = Catalog(path, KEY) if label == "sqlcipher" else PlainCatalog(path)
            try:
                results.append(bench_one(label, cat, path, args.pages))
            finally:
                cat.close()
                for p in work.glob(f"{label}.db*"):
                    p.unlink()
            print(json.dumps(results[-1]), file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"search benchmark: {args.pages:,} pages, 200 queries, {os.cpu_count()} cores, "
          f"work dir {work.parent}")
    cols = ("label", "index_rate", "index_rate_cpu", "incr_rate", "size_page", "index_page", "p50", "p95",
            "p99", "max", "cpu_p50", "cpu_p95", "cpu_p99", "broad")
    print(" | ".join(f"{c:>10}" for c in cols))
    for r in results:
        print(" | ".join(f"{r[c]:>10.1f}" if isinstance(r[c], float) else f"{r[c]:>10}"
                         for c in cols))
    if len(results) == 2:
        enc, plain = results
        print(f"encryption cost: index build x{plain['index_rate'] / enc['index_rate']:.2f} "
              f"slower, p95 x{enc['p95'] / plain['p95']:.2f}, p99 x{enc['p99'] / plain['p99']:.2f}")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: cpu_* is the "
          "CPU time of the searching thread, wall-clock p* includes waiting for a core")
    print("rates in pages/s, sizes in bytes/page (index = FTS5 tables), latencies in ms; "
          f"broad = queries over {RANK_WINDOW} matches (ranked within the newest window)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
