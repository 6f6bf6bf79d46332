"""``digitize dossier set``: correct a stored dossier's TT 05/2025 fields (a new version)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable

from digitize.commands._common import open_workspace
from digitize.errors import UsageError

__all__ = ["register"]


def register(sub: argparse._SubParsersAction, common: Callable) -> None:
    """Add ``dossier set`` to the parser."""
    p = sub.add_parser("dossier", help="đặc tả hồ sơ / dossier metadata")
    common(p)
    ds = p.add_subparsers(dest="dossier_command", metavar="ACTION", required=True)
    s = ds.add_parser("set", help="sửa trường của hồ sơ (phiên bản mới) / set dossier fields")
    s.add_argument("dossier_id", metavar="ID")
    s.add_argument("fields", nargs="+", metavar="FIELD=VALUE",
                   help="vd. / e.g. paperFileCode=H47.K1.G2.15 numberOfPaper=12")
    s.set_defaults(func=cmd_dossier_set)


def _parse(pairs: list[str]) -> dict[str, str]:
    from digitize.metadata.schema import DOSSIER_FIELDS

    editable = [f for f in DOSSIER_FIELDS if f not in ("fileCode", "totalDoc")]
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or name not in editable:
            raise UsageError(f"trường không sửa được / not an editable dossier field: {name!r} "
                             f"({', '.join(editable)})")
        out[name] = value
    return out


def cmd_dossier_set(args: argparse.Namespace) -> int:
    """Seal the dossier again with the given fields changed; the old version stays."""
    from digitize.metadata.schema import validate_dossier
    from digitize.records.review import save_revision
    from digitize.store.rows import dossier_or_none

    fields = _parse(args.fields)
    with open_workspace(args) as ws:
        row = dossier_or_none(ws.catalog, args.dossier_id)
        if row is None:
            raise UsageError(f"không có hồ sơ / no dossier {args.dossier_id}")
        merged = {**json.loads(row["meta"] or "{}"), **fields}
        bad = [p for p in validate_dossier(merged) if p.field in fields and p.severity == "error"]
        if bad:
            raise UsageError("; ".join(f"{p.field}: {p.vi} / {p.en}" for p in bad))
        cid = save_revision(ws, args.dossier_id, dossier=fields)
    print(f"Đã lưu phiên bản mới / new version sealed: {cid}")
    return 0
