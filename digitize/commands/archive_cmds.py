"""Commands on the archive: init, process, import, verify, decrypt, report, keys, reindex."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from digitize.commands._common import (
    archive_dir,
    jobs_arg,
    open_workspace,
    passphrase,
    print_json,
    stderr_progress,
)
from digitize.core import Workspace
from digitize.errors import ExitCode

__all__ = ["register"]


def register(sub: argparse._SubParsersAction, common: Callable) -> None:
    """Add this module's commands to the parser."""
    p = sub.add_parser("init", help="tạo kho lưu trữ / create an archive")
    common(p)
    p.add_argument("--office-code", required=True, help="mã cơ quan / office code")
    p.add_argument("--office-name", required=True, help="tên cơ quan / office name")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("process", help="xử lý trọn gói / the whole pipeline, headless")
    common(p)
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument("--title", default="", help="tiêu đề hồ sơ / dossier title")
    p.add_argument("--jobs", type=jobs_arg, default=None, help="số luồng / parallel pages")
    p.add_argument("--ocr-lang", default="vie", help="ngôn ngữ OCR / OCR language (vie, vie+eng)")
    p.add_argument("--pin-file", default=None, metavar="F",
                   help="tệp chứa PIN khóa ký số (nếu cơ quan ký PAdES) / signing PIN file")
    p.add_argument("--secret", default="", metavar="MARK",
                   help="khai báo tài liệu mật (MẬT|TỐI MẬT|TUYỆT MẬT) / declare a secrecy mark")
    p.set_defaults(func=cmd_process)

    p = sub.add_parser("verify", help="kiểm tra chữ ký, mã băm / check signatures, checksums")
    common(p)
    p.add_argument("ids", nargs="*", metavar="ID")
    p.add_argument("--all", action="store_true", help="mọi hồ sơ / every record")
    p.add_argument("--against", metavar="URL|FILE", default=None,
                   help="so với điểm kiểm tra nhật ký đã xuất (file:///DIR, s3://..., tệp) / "
                        "check the audit log against the newest exported checkpoint")
    p.add_argument("--endpoint", default=None, metavar="URL", help="S3 endpoint")
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("checkpoint", help="điểm kiểm tra nhật ký có chữ ký / a signed audit "
                                          "checkpoint to print or keep on removable media")
    common(p)
    p.add_argument("-o", "--output", type=Path, default=None, metavar="FILE")
    p.set_defaults(func=cmd_checkpoint)

    p = sub.add_parser("decrypt", help="giải mã hồ sơ ra thư mục / decrypt a dossier")
    common(p)
    p.add_argument("id", metavar="ID")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="DIR")
    p.set_defaults(func=cmd_decrypt)

    p = sub.add_parser("list", help="liệt kê hồ sơ / list dossiers")
    common(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_list)


def cmd_init(args: argparse.Namespace) -> int:
    """Create an archive."""
    root = archive_dir(args)
    with Workspace.init(root, passphrase(args, confirm=True), office_code=args.office_code,
                        office_name=args.office_name) as ws:
        print(f"Đã tạo kho lưu trữ / archive created: {root}")
        print(f"Vân tay khóa cơ quan / office key fingerprint: {ws.keys.fingerprint()}")
    return 0


def cmd_process(args: argparse.Namespace) -> int:
    """Run the pipeline and print the dossier id."""
    from digitize.commands.sign_cmds import read_pin
    from digitize.pipeline.pagework import warm_up
    from digitize.pipeline.prestart import likely_batch

    if likely_batch(args.paths):
        warm_up()  # the page workers' server imports while the archive key is derived
    with open_workspace(args, action="capture") as ws, \
            ws.signing.batch(pin=lambda *_a: read_pin(args)):
        # the PIN (if the office signs) is asked once, before any page is processed
        r = ws.capture.process(args.paths, title=args.title, jobs=args.jobs,
                               lang=args.ocr_lang, declared_secret=args.secret,
                               progress=stderr_progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    for path, msg in r.problems:
        print(f"bỏ qua / skipped {path}: {msg}", file=sys.stderr)
    note = " (đã lưu trước đó / already stored)" if r.already_stored else \
        " (tiếp tục / resumed)" if r.resumed else ""
    print(f"{r.dossier_id}{note}", file=sys.stderr) if note else None
    print(r.dossier_id)
    return ExitCode.FAILURE if r.problems else 0


def cmd_verify(args: argparse.Namespace) -> int:
    """Verify containers, catalog and audit log; exit 3 on any failure."""
    from digitize.transfer.checkpoint import load_checkpoint

    given = [(args.against, load_checkpoint(args.against, endpoint=args.endpoint))] \
        if args.against else []
    with open_workspace(args, action="verify") as ws:
        report = ws.records.verify(None if args.all or not args.ids else args.ids,
                                   against=given)
    for record, reason in report.failures:
        print(f"LỖI / FAIL {record}: {reason}")
    for place, reason in report.unchecked:
        print(f"CHƯA KIỂM TRA / NOT CHECKED {place}: {reason}")
    print(f"Đã kiểm tra / checked {len(report.checked)} hồ sơ; "
          f"lỗi / failures: {len(report.failures)}")
    return 0 if report.ok else ExitCode.TAMPERED


def cmd_checkpoint(args: argparse.Namespace) -> int:
    """Print (or write) a checkpoint of the audit log signed by the office key (admin)."""
    from digitize.store.intake import write_private
    from digitize.transfer.checkpoint import make_checkpoint

    with open_workspace(args, action="export") as ws:
        data = make_checkpoint(ws)
        ws.log("log.export_checkpoint", None, {"seq": json.loads(data)["seq"]})
    if args.output:
        write_private(args.output, data)
        print(f"{args.output}")
    else:
        sys.stdout.write(data.decode("utf-8"))
    return 0


def cmd_decrypt(args: argparse.Namespace) -> int:
    """Decrypt a dossier to a folder (0700, files 0600)."""
    with open_workspace(args, action="view") as ws:
        files = ws.records.decrypt(args.id, args.output)
    print(f"{len(files)} tệp / files -> {args.output}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    """List dossiers."""
    with open_workspace(args, action="list", readonly=True) as ws:
        rows = [{"id": d.id, "title": d.title, "status": d.status, "created": d.created,
                 "fileCode": d.file_code} for d in ws.dossiers()]
        ws.log("dossier.list", None, {"count": len(rows)})
    if args.json:
        print_json(rows)
    else:
        for r in rows:
            print(f"{r['id']}\t{r['status']}\t{r['fileCode'] or ''}\t{r['title']}")
    return 0
