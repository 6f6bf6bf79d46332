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
from collections.abc import Iterator, Sequence
from concurrent.futures import (
    FIRST_COMPLETED,
    Future,
    wait,
)
from pathlib import Path
from typing import Any

from archive.clock import now_vn
from digitize.capture.importer import ImportProblem, iter_import
from digitize.capture.page import CapturedPage
from digitize.capture.quality import assess
from digitize.errors import NoReadablePage, SecrecyRefused, UsageError
from digitize.model import DossierStatus, PageStatus, ProcessResult
from digitize.pipeline import imagecodec, seal
from digitize.pipeline.pagework import PageOutcome, page_pool, work_page
from digitize.progress import CancelToken, ProgressEvent, ProgressFn, no_progress
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
    with ws.catalog.atomic() as db:
        db["dossiers"].insert({"id": did, "job_key": key, "title": title,
                               "status": DossierStatus.CAPTURING, "created": now.isoformat(),
                               "updated": now.isoformat(), "owner": ws.actor, "meta": "{}"})
    ws.log("dossier.create", did, {})
    return did


def capture_pages(ws: Vault, dossier_id: str, pages: Iterator[CapturedPage | ImportProblem],
                  *, progress: ProgressFn = no_progress, cancel: CancelToken | None = None,
                  problems: list[tuple[str, str]] | None = None) -> int:
    """Stage captured pages in the catalog (encrypted), each once; return how many are new."""
    new = 0
    kept_sources: set[str] = set()
    for item in pages:
        if isinstance(item, ImportProblem):
            if problems is not None:
                # both languages: the CLI prints these lines as they are
                problems.append((str(item.path), f"{item.error.message('vi')} / "
                                                 f"{item.error.message('en')}"))
            continue
        src = str(item.source)
        if ws.catalog.one("SELECT 1 FROM pages WHERE dossier_id = ? AND source = ? AND "
                          "source_index = ?", (dossier_id, src, item.index)):
            continue
        data, kind = imagecodec.encode_master(item.image)
        quality = item.quality or assess(item.image, item.dpi)
        with ws.catalog.atomic() as db:
            seq = (ws.catalog.one("SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM pages WHERE "
                                  "dossier_id = ?", (dossier_id,)) or {"n": 1})["n"]
            pid = db["pages"].insert({
                "dossier_id": dossier_id, "seq": seq, "source": src,
                "source_index": item.index, "status": PageStatus.CAPTURED, "dpi": item.dpi,
                "width": item.image.shape[1], "height": item.image.shape[0],
                "quality": json.dumps(_quality_dict(quality), ensure_ascii=False),
            }).last_pk
            db["page_blobs"].insert({"page_id": pid, "kind": kind, "data": data})
            if item.original is not None:
                db["page_blobs"].insert({"page_id": pid, "kind": "original:" +
                                         (item.original_name or "file"),
                                         "data": item.original})
            if item.text:
                db["page_blobs"].insert({"page_id": pid, "kind": "textlayer",
                                         "data": item.text.encode()})
            if item.original is None and src not in kept_sources:
                _keep_original_file(db, pid, src)
        kept_sources.add(src)
        new += 1
        progress(ProgressEvent("capture", new, 0, seq))
        if cancel:  # checked after storing: a page already scanned is never dropped
            cancel.check()
    return new


#: Multi-page originals (PDF, TIFF) larger than this are not kept beside their pages.
MAX_ORIGINAL_BYTES = 512 * 1024 * 1024


def _keep_original_file(db: Any, page_id: int, source: str) -> None:
    """Keep a multi-page source file byte-exact (e.g. a signed PDF), once, on its first page."""
    path = Path(source)
    try:
        if path.is_file() and path.stat().st_size <= MAX_ORIGINAL_BYTES:
            db["page_blobs"].insert({"page_id": page_id, "kind": "original:" + path.name,
                                     "data": path.read_bytes()})
    except OSError:
        pass  # a scanner device name or a file gone since import: nothing to keep


def _quality_dict(q: Any) -> dict[str, Any]:
    return q.to_dict() if q is not None else {}


def process_pages(ws: Vault, dossier_id: str, *, jobs: int | None = None,
                  lang: str = "vie", progress: ProgressFn = no_progress,
                  cancel: CancelToken | None = None) -> None:
    """Clean and OCR every captured page not processed yet; commit each as it finishes.

    A page with a state-secret mark stops the run: the dossier is purged (see
    :func:`refuse_secret`) and :class:`SecrecyRefused` is raised.
    """
    todo = ws.catalog.query(
        "SELECT id, seq, dpi FROM pages WHERE dossier_id = ? AND status = ? ORDER BY seq",
        (dossier_id, PageStatus.CAPTURED))
    total = ws.catalog.one("SELECT COUNT(*) AS n FROM pages WHERE dossier_id = ?",
                           (dossier_id,))["n"]
    done = total - len(todo)
    jobs = max(1, jobs or os.cpu_count() or 1)
    offline = bool(ws.catalog.get_setting("offline_mode", False))
    profile = ws.catalog.get_setting("clean_profile")
    with page_pool(jobs, len(todo)) as pool:
        pending: dict[Future, dict[str, Any]] = {}
        queue = list(todo)
        while queue or pending:
            while queue and len(pending) < jobs * 2:  # bounded: a few pages in memory
                row = queue.pop(0)
                blob = ws.catalog.one("SELECT data FROM page_blobs WHERE page_id = ? AND kind "
                                      "IN ('master.jpg', 'master.png')", (row["id"],))
                pending[pool.submit(work_page, blob["data"], row["dpi"] or 300, lang,
                                    profile)] = row
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in sorted(finished, key=lambda f: pending[f]["seq"]):
                row = pending.pop(fut)
                out: PageOutcome = fut.result()
                if out.secrecy and not offline:
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


