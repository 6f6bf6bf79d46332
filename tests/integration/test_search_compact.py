"""Index segments: batch indexing, bounded merges and the full merge keep every result."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from archive.catalog import Catalog
from archive.search import compact
from archive.search.compact import IndexShape, index_shape, segment_count
from digitize.store.schema import MIGRATIONS
from digitize.store.search_index import index_page, index_pages, reindex, search

pytestmark = pytest.mark.integration

_WORDS = ("quyết định số hóa tài liệu lưu trữ hồ sơ văn thư kế hoạch chuyển đổi số ủy ban "
          "nhân dân tỉnh báo cáo công tác năm giao chỉ tiêu biên chế má mà ma").split()
_QUERIES = ["quyet dinh", '"tài liệu lưu trữ"', "lưu*", "má", "ke hoach -bao", "so hoa OR bien che",
            "15/QĐ-UBND"]


def _text(i: int) -> str:
    return " ".join(_WORDS[(i * 7 + k * (i % 5 + 1)) % len(_WORDS)] for k in range(25))


@pytest.fixture
def cat(tmp_path: Path) -> Iterator[Catalog]:
    c = Catalog(tmp_path / "catalog.db", bytes(range(32)), MIGRATIONS)
    with c.atomic():
        for d in range(6):
            did = f"KG.2024.{d:02d}"
            c.conn.execute("INSERT INTO dossiers(id, title, file_code, status, created, updated) "
                           "VALUES (?, ?, ?, 'stored', 't', 't')", (did, f"Hồ sơ {d}", did))
            meta = {"codeNumber": str(15 + d % 2), "codeNotation": "QĐ-UBND", "typeName": "02",
                    "issuedDate": "08/06/2024", "organName": "Ủy ban nhân dân tỉnh",
                    "subject": "chuyển đổi số"}
            c.conn.execute("INSERT INTO documents(doc_id, dossier_id, seq, meta, first_page, "
                           "n_pages) VALUES (?, ?, 1, ?, 1, 20)",
                           (f"{did}.1", did, json.dumps(meta, ensure_ascii=False)))
            for s in range(1, 21):
                c.conn.execute("INSERT INTO pages(dossier_id, seq, source, source_index, status, "
                               "doc_seq, text) VALUES (?, ?, 'scan', ?, 'stored', 1, ?)",
                               (did, s, s, _text(d * 20 + s)))
    yield c
    c.close()


def _results(c: Catalog) -> dict[str, list[tuple[int, float]]]:
    return {q: [(h.page_id, round(h.score, 6)) for h in search(c, q, limit=200).hits]
            for q in _QUERIES}


def _found(c: Catalog) -> dict[str, set[int]]:
    return {q: {h.page_id for h in search(c, q, limit=200).hits} for q in _QUERIES}


def _ids(c: Catalog) -> list[int]:
    return [r[0] for r in c.conn.execute("SELECT id FROM pages ORDER BY id")]


def test_one_call_per_dossier_writes_one_segment_per_dossier(cat: Catalog) -> None:
    ids = _ids(cat)
    for k in range(0, len(ids), 20):
        index_pages(cat, ids[k:k + 20])
    batched, n_batched = _found(cat), segment_count(cat.conn)
    reindex(cat, compact_index=False)
    for pid in ids:  # the old way: a call per page
        index_page(cat, pid)
    assert _found(cat) == batched and all(batched.values())
    assert n_batched <= 6 < segment_count(cat.conn)


def test_full_merge_leaves_one_segment_and_the_same_results(cat: Catalog) -> None:
    for pid in _ids(cat):
        index_page(cat, pid)
    before, segments = _results(cat), segment_count(cat.conn)
    assert segments > 2
    assert compact(cat, full=True, step_pages=2, max_steps=10_000) is True  # in steps
    assert segment_count(cat.conn) == 1 and _results(cat) == before
    assert reindex(cat) == 120  # optimize in one transaction
    assert segment_count(cat.conn) == 1 and _results(cat) == before


def test_bounded_merge_stops_resumes_and_keeps_results(cat: Catalog) -> None:
    for pid in _ids(cat):
        index_page(cat, pid)
    before, segments = _results(cat), segment_count(cat.conn)
    assert compact(cat, full=True, step_pages=1, max_steps=1) is False  # work left over
    assert _results(cat) == before  # a merge in progress is still a consistent index
    assert compact(cat, cancelled=lambda: True) is False
    assert compact(cat, step_pages=1) is True  # the started merge runs to its end
    assert segment_count(cat.conn) < segments and _results(cat) == before


def test_reindexing_a_page_replaces_it_in_every_segment(cat: Catalog) -> None:
    ids = _ids(cat)
    cat.execute("UPDATE pages SET text = 'bản nháp riêng biệt' WHERE id = ?", (ids[0],))
    index_pages(cat, ids)
    assert [h.page_id for h in search(cat, "rieng biet").hits] == [ids[0]]
    cat.execute("UPDATE pages SET text = 'trang đã sửa chữa hoàn toàn' WHERE id = ?", (ids[0],))
    index_pages(cat, [ids[0], ids[0]])
    assert search(cat, "rieng biet").hits == []
    compact(cat, full=True)
    assert [h.page_id for h in search(cat, "sua chua").hits] == [ids[0]]
    assert search(cat, "rieng biet").hits == []
    cat.execute("DELETE FROM pages WHERE id = ?", (ids[0],))
    assert index_pages(cat, [ids[0]]) == 0
    assert search(cat, "sua chua").hits == []


def test_many_deleted_marks_start_a_full_merge_that_later_calls_finish(cat: Catalog) -> None:
    ids = _ids(cat)
    index_pages(cat, ids)
    compact(cat, full=True)
    index_pages(cat, ids[:5])  # revised pages: their old rows are marked deleted
    # (5 of 120: under FTS5's own 'deletemerge' share of 10 %)
    shape = index_shape(cat.conn)
    assert shape.tombstones == ((120, 5),) and not shape.merging
    before = _results(cat)
    compact(cat, max_steps=1, step_pages=1, tombstone_limit=6, large_segment=1)
    compact(cat, max_steps=1, step_pages=1, tombstone_limit=5, large_segment=121)
    assert index_shape(cat.conn).tombstones == ((120, 5),)  # under a limit: left alone
    for _ in range(10_000):
        if compact(cat, max_steps=1, step_pages=1, tombstone_limit=5, large_segment=120):
            break
    assert index_shape(cat.conn) == IndexShape(1, False, ())
    assert _results(cat) == before
