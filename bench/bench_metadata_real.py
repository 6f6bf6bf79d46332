"""Metadata extraction on real scans: per-field accuracy, hand-filled slots, silent errors.

Run: ``.venv/bin/python -m bench.bench_metadata_real [DIR] [-v] [--jobs J]
[--variants native,lowres,photo]`` (``DIR`` defaults to ``/work/shared/testdata/real-vi-2``).
Every ``*.json`` beside an image holds the true fields (``null`` = not on the page,
``handwritten`` names the hand-filled ones); pages in ``DIR/nogt`` are scored as a separate
set. Each page goes through what ``digitize extract`` does: import (dpi from the file or
estimated) → ``digitize.clean.clean_page`` → ``ocr.engine.recognize`` → ``extract`` with words,
page size and the cleaned colour page.

OCR is the slow part, so its output (the ``OcrPage`` and the cleaned page) is cached in
``$TMPDIR/digitize-bench-ocr/`` keyed by the image's hash and a hash of the source of ``ocr/``
and ``digitize/clean/`` (a change to OCR or cleaning reads the pages again). Extraction is always
run afresh. Scores:

* a field with a true value is right when the extracted value matches after normalisation (NFC,
  spaces, case, old/new tone placement ``Uỷ``/``Ủy``, a leading ``V/v``/``Về việc``;
  ``organName`` against any accepted spelling);
* a field whose truth is ``null`` is not scored, but a value found there is a *spurious* one;
* a *silent error* is a wrong or spurious value at confidence >= ``SILENT`` (0.90).

``--variants`` scores the same pages as they arrive worse, made with the OCR bench's own
generators (:mod:`bench.bench_ocr_real`) in ``$TMPDIR/digitize-bench-variants/`` (never in the
repo), each image beside its page's ``.json``: ``lowres`` = every page at ``LOWRES_DPI`` (150)
as a JPEG without a dpi tag (``_make_lowres``), ``photo`` = every page as a phone photographs it
on a desk (``_make_photo``, page ``i`` of the sorted set varies tilt, light and blur);
``native`` = the pages themselves. One table per variant.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import tempfile
import time
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["FIELDS", "SILENT", "load_truth", "match", "ocr_cached", "score_page"]

FIELDS = ("codeNumber", "codeNotation", "issuedDate", "place", "typeName", "organName",
          "subject", "signerName", "signerTitle")
#: A wrong value at or above this confidence is a silent error (the review form shows it green).
SILENT = 0.90
_DEFAULT_DIR = Path("/work/shared/testdata/real-vi-2")
#: Resolution of the ``lowres`` variant (a fax/web copy, no dpi tag: the importer estimates it).
LOWRES_DPI = 150
VARIANTS = ("native", "lowres", "photo")
_ROOT = Path(__file__).resolve().parent.parent
_CACHE = Path(os.environ.get("TMPDIR", tempfile.gettempdir())) / "digitize-bench-ocr"
_TONES = {"uỷ": "ủy", "uỳ": "ùy", "uý": "úy", "uỹ": "ũy", "uỵ": "ụy", "oà": "òa", "oá": "óa",
          "oả": "ỏa", "oã": "õa", "oạ": "ọa", "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe",
          "oẹ": "ọe"}


def _code_version() -> str:
    """Hash of the OCR and cleaning source: the cache key's code part."""
    h = hashlib.sha256()
    for folder in ("ocr", "digitize/clean"):
        for p in sorted((_ROOT / folder).rglob("*.py")):
            h.update(p.relative_to(_ROOT).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def ocr_cached(path: Path, version: str) -> tuple[Any, np.ndarray]:
    """The page's ``OcrPage`` and cleaned colour image, read from the cache or computed."""
    from ocr.model import OcrPage

    key = hashlib.sha256(path.read_bytes()).hexdigest()[:20] + "-" + version
    jf, imf = _CACHE / f"{key}.json", _CACHE / f"{key}.npy"
    if jf.exists() and imf.exists():
        return OcrPage.from_dict(json.loads(jf.read_text(encoding="utf-8"))), np.load(imf)
    from digitize.capture.importer import ImportProblem, iter_import
    from digitize.clean import clean_page
    from ocr.engine import recognize

    page = next(iter_import([path], quality=False))
    if isinstance(page, ImportProblem):
        raise page.error
    res = clean_page(page.image, dpi=page.dpi)
    o = recognize(res.ocr, lang="vie", dpi=page.dpi)
    img = res.archive if res.archive.ndim == 3 else np.dstack([res.archive] * 3)
    _CACHE.mkdir(parents=True, exist_ok=True)
    np.save(imf, img)
    jf.write_text(json.dumps(o.to_dict(), ensure_ascii=False), encoding="utf-8")
    return o, img


def _fold_tones(s: str) -> str:
    for a, b in _TONES.items():
        s = s.replace(a, b)
    return s


def _norm(field: str, v: str) -> str:
    v = unicodedata.normalize("NFC", " ".join(str(v).split())).lower()
    v = _fold_tones(v).replace("“", '"').replace("”", '"').replace("–", "-")
    if field == "subject":
        v = re.sub(r"^(?:v/v|về việc)\s*[:.]?\s*", "", v).rstrip(" .")
    if field in ("codeNotation",):
        v = v.replace(" ", "")
    return v


def match(field: str, truth: Any, got: str) -> bool:
    """Whether an extracted value is right for a true value (a list = accepted spellings)."""
    want = truth if isinstance(truth, list) else [truth]
    return any(_norm(field, w) == _norm(field, got) for w in want)


def _near(field: str, truth: Any, got: str) -> bool:
    from difflib import SequenceMatcher

    want = truth if isinstance(truth, list) else [truth]
    return any(SequenceMatcher(None, _norm(field, w), _norm(field, got)).ratio() >= 0.95
               for w in want)


def load_truth(path: Path) -> dict[str, Any]:
    """The page's ``.json`` (true fields, ``handwritten``)."""
    return dict(json.loads(path.read_text(encoding="utf-8")))


def hand_fields(truth: dict[str, Any]) -> set[str]:
    """Fields (``codeNumber``, ``issuedDate``) whose digits are hand-filled on the page."""
    out = set()
    for h in truth.get("handwritten", []):
        h = str(h)
        if h.startswith(("codeNumber", "decision number")):
            out.add("codeNumber")
        if "issuedDate" in h or h.startswith("day "):
            out.add("issuedDate")
    return out


def score_page(truth: dict[str, Any], got: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per field: ``field, truth, value, conf, ok, near, scored, hand``."""
    rows = []
    hand = hand_fields(truth)
    for f in FIELDS:
        t = truth.get(f)
        g = got.get(f)
        value, conf = (g.value, g.confidence) if g is not None else (None, 0.0)
        ok = t is not None and value is not None and match(f, t, value)
        rows.append({"field": f, "truth": t, "value": value, "conf": conf, "scored": t is not None,
                     "ok": ok, "near": ok or (t is not None and value is not None
                                              and _near(f, t, value)),
                     "hand": f in hand and t is not None})
    return rows


def _images(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir()
                  if p.suffix.lower() in (".jpg", ".jpeg", ".png", ".tif", ".tiff")
                  and p.with_suffix(".json").exists())


def _ocr_job(args: tuple[Path, str]) -> tuple[Path, float]:
    t = time.perf_counter()
    ocr_cached(*args)
    return args[0], time.perf_counter() - t


def cached_reader(version: str) -> Any:
    """The extractor's region reader (the OCR engine) with its answers cached on disk."""
    from digitize.metadata.stamps import default_reader

    inner = default_reader()
    store = _CACHE / f"reader-{version}.json"
    memo: dict[str, str] = json.loads(store.read_text("utf-8")) if store.exists() else {}

    def read(img: np.ndarray) -> str:
        key = hashlib.sha256(np.ascontiguousarray(img).tobytes()).hexdigest()[:24] + \
            str(img.shape)
        if key not in memo:
            memo[key] = inner(img) if inner else ""
            _CACHE.mkdir(parents=True, exist_ok=True)
            store.write_text(json.dumps(memo, ensure_ascii=False), "utf-8")
        return memo[key]

    return read


def _extract(path: Path, version: str, reader: Any) -> dict[str, Any]:
    from digitize.metadata.extract import extract

    o, img = ocr_cached(path, version)
    return extract(o.text, words=o.words, page_size=(o.width, o.height), image=img,
                   reader=reader)


def _table(name: str, rows: list[dict[str, Any]]) -> None:
    scored = [r for r in rows if r["scored"]]
    print(f"\n{name}: {len({r['page'] for r in rows})} pages, {len(scored)} scored fields")
    print(f"  {'field':13s} {'right':>9s} {'near':>6s} {'empty':>6s} {'wrong':>6s} "
          f"{'wrong>=.9':>9s} {'spurious':>8s}")
    for f in (*FIELDS, "ALL"):
        fr = [r for r in rows if f in ("ALL", r["field"])]
        sc = [r for r in fr if r["scored"]]
        if not sc and f != "ALL":
            continue
        ok = sum(r["ok"] for r in sc)
        near = sum(r["near"] for r in sc)
        empty = sum(r["value"] is None for r in sc)
        wrong = [r for r in sc if not r["ok"] and r["value"] is not None]
        spur = [r for r in fr if not r["scored"] and r["value"] is not None]
        silent = sum(r["conf"] >= SILENT for r in wrong + spur)
        print(f"  {f:13s} {ok:3d}/{len(sc):<3d}{ok / max(len(sc), 1):4.2f} {near:6d} {empty:6d} "
              f"{len(wrong):6d} {silent:9d} {len(spur):8d}")


def make_variant(folder: Path, variant: str, out: Path) -> Path:
    """``folder`` (and its ``nogt/``) made into ``variant`` under ``out``, each image beside a
    copy of its ``.json``; images already made are kept (the generators are deterministic)."""
    import shutil

    from bench.bench_ocr_real import _make_lowres, _make_photo

    if variant == "native":
        return folder
    if variant not in VARIANTS:
        raise SystemExit(f"unknown variant {variant!r}; variants: {', '.join(VARIANTS)}")
    dst = out / f"{folder.name}-{variant}"
    for sub in ("", "nogt"):
        src_dir = folder / sub if sub else folder
        if not src_dir.is_dir():
            continue
        (dst / sub).mkdir(parents=True, exist_ok=True)
        for i, p in enumerate(_images(src_dir)):
            img = dst / sub / f"{p.stem}.jpg"
            if not img.exists():
                if variant == "lowres":
                    _make_lowres(p, img, LOWRES_DPI)
                else:
                    _make_photo(p, img, i)
            shutil.copyfile(p.with_suffix(".json"), img.with_suffix(".json"))
    return dst


def main(argv: list[str]) -> int:
    """OCR (cached) and extract every page of the set (or of each variant); print the tables."""
    opts = {"--jobs": "2", "--variants": ""}
    args: list[str] = []
    it = iter(argv)
    for a in it:
        if a in opts:
            opts[a] = next(it)
        elif not a.startswith("-"):
            args.append(a)
    jobs = int(opts["--jobs"])
    folder = Path(args[0]) if args else _DEFAULT_DIR
    if not opts["--variants"]:
        return run(folder, jobs, "-v" in argv)
    out = Path(os.environ.get("TMPDIR", tempfile.gettempdir())) / "digitize-bench-variants"
    for v in opts["--variants"].split(","):
        print(f"\n===== variant {v} =====")
        run(make_variant(folder, v.strip(), out), jobs, "-v" in argv)
    return 0


def run(folder: Path, jobs: int, verbose: bool) -> int:
    """OCR (cached) and extract every page of ``folder``; print the tables."""
    sets = {"with-gt": _images(folder)}
    if (folder / "nogt").is_dir():
        sets["nogt"] = _images(folder / "nogt")
    version = _code_version()
    t0 = time.perf_counter()
    todo = [(p, version) for ps in sets.values() for p in ps]
    with ProcessPoolExecutor(jobs) as ex:
        ocr_s = sum(t for _, t in ex.map(_ocr_job, todo))
    t1 = time.perf_counter()
    all_rows: dict[str, list[dict[str, Any]]] = {}
    reader = cached_reader(version)
    for name, paths in sets.items():
        rows = []
        for p in paths:
            truth = load_truth(p.with_suffix(".json"))
            for r in score_page(truth, _extract(p, version, reader)):
                r["page"] = p.stem
                rows.append(r)
        all_rows[name] = rows
        _table(name, rows)
    hand = [r for rows in all_rows.values() for r in rows if r["hand"]]
    ok = sum(r["ok"] for r in hand)
    wrong_conf = sum(not r["ok"] and r["value"] is not None and r["conf"] >= SILENT for r in hand)
    print(f"\nhand-filled number/date fields: {ok}/{len(hand)} right "
          f"({ok / max(len(hand), 1):.2f}), silent errors {wrong_conf}")
    for f in ("codeNumber", "issuedDate"):
        h = [r for r in hand if r["field"] == f]
        print(f"  {f:12s} {sum(r['ok'] for r in h)}/{len(h)}")
    every = [r for rows in all_rows.values() for r in rows]
    n_scored = sum(r["scored"] for r in every)
    silent = [r for r in every if r["value"] is not None and not r["ok"] and r["conf"] >= SILENT]
    print(f"silent errors (wrong or spurious at confidence >= {SILENT}): {len(silent)} "
          f"= {100 * len(silent) / max(n_scored, 1):.1f}% of {n_scored} scored fields")
    print(f"OCR {ocr_s:.1f} s (cache {_CACHE}), extraction {time.perf_counter() - t1:.1f} s, "
          f"wall {time.perf_counter() - t0:.1f} s")
    if verbose:
        print("\nmisses:")
        for r in every:
            if (r["scored"] and not r["ok"]) or (not r["scored"] and r["value"] is not None):
                hand = " [hand]" if r["hand"] else ""
                print(f"  {r['page'][:30]:30s} {r['field']:12s} {r['conf']:.2f} "
                      f"got {r['value']!r:.70s}  want {r['truth']!r:.70s}{hand}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
