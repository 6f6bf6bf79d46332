"""``digitize receive`` and ``digitize unpack``: the central archive's side of export (#21).

``receive`` pulls the packages offices exported (s3:// or file://), verifies each office's
signatures, decrypts with the centre's key, validates the SIP and stores each dossier so it is
searchable and verifiable here. Downloads and checks run ``workers`` at a time; the catalog
is written by the calling thread, one package per transaction. A package already stored is
skipped before it is downloaded (content address), and one whose dossier version is already
here is stored once: a second run, or a run after a crash, only does what is left.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from archive.clock import now_vn
from archive.container import ContainerInfo
from archive.errors import ArchiveError, PackageRejected, TamperedError
from archive.export.inbox import Inbox, PackageObject, TransportCorrupt, open_inbox
from archive.export.package import open_package
from archive.export.transfer import transfer_name, write_transfer_zip
from archive.fsutil import partial_file
from archive.office_keys import OfficeKey, office_keys
from digitize.errors import OutputNotEmpty, ReceiveDisabledOffline
from digitize.progress import ProgressEvent, ProgressFn, no_progress
from digitize.roles import require
from digitize.store.rows import container_exists, latest_container, version_stored
from digitize.store.vault import Vault
from digitize.transfer.receive_store import Prepared, prepare, store_prepared

__all__ = ["ReceiveItem", "ReceiveReport", "receive", "unpack"]

INBOX_DIR = "inbox"


@dataclass
class ReceiveItem:
    """One package of a batch: ``accepted``, ``duplicate``, ``rejected`` (with the rule that
    failed) or ``failed`` (a storage error: the next run tries it again)."""

    key: str
    status: str
    package_id: str = ""
    dossier_id: str = ""
    office: str = ""
    rule: str = ""
    reason: str = ""
    documents: int = 0
    pages: int = 0


@dataclass
class ReceiveReport:
    """A receiving batch."""

    source: str
    started: str
    finished: str = ""
    seconds: float = 0.0
    items: list[ReceiveItem] = field(default_factory=list)

    def count(self, status: str) -> int:
        """How many packages ended with ``status``."""
        return sum(1 for i in self.items if i.status == status)

    @property
    def pages(self) -> int:
        """Pages of the accepted packages."""
        return sum(i.pages for i in self.items if i.status == "accepted")

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {**{k: v for k, v in asdict(self).items() if k != "items"},
                "counts": {s: self.count(s) for s in ("accepted", "duplicate", "rejected",
                                                      "failed")},
                "pages": self.pages, "items": [asdict(i) for i in self.items]}

    def render(self) -> str:
        """A short bilingual summary with one line per rejected or failed package."""
        c = self.to_dict()["counts"]
        lines = [f"Nguồn / source: {self.source}",
                 f"Đã nhận / accepted: {c['accepted']}  trùng / duplicate: {c['duplicate']}  "
                 f"từ chối / rejected: {c['rejected']}  lỗi / failed: {c['failed']}  "
                 f"({self.pages} trang / pages, {self.seconds:.1f} s)"]
        lines += [f"  {i.status}: {i.key} [{i.rule}] {i.reason}" for i in self.items
                  if i.status in ("rejected", "failed")]
        return "\n".join(lines)


def _inbox_dir(ws: Vault) -> Path:
    d = ws.root / INBOX_DIR
    d.mkdir(exist_ok=True)
    for stale in d.glob("*.part"):  # what a killed run left
        stale.unlink(missing_ok=True)
    return d


def _fetch_and_check(ws: Vault, inbox: Inbox, obj: PackageObject, offices: list[OfficeKey],
                     tmp: Path) -> Prepared:
    """Download, verify and read one package into ``tmp`` (worker thread; no catalog)."""
    with tmp.open("w+b") as fh:
        inbox.fetch(obj, fh)
        fh.flush()
        fh.seek(0)
        pkg = open_package(fh, ws.keys, offices, name=obj.key)
        try:
            return prepare(pkg, obj.id, obj.size)
        except (TamperedError, KeyError) as e:
            raise PackageRejected(obj.key, rule="TT05-EAD", reason=str(e)) from e


def _store(ws: Vault, p: Prepared, tmp: Path) -> bool:
    """Put the package into the store (as received, bytes unchanged) and the catalog."""
    def copy(out: Any) -> ContainerInfo:
        with tmp.open("rb") as src:
            while chunk := src.read(1 << 20):
                out.write(chunk)
        return ContainerInfo(p.package_id, p.size, now_vn(), p.manifest)

    if version_stored(ws.catalog, p.dossier_id, p.version):
        return False  # this dossier version came before (e.g. exported twice)
    info = ws.store.put(copy)
    try:
        return store_prepared(ws, p, info)
    except ArchiveError:  # nothing refers to the copy: drop it (the source keeps the package)
        if not container_exists(ws.catalog, info.id):
            ws.store.path(info.id).unlink(missing_ok=True)
        raise


def receive(ws: Vault, url: str, *, endpoint: str | None = None,
            access_key: str | None = None, secret_key: str | None = None, workers: int = 2,
            progress: ProgressFn = no_progress) -> ReceiveReport:
    """Receive every package at ``url``; returns the batch report (also in the audit log).

    Raises:
        StorageError: the source cannot be listed (nothing was changed).
        ReceiveDisabledOffline: offline workstation mode and a network source.
    """
    require(ws, "receive")  # the centre's admin (roles: not in the table = admin only)
    if ws.catalog.get_setting("offline_mode", False) and not url.startswith("file:"):
        raise ReceiveDisabledOffline(url)  # DESIGN 6: the offline workstation uses media only
    t0 = time.monotonic()
    report = ReceiveReport(url, now_vn().isoformat())
    inbox = open_inbox(url, endpoint=endpoint, access_key=access_key, secret_key=secret_key)
    objs = inbox.list()
    offices = office_keys(ws.catalog)
    todo = []
    for obj in objs:
        if ws.store.has(obj.id) and container_exists(ws.catalog, obj.id):
            report.items.append(ReceiveItem(obj.key, "duplicate", obj.id))
        else:
            todo.append(obj)
    folder = _inbox_dir(ws)

    def work(obj: PackageObject) -> tuple[PackageObject, Prepared | ArchiveError]:
        try:
            return obj, _fetch_and_check(ws, inbox, obj, offices, folder / f"{obj.id}.part")
        except ArchiveError as e:
            return obj, e

    workers = max(1, workers)
    with ThreadPoolExecutor(workers) as pool:
        # at most 2 packages a worker fetched ahead of the writer: the inbox folder and the
        # page texts waiting in memory stay bounded however large the batch
        ahead: deque[Future] = deque()
        pending = iter(todo)
        n = 0
        while True:
            while len(ahead) < 2 * workers and (obj := next(pending, None)) is not None:
                ahead.append(pool.submit(work, obj))
            if not ahead:
                break
            obj, res = ahead.popleft().result()
            tmp = folder / f"{obj.id}.part"
            report.items.append(_record(ws, obj, res, tmp))
            tmp.unlink(missing_ok=True)
            n += 1
            progress(ProgressEvent("receive", n, len(todo)))
    report.finished = now_vn().isoformat()
    report.seconds = time.monotonic() - t0
    _audit(ws, report)
    return report


def _record(ws: Vault, obj: PackageObject, res: Prepared | ArchiveError,
            tmp: Path) -> ReceiveItem:
    item = ReceiveItem(obj.key, "rejected", obj.id)
    if isinstance(res, PackageRejected):
        item.rule, item.reason = res.rule, res.reason[:300]
    elif isinstance(res, TransportCorrupt):
        item.rule, item.reason = "TRANSPORT", "SHA-256 of the bytes is not the package's name"
    elif isinstance(res, ArchiveError):  # storage: try again next run
        item.status, item.rule, item.reason = "failed", res.code, res.message("en")[:300]
    else:
        item.dossier_id, item.office = res.dossier_id, res.office
        item.documents, item.pages = len(res.documents), res.n_pages
        try:
            item.status = "accepted" if _store(ws, res, tmp) else "duplicate"
        except ArchiveError as e:  # e.g. a docId another dossier here already has
            item.status, item.rule, item.reason = "failed", e.code, e.message("en")[:300]
            return item
        if item.status == "accepted":
            ws.log("receive.accept", res.dossier_id, {"package": obj.id[:16],
                                                       "version": res.version,
                                                       "office": res.office})
    return item


def _audit(ws: Vault, report: ReceiveReport) -> None:
    """The batch's receiving report in the audit log: one entry per rejected or failed
    package (its id and the rule), then the batch's counts (ids, counts and codes only)."""
    batch = report.started
    for i in report.items:
        if i.status in ("rejected", "failed"):
            ws.log(f"receive.{i.status[:6]}", i.package_id[:16] or None,
                   {"rule": i.rule[:60], "batch": batch})
    d = report.to_dict()
    ws.log("receive.report", None, {"batch": batch, "source": report.source[-100:],
                                    **d["counts"], "pages": d["pages"],
                                    "ms": int(report.seconds * 1000)})


