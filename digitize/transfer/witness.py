"""The checkpoints ``digitize verify`` looks at by itself (issue #24).

A catalog and audit log put back together from an older copy are a valid, shorter history;
only a checkpoint made later, kept where that copy did not reach, tells. Plain ``verify``
therefore reads, besides the local log:

* the newest checkpoint kept in ``keystore.json`` (written by every export and ``digitize
  checkpoint``, signed by the office key with the keystore's public part, whose generation is
  checked against the catalog and the log);
* the newest checkpoint at every export destination it knows of: those the keystore
  remembers and those in the catalog's upload queue (``s3://`` with the archive's storage
  settings; ``file:///`` folders, e.g. removable media).

A destination that cannot be read is reported as *not checked*, never passed silently. On
the offline workstation (offline mode, or no network interface up) no network destination
is tried at all (DESIGN section 6).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from archive.errors import TamperedError
from archive.export.queue import UploadQueue
from digitize.errors import UsageError
from digitize.model import VerifyReport
from digitize.pipeline import offline
from digitize.transfer.checkpoint import check_against, load_checkpoint

__all__ = ["check_known_checkpoints", "destinations"]

KEYSTORE_PLACE = "keystore.json"


def destinations(ws: Any) -> list[str]:
    """Export destinations known to the keystore and to the catalog, without repeats."""
    known = [*ws.keys.checkpoint_record.get("destinations", []),
             *UploadQueue(ws.catalog).targets()]
    return list(dict.fromkeys(d for d in known if isinstance(d, str) and d))


def _network_allowed(ws: Any) -> bool:
    return not ws.catalog.get_setting("offline_mode", False) and not offline.is_offline()


def _read(ws: Any, url: str, report: VerifyReport) -> bytes | None:
    """The newest checkpoint at ``url``, or None (said on the report)."""
    if url.startswith("s3://") and not _network_allowed(ws):
        report.not_checked(url, "máy ngoại tuyến: không dùng mạng / offline workstation: "
                                "the network is not used")
        return None
    stored = ws.catalog.get_setting("storage", {}) or {}
    try:
        return load_checkpoint(url, endpoint=stored.get("endpoint"),
                               access_key=stored.get("access_key"),
                               secret_key=stored.get("secret_key"))
    except UsageError:
        report.not_checked(url, "không đọc được điểm kiểm tra (chưa kết nối, chưa gắn ổ?) / "
                                "no checkpoint could be read (not connected or not mounted?)")
        return None


def check_known_checkpoints(ws: Any, report: VerifyReport,
                            given: Sequence[tuple[str, bytes]] = (), *,
                            known: bool = True) -> int:
    """Check the local log against ``given`` checkpoints (``(place, data)``, e.g. ``verify
    --against``) and, if ``known``, every checkpoint within reach (see the module); failures
    and places not checked go on ``report``. Returns how many checkpoints were checked."""
    found: list[tuple[str, bytes]] = list(given)
    last = ws.keys.checkpoint_record.get("last") if known else None
    if isinstance(last, dict):
        found.append((KEYSTORE_PLACE, json.dumps(last, ensure_ascii=False).encode("utf-8")))
    for url in destinations(ws) if known else []:
        data = _read(ws, url, report)
        if data is not None:
            found.append((url, data))
    places: dict[str, list[str]] = {}  # the same checkpoint in two places is checked once
    data_of: dict[str, bytes] = {}
    for place, data in found:
        try:
            same = str(json.loads(data).get("sig"))
        except (ValueError, AttributeError):
            same = data.decode("utf-8", "replace")
        places.setdefault(same, []).append(place)
        data_of.setdefault(same, data)
    for same, where in places.items():
        try:
            problems = check_against(ws, data_of[same])
        except TamperedError as e:
            problems = [f"{e.message('vi')} / {e.message('en')}"]
        for problem in problems:
            report.fail(f"audit.log ({', '.join(where)})", problem)
    return len(places)
