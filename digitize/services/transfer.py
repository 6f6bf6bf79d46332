"""``ws.transfer``: exports of stored dossiers to central storage (plan, queue, run, report)."""

from __future__ import annotations

from typing import Any

from archive.export import (
    ExportItem,
    ExportReport,
    QueueEntry,
    UploadQueue,
    parse_target,
    render_text,
)
from digitize.errors import Cancelled
from digitize.progress import CancelToken, ProgressEvent, ProgressFn, no_progress
from digitize.roles import require
from digitize.store.vault import Vault
from digitize.transfer.export import ExportOptions, export, export_to, plan

__all__ = ["Transfer"]


class Transfer:
    """Exports from one vault (every run needs the ``export`` role, checked in the core)."""

    def __init__(self, vault: Vault) -> None:
        self._v = vault

    def plan(self, to: str) -> list[ExportItem]:
        """What an export to ``to`` would do, per dossier (status, reason, size)."""
        require(self._v, "export")
        return plan(self._v, parse_target(to).url)

    def queue(self, to: str) -> list[QueueEntry]:
        """The upload queue's entries for target ``to`` (state, size, attempts, error)."""
        require(self._v, "export")
        return UploadQueue(self._v.catalog).entries(parse_target(to).url)

    def export(self, to: str, *, endpoint: str | None = None, dry_run: bool = False,
               bandwidth_mbps: float | None = None) -> ExportReport:
        """Export stored dossiers to ``to`` with the archive's storage settings (the CLI's
        ``digitize export``); the report, whose ``cause`` is a storage error that stopped
        the batch."""
        return export_to(self._v, to, endpoint=endpoint, dry_run=dry_run,
                         bandwidth_mbps=bandwidth_mbps)

    def run(self, to: str, *, dossier_ids: list[str] | None = None,
            endpoint: str | None = None, bandwidth_mbps: float | None = None,
            progress: ProgressFn = no_progress,
            cancel: CancelToken | None = None) -> ExportReport:
        """Export stored dossiers to ``to``, reporting bytes sent; the report.

        Progress events are ``ProgressEvent("upload", bytes_done, bytes_total)``; ``total``
        grows as packages are built. ``cancel`` stops the run after the part in flight: no
        new package is started, the report has ``cancelled`` set and says what was sent;
        what was not stays queued and the next run sends it (a package stopped mid-way
        resumes from its last part).

        Raises:
            Cancelled: ``cancel`` was set before anything started.
        """
        queue = UploadQueue(self._v.catalog)
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
        report = export(self._v, ExportOptions(to=to, endpoint=endpoint,
                                               bandwidth_mbps=bandwidth_mbps,
                                               dossier_ids=dossier_ids),
                        on_part=on_part, cancel=cancel)
        progress(ProgressEvent("upload", state["total"], state["total"]))
        return report

    @staticmethod
    def report_text(report: Any, lang: str = "vi") -> str:
        """The export report as readable text."""
        return render_text(report, lang)
