"""Pages of a dossier in capture: scan or import into it, thumbnails, rotate, reorder, delete."""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from digitize.capture.importer import iter_import
from digitize.capture.page import CapturedPage, ImportProblem
from digitize.capture.scanner import scan_batch
from digitize.errors import DossierNotFound, UsageError
from digitize.model import DossierStatus, PageStatus
from digitize.pipeline import imagecodec
from digitize.pipeline.run import capture_pages
from digitize.progress import CancelToken, ProgressFn, no_progress
from digitize.store import rows, staging_rows
from digitize.store.vault import Vault

__all__ = ["RemovedPage", "StagedPage", "declare_secrecy", "delete_dossier", "delete_page",
           "import_into", "move_page", "rename_dossier", "restore_page", "rotate_page",
           "scan_into", "staged_pages", "thumbnail", "replace_page"]


@dataclass(frozen=True)
class StagedPage:
    """A page of a dossier in capture, as the capture view lists it."""

    seq: int
    status: str
    dpi: int | None
    width: int | None
    height: int | None
    flags: list[dict[str, Any]] = field(default_factory=list)  # {"code", "vi", "en"}


@dataclass(frozen=True)
class RemovedPage:
    """A deleted page held in memory so the deletion can be undone (never written to disk)."""

    seq: int
    row: dict[str, Any]
    blobs: tuple[tuple[str, bytes], ...]


def _capturing(ws: Vault, did: str) -> None:
    status = rows.dossier_status(ws.catalog, did)
    if status is None:
        raise DossierNotFound(did)
    if status != DossierStatus.CAPTURING:
        raise UsageError(f"hồ sơ {did} đã lưu, không sửa trang được / is stored, pages are final")


def staged_pages(ws: Vault, did: str) -> list[StagedPage]:
    """The pages of ``did`` in order, with their quality flags."""
    return [StagedPage(r["seq"], r["status"], r["dpi"], r["width"], r["height"],
                       json.loads(r["quality"] or "{}").get("flags", []))
            for r in staging_rows.staged_page_rows(ws.catalog, did)]


def _page_row(ws: Vault, did: str, seq: int) -> dict[str, Any]:
    row = rows.page_row(ws.catalog, did, seq)
    if row is None:
        raise DossierNotFound(f"{did} trang/page {seq}")
    return row


def thumbnail(ws: Vault, did: str, seq: int, *, size: int = 180) -> bytes:
    """A small JPEG of a staged page (longest side ``size`` pixels), made in memory."""
    blob = staging_rows.image_blob(ws.catalog, _page_row(ws, did, seq)["id"])
    if blob is None:
        raise DossierNotFound(f"{did} trang/page {seq} (không có ảnh / no image)")
    img = imagecodec.decode(blob[1])
    h, w = img.shape[:2]
    scale = size / max(h, w)
    small = cv2.resize(img, (max(1, int(w * scale)), max(1, int(h * scale))),
                       interpolation=cv2.INTER_AREA)
    if small.ndim == 3:
        small = cv2.cvtColor(small, cv2.COLOR_RGB2BGR)
    ok, buf = cv2.imencode(".jpg", small, [cv2.IMWRITE_JPEG_QUALITY, 80])
    return buf.tobytes()


def _store_master(ws: Vault, page_id: int, image: np.ndarray, dpi: int | None,
                  quality: str | None = None) -> None:
    data, kind = imagecodec.encode_master(image)
    update = {"status": PageStatus.CAPTURED, "width": image.shape[1],
              "height": image.shape[0], "ocr": None, "text": None, "mean_conf": None}
    if dpi:
        update["dpi"] = dpi
    if quality is not None:
        update["quality"] = quality
    staging_rows.store_master(ws.catalog, page_id, (kind, data), update)


def rotate_page(ws: Vault, did: str, seq: int, quarter_turns: int) -> None:
    """Rotate a page clockwise by ``quarter_turns`` × 90°; it is processed again later."""
    _capturing(ws, did)
    row = _page_row(ws, did, seq)
    master = rows.page_blob(ws.catalog, row["id"], "master.")
    if master is None:
        raise DossierNotFound(f"{did} trang/page {seq} (không có ảnh / no image)")
    img = np.ascontiguousarray(np.rot90(imagecodec.decode(master[1]), -quarter_turns % 4))
    _store_master(ws, row["id"], img, row["dpi"])
    ws.log("page.rotate", did, {"seq": seq, "turns": quarter_turns % 4})


def _renumber(ws: Vault, did: str, order: Sequence[int]) -> None:
    """Give the page ids in ``order`` the seqs 1..n (two passes: seq is unique)."""
    staging_rows.renumber_pages(ws.catalog, did, order)


def _ids(ws: Vault, did: str) -> list[int]:
    return staging_rows.page_ids(ws.catalog, did)


