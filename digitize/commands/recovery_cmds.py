"""Commands that keep records from being lost: rebuild-catalog, backup, restore."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from archive.errors import ArchiveError, ArchiveNotFound
from archive.keystore import Keystore
from digitize.commands._common import (
    archive_dir,
    open_workspace,
    passphrase,
    print_json,
    stderr_progress,
)
from digitize.core import Workspace
from digitize.errors import UsageError
from digitize.store.vault import CATALOG_FILE, KEYSTORE_FILE

if TYPE_CHECKING:
    from digitize.recovery.rebuild import RebuildReport

__all__ = ["register"]


def register(sub: argparse._SubParsersAction, common: Callable) -> None:
    """Add this module's commands to the parser."""
    p = sub.add_parser("rebuild-catalog",
                       help="dựng lại danh mục từ các gói hồ sơ / rebuild the catalog from "
                            "the containers and keys")
    common(p)
    p.add_argument("--force", action="store_true",
                   help="dựng lại cả khi danh mục còn mở được (danh mục cũ được giữ lại) / "
                        "rebuild even when the catalog still opens (the old one is kept aside)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_rebuild)

    p = sub.add_parser("backup", help="sao lưu toàn bộ kho (gia tăng, có kiểm tra) / "
                                      "incremental, verified backup of the whole archive")
    common(p)
    p.add_argument("--to", required=True, metavar="DIR|s3://BUCKET/PREFIX",
                   help="thư mục sao lưu (ổ rời, ổ mạng) hoặc kho S3 / backup folder or S3 URL")
    p.add_argument("--endpoint", default=None, metavar="URL",
                   help="máy chủ S3 (SeaweedFS, MinIO…) / S3 endpoint URL")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help="khôi phục kho từ bản sao lưu vào thư mục mới / "
                                       "restore a backup into a new archive folder (--archive)")
    common(p)
    p.add_argument("--from", dest="source", required=True, metavar="DIR|s3://BUCKET/PREFIX",
                   help="thư mục sao lưu hoặc kho S3 (đọc thẳng, kiểm tra từng tệp) / backup "
                        "folder or S3 URL (read directly, every file checked)")
    p.add_argument("--endpoint", default=None, metavar="URL",
                   help="máy chủ S3 (SeaweedFS, MinIO…); khóa lấy từ AWS_ACCESS_KEY_ID / "
                        "AWS_SECRET_ACCESS_KEY / S3 endpoint URL; keys from the AWS variables")
    p.add_argument("--snapshot", default=None, help="bản nào (mặc định: mới nhất) / which "
                                                    "snapshot (default: the newest)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_restore)


def _catalog_opens(root: Path, pw: str) -> bool:
    try:
        Workspace.open(root, pw, readonly=True).close()
    except ArchiveError:
        return False
    return True


def cmd_rebuild(args: argparse.Namespace) -> int:
    """Rebuild catalog.db from the containers, the keys and the audit log."""
    from digitize.recovery.rebuild import rebuild_catalog

    root = archive_dir(args)
    if not (root / KEYSTORE_FILE).exists():
        raise ArchiveNotFound(str(root))
    pw = passphrase(args)
    keys = Keystore.unlock(root / KEYSTORE_FILE, pw)
    if (root / CATALOG_FILE).exists() and not args.force and _catalog_opens(root, pw):
        raise UsageError("danh mục vẫn mở được; dùng --force để dựng lại (mất các hồ sơ đang "
                         "xử lý chưa đóng gói) / the catalog still opens: use --force to "
                         "rebuild it (dossiers not yet sealed are lost)")
    report = rebuild_catalog(root, keys, progress=stderr_progress)
    with Workspace.open(root, pw, actor="rebuild-catalog") as ws:
        ws.log("catalog.rebuild", None, {"dossiers": report.dossiers,
                                         "versions": report.versions,
                                         "failed": len(report.failed)})
    if sys.stderr.isatty():
        print(file=sys.stderr)
    if args.json:
        print_json(report.to_dict())
    else:
        _print_report(report)
    return 3 if report.failed else 0


def _print_report(r: RebuildReport) -> None:
    print(f"Đã dựng lại / rebuilt: {r.dossiers} hồ sơ/dossiers, {r.versions} phiên bản/versions, "
          f"{r.documents} tài liệu/documents, {r.pages} trang/pages, {r.exports} lần gửi/exports")
    if r.moved_aside:
        print(f"Danh mục cũ giữ lại tại / old catalog kept as: {r.moved_aside}")
    for cid, why in r.failed:
        print(f"LỖI / FAIL {cid}: {why}")
    for cid, why in r.skipped:
        print(f"bỏ qua / skipped {cid}: {why}")
    print("Không khôi phục được / not recoverable:")
    for what in r.not_recovered:
        print(f"  - {what}")


def cmd_backup(args: argparse.Namespace) -> int:
    """Back up the archive to a folder."""
    with open_workspace(args) as ws:
        report = ws.recovery.backup(args.to, endpoint=args.endpoint, progress=stderr_progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    if args.json:
        print_json(report.to_dict())
    else:
        print(f"Đã sao lưu / backed up: {report.to} ({report.snapshot}): {report.containers} gói/"
              f"containers, {report.sent} mới/new ({report.bytes_sent} bytes), "
              f"{report.verified} tệp đã đọc lại/files read back")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Restore a backup into a new archive folder."""
    from digitize.recovery.restore import restore_archive

    if not getattr(args, "archive", None):
        raise UsageError("cần --archive THƯ_MỤC_MỚI / --archive NEW_FOLDER is required")
    root = archive_dir(args)
    report = restore_archive(args.source, root, passphrase(args), snapshot=args.snapshot,
                             progress=stderr_progress, endpoint=args.endpoint)
    if args.json:
        print_json(report.to_dict())
    else:
        print(f"Đã khôi phục / restored {report.snapshot} -> {root}: {report.containers} gói/"
              "containers; hãy chạy / now run: digitize verify --all")
    return 0
