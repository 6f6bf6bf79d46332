"""Commands on local accounts: ``digitize accounts add|list|reset|disable|enable``."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from archive.accounts import ROLES, Accounts
from archive.keystore import Keystore
from digitize.commands._common import archive_dir, open_workspace, read_secret_file
from digitize.core import Workspace
from digitize.errors import PermissionDenied, UsageError

__all__ = ["register"]


def register(sub: argparse._SubParsersAction, common: Callable) -> None:
    """Add ``digitize accounts ...`` to the parser."""
    acc = sub.add_parser("accounts", help="tài khoản người dùng / local accounts")
    asub = acc.add_subparsers(dest="accounts_command", metavar="ACTION", required=True)
    p = asub.add_parser("add", help="thêm tài khoản / add an account (admin; the first admin "
                                    "needs the archive passphrase)")
    common(p)
    p.add_argument("name", metavar="NAME")
    p.add_argument("--role", required=True, choices=ROLES)
    p.add_argument("--new-password-file", required=True, metavar="F")
    p.set_defaults(func=cmd_add)
    p = asub.add_parser("list", help="liệt kê tài khoản / list accounts (admin)")
    common(p)
    p.set_defaults(func=cmd_list)
    p = asub.add_parser("reset", help="đặt lại mật khẩu, vai trò / reset a password or role")
    common(p)
    p.add_argument("name", metavar="NAME")
    p.add_argument("--role", choices=ROLES, default=None)
    p.add_argument("--new-password-file", required=True, metavar="F")
    p.set_defaults(func=cmd_reset)
    for verb in ("disable", "enable"):
        p = asub.add_parser(verb, help=f"{verb} an account (admin)")
        common(p)
        p.add_argument("name", metavar="NAME")
        p.set_defaults(func=cmd_disable, disable=verb == "disable")


def _secrets(ws: Workspace) -> bytes:
    if not isinstance(ws.keys, Keystore):  # only an admin holds the office key
        raise PermissionDenied(user=ws.actor, role=ws.role, action="accounts")
    return ws.keys.secrets


def cmd_add(args: argparse.Namespace) -> int:
    """Add an account; the very first one (an admin) is made with the archive passphrase."""
    root = archive_dir(args)
    new = read_secret_file(args.new_password_file)
    accounts = Accounts(root)
    if not accounts.exists() and args.role != "admin":
        raise UsageError("tài khoản đầu tiên phải là quản trị viên / the first account must be "
                         "an admin (--role admin)")
    with open_workspace(args, action="accounts") as ws:
        if accounts.exists():
            account = ws.accounts.add(args.name, new, args.role)
        else:
            account = accounts.create(args.name, new, _secrets(ws))
            ws.log("account.create", None, {"user": account.username, "role": account.role})
    print(f"Đã thêm tài khoản / account added: {account.username} ({account.role})")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    """List accounts (no secrets)."""
    with open_workspace(args, action="accounts", readonly=True) as ws:
        rows = ws.accounts.list()
    for a in rows:
        flag = " (khóa / disabled)" if a.disabled else ""
        print(f"{a.username}\t{a.role}{flag}")
    return 0


def cmd_reset(args: argparse.Namespace) -> int:
    """Set a new password (and role): a new user key; the user must change it."""
    new = read_secret_file(args.new_password_file)
    with open_workspace(args, action="accounts") as ws:
        ws.accounts.reset_password(args.name, new, role=args.role, enable=True)
    print(f"Đã đặt lại / reset: {args.name}")
    return 0


def cmd_disable(args: argparse.Namespace) -> int:
    """Disable or re-enable an account."""
    with open_workspace(args, action="accounts") as ws:
        ws.accounts.set_disabled(args.name, args.disable)
    print(f"{'Đã khóa / disabled' if args.disable else 'Đã mở / enabled'}: {args.name}")
    return 0
