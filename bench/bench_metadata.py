"""Metadata extraction accuracy per field on rendered NĐ 30 / Party pages OCR'd by Tesseract.

Run: ``.venv/bin/python -m bench.bench_metadata [N] [--jobs J] [-v]``. Each page goes through
the pipeline's stages: render → degrade → clean (``digitize.clean``) → OCR (``ocr.engine.recognize``:
Tesseract ``vie`` + post-correction) → extract. Prints a table per field for extraction with page geometry and red-stamp reading
(words + colour image) and from plain text only, secrecy detection (every stamp found, no false
alarm) and timings.
"""

from __future__ import annotations

import sys
import time
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np

from digitize.devtools.sample import FONT_FILES, make_document, render_document
from digitize.metadata.extract import extract

__all__ = ["FIELDS", "CorpusPage", "build_page", "corpus_specs", "ocr_page", "score",
           "tesseract_reader"]

FIELDS = ("codeNumber", "codeNotation", "issuedDate", "typeName", "organName", "subject",
          "signerName", "signerTitle", "place")
_SECRECY = ("MẬT", "TỐI MẬT", "TUYỆT MẬT")
_URGENCY = ("KHẨN", "THƯỢNG KHẨN", "HỎA TỐC")
_DEGRADE = ("clean", "noise_jpeg", "blur", "yellow", "faint", "skew", "dpi150")


@dataclass
class CorpusPage:
    """One rendered page with its truth and OCR output."""

    name: str
    truth: dict[str, str]
    image: np.ndarray
    text: str = ""
    words: list[Any] | None = None


