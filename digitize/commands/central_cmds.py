"""The central archive's commands: receive packages from offices, unpack one, trust an office."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

from digitize.commands._common import count_arg, open_workspace
from digitize.errors import UsageError

__all__ = ["cmd_keys_import_office", "register", "register_keys"]


def register(sub: argparse._SubParsersAction, common: Callable) -> None:
    """Add ``receive`` and ``unpack`` to the parser."""
    p = sub.add_parser("receive", help="nhận gói từ các cơ quan / receive offices' packages")
    common(p)
    p.add_argument("--from", dest="source", required=True, metavar="URL",
                   help="s3://bucket/prefix or file:///dir")
    p.add_argument("--endpoint", default=None, metavar="URL",
                   help="địa chỉ máy chủ S3 / S3 endpoint (SeaweedFS, MinIO...)")
    p.add_argument("--workers", type=count_arg, default=2, metavar="N",
                   help="số gói tải và kiểm tra song song / packages fetched and checked at once")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_receive)

    p = sub.add_parser("unpack", help="xuất gói ZIP chuẩn TT 05 / write the plain TT 05 ZIP")
    common(p)
    p.add_argument("package", metavar="PACKAGE",
                   help="tệp gói (.dgz) hoặc mã hồ sơ đã nhận / package file or received dossier")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="DIR")
    p.set_defaults(func=cmd_unpack)


def register_keys(ks: argparse._SubParsersAction) -> None:
    """Add ``keys import-office`` to the ``keys`` actions."""
    k = ks.add_parser("import-office", help="nhập khóa công khai của cơ quan / trust an office")
    k.add_argument("file", type=Path)
    k.add_argument("--label", required=True)
    k.set_defaults(func=cmd_keys_import_office)


def cmd_receive(args: argparse.Namespace) -> int:
    """Receive packages; print the batch report. Exit 1 if any was rejected or failed."""
    from digitize.transfer.receive import receive

    with open_workspace(args) as ws:
        stored = ws.catalog.get_setting("storage", {}) or {}
        rep = receive(ws, args.source, endpoint=args.endpoint or stored.get("endpoint"),
                      access_key=stored.get("access_key"), secret_key=stored.get("secret_key"),
                      workers=args.workers)
    if args.json:
        print(json.dumps(rep.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(rep.render())
    return 0 if not (rep.count("rejected") or rep.count("failed")) else 1


def cmd_unpack(args: argparse.Namespace) -> int:
    """Write a package's plain TT 05 transfer ZIP."""
    from digitize.transfer.receive import unpack

    with open_workspace(args) as ws:
        out = unpack(ws, Path(args.package), args.output)
    print(out)
    return 0


def cmd_keys_import_office(args: argparse.Namespace) -> int:
    """Trust an office's public key file (read the fingerprint back to it by phone)."""
    from archive.office_keys import import_office_key

    try:
        data = args.file.read_bytes()
    except OSError as e:
        raise UsageError(f"không đọc được tệp khóa / cannot read the key file {args.file}: "
                         f"{e.strerror}") from e
    from digitize.roles import require

    with open_workspace(args) as ws:
        require(ws, "keys")
        fp = import_office_key(ws.catalog, data, args.label,
                               own_fingerprint=ws.keys.fingerprint())
        ws.log("keys.import_office", None, {"label": args.label, "fingerprint": fp})
    print(f"Đã nhập khóa cơ quan / imported office key {args.label}: {fp}")
    print("Hãy đọc dấu vân tay này cho cơ quan qua điện thoại / read this fingerprint back to "
          "the office by phone")
    return 0
