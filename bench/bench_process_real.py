"""End to end on real scans: ``digitize process`` vs ``ocrmypdf --deskew --clean -l vie``.

Run: ``.venv/bin/python -m bench.bench_process_real [--jobs N] [--ocrmypdf PATH]``.

The 20 real pages of ``../shared/testdata`` (the 18 ``real-vi-2`` office scans with ground
truth, the ``real-vi`` administrative scan and book photo) are put, as they are, into one
PDF (``img2pdf``, lossless: the JPEG streams are embedded unchanged) in a temporary folder;
nothing is copied into the repo. Then, in one run and one after the other:

* ceiling: raw single-threaded ``tesseract IMG - -l vie`` on each page image, the times summed
  and divided by the cores (what perfect parallelism of bare Tesseract would reach);
* digitize: the whole CLI command, ``digitize process PDF`` (import, clean, OCR, metadata,
  secrecy check, PDF/A, seal, index) into an archive made by ``digitize init`` beforehand
  (not timed), as a user runs it: from compiled bytecode, as an installed app does
  (:func:`installed`; ``--from-source`` runs it as the environment says);
* ocrmypdf: ``ocrmypdf --deskew --clean -l vie --jobs N`` on the same PDF, when an
  ``ocrmypdf`` executable is found (never a project dependency: Debian's ``ocrmypdf`` and
  ``unpaper`` packages, for the bench only).

Wall time and the CPU seconds of the child processes are printed: the machine is shared, so
CPU per page shows the work each run really does when wall times swing.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "testdata"


def real_pages() -> list[Path]:
    """The 20 real pages, in a fixed order: the 18 ``real-vi-2`` office scans, the ``real-vi``
    administrative scan and the ``real-vi-2/nogt`` office page. (The ``real-vi`` book page
    is left out: its heading «Bí mật» is, by the secrecy gate's rules, a stand-alone MẬT
    line, and the gate, failing closed, withholds the page and the record is not sealed.)"""
    two = DATA / "real-vi-2"
    pages = sorted(p for p in two.iterdir() if p.suffix in (".jpg", ".png"))
    pages.append(DATA / "real-vi" / "nvp_vietnamese_documents_ocr" / "administrative_documents.jpg")
    pages.append(two / "nogt" / "pt_275-STTTT-CNTT_2011_p2.jpg")
    return pages


def page_dpis(pages: list[Path]) -> list[int]:
    """The resolution ``digitize`` finds for each page file (its importer: the file's tag, or
    the page size when the tag is a screen default such as 72 or 96)."""
    from digitize.capture.importer import iter_import

    return [next(iter(iter_import([p], quality=False))).dpi for p in pages]


def make_pdf(pages: list[Path], out: Path, dpis: list[int] | None = None) -> None:
    """One PDF of ``pages``, image streams embedded unchanged (img2pdf, from the system's
    Python when the project's has none), each page sized at its ``dpis`` entry (as a scanner
    writes it; a file's own tag may be a screen default: two real-vi-2 scans say 72 and 96)."""
    code = ("import img2pdf, sys, json\n"
            "dpi = {tuple(k): d for k, d in json.loads(sys.argv[2])}\n"
            "def layout(w, h, ndpi):\n"
            "    d = dpi.get((w, h)) or dpi.get((h, w))\n"
            "    if not d:\n"
            "        return img2pdf.default_layout_fun(w, h, ndpi)\n"
            "    return img2pdf.get_fixed_dpi_layout_fun((d, d))(w, h, ndpi)\n"
            "open(sys.argv[1], 'wb').write(img2pdf.convert(sys.argv[3:], layout_fun=layout,\n"
            "                              rotation=img2pdf.Rotation.ifvalid))\n")
    import json

    dpi = json.dumps([[list(_size(p)), d] for p, d in zip(pages, dpis or [], strict=False)])
    for py in (sys.executable, "/usr/bin/python3"):
        if subprocess.run([py, "-c", code, str(out), dpi, *map(str, pages)],
                          capture_output=True).returncode == 0:
            return
    raise SystemExit("img2pdf is needed to build the PDF (apt-get install python3-img2pdf)")


def _size(path: Path) -> tuple[int, int]:
    from PIL import Image

    with Image.open(path) as im:
        return im.size


_REAPED_CLI = (
    "import sys, resource, multiprocessing.forkserver as fs\n"
    "from digitize.cli import main\n"
    "rc = main(sys.argv[2:])\n"
    "me = resource.getrusage(resource.RUSAGE_SELF)\n"
    "open(sys.argv[1], 'w').write(str(me.ru_utime + me.ru_stime))\n"
    "fs._forkserver._stop()\n"
    "sys.exit(rc)\n")

#: The project's packages, compiled to bytecode before the timed run (see :func:`installed`).
PACKAGES = ("digitize", "ocr", "archive")


def installed(env: dict[str, str], cache: Path) -> dict[str, str]:
    """``env`` for running the CLI as an installed app runs: from compiled bytecode.

    An installed app (pip, the Debian package, the frozen bundle) has its ``.pyc`` files; so
    has OCRmyPDF's Debian package. A checkout run with ``PYTHONDONTWRITEBYTECODE=1`` (as some
    shells and CI set it) compiles every module from source at each start, in the command and
    again in its page workers' server: about 0.5 s of CPU the user never pays. The bytecode
    goes to ``cache`` (a temporary folder; the checkout is left as it is), compiled untimed.
    """
    out = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
    out["PYTHONPYCACHEPREFIX"] = str(cache)
    subprocess.run([sys.executable, "-m", "compileall", "-q", *(str(ROOT / p) for p in PACKAGES)],
                   env=out, check=True, capture_output=True)
    return out


def _child_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, int]:
    """Wall seconds, child CPU seconds and exit code of ``cmd`` (its errors echoed when it
    fails)."""
    c0, t0 = _child_cpu(), time.perf_counter()
    done = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall, cpu = time.perf_counter() - t0, _child_cpu() - c0
    if done.returncode:
        sys.stderr.write(done.stderr.decode("utf-8", "replace")[-2000:])
    return wall, cpu, done.returncode


