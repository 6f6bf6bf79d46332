"""OCR throughput: 20 A4 pages at 300 dpi end to end (clean + OCR + PDF/A) against the ceiling.

Run: ``.venv/bin/python -m bench.bench_ocr [--pages N] [--jobs J] [--ocrmypdf PATH]``.

* ceiling: raw single-threaded ``tesseract IMG - -l vie`` time summed over the pages, divided
  by the cores — what perfect parallelism of bare Tesseract would reach;
* digitize pipeline: the product's own page work
  (:func:`digitize.pipeline.pagework.work_page`: decode,
  clean, OCR + post-correction, secrecy check, archive JPEG) in its worker-process pool, then
  the PDF/A assembled from the archived JPEGs as ``seal`` does; also OCR + PDF alone
  (``ocr.pool.OcrPool``, no cleaning);
* ocrmypdf: ``ocrmypdf --deskew --clean -l vie --jobs J`` on a PDF of the same page images, if
  an ``ocrmypdf`` executable is found (a throwaway venv, never a project dependency).
Peak memory is sampled every 100 ms during each run (a sample costs ~2.5 ms of CPU, taken
from the run being measured): this process plus its descendants (Tesseract, page workers,
OCRmyPDF and its workers), proportional set size summed. CPU
seconds (this process + children) are printed too: on a shared, loaded machine wall times
swing, while CPU per page shows the work each run really does.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from PIL import Image

from ocr.pdf import PdfPage, build_pdf, encode_image
from ocr.pdfa import check_pdfa
from ocr.pool import OcrPool, default_jobs
from ocr.ramdir import ram_dir

ROOT = Path(__file__).resolve().parent.parent


def _pages(n: int) -> list[bytes]:
    """``n`` rendered NĐ 30 pages at 300 dpi, slightly skewed like scans, as PNG bytes."""
    sys.path.insert(0, str(ROOT))
    from digitize.devtools import sample
    from tests import degrade

    fams = list(sample.FONT_FILES)
    out = []
    for i in range(n):
        doc = sample.make_document(500 + i)
        img = sample.render_document(doc, dpi=300, family=fams[i % len(fams)],
                                     size_pt=13 + (i % 2) * 0.5)
        img = degrade.skew(img, (-1) ** i * (0.4 + 0.1 * (i % 5)))
        buf = io.BytesIO()
        Image.fromarray(img).save(buf, "PNG", compress_level=1)
        out.append(buf.getvalue())
    return out


def _decode(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def _descendants(pid: int) -> list[int]:
    """Live descendants of ``pid`` (Linux /proc)."""
    kids: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                kids.setdefault(int(fields[1]), []).append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    out, todo = [], list(kids.get(pid, []))
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, []))
    return out


def _rss_tree(pid: int) -> int:
    """Memory of ``pid`` and all its descendants (Linux /proc): proportional set size (shared
    pages split between the processes sharing them: forked page workers share the fork
    server's libraries), resident set size where PSS cannot be read."""
    total = 0
    page = os.sysconf("SC_PAGE_SIZE")
    for p in [pid, *_descendants(pid)]:
        try:
            rollup = Path(f"/proc/{p}/smaps_rollup").read_text()
            total += next(int(ln.split()[1]) * 1024 for ln in rollup.splitlines()
                          if ln.startswith("Pss:"))
            continue
        except (OSError, StopIteration, IndexError, ValueError):
            pass
        try:
            total += int(Path(f"/proc/{p}/statm").read_text().split()[1]) * page
        except (OSError, IndexError, ValueError):
            pass
    return total


class PeakMemory:
    """Sample the resident memory of this process tree while a run goes on."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.1):
            self.peak = max(self.peak, _rss_tree(os.getpid()))

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _cpu() -> float:
    """CPU seconds of this process, its reaped children, and every live descendant with the
    children it reaped (the pipeline's fork server outlives its workers and reaps them)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime
    tick = os.sysconf("SC_CLK_TCK")
    for pid in _descendants(os.getpid()):
        try:
            f = (Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split())
            total += sum(int(x) for x in f[11:15]) / tick  # utime stime cutime cstime
        except (OSError, IndexError, ValueError):
            continue
    return total


def ceiling(pngs: list[bytes], tmp: Path, cores: int) -> tuple[float, float]:
    """Summed single-threaded raw Tesseract seconds, and that sum divided by ``cores``."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    total = 0.0
    for i, png in enumerate(pngs):
        path = tmp / f"p{i}.png"
        path.write_bytes(png)
        t0 = time.perf_counter()
        subprocess.run(["tesseract", str(path), "-", "-l", "vie"], capture_output=True,
                       env=env, check=True)
        total += time.perf_counter() - t0
        path.unlink()
    return total, total / cores


def digitize_run(pngs: list[bytes], jobs: int, clean: bool) -> tuple[float, int, str]:
    """Seconds for OCR + PDF of all pages (``clean=False``: OCR pool only, no cleaning), or
    for the product's page work + PDF (``clean=True``), the PDF size and PDF/A problems.

    ``clean=True`` runs exactly what ``digitize process`` runs per page — decode, clean, OCR
    with post-correction, secrecy check, archive JPEG — in the pipeline's worker pool
    (:func:`digitize.pipeline.pagework.page_pool`, process start included), at most
    ``2 × jobs`` pages
    in flight, then assembles the PDF from the archived JPEGs as sealing does.
    """
    t0 = time.perf_counter()
    if clean:
        from digitize.pipeline.pagework import page_pool, work_page
        from ocr.pdf import jpeg_image

        outs = []
        with page_pool(jobs, len(pngs)) as pool:
            window: list = []
            for png in pngs:
                window.append(pool.submit(work_page, png, 300, "vie", None))
                if len(window) >= 2 * jobs:
                    outs.append(window.pop(0).result())
            outs += [f.result() for f in window]
        pages = [PdfPage(jpeg_image(o.archive) or _decode(o.archive), 300, o.page)
                 for o in outs]
    else:
        archive: list = []

        def source() -> Iterator[tuple[np.ndarray, int]]:
            for png in pngs:
                img = _decode(png)
                archive.append(encode_image(img))
                yield img, 300

        ocr_pages = list(OcrPool(jobs).map(source()))
        pages = [PdfPage(a, 300, o) for a, o in zip(archive, ocr_pages, strict=True)]
    pdf = build_pdf(pages, title="Hồ sơ thử nghiệm", author="digitize bench")
    seconds = time.perf_counter() - t0
    return seconds, len(pdf), "; ".join(check_pdfa(pdf)) or "ok"


def ocrmypdf_run(exe: str, pngs: list[bytes], tmp: Path, jobs: int) -> tuple[float, str]:
    """Seconds for ``ocrmypdf --deskew --clean -l vie`` on a PDF of the pages."""
    src, out = tmp / "in.pdf", tmp / "out.pdf"
    src.write_bytes(build_pdf([PdfPage(_decode(p), 300) for p in pngs], title="in"))
    t0 = time.perf_counter()
    proc = subprocess.run([exe, "--deskew", "--clean", "-l", "vie", "--jobs", str(jobs),
                           "--output-type", "pdfa-2", str(src), str(out)],
                          capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - t0
    status = "ok" if proc.returncode == 0 else f"exit {proc.returncode}: {proc.stderr[-200:]}"
    return seconds, status


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pages", type=int, default=20)
    ap.add_argument("--jobs", type=int, default=default_jobs())
    ap.add_argument("--ocrmypdf", default=shutil.which("ocrmypdf")
                    or ("/tmp/ocrmypdf-venv/bin/ocrmypdf"
                        if Path("/tmp/ocrmypdf-venv/bin/ocrmypdf").exists() else None))
    ap.add_argument("--no-clean", action="store_true")
    args = ap.parse_args(argv)
    n, cores = args.pages, default_jobs()
    print(f"rendering {n} A4 pages at 300 dpi ...", flush=True)
    pngs = _pages(n)
    rows: list[tuple[str, float, float, float, str]] = []
    load0 = os.getloadavg()[0]

    def measure(name: str, fn) -> None:  # type: ignore[no-untyped-def]
        c0 = _cpu()
        with PeakMemory() as mem:
            sec, note = fn()
        rows.append((name, sec, _cpu() - c0, mem.peak / 2**20, note))

    def ours(clean: bool):  # type: ignore[no-untyped-def]
        def run():  # type: ignore[no-untyped-def]
            sec, size, status = digitize_run(pngs, args.jobs, clean=clean)
            return sec, f"PDF {size / 1e6:.1f} MB, PDF/A {status}"
        return run

    with ram_dir("bench-ocr-") as tmp:
        raw_sum = [0.0]

        def raw():  # type: ignore[no-untyped-def]
            raw_sum[0], ceil = ceiling(pngs, tmp, cores)
            return ceil, ""
        measure("ceiling (raw tesseract, 1 thread, / cores)", raw)
        ceil = rows[0][1]
        measure("digitize OCR + PDF (no clean)", ours(False))
        if not args.no_clean:
            measure("digitize pipeline: clean + OCR + PDF", ours(True))
        if args.ocrmypdf:
            measure("ocrmypdf --deskew --clean -l vie",
                    lambda: ocrmypdf_run(args.ocrmypdf, pngs, tmp, args.jobs))
        else:
            rows.append(("ocrmypdf", float("nan"), float("nan"), float("nan"), "not installed"))
    print(f"\n{n} pages, {args.jobs} jobs, {cores} cores, load average {load0:.1f} -> "
          f"{os.getloadavg()[0]:.1f}; raw tesseract summed {raw_sum[0]:.1f} s")
    print(f"{'run':44s} {'seconds':>8s} {'pages/min':>9s} {'% ceiling':>9s} {'CPU s/page':>10s}"
          f" {'CPU eff.':>8s} {'peak MB':>8s}  notes")
    raw_cpu = rows[0][2]
    for name, sec, cpu, mem, note in rows:
        ppm = n / sec * 60 if sec == sec else float("nan")
        pct = ceil / sec * 100 if sec == sec else float("nan")
        eff = raw_cpu / cpu * 100 if cpu == cpu and cpu else float("nan")
        print(f"{name:44s} {sec:8.1f} {ppm:9.1f} {pct:8.0f}% {cpu / n:10.2f} {eff:7.0f}% "
              f"{mem:8.0f}  {note}")
    print("CPU eff. = raw Tesseract CPU / the run's CPU: the share of the ceiling a run reaches "
          "on an idle machine if it keeps every core busy.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
