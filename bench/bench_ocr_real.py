"""OCR on real scans: `digitize ocr` against raw ``tesseract FILE - -l vie``, in one run.

Run: ``.venv/bin/python -m bench.bench_ocr_real [--sets real-vi,real-vi-2,bilevel,lowres]
[--only SUBSTRING] [--jobs N] [--json OUT]``.

Sets (ground truth typed from the page images, see each folder's README/SOURCES):

* ``real-vi``: the scored pages of ``../shared/testdata/real-vi``;
* ``real-vi-2``: the 18 real office scans of ``../shared/testdata/real-vi-2``;
* ``bilevel``: every other ``real-vi-2`` page as a scanner's black-and-white mode writes it:
  resampled to 300 or 200 dpi (alternately), thresholded to 1 bit (Otsu), CCITT G4 TIFF
  with its dpi tag;
* ``lowres``: the other ``real-vi-2`` pages downscaled to 70-100 dpi as a web page or a
  mail client would, JPEG with no dpi tag (the importer must guess the resolution);
* ``photo``: every third ``real-vi-2`` page as a phone photographs it on a desk (slant,
  light from one side, a little out of focus, noise; JPEG tagged 72 dpi), see
  :func:`_make_photo` (real-vi holds one real phone photo, a small book page).

The variants are made at run time in ``/tmp/ocr-real-variants`` (the real pages are never
copied into the repo). Raw Tesseract reads exactly the file given to ``digitize``; its texts
are cached in ``/tmp/ocr-real-cache`` by file content (``--no-cache`` to redo them).
``digitize`` = what ``digitize ocr FILE`` runs: the importer (format, true resolution), then
:func:`digitize.pipeline.ocrjob.ocr_pages` (clean + OCR + post-correction).

Scores: CER and WER in the ground truth's reading order (left block first, tables row by row),
and order-free WER (each truth line matched to its best stretch of the output: reading, not
order). "mean" is the mean of the page rates; "pooled" sums errors over the set first.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from ocr import metrics

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "testdata"
VARIANTS = Path("/tmp/ocr-real-variants")
CACHE = Path("/tmp/ocr-real-cache")
SETS = ("real-vi", "real-vi-2", "bilevel", "lowres", "photo")
#: Resolutions the low-resolution variants are made at (chosen in turn, page by page).
LOWRES_DPI = (72, 85, 100)


@dataclass
class Row:
    """Scores of one page for one system."""

    set: str
    page: str
    system: str
    ce: int
    cn: int
    we: int
    wn: int
    fe: int
    fn: int
    seconds: float

    @property
    def cer(self) -> float:
        """Character error rate (reading order)."""
        return self.ce / max(1, self.cn)

    @property
    def wer(self) -> float:
        """Word error rate (reading order)."""
        return self.we / max(1, self.wn)

    @property
    def ofwer(self) -> float:
        """Order-free word error rate."""
        return self.fe / max(1, self.fn)


def _score(set_: str, page: str, system: str, hyp: str, ref: str, seconds: float) -> Row:
    ce, cn = metrics.cer(hyp, ref)
    we, wn = metrics.wer(hyp, ref)
    fe, fn = metrics.aligned_wer(hyp, ref)
    return Row(set_, page, system, ce, cn, we, wn, fe, fn, seconds)


def _gt_pages(folder: Path) -> list[tuple[str, Path, str]]:
    """(stem, image path, ground truth) of every page with a ``.gt.txt`` under ``folder``."""
    out = []
    for gt in sorted(folder.rglob("*.gt.txt")):
        stem = gt.name[:-7]
        img = next(p for p in sorted(gt.parent.iterdir())
                   if p.name.startswith(stem + ".") and p.suffix.lower() in (".png", ".jpg"))
        out.append((stem, img, gt.read_text("utf-8")))
    return out


def _source_dpi(path: Path, im: Image.Image) -> float:
    """The true resolution of a real page as the importer finds it (two pages of real-vi-2
    carry a screen default, 72 or 96 dpi, on a 240/300 dpi scan: trusting the tag made
    their variants 3-4 times too large for the resolution they are labelled with)."""
    from digitize.capture.resolution import effective_dpi

    dpi = im.info.get("dpi")
    tag = (float(dpi[0]), float(dpi[1])) if dpi else None
    return float(effective_dpi(str(path), im.width, im.height, tag)[0])


def _make_bilevel(src: Path, dst: Path, dpi: int) -> None:
    """``src`` resampled to ``dpi``, Otsu-thresholded to 1 bit, written as G4 TIFF."""
    import cv2

    im = Image.open(src)
    gray = np.asarray(im.convert("L"))
    f = dpi / _source_dpi(src, im)
    if abs(f - 1) > 0.01:
        gray = cv2.resize(gray, None, fx=f, fy=f,
                          interpolation=cv2.INTER_AREA if f < 1 else cv2.INTER_CUBIC)
    _, bw = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    Image.fromarray(bw).convert("1").save(dst, compression="group4", dpi=(dpi, dpi))


def _make_lowres(src: Path, dst: Path, dpi: int) -> None:
    """``src`` downscaled to ``dpi`` (area), JPEG quality 85 without any dpi tag."""
    im = Image.open(src).convert("RGB")
    f = dpi / _source_dpi(src, im)
    small = im.resize((round(im.width * f), round(im.height * f)), Image.Resampling.LANCZOS)
    small.save(dst, "JPEG", quality=85)  # no dpi= : JFIF density 1:1 (aspect only)


def _make_photo(src: Path, dst: Path, i: int) -> None:
    """``src`` as a phone photographs a sheet on a desk: the page at ~200 dpi on a darker
    background, seen at a slant (keystone, corners moved 2-5 % of the page), lit from one
    side (paper 100 % -> 60-70 %), a little out of focus (Gaussian, sigma 0.6-1.4 px),
    sensor noise, JPEG quality 88 with the 72 dpi tag phones write. ``i`` varies the tilt,
    light and blur from page to page (deterministic)."""
    import cv2

    im = Image.open(src).convert("RGB")
    f = 200 / _source_dpi(src, im)
    page = np.asarray(im.resize((round(im.width * f), round(im.height * f)),
                                Image.Resampling.LANCZOS)).astype(np.float32)
    h, w = page.shape[:2]
    mx, my = round(0.08 * w), round(0.06 * h)
    W, H = w + 2 * mx, h + 2 * my
    rng = np.random.default_rng(1000 + i)
    k = (0.02, 0.035, 0.05)[i % 3]
    top_in = k * w if i % 2 == 0 else 0.0  # the far edge looks narrower than the near one
    side_in = k * h if i % 2 == 1 else 0.0
    src_pts = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst_pts = np.float32([[mx + top_in, my + side_in], [mx + w - top_in, my],
                          [mx + w, my + h], [mx, my + h - side_in]])
    warp = cv2.getPerspectiveTransform(src_pts, dst_pts)
    desk = np.full((H, W, 3), (95, 85, 75), np.float32)
    shot = cv2.warpPerspective(page, warp, (W, H), dst=desk, flags=cv2.INTER_LINEAR,
                               borderMode=cv2.BORDER_TRANSPARENT)
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    low = (0.6, 0.7)[i % 2]
    a = np.deg2rad(35 + 70 * (i % 4))  # the light comes from a different side each time
    t = (xx / W - 0.5) * np.cos(a) + (yy / H - 0.5) * np.sin(a)
    light = 1.0 - (1.0 - low) * (t - t.min()) / max(1e-6, float(t.max() - t.min()))
    shot = shot * light[:, :, None]
    shot = cv2.GaussianBlur(shot, (0, 0), (0.6, 1.0, 1.4)[i % 3])
    shot = shot + rng.normal(0, 3.0, shot.shape).astype(np.float32)
    out = Image.fromarray(np.clip(shot, 0, 255).astype(np.uint8))
    out.save(dst, "JPEG", quality=88, dpi=(72, 72))


def _pages(set_: str) -> list[tuple[str, Path, str]]:
    if set_ == "real-vi":
        return _gt_pages(SHARED / "real-vi")
    base = _gt_pages(SHARED / "real-vi-2")
    if set_ == "real-vi-2":
        return base
    VARIANTS.mkdir(parents=True, exist_ok=True)
    out = []
    if set_ == "bilevel":
        for i, (stem, img, ref) in enumerate(base[0::2]):
            dpi = 300 if i % 2 == 0 else 200
            dst = VARIANTS / f"{stem}.bw{dpi}.tif"
            if not dst.exists():
                _make_bilevel(img, dst, dpi)
            out.append((f"{stem}.bw{dpi}", dst, ref))
    elif set_ == "lowres":
        for i, (stem, img, ref) in enumerate(base[1::2]):
            dpi = LOWRES_DPI[i % len(LOWRES_DPI)]
            dst = VARIANTS / f"{stem}.web{dpi}.jpg"
            if not dst.exists():
                _make_lowres(img, dst, dpi)
            out.append((f"{stem}.web{dpi}", dst, ref))
    elif set_ == "photo":
        for i, (stem, img, ref) in enumerate(base[2::3]):
            dst = VARIANTS / f"{stem}.photo.jpg"
            if not dst.exists():
                _make_photo(img, dst, i)
            out.append((f"{stem}.photo", dst, ref))
    else:
        raise SystemExit(f"unknown set {set_!r}; sets: {', '.join(SETS)}")
    return out


def _raw(path: Path, use_cache: bool) -> tuple[str, float]:
    """``tesseract FILE - -l vie`` (single thread), cached by the file's content."""
    key = hashlib.sha256(path.read_bytes()).hexdigest()[:24]
    hit = CACHE / f"{key}.json"
    if use_cache and hit.exists():
        d = json.loads(hit.read_text("utf-8"))
        return d["text"], d["seconds"]
    t0 = time.perf_counter()
    out = subprocess.run(["tesseract", str(path), "-", "-l", "vie"], capture_output=True,
                         env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"}, check=False)
    sec = time.perf_counter() - t0
    text = out.stdout.decode("utf-8", "replace")
    CACHE.mkdir(parents=True, exist_ok=True)
    hit.write_text(json.dumps({"text": text, "seconds": sec}), "utf-8")
    return text, sec


def _ours(path: Path) -> tuple[str, float, int]:
    """What ``digitize ocr FILE`` prints for the page, its time, and the dpi it used."""
    from digitize.capture.importer import ImportProblem, iter_import
    from digitize.pipeline.ocrjob import ocr_pages

    t0 = time.perf_counter()
    pages = [p for p in iter_import([path], quality=False) if not isinstance(p, ImportProblem)]
    results = ocr_pages(pages, clean=True, jobs=1)
    text = "\n\f\n".join(o.text for _, _, o in results)
    return text, time.perf_counter() - t0, pages[0].dpi if pages else 0


def _fmt(r: Row) -> str:
    return f"{r.cer:6.2%} {r.wer:6.2%} {r.ofwer:6.2%}"


def run(sets: list[str], only: str, jobs: int, use_cache: bool, raw: bool,
        save: Path | None = None) -> list[Row]:
    """Score both systems page by page on ``sets``; print a line per page (and write
    digitize's text of each page into ``save`` when given)."""
    rows: list[Row] = []

    def one(item: tuple[str, str, Path, str]) -> tuple[Row | None, Row, int]:
        set_, name, path, ref = item
        r = None
        if raw:
            text, sec = _raw(path, use_cache)
            r = _score(set_, name, "raw", text, ref, sec)
        hyp, sec, dpi = _ours(path)
        if save:
            (save / f"{set_}.{name}.txt").write_text(hyp, "utf-8")
        return r, _score(set_, name, "digitize", hyp, ref, sec), dpi

    wanted = only.split(",")
    items = [(s, n, p, ref) for s in sets for n, p, ref in _pages(s)
             if any(w in n for w in wanted)]
    print(f"{'set':9s} {'page':36s} {'raw CER':>7s} {'WER':>6s} {'ofWER':>6s}   "
          f"{'ours CER':>8s} {'WER':>6s} {'ofWER':>6s} {'dpi':>4s} {'s':>5s}", flush=True)
    with ThreadPoolExecutor(jobs) as ex:
        for r, o, dpi in ex.map(one, items):
            rows.extend(x for x in (r, o) if x)
            rtxt = _fmt(r) if r else " " * 20
            print(f"{o.set:9s} {o.page[:36]:36s} {rtxt}   {_fmt(o)} {dpi:4d} {o.seconds:5.1f}",
                  flush=True)
    return rows


def summary(rows: list[Row]) -> None:
    """Mean and pooled rates per set and system."""
    print(f"\n{'set':9s} {'system':9s} {'pages':>5s} {'CER':>7s} {'WER':>7s} {'ofWER':>7s}"
          f"   {'pooled CER':>10s} {'WER':>7s} {'ofWER':>7s} {'s/page':>6s}")
    for set_ in dict.fromkeys(r.set for r in rows):
        for system in ("raw", "digitize"):
            rs = [r for r in rows if r.set == set_ and r.system == system]
            if not rs:
                continue
            n = len(rs)
            mean = [sum(getattr(r, k) for r in rs) / n for k in ("cer", "wer", "ofwer")]
            pooled = [sum(getattr(r, a) for r in rs) / max(1, sum(getattr(r, b) for r in rs))
                      for a, b in (("ce", "cn"), ("we", "wn"), ("fe", "fn"))]
            sec = sum(r.seconds for r in rs) / n
            print(f"{set_:9s} {system:9s} {n:5d} {mean[0]:7.2%} {mean[1]:7.2%} {mean[2]:7.2%}"
                  f"   {pooled[0]:10.2%} {pooled[1]:7.2%} {pooled[2]:7.2%} {sec:6.1f}")


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation and print the tables."""
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--only", default="",
                    help="pages whose name contains one of these (comma-separated)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--no-cache", action="store_true", help="run raw Tesseract again")
    ap.add_argument("--no-raw", action="store_true", help="score digitize only")
    ap.add_argument("--json", type=Path, help="write every page's scores here")
    ap.add_argument("--save-text", type=Path, help="write digitize's text of each page here")
    args = ap.parse_args(argv)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    if args.save_text:
        args.save_text.mkdir(parents=True, exist_ok=True)
    rows = run(args.sets.split(","), args.only, args.jobs, not args.no_cache, not args.no_raw,
               args.save_text)
    summary(rows)
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in rows], indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
