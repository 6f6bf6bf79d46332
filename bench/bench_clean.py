"""Cleaning benchmark: milliseconds per A4 300 dpi page on one core, peak memory, step costs.

Run: ``.venv/bin/python -m bench.bench_clean [--quick] [--no-ocr]``; ``--accuracy [SEED ...]``
prints Tesseract's character error rate without and with cleaning on the degraded set instead.
Pages are synthetic (``digitize.devtools.sample``), degraded in memory; nothing is written to disk.
Timings are also given as ratios to references measured in the same process (an RGB-to-gray
conversion of the same page, and Tesseract on the same page), so a loaded machine still gives
comparable figures.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
import tracemalloc
from collections.abc import Callable

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

import cv2  # noqa: E402
import numpy as np  # noqa: E402

from digitize import sample  # noqa: E402
from digitize.clean import CleanProfile, clean_page  # noqa: E402
from digitize.clean.analysis import analyse  # noqa: E402
from digitize.clean.deskew import line_angle, rotate_page  # noqa: E402
from digitize.clean.illumination import background, flatten_background  # noqa: E402
from tests import degrade  # noqa: E402

MB = 1 << 20


def _median_ms(fn: Callable[[], object], runs: int) -> float:
    return _timed(fn, runs)[0]


def _timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median wall-clock and median CPU milliseconds of ``fn`` (process CPU time).

    With one OpenCV thread the CPU time is the one-core cost, unaffected by other work on a
    shared machine; CPU above wall time would mean more than one core was used.
    """
    fn()  # warm up (caches, lazy imports)
    wall, cpu = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        fn()
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - t)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000


def _peak_mb(fn: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / MB
    finally:
        tracemalloc.stop()


def _pages() -> list[tuple[str, np.ndarray]]:
    doc = sample.make_document(7, party=False)
    page = sample.render_document(doc, dpi=300, family="liberation-serif", size_pt=13.5)
    photo, _ = degrade.perspective(page, seed=1)
    return [
        ("straight", page),
        ("skew 2.3°", degrade.skew(page, 2.3)),
        ("upside down +1°", degrade.rotate90(degrade.skew(page, 1.0), 2)),
        ("scanner border", degrade.add_scanner_border(page, seed=2)),
        ("book shadow", degrade.uneven_shadow(page, 0.85, seed=3)),
        ("speckled", degrade.salt_pepper(page, 0.004, seed=4)),
        ("phone photo", photo),
    ]


def _warp_affine(page: np.ndarray, deg: float) -> np.ndarray:
    """OpenCV's own warpAffine of the whole page (what rotate_page did before strip remap)."""
    h, w = page.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2.0, h / 2.0), deg, 1.0)
    return cv2.warpAffine(page, m, (w, h), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_REPLICATE)


def _steps(page: np.ndarray, runs: int) -> list[tuple[str, tuple[float, float]]]:
    gray = cv2.cvtColor(page, cv2.COLOR_RGB2GRAY)
    an = analyse(gray, 300)
    bg = background(gray, 300)
    return [
        ("to gray (reference)", _timed(lambda: cv2.cvtColor(page, cv2.COLOR_RGB2GRAY), runs)),
        ("analyse (100 dpi + ink)", _timed(lambda: analyse(gray, 300), runs)),
        ("line angle + orientation", _timed(lambda: line_angle(an.ink), runs)),
        ("rotate RGB 2.3° (strip remap)", _timed(lambda: rotate_page(page, 2.3), runs)),
        ("rotate RGB 2.3° (warpAffine)", _timed(lambda: _warp_affine(page, 2.3), runs)),
        ("rotate gray 2.3°", _timed(lambda: rotate_page(gray, 2.3), runs)),
        ("background estimate", _timed(lambda: background(gray, 300), runs)),
        ("flatten (divide)", _timed(lambda: flatten_background(gray, bg), runs)),
        ("median 3x3", _timed(lambda: cv2.medianBlur(gray, 3), runs)),
    ]


def _ocr_ms(page: np.ndarray) -> float:
    from ocr.engine import recognize

    t = time.perf_counter()
    recognize(page, lang="vie", dpi=300, correct=False)
    return (time.perf_counter() - t) * 1000


