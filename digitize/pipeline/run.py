"""The headless pipeline: capture → clean → OCR → extract → assemble → seal, resumable.

Reads top to bottom: :func:`process` calls the stages in order. Page work (cleaning and OCR)
runs in worker processes (:mod:`digitize.pipeline.pagework`); results are committed by the calling
thread only (one writer), each page in its own transaction, so a run killed at any moment
resumes where it stopped without redoing finished pages and without duplicates.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import (
    FIRST_COMPLETED,
    Future,
    ThreadPoolExecutor,
    wait,
)
from contextlib import nullcontext
from dataclasses import replace
from pathlib import Path
from typing import Any

from archive.clock import now_vn
from digitize.capture.importer import ImportProblem, iter_import
from digitize.capture.page import CapturedPage
from digitize.capture.quality import assess
from digitize.capture.readahead import read_ahead
from digitize.errors import NoReadablePage, UsageError
from digitize.model import DossierStatus, PageStatus, ProcessResult
from digitize.pipeline import imagecodec, seal, secrecy_policy, secret_pages
from digitize.pipeline.pagework import PageOutcome, page_pool, work_page
from digitize.pipeline.prestart import Prestart, dpi_estimated
from digitize.progress import Cancelled, CancelToken, ProgressEvent, ProgressFn, no_progress
from digitize.store import staging_rows
from digitize.store.vault import Vault
from ocr import tesseract

__all__ = ["process", "process_pages", "job_key", "new_dossier", "capture_pages",
           "refuse_secret"]


def job_key(paths: Sequence[Path], title: str) -> str:
    """Identity of a ``process`` run: the same inputs and title resume the same dossier."""
    h = hashlib.sha256(title.encode())
    for p in paths:
        p = Path(p).resolve()
        st = p.stat() if p.exists() else None
        h.update(f"\0{p}\0{st.st_size if st else -1}\0{st.st_mtime_ns if st else -1}".encode())
    return h.hexdigest()


def new_dossier(ws: Vault, title: str, *, key: str | None = None,
                dossier_id: str | None = None) -> str:
    """Create an empty dossier in the capturing state and return its id."""
    now = now_vn()
    did = dossier_id or f"HS{now:%Y%m%d}-{secrets.token_hex(3).upper()}"
    staging_rows.insert_dossier(ws.catalog, {
        "id": did, "job_key": key, "title": title, "status": DossierStatus.CAPTURING,
        "created": now.isoformat(), "updated": now.isoformat(), "owner": ws.actor,
        "meta": "{}"})
    ws.log("dossier.create", did, {})
    return did


def capture_pages(ws: Vault, dossier_id: str, pages: Iterator[CapturedPage | ImportProblem],
                  *, progress: ProgressFn = no_progress, cancel: CancelToken | None = None,
                  problems: list[tuple[str, str]] | None = None, workers: int = 1,
                  staged: Callable[[int, bytes, dict[str, Any]], None] | None = None) -> int:
    """Stage captured pages in the catalog (encrypted), each once; return how many are new.

    With ``workers`` > 1 the next few pages are encoded (and their quality checked) in threads
    while the import decodes the following ones and this thread stores the finished ones, in
    order (Pillow, OpenCV and SQLCipher release the GIL). A page already decoded is stored
    before a cancel is raised, as with one worker. ``staged(page id, master image, page row)``
    is told of each page stored (``process`` starts its page work then).
    """
    new = 0
    removed = secret_pages.removed_sources(ws, dossier_id)
    kept_sources: set[str] = set()
    originals: dict[str, int] = {}  # source -> page id its file is kept with, once it passed
    bad: set[str] = set()
    per_source: dict[str, int] = {}

    def store(item: CapturedPage, prepared: tuple[bytes, str, Any]) -> None:
        nonlocal new
        src = str(item.source)
        data, kind, quality = prepared
        blobs = [(kind, data)]
        if item.original is not None:
            blobs.append(("original:" + (item.original_name or "file"), item.original))
        if item.text:
            blobs.append(("textlayer", item.text.encode()))
        row = {"source": src, "source_index": item.index, "status": PageStatus.CAPTURED,
               "dpi": item.dpi, "width": item.image.shape[1], "height": item.image.shape[0],
               "quality": json.dumps(_quality_dict(quality), ensure_ascii=False)}
        pid, seq = staging_rows.stage_page(ws.catalog, dossier_id, row, blobs)
        if staged is not None:
            staged(pid, data, row)
        if item.original is None and src not in kept_sources:
            originals[src] = pid
        kept_sources.add(src)
        per_source[src] = per_source.get(src, 0) + 1
        new += 1
        progress(ProgressEvent("capture", new, 0, seq))

    window: deque[tuple[CapturedPage, Future[tuple[bytes, str, Any]]]] = deque()
    with ThreadPoolExecutor(max_workers=max(1, workers),
                            thread_name_prefix="capture-encode") as pool:
        try:
            for item in pages:
                if isinstance(item, ImportProblem):
                    bad.add(str(item.path))
                    if problems is not None:
                        # both languages: the CLI prints these lines as they are
                        problems.append((str(item.path), f"{item.error.message('vi')} / "
                                                         f"{item.error.message('en')}"))
                    continue
                src = str(item.source)
                if staging_rows.page_exists(ws.catalog, dossier_id, src, item.index) \
                        or (src, item.index) in removed:
                    continue  # staged already, or removed as a secret page by the clerk
                if workers <= 1:
                    store(item, _prepare(item))
                else:
                    window.append((item, pool.submit(_prepare, item)))
                    while len(window) > 2 * workers:
                        store(*_ready(window.popleft()))
                if cancel:  # checked after storing: a page already scanned is never dropped
                    cancel.check()
        except Cancelled:  # pages decoded already are stored before the cancel goes on
            while window:
                store(*_ready(window.popleft()))
            raise
        while window:
            store(*_ready(window.popleft()))
    # a file that held a page removed as secret is never kept whole
    originals = {s: p for s, p in originals.items() if s not in {r[0] for r in removed}}
    _settle_sources(ws, dossier_id, originals, bad)
    return new - sum(n for src, n in per_source.items() if src in bad)


def _prepare(item: CapturedPage) -> tuple[bytes, str, Any]:
    """The page's master image encoded, and its quality report."""
    data, kind = imagecodec.encode_master(item.image)
    return data, kind, item.quality or assess(item.image, item.dpi)


