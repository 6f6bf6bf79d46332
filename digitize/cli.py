"""The ``digitize`` command line: argument parsing and the one error sink of the CLI."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from digitize import __version__
from digitize.errors import ExitCode, UserFacingError

__all__ = ["main", "build_parser"]

_DESC = ("Số hóa hồ sơ — quét, làm sạch, nhận dạng chữ, gắn đặc tả và lưu trữ hồ sơ hành chính.\n"
         "Records digitization — scan, clean, OCR, tag and archive Vietnamese records.")


def _common(p: argparse.ArgumentParser, *, top: bool = False) -> None:
    # on a command's own parser the defaults are SUPPRESS: otherwise argparse would overwrite
    # a global option given before the command (`digitize --archive D list`) with None
    none = None if top else argparse.SUPPRESS
    p.add_argument("--archive", metavar="DIR", default=none,
                   help="thư mục kho lưu trữ / archive folder (default: $DIGITIZE_HOME or the "
                        "user data folder)")
    p.add_argument("--passphrase-file", metavar="F", default=none,
                   help="tệp chứa cụm mật khẩu / file holding the passphrase "
                        "(else $DIGITIZE_PASSPHRASE, else a prompt)")
    p.add_argument("--user", metavar="NAME", default=none,
                   help="đăng nhập bằng tài khoản / sign in as this account (else "
                        "$DIGITIZE_USER; without one: the archive passphrase, recovery admin)")
    p.add_argument("--password-file", metavar="F", default=none,
                   help="tệp chứa mật khẩu tài khoản / file holding the account's password "
                        "(else $DIGITIZE_PASSWORD, else a prompt)")
    p.add_argument("--lang", choices=["vi", "en"],
                   default=os.environ.get("DIGITIZE_LANG", "vi") if top else argparse.SUPPRESS,
                   help="ngôn ngữ thông báo / message language")


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser (every command has ``--help``)."""
    from digitize.commands import (
        account_cmds,
        archive_cmds,
        central_cmds,
        dossier_cmds,
        page_cmds,
        recovery_cmds,
        secret_cmds,
        sign_cmds,
        transfer_cmds,
    )

    parser = argparse.ArgumentParser(prog="digitize", description=_DESC,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"digitize {__version__}")
    _common(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in (archive_cmds, page_cmds, transfer_cmds, central_cmds, dossier_cmds,
                   sign_cmds, account_cmds, recovery_cmds, secret_cmds):
        module.register(sub, _common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: run one command and map errors to messages and exit codes."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return ExitCode.USAGE
    lang = getattr(args, "lang", "vi")
    os.umask(0o077)  # the archive, decrypted output and keys: the user's own (0600 / 0700)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("Đã dừng / interrupted", file=sys.stderr)
        return 130
    except Exception as e:  # the CLI's one error sink
        if isinstance(e, OSError):  # a missing file, a read-only or full disk: no traceback
            from digitize.errors import FileSystemFault

            where = f" ({e.filename})" if e.filename else ""
            e = FileSystemFault(f"{e.strerror or e}{where}")
        if isinstance(e, UserFacingError):
            print(f"digitize: {e.message(lang)}", file=sys.stderr)
            if lang == "vi":
                print(f"  ({e.message('en')})", file=sys.stderr)
            return int(e.exit_code)
        raise


if __name__ == "__main__":
    sys.exit(main())
