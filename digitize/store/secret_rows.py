"""Rows of pages held by the secrecy gate (:mod:`digitize.pipeline.secret_pages`): a withheld
page keeps its row only; a page bearing GIẢI MẬT waits with its captured image. The dossier's
``meta`` remembers the pages removed as secret and the confirmed declassifications."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from archive.catalog import Catalog

__all__ = ["dossier_meta", "held_rows", "page_source", "release_page", "remove_pages",
           "set_page_held", "withhold_page_rows"]


def dossier_meta(catalog: Catalog, dossier_id: str) -> dict[str, Any] | None:
    """The dossier's ``meta`` JSON, or None when there is no such dossier."""
    row = catalog.one("SELECT meta FROM dossiers WHERE id = ?", (dossier_id,))
    return None if row is None else json.loads(row["meta"] or "{}")


def _set_meta(db: Any, dossier_id: str, meta: dict[str, Any]) -> None:
    db.execute("UPDATE dossiers SET meta = ? WHERE id = ?",
               (json.dumps(meta, ensure_ascii=False), dossier_id))


def page_source(catalog: Catalog, page_id: int) -> str:
    """The file a page was captured from."""
    return catalog.one("SELECT source FROM pages WHERE id = ?", (page_id,))["source"]


def withhold_page_rows(catalog: Catalog, dossier_id: str, page_id: int, status: str,
                       history: list[dict[str, Any]]) -> None:
    """In one transaction: delete every image and kept file of the page and the kept
    original of its source file (which holds the page too), clear its text and results, set
    ``status`` and ``history``; then fold the WAL (``secure_delete`` overwrites the rows)."""
    source = page_source(catalog, page_id)
    with catalog.atomic() as db:
        db.execute("DELETE FROM page_blobs WHERE page_id = ?", (page_id,))
        db.execute("DELETE FROM page_blobs WHERE kind LIKE 'original:%' AND page_id IN "
                   "(SELECT id FROM pages WHERE dossier_id = ? AND source = ?)",
                   (dossier_id, source))
        db.execute("UPDATE pages SET status = ?, ocr = NULL, text = NULL, mean_conf = NULL, "
                   "quality = '{}', history = ? WHERE id = ?",
                   (status, json.dumps(history, ensure_ascii=False), page_id))
    catalog.checkpoint()


def set_page_held(catalog: Catalog, page_id: int, status: str,
                  history: list[dict[str, Any]]) -> None:
    """Put a page in a waiting ``status`` (its images kept), noting why in ``history``."""
    catalog.execute("UPDATE pages SET status = ?, history = ? WHERE id = ?",
                    (status, json.dumps(history, ensure_ascii=False), page_id))


def held_rows(catalog: Catalog, dossier_id: str, statuses: Sequence[str]
              ) -> list[dict[str, Any]]:
    """``id, seq, status, source, source_index, history`` of the dossier's pages in one of
    ``statuses``, in page order."""
    marks = ", ".join("?" * len(statuses))
    return catalog.query(f"SELECT id, seq, status, source, source_index, history FROM pages "
                         f"WHERE dossier_id = ? AND status IN ({marks}) ORDER BY seq",
                         (dossier_id, *statuses))


def remove_pages(catalog: Catalog, dossier_id: str, page_ids: Sequence[int],
                 meta: dict[str, Any]) -> None:
    """Delete pages with their images and store the dossier's new ``meta``, in one
    transaction."""
    with catalog.atomic() as db:
        for pid in page_ids:
            db.execute("DELETE FROM page_blobs WHERE page_id = ?", (pid,))
            db.execute("DELETE FROM pages WHERE id = ?", (pid,))
        _set_meta(db, dossier_id, meta)


def release_page(catalog: Catalog, dossier_id: str, page_id: int, status: str,
                 meta: dict[str, Any]) -> None:
    """Give a waiting page ``status`` again and store the dossier's new ``meta``, in one
    transaction."""
    with catalog.atomic() as db:
        _set_meta(db, dossier_id, meta)
        db.execute("UPDATE pages SET status = ? WHERE id = ?", (status, page_id))
