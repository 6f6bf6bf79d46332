"""Commands on pages and files: devices, scan, import, clean, ocr, extract."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from digitize.commands._common import (
    dossier_id_arg,
    jobs_arg,
    open_workspace,
    stderr_progress,
)
from digitize.errors import ExitCode, InputFileError, UsageError
from digitize.model import DossierStatus

__all__ = ["register"]


def register(sub: argparse._SubParsersAction, common: Callable) -> None:
    """Add this module's commands to the parser."""
    p = sub.add_parser("devices", help="liệt kê máy quét / list scanners (SANE)")
    common(p)
    p.set_defaults(func=cmd_devices)

    p = sub.add_parser("scan", help="quét vào hồ sơ / scan into a dossier")
    common(p)
    p.add_argument("--device", required=True, metavar="DEV")
    p.add_argument("--source", default="Flatbed", choices=["ADF", "Flatbed", "ADF Duplex"])
    p.add_argument("--dpi", type=int, default=300)
    p.add_argument("--mode", default="Color", choices=["Color", "Gray", "Lineart"])
    p.add_argument("--pages", type=int, default=None)
    p.add_argument("--dossier", required=True, metavar="ID", type=dossier_id_arg)
    p.set_defaults(func=cmd_scan)

    p = sub.add_parser("import", help="thêm tệp ảnh/PDF vào hồ sơ / add files to a dossier")
    common(p)
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument("--dossier", required=True, metavar="ID", type=dossier_id_arg)
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("clean", help="làm sạch một trang / clean one page image")
    common(p)
    p.add_argument("image", type=Path, metavar="IMAGE")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="OUT")
    p.add_argument("--report", action="store_true", help="in số liệu chất lượng (JSON)")
    p.add_argument("--dpi", type=int, default=0)
    p.set_defaults(func=cmd_clean)

    p = sub.add_parser("ocr", help="nhận dạng chữ / OCR pages, text to stdout")
    common(p)
    p.add_argument("images", nargs="+", type=Path, metavar="IMAGE")
    p.add_argument("--no-clean", action="store_true")
    p.add_argument("--format", default="text", choices=["text", "hocr", "tsv", "pdf", "json"])
    p.add_argument("--ocr-lang", default="vie")
    p.add_argument("--jobs", type=jobs_arg, default=None)
    p.add_argument("-o", "--output", type=Path, default=None, help="PDF output file")
    p.set_defaults(func=cmd_ocr)

    p = sub.add_parser("extract", help="trích xuất đặc tả / metadata found in a file")
    common(p)
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--json", action="store_true", required=True)
    p.set_defaults(func=cmd_extract)


def _load_pages(paths: list[Path]) -> list:
    from digitize.capture.importer import ImportProblem, iter_import

    pages = []
    for item in iter_import(paths):
        if isinstance(item, ImportProblem):
            raise item.error
        pages.append(item)
    if not pages:
        raise InputFileError("không có trang / no page", path=", ".join(map(str, paths)))
    return pages


def _ensure_sane_config() -> None:
    """Use the app's own SANE config (no network backends) unless one is set already."""
    import os

    import platformdirs

    from digitize.capture.sane_config import write_app_sane_config

    if not os.environ.get("SANE_CONFIG_DIR"):
        folder = Path(platformdirs.user_config_dir("digitize", appauthor=False)) / "sane.d"
        os.environ["SANE_CONFIG_DIR"] = str(write_app_sane_config(folder))


@contextlib.contextmanager
def _capture_into(ws: Any, dossier_id: str) -> Iterator[None]:
    """Capture into a dossier: created if new and dropped again if it ends with no page (a
    scanner not found, only bad files); one already sealed is refused, as its container
    would not hold the new pages, which would sit in the catalog unprocessed."""
    from digitize.pipeline.run import new_dossier
    from digitize.store.rows import discard_if_empty, dossier_status

    status = dossier_status(ws.catalog, dossier_id)
    if status is None:
        new_dossier(ws, dossier_id, dossier_id=dossier_id)
    elif status != DossierStatus.CAPTURING:
        raise UsageError(f"hồ sơ {dossier_id} đã lưu, không thêm trang được; hãy sửa trong "
                         f"ứng dụng (tạo phiên bản mới) / dossier {dossier_id} is already stored; "
                         f"edit it in the app (a new version)")
    try:
        yield
    finally:
        if status is None:
            # best effort: the error that brought us here is the one to report
            with contextlib.suppress(Exception):
                if discard_if_empty(ws.catalog, dossier_id):
                    ws.log("dossier.discard", dossier_id, {})


