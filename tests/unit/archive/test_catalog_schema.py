"""The catalog's on-disk schema is the released one: its migrations moved (#17), not changed.

``tests/vectors/catalog_schema_v4.json`` is ``sqlite_master`` and ``user_version`` of a catalog
created by the release before the move (``archive.catalog.MIGRATIONS``, commit b530433). The
first four of :data:`digitize.store.schema.MIGRATIONS` must build exactly that; later
migrations are appended, never inserted.
"""

from __future__ import annotations

import json
from pathlib import Path

from archive.catalog import Catalog
from digitize.store.schema import MIGRATIONS

VECTOR = Path(__file__).resolve().parents[2] / "vectors" / "catalog_schema_v4.json"


def test_first_four_migrations_build_the_released_schema(tmp_path: Path) -> None:
    want = json.loads(VECTOR.read_text(encoding="utf-8"))
    cat = Catalog(tmp_path / "c.db", bytes(32), MIGRATIONS[:4])
    try:
        got = {"user_version": cat.one("PRAGMA user_version")["user_version"],
               "objects": cat.query("SELECT type, name, tbl_name, sql FROM sqlite_master "
                                    "WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")}
    finally:
        cat.close()
    assert got == want


def test_a_catalog_without_migrations_is_empty(tmp_path: Path) -> None:
    cat = Catalog(tmp_path / "c.db", bytes(32))
    try:
        assert cat.query("SELECT name FROM sqlite_master") == []
        assert cat.one("PRAGMA user_version")["user_version"] == 0
    finally:
        cat.close()