def _commit_page(ws: Vault, row: dict[str, Any], out: PageOutcome) -> None:
    page = out.page
    with ws.catalog.atomic() as db:
        db["page_blobs"].upsert({"page_id": row["id"], "kind": out.kind, "data": out.archive},
                                pk=("page_id", "kind"))
        blank = bool(out.report.get("blank", False)) or not page.text.strip()
        db["pages"].update(row["id"], {
            "status": PageStatus.PROCESSED, "ocr": json.dumps(page.to_dict(), ensure_ascii=False),
            "text": page.text, "mean_conf": page.mean_conf, "blank": int(blank),
            "history": json.dumps(out.history, ensure_ascii=False),
        })
        if out.secrecy:  # only reached on the offline workstation: tag the dossier
            db.execute("UPDATE dossiers SET secrecy = ? WHERE id = ?",
                       (out.secrecy, row_dossier(ws, row["id"])))


def row_dossier(ws: Vault, page_id: int) -> str:
    """The dossier id of a page row."""
    return ws.catalog.one("SELECT dossier_id FROM pages WHERE id = ?", (page_id,))["dossier_id"]


def refuse_secret(ws: Vault, dossier_id: str | None, mark: str, *,
                  detected: bool, page: int | None = None) -> None:
    """Fail closed on a state secret: purge everything of the record, log, raise.

    ``page`` (the page that bore the mark) travels in the error's fields, so the clerk is told
    which page it was.
    """
    if dossier_id:
        with ws.catalog.atomic() as db:
            db.execute("DELETE FROM page_blobs WHERE page_id IN "
                       "(SELECT id FROM pages WHERE dossier_id = ?)", (dossier_id,))
            db.execute("DELETE FROM pages WHERE dossier_id = ?", (dossier_id,))
            db.execute("DELETE FROM dossiers WHERE id = ?", (dossier_id,))
        ws.catalog.checkpoint()
    ws.log("secrecy.refused", dossier_id, {"mark": mark, "detected": detected})
    raise SecrecyRefused(mark=mark, page=page)


def process(ws: Vault, paths: Sequence[Path], *, title: str = "", jobs: int | None = None,
            lang: str = "vie", declared_secret: str = "", progress: ProgressFn = no_progress,
            cancel: CancelToken | None = None) -> ProcessResult:
    """Run the whole pipeline on files and folders; resumable by re-running the same call."""
    if not paths:
        raise UsageError("cần ít nhất một tệp / at least one file is needed")
    tesseract.require(lang)  # a missing language fails now, not after staging every page
    if declared_secret and not ws.catalog.get_setting("offline_mode", False):
        refuse_secret(ws, None, declared_secret, detected=False)
    title = title or Path(paths[0]).stem
    key = job_key(paths, title)
    row = ws.catalog.one("SELECT id, status FROM dossiers WHERE job_key = ?", (key,))
    if row and row["status"] == DossierStatus.STORED:
        d = ws.dossier(row["id"])
        return ProcessResult(d.id, len(d.pages), len(d.documents), d.container_id,
                             already_stored=True)
    resumed = row is not None
    did = row["id"] if row else new_dossier(ws, title, key=key)
    problems: list[tuple[str, str]] = []
    if not row or row["status"] == DossierStatus.CAPTURING:
        capture_pages(ws, did, iter_import([Path(p) for p in paths]), progress=progress,
                      cancel=cancel, problems=problems)
    if not ws.catalog.one("SELECT 1 FROM pages WHERE dossier_id = ?", (did,)):
        # no empty "capturing" dossier is left behind for a batch of only bad files
        with ws.catalog.atomic() as db:
            db.execute("DELETE FROM dossiers WHERE id = ? AND status = ?",
                       (did, DossierStatus.CAPTURING))
        ws.log("dossier.discard", did, {"problems": len(problems)})
        raise NoReadablePage("; ".join(m for _, m in problems) or ", ".join(map(str, paths)))
    process_pages(ws, did, jobs=jobs, lang=lang, progress=progress, cancel=cancel)
    result = seal.seal_dossier(ws, did, progress=progress)
    result.resumed, result.problems = resumed, problems
    return result

