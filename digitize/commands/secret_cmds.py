"""Commands on secrecy decisions and the hot folder: ``secret ...`` and ``watch``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from digitize.commands._common import dossier_id_arg, jobs_arg, open_workspace
from digitize.errors import ExitCode

__all__ = ["register"]


def register(sub: argparse._SubParsersAction, common: Callable) -> None:
    """Add this module's commands to the parser."""
    p = sub.add_parser("secret", help="trang mang dấu mật chờ quyết định / pages held by the "
                                      "secrecy gate")
    common(p)
    ss = p.add_subparsers(dest="secret_command", metavar="ACTION", required=True)

    def on_dossier(name: str, help_text: str, func: Callable) -> argparse.ArgumentParser:
        """A ``secret`` action taking the dossier ID."""
        s = ss.add_parser(name, help=help_text)
        common(s)
        s.add_argument("dossier", metavar="ID", type=dossier_id_arg)
        s.set_defaults(func=func)
        return s

    on_dossier("pages", "các trang đang bị giữ / pages waiting for a decision", cmd_pages)
    on_dossier("remove-pages", "bỏ hẳn các trang mật, giữ phần còn lại / drop the withheld "
                               "pages, keep the rest", cmd_remove)
    on_dossier("move-offline", "chuyển cả hồ sơ sang máy ngoại tuyến: xóa mọi thứ của nó ở "
                               "đây / move the whole dossier to the offline workstation: purge "
                               "it here", cmd_move_offline)
    s = on_dossier("confirm-declassified", "xác nhận dấu GIẢI MẬT của một trang (lưu trữ viên, "
                                           "quản trị) / confirm a page's GIẢI MẬT stamp",
                   cmd_confirm)
    s.add_argument("--page", type=int, required=True, metavar="N")
    s.add_argument("--confirmer", default=None, metavar="NAME",
                   help="lưu trữ viên/quản trị viên xác nhận trong phiên của văn thư (--user) / "
                        "the archivist or admin co-signing in the clerk's session (--user)")
    s.add_argument("--confirmer-password-file", default=None, metavar="F",
                   help="tệp chứa mật khẩu người xác nhận / the confirmer's password file")

    p = sub.add_parser("watch", help="xử lý tệp máy quét ghi vào thư mục / process the files a "
                                     "scanner writes into a folder")
    common(p)
    p.add_argument("folder", type=Path, metavar="DIR")
    p.add_argument("--done", type=Path, default=None, metavar="DIR",
                   help="nơi chuyển tệp đã lưu (mặc định DIR/.done) / where stored files go")
    p.add_argument("--secret", default=None, metavar="MARK",
                   help="khai báo độ mật cho mọi tệp: none|MẬT|TỐI MẬT|TUYỆT MẬT (mặc định "
                        "none, có ghi nhật ký) / declared secrecy of every file")
    p.add_argument("--once", action="store_true",
                   help="xử lý tệp đã đủ rồi thoát / process the complete files, then exit")
    p.add_argument("--settle", type=float, default=2.0, metavar="S",
                   help="giây tệp phải đứng yên / seconds a file must be still")
    p.add_argument("--jobs", type=jobs_arg, default=None)
    p.add_argument("--ocr-lang", default="vie")
    p.add_argument("--pin-file", default=None, metavar="F",
                   help="tệp chứa PIN khóa ký số / signing PIN file")
    p.set_defaults(func=cmd_watch)


def cmd_pages(args: argparse.Namespace) -> int:
    """List the dossier's pages waiting for a secrecy decision."""
    from digitize.pipeline import secret_pages

    with open_workspace(args, action="capture") as ws:
        for p in secret_pages.pending(ws, args.dossier):
            print(f"{p.seq}\t{p.status}\t{p.mark}")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    """Drop the withheld pages; the rest can be processed (run ``process`` again)."""
    from digitize.pipeline import secret_pages

    with open_workspace(args, action="capture") as ws:
        seqs = secret_pages.remove_withheld(ws, args.dossier)
    print(f"Đã bỏ trang / removed pages: {', '.join(map(str, seqs)) or '-'}")
    return 0


def cmd_move_offline(args: argparse.Namespace) -> int:
    """Purge the whole dossier here (its paper goes to the offline workstation)."""
    from digitize.pipeline import secret_pages

    with open_workspace(args, action="capture") as ws:
        n = secret_pages.move_offline(ws, args.dossier)
    print(f"Đã xóa hồ sơ {args.dossier} ({n} trang) khỏi máy này; hãy xử lý bản giấy trên máy "
          f"trạm ngoại tuyến / purged from this machine ({n} pages); process the paper on the "
          f"offline workstation")
    return 0


def cmd_confirm(args: argparse.Namespace) -> int:
    """An archivist or admin confirms a page's GIẢI MẬT stamp (audited)."""
    from digitize.pipeline import secret_pages

    if args.confirmer:  # co-signed in the clerk's session: the clerk's staging holds the page
        from digitize.commands._common import read_secret_file
        from digitize.errors import UsageError
        from digitize.pipeline.cosign import confirm_cosigned

        if not args.confirmer_password_file:
            raise UsageError("--confirmer cần --confirmer-password-file / --confirmer needs "
                             "--confirmer-password-file")
        password = read_secret_file(args.confirmer_password_file)
        with open_workspace(args, action="capture") as ws:
            confirm_cosigned(ws, args.dossier, args.page, args.confirmer, password)
    else:
        with open_workspace(args, action="list") as ws:
            secret_pages.confirm_declassified(ws, args.dossier, args.page)
    print(f"Đã xác nhận giải mật trang {args.page}; hãy chạy lại lệnh xử lý / confirmed; run "
          f"the processing command again")
    return 0


def cmd_watch(args: argparse.Namespace) -> int:
    """Process each complete file of the folder as its own dossier, through the gate."""
    from digitize.commands.sign_cmds import read_pin
    from digitize.pipeline.watch import WatchOutcome, watch_folder

    lang = getattr(args, "lang", "vi")
    if args.secret is None:
        print("Chưa khai báo độ mật: ghi nhận là không mật (--secret để khai báo) / no secrecy "
              "declared: recorded as none (use --secret)", file=sys.stderr)

    def report(o: WatchOutcome) -> None:
        if o.result is not None:
            print(f"{o.path}\t{o.result.dossier_id}")
        elif o.error is not None:
            print(f"digitize: {o.path}: {o.error.message(lang)}", file=sys.stderr)

    with open_workspace(args, action="capture") as ws, \
            ws.signing.batch(pin=lambda *_a: read_pin(args)):
        outcomes = watch_folder(ws, args.folder, done_dir=args.done,
                                declared_secret=args.secret or "", once=args.once,
                                settle_seconds=args.settle, jobs=args.jobs,
                                lang=args.ocr_lang, report=report)
    return ExitCode.FAILURE if any(o.error for o in outcomes) else 0
