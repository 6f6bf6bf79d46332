"""Commands that read or move records: search, export, report, reindex, keys."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

from archive.keys.strength import check_secret
from digitize.commands._common import (
    archive_dir,
    count_arg,
    open_workspace,
    passphrase,
    print_json,
    read_secret_file,
)
from digitize.errors import UsageError
from digitize.store.intake import check_generation

__all__ = ["register"]


def _date(s: str) -> date:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            from datetime import datetime

            return datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"ngày không hợp lệ / invalid date: {s} (YYYY-MM-DD)")


def register(sub: argparse._SubParsersAction, common: Callable) -> None:
    """Add this module's commands to the parser."""
    p = sub.add_parser("search", help="tìm kiếm toàn văn / full-text and field search")
    common(p)
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--json", action="store_true")
    p.add_argument("--type", dest="type_code", metavar="CODE", help="mã loại văn bản / type code")
    p.add_argument("--from", dest="date_from", type=_date, metavar="D")
    p.add_argument("--to", dest="date_to", type=_date, metavar="D")
    p.add_argument("--organ", default=None, help="cơ quan ban hành / issuer")
    p.add_argument("--dossier", default=None, metavar="ID")
    p.add_argument("--retention", default=None, metavar="CODE",
                   help="thời hạn bảo quản / retention code (01 = Vĩnh viễn / permanent)")
    p.add_argument("--limit", type=count_arg, default=20, metavar="N")
    p.add_argument("--offset", type=count_arg, default=0, metavar="N",
                   help="bỏ qua N kết quả đầu / skip the first N hits (next page)")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("reindex", help="dựng lại chỉ mục tìm kiếm / rebuild the search index")
    common(p)
    p.set_defaults(func=cmd_reindex)

    p = sub.add_parser("export", help="gửi lên kho trung tâm / batch upload to central storage")
    common(p)
    p.add_argument("--to", required=True, metavar="URL", help="s3://bucket/prefix or file:///dir")
    p.add_argument("--endpoint", default=None, metavar="URL",
                   help="địa chỉ máy chủ S3 / S3 endpoint (SeaweedFS, MinIO...)")
    p.add_argument("--dry-run", action="store_true",
                   help="chỉ liệt kê, không gửi / list what would be sent and excluded")
    p.add_argument("--json", action="store_true")
    p.add_argument("--bandwidth", type=float, default=None, metavar="MBPS",
                   help="giới hạn băng thông, Mbit/s / bandwidth limit in Mbit/s")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("report", help="tiến độ số hóa / digitization progress")
    common(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("keys", help="quản lý khóa / key management")
    common(p)
    ks = p.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    k = ks.add_parser("show", help="vân tay khóa / fingerprints")
    k.set_defaults(func=cmd_keys_show)
    k = ks.add_parser("export-public", help="xuất khóa công khai / export public keys")
    k.add_argument("-o", "--output", type=Path, required=True)
    k.set_defaults(func=cmd_keys_export)
    k = ks.add_parser("import-central", help="nhập khóa kho trung tâm / import a central key")
    k.add_argument("file", type=Path)
    k.add_argument("--label", required=True)
    k.set_defaults(func=cmd_keys_import)
    from digitize.commands.central_cmds import register_keys

    register_keys(ks)  # import-office: the central archive's side (#21)
    k = ks.add_parser("remove-central", help="xóa khóa kho trung tâm / remove a central key")
    k.add_argument("fingerprint")
    k.set_defaults(func=cmd_keys_remove)
    k = ks.add_parser("backup", help="sao lưu khóa (mã hóa) / encrypted key backup")
    k.add_argument("-o", "--output", type=Path, required=True)
    k.add_argument("--backup-passphrase-file", type=Path, required=True)
    k.set_defaults(func=cmd_keys_backup)
    k = ks.add_parser("restore", help="khôi phục khóa / restore a key backup")
    k.add_argument("file", type=Path)
    k.add_argument("--backup-passphrase-file", type=Path, required=True)
    k.set_defaults(func=cmd_keys_restore)
    k = ks.add_parser("passwd", help="đổi cụm mật khẩu / change the passphrase")
    k.add_argument("--new-passphrase-file", type=Path, required=True)
    k.set_defaults(func=cmd_keys_passwd)
    k = ks.add_parser("rotate", help="đổi khóa giải mã và khóa danh mục (cần cụm mật khẩu) / "
                                     "rotate the office's decryption and catalog keys")
    k.set_defaults(func=cmd_keys_rotate)


def cmd_search(args: argparse.Namespace) -> int:
    """Search the archive."""
    with open_workspace(args, action="search", readonly=True) as ws:
        res = ws.search(args.query, type_code=args.type_code, date_from=args.date_from,
                        date_to=args.date_to, organ=args.organ, dossier_id=args.dossier,
                        maintenance=args.retention, limit=args.limit, offset=args.offset)
    if args.json:
        print(res.to_json())
        return 0
    for h in res.hits:
        print(f"{h.dossier_id}  {h.doc_id or '-'}  trang/page {h.page_seq}  "
              f"{h.dossier_title}\n    {h.snippet}")
    if res.total_exact:
        print(f"{res.total} kết quả / results ({res.elapsed_ms:.0f} ms)")
    else:
        print(f"hơn {res.total} kết quả, xếp hạng {res.total} trang mới nhất; thêm từ hoặc bộ lọc "
              f"để thu hẹp / more than {res.total} results, the newest {res.total} ranked; add "
              f"words or filters to narrow ({res.elapsed_ms:.0f} ms)")
    return 0


def cmd_reindex(args: argparse.Namespace) -> int:
    """Rebuild the search index."""
    with open_workspace(args) as ws:
        n = ws.search.reindex()
    print(f"Đã lập chỉ mục / indexed {n} trang / pages")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Batch upload to central storage."""
    from archive.errors import ArchiveError
    from archive.export import render_text

    with open_workspace(args, action="export") as ws:
        report = ws.transfer.export(args.to, endpoint=getattr(args, "endpoint", None),
                                    dry_run=bool(getattr(args, "dry_run", False)),
                                    bandwidth_mbps=getattr(args, "bandwidth", None))
    if getattr(args, "json", False):
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(render_text(report, getattr(args, "lang", "vi") or "vi"))
    if isinstance(report.cause, ArchiveError):
        raise report.cause  # after the report: the CLI shows its message and exit code
    return 0 if report.ok else 1


def cmd_report(args: argparse.Namespace) -> int:
    """Digitization progress against the targets."""
    from digitize.store.report import render_text

    with open_workspace(args, action="dashboard") as ws:
        rep = ws.records.progress_report()
    if args.json:
        print_json(rep)
    else:
        print(render_text(rep))
    return 0


def cmd_keys_show(args: argparse.Namespace) -> int:
    """Show key fingerprints."""
    with open_workspace(args, action="list") as ws:
        print(f"Khóa cơ quan / office key: {ws.keys.fingerprint()}")
        for c in ws.keys.central_keys():
            print(f"Khóa trung tâm / central key {c['label']}: {c['fingerprint']}")
        from archive.office_keys import office_keys

        for o in office_keys(ws.catalog):
            print(f"Khóa cơ quan gửi / office key {o.label} ({o.code}): {o.fingerprint}")
    return 0


def cmd_keys_export(args: argparse.Namespace) -> int:
    """Export the office's public keys."""
    with open_workspace(args, action="list") as ws:
        args.output.write_bytes(ws.keys.public_bundle())
        print(f"{args.output}  {ws.keys.fingerprint()}")
    return 0


def cmd_keys_import(args: argparse.Namespace) -> int:
    """Import a central archive's public key (compare the fingerprint by phone)."""
    with open_workspace(args) as ws:
        try:
            data = args.file.read_bytes()
        except OSError as e:
            raise UsageError(f"không đọc được tệp khóa / cannot read the key file {args.file}: "
                             f"{e.strerror}") from e
        fp = ws.keys.import_central_key(data, args.label)
        check_generation(ws)  # the catalog follows the keystore's new generation
        ws.log("keys.import_central", None, {"label": args.label, "fingerprint": fp,
                                             "generation": ws.keys.generation})
    print(f"Đã nhập / imported {args.label}: {fp}")
    return 0


def cmd_keys_remove(args: argparse.Namespace) -> int:
    """Remove an imported central key (future containers are no longer wrapped for it)."""
    with open_workspace(args) as ws:
        if not ws.keys.remove_central_key(args.fingerprint):
            raise UsageError(f"không có khóa trung tâm / no central key {args.fingerprint}")
        check_generation(ws)  # an older keystore.json (with the key) is refused from now on
        ws.log("keys.remove_central", None, {"fingerprint": args.fingerprint[:64],
                                             "generation": ws.keys.generation})
    print(f"Đã xóa / removed {args.fingerprint}")
    return 0


def _read_secret(path: Path) -> str:
    return read_secret_file(path)


def cmd_keys_backup(args: argparse.Namespace) -> int:
    """Write an encrypted key backup."""
    secret = _read_secret(args.backup_passphrase_file)
    check_secret(secret, "backup")
    with open_workspace(args, action="keys") as ws:
        ws.keys.backup(args.output, secret)
        ws.log("keys.backup", None, {"to": str(args.output)[:100]})
    print(f"Đã sao lưu khóa / keys backed up: {args.output}")
    return 0


def cmd_keys_restore(args: argparse.Namespace) -> int:
    """Restore keys from a backup into the archive folder."""
    from archive.errors import WrongPassphrase
    from archive.keystore import Keystore
    from digitize.errors import WrongBackupPassphrase

    target = archive_dir(args) / "keystore.json"
    secret = _read_secret(args.backup_passphrase_file)
    if not args.file.is_file():
        raise UsageError(f"không có tệp sao lưu / no backup file {args.file}")
    try:
        ks = Keystore.restore(args.file, secret, target)
    except WrongPassphrase as e:  # the backup's passphrase, not the archive's
        raise WrongBackupPassphrase(str(args.file)) from e
    _past_recorded_generation(ks, archive_dir(args) / "catalog.db")
    print(f"Đã khôi phục khóa / keys restored: {target}")
    print("Cụm mật khẩu của kho giờ là cụm mật khẩu của bản sao lưu / the archive passphrase "
          "is now the backup's passphrase")
    return 0


def _past_recorded_generation(ks: object, catalog_path: Path) -> None:
    """A restored backup is older than the catalog's record of the keystore: an admin chose
    it, so its generation moves past that record (an old copy merely put back is refused)."""
    from archive.catalog import Catalog

    if not catalog_path.exists():
        return
    cat = Catalog(catalog_path, ks.catalog_key())  # type: ignore[attr-defined]
    try:
        ks.bump_generation(int(cat.get_setting("keystore_generation", 0)))  # type: ignore
    finally:
        cat.close()


def cmd_keys_passwd(args: argparse.Namespace) -> int:
    """Change the archive passphrase (re-wraps keys only)."""
    old = passphrase(args)
    new = _read_secret(args.new_passphrase_file)
    check_secret(new, "passphrase")
    with open_workspace(args, action="keys") as ws:
        # accounts wrap their own keys, not the passphrase: they keep working
        ws.keys.change_passphrase(old, new)
        ws.log("keys.passwd", None, {})
    print("Đã đổi cụm mật khẩu / passphrase changed")
    return 0


def cmd_keys_rotate(args: argparse.Namespace) -> int:
    """New office KEM and catalog keys (admin, with the archive passphrase)."""
    secret = passphrase(args)
    with open_workspace(args, action="keys") as ws:
        done = ws.office_keys.rotate(secret)
        fp = ws.keys.fingerprint()
    print(f"Đã đổi khóa / keys rotated: lần / epoch {done.epoch}, thế hệ / generation "
          f"{done.generation}; vân tay mới / new fingerprint {fp}")
    if done.not_granted:
        print("Tài khoản chưa nhận khóa mới, cần đặt lại mật khẩu / accounts that did not receive "
              f"the new keys (reset their password): {', '.join(done.not_granted)}")
    print("Hãy sao lưu khóa lại: bản sao lưu khóa cũ không mở được danh mục đã đổi khóa / take a "
          "new key backup: older ones cannot open the re-keyed catalog")
    return 0