def corpus_specs(n: int, seed: int = 0) -> list[dict[str, Any]]:
    """Deterministic page specs: layouts, fonts, resolutions, degradations, stamps."""
    fams = sorted(FONT_FILES)
    specs = []
    for i in range(n):
        specs.append({
            "seed": 7000 + seed * 1000 + i, "party": i % 4 == 3,
            "secrecy": _SECRECY[(i // 5) % 3] if i % 5 == 2 else "",
            "urgency": _URGENCY[(i // 6) % 3] if i % 6 == 4 else "",
            "seal": i % 2 == 1, "family": fams[i % len(fams)],
            "dpi": 300 if i % 3 else 200, "degrade": _DEGRADE[i % len(_DEGRADE)],
        })
    return specs


def _degrade(img: np.ndarray, kind: str, seed: int, dpi: int) -> np.ndarray:
    from tests import degrade as dg

    if kind == "noise_jpeg":
        return dg.jpeg_artifacts(dg.gaussian_noise(img, 10, seed=seed), 45)
    if kind == "blur":
        return dg.blur(img, 0.8)
    if kind == "yellow":
        return dg.yellow_paper(img, seed=seed)
    if kind == "faint":
        out = dg.faint_photocopy(img, seed=seed)
        return out if out.ndim == 3 else np.dstack([out] * 3)
    if kind == "skew":
        return dg.skew(img, 0.6 if seed % 2 else -0.6)
    if kind == "dpi150":
        return dg.downscale_dpi(img, dpi, 150)
    return img


def build_page(spec: dict[str, Any]) -> CorpusPage:
    """Render and degrade one page from its spec."""
    doc = make_document(spec["seed"], party=spec["party"], secrecy=spec["secrecy"],
                        urgency=spec["urgency"], variety=True, seal=spec["seal"])
    img = render_document(doc, dpi=spec["dpi"], family=spec["family"])
    img = _degrade(img, spec["degrade"], spec["seed"], spec["dpi"])
    name = (f"{spec['seed']} {'party' if spec['party'] else 'state'} {spec['family']} "
            f"{spec['dpi']} {spec['degrade']}")
    return CorpusPage(name, doc.truth(), img)


@dataclass(frozen=True)
class Word:
    """A plain OCR word (what ``extract`` needs)."""

    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float


def ocr_page(img: np.ndarray, dpi: int = 300) -> tuple[str, list[Any]]:
    """OCR a page: the project's engine (``ocr.engine.recognize``: Tesseract ``vie`` plus
    Vietnamese post-correction) when present, else plain Tesseract; text and words."""
    try:
        from ocr.engine import recognize
    except ImportError:
        return ocr_page_tesseract(img)
    page = recognize(img, lang="vie", dpi=dpi)
    return page.text, list(page.words)


def ocr_page_tesseract(img: np.ndarray) -> tuple[str, list[Word]]:
    """Tesseract ``vie``: text (lines in reading order, blank line between blocks) and words."""
    import pytesseract

    d = pytesseract.image_to_data(img, lang="vie", output_type=pytesseract.Output.DICT)
    words, lines, key, cur = [], [], None, []
    for i, t in enumerate(d["text"]):
        if not t.strip():
            continue
        words.append(Word(t, d["left"][i], d["top"][i], d["width"][i], d["height"][i],
                          float(d["conf"][i])))
        k = (d["block_num"][i], d["par_num"][i], d["line_num"][i])
        if k != key:
            if cur:
                lines.append(" ".join(cur))
            if key is not None and k[0] != key[0]:
                lines.append("")
            key, cur = k, []
        cur.append(t)
    if cur:
        lines.append(" ".join(cur))
    return "\n".join(lines), words


def tesseract_reader(img: np.ndarray) -> str:
    """Read one isolated line (a stamp, a re-cropped header line) with Tesseract ``--psm 7``."""
    import pytesseract

    return str(pytesseract.image_to_string(img, lang="vie", config="--psm 7"))


def clean_for_ocr(page: CorpusPage, dpi: int) -> np.ndarray:
    """Run the pipeline's cleaning stage: ``page.image`` becomes the cleaned colour page (for
    stamps) and the returned gray image is what OCR reads. Falls back to the raw page."""
    try:
        from digitize.clean.chain import clean_page

        res = clean_page(page.image, dpi=dpi)
    except Exception:  # noqa: BLE001 - the bench must run while cleaning is being built
        return page.image
    page.image = res.archive if res.archive.ndim == 3 else np.dstack([res.archive] * 3)
    return res.ocr


def _job(spec: dict[str, Any]) -> tuple[dict[str, Any], CorpusPage, float]:
    page = build_page(spec)
    t = time.perf_counter()
    dpi = 150 if spec["degrade"] == "dpi150" else spec["dpi"]
    page.text, page.words = ocr_page(clean_for_ocr(page, dpi), dpi)
    return spec, page, time.perf_counter() - t


def _norm(field: str, v: str) -> str:
    v = " ".join(unicodedata.normalize("NFC", v).split())
    if field == "subject" and v:
        v = v[0].lower() + v[1:]
    return v


def score(truth: dict[str, str], got: dict[str, Any]) -> dict[str, bool]:
    """Per-field exact match (NFC, spaces collapsed; subject's first letter case-free)."""
    out = {f: f in got and _norm(f, got[f].value) == _norm(f, truth[f]) for f in FIELDS}
    from digitize.metadata.normalize import similarity

    for f in ("organName", "subject", "signerName"):  # near misses: OCR letter errors only
        out[f + "~"] = f in got and similarity(_norm(f, got[f].value), _norm(f, truth[f])) >= 0.95
    out["secrecy"] = (got["secrecy"].value if "secrecy" in got else "") == truth.get("secrecy", "")
    out["secrecy_found"] = "secrecy" in got
    out["urgency"] = (got["urgency"].value if "urgency" in got else "") == truth.get("urgency", "")
    return out


def main(argv: list[str]) -> int:
    """Build the corpus, OCR it in parallel, extract in two modes and print the tables."""
    n = int(argv[0]) if argv and argv[0].isdigit() else 42
    jobs = int(argv[argv.index("--jobs") + 1]) if "--jobs" in argv else 2
    t0 = time.perf_counter()
    with ProcessPoolExecutor(jobs) as ex:
        done = list(ex.map(_job, corpus_specs(n)))
    ocr_s = sum(x[2] for x in done)
    modes = {"geometry+stamps": {}, "text only": {}}
    results: dict[str, list[dict[str, bool]]] = {m: [] for m in modes}
    t_ext = {m: 0.0 for m in modes}
    misses: list[str] = []
    for spec, page, _ in done:
        h, w = page.image.shape[:2]
        for mode in modes:
            t = time.perf_counter()
            if mode == "text only":
                got = extract(page.text)
            else:
                got = extract(page.text, words=page.words, page_size=(w, h), image=page.image,
                              reader=tesseract_reader)
            t_ext[mode] += time.perf_counter() - t
            sc = score(page.truth, got)
            results[mode].append(sc)
            for f in (*FIELDS, "secrecy", "urgency"):
                if not sc[f] and mode == "geometry+stamps":
                    misses.append(f"  {page.name:44s} {f:12s} want {page.truth.get(f, '')!r} "
                                  f"got {got[f].value if f in got else None!r}")
    print(f"pages: {n}  (state {sum(not s['party'] for s, _, _ in done)}, Party "
          f"{sum(s['party'] for s, _, _ in done)}; secrecy stamps "
          f"{sum(bool(s['secrecy']) for s, _, _ in done)}, urgency "
          f"{sum(bool(s['urgency']) for s, _, _ in done)}, seals "
          f"{sum(s['seal'] for s, _, _ in done)})")
    print(f"\n{'field':14s} " + " ".join(f"{m:>16s}" for m in modes) + "    goal")
    goals = {"codeNumber": 95, "codeNotation": 95, "issuedDate": 95, "typeName": 95,
             "organName": 90, "subject": 90, "signerName": 90}
    for f in (*FIELDS, "organName~", "subject~", "signerName~", "secrecy", "urgency"):
        row = [100 * sum(r[f] for r in results[m]) / n for m in modes]
        print(f"{f:14s} " + " ".join(f"{v:15.1f}%" for v in row) +
              (f"   >= {goals[f]}%" if f in goals else ""))
    print("(x~ = within 95 % character similarity of the truth; secrecy/urgency = exact level, "
          "or correctly absent)")
    for m in modes:
        marked = [r for (sp, _, _), r in zip(done, results[m]) if sp["secrecy"]]
        clean = [r for (sp, _, _), r in zip(done, results[m]) if not sp["secrecy"]]
        print(f"secrecy [{m}]: stamps detected {sum(r['secrecy_found'] for r in marked)}/"
              f"{len(marked)} (level right {sum(r['secrecy'] for r in marked)}), false alarms "
              f"{sum(r['secrecy_found'] for r in clean)}/{len(clean)}")
    print(f"\nOCR {ocr_s:.1f} s total ({ocr_s / n:.2f} s/page); extraction per page: " +
          ", ".join(f"{m} {1000 * t_ext[m] / n:.1f} ms" for m in modes) +
          f"; wall {time.perf_counter() - t0:.1f} s")
    if "-v" in argv and misses:
        print("\nmisses (geometry+stamps):")
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
