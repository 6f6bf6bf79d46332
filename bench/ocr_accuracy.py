"""OCR accuracy of `digitize` against raw ``tesseract IMG - -l vie``, side by side in one run.

Run: ``.venv/bin/python -m bench.ocr_accuracy [--jobs N] [--sets real,clean,degraded]``.
Sets: (a) the real pages of ../shared/testdata/real-vi (strict CER/WER: the truth is in reading
order); (b) pages rendered from Vietnamese text and degraded by ``tests/degrade.py``; (c) the
same pages clean. (b) and (c) use block-order-insensitive CER/WER (each truth line matched to
its best stretch of the output), because side-by-side blocks have no single true order.
`digitize` = ``digitize.clean.clean_page`` (when present) + ``ocr.recognize``; ``--no-clean``
measures OCR alone.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image

from ocr import metrics, recognize
from ocr.postcorrect.normalize import split_token
from ocr.ramdir import ram_dir

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "testdata" / "real-vi"


@dataclass
class Score:
    """Summed error counts of one system on one set."""

    ce: int = 0
    cn: int = 0
    we: int = 0
    wn: int = 0
    fe: int = 0
    fixed: int = 0
    false: int = 0
    worst: float = 0.0
    worst_page: str = ""
    seconds: float = 0.0
    pages: list[tuple[str, float]] = field(default_factory=list)

    def add(self, name: str, hyp: str, ref: str, strict: bool) -> None:
        c = metrics.cer if strict else metrics.aligned_cer
        w = metrics.wer if strict else metrics.aligned_wer
        ce, cn = c(hyp, ref)
        we, wn = w(hyp, ref)
        fe, _ = c(hyp, ref, fold=True)
        self.ce, self.cn, self.we, self.wn, self.fe = (self.ce + ce, self.cn + cn, self.we + we,
                                                       self.wn + wn, self.fe + fe)
        rate = ce / max(1, cn)
        self.pages.append((name, rate))
        if rate >= self.worst:
            self.worst, self.worst_page = rate, name


def _raw_tesseract(image: np.ndarray, path: Path | None) -> str:
    """Exactly ``tesseract IMG - -l vie`` (the image written as PNG to a RAM folder if needed)."""
    with ram_dir("bench-raw-") as tmp:
        if path is None:
            path = tmp / "page.png"
            Image.fromarray(image).save(path)
        out = subprocess.run(["tesseract", str(path), "-", "-l", "vie"], capture_output=True,
                             env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"}, check=True)
    return out.stdout.decode("utf-8", "replace")


def _cleaner(enabled: bool
             ) -> Callable[[np.ndarray, int], tuple[np.ndarray, int, float | None]] | None:
    if not enabled:
        return None
    try:
        from digitize.clean import clean_page  # type: ignore[attr-defined]
    except ImportError:
        return None

    def run(img: np.ndarray, dpi: int) -> tuple[np.ndarray, int, float | None]:
        res = clean_page(img, dpi=dpi)
        # the letters' x-height sets the enlargement of low-resolution pages, as in the CLI
        return res.ocr, int(getattr(res, "dpi", dpi) or dpi), getattr(res, "x_height", None)
    return run


def _count_corrections(page, ref: str) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """(good, false) corrections: changed words whose new/old form is a truth word."""
    truth = {split_token(t)[1] for t in ref.split()}
    good = false = 0
    for w in page.words:
        if not w.raw:
            continue
        old, new = split_token(w.raw)[1], split_token(w.text)[1]
        if old in truth and new not in truth:
            false += 1
        elif new in truth and old not in truth:
            good += 1
    return good, false


def _real_pages() -> list[tuple[str, np.ndarray, int, str, Path]]:
    out = []
    for gt in sorted(REAL.glob("*/*.gt.txt")):
        stem = gt.name[:-7]
        img_path = next(p for p in gt.parent.iterdir()
                        if p.name.startswith(stem + ".") and not p.name.endswith(".txt"))
        im = Image.open(img_path)
        dpi = round(float(im.info.get("dpi", (300, 300))[0]))
        arr = np.asarray(im.convert("L" if im.mode in ("1", "L", "P") else "RGB"))
        out.append((stem, arr, dpi, gt.read_text("utf-8"), img_path))
    return out


def _synthetic_pages(degraded: bool) -> list[tuple[str, np.ndarray, int, str, Path | None]]:
    sys.path.insert(0, str(ROOT))
    from tests import degrade

    out: list[tuple[str, np.ndarray, int, str, Path | None]] = []
    for i, (name, img, p) in enumerate(degrade.degrade_set(0)):
        if degraded:
            out.append((name, img, int(p["dpi"]), p["text"], None))
        else:
            dpi = 300 if name == "downscaled_jpeg" else int(p["dpi"])
            clean, text = degrade._page(i, dpi, p["family"], p["size_pt"], p["kind"])
            out.append((name, clean, dpi, text, None))
    return out


def run_set(label: str, pages: list, strict: bool, clean: Callable | None,  # type: ignore[type-arg]
            jobs: int, lang: str = "vie") -> tuple[Score, Score]:
    """Score raw Tesseract and digitize on ``pages``; print per-page lines."""
    raw, ours = Score(), Score()

    def one(item):  # type: ignore[no-untyped-def]
        name, img, dpi, ref, path = item
        t0 = time.perf_counter()
        r = _raw_tesseract(img, path)
        t1 = time.perf_counter()
        img2, dpi2, xh = clean(img, dpi) if clean else (img, dpi, None)
        page = recognize(img2, dpi=dpi2, lang=lang, x_height=xh)
        t2 = time.perf_counter()
        return name, ref, r, page, t1 - t0, t2 - t1

    with ThreadPoolExecutor(jobs) as ex:
        for name, ref, r, page, tr, to in ex.map(one, pages):
            raw.add(name, r, ref, strict)
            ours.add(name, page.text, ref, strict)
            raw.seconds += tr
            ours.seconds += to
            good, false = _count_corrections(page, ref)
            ours.fixed += good
            ours.false += false
            print(f"  {label:13s} {name:28s} raw {raw.pages[-1][1]:7.2%}  digitize "
                  f"{ours.pages[-1][1]:7.2%}  corrections {page.corrections} "
                  f"(good {good}, false {false})", flush=True)
    return raw, ours


def main(argv: list[str] | None = None) -> int:
    """Run the sets and print the table."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--sets", default="real,real-ocr-only,clean,degraded",
                    help="real (clean_page + OCR), real-ocr-only, clean, degraded")
    ap.add_argument("--no-clean", action="store_true", help="OCR alone, without digitize.clean")
    ap.add_argument("--lang", default="vie", help="digitize's Tesseract languages (vie+eng)")
    args = ap.parse_args(argv)
    clean = _cleaner(not args.no_clean)
    print(f"digitize pipeline: {'clean_page + ' if clean else ''}ocr.recognize ({args.lang})")
    rows = []
    for s in args.sets.split(","):
        if s.startswith("real"):
            pages, strict = _real_pages(), True
        else:
            pages, strict = _synthetic_pages(s == "degraded"), False
        raw, ours = run_set(s, pages, strict, None if s.endswith("ocr-only") else clean,
                            args.jobs, args.lang)
        rows.append((s, len(pages), raw, ours))
    print()
    print(f"{'set':13s} {'pages':>5s} {'system':9s} {'CER':>7s} {'WER':>7s} {'CER-nodia':>9s} "
          f"{'worst page':>24s} {'fixed':>5s} {'false':>5s} {'s/page':>6s}")
    for s, n, raw, ours in rows:
        for label, sc in (("raw", raw), ("digitize", ours)):
            fixed = str(sc.fixed) if label == "digitize" else "-"
            false = str(sc.false) if label == "digitize" else "-"
            print(f"{s:13s} {n:5d} {label:9s} {sc.ce / max(1, sc.cn):7.2%} "
                  f"{sc.we / max(1, sc.wn):7.2%} {sc.fe / max(1, sc.cn):9.2%} "
                  f"{sc.worst_page[:15]:>15s} {sc.worst:7.2%} {fixed:>5s} {false:>5s} "
                  f"{sc.seconds / max(1, n):6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
