"""``verify`` runs SQLite's integrity check on the catalog and names the way out."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from archive.catalog import Catalog, check_catalog
from archive.errors import CatalogCorrupt

KEY = bytes(range(32))


def _filled(path: Path) -> None:
    cat = Catalog(path, KEY)
    with cat.atomic() as db:
        db.execute("CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT)")
        db.execute("CREATE INDEX filler_body ON filler(body)")
        for i in range(400):
            db.execute("INSERT INTO filler(body) VALUES (?)", (f"{i:05d}" + "x" * 900,))
    cat.close()


def test_a_sound_catalog_passes_both_checks(tmp_path: Path) -> None:
    _filled(tmp_path / "c.db")
    cat = Catalog(tmp_path / "c.db", KEY)
    check_catalog(cat)
    check_catalog(cat, quick=True)
    cat.close()


@pytest.mark.parametrize("quick", [False, True])
def test_a_damaged_page_is_reported_with_rebuild_catalog(tmp_path: Path, quick: bool) -> None:
    path = tmp_path / "c.db"
    _filled(path)
    size = path.stat().st_size
    with path.open("r+b") as f:  # one page in the middle (page 1, the key check, stays whole)
        f.seek((size // 4096 // 2) * 4096 + 100)
        f.write(os.urandom(64))
    cat = Catalog(path, KEY)
    with pytest.raises(CatalogCorrupt) as exc:
        check_catalog(cat, quick=quick)
    cat.close()
    for lang in ("vi", "en"):
        assert "rebuild-catalog" in exc.value.message(lang)
    assert exc.value.exit_code == 3
