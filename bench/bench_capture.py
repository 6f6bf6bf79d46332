"""Capture throughput: import + quality checks on 100 A4 pages at 300 dpi, pages per second.

Run: ``.venv/bin/python -m bench.bench_capture [N]``. Pages are generated once into a folder
under /dev/shm (RAM) and deleted afterwards. The reference is a bare Pillow decode of the
same files in the same process, so the ratio column shows what import costs beyond decoding;
"2 threads" runs the quality checks in two threads beside decoding (``workers=2``).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import numpy as np
from PIL import Image
from pypdf import PdfReader

from digitize.capture import CapturedPage, assess, iter_import
from digitize.devtools.sample import make_document, render_document

__all__ = ["generate", "main"]

_KINDS = (("JPEG colour", 0.4), ("PNG gray", 0.2), ("TIFF G4", 0.2), ("PDF scanned", 0.2))


def generate(folder: Path, n: int) -> dict[str, list[Path]]:
    """Write ``n`` A4 300 dpi pages as JPEG, PNG, G4 TIFF and 10-page scanned PDFs."""
    base = [render_document(make_document(900 + i), dpi=300) for i in range(10)]
    counts = [round(n * share) for _, share in _KINDS]
    counts[0] += n - sum(counts)
    files: dict[str, list[Path]] = {k: [] for k, _ in _KINDS}
    i = 0
    for (kind, _), count in zip(_KINDS, counts, strict=True):
        pages = [Image.fromarray(base[(i + j) % 10]) for j in range(count)]
        i += count
        if kind == "PDF scanned":
            for start in range(0, count, 10):
                chunk = pages[start:start + 10]
                f = folder / f"pdf_{start:03d}.pdf"
                chunk[0].save(f, save_all=True, append_images=chunk[1:], resolution=300,
                              quality=85)
                files[kind].append(f)
            continue
        for j, im in enumerate(pages):
            if kind == "JPEG colour":
                f = folder / f"jpeg_{j:03d}.jpg"
                im.save(f, quality=85, dpi=(300, 300))
            elif kind == "PNG gray":
                f = folder / f"png_{j:03d}.png"
                im.convert("L").save(f, dpi=(300, 300), compress_level=1)
            else:
                f = folder / f"g4_{j:03d}.tif"
                im.convert("L").point(lambda v: 255 if v > 150 else 0).convert("1").save(
                    f, compression="group4", dpi=(300, 300))
            files[kind].append(f)
    return files


def _bare_decode(paths: list[Path]) -> int:
    n = 0
    for p in paths:
        if p.suffix == ".pdf":
            for page in PdfReader(BytesIO(p.read_bytes())).pages:
                np.asarray(page.images[0].image)
                n += 1
        else:
            with Image.open(p) as im:
                np.asarray(im)
                n += 1
    return n


def _timed(fn: Callable[[], int]) -> tuple[int, float]:
    t = time.perf_counter()
    n = fn()
    return n, time.perf_counter() - t


def _import(paths: list[Path], quality: bool, workers: int = 1) -> int:
    return sum(1 for item in iter_import(paths, quality=quality, workers=workers)
               if isinstance(item, CapturedPage))


def _bench_scan(folder: Path, pages: int = 20) -> None:
    """Pages per second from SANE's test backend (ADF, 200x200 mm at 300 dpi) with QC."""
    conf = folder / "sane.d"
    conf.mkdir()
    (conf / "dll.conf").write_text("test\n")
    (conf / "test.conf").write_text("number_of_devices 1\ntest-picture \"Grid\"\n"
                                    "br_x 200.0\nbr_y 200.0\n")
    os.environ["SANE_CONFIG_DIR"] = str(conf)
    from digitize.capture import scan_batch

    print(f"{'scan test:0 ADF':<17} {'pages':>5} {'pages/s':>8} {'with QC':>8}")
    for mode in ("Gray", "Color"):
        n, t_raw = _timed(lambda m=mode: sum(1 for _ in scan_batch(
            "test:0", source="ADF", dpi=300, mode=m, pages=pages, quality=False)))
        _, t_qc = _timed(lambda m=mode: sum(1 for _ in scan_batch(
            "test:0", source="ADF", dpi=300, mode=m, pages=pages)))
        print(f"{mode + ' 300 dpi':<17} {n:>5} {n / t_raw:>8.1f} {n / t_qc:>8.1f}")


def main(n: int = 100) -> None:
    """Generate ``n`` pages, time decode / import / quality, print the table, clean up."""
    folder = Path(tempfile.mkdtemp(prefix="bench_capture_", dir="/dev/shm"))
    try:
        t0 = time.perf_counter()
        files = generate(folder, n)
        gen = time.perf_counter() - t0
        mb = sum(f.stat().st_size for fs in files.values() for f in fs) / 1e6
        print(f"capture benchmark: {n} A4 pages at 300 dpi (2480x3508), {mb:.1f} MB of files, "
              f"generated in {gen:.1f} s into {folder} (RAM)\n")
        header = (f"{'input':<13} {'pages':>5} {'decode p/s':>10} {'import p/s':>10} "
                  f"{'import+QC p/s':>13} {'2 threads':>9} {'QC ms/page':>10} "
                  f"{'import/decode':>13}")
        print(header)
        print("-" * len(header))
        rows = list(files.items()) + [("all", [f for fs in files.values() for f in fs])]
        for kind, paths in rows:
            pages, t_ref = _timed(lambda p=paths: _bare_decode(p))
            _, t_imp = _timed(lambda p=paths: _import(p, quality=False))
            _, t_all = _timed(lambda p=paths: _import(p, quality=True))
            _, t_two = _timed(lambda p=paths: _import(p, quality=True, workers=2))
            print(f"{kind:<13} {pages:>5} {pages / t_ref:>10.1f} {pages / t_imp:>10.1f} "
                  f"{pages / t_all:>13.1f} {pages / t_two:>9.1f} "
                  f"{(t_all - t_imp) / pages * 1000:>10.0f} {t_imp / t_ref:>12.2f}x")
        print()
        _bench_scan(folder)
        page = next(p for p in iter_import(files["JPEG colour"][:1], quality=False)
                    if isinstance(p, CapturedPage))
        reps = 10
        _, t_q = _timed(lambda: sum(1 for _ in range(reps) if assess(page.image, page.dpi)))
        print(f"\nassess() alone on one colour A4 page at 300 dpi: {t_q / reps * 1000:.0f} ms "
              f"(mean of {reps})")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
