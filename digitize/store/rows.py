"""Rows of the records tables: dossiers, pages and their staged images, read by id."""

from __future__ import annotations

from typing import Any

from archive.catalog import Catalog
from archive.errors import RecordNotFound
from digitize.model import Dossier, DossierStatus

__all__ = ["all_dossier_rows", "container_exists", "container_ids", "discard_if_empty",
           "document_meta_rows", "dossier_list", "dossier_or_none", "dossier_row",
           "dossier_status", "latest_container", "page_blob", "page_blobs", "page_row",
           "page_rows", "page_sources", "set_dossier_status", "version_stored"]


def dossier_row(catalog: Catalog, dossier_id: str) -> dict[str, Any]:
    """The dossier's catalog row.

    Raises:
        RecordNotFound: no such dossier.
    """
    row = catalog.one("SELECT * FROM dossiers WHERE id = ?", (dossier_id,))
    if row is None:
        raise RecordNotFound(dossier_id)
    return row


def dossier_list(catalog: Catalog, *, status: str | None = None, owner: str | None = None
                 ) -> list[Dossier]:
    """Dossiers newest first, optionally only of one status and of one owner."""
    where, params = [], []
    for column, value in (("status", status or None), ("owner", owner)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    sql = "SELECT * FROM dossiers" + (" WHERE " + " AND ".join(where) if where else "")
    return [Dossier.from_row(r) for r in catalog.query(sql + " ORDER BY created DESC",
                                                       tuple(params))]


def all_dossier_rows(catalog: Catalog) -> list[dict[str, Any]]:
    """Every dossier's catalog row, oldest first (ties by id)."""
    return catalog.query("SELECT * FROM dossiers ORDER BY created, id")


def dossier_or_none(catalog: Catalog, dossier_id: str) -> dict[str, Any] | None:
    """The dossier's catalog row, or None when there is no such dossier."""
    return catalog.one("SELECT * FROM dossiers WHERE id = ?", (dossier_id,))


def document_meta_rows(catalog: Catalog, dossier_id: str) -> list[dict[str, Any]]:
    """``{"doc_id", "meta"}`` (metadata JSON text) of each of the dossier's documents."""
    return catalog.query("SELECT doc_id, meta FROM documents WHERE dossier_id = ?",
                         (dossier_id,))


def set_dossier_status(catalog: Catalog, dossier_id: str, status: str, *,
                       file_code: str | None = None) -> None:
    """Set a dossier's status (and its file code, when given)."""
    catalog.execute("UPDATE dossiers SET status = ?, file_code = COALESCE(?, file_code) "
                    "WHERE id = ?", (status, file_code, dossier_id))


def page_rows(catalog: Catalog, dossier_id: str) -> list[dict[str, Any]]:
    """The dossier's page rows in order."""
    return catalog.query("SELECT * FROM pages WHERE dossier_id = ? ORDER BY seq", (dossier_id,))


def page_row(catalog: Catalog, dossier_id: str, seq: int) -> dict[str, Any] | None:
    """Page ``seq`` of the dossier, or None."""
    return catalog.one("SELECT * FROM pages WHERE dossier_id = ? AND seq = ?",
                       (dossier_id, seq))


def page_blob(catalog: Catalog, page_id: int, prefix: str) -> tuple[str, bytes] | None:
    """The page's staged image whose kind starts with ``prefix``: (kind, data), or None."""
    row = catalog.one("SELECT kind, data FROM page_blobs WHERE page_id = ? AND kind LIKE ?",
                      (page_id, prefix + "%"))
    return (row["kind"], row["data"]) if row else None


def page_blobs(catalog: Catalog, page_id: int) -> dict[str, bytes]:
    """Every staged image of the page, by kind (``master.png``, ``archive.jpg``, ...)."""
    return {r["kind"]: r["data"] for r in catalog.query(
        "SELECT kind, data FROM page_blobs WHERE page_id = ?", (page_id,))}


def dossier_status(catalog: Catalog, dossier_id: str) -> str | None:
    """The dossier's status, or None when there is no such dossier."""
    row = catalog.one("SELECT status FROM dossiers WHERE id = ?", (dossier_id,))
    return row["status"] if row else None


def discard_if_empty(catalog: Catalog, dossier_id: str) -> bool:
    """Delete a dossier still in capture that has no page; whether it was deleted."""
    with catalog.atomic() as db:
        if db.execute("SELECT 1 FROM pages WHERE dossier_id = ? LIMIT 1",
                      (dossier_id,)).fetchone():
            return False
        return db.execute("DELETE FROM dossiers WHERE id = ? AND status = ?",
                          (dossier_id, DossierStatus.CAPTURING)).rowcount > 0


def page_sources(catalog: Catalog, dossier_id: str) -> list[list[Any]]:
    """``[seq, source, source_index]`` of each of the dossier's pages, in order."""
    return [[r["seq"], r["source"], r["source_index"]] for r in catalog.query(
        "SELECT seq, source, source_index FROM pages WHERE dossier_id = ? ORDER BY seq",
        (dossier_id,))]


# containers (the sealed versions) ---------------------------------------------------------------
def container_ids(catalog: Catalog) -> list[str]:
    """The ids of every container the catalog knows, sorted."""
    return [r["id"] for r in catalog.query("SELECT id FROM containers ORDER BY id")]


def container_exists(catalog: Catalog, container_id: str) -> bool:
    """Whether the catalog knows the container."""
    return catalog.one("SELECT 1 FROM containers WHERE id = ?", (container_id,)) is not None


def version_stored(catalog: Catalog, dossier_id: str, version: int) -> bool:
    """Whether version ``version`` of the dossier has a container in the catalog."""
    return catalog.one("SELECT 1 FROM containers WHERE dossier_id = ? AND version = ?",
                       (dossier_id, version)) is not None


def latest_container(catalog: Catalog, id_or_dossier: str) -> str | None:
    """The container with this id, else the newest version of the dossier with this id;
    its id, or None."""
    row = catalog.one("SELECT id FROM containers WHERE id = ? OR dossier_id = ? "
                      "ORDER BY version DESC", (id_or_dossier, id_or_dossier))
    return row["id"] if row else None