def accuracy(seeds: list[int]) -> None:
    """Print Tesseract's character error rate without and with cleaning on the degraded set."""
    from concurrent.futures import ThreadPoolExecutor

    from ocr.engine import recognize
    from tests.degrade import degrade_set, page_cer

    def one(item: tuple[str, np.ndarray, dict]) -> tuple[str, float, float]:
        name, img, p = item
        raw = recognize(img, lang="vie", dpi=p["dpi"], correct=False).text
        ocr = clean_page(img, dpi=p["dpi"]).ocr
        cleaned = recognize(ocr, lang="vie", dpi=p["dpi"], correct=False).text
        return name, page_cer(p["text"], raw), page_cer(p["text"], cleaned)

    print(f"\n{'page':22s} {'raw CER':>8s} {'cleaned':>8s}")
    raws, cleans = [], []
    for seed in seeds:
        with ThreadPoolExecutor(2) as pool:
            for name, r, c in pool.map(one, degrade_set(seed)):
                print(f"{name + f' #{seed}':22s} {100 * r:7.2f}% {100 * c:7.2f}%")
                raws.append(r)
                cleans.append(c)
    print(f"{'mean':22s} {100 * statistics.mean(raws):7.2f}% {100 * statistics.mean(cleans):7.2f}%")
    print(f"{'worst page':22s} {100 * max(raws):7.2f}% {100 * max(cleans):7.2f}%")


def main(argv: list[str] | None = None) -> None:
    """Print the benchmark tables."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true", help="fewer runs")
    ap.add_argument("--no-ocr", action="store_true", help="skip the Tesseract reference")
    ap.add_argument("--accuracy", type=int, nargs="*", metavar="SEED",
                    help="only the OCR accuracy table over degrade_set(SEED...) (default 0)")
    args = ap.parse_args(argv)
    if args.accuracy is not None:
        accuracy(args.accuracy or [0])
        return
    cv2.setNumThreads(1)
    runs = 3 if args.quick else 7
    pages = _pages()
    ref = _median_ms(lambda: cv2.cvtColor(pages[0][1], cv2.COLOR_RGB2GRAY), runs)
    ocr = None if args.no_ocr else _ocr_ms(pages[0][1])
    print("Cleaning one A4 page at 300 dpi (2481x3507 RGB, 26 MB) on one core "
          f"(cv2 threads: {cv2.getNumThreads()})")
    print(f"reference: RGB->gray of the page {ref:.1f} ms"
          + ("" if ocr is None else f"; Tesseract (vie) on the page {ocr:.0f} ms"))
    print()
    head = (f"{'page':18s} {'ms':>7s} {'cpu ms':>7s} {'x gray':>7s} {'% of OCR':>9s} "
            f"{'peak MB':>8s}  steps")
    print(head)
    print("-" * len(head))
    total, total_cpu = [], []
    for name, img in pages:
        ms, cpu = _timed(lambda img=img: clean_page(img, dpi=300), runs)
        peak = _peak_mb(lambda img=img: clean_page(img, dpi=300))
        steps = ",".join(h["step"] for h in clean_page(img, dpi=300).history)
        share = "" if ocr is None else f"{100 * ms / ocr:8.1f}%"
        print(f"{name:18s} {ms:7.0f} {cpu:7.0f} {ms / ref:7.1f} {share:>9s} {peak:8.0f}  {steps}")
        total.append(ms)
        total_cpu.append(cpu)
    print("-" * len(head))
    print(f"{'median':18s} {statistics.median(total):7.0f} {statistics.median(total_cpu):7.0f} "
          f"{statistics.median(total) / ref:7.1f}")
    print(f"{'worst':18s} {max(total):7.0f} {max(total_cpu):7.0f} {max(total) / ref:7.1f}")
    geo = CleanProfile(illumination=False, despeckle=False, punch_holes=False)
    ms_geo, cpu_geo = _timed(lambda: clean_page(pages[1][1], dpi=300, profile=geo), runs)
    print(f"{'skew, geometry only':18s} {ms_geo:7.0f} {cpu_geo:7.0f} {ms_geo / ref:7.1f}")
    print()
    print(f"{'step (skewed page)':30s} {'ms':>7s} {'cpu ms':>7s} {'x gray':>7s}")
    for name, (ms, cpu) in _steps(pages[1][1], runs):
        print(f"{name:30s} {ms:7.1f} {cpu:7.1f} {ms / ref:7.1f}")
    print("\nms: wall clock; cpu ms: process CPU time (one core; steady on a loaded machine)")
    print("peak MB: Python/numpy allocations during one call (tracemalloc), input excluded")


if __name__ == "__main__":
    main()
