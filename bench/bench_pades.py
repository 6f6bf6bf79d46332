"""PAdES signing cost per document (PKCS#12 and a SoftHSM2 token) as a share of pipeline time.

Run: ``.venv/bin/python -m bench.bench_pades [--docs N] [--pages P] [--threads T]``.

* reference, measured in the same run: OCR (``ocr.recognize``, Tesseract ``vie``) of one A4
  NĐ 30 page rendered at 300 dpi plus building its PDF/A page — the pipeline's dominant cost
  per page (median of 3);
* sign: ``digitize.records.signing.SigningSession.sign`` of a P-page PDF/A (median of N after one
  warm-up), one thread; then N documents signed by T worker threads sharing the key (a token
  signs one at a time: its raw signatures are queued behind a lock);
* verify: ``archive.pades_verify.verify_pdf`` (pyHanko validator, CRL-free) per document.
The SoftHSM2 token lives in a RAM folder that is wiped at the end.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VN = timezone(timedelta(hours=7))


def _median(fn: Callable[[], object], n: int) -> float:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _reference(pages: int) -> tuple[float, bytes]:
    """Seconds of OCR + PDF page of one 300 dpi page, and a P-page PDF/A to sign."""
    from digitize.devtools import sample
    from ocr import recognize
    from ocr.pdf import PdfPage, build_pdf

    img = sample.render_document(sample.make_document(910), dpi=300)
    page = recognize(img, dpi=300)
    ocr_s = _median(lambda: recognize(img, dpi=300), 3)
    one = [PdfPage(img, 300, page)]
    pdf_s = _median(lambda: build_pdf(one, title="bench"), 3)
    doc = build_pdf(one * pages, title="Văn bản thử", author="UBND tỉnh Kiên Giang")
    return ocr_s + pdf_s, doc


def _measure(sign: Callable[[bytes], bytes], pdf: bytes, docs: int, threads: int,
             verify: Callable[[bytes], object]) -> dict[str, float]:
    signed = sign(pdf)  # warm-up: font cut, key and certificate loaded
    one = _median(lambda: sign(pdf), docs)
    t0 = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(lambda _i: sign(pdf), range(docs)))
    per_doc_parallel = (time.perf_counter() - t0) / docs
    ver = _median(lambda: verify(signed), max(3, docs // 2))
    return {"sign": one, "parallel": per_doc_parallel, "verify": ver,
            "growth": len(signed) - len(pdf)}


def main(argv: list[str] | None = None) -> int:
    """Measure and print the table."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", type=int, default=12)
    ap.add_argument("--pages", type=int, default=3, help="pages per document")
    ap.add_argument("--threads", type=int, default=4)
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from ocr.ramdir import ram_dir

    with ram_dir("digitize-bench-pades-") as tmp:
        os.environ["SOFTHSM2_CONF"] = str(_softhsm_conf(tmp))
        rows = _run(args)
    page_s = rows.pop("_page")
    print(f"reference: OCR + PDF page of one 300 dpi page = {page_s * 1000:.0f} ms; "
          f"documents of {args.pages} pages; {args.docs} documents; {args.threads} threads")
    print(f"{'key':<10} {'sign ms/doc':>11} {'x' + str(args.threads) + ' ms/doc':>11} "
          f"{'verify ms':>9} {'+bytes':>7} {'/1-page':>8} "
          f"{'/' + str(args.pages) + '-page doc':>11}")
    for name, r in rows.items():
        doc_s = page_s * args.pages
        print(f"{name:<10} {r['sign'] * 1000:>11.0f} {r['parallel'] * 1000:>11.0f} "
              f"{r['verify'] * 1000:>9.0f} {r['growth']:>7.0f} "
              f"{r['sign'] / (page_s + r['sign']):>8.1%} "
              f"{r['sign'] / (doc_s + r['sign']):>11.1%}")
    print("share = sign / (OCR + PDF time of the document's pages + sign), one thread; "
          "digitize signs each document once, when the dossier is sealed. x threads: pyHanko "
          "is pure Python (GIL), so threads overlap only the token's wait.")
    return 0


def _softhsm_conf(tmp: Path) -> Path:
    from tests.softhsm import softhsm_conf

    return softhsm_conf(tmp)


def _run(args: argparse.Namespace) -> dict[str, dict[str, float]]:
    from cryptography.hazmat.primitives.serialization import Encoding

    from archive.pades import Appearance, load_pkcs12, open_pkcs11, sign_pdf
    from archive.pades_verify import verify_pdf
    from tests.softhsm import AGENCY, Ca, init_token

    page_s, pdf = _reference(args.pages)
    ca = Ca()
    root = ca.cert.public_bytes(Encoding.DER)
    p12, _cert = ca.pkcs12("1234")
    token = init_token(Path(os.environ["SOFTHSM2_CONF"]).parent, ca)
    look = Appearance()

    def signer(key: object) -> Callable[[bytes], bytes]:
        return lambda data: sign_pdf(data, key, agency=AGENCY,  # type: ignore[arg-type]
                                     when=datetime.now(VN).replace(microsecond=0),
                                     appearance=look)

    def verify(data: bytes) -> object:
        return verify_pdf(data, roots=[root])

    rows: dict[str, dict[str, float]] = {"_page": page_s}  # type: ignore[dict-item]
    rows["PKCS#12"] = _measure(signer(load_pkcs12(p12, "1234")), pdf, args.docs, args.threads,
                               verify)
    key = open_pkcs11(token.lib, token.label, token.key_label, token.pin)
    try:
        rows["SoftHSM2"] = _measure(signer(key), pdf, args.docs, args.threads, verify)
    finally:
        key.close()
    return rows


if __name__ == "__main__":
    sys.exit(main())