def move_page(ws: Vault, did: str, seq: int, to_seq: int) -> None:
    """Move page ``seq`` to position ``to_seq`` (1-based); the others close up."""
    _capturing(ws, did)
    ids = _ids(ws, did)
    pid = _page_row(ws, did, seq)["id"]
    ids.remove(pid)
    ids.insert(max(0, min(len(ids), to_seq - 1)), pid)
    _renumber(ws, did, ids)
    ws.log("page.move", did, {"from": seq, "to": to_seq})


def delete_page(ws: Vault, did: str, seq: int) -> RemovedPage:
    """Delete a page (its staged image too); the following pages move up.

    Returns the page as it was, for :func:`restore_page` (undo).
    """
    _capturing(ws, did)
    row = _page_row(ws, did, seq)
    pid = row["id"]
    blobs = tuple(rows.page_blobs(ws.catalog, pid).items())
    staging_rows.delete_page_rows(ws.catalog, pid)
    _renumber(ws, did, _ids(ws, did))
    ws.log("page.delete", did, {"seq": seq})
    return RemovedPage(seq, {k: v for k, v in row.items() if k != "id"}, blobs)


def restore_page(ws: Vault, did: str, removed: RemovedPage) -> None:
    """Put a page deleted by :func:`delete_page` back at its place (undo a deletion)."""
    _capturing(ws, did)
    pid = staging_rows.insert_page(
        ws.catalog, {**removed.row, "dossier_id": did, "seq": -1_000_000}, removed.blobs)
    ids = [i for i in _ids(ws, did) if i != pid]
    ids.insert(max(0, min(len(ids), removed.seq - 1)), pid)
    _renumber(ws, did, ids)
    ws.log("page.restore", did, {"seq": removed.seq})


def replace_page(ws: Vault, did: str, seq: int, page: CapturedPage) -> None:
    """Put a rescanned image in place of page ``seq`` (processed again later)."""
    _capturing(ws, did)
    from digitize.pipeline.run import _quality_dict  # the pipeline's own quality record

    row = _page_row(ws, did, seq)
    quality = json.dumps(_quality_dict(page.quality), ensure_ascii=False)
    _store_master(ws, row["id"], page.image, page.dpi, quality)
    ws.log("page.rescan", did, {"seq": seq})


def rename_dossier(ws: Vault, did: str, title: str) -> None:
    """Give a dossier in capture another title (a stored one keeps its sealed title)."""
    _capturing(ws, did)
    title = title.strip()
    if not title:
        raise UsageError("tiêu đề trống / empty title")
    staging_rows.set_dossier_title(ws.catalog, did, title)
    ws.log("dossier.rename", did, {})


def delete_dossier(ws: Vault, did: str) -> int:
    """Delete a dossier in capture with its staged pages (securely); the pages it held."""
    _capturing(ws, did)
    n = staging_rows.page_count(ws.catalog, did)
    staging_rows.delete_dossier_rows(ws.catalog, did)
    ws.log("dossier.delete", did, {"pages": n})
    return int(n)


def declare_secrecy(ws: Vault, did: str, mark: str) -> None:
    """The clerk declared whether the document bears a secrecy mark (DESIGN section 6).

    ``mark`` is a level, or ``""``/``"none"`` for none (recorded too). A declared secret on a
    networked workstation fails closed: the dossier is purged, the refusal logged and
    :class:`SecrecyRefused` raised. On the offline secrecy workstation (checked to be
    offline) the dossier is tagged with the level and capture goes on.
    """
    from digitize.pipeline import secrecy_policy

    _capturing(ws, did)
    secrecy_policy.declare(ws, did, mark)


def _tagged(pages: Iterator[CapturedPage | ImportProblem], tag: str
            ) -> Iterator[CapturedPage | ImportProblem]:
    for p in pages:
        if isinstance(p, CapturedPage):
            p.source = f"{p.source}#{tag}"
        yield p


def scan_into(ws: Vault, did: str, device: str, *, source: str = "Flatbed", dpi: int = 300,
              mode: str = "Color", pages: int | None = None,
              progress: ProgressFn = no_progress, cancel: CancelToken | None = None,
              reload: Callable[[int], bool] | None = None) -> int:
    """Scan a batch into a dossier in capture; each page is staged as soon as it is read.

    Returns:
        How many pages were added. Pages read before an error stay in the dossier.
    """
    _capturing(ws, did)
    batch = scan_batch(device, source=source, dpi=dpi, mode=mode, pages=pages,
                       cancel=cancel.event if cancel else None, reload=reload)
    return capture_pages(ws, did, _tagged(batch, "scan-" + secrets.token_hex(4)),
                         progress=progress, cancel=cancel)


def import_into(ws: Vault, did: str, paths: Sequence[Path], *,
                progress: ProgressFn = no_progress, cancel: CancelToken | None = None
                ) -> tuple[int, list[tuple[str, str]]]:
    """Import files and folders into a dossier in capture.

    Returns:
        How many pages were added, and the ``(path, Vietnamese message)`` of files skipped.
    """
    _capturing(ws, did)
    problems: list[tuple[str, str]] = []
    n = capture_pages(ws, did, iter_import([Path(p) for p in paths]), progress=progress,
                      cancel=cancel, problems=problems)
    return n, problems