def _ready(entry: tuple[CapturedPage, Future[tuple[bytes, str, Any]]]
           ) -> tuple[CapturedPage, tuple[bytes, str, Any]]:
    return entry[0], entry[1].result()


def _settle_sources(ws: Vault, dossier_id: str, originals: dict[str, int],
                    bad: set[str]) -> None:
    """Keep a multi-page file beside its pages only when every page of it was read; a file
    with a page that could not be read keeps nothing at all (issue #18: an unreadable page
    may be the one that bears the secrecy mark)."""
    with ws.catalog.atomic() as db:
        for src, pid in originals.items():
            if src not in bad:
                _keep_original_file(db, pid, src)
        for src in bad:
            staging_rows.drop_source_pages(db, dossier_id, src)



#: Multi-page originals (PDF, TIFF) larger than this are not kept beside their pages.
MAX_ORIGINAL_BYTES = 512 * 1024 * 1024


def _keep_original_file(db: Any, page_id: int, source: str) -> None:
    """Keep a multi-page source file byte-exact (e.g. a signed PDF), once, on its first page."""
    path = Path(source)
    try:
        if path.is_file() and path.stat().st_size <= MAX_ORIGINAL_BYTES:
            staging_rows.add_page_blob(db, page_id, "original:" + path.name,
                                       path.read_bytes())
    except OSError:
        pass  # a scanner device name or a file gone since import: nothing to keep


def _quality_dict(q: Any) -> dict[str, Any]:
    return q.to_dict() if q is not None else {}


