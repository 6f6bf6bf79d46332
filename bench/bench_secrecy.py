"""Secrecy gate: recall on marked pages, false alarms on look-alikes, and what it costs.

Run: ``.venv/bin/python -m bench.bench_secrecy [--jobs J] [--no-page-ocr] [--only TEXT] [-v]``.
Builds the corpus of :mod:`bench.secrecy_corpus` (marks stamped on rendered pages and on the
real scans of ``testdata/real-vi-2``), runs each page as the pipeline does (clean → OCR →
:func:`digitize.pipeline.pagework.gate`, the page worker's own gate) and
prints per-variant results, recall, the false-alarm rate and the gate's time against OCR's.
``--no-page-ocr`` runs the gate on the image alone (every candidate read), for quick checks.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from bench.secrecy_corpus import Case, build, cases

__all__ = ["Result", "main", "run_case"]


@dataclass(frozen=True)
class Result:
    """What the gate said about one corpus page, and the time it took."""

    case: Case
    level: str
    evidence: str
    doubt: bool
    gate_s: float
    ocr_s: float


def run_case(case: Case, page_ocr: bool = True) -> Result:
    """Build one page and judge it as the page worker does."""
    from dataclasses import replace

    from digitize.clean import clean_page
    from digitize.metadata.secrecy_gate import check_page, tesseract_reader
    from digitize.pipeline.pagework import gate
    from ocr import libtess
    from ocr.engine import recognize, upright

    libtess.enable()
    image, dpi = build(case)
    t0 = time.perf_counter()
    if page_ocr:  # exactly what the page worker does (pagework.work_page)
        cleaned = clean_page(image, dpi=dpi)
        page = recognize(cleaned.ocr, lang="vie", dpi=dpi)
        archive, history = cleaned.archive, list(cleaned.history)
        if page.rotation:
            archive = upright(archive, page)
            history.append({"step": "ocr_orientation", "rotation": page.rotation})
            page = replace(page, rotation=0)
        t1 = time.perf_counter()
        found = gate(image, archive, page, history, dpi, tesseract_reader("vie"))
    else:
        t1 = time.perf_counter()
        found = check_page(image, dpi)
    t2 = time.perf_counter()
    return Result(case, found.level if found else "", found.evidence if found else "",
                  bool(found and found.doubt), t2 - t1, t1 - t0)


def _table(results: list[Result]) -> None:
    by: dict[str, list[Result]] = defaultdict(list)
    for r in results:
        by[("M " if r.case.expect else "L ") + r.case.variant].append(r)
    print(f"{'variant':44} {'pages':>5} {'refused':>7} {'right level':>11}")
    for name, rs in by.items():
        refused = sum(bool(r.level) for r in rs)
        right = sum(r.level == r.case.expect for r in rs if r.case.expect)
        print(f"{name[:44]:44} {len(rs):5d} {refused:7d} "
              f"{(str(right) if rs[0].case.expect else '-'):>11}")
    marked = [r for r in results if r.case.expect]
    clear = [r for r in results if not r.case.expect]
    hit = sum(bool(r.level) for r in marked)
    fa = sum(bool(r.level) for r in clear)
    print(f"\nrecall: {hit}/{len(marked)} = {100 * hit / max(1, len(marked)):.1f} %   "
          f"false alarms: {fa}/{len(clear)} = {100 * fa / max(1, len(clear)):.1f} %")
    plain = [r for r in clear]
    if plain:
        g = sum(r.gate_s for r in plain) / len(plain)
        o = sum(r.ocr_s for r in plain) / len(plain)
        ratio = f" = {100 * g / o:.0f} % of clean+OCR ({o:.2f} s)" if o else ""
        print(f"gate time on unmarked pages: {g:.2f} s/page{ratio}")


def main(argv: list[str] | None = None) -> int:
    """Run the bench; exit 1 when recall < 100 % or false alarms > 1 %."""
    ap = argparse.ArgumentParser(prog="bench.bench_secrecy")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--no-page-ocr", action="store_true")
    ap.add_argument("--only", default="", help="only cases whose variant contains this")
    ap.add_argument("-v", action="store_true", help="print every page's finding")
    args = ap.parse_args(argv if argv is not None else sys.argv[1:])
    todo = [c for c in cases() if args.only in c.variant]
    marked = sum(bool(c.expect) for c in todo)
    print(f"{len(todo)} pages: {marked} marked, {len(todo) - marked} look-alikes/unmarked")
    t0 = time.perf_counter()
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(run_case, todo, [not args.no_page_ocr] * len(todo)))
    if args.v:
        for r in results:
            ok = bool(r.level) == bool(r.case.expect)
            print(f"{'ok ' if ok else 'BAD'} {r.case.name} {r.case.base:42} {r.case.variant:34} "
                  f"-> {r.level or '-':10} {r.evidence[:70]}")
    _table(results)
    print(f"total {time.perf_counter() - t0:.0f} s")
    marked_r = [r for r in results if r.case.expect]
    clear = [r for r in results if not r.case.expect]
    missed = sum(not r.level for r in marked_r)
    fa = sum(bool(r.level) for r in clear)
    return 0 if missed == 0 and fa <= 0.01 * max(1, len(clear)) else 1


if __name__ == "__main__":
    raise SystemExit(main())