def cmd_devices(args: argparse.Namespace) -> int:
    """List scanners."""
    from digitize.capture.scanner import list_devices

    _ensure_sane_config()
    devices = list_devices()
    for d in devices:
        print(f"{d.name}\t{d.vendor} {d.model}\t{d.type}")
    if not devices:
        print("Không tìm thấy máy quét / no scanner found", file=sys.stderr)
    return 0


def cmd_scan(args: argparse.Namespace) -> int:
    """Scan into a dossier (created if new), pages streaming in one by one."""
    from digitize.capture.scanner import scan_batch
    from digitize.pipeline.run import capture_pages

    _ensure_sane_config()
    with open_workspace(args, action="capture") as ws:
        with _capture_into(ws, args.dossier):
            n = capture_pages(ws, args.dossier, scan_batch(args.device, source=args.source,
                                                           dpi=args.dpi, mode=args.mode,
                                                           pages=args.pages),
                              progress=stderr_progress)
        ws.log("dossier.scan", args.dossier, {"pages": n, "device": args.device})
    print(f"{args.dossier}: {n} trang đã quét / pages scanned")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Import files into a dossier (created if new)."""
    from digitize.capture.importer import iter_import
    from digitize.pipeline.run import capture_pages

    problems: list[tuple[str, str]] = []
    with open_workspace(args, action="capture") as ws:
        with _capture_into(ws, args.dossier):
            n = capture_pages(ws, args.dossier, iter_import(args.paths), problems=problems,
                              progress=stderr_progress)
        ws.log("dossier.import", args.dossier, {"pages": n, "problems": len(problems)})
    for path, msg in problems:
        print(f"LỖI / ERROR {path}: {msg}", file=sys.stderr)
    print(f"{args.dossier}: {n} trang đã nhập / pages imported")
    return ExitCode.FAILURE if problems else 0


def cmd_clean(args: argparse.Namespace) -> int:
    """Clean one page image."""
    import cv2

    from digitize.clean import clean_page, report_json

    page = _load_pages([args.image])[0]
    result = clean_page(page.image, dpi=args.dpi or page.dpi)
    img = result.archive
    bgr = cv2.cvtColor(img, cv2.COLOR_RGB2BGR) if img.ndim == 3 else img
    try:
        written = cv2.imwrite(str(args.output), bgr)
    except cv2.error as e:  # an extension OpenCV has no writer for
        raise UsageError(f"không ghi được {args.output}: dùng đuôi .png, .jpg hoặc .tif / "
                         f"cannot write {args.output}: use .png, .jpg or .tif") from e
    if not written:
        raise InputFileError("không ghi được / cannot write", path=str(args.output))
    if args.report:
        print(report_json(result))
    return 0


def cmd_ocr(args: argparse.Namespace) -> int:
    """OCR pages; text to stdout in page order (or hOCR/TSV/JSON, or a PDF file)."""
    from digitize.pipeline.ocrjob import ocr_pages

    pages = _load_pages(args.images)
    results = ocr_pages(pages, clean=not args.no_clean, lang=args.ocr_lang, jobs=args.jobs,
                        progress=stderr_progress)
    if args.format == "pdf":
        from ocr.pdf import PdfPage, build_pdf

        data = build_pdf([PdfPage(image=img, dpi=p.dpi, ocr=o) for p, img, o in results],
                         title=args.images[0].stem)
        if args.output:
            args.output.write_bytes(data)
        else:
            sys.stdout.buffer.write(data)
        return 0
    for i, (_page, _img, o) in enumerate(results):
        if args.format == "text":
            sys.stdout.write(o.text.rstrip("\n") + "\n")
            if i < len(results) - 1:
                sys.stdout.write("\f\n")
        elif args.format == "json":
            print(json.dumps(o.to_dict(), ensure_ascii=False))
        elif args.format == "tsv":
            for w in o.words:
                print(f"{i + 1}\t{w.block}\t{w.line}\t{w.left}\t{w.top}\t{w.width}\t{w.height}"
                      f"\t{w.conf:.1f}\t{w.text}")
        else:
            from ocr.hocr import to_hocr

            print(to_hocr(o, page_no=i + 1))
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    """Print the metadata found in an image, PDF or text file as JSON."""
    from digitize.metadata.extract import extract, to_json

    if args.file.suffix.lower() in (".txt", ".text"):
        try:
            text = args.file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise InputFileError(str(e), path=str(args.file)) from e
        print(to_json(extract(text)))
        return 0
    from digitize.pipeline.ocrjob import ocr_pages

    page, img, o = ocr_pages(_load_pages([args.file])[:1], clean=True)[0]
    if page.text and len(page.text.strip()) > 20:
        print(to_json(extract(page.text)))
    else:
        print(to_json(extract(o.text, words=o.words, page_size=(o.width, o.height), image=img)))
    return 0
