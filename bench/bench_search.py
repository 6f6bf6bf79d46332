"""Search benchmark: N generated pages, index build, 200 timed queries; SQLCipher vs plain.

Run as ``.venv/bin/python -m bench.bench_search [--pages N] [--sample M]`` (defaults 1,000,000
and 100,000). The catalogs hold generated data, not records, live under /dev/shm (or /tmp when
RAM is short) and are deleted afterwards, also on failure or interrupt.

Steps, each in a fresh process (SQLCipher's ``cipher_memory_security``, which the real catalog
turns on only on the offline workstation for state secrets, is process-wide and cannot be
turned off again):

1. build an unencrypted catalog of N pages (same engine, schema and pragmas) and ``reindex``
   it (build rate, wall and CPU, including the full merge that ends a reindex), store 2,000
   more pages a dossier at a time as the pipeline does (``index_pages`` then the bounded
   ``compact``), then copy it into an encrypted catalog with ``sqlcipher_export`` (building
   twice would double the run);
2. run the 200 queries on each: unencrypted, encrypted (the real ``Catalog``), encrypted with
   ``cipher_memory_security`` on; twice each (first run: caches cold; repeat);
3. build and ``reindex`` an encrypted and an unencrypted catalog of M pages from scratch: the
   encrypted index build rate is measured on that sample, not on N pages.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import shutil
import signal
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import sqlcipher3
import sqlite_utils

from archive.catalog import PRAGMAS, Catalog, enable_memory_security
from archive.search import RANK_WINDOW, compact
from archive.search.compact import AFTER_WRITE_STEPS, segment_count
from archive.search.schema import FTS_COLUMNS
from archive.search.textfold import fold
from bench.search_corpus import ORGANS, TYPES, Corpus
from digitize.store.schema import MIGRATIONS
from digitize.store.search_index import index_pages, reindex, search

KEY = bytes(range(32))
#: Pages stored after the bulk index, a dossier at a time (the pipeline's way).
INCREMENTAL_PAGES = 2000


class PlainCatalog(Catalog):
    """The catalog without encryption (same engine, pragmas and migrations) for comparison."""

    def __init__(self, path: Path) -> None:  # noqa: D107
        self.path = Path(path)
        self._migrations = MIGRATIONS
        self._lock = threading.RLock()
        conn = sqlcipher3.connect(str(self.path), check_same_thread=False,
                                  isolation_level=None, timeout=30)
        for p in PRAGMAS:
            conn.execute(f"PRAGMA {p}")
        self.conn = conn
        self.db = sqlite_utils.Database(conn)
        self._migrate()


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def build(cat: Catalog, n_pages: int, seed: int = 1, first_dossier: int = 0) -> dict[str, Any]:
    """Insert dossiers, documents and pages (no index), return notations seen and timings.

    Pages are numbered after the catalog's last one; ``dossiers`` lists each new dossier's
    page ids.
    """
    corpus = Corpus(seed)
    t0 = time.perf_counter()
    last = cat.conn.execute("SELECT coalesce(max(id), 0) FROM pages").fetchone()[0]
    page_id, dossier_no, notations = last, first_dossier, []
    dossiers: list[list[int]] = []
    docs = corpus.documents()
    rng = np.random.default_rng(seed + 1)
    while page_id - last < n_pages:
        dossier_no += 1
        dossiers.append([])
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
                    dossiers[-1].append(page_id)
                    cat.conn.execute(
                        "INSERT INTO pages(id, dossier_id, seq, source, source_index, status, "
                        "doc_seq, text) VALUES (?, ?, ?, 'bench', ?, 'stored', ?, ?)",
                        (page_id, did, seq, seq, dseq, text))
                if page_id - last >= n_pages:
                    break
        if dossier_no % 200 == 0:
            print(f"  rows: {page_id} pages, {page_id / (time.perf_counter() - t0):.0f}/s",
                  file=sys.stderr, flush=True)
    return {"pages": page_id - last, "rows_s": time.perf_counter() - t0,
            "notations": notations, "dossiers": dossiers}


def query_mix(notations: list[str], seed: int = 3) -> list[tuple[str, str, dict[str, Any]]]:
    """A fixed mix of 200 queries as (kind, query, filters): words, phrases, no-diacritics,
    prefixes, notations, filters, OR and NOT."""
    rng = np.random.default_rng(seed)
    vocab = Corpus().vocab
    content = [w for w in vocab[60:400] if not w.isdigit()]
    multi = [w for w in content if " " in w]
    tail = vocab[-5000:]
    pick = lambda xs: xs[int(rng.integers(0, len(xs)))]  # noqa: E731
    qs: list[tuple[str, str, dict[str, Any]]] = []
    qs += [("syllable", pick(content).split()[0], {}) for _ in range(30)]  # with diacritics
    qs += [("rare word", pick(tail), {}) for _ in range(15)]
    qs += [("no diacritics", fold(f"{pick(multi)} {pick(multi)}"), {}) for _ in range(30)]
    qs += [("phrase", f'"{pick(multi)}"', {}) for _ in range(30)]
    qs += [("prefix", fold(pick(content))[:4].strip() + "*", {}) for _ in range(15)]
    for i in range(25):  # notations, typed with and without đ
        n = pick(notations) if notations else "15/QĐ-UBND"
        qs.append(("notation", fold(n).upper() if i % 2 else n, {}))
    for i in range(40):  # filters
        kind = i % 4
        q = pick(multi)
        if kind == 0:
            qs.append(("filter: type", q, {"type_code": pick(TYPES)[0]}))
        elif kind == 1:
            y = int(rng.integers(2015, 2025))
            qs.append(("filter: dates", fold(q),
                       {"date_from": date(y, 3, 15), "date_to": date(y + 1, 6, 30)}))
        elif kind == 2:
            qs.append(("filter: organ", q, {"organ": pick(ORGANS).split(" tỉnh")[0]}))
        else:
            qs.append(("filter: type+from", q, {"type_code": "02", "date_from": date(2020, 1, 1)}))
    qs += [("OR", f"{pick(multi)} OR {pick(multi)}", {}) for _ in range(8)]
    qs += [("NOT", f"{pick(multi)} -{pick(content).split()[0]}", {}) for _ in range(7)]
    return qs[:200]


def _pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def run_queries(cat: Catalog, queries: list[tuple[str, str, dict[str, Any]]]) -> dict[str, Any]:
    """Run every query twice (first: caches cold; repeat) and return latency percentiles in ms,
    overall and per kind of query (``by_kind``: p50, p95, max and the slowest query)."""
    out: dict[str, Any] = {}
    for run in ("first", "repeat"):
        times, cpu, broad = [], [], 0
        kinds: dict[str, list[tuple[float, str]]] = {}
        load0 = os.getloadavg()[0]
        for kind, q, kw in queries:
            t0, c0 = time.perf_counter(), time.thread_time()
            r = search(cat, q, **kw)
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.thread_time() - c0) * 1000)
            broad += not r.total_exact
            label = " ".join([q, *(f"{k}={v}" for k, v in kw.items())])
            kinds.setdefault(kind, []).append((times[-1], label))
        out[run] = {"p50": _pct(times, 50), "p95": _pct(times, 95), "p99": _pct(times, 99),
                    "max": max(times), "mean": statistics.fmean(times),
                    "cpu_p50": _pct(cpu, 50), "cpu_p95": _pct(cpu, 95), "cpu_p99": _pct(cpu, 99),
                    "cpu_max": max(cpu), "broad": broad,
                    "load": (load0 + os.getloadavg()[0]) / 2,
                    "by_kind": {k: {"n": len(v), "p50": _pct([t for t, _ in v], 50),
                                    "p95": _pct([t for t, _ in v], 95),
                                    "max": max(v)[0], "slowest": max(v)[1]}
                                for k, v in kinds.items()}}
    return out


def _timed(fn: Callable[[], Any]) -> tuple[Any, float, float, float]:
    """fn(), its wall and process CPU seconds, and the mean of the 1-minute load average."""
    load0 = os.getloadavg()[0]
    t0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - t0, time.process_time() - c0, (load0 + os.getloadavg()[0]) / 2


def _open(kind: str, path: Path) -> Catalog:
    if kind.startswith("sqlcipher"):
        cat = Catalog(path, KEY, MIGRATIONS)
        if kind == "sqlcipher-memsec-on":
            enable_memory_security(cat.conn)
        return cat
    return PlainCatalog(path)


def phase_build(kind: str, path: Path, n: int, export_to: Path | None = None) -> dict[str, Any]:
    """Build N pages of rows and reindex them, then store new dossiers one at a time as the
    pipeline does; optionally copy the result into an encrypted file."""
    cat = _open(kind, path)
    try:
        built, rows_s, rows_cpu, _ = _timed(lambda: build(cat, n))
        cat.checkpoint()
        rows_size = _size(path)
        indexed, index_s, index_cpu, load = _timed(lambda: reindex(cat, compact_index=False))
        segments = segment_count(cat.conn)
        _, merge_s, merge_cpu, _ = _timed(lambda: compact(cat, full=True))
        cat.checkpoint()
        total = _size(path)
        out = {"kind": kind, "pages": indexed, "rows_rate": n / rows_s,
               "index_s": index_s + merge_s, "index_rate": indexed / (index_s + merge_s),
               "index_rate_cpu": indexed / (index_cpu + merge_cpu), "index_load": load,
               "merge_s": merge_s, "segments_before_merge": segments,
               "size_page": total / indexed, "index_page": (total - rows_size) / indexed,
               "notations": built["notations"]}
        # new dossiers, each indexed in one call and followed by the bounded merge (as seal)
        new = build(cat, INCREMENTAL_PAGES, seed=7, first_dossier=10**6)["dossiers"]

        def incremental() -> None:
            for ids in new:
                index_pages(cat, ids)
                compact(cat, max_steps=AFTER_WRITE_STEPS)

        _, incr_s, incr_cpu, _ = _timed(incremental)
        out["incr_rate"] = INCREMENTAL_PAGES / incr_s
        out["incr_rate_cpu"] = INCREMENTAL_PAGES / incr_cpu
        out["segments"] = segment_count(cat.conn)
        if export_to is not None:
            def export() -> None:
                cat.conn.execute("ATTACH DATABASE ? AS enc KEY ?",
                                 (str(export_to), f"x'{KEY.hex()}'"))
                cat.conn.execute("SELECT sqlcipher_export('enc')")
                version = cat.conn.execute("PRAGMA main.user_version").fetchone()[0]
                cat.conn.execute(f"PRAGMA enc.user_version = {int(version)}")
                cat.conn.execute("DETACH DATABASE enc")
            _, out["export_s"], _, _ = _timed(export)
            out["enc_size_page"] = _size(export_to) / indexed
        return out
    finally:
        cat.close()


def phase_queries(kind: str, path: Path, notations: list[str]) -> dict[str, Any]:
    """The 200 queries on an existing catalog."""
    cat = _open(kind, path)
    try:
        return {"kind": kind, **run_queries(cat, query_mix(notations))}
    finally:
        cat.close()


def _child(conn: Any, name: str, args: tuple[Any, ...]) -> None:
    try:
        conn.send(("ok", globals()[name](*args)))
    except BaseException as e:  # noqa: BLE001 - reported by the parent
        conn.send(("error", f"{type(e).__name__}: {e}"))


def _in_fresh_process(name: str, *args: Any) -> dict[str, Any]:
    """Run phase ``name`` in a new interpreter; stop it if we are interrupted."""
    ctx = multiprocessing.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, name, args))
    proc.start()
    try:
        status, value = parent.recv()
        proc.join()
    finally:
        if proc.is_alive():
            proc.terminate()
            proc.join(10)
    if status != "ok":
        raise RuntimeError(f"{name}{args[:2]} failed: {value}")
    print(f"  {name} {args[0]}: " + json.dumps({k: v for k, v in value.items()
                                                  if k != "notations"}), file=sys.stderr,
          flush=True)
    return value


def _workdir(n: int) -> Path:
    need = n * 12000 + (2 << 30)  # the plain and the encrypted catalog, with room to spare
    shm = Path("/dev/shm")
    base = shm if shm.is_dir() and shutil.disk_usage(shm).free > need else Path("/tmp")
    return Path(tempfile.mkdtemp(prefix="bench_search_", dir=base))


def _stop(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)  # runs the finally blocks: the catalogs are deleted


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a table."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pages", type=int, default=1_000_000)
    ap.add_argument("--sample", type=int, default=100_000,
                    help="pages of the from-scratch encrypted and plain index build")
    args = ap.parse_args(argv)
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _stop)
    work = _workdir(args.pages)
    started = time.time()
    try:
        plain, enc = work / "plain.db", work / "sqlcipher.db"
        big = _in_fresh_process("phase_build", "plain", plain, args.pages, enc)
        queries = {kind: _in_fresh_process("phase_queries", kind, path, big["notations"])
                   for kind, path in (("plain", plain), ("sqlcipher", enc),
                                      ("sqlcipher-memsec-on", enc))}
        for p in work.glob("*.db*"):
            p.unlink()
        samples = {kind: _in_fresh_process("phase_build", kind, work / f"s_{kind}.db",
                                           args.sample)
                   for kind in ("sqlcipher", "plain")}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    _report(args, work, big, queries, samples, time.time() - started)
    return 0


def _report(args: argparse.Namespace, work: Path, big: dict[str, Any],
            queries: dict[str, dict[str, Any]], samples: dict[str, dict[str, Any]],
            elapsed: float) -> None:
    print(f"search benchmark: {args.pages:,} pages (~300 words each), 200 queries, "
          f"{os.cpu_count()} cores, work dir {work.parent} (deleted), {elapsed / 60:.0f} min, "
          f"load average now {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"index columns {', '.join(FTS_COLUMNS)}; ranked window {RANK_WINDOW} newest matches")
    print("\nindex build (pages/s; wall, process CPU, the final full merge included; mean 1-min "
          f"load average during the build); then {INCREMENTAL_PAGES:,} pages stored a dossier at "
          "a time (index_pages + bounded merge); segments: after the bulk write -> at the end")
    rows = [(f"plain, {big['pages']:,} pages", big)] + [
        (f"{k}, {v['pages']:,} pages (sample)", v) for k, v in samples.items()]
    print(f"{'catalog':>36} | {'wall':>7} | {'cpu':>7} | {'load':>5} | "
          f"{'per dossier wall/cpu':>21} | {'bytes/page':>10} | {'index B/page':>12} | "
          f"{'merge s':>7} | {'segments':>13}")
    for label, r in rows:
        print(f"{label:>36} | {r['index_rate']:7.0f} | {r['index_rate_cpu']:7.0f} | "
              f"{r['index_load']:5.2f} | {r['incr_rate']:9.0f} / {r['incr_rate_cpu']:9.0f} | "
              f"{r['size_page']:10.0f} | {r['index_page']:12.0f} | {r['merge_s']:7.0f} | "
              f"{r['segments_before_merge']:5} -> {r['segments']:3}")
    print(f"{args.pages:,}-page encrypted copy (sqlcipher_export, {big['export_s']:.0f} s): "
          f"{big['enc_size_page']:.0f} bytes/page")
    print("\nquery latency, ms (wall, and CPU time of the searching thread; load = mean 1-min "
          "load average)")
    cols = ("p50", "p95", "p99", "max", "cpu_p50", "cpu_p95", "cpu_p99", "cpu_max", "broad", "load")
    print(f"{'catalog':>28} | " + " | ".join(f"{c:>7}" for c in cols))
    for kind, q in queries.items():
        for run in ("first", "repeat"):
            print(f"{kind + ' ' + run:>28} | " + " | ".join(
                f"{q[run][c]:7.1f}" if isinstance(q[run][c], float) else f"{q[run][c]:7}"
                for c in cols))
    print("\nper kind of query, SQLCipher catalog, ms (first run / repeat)")
    first = queries["sqlcipher"]["first"]["by_kind"]
    repeat = queries["sqlcipher"]["repeat"]["by_kind"]
    print(f"{'kind':>18} | {'n':>3} | {'p50':>13} | {'p95':>13} | {'max':>13} | "
          "slowest (first run)")
    for kind, f in first.items():
        r = repeat[kind]
        print(f"{kind:>18} | {f['n']:3} | {f['p50']:5.1f} / {r['p50']:5.1f} | "
              f"{f['p95']:5.1f} / {r['p95']:5.1f} | {f['max']:5.1f} / {r['max']:5.1f} | "
              f"{f['slowest'][:60]}")
    p, e = queries["plain"], queries["sqlcipher"]
    s_enc, s_plain = samples["sqlcipher"], samples["plain"]
    print(f"\nencryption cost: index build x{s_plain['index_rate'] / s_enc['index_rate']:.2f} "
          f"wall, x{s_plain['index_rate_cpu'] / s_enc['index_rate_cpu']:.2f} CPU (samples); "
          + ", ".join(f"{run} p95 x{e[run]['p95'] / p[run]['p95']:.2f} / p99 "
                      f"x{e[run]['p99'] / p[run]['p99']:.2f} wall, cpu p95 "
                      f"x{e[run]['cpu_p95'] / p[run]['cpu_p95']:.2f}"
                      for run in ("first", "repeat")))
    print(f"broad = queries with more than {RANK_WINDOW} matches (ranked within the newest "
          f"{RANK_WINDOW}); first = every query's first run on a freshly opened catalog")


if __name__ == "__main__":
    raise SystemExit(main())