def unpack(ws: Vault, package: Path, out_dir: Path) -> Path:
    """Write the plain TT 05 transfer ZIP (``[STT][OBJID].zip``, one folder named after the
    OBJID) of an export package, for another archive system.

    ``package`` is a package file (``{sha256}.dgz``) or the id of a received one. It is
    verified first (an imported office's signatures, the SIP) as ``receive`` does.

    Raises:
        PackageRejected: a check fails. OutputNotEmpty: the ZIP exists already.
    """
    require(ws, "receive")
    path = Path(package)
    if not path.is_file():
        cid = latest_container(ws.catalog, str(package))
        path = ws.store.path(cid) if cid else path
    with path.open("rb") as fh:
        pkg = open_package(fh, ws.keys, office_keys(ws.catalog), name=path.name)
        meta = pkg.metadata
        out_dir = Path(out_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        final = out_dir / transfer_name(str(meta.get("stt") or ""), str(meta["objid"]))
        if final.exists():
            raise OutputNotEmpty(str(final))
        with partial_file(out_dir, final.name) as (tmp, out):
            write_transfer_zip(out, str(meta["objid"]), _open_each(pkg.files))
        tmp.replace(final)
    ws.log("package.unpack", None, {"package": path.stem[:16], "objid": meta["objid"]})
    return final


def _open_each(files: dict) -> Iterator[tuple[str, Any]]:
    for name, opener in files.items():
        fh = opener()
        try:
            yield name, fh
        finally:
            fh.close()