def main(argv: list[str] | None = None) -> int:
    """Run the three measurements and print the table."""
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--ocrmypdf", default=shutil.which("ocrmypdf"))
    ap.add_argument("--from-source", action="store_true",
                    help="run the CLI as this environment says (with PYTHONDONTWRITEBYTECODE=1 "
                         "it compiles its modules at each start: the figures of stops up to 29)")
    args = ap.parse_args(argv)
    pages = real_pages()
    n = len(pages)
    rows: list[tuple[str, float, float]] = []
    with tempfile.TemporaryDirectory(prefix="bench-process-") as tmp_s:
        tmp = Path(tmp_s)
        pdf = tmp / "real.pdf"
        make_pdf(pages, pdf, page_dpis(pages))
        env1 = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        total = cpu = 0.0
        for p in pages:
            wall, c, _ = timed(["tesseract", str(p), "-", "-l", "vie"], env1)
            total, cpu = total + wall, cpu + c
        rows.append((f"ceiling (raw tesseract / {args.jobs} cores)", total / args.jobs, cpu))
        (tmp / "pass").write_text("bench-passphrase-0123456789\n")
        cli = [sys.executable, "-m", "digitize.cli"]
        # the same CLI, which at the end also stops its fork server and waits for it: the page
        # workers' CPU then reaches this process's child CPU (else it is lost with the server)
        reaped = [sys.executable, "-c", _REAPED_CLI]
        where = ["--archive", str(tmp / "arch"), "--passphrase-file", str(tmp / "pass")]
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        if not args.from_source:
            env = installed(env, tmp / "pycache")
        subprocess.run([*cli, "init", *where, "--office-code", "000.00.00.H00",
                        "--office-name", "Bench"], env=env, check=True, capture_output=True)
        own = tmp / "cli-cpu"
        cmd = [*reaped, str(own), "process", *where, "--jobs", str(args.jobs), "--title", "bench",
               str(pdf)]
        wall, c, rc = timed(cmd, env)
        if rc:
            raise SystemExit(f"digitize process failed (exit {rc})")
        rows.append(("digitize process (CLI, whole command)", wall, c))
        parent = float(own.read_text())
        if args.ocrmypdf:
            wall, c, rc = timed([args.ocrmypdf, "--deskew", "--clean", "-l", "vie", "--jobs",
                                 str(args.jobs), str(pdf), str(tmp / "ocrmypdf.pdf")])
            rows.append((f"ocrmypdf --deskew --clean (exit {rc})", wall, c))
    print(f"{n} real scanned pages, {args.jobs} jobs, machine with {os.cpu_count()} cores\n")
    print(f"{'run':44s} {'wall s':>7s} {'pages/min':>9s} {'CPU s/page':>10s} {'cores':>5s}")
    for i, (name, wall, c) in enumerate(rows):
        # cores busy on average (the ceiling's runs are one after the other, on one core)
        busy = c / (wall * args.jobs) if i == 0 else c / wall
        print(f"{name:44s} {wall:7.1f} {n / wall * 60:9.1f} {c / n:10.2f} {busy:5.2f}")
    ours, ours_cpu = rows[1][1], rows[1][2]
    print(f"  of which the command's own process {parent / n:.2f} s/page (start-up, import, "
          f"storing, seal), its page workers and their server {(ours_cpu - parent) / n:.2f}")
    print(f"\ndigitize vs ceiling: {rows[0][1] / ours:.0%} of the ceiling's pages/min")
    print(f"digitize vs ceiling by CPU per page: {rows[0][2] / ours_cpu:.0%} (what it would "
          f"reach with every core its own: the machine is shared, wall times are not)")
    if len(rows) > 2:
        print(f"digitize vs ocrmypdf: {rows[2][1] / ours:.2f}x ocrmypdf's pages/min, "
              f"{rows[2][2] / ours_cpu:.2f}x by CPU per page")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
