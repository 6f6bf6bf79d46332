"""Commands of the office's legal signature: sign setup, trust, crl, verify-pdf."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path

from digitize.commands._common import open_workspace, print_json
from digitize.errors import ExitCode, UsageError
from digitize.records.signing import PIN_ENV

__all__ = ["register", "read_pin"]


def register(sub: argparse._SubParsersAction, common: Callable) -> None:
    """Add ``digitize sign ...`` to the parser."""
    sign = sub.add_parser("sign", help="chữ ký số của cơ quan (PAdES) / the office's signature")
    ssub = sign.add_subparsers(dest="sign_command", metavar="SUBCOMMAND", required=True)

    p = ssub.add_parser("setup", help="chọn khóa ký: tệp PKCS#12 hoặc USB token / choose the key")
    common(p)
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--pkcs12", type=Path, metavar="FILE", help="tệp .p12/.pfx")
    src.add_argument("--pkcs11-lib", metavar="LIB", help="thư viện PKCS#11 của token / module")
    p.add_argument("--token", metavar="LABEL", help="nhãn token / token label")
    p.add_argument("--key-label", metavar="L", help="nhãn khóa và chứng thư / key label")
    p.add_argument("--tsa-url", default="", metavar="URL",
                   help="máy chủ dấu thời gian (PAdES B-T) / timestamp server")
    p.add_argument("--position", choices=["top-right", "top-left", "bottom-right",
                                          "bottom-left"], help="vị trí / box position")
    p.add_argument("--template", metavar="TEXT",
                   help="mẫu chữ: {agency}, {time}, {signer}, {date}, \\n / text template")
    _pin_arg(p)
    p.set_defaults(func=cmd_setup)

    p = ssub.add_parser("trust", help="tin cậy chứng thư gốc / trust a root certificate")
    common(p)
    p.add_argument("file", type=Path, metavar="ROOT.pem")
    p.set_defaults(func=cmd_trust)

    p = ssub.add_parser("crl", help="nhập danh sách thu hồi / import a CRL file")
    common(p)
    p.add_argument("file", type=Path, metavar="FILE")
    p.set_defaults(func=cmd_crl)

    p = ssub.add_parser("verify-pdf", help="kiểm tra chữ ký của một PDF / verify a PDF")
    common(p)
    p.add_argument("file", type=Path, metavar="FILE.pdf")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_verify_pdf)


def _pin_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--pin-file", metavar="F",
                   help="tệp chứa mã PIN (không lưu) / file holding the PIN "
                        "(else $DIGITIZE_SIGN_PIN, else a prompt; never stored)")


def read_pin(args: argparse.Namespace) -> str:
    """The PIN from ``--pin-file``, ``$DIGITIZE_SIGN_PIN`` or a prompt on the terminal."""
    if getattr(args, "pin_file", None):
        try:
            return Path(args.pin_file).read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as e:
            raise UsageError(f"không đọc được tệp PIN / cannot read the PIN file: {e}") from e
    if os.environ.get(PIN_ENV):
        return os.environ[PIN_ENV]
    if sys.stdin.isatty():
        return getpass.getpass("Mã PIN khóa ký số / signing key PIN: ")
    raise UsageError("cần mã PIN: --pin-file hoặc $DIGITIZE_SIGN_PIN / "
                     "a PIN is needed: --pin-file or $DIGITIZE_SIGN_PIN")


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as e:
        raise UsageError(f"không đọc được / cannot read {path}: {e}") from e


def cmd_setup(args: argparse.Namespace) -> int:
    """Configure the office's signing key and appearance."""
    look: dict[str, str] = {}
    if args.position:
        look["position"] = args.position
    if args.template:
        look["template"] = args.template.replace("\\n", "\n")
    if args.pkcs11_lib and not (args.token and args.key_label):
        raise UsageError("--pkcs11-lib cần --token và --key-label / needs --token and --key-label")
    with open_workspace(args) as ws:
        if args.pkcs12:
            info = ws.signing.configure_pkcs12(_read(args.pkcs12), read_pin(args),
                                               tsa_url=args.tsa_url, appearance=look)
        else:
            info = ws.signing.configure_pkcs11(args.pkcs11_lib, args.token, args.key_label,
                                               read_pin(args), tsa_url=args.tsa_url,
                                               appearance=look)
    print("Đã cấu hình chữ ký số / signing configured (mã PIN không được lưu / PIN not stored)")
    print_json(info)
    return ExitCode.OK


def cmd_trust(args: argparse.Namespace) -> int:
    """Trust a root certificate for verifying signatures."""
    with open_workspace(args) as ws:
        infos = ws.signing.add_trust_root(_read(args.file))
    print("Đã tin cậy chứng thư gốc / root trusted — so dấu vân tay / compare the fingerprint:")
    print_json(infos)
    return ExitCode.OK


def cmd_crl(args: argparse.Namespace) -> int:
    """Import a certificate revocation list (it replaces older lists of the same CA)."""
    with open_workspace(args) as ws:
        info = ws.signing.add_crl(_read(args.file))
    print("Đã nhập CRL / CRL imported:")
    print_json(info)
    return ExitCode.OK


def cmd_verify_pdf(args: argparse.Namespace) -> int:
    """Verify the PAdES signatures of one PDF file; errors go to the CLI's sink (exit 3)."""
    with open_workspace(args, action="verify") as ws:
        infos = ws.signing.verify_pdf(_read(args.file), name=args.file.name)
    if args.json:
        print_json([i.__dict__ for i in infos])
    else:
        for i in infos:
            print(f"Hợp lệ / valid: {i.field} — {i.signer} — {i.signing_time} ({i.level})")
    return ExitCode.OK
