"""The Tesseract executable: probing (version, languages) and one in-memory run per page.

Images go to Tesseract on stdin as PNM and the TSV result comes back on stdout, so no page
content is ever written to a file; Tesseract's working folder and ``TMPDIR`` point at a wiped
RAM folder for anything it might still write. ``OMP_THREAD_LIMIT=1`` keeps one thread per
process: parallelism comes from running several pages at once (see :mod:`ocr.pool`).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import threading
import time
from functools import lru_cache
from pathlib import Path

import numpy as np
import pytesseract

from ocr.errors import OcrCancelled, OcrFailed, OcrTimeout, TesseractMissing
from ocr.ramdir import ram_dir

__all__ = [
    "DEFAULT_TIMEOUT",
    "available",
    "executable",
    "languages",
    "require",
    "run_osd",
    "run_tsv",
    "to_pnm",
    "version",
]

#: Seconds one page may take before it is abandoned.
DEFAULT_TIMEOUT = 180.0

_APT_PACKAGE = {"vie": "tesseract-ocr-vie", "eng": "tesseract-ocr-eng", "osd": "tesseract-ocr-osd"}


def executable() -> str:
    """Path of the ``tesseract`` program (pytesseract's setting, else ``$PATH``).

    Raises:
        TesseractMissing: No tesseract on this machine.
    """
    # a packaged app points at its bundled Tesseract (packaging/rthook_tesseract.py)
    cmd = os.environ.get("DIGITIZE_TESSERACT") or pytesseract.pytesseract.tesseract_cmd
    found = shutil.which(cmd)
    if not found:
        raise TesseractMissing("(tesseract-ocr)")
    return found


@lru_cache(maxsize=4)
def _version_of(cmd: str) -> str:
    out = subprocess.run([cmd, "--version"], capture_output=True, text=True, timeout=30,
                         env=_env(), check=False)
    m = re.search(r"tesseract\s+v?(\d+\.\d+(?:\.\d+)?)", out.stdout + out.stderr)
    if not m:
        raise TesseractMissing("(tesseract-ocr: cannot read version)")
    return m.group(1)


def version() -> str:
    """Tesseract's version, e.g. ``"5.3.0"``.

    Raises:
        TesseractMissing: No tesseract on this machine.
    """
    return _version_of(executable())


def available() -> bool:
    """True when Tesseract 4 or later and its ``vie`` data are installed."""
    try:
        return int(version().split(".")[0]) >= 4 and "vie" in languages()
    except TesseractMissing:
        return False


@lru_cache(maxsize=4)
def _languages_of(cmd: str) -> tuple[str, ...]:
    out = subprocess.run([cmd, "--list-langs"], capture_output=True, text=True, timeout=30,
                         env=_env(), check=False)
    lines = [ln.strip() for ln in out.stdout.splitlines()[1:] if ln.strip()]
    return tuple(sorted(lines))


def languages() -> tuple[str, ...]:
    """Installed language models, e.g. ``("eng", "osd", "vie")``.

    Raises:
        TesseractMissing: No tesseract on this machine.
    """
    return _languages_of(executable())


def require(lang: str) -> None:
    """Check that every language of ``lang`` (``"vie+eng"``) is installed.

    Raises:
        TesseractMissing: Naming the Debian package to install.
    """
    have = set(languages())
    for code in lang.split("+"):
        if code not in have:
            raise TesseractMissing(f"'{code}' ({_APT_PACKAGE.get(code, 'tesseract-ocr-' + code)})")


def _env(tmp: Path | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = "1"
    if tmp is not None:
        env["TMPDIR"] = str(tmp)
        env["TMP"] = env["TEMP"] = str(tmp)
    return env


def to_pnm(image: np.ndarray) -> bytes:
    """Encode a gray or RGB ``uint8`` array as binary PGM/PPM (fast, uncompressed).

    Args:
        image: ``(h, w)`` or ``(h, w, 3)`` array.

    Returns:
        The PNM bytes.
    """
    img = np.ascontiguousarray(image, dtype=np.uint8)
    magic = b"P5" if img.ndim == 2 else b"P6"
    h, w = img.shape[:2]
    return magic + f"\n{w} {h}\n255\n".encode() + img.tobytes()


def run_tsv(image: np.ndarray, *, lang: str = "vie", dpi: int = 300, psm: int = 3,
            config: dict[str, str] | None = None, extra_args: tuple[str, ...] = (),
            timeout: float = DEFAULT_TIMEOUT, cancel: threading.Event | None = None) -> str:
    """Run Tesseract once on ``image`` and return its TSV (words, boxes, confidences).

    Args:
        image: Gray or RGB ``uint8`` array.
        lang: Tesseract language string.
        dpi: Resolution to tell Tesseract.
        psm: Page segmentation mode.
        config: ``-c`` variables.
        extra_args: More command-line arguments (e.g. ``--user-words FILE``).
        timeout: Seconds before :class:`OcrTimeout`.
        cancel: When set, the run is killed and :class:`OcrCancelled` raised.

    Returns:
        The TSV text.

    Raises:
        TesseractMissing: Tesseract or a language is missing.
        OcrTimeout: The run took longer than ``timeout``.
        OcrFailed: Tesseract exited with an error.
        OcrCancelled: ``cancel`` was set.
    """
    cmd = [executable(), "stdin", "stdout", "-l", lang, "--psm", str(psm), "--dpi", str(dpi),
           *extra_args]
    for key, value in {"tessedit_create_tsv": "1", **(config or {})}.items():
        cmd += ["-c", f"{key}={value}"]
    data = to_pnm(image)
    with ram_dir() as tmp:
        try:
            code, out, err_bytes = _communicate(cmd, data, tmp, timeout, cancel)
        except OSError as e:
            raise TesseractMissing(f"({e})") from e
    if code != 0:
        err = err_bytes.decode("utf-8", "replace").strip()
        if "Failed loading language" in err or "Error opening data file" in err:
            require(lang)
        raise OcrFailed(err.splitlines()[-1] if err else f"exit code {code}")
    return out.decode("utf-8", "replace")


def run_osd(image: np.ndarray, *, dpi: int = 300, timeout: float = DEFAULT_TIMEOUT,
            cancel: threading.Event | None = None) -> tuple[int, float]:
    """Detect the page orientation with Tesseract's OSD (``--psm 0``).

    Args:
        image: Gray or RGB ``uint8`` array.
        dpi: Its resolution.
        timeout: Seconds before :class:`OcrTimeout`.
        cancel: When set, the run is killed and :class:`OcrCancelled` raised.

    Returns:
        ``(rotate, confidence)``: degrees to turn the image clockwise to make it upright
        (0, 90, 180, 270) and OSD's confidence; ``(0, 0.0)`` when OSD cannot tell.
    """
    if "osd" not in languages():
        return 0, 0.0
    cmd = [executable(), "stdin", "stdout", "--psm", "0", "--dpi", str(dpi)]
    with ram_dir() as tmp:
        code, out, _err = _communicate(cmd, to_pnm(image), tmp, timeout, cancel)
    text = out.decode("utf-8", "replace")
    rot = re.search(r"Rotate:\s*(\d+)", text)
    conf = re.search(r"Orientation confidence:\s*([\d.]+)", text)
    if code != 0 or not rot or not conf:
        return 0, 0.0
    return int(rot.group(1)) % 360, float(conf.group(1))


def _communicate(cmd: list[str], data: bytes, tmp: Path, timeout: float,
                 cancel: threading.Event | None) -> tuple[int, bytes, bytes]:
    """Run ``cmd`` with ``data`` on stdin, polling ``cancel``; kill it on timeout or cancel."""
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=_env(tmp), cwd=tmp)
    deadline = time.monotonic() + timeout
    feed: bytes | None = data
    try:
        while True:
            try:
                out, err = proc.communicate(feed, timeout=0.2 if cancel else timeout)
                return proc.returncode, out, err
            except subprocess.TimeoutExpired:
                feed = None
                if cancel is not None and cancel.is_set():
                    raise OcrCancelled() from None
                if time.monotonic() > deadline:
                    raise OcrTimeout(f"{timeout:.0f} s") from None
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
