"""Import files and folders a clerk brings: images, multi-page TIFFs, PDFs, in natural order."""

from __future__ import annotations

import errno
import os
import re
import stat
import threading
import unicodedata
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import BinaryIO

from digitize.capture.decode import head_bytes, iter_image
from digitize.capture.page import CapturedPage, ImportProblem
from digitize.capture.pdf import iter_pdf
from digitize.capture.quality import QualityFlag, QualityReport, assess
from digitize.errors import (
    Cancelled,
    CorruptImage,
    DigitizeError,
    EmptyFile,
    EmptyFolder,
    UnreadablePath,
)
from vntext import strip_marks

__all__ = ["DEFAULT_MAX_PIXELS", "IGNORED_NAMES", "iter_import", "natural_key", "walk"]

#: Largest image accepted (pixels): an A0 drawing at 300 dpi fits; bombs do not.
DEFAULT_MAX_PIXELS = 150_000_000
#: Files from this size on are not read into memory: their pages are decoded from the open file
#: one by one as they are needed, so a 3 GiB multi-page TIFF or PDF costs the memory of a page,
#: not of the file. Smaller files are read whole (one read).
STREAM_FROM = 1 << 30
#: System files skipped inside folders (hidden files, starting with ".", are skipped too).
IGNORED_NAMES = frozenset({"thumbs.db", "desktop.ini", ".ds_store"})

_DIGITS = re.compile(r"(\d+)")
_REASONS = {
    errno.ENOENT: "không tồn tại",
    errno.EACCES: "không có quyền đọc",
    errno.EPERM: "không có quyền đọc",
    errno.ELOOP: "liên kết vòng",
    errno.EIO: "lỗi đọc ổ đĩa",
}


def _fold(text: str) -> str:
    """Vietnamese-friendly primary sort form: casefolded, no tone or vowel marks, đ as d."""
    return strip_marks(text.casefold())


def natural_key(path: Path) -> tuple[tuple[int, object, str], ...]:
    """Sort key putting ``page2`` before ``page10`` and ``ảnh`` before ``quét``, part by part."""
    key: list[tuple[int, object, str]] = []
    for part in path.parts:
        for i, chunk in enumerate(_DIGITS.split(unicodedata.normalize("NFC", part))):
            if chunk:
                key.append((0, int(chunk), chunk) if i % 2 else (1, _fold(chunk), chunk))
        key.append((-1, "", ""))
    return tuple(key)


def _unreadable(path: Path, e: OSError) -> UnreadablePath:
    reason = _REASONS.get(e.errno or 0, f"lỗi hệ thống: {e.strerror or e}")
    return UnreadablePath(e.strerror or str(e), path=str(path), reason_vi=reason)


def walk(paths: Sequence[Path]) -> Iterator[Path | ImportProblem]:
    """Expand files and folders (recursively, natural order) into files to import.

    Folders are listed in natural order of their relative paths; hidden files and system
    files (``Thumbs.db``) are skipped. A path that cannot be read becomes a problem.
    """
    for raw in paths:
        path = Path(os.path.abspath(raw))  # one name per file, whatever the working folder
        try:
            path.stat()
        except OSError as e:
            yield ImportProblem(path, _unreadable(path, e))
            continue
        if not path.is_dir():
            yield path
            continue
        found: list[Path] = []
        problems: list[ImportProblem] = []

        def onerror(e: OSError, problems: list[ImportProblem] = problems,
                    top: Path = path) -> None:
            bad = Path(e.filename) if e.filename else top
            problems.append(ImportProblem(bad, _unreadable(bad, e)))

        for root, dirs, files in os.walk(path, onerror=onerror):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            found += [Path(root) / f for f in files
                      if not f.startswith(".") and f.casefold() not in IGNORED_NAMES]
        yield from problems
        if not found and not problems:
            yield ImportProblem(path, EmptyFolder(path=str(path)))
        yield from sorted(found, key=lambda p: natural_key(p.relative_to(path)))


def _read(path: Path, stream_from: int = STREAM_FROM) -> bytes | BinaryIO:
    """The file's bytes, or from ``stream_from`` bytes on the open file itself (the caller
    closes it once the file's pages are done)."""
    streamed = False
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a pipe or a device would never end
            raise UnreadablePath("not a regular file", path=str(path),
                                 reason_vi="không phải tệp thông thường")
        f = path.open("rb")
        try:
            streamed = os.fstat(f.fileno()).st_size >= max(1, stream_from)
            data = b"" if streamed else f.read()
        finally:
            if not streamed:
                f.close()
    except OSError as e:
        raise _unreadable(path, e) from e
    if streamed:
        return f  # the caller closes it
    if not data:
        raise EmptyFile(path=str(path))
    return data


