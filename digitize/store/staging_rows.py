"""Rows of dossiers in capture: staged pages and their images, written and read by the
pipeline (:mod:`digitize.pipeline.run`) and the capture view's page edits
(:mod:`digitize.pipeline.staging`).

Functions taking ``db`` run inside the caller's open transaction (``catalog.atomic()``), so a
caller can make several of them one atomic change; the others open their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from archive.catalog import Catalog

__all__ = ["add_page_blob", "delete_capturing_dossier", "delete_content_rows",
           "delete_dossier_rows", "delete_page_rows", "dossier_by_job_key", "drop_source_pages",
           "has_pages", "image_blob", "insert_dossier", "insert_page", "master_data",
           "page_count", "page_dossier", "page_exists", "page_ids", "pages_in_status",
           "renumber_pages", "save_processed_page", "set_dossier_secrecy", "set_dossier_title",
           "stage_page", "staged_page_rows", "store_master"]

Blob = tuple[str, bytes]


# dossiers ---------------------------------------------------------------------------------------
def insert_dossier(catalog: Catalog, row: dict[str, Any]) -> None:
    """Add a dossier row (``row`` holds its columns)."""
    with catalog.atomic() as db:
        db["dossiers"].insert(row)


def dossier_by_job_key(catalog: Catalog, key: str) -> dict[str, Any] | None:
    """``{"id", "status"}`` of the dossier a ``process`` run with this job key made, or None."""
    return catalog.one("SELECT id, status FROM dossiers WHERE job_key = ?", (key,))


def set_dossier_title(catalog: Catalog, dossier_id: str, title: str) -> None:
    """Give the dossier another title."""
    catalog.execute("UPDATE dossiers SET title = ? WHERE id = ?", (title, dossier_id))


def set_dossier_secrecy(catalog: Catalog, dossier_id: str, level: str) -> None:
    """Tag the dossier with a secrecy level (declared by the clerk on the offline station)."""
    catalog.execute("UPDATE dossiers SET secrecy = ? WHERE id = ?", (level, dossier_id))


def delete_capturing_dossier(catalog: Catalog, dossier_id: str, status: str) -> None:
    """Delete the dossier row when it is still in ``status`` (the capturing state)."""
    with catalog.atomic() as db:
        db.execute("DELETE FROM dossiers WHERE id = ? AND status = ?", (dossier_id, status))


def delete_dossier_rows(catalog: Catalog, dossier_id: str) -> None:
    """Delete a dossier with its pages and their images in one transaction, then fold the
    WAL into the file (the catalog's ``secure_delete`` overwrites the erased rows)."""
    with catalog.atomic() as db:
        db.execute("DELETE FROM page_blobs WHERE page_id IN "
                   "(SELECT id FROM pages WHERE dossier_id = ?)", (dossier_id,))
        db.execute("DELETE FROM pages WHERE dossier_id = ?", (dossier_id,))
        db.execute("DELETE FROM dossiers WHERE id = ?", (dossier_id,))
    catalog.checkpoint()


# pages ------------------------------------------------------------------------------------------
def has_pages(catalog: Catalog, dossier_id: str) -> bool:
    """Whether the dossier has at least one page row."""
    return catalog.one("SELECT 1 FROM pages WHERE dossier_id = ?", (dossier_id,)) is not None


def page_count(catalog: Catalog, dossier_id: str) -> int:
    """How many page rows the dossier has."""
    return int(catalog.one("SELECT COUNT(*) AS n FROM pages WHERE dossier_id = ?",
                           (dossier_id,))["n"])


def page_exists(catalog: Catalog, dossier_id: str, source: str, source_index: int) -> bool:
    """Whether page ``source_index`` of the file ``source`` is staged in the dossier already."""
    return catalog.one("SELECT 1 FROM pages WHERE dossier_id = ? AND source = ? AND "
                       "source_index = ?", (dossier_id, source, source_index)) is not None


def page_ids(catalog: Catalog, dossier_id: str) -> list[int]:
    """The ids of the dossier's pages in page order."""
    return [r["id"] for r in catalog.query(
        "SELECT id FROM pages WHERE dossier_id = ? ORDER BY seq", (dossier_id,))]


def page_dossier(catalog: Catalog, page_id: int) -> str:
    """The dossier id of a page row."""
    return catalog.one("SELECT dossier_id FROM pages WHERE id = ?", (page_id,))["dossier_id"]


def pages_in_status(catalog: Catalog, dossier_id: str, status: str) -> list[dict[str, Any]]:
    """``{"id", "seq", "dpi", "quality", "source", "source_index"}`` of the dossier's pages
    in ``status``, in page order (``quality`` is the import's JSON quality report, or None)."""
    return catalog.query(
        "SELECT id, seq, dpi, quality, source, source_index FROM pages WHERE dossier_id = ? "
        "AND status = ? ORDER BY seq", (dossier_id, status))


def staged_page_rows(catalog: Catalog, dossier_id: str) -> list[dict[str, Any]]:
    """``seq, status, dpi, width, height, quality`` of the dossier's pages, in order."""
    return catalog.query("SELECT seq, status, dpi, width, height, quality FROM pages "
                         "WHERE dossier_id = ? ORDER BY seq", (dossier_id,))


def stage_page(catalog: Catalog, dossier_id: str, row: dict[str, Any],
               blobs: Iterable[Blob]) -> tuple[int, int]:
    """Add a page after the dossier's last one, with its images, in one transaction.

    ``row`` holds the page's columns other than ``dossier_id`` and ``seq``. Returns
    ``(page id, seq)``.
    """
    with catalog.atomic() as db:
        seq = (catalog.one("SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM pages WHERE "
                           "dossier_id = ?", (dossier_id,)) or {"n": 1})["n"]
        pid = db["pages"].insert({"dossier_id": dossier_id, "seq": seq, **row}).last_pk
        for kind, data in blobs:
            db["page_blobs"].insert({"page_id": pid, "kind": kind, "data": data})
    return pid, seq


def insert_page(catalog: Catalog, row: dict[str, Any], blobs: Iterable[Blob]) -> int:
    """Add a page row as given (``row`` holds every column but ``id``) with its images, in
    one transaction; returns the new page id."""
    with catalog.atomic() as db:
        pid = db["pages"].insert(row).last_pk
        for kind, data in blobs:
            db["page_blobs"].insert({"page_id": pid, "kind": kind, "data": data})
    return pid


def add_page_blob(db: Any, page_id: int, kind: str, data: bytes) -> None:
    """Add one image (or kept file) to a page, in the caller's transaction ``db``."""
    db["page_blobs"].insert({"page_id": page_id, "kind": kind, "data": data})


def drop_source_pages(db: Any, dossier_id: str, source: str) -> None:
    """Delete the dossier's pages read from the file ``source`` with their images, in the
    caller's transaction ``db``."""
    db.execute("DELETE FROM page_blobs WHERE page_id IN (SELECT id FROM pages WHERE "
               "dossier_id = ? AND source = ?)", (dossier_id, source))
    db.execute("DELETE FROM pages WHERE dossier_id = ? AND source = ?", (dossier_id, source))


def delete_content_rows(db: Any, dossier_id: str) -> None:
    """Delete the dossier's page and document rows (not their staged images: a received or
    stored dossier has none), in the caller's transaction ``db``."""
    for table in ("pages", "documents"):
        db.execute(f"DELETE FROM {table} WHERE dossier_id = ?", (dossier_id,))


def delete_page_rows(catalog: Catalog, page_id: int) -> None:
    """Delete one page and its images in one transaction."""
    with catalog.atomic() as db:
        db.execute("DELETE FROM page_blobs WHERE page_id = ?", (page_id,))
        db.execute("DELETE FROM pages WHERE id = ?", (page_id,))


def renumber_pages(catalog: Catalog, dossier_id: str, order: Sequence[int]) -> None:
    """Give the page ids in ``order`` the seqs 1..n (two passes: seq is unique)."""
    with catalog.atomic() as db:
        for n, pid in enumerate(order, 1):
            db.execute("UPDATE pages SET seq = ? WHERE id = ?", (-n, pid))
        db.execute("UPDATE pages SET seq = -seq WHERE dossier_id = ? AND seq < 0",
                   (dossier_id,))


def save_processed_page(catalog: Catalog, page_id: int, blob: Blob, fields: dict[str, Any],
                        secrecy: str = "") -> None:
    """Commit a cleaned and OCR'd page in one transaction: its archive image ``blob``
    (replacing one of the same kind), its columns ``fields`` and, when ``secrecy`` is set,
    the secrecy mark of its dossier."""
    with catalog.atomic() as db:
        db["page_blobs"].upsert({"page_id": page_id, "kind": blob[0], "data": blob[1]},
                                pk=("page_id", "kind"))
        db["pages"].update(page_id, fields)
        if secrecy:
            db.execute("UPDATE dossiers SET secrecy = ? WHERE id = ?",
                       (secrecy, page_dossier(catalog, page_id)))


def store_master(catalog: Catalog, page_id: int, blob: Blob, fields: dict[str, Any]) -> None:
    """Put a new master image in place of the page's images (master, archive, kept original)
    and update its columns ``fields``, in one transaction."""
    with catalog.atomic() as db:
        db.execute("DELETE FROM page_blobs WHERE page_id = ? AND (kind LIKE 'master.%' OR "
                   "kind LIKE 'archive.%' OR kind LIKE 'original:%')", (page_id,))
        db["page_blobs"].insert({"page_id": page_id, "kind": blob[0], "data": blob[1]})
        db["pages"].update(page_id, fields)


# page images ------------------------------------------------------------------------------------
def master_data(catalog: Catalog, page_id: int) -> bytes:
    """The bytes of the page's master image (``master.jpg`` or ``master.png``)."""
    return catalog.one("SELECT data FROM page_blobs WHERE page_id = ? AND kind "
                       "IN ('master.jpg', 'master.png')", (page_id,))["data"]


def master_sizes(catalog: Catalog, dossier_id: str, status: str) -> dict[int, int]:
    """Page id → size in bytes of its master image, for the dossier's pages in ``status``
    (SQLite measures a blob without reading it)."""
    return {r["page_id"]: r["n"] for r in catalog.query(
        "SELECT b.page_id, length(b.data) AS n FROM page_blobs b JOIN pages p "
        "ON p.id = b.page_id WHERE p.dossier_id = ? AND p.status = ? "
        "AND b.kind IN ('master.jpg', 'master.png')", (dossier_id, status))}


def image_blob(catalog: Catalog, page_id: int) -> Blob | None:
    """The page's image to show: its archive image if it has one, else its master;
    ``(kind, data)`` or None."""
    row = catalog.one("SELECT kind, data FROM page_blobs WHERE page_id = ? AND "
                      "(kind LIKE 'archive.%' OR kind LIKE 'master.%') ORDER BY kind",
                      (page_id,))
    return (row["kind"], row["data"]) if row else None
