"""The catalog schema of digitize's records, and the ordered list of every catalog migration.

The order is part of the on-disk format: an archive's catalog remembers how many of these
ran (``PRAGMA user_version``), so steps are only ever appended.
"""

from __future__ import annotations

from typing import Any

from archive.catalog import Migration
from archive.export import queue
from archive.search import schema as search_schema
from digitize.store import search_index

__all__ = ["MIGRATIONS"]


def records_v1(db: Any) -> None:
    """Migration 1: settings, dossiers, pages (and their blobs), documents, containers, events."""
    db.executescript(
        """
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE dossiers (
            id TEXT PRIMARY KEY, job_key TEXT UNIQUE, title TEXT NOT NULL DEFAULT '',
            file_code TEXT, status TEXT NOT NULL, created TEXT NOT NULL, updated TEXT NOT NULL,
            meta TEXT NOT NULL DEFAULT '{}', secrecy TEXT NOT NULL DEFAULT '',
            owner TEXT NOT NULL DEFAULT '', version INTEGER NOT NULL DEFAULT 0,
            container_id TEXT, error TEXT
        );
        CREATE INDEX dossiers_status ON dossiers(status);
        CREATE TABLE pages (
            id INTEGER PRIMARY KEY, dossier_id TEXT NOT NULL REFERENCES dossiers(id),
            seq INTEGER NOT NULL, source TEXT NOT NULL, source_index INTEGER NOT NULL,
            status TEXT NOT NULL, dpi INTEGER, width INTEGER, height INTEGER,
            quality TEXT NOT NULL DEFAULT '{}', history TEXT NOT NULL DEFAULT '[]',
            blank INTEGER NOT NULL DEFAULT 0, doc_seq INTEGER,
            ocr TEXT, text TEXT, mean_conf REAL,
            UNIQUE (dossier_id, source, source_index), UNIQUE (dossier_id, seq)
        );
        CREATE TABLE page_blobs (
            page_id INTEGER NOT NULL REFERENCES pages(id), kind TEXT NOT NULL,
            data BLOB NOT NULL, PRIMARY KEY (page_id, kind)
        );
        CREATE TABLE documents (
            doc_id TEXT PRIMARY KEY, dossier_id TEXT NOT NULL REFERENCES dossiers(id),
            seq INTEGER NOT NULL, meta TEXT NOT NULL DEFAULT '{}', first_page INTEGER,
            n_pages INTEGER, pdf_name TEXT, type_code TEXT, issued TEXT, organ TEXT,
            notation TEXT, UNIQUE (dossier_id, seq)
        );
        CREATE INDEX documents_issued ON documents(issued);
        CREATE TABLE containers (
            id TEXT PRIMARY KEY, dossier_id TEXT NOT NULL, version INTEGER NOT NULL,
            size INTEGER NOT NULL, created TEXT NOT NULL, manifest TEXT NOT NULL,
            UNIQUE (dossier_id, version)
        );
        CREATE TABLE events (
            id INTEGER PRIMARY KEY, time TEXT NOT NULL, actor TEXT NOT NULL,
            action TEXT NOT NULL, record TEXT, detail TEXT
        );
        """
    )


#: Ordered schema migrations of the catalog (never reorder: ``user_version`` counts them).
MIGRATIONS: tuple[Migration, ...] = (
    records_v1,
    search_schema.migrate,  # search (#8)
    queue.migrate,  # upload queue (#9)
    search_index.migrate_v2,  # search v2 (#8): rebuilt from the pages
)
