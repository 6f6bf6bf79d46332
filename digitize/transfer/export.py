"""``digitize export``: batch upload of stored dossiers to central storage (issue #9).

Each stored dossier version becomes a SIP_hoso package (TT 05/2025), sealed in a container
whose recipients are the office and every imported central archive key, kept in the outbox
(``{archive}/outbox``) and sent through the upload queue of the catalog. Dossiers with a
secrecy mark are never part of an upload.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archive.clock import now_vn
from archive.container import OpenedContainer, open_container, write_container
from archive.errors import (
    ArchiveError,
    NoCentralKey,
    SipInvalid,
    StorageAuthError,
    StorageBucketMissing,
    StorageError,
    StorageUnreachable,
)
from archive.export import (
    ExportItem,
    ExportReport,
    QueueEntry,
    QueueState,
    SipDocument,
    Target,
    Uploader,
    UploadPolicy,
    UploadQueue,
    build_sip,
    parse_target,
    validate_sip,
)
from archive.export.stored import StoredFile
from archive.export.transfer import transfer_name
from archive.export.uploader import part_count
from archive.store import ContainerStore
from digitize.capture.quality import count_sheets
from digitize.errors import UploadDisabledOffline
from digitize.model import DossierStatus
from digitize.progress import CancelToken, ProgressEvent, ProgressFn, no_progress
from digitize.roles import require
from digitize.store.rows import all_dossier_rows, document_meta_rows, dossier_row
from digitize.store.vault import Vault
from digitize.transfer.checkpoint import make_checkpoint, put_checkpoint
from digitize.transfer.sip_fields import SIP_FIELDS

__all__ = ["PACKAGE_FORMAT", "ExportOptions", "export", "plan", "export_to", "queue_status"]

PACKAGE_FORMAT = "digitize-sip/2"  # 2: files under {OBJID}/, stt (issue #21)
OUTBOX_DIR = "outbox"
#: Errors that concern the whole target, not one package: stop the batch, keep the queue.
_BATCH_ERRORS = (StorageUnreachable, StorageAuthError, StorageBucketMissing)


@dataclass(frozen=True)
class ExportOptions:
    """What ``export`` does.

    Attributes:
        to: ``s3://bucket/prefix`` or ``file:///folder``.
        endpoint: S3 endpoint URL (SeaweedFS, MinIO...); None for AWS.
        dry_run: List what would be sent and what is excluded; change nothing.
        bandwidth_mbps: Upload limit in megabits per second (None: unlimited).
        dossier_ids: Only these dossiers (default: all).
        policy: Part size, parallel parts and retries (bandwidth comes from above).
        access_key, secret_key: S3 credentials (default: the usual AWS variables).
    """

    to: str
    endpoint: str | None = None
    dry_run: bool = False
    bandwidth_mbps: float | None = None
    dossier_ids: Sequence[str] | None = None
    policy: UploadPolicy = field(default_factory=UploadPolicy)
    access_key: str | None = None
    secret_key: str | None = None


def _outbox(ws: Vault) -> ContainerStore:
    return ContainerStore(ws.root / OUTBOX_DIR)


def _require_removable(url: str) -> None:
    """On the offline workstation a ``file:`` target must lie on a removable block device."""
    from urllib.parse import unquote, urlparse

    from digitize.errors_secrecy import ExportNotRemovable
    from digitize.pipeline import offline

    path = Path(unquote(urlparse(url).path))
    if not offline.is_removable(path):
        raise ExportNotRemovable(str(path))


def _secrecy(row: dict[str, Any]) -> str:
    """The dossier's secrecy mark, from its row, its metadata or any document's metadata."""
    if row.get("secrecy"):
        return str(row["secrecy"])
    meta = json.loads(row.get("meta") or "{}")
    return str(meta.get("secrecy") or "")


def _doc_secrecy(ws: Vault, did: str) -> str:
    for r in document_meta_rows(ws.catalog, did):
        mark = json.loads(r["meta"] or "{}").get("secrecy")
        if mark:
            return str(mark)
    return ""


def plan(ws: Vault, target_url: str, dossier_ids: Sequence[str] | None = None
         ) -> list[ExportItem]:
    """What an export to ``target_url`` would do, dossier by dossier (changes nothing).

    Statuses: ``would_send``, ``already_sent`` (this version is on the target, verified),
    ``excluded`` with a reason (``secrecy``, ``not_stored``).
    """
    dossiers = all_dossier_rows(ws.catalog)
    if dossier_ids is not None:
        wanted = set(dossier_ids)
        dossiers = [r for r in dossiers if r["id"] in wanted]
    queue = UploadQueue(ws.catalog)
    items = []
    for r in dossiers:
        item = ExportItem(r["id"], int(r["version"] or 0), "would_send",
                          file_code=r["file_code"] or "")
        if _secrecy(r) or _doc_secrecy(ws, r["id"]):
            item.status, item.reason = "excluded", "secrecy"
        elif r["status"] != DossierStatus.STORED or not r["container_id"]:
            item.status, item.reason = "excluded", "not_stored"
        else:
            entry = queue.find(target_url, r["id"], item.version)
            if entry is not None and entry.state == QueueState.SENT:
                _fill(item, entry)
                item.status = "already_sent"
            elif entry is not None and entry.size:
                _fill(item, entry)
        items.append(item)
    return items


def queue_status(ws: Vault, target_url: str | None = None) -> list[dict[str, Any]]:
    """The upload queue for an admin: per dossier version and target, its state (queued,
    uploading, sent, failed, excluded), object key, size, server checksum, parts confirmed
    so far and the last error. Ids and checksums only."""
    queue = UploadQueue(ws.catalog)
    out = []
    for e in queue.entries(target_url):
        out.append({"target": e.target, "dossier_id": e.dossier_id, "version": e.version,
                    "state": e.state, "reason": e.reason, "object_key": e.object_key,
                    "size": e.size, "checksum": e.checksum, "sent": e.sent,
                    "attempts": e.attempts, "parts_confirmed": len(queue.parts(e.id)),
                    "error_code": e.error_code, "error": e.error})
    return out


def _fill(item: ExportItem, entry: QueueEntry) -> None:
    item.package_id = entry.package_id or ""
    item.object_key = entry.object_key or ""
    item.size = int(entry.size or 0)
    item.checksum = entry.checksum or ""


class _SecretInContainer(Exception):
    """The sealed metadata carries a secrecy mark the catalog row does not show."""


def _sip(ws: Vault, row: dict[str, Any], oc: OpenedContainer) -> tuple[Any, dict[str, Any]]:
    """The SIP of a stored dossier from its opened container; the document PDFs are
    :class:`StoredFile` s, copied a segment at a time when the package is sealed."""
    office = ws.office
    meta = oc.metadata
    if meta.get("dossier", {}).get("secrecy") or any(
            d.get("secrecy") for d in meta.get("documents", [])):
        raise _SecretInContainer(row["id"])
    docs = [SipDocument(d, StoredFile.of(oc, f"documents/{d['docId']}.pdf"))
            for d in meta.get("documents", [])]
    dossier = {k: v for k, v in meta.get("dossier", {}).items() if k != "id"}
    _fill_paper_counts(dossier, meta)
    sip = build_sip(dossier, docs, fields=SIP_FIELDS, office_code=office.get("code", ""),
                    office_name=office.get("name", ""), now=now_vn(),
                    seed=f"{office.get('code', '')}/{row['id']}/v{row['version']}")
    return sip, meta


def _fill_paper_counts(dossier: dict[str, Any], meta: dict[str, Any]) -> None:
    """TT 05: a digitized dossier (``confidenceLevel=02``) gives ``numberOfPaper``; when the
    metadata has none, the sheets are counted from the sealed pages (two pages a sheet when
    the dossier was scanned duplex)."""
    if str(dossier.get("confidenceLevel") or "") != "02" or dossier.get("numberOfPaper"):
        return
    pages = len(meta.get("pages") or []) or int(dossier.get("numberOfPage") or 0)
    if pages:
        dossier["numberOfPaper"] = count_sheets(pages, bool(dossier.get("duplex"))
                                                ).number_of_paper


def _build_package(ws: Vault, target: Target, queue: UploadQueue, entry: QueueEntry,
                   item: ExportItem, part_size: int) -> QueueEntry:
    """Build, validate and seal the SIP of an entry into the outbox (once per entry).

    The dossier's container stays open while the package is written: each PDF goes from it
    to the package a segment at a time, so memory does not grow with the dossier's size.
    """
    if entry.package_id and _outbox(ws).has(entry.package_id):
        return entry
    row = dossier_row(ws.catalog, entry.dossier_id)
    with ws.store.open(row["container_id"]) as fh:
        oc = open_container(fh, ws.keys, signer_public=ws.signers(),
                            name=row["container_id"])
        sip, meta = _sip(ws, row, oc)
        problems = validate_sip(sip.sources)
        if problems:
            raise SipInvalid("; ".join(problems[:5]))
        item.warnings = sip.warnings
        stt = f"{entry.id:05d}"  # số thứ tự gói: the queue entry, unique per dossier version
        # the TT 05 transfer layout: one folder named after the OBJID (unpack zips it as is)
        metadata = {"format": PACKAGE_FORMAT, "objid": sip.objid, "dossier": entry.dossier_id,
                    "version": entry.version, "source_container": row["container_id"],
                    "office": ws.office, "fileCode": meta.get("dossier", {}).get("fileCode", ""),
                    "stt": stt, "transfer_name": transfer_name(stt, sip.objid),
                    "root": sip.objid + "/", "checksums": sip.checksums()}
        info = _outbox(ws).put(lambda out: write_container(
            out, sip.items(sip.objid + "/"), metadata=metadata,
            recipients=ws.keys.recipients(), signer=ws.keys.signer()))
    return queue.set_package(entry.id, package_id=info.id, object_key=target.key_for(info.id),
                             size=info.size, part_size=part_size, sip_objid=sip.objid)


def _prepare(ws: Vault, target: Target, queue: UploadQueue, item: ExportItem,
             entry: QueueEntry, policy: UploadPolicy) -> QueueEntry | None:
    """The entry with its package built, or None (excluded since, or an invalid SIP)."""
    entry = queue.get(entry.id)
    if entry.state == QueueState.EXCLUDED:  # marked secret since: never sent
        item.status, item.reason = "excluded", entry.reason or "secrecy"
        return None
    try:
        entry = _build_package(ws, target, queue, entry, item, policy.part_size)
    except _SecretInContainer:
        queue.enqueue(target.url, entry.dossier_id, entry.version, source_container=None,
                      excluded="secrecy")
        item.status, item.reason = "excluded", "secrecy"
        return None
    except SipInvalid as e:
        queue.mark_failed(entry.id, e.code, e.message("en"))
        item.status, item.reason, item.error_code, item.error = ("failed", "invalid_sip",
                                                                  e.code, e.message("en"))
        return None
    _fill(item, entry)
    return entry


def _record(ws: Vault, queue: UploadQueue, item: ExportItem, entry: QueueEntry,
            res: Any) -> None:
    """Put an upload's outcome on the report item."""
    if res is None:
        return  # not started: stays queued
    if isinstance(res, ArchiveError):
        item.status, item.error_code, item.error = "failed", res.code, res.message("en")
        if isinstance(res, _BATCH_ERRORS):
            item.status = "pending"
        return
    _fill(item, queue.get(entry.id))
    item.status = "already_sent" if res.already_there else "sent"
    if entry.package_id:  # sent and verified: the outbox copy is no longer needed
        _outbox(ws).path(entry.package_id).unlink(missing_ok=True)
    item.parts, item.parts_sent, item.parts_resumed = (res.parts, res.parts_sent,
                                                       res.parts_resumed)


