"""The TT 05/2025 transfer ZIP: ``[STT][OBJID].zip`` holding one folder named after the OBJID."""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Iterable
from typing import BinaryIO

__all__ = ["transfer_name", "write_transfer_zip"]

_SAFE = re.compile(r"^[0-9A-Za-z._-]+$")


def transfer_name(stt: str, objid: str) -> str:
    """``[số thứ tự gói][OBJID].zip`` (STANDARDS 1.3); both parts must be plain names."""
    if not _SAFE.match(stt or "0") or not _SAFE.match(objid):
        raise ValueError(f"unsafe package name {stt!r} {objid!r}")
    return f"{stt}{objid}.zip"


def write_transfer_zip(out: BinaryIO, objid: str,
                       files: Iterable[tuple[str, bytes | BinaryIO]]) -> int:
    """Write the package's files under ``{objid}/`` into a ZIP on ``out``, streaming.

    PDFs are stored as they are (already compressed), XML and schemas deflated.

    Returns:
        The number of files written.
    """
    n = 0
    with zipfile.ZipFile(out, "w", allowZip64=True) as zf:
        for name, src in files:
            if name.startswith("/") or ".." in name.split("/"):
                raise ValueError(f"unsafe file name in a package: {name!r}")
            info = zipfile.ZipInfo(f"{objid}/{name}")
            info.compress_type = (zipfile.ZIP_STORED if name.endswith(".pdf")
                                  else zipfile.ZIP_DEFLATED)
            with zf.open(info, "w", force_zip64=True) as dst:
                if isinstance(src, bytes):
                    dst.write(src)
                else:
                    shutil.copyfileobj(src, dst, 1 << 20)
            n += 1
    return n
