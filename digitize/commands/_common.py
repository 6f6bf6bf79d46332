"""What every command needs: the archive folder, the passphrase, opening the workspace."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path
from typing import Any

from archive.keys.strength import check_secret
from digitize.core import Workspace
from digitize.errors import UsageError
from digitize.paths import default_archive_dir
from digitize.progress import ProgressEvent
from digitize.roles import RECOVERY_ADMIN

__all__ = ["archive_dir", "passphrase", "password", "read_secret_file", "user_name",
           "open_workspace", "print_json", "stderr_progress",
           "jobs_arg", "dossier_id_arg"]


def archive_dir(args: argparse.Namespace) -> Path:
    """``--archive`` or the default archive folder."""
    return Path(args.archive).expanduser() if getattr(args, "archive", None) \
        else default_archive_dir()


def passphrase(args: argparse.Namespace, *, confirm: bool = False) -> str:
    """The passphrase from ``--passphrase-file``, ``$DIGITIZE_PASSPHRASE`` or a prompt."""
    if getattr(args, "passphrase_file", None):
        try:
            value = Path(args.passphrase_file).read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as e:
            raise UsageError(f"không đọc được tệp mật khẩu / cannot read passphrase file: {e}"
                             ) from e
    elif os.environ.get("DIGITIZE_PASSPHRASE"):
        value = os.environ["DIGITIZE_PASSPHRASE"]
    elif sys.stdin.isatty():
        value = getpass.getpass("Cụm mật khẩu / Passphrase: ")
        if confirm and getpass.getpass("Nhập lại / Again: ") != value:
            raise UsageError("hai lần nhập không khớp / the two entries differ")
    else:
        raise UsageError("cần cụm mật khẩu: --passphrase-file hoặc $DIGITIZE_PASSPHRASE / "
                         "a passphrase is needed: --passphrase-file or $DIGITIZE_PASSPHRASE")
    if confirm:
        check_secret(value, "passphrase")
    return value


def read_secret_file(path: Path | str) -> str:
    """A secret from a file (its last line break removed)."""
    try:
        return Path(path).read_text(encoding="utf-8").rstrip("\r\n")
    except OSError as e:
        raise UsageError(f"không đọc được tệp / cannot read {path}: {e.strerror}") from e


def user_name(args: argparse.Namespace) -> str:
    """``--user`` or ``$DIGITIZE_USER`` (empty: the archive passphrase, recovery admin)."""
    return (getattr(args, "user", None) or os.environ.get("DIGITIZE_USER", "")).strip()


def password(args: argparse.Namespace) -> str:
    """The account's password from ``--password-file``, ``$DIGITIZE_PASSWORD`` or a prompt."""
    if getattr(args, "password_file", None):
        return read_secret_file(args.password_file)
    if os.environ.get("DIGITIZE_PASSWORD"):
        return os.environ["DIGITIZE_PASSWORD"]
    if sys.stdin.isatty():
        return getpass.getpass("Mật khẩu / Password: ")
    raise UsageError("cần mật khẩu: --password-file hoặc $DIGITIZE_PASSWORD / "
                     "a password is needed: --password-file or $DIGITIZE_PASSWORD")


def open_workspace(args: argparse.Namespace, *, action: str = "admin",
                   readonly: bool = False) -> Workspace:
    """Unlock the archive named by the arguments, as the account of ``--user`` (or
    ``$DIGITIZE_USER``) with its role's keys only, else with the archive passphrase as the
    recovery admin; then check that the role may do ``action`` (default: admins only).

    ``readonly`` (listing, searching) neither takes the archive's writer lock nor runs the
    start-up recovery, so it works while the app or a ``process`` run is writing.
    """
    user = user_name(args)
    if user:
        ws = Workspace.sign_in(archive_dir(args), user, password(args), readonly=readonly)
    else:
        ws = Workspace.open(archive_dir(args), passphrase(args), actor=RECOVERY_ADMIN,
                            readonly=readonly)
    try:
        ws.require(action)
    except Exception:
        ws.close()
        raise
    if ws.quarantined:  # what an interrupted run left: tell the user where it went
        folder = ws.quarantined[0].parent
        print(f"Lưu ý: {len(ws.quarantined)} gói không có trong danh mục (do lần chạy trước bị "
              f"ngắt) đã được cách ly vào {folder}; hồ sơ đã lưu không bị ảnh hưởng.\n"
              f"  (Note: {len(ws.quarantined)} container(s) not in the catalog (left by an "
              f"interrupted run) were moved to {folder}; stored records are unaffected.)",
              file=sys.stderr)
    return ws


def print_json(value: Any) -> None:
    """Print JSON with Vietnamese kept readable."""
    print(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def stderr_progress(event: ProgressEvent) -> None:
    """A one-line progress display on stderr (only when it is a terminal)."""
    if sys.stderr.isatty():
        total = f"/{event.total}" if event.total else ""
        print(f"\r{event.stage}: {event.done}{total}   ", end="", file=sys.stderr, flush=True)


def count_arg(value: str) -> int:
    """A whole number ≥ 0, such as ``--limit`` or ``--offset`` (an argparse type)."""
    try:
        n = int(value)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(f"cần số nguyên ≥ 0 / needs a whole number ≥ 0: {value}")
    return n


def jobs_arg(value: str) -> int:
    """``--jobs``: a whole number, 0 meaning one per CPU (an argparse type)."""
    return count_arg(value)


def dossier_id_arg(value: str) -> str:
    """``--dossier``: a non-empty id of printable characters (an argparse type)."""
    value = value.strip()
    if not value or len(value) > 100 or not value.isprintable() or "/" in value:
        raise argparse.ArgumentTypeError(
            f"mã hồ sơ không hợp lệ / invalid dossier id: {value!r} (1-100 ký tự, không có '/')")
    return value