def export(ws: Vault, options: ExportOptions, *, target: Target | None = None,
           on_part: Callable[[int, int], None] | None = None, objects: int = 2,
           progress: ProgressFn = no_progress, cancel: CancelToken | None = None
           ) -> ExportReport:
    """Export stored dossiers to central storage and return the report (also in the audit log).

    A storage error that concerns the whole target (unreachable, credentials, bucket) stops
    the batch: it is set on the report (``error_code``), what was not sent stays queued
    and the next run resumes it. Each package is built while the previous ones upload,
    ``objects`` at a time. Records with a secrecy mark are always excluded. ``progress`` receives
    ``ProgressEvent("package", ...)`` per dossier built and ``("upload", ...)`` per part.
    ``cancel`` is checked before each package is built: once set, no new package is started,
    the packages in flight end (``on_part`` may raise :class:`~digitize.progress.Cancelled`
    to stop them after the part in flight; their upload resumes next run), and the report
    comes back with ``cancelled`` set: what was sent is recorded, the rest stays queued.

    Raises:
        UploadDisabledOffline: offline workstation mode and a network target.
        NoCentralKey: no central archive key is imported (not for a dry run).
        ExportTargetInvalid: the URL is neither ``s3://`` nor ``file:///``.
    """
    require(ws, "export")
    policy = options.policy
    if options.bandwidth_mbps:
        policy = UploadPolicy(**{**policy.__dict__,
                                 "bandwidth": options.bandwidth_mbps * 125_000})
    target = target or parse_target(options.to, endpoint=options.endpoint,
                                    access_key=options.access_key,
                                    secret_key=options.secret_key,
                                    concurrency=policy.concurrency)
    if ws.catalog.get_setting("offline_mode", False):
        if not target.url.startswith("file:"):
            raise UploadDisabledOffline(target.url)  # DESIGN 6: removable media only
        _require_removable(target.url)
    report = ExportReport(target.url, options.dry_run, now_vn().isoformat())
    report.items = plan(ws, target.url, options.dossier_ids)
    if options.dry_run:
        return _finish(ws, report)
    if not ws.keys.central_keys():
        raise NoCentralKey()
    _outbox(ws).recover()  # partial packages of an interrupted run
    queue = UploadQueue(ws.catalog)
    for item in report.by_status("excluded"):
        if item.reason == "secrecy":
            queue.enqueue(target.url, item.dossier_id, item.version, source_container=None,
                          excluded="secrecy")
    todo = report.by_status("would_send")
    parts = [0, 0]  # sent so far, all parts of the batch

    def part_done(entry_id: int, number: int) -> None:
        parts[0] += 1
        progress(ProgressEvent("upload", parts[0], parts[1], message=f"{entry_id}:{number}"))
        if on_part is not None:
            on_part(entry_id, number)

    uploader = Uploader(target, queue, lambda pid: _outbox(ws).open(pid), policy,
                        on_part=part_done)
    entries = {}
    for item in todo:  # queued first, so a target that is down leaves them waiting
        item.status = "pending"
        entries[item.dossier_id] = queue.enqueue(
            target.url, item.dossier_id, item.version,
            source_container=dossier_row(ws.catalog, item.dossier_id)["container_id"])
    try:
        uploader.retry(target.check)
        ready = []

        def built() -> Iterator[QueueEntry]:
            """Packages one by one: the next is built while the previous ones upload."""
            for n, item in enumerate(todo, 1):
                if cancel is not None and cancel.cancelled:
                    report.cancelled = True  # the rest stays queued for the next run
                    return
                e = _prepare(ws, target, queue, item, entries[item.dossier_id], policy)
                progress(ProgressEvent("package", n, len(todo)))
                if e is not None:
                    ready.append((item, e))
                    parts[1] += part_count(int(e.size or 0), int(e.part_size or policy.part_size))
                    yield e

        results = uploader.upload_many(built(), objects=objects, stop_on=_BATCH_ERRORS)
        for (item, entry), res in zip(ready, results, strict=False):
            _record(ws, queue, item, entry, res)
        batch = next((r for r in results if isinstance(r, _BATCH_ERRORS)), None)
        if batch is not None:
            raise batch
    except _BATCH_ERRORS as e:
        report.error_code, report.cause = e.code, e
        report.error = f"{e.message('vi')} / {e.message('en')}"
    report.cancelled = report.cancelled or bool(cancel and cancel.cancelled)  # in last parts
    if report.cause is None and not report.cancelled:  # the log's signed head goes too (#24)
        try:
            put_checkpoint(target, make_checkpoint(ws, target.url))
        except StorageError as e:  # the packages went; say that the checkpoint did not
            report.error_code = report.error_code or e.code
            report.error = report.error or f"{e.message('vi')} / {e.message('en')}"
    return _finish(ws, report)


def _finish(ws: Vault, report: ExportReport) -> ExportReport:
    report.finished = now_vn().isoformat()
    for action, record, details in report.audit_entries():
        ws.log(action, record, details)
    return report


def export_to(ws: Vault, to: str, *, endpoint: str | None = None, dry_run: bool = False,
              bandwidth_mbps: float | None = None) -> ExportReport:
    """Export stored dossiers to ``to`` with the archive's storage settings; the report.

    The endpoint, credentials and bandwidth limit not given come from the catalog setting
    ``storage`` (``endpoint``, ``access_key``, ``secret_key``, ``bandwidth_mbps``), else the
    usual AWS environment variables. A storage error that stopped the batch is the report's
    ``cause`` (the caller shows the report, then the error).
    """
    stored = ws.catalog.get_setting("storage", {}) or {}
    opts = ExportOptions(to=to, endpoint=endpoint or stored.get("endpoint"), dry_run=dry_run,
                         bandwidth_mbps=bandwidth_mbps or stored.get("bandwidth_mbps"),
                         access_key=stored.get("access_key"),
                         secret_key=stored.get("secret_key"))
    return export(ws, opts)