def process_pages(ws: Vault, dossier_id: str, *, jobs: int | None = None,
                  lang: str = "vie", progress: ProgressFn = no_progress,
                  cancel: CancelToken | None = None, per_page: bool = False,
                  early: Prestart | None = None) -> None:
    """Clean and OCR every captured page not processed yet; commit each as it finishes.

    ``early``: page work ``process`` started during capture; its pool and pages are taken over
    here (their results are committed here, in the same way as the others').

    On a networked workstation a page with a state-secret mark either stops the run with the
    whole dossier purged (:func:`refuse_secret`, :class:`SecrecyRefused`), or, with
    ``per_page``, is withheld alone (:func:`secret_pages.withhold_page`: nothing of it kept)
    while the other pages go on; then :class:`SecretPagesWithheld` names the pages at the end
    (when every page was withheld there is nothing to keep: the record is refused whole).
    A page bearing GIẢI MẬT is held for a confirmation (:class:`DeclassifiedPending`) unless
    one was recorded (:func:`secret_pages.confirm_declassified`).
    """
    todo = staging_rows.pages_in_status(ws.catalog, dossier_id, PageStatus.CAPTURED)
    total = staging_rows.page_count(ws.catalog, dossier_id)
    done = total - len(todo)
    jobs = max(1, jobs or os.cpu_count() or 1)
    offline = secrecy_policy.is_offline_station(ws)
    secrecy_policy.require_offline(ws)
    profile = ws.catalog.get_setting("clean_profile")
    confirmed = secret_pages.confirmed_pages(ws, dossier_id)
    started = early.take() if early else {}
    own = early is None or early.pool is None
    with page_pool(jobs, len(todo)) if own else nullcontext(early.pool) as pool:
        pending: dict[Future, dict[str, Any]] = {
            started.pop(r["id"]): r for r in todo if r["id"] in started}
        for f in started.values():  # started, but no longer waiting (cannot happen)
            f.cancel()
        queue = _largest_first(ws, dossier_id, [
            r for r in todo if r["id"] not in {p["id"] for p in pending.values()}])
        while queue or pending:
            while queue and len(pending) < jobs * 2:  # bounded: a few pages in memory
                row = queue.pop(0)
                master = staging_rows.master_data(ws.catalog, row["id"])
                pending[pool.submit(work_page, master, row["dpi"] or 300, lang,
                                    profile, dpi_estimated(row))] = row
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in sorted(finished, key=lambda f: pending[f]["seq"]):
                row = pending.pop(fut)
                out: PageOutcome = fut.result()
                if out.declassified:  # GIẢI MẬT (with or without the old level)
                    if (row["source"], row["source_index"]) not in confirmed:
                        secret_pages.hold_declassified(ws, dossier_id, row["id"], row["seq"])
                        continue  # an archivist or admin confirms first
                    out = replace(out, secrecy="")  # confirmed: no longer a secret
                if out.secrecy and not offline and not out.declassified:
                    if per_page:
                        secret_pages.withhold_page(ws, dossier_id, row["id"], row["seq"],
                                                   out.secrecy)
                        continue
                    for f in pending:
                        f.cancel()
                    refuse_secret(ws, dossier_id, out.secrecy, detected=True, page=row["seq"])
                _commit_page(ws, row, out)
                done += 1
                progress(ProgressEvent("clean_ocr", done, total, row["seq"]))
            if cancel and cancel.cancelled:
                for f in pending:
                    f.cancel()
                cancel.check()
    held = secret_pages.all_withheld(ws, dossier_id)
    if held:  # every page bore a mark: nothing to keep, the record is refused as a whole
        refuse_secret(ws, dossier_id, secret_pages.top_mark(held), detected=True,
                      page=held[0].seq)
    secret_pages.require_settled(ws, dossier_id)


def _largest_first(ws: Vault, dossier_id: str, rows: list[dict[str, Any]]
                   ) -> list[dict[str, Any]]:
    """The pages to work on, the biggest master images first (page order among equals).

    A page's work costs roughly what its image holds (text, seals, size); with the costly pages
    first, the last pages of a batch are small ones, so a worker that has nothing left waits
    less for the one still busy (the end of a batch is otherwise often one big page on one
    core). Results are committed as they finish, so the order changes no result.
    """
    sizes = staging_rows.master_sizes(ws.catalog, dossier_id, PageStatus.CAPTURED)
    return sorted(rows, key=lambda r: (-sizes.get(r["id"], 0), r["seq"]))


