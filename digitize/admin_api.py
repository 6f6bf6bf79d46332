"""Admin tasks for the GUI: keys (fingerprints, central keys, backup) and export runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from archive.export import UploadQueue, parse_target, render_text
from digitize.errors import Cancelled
from digitize.progress import CancelToken, ProgressEvent, ProgressFn, no_progress
from digitize.transfer.export import ExportOptions, export, plan
from digitize.workspace import Workspace

__all__ = ["backup_keys", "central_keys", "export_plan", "export_queue", "import_central_key",
           "office_fingerprint", "report_text", "run_export"]


def office_fingerprint(ws: Workspace) -> str:
    """The office key's phone-readable fingerprint."""
    return ws.keys.fingerprint()


def central_keys(ws: Workspace) -> list[dict[str, str]]:
    """Imported central archive keys: ``label``, ``fingerprint``, ``imported``."""
    return ws.keys.central_keys()


def import_central_key(ws: Workspace, path: Path, label: str) -> str:
    """Import a central archive's public key file; returns its fingerprint (compare by phone).

    Raises:
        KeyBundleInvalid: not a public key file.
    """
    fp = ws.keys.import_central_key(Path(path).read_bytes(), label)
    ws.log("keys.import_central", None, {"label": label, "fingerprint": fp})
    return fp


def backup_keys(ws: Workspace, dest: Path, passphrase: str) -> None:
    """Write an encrypted backup of the office keys (e.g. to removable media)."""
    ws.keys.backup(Path(dest), passphrase)
    ws.log("keys.backup", None, {"to": str(dest)})


def export_plan(ws: Workspace, to: str) -> list[Any]:
    """What an export to ``to`` would do, per dossier (``ExportItem``: status, reason, size)."""
    return plan(ws, parse_target(to).url)


def export_queue(ws: Workspace, to: str) -> list[Any]:
    """The upload queue's entries for target ``to`` (state, size, attempts, error)."""
    return UploadQueue(ws.catalog).entries(parse_target(to).url)


def run_export(ws: Workspace, to: str, *, dossier_ids: list[str] | None = None,
               endpoint: str | None = None, bandwidth_mbps: float | None = None,
               progress: ProgressFn = no_progress, cancel: CancelToken | None = None) -> Any:
    """Export stored dossiers to ``to``, reporting bytes sent; cancel = pause (resumable).

    Progress events are ``ProgressEvent("upload", bytes_done, bytes_total)``; ``total`` grows
    as packages are built. A cancelled run leaves the queue as it is; the next run resumes.

    Returns:
        The ``ExportReport`` (``items``, ``counts()``, ``error``).
    """
    queue = UploadQueue(ws.catalog)
    sizes: dict[int, tuple[int, int]] = {}
    state = {"done": 0, "total": 0}

    def on_part(entry_id: int, _n: int) -> None:
        if entry_id not in sizes:
            e = queue.get(entry_id)
            sizes[entry_id] = (int(e.size or 0), int(e.part_size or e.size or 0))
            state["total"] += sizes[entry_id][0]
        size, part = sizes[entry_id]
        state["done"] = min(state["total"], state["done"] + part)
        progress(ProgressEvent("upload", state["done"], state["total"]))
        if cancel is not None and cancel.cancelled:
            raise Cancelled()

    if cancel is not None:
        cancel.check()
    report = export(ws, ExportOptions(to=to, endpoint=endpoint, bandwidth_mbps=bandwidth_mbps,
                                      dossier_ids=dossier_ids), on_part=on_part,
                    cancel=cancel)
    progress(ProgressEvent("upload", state["total"], state["total"]))
    return report


def report_text(report: Any, lang: str = "vi") -> str:
    """The export report as readable text."""
    return render_text(report, lang)