def _checker(cancel: object) -> Callable[[], None]:
    event = getattr(cancel, "event", cancel)

    def check() -> None:
        if event is not None and event.is_set():
            raise Cancelled()
    return check


def _safe_assess(page: CapturedPage) -> QualityReport:
    """The page's quality report; a failure of the checks flags the page instead of losing it."""
    try:
        report = assess(page.image, page.dpi)
        if page.dpi_estimated:
            report.metrics["dpi_estimated"] = 1.0  # kept with the page: the file gave no dpi
        return report
    except Exception as e:  # noqa: BLE001 - an odd image must not stop the batch
        return QualityReport([QualityFlag("qc_error", "Không kiểm tra được chất lượng trang.",
                                          f"The page quality could not be checked "
                                          f"({type(e).__name__}).")], {})


def _assessed(items: Iterator[CapturedPage | ImportProblem],
              workers: int) -> Iterator[CapturedPage | ImportProblem]:
    """Run the quality checks of the next few pages in threads while decoding goes on.

    Order is kept and at most ``2 * workers`` pages wait in memory (OpenCV and Pillow release
    the GIL, so threads overlap on several cores).
    """
    if workers <= 1:
        for item in items:
            if isinstance(item, CapturedPage):
                item.quality = _safe_assess(item)
            yield item
        return
    window: deque[tuple[CapturedPage | ImportProblem, Future[QualityReport] | None]] = deque()
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="capture-qc") as pool:
        for item in items:
            fut = (pool.submit(_safe_assess, item)
                   if isinstance(item, CapturedPage) else None)
            window.append((item, fut))
            while len(window) > 2 * workers or (window and window[0][1] is None):
                yield _done(window.popleft())
        while window:
            yield _done(window.popleft())


def _done(entry: tuple[CapturedPage | ImportProblem, Future[QualityReport] | None]
          ) -> CapturedPage | ImportProblem:
    item, fut = entry
    if fut is not None and isinstance(item, CapturedPage):
        item.quality = fut.result()
    return item


def iter_import(paths: Sequence[Path], *, max_pixels: int = DEFAULT_MAX_PIXELS,
                cancel: threading.Event | None = None, quality: bool = True,
                workers: int = 1, stream_from: int = STREAM_FROM
                ) -> Iterator[CapturedPage | ImportProblem]:
    """Import files and folders page by page; a bad file never stops the batch.

    Supports JPEG, PNG, TIFF (multi-page, bilevel G4), BMP, WebP and PDF (a scanned page
    yields its embedded image at native resolution; other pages are rendered by ``pdftoppm``
    in memory; a born-digital page keeps its text). The format is told from the content,
    not the file name. Each page is yielded as soon as it is decoded.

    Args:
        paths: Files and folders, in the order given; folders recurse in natural order.
        max_pixels: Refuse images above this many pixels (decompression bombs).
        cancel: Checked between pages (a ``threading.Event`` or a ``CancelToken``).
        quality: Run :func:`digitize.capture.quality.assess` on every page.
        workers: Threads for the quality checks (they overlap with decoding the next pages).
        stream_from: Files of this many bytes or more are decoded from the open file, page
            by page, instead of being read into memory (no size is refused).

    Yields:
        A :class:`CapturedPage` per page, or an :class:`ImportProblem` (one per bad file or
        bad page) whose error names the file in Vietnamese and English.

    Raises:
        Cancelled: ``cancel`` was set; pages yielded before are the caller's to keep.
    """
    items = _pages(paths, max_pixels, _checker(cancel), stream_from)
    return _assessed(items, workers) if quality else items


def _pages(paths: Sequence[Path], max_pixels: int, check: Callable[[], None],
           stream_from: int) -> Iterator[CapturedPage | ImportProblem]:
    for item in walk(paths):
        check()
        if isinstance(item, ImportProblem):
            yield item
            continue
        path = item
        data: bytes | BinaryIO | None = None
        try:
            data = _read(path, stream_from)
            head = head_bytes(data, 1024)
            pages = (iter_pdf(path, data, max_pixels=max_pixels, check=check)
                     if b"%PDF-" in head else
                     iter_image(path, data, max_pixels=max_pixels, check=check))
            yield from pages
        except Cancelled:
            raise
        except DigitizeError as e:
            yield ImportProblem(path, e)
        except Exception as e:  # noqa: BLE001 - a decoder bug must not stop the batch
            yield ImportProblem(path, CorruptImage(f"{type(e).__name__}: {e}", path=str(path)))
        finally:
            if data is not None and not isinstance(data, bytes):
                data.close()