def _commit_page(ws: Vault, row: dict[str, Any], out: PageOutcome) -> None:
    page = out.page
    blank = bool(out.report.get("blank", False)) or not page.text.strip()
    # out.secrecy is only set here on the offline workstation: it tags the dossier
    staging_rows.save_processed_page(ws.catalog, row["id"], (out.kind, out.archive), {
        "status": PageStatus.PROCESSED, "ocr": out.page_json(),
        "text": page.text, "mean_conf": page.mean_conf, "blank": int(blank),
        "history": json.dumps(out.history, ensure_ascii=False),
    }, out.secrecy)


def row_dossier(ws: Vault, page_id: int) -> str:
    """The dossier id of a page row."""
    return staging_rows.page_dossier(ws.catalog, page_id)


def refuse_secret(ws: Vault, dossier_id: str | None, mark: str, *,
                  detected: bool, page: int | None = None) -> None:
    """Fail closed on a state secret: purge everything of the record, log, raise.

    ``page`` (the page that bore the mark) travels in the error's fields, so the clerk is told
    which page it was.
    """
    secrecy_policy.refuse(ws, dossier_id, mark, detected=detected, page=page)


def process(ws: Vault, paths: Sequence[Path], *, title: str = "", jobs: int | None = None,
            lang: str = "vie", declared_secret: str = "", progress: ProgressFn = no_progress,
            cancel: CancelToken | None = None) -> ProcessResult:
    """Run the whole pipeline on files and folders; resumable by re-running the same call."""
    if not paths:
        raise UsageError("cần ít nhất một tệp / at least one file is needed")
    tesseract.require(lang)  # a missing language fails now, not after staging every page
    declared = secrecy_policy.normalize_mark(declared_secret)
    if declared and not secrecy_policy.is_offline_station(ws):
        refuse_secret(ws, None, declared, detected=False)  # before anything is read
    secrecy_policy.require_offline(ws)  # the offline workstation: checked before each run
    title = title or Path(paths[0]).stem
    key = job_key(paths, title)
    row = staging_rows.dossier_by_job_key(ws.catalog, key)
    if row and row["status"] == DossierStatus.STORED:
        d = ws.dossier(row["id"])
        return ProcessResult(d.id, len(d.pages), len(d.documents), d.container_id,
                             already_stored=True)
    resumed = row is not None
    did = row["id"] if row else new_dossier(ws, title, key=key)
    if not row:
        secrecy_policy.declare(ws, did, declared)
    problems: list[tuple[str, str]] = []
    workers = max(1, jobs or os.cpu_count() or 1)
    with Prestart(workers, lang, ws.catalog.get_setting("clean_profile"),
                  [Path(p) for p in paths]) as early:
        if not row or row["status"] == DossierStatus.CAPTURING:
            # decoding, quality checks, encoding and storing overlap on the cores, and page
            # work starts on the first pages meanwhile (committed only after the checks below)
            capture_pages(ws, did, read_ahead(iter_import([Path(p) for p in paths],
                                                          workers=workers), 2),
                          progress=progress, cancel=cancel, problems=problems,
                          workers=workers, staged=early.staged)
        if not staging_rows.has_pages(ws.catalog, did):
            # no empty "capturing" dossier is left behind for a batch of only bad files
            staging_rows.delete_capturing_dossier(ws.catalog, did, DossierStatus.CAPTURING)
            ws.log("dossier.discard", did, {"problems": len(problems)})
            raise NoReadablePage("; ".join(m for _, m in problems)
                                 or ", ".join(map(str, paths)))
        if problems:  # a page not read is a page not checked for a secrecy mark: stop
            secrecy_policy.stop_incomplete(ws, did, problems)
        # a marked page is withheld alone; the error names it, the rest waits (issue #23)
        process_pages(ws, did, jobs=jobs, lang=lang, progress=progress, cancel=cancel,
                      per_page=True, early=early)
    result = seal.seal_dossier(ws, did, progress=progress)
    result.resumed, result.problems = resumed, problems
    return result

