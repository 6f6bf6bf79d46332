"""Archive crypto benchmark: cost per dossier, container stream MB/s, share of the pipeline.

Run: ``.venv/bin/python -m bench.bench_archive [--quick]``. Everything is written under /dev/shm
(RAM) and wiped; the sample page used for the OCR reference is synthetic, not a record.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from archive._hazmat.kdf import Argon2Params
from archive.audit import AuditLog
from archive.container import open_container, verify_outer, write_container
from archive.keystore import Keystore, generate_central_keypair
from archive.store import ContainerStore

MB = 1 << 20


class _Repeat(io.RawIOBase):
    """A readable stream of ``size`` bytes made by repeating one random MiB (no big buffers)."""

    def __init__(self, size: int) -> None:
        self.left, self.block = size, os.urandom(MB)

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        n = min(MB if n < 0 else n, self.left, MB)
        self.left -= n
        return self.block[:n]


class _Null(io.RawIOBase):
    def writable(self) -> bool:
        return True

    def write(self, b) -> int:  # type: ignore[override]
        return len(b)


def _median(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _dossier() -> list[tuple[str, bytes]]:
    pages = [(f"pages/{i:03d}.jpg", os.urandom(300_000)) for i in range(20)]  # JPEG ~ random
    texts = [(f"ocr/{i:03d}.txt", ("Quyết định số 15/QĐ-UBND " * 120).encode()) for i in range(20)]
    return pages + texts


def _ocr_page_seconds(tmp: Path) -> float | None:
    """Reference: Tesseract (vie) on one synthetic 300 dpi page, as the CLI runs it."""
    if not shutil.which("tesseract"):
        return None
    import cv2

    from digitize.devtools.sample import make_document, render_document

    img = render_document(make_document(7, party=False), dpi=300)
    p = tmp / "page.png"
    cv2.imwrite(str(p), cv2.cvtColor(img, cv2.COLOR_RGB2BGR))
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    t = time.perf_counter()
    subprocess.run(
        ["tesseract", str(p), "stdout", "-l", "vie"], check=True, env=env, capture_output=True
    )
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true", help="fewer runs, 64 MB stream")
    args = ap.parse_args()
    runs, stream_mb = (3, 64) if args.quick else (7, 256)
    tmp = Path(tempfile.mkdtemp(dir="/dev/shm" if Path("/dev/shm").is_dir() else None))
    rows: list[tuple[str, str, str]] = []
    try:
        t = time.perf_counter()
        ks = Keystore.create(
            tmp / "keystore.json",
            "bench passphrase",
            office_code="H47",
            office_name="UBND",
            kdf_params=Argon2Params(),
        )
        create_s = time.perf_counter() - t
        unlock_s = _median(lambda: Keystore.unlock(tmp / "keystore.json", "bench passphrase"), 3)
        _, pub = generate_central_keypair("c", kdf_params=Argon2Params(64, 1, 1))
        ks.import_central_key(pub, "central")
        recips, signer, verifier = ks.recipients(), ks.signer(), ks.verifier()
        files = _dossier()
        size = sum(len(b) for _, b in files)

        def seal() -> bytes:
            buf = io.BytesIO()
            write_container(buf, files, metadata={"title": "x"}, recipients=recips, signer=signer)
            return buf.getvalue()

        blob = seal()
        seal_s = _median(seal, runs)
        hash_s = _median(lambda: [hashlib.sha256(b).digest() for _, b in files], runs)
        store = ContainerStore(tmp / "store")
        put_s = _median(
            lambda: store.put(
                lambda out: write_container(
                    out, files, metadata={}, recipients=recips, signer=signer
                )
            ),
            runs,
        )
        outer_s = _median(lambda: verify_outer(io.BytesIO(blob), verifier), runs)
        open_s = _median(lambda: open_container(io.BytesIO(blob), ks, signer_public=verifier), runs)
        rows += [
            ("dossier", f"20 pages x 300 KB + 20 texts = {size / MB:.1f} MiB", ""),
            (
                "seal (encrypt + sign, 2 recipients)",
                f"{seal_s * 1000:.1f} ms",
                f"{size / MB / seal_s:.0f} MiB/s",
            ),
            (
                "  reference: SHA-256 of the same bytes",
                f"{hash_s * 1000:.1f} ms",
                f"seal = {seal_s / hash_s:.1f}x SHA-256",
            ),
            ("store.put (seal + fsync + link, /dev/shm)", f"{put_s * 1000:.1f} ms", ""),
            (
                "verify_outer (public key only)",
                f"{outer_s * 1000:.1f} ms",
                f"{size / MB / outer_s:.0f} MiB/s",
            ),
            (
                "open_container (decrypt + all checks)",
                f"{open_s * 1000:.1f} ms",
                f"{size / MB / open_s:.0f} MiB/s",
            ),
            (
                "container overhead",
                f"{len(blob) - size} bytes",
                f"{(len(blob) - size) / size * 100:.2f} %",
            ),
        ]
        t = time.perf_counter()
        write_container(
            _Null(),
            [("big.bin", _Repeat(stream_mb * MB))],
            metadata={},  # type: ignore[arg-type]
            recipients=recips,
            signer=signer,
        )
        big_s = time.perf_counter() - t
        rows.append(
            (
                f"stream {stream_mb} MiB (never whole in memory)",
                f"{big_s:.2f} s",
                f"{stream_mb / big_s:.0f} MiB/s",
            )
        )
        log = AuditLog(tmp / "audit.log", signer, verifier)
        ev_s = _median(lambda: log.append("bench", "dossier.store", "x" * 64, {"n": 1}), 50)
        t = time.perf_counter()
        for _ in range(5):
            log.append("bench", "dossier.view", "y")
            log.checkpoint("bench")
        cp_s = (time.perf_counter() - t) / 5 - ev_s
        rows += [
            (
                "keystore create / unlock (Argon2id 128 MiB, t=3, p=4)",
                f"{create_s * 1000:.0f} / {unlock_s * 1000:.0f} ms",
                "",
            ),
            ("audit append (Ed25519 + fsync)", f"{ev_s * 1000:.2f} ms", ""),
            ("audit checkpoint (Ed25519 + ML-DSA-65 + fsync)", f"{cp_s * 1000:.2f} ms", ""),
        ]
        ocr = _ocr_page_seconds(tmp)
        if ocr is not None:
            pipeline = 20 * ocr + put_s
            rows += [
                ("reference: tesseract vie, one 300 dpi page", f"{ocr:.2f} s", ""),
                (
                    "share of a 20-page dossier (>= 20 x OCR + seal)",
                    f"{put_s / pipeline * 100:.2f} %",
                    "goal < 3 %",
                ),
            ]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    w = max(len(r[0]) for r in rows)
    print(f"{'measure':<{w}}  {'time / size':>22}  {'rate / ratio':>22}")
    print("-" * (w + 48))
    for a, b, c in rows:
        print(f"{a:<{w}}  {b:>22}  {c:>22}")


if __name__ == "__main__":
    main()
