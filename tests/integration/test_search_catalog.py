"""Search over a real SQLCipher catalog: every kind of query, filters, boxes, secrecy, reindex."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from archive.catalog import Catalog
from archive.errors import SearchIndexMissing, SearchQueryError
from archive.search import SearchResults
from digitize.store.schema import MIGRATIONS
from digitize.store.search_index import index_page, reindex, search, unindex_dossier

pytestmark = pytest.mark.integration

_FILLER = ("công tác văn thư năm nay được bảo đảm theo kế hoạch của cơ quan đơn vị cán bộ "
           "công chức thực hiện nhiệm vụ chuyên môn định kỳ tổng hợp báo cáo gửi cấp trên").split()


def _words(text: str) -> str:
    words = [{"text": t, "left": 100 + 60 * i, "top": 200, "width": 50, "height": 20,
              "conf": 91.0, "block": 1, "line": 1, "low_confidence": False}
             for i, t in enumerate(text.split())]
    return json.dumps({"words": words}, ensure_ascii=False)


class _Archive:
    def __init__(self, path: Path) -> None:
        self.cat = Catalog(path, bytes(range(32)), MIGRATIONS)
        self.page_ids: dict[tuple[str, int], int] = {}

    def dossier(self, did: str, title: str, secrecy: str = "", maintenance: str = "01") -> None:
        self.cat.execute(
            "INSERT INTO dossiers(id, title, file_code, status, created, updated, meta, secrecy) "
            "VALUES (?, ?, ?, 'stored', 't', 't', ?, ?)",
            (did, title, did, json.dumps({"maintenance": maintenance}), secrecy))

    def document(self, did: str, seq: int, first: int, n: int, *, number: str, notation: str,
                 type_code: str, issued: date, organ: str, subject: str,
                 secrecy: str = "") -> None:
        meta = {"codeNumber": number, "codeNotation": notation, "typeName": type_code,
                "issuedDate": issued.strftime("%d/%m/%Y"), "organName": organ,
                "subject": subject, "secrecy": secrecy}
        self.cat.execute(
            "INSERT INTO documents(doc_id, dossier_id, seq, meta, first_page, n_pages, type_code, "
            "issued, organ, notation) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (f"{did}.{seq}", did, seq, json.dumps(meta, ensure_ascii=False), first, n, type_code,
             issued.isoformat(), organ, f"{number}/{notation}"))

    def page(self, did: str, seq: int, text: str, doc_seq: int | None = None) -> int:
        pid = self.cat.execute(
            "INSERT INTO pages(dossier_id, seq, source, source_index, status, doc_seq, text, ocr)"
            " VALUES (?, ?, 'scan', ?, 'stored', ?, ?, ?)",
            (did, seq, seq, doc_seq, text, _words(text)))
        self.page_ids[(did, seq)] = pid
        with self.cat.atomic():
            index_page(self.cat, pid)
        return pid


@pytest.fixture
def arc(tmp_path: Path) -> Iterator[_Archive]:
    a = _Archive(tmp_path / "catalog.db")
    a.dossier("KG.2022.01", "Hồ sơ công việc năm 2022 của Văn phòng")
    a.document("KG.2022.01", 1, 1, 2, number="15", notation="QĐ-UBND", type_code="02",
               issued=date(2022, 6, 8), organ="Ủy ban nhân dân tỉnh Kiên Giang",
               subject="phê duyệt kế hoạch chuyển đổi số")
    a.page("KG.2022.01", 1, "Quyết định về việc số hóa tài liệu lưu trữ của tỉnh", 1)
    a.page("KG.2022.01", 2, "Điều 2. Chánh Văn phòng chịu trách nhiệm thi hành", 1)
    a.document("KG.2022.01", 2, 3, 1, number="115", notation="QĐ-UBND", type_code="02",
               issued=date(2023, 1, 10), organ="Sở Nội vụ", subject="giao chỉ tiêu biên chế")
    a.page("KG.2022.01", 3, "Bàn giao hồ sơ cho bà con, má của em đi chợ", 2)
    a.document("KG.2022.01", 3, 4, 1, number="15", notation="QĐ-SNV", type_code="14",
               issued=date(2021, 3, 1), organ="Sở Nội vụ", subject="kết quả công tác năm")
    a.page("KG.2022.01", 4, "Báo cáo: tài liệu được lập, sau đó lưu trữ; mà ma quỷ", 3)
    a.dossier("KG.2022.09", "Hồ sơ mật về quốc phòng", secrecy="Mật", maintenance="02")
    a.document("KG.2022.09", 1, 1, 1, number="7", notation="QĐ-UBND", type_code="02",
               issued=date(2022, 6, 8), organ="Ủy ban nhân dân tỉnh Kiên Giang",
               subject="số hóa hồ sơ quốc phòng", secrecy="MẬT")
    a.page("KG.2022.09", 1, "Quyết định số hóa hồ sơ quốc phòng tuyệt đối bảo mật", 1)
    a.dossier("KG.2020.05", "Hồ sơ công tác văn thư")
    for i in range(40):  # unrelated pages, so that idf of the words above is meaningful
        a.page("KG.2020.05", i + 1, " ".join(_FILLER[(i + k) % len(_FILLER)] for k in range(30)))
    a.page("KG.2020.05", 41, "Ý kiến đề nghị phê duyệt của cán bộ")
    yield a
    a.cat.close()


def _pages(r: SearchResults) -> list[tuple[str, int]]:
    return [(h.dossier_id, h.page_seq) for h in r.hits]


def test_query_without_diacritics_finds_vietnamese_text(arc: _Archive) -> None:
    r = search(arc.cat, "quyet dinh so hoa")
    assert _pages(r) == [("KG.2022.01", 1)] and r.total == 1 and r.total_exact
    assert "«Quyết định»" in r.hits[0].snippet and "«số hóa»" in r.hits[0].snippet
    assert r.hits[0].doc_id == "KG.2022.01.1" and r.hits[0].meta["codeNumber"] == "15"
    assert r.hits[0].dossier_title.startswith("Hồ sơ công việc")


def test_d_with_stroke_folds_both_ways(arc: _Archive) -> None:
    assert _pages(search(arc.cat, "dieu 2")) == [("KG.2022.01", 2)]
    assert _pages(search(arc.cat, "Điều")) == [("KG.2022.01", 2)]


def test_marked_query_ranks_exact_diacritics_first(arc: _Archive) -> None:
    loose = search(arc.cat, "ma")
    assert {p for p in _pages(loose)} == {("KG.2022.01", 3), ("KG.2022.01", 4)}
    assert _pages(search(arc.cat, "má"))[0] == ("KG.2022.01", 3)
    assert _pages(search(arc.cat, "mà"))[0] == ("KG.2022.01", 4)


def test_phrase_needs_adjacent_syllables(arc: _Archive) -> None:
    assert _pages(search(arc.cat, '"tài liệu lưu trữ"')) == [("KG.2022.01", 1)]
    assert _pages(search(arc.cat, '"tai lieu luu tru"')) == [("KG.2022.01", 1)]
    both = _pages(search(arc.cat, "tai lieu luu tru"))
    assert both[0] == ("KG.2022.01", 1) and ("KG.2022.01", 4) in both  # adjacency ranks first


def test_prefix_queries(arc: _Archive) -> None:
    assert ("KG.2022.01", 1) in _pages(search(arc.cat, "lưu*"))
    assert ("KG.2022.01", 2) in _pages(search(arc.cat, "chan*"))  # Chánh


def test_boolean_operators(arc: _Archive) -> None:
    assert set(_pages(search(arc.cat, "chánh OR giao"))) == {("KG.2022.01", 2),
                                                            ("KG.2022.01", 3)}
    assert _pages(search(arc.cat, "tài liệu -báo")) == [("KG.2022.01", 1)]
    assert _pages(search(arc.cat, "tài liệu NOT báo")) == [("KG.2022.01", 1)]
    assert _pages(search(arc.cat, "(bàn OR chánh) AND giao")) == [("KG.2022.01", 3)]


@pytest.mark.parametrize("typed", ["15/QĐ-UBND", "15/QD-UBND", "15/QÐ-UBND", "15/qd-ubnd"])
def test_notation_matches_the_document_exactly(arc: _Archive, typed: str) -> None:
    r = search(arc.cat, typed)
    assert sorted(_pages(r)) == [("KG.2022.01", 1), ("KG.2022.01", 2)]
    assert {h.doc_id for h in r.hits} == {"KG.2022.01.1"}


def test_notation_with_words_and_prefix(arc: _Archive) -> None:
    assert _pages(search(arc.cat, "15/QĐ-SNV báo cáo")) == [("KG.2022.01", 4)]
    assert len(search(arc.cat, "15/QĐ*").hits) == 3  # 15/QĐ-UBND (2 pages) and 15/QĐ-SNV


def test_metadata_ranks_above_body_text(arc: _Archive) -> None:
    r = search(arc.cat, "phê duyệt")  # doc 1's subject, and one filler page's body
    assert _pages(r)[:2] in ([("KG.2022.01", 1), ("KG.2022.01", 2)],
                             [("KG.2022.01", 2), ("KG.2022.01", 1)])
    assert _pages(r)[2] == ("KG.2020.05", 41)


def test_filters(arc: _Archive) -> None:
    c = arc.cat
    assert {p for p in _pages(search(c, "", type_code="14"))} == {("KG.2022.01", 4)}
    june = search(c, "", date_from=date(2022, 6, 8), date_to=date(2022, 6, 8))
    assert sorted(_pages(june)) == [("KG.2022.01", 1), ("KG.2022.01", 2)]
    assert _pages(search(c, "", date_from=date(2022, 6, 9), date_to="2023-01-10")) == [
        ("KG.2022.01", 3)]
    assert _pages(search(c, "", date_to=date(2021, 12, 31))) == [("KG.2022.01", 4)]
    assert sorted(_pages(search(c, "ho so", organ="Sở Nội vụ"))) == [("KG.2022.01", 3),
                                                                     ("KG.2022.01", 4)]
    assert sorted(_pages(search(c, "", organ="kien giang"))) == [("KG.2022.01", 1),
                                                                ("KG.2022.01", 2)]
    assert search(c, "cong tac", dossier_id="KG.2020.05").total == 41
    assert _pages(search(c, "cong tac", dossier_id="KG.2022.01")) == [("KG.2022.01", 4)]
    assert search(c, "", maintenance="02", allowed_secrecy=("", "Mật")).total == 1


def test_boxes_are_the_matched_words_on_the_page(arc: _Archive) -> None:
    hit = search(arc.cat, "so hoa").hits[0]
    assert (hit.dossier_id, hit.page_seq) == ("KG.2022.01", 1)
    # "Quyết định về việc số hóa ...": words 4 and 5
    assert hit.boxes == [(100 + 60 * 4, 200, 50, 20), (100 + 60 * 5, 200, 50, 20)]


def test_secrecy_marked_records_only_for_allowed_roles(arc: _Archive) -> None:
    assert all(h.dossier_id != "KG.2022.09" for h in search(arc.cat, "quoc phong").hits)
    assert search(arc.cat, "quoc phong").total == 0
    cleared = search(arc.cat, "quoc phong", allowed_secrecy=("", "MẬT"))
    assert _pages(cleared) == [("KG.2022.09", 1)]
    assert search(arc.cat, "quoc phong", allowed_secrecy=("", "Tối mật")).total == 0
    only_secret = search(arc.cat, "so hoa", allowed_secrecy=("Mật",))
    assert _pages(only_secret) == [("KG.2022.09", 1)]


def test_reindex_after_the_index_tables_are_dropped(arc: _Archive) -> None:
    before = search(arc.cat, "quyet dinh")
    arc.cat.execute("DROP TABLE search_fts")
    with pytest.raises(SearchIndexMissing) as e:
        search(arc.cat, "quyet dinh")
    assert "reindex" in e.value.message("en")
    with pytest.raises(SearchIndexMissing):
        index_page(arc.cat, arc.page_ids[("KG.2022.01", 1)])
    assert reindex(arc.cat) == 46
    after = search(arc.cat, "quyet dinh")
    assert _pages(after) == _pages(before) and after.total == before.total


def test_reindex_and_unindex_dossier(arc: _Archive) -> None:
    assert unindex_dossier(arc.cat, "KG.2022.01") == 4
    assert search(arc.cat, "tai lieu").total == 0
    assert search(arc.cat, "15/QĐ-UBND").total == 0
    assert reindex(arc.cat) == 46
    assert search(arc.cat, "15/QĐ-UBND").total == 2


def test_index_page_rewrites_an_edited_page(arc: _Archive) -> None:
    pid = arc.page_ids[("KG.2022.01", 2)]
    arc.cat.execute("UPDATE pages SET text = ? WHERE id = ?", ("Biên bản nghiệm thu", pid))
    index_page(arc.cat, pid)
    assert search(arc.cat, "chanh van phong").total == 0
    assert _pages(search(arc.cat, "nghiem thu")) == [("KG.2022.01", 2)]
    arc.cat.execute("DELETE FROM pages WHERE id = ?", (pid,))
    index_page(arc.cat, pid)  # a page that is gone leaves the index
    assert search(arc.cat, "nghiem thu").total == 0


def test_malformed_queries_are_repaired_or_refused(arc: _Archive) -> None:
    assert _pages(search(arc.cat, '"số hóa tài liệu')) == [("KG.2022.01", 1)]
    assert _pages(search(arc.cat, "((số AND hóa AND tài")) == [("KG.2022.01", 1)]
    assert search(arc.cat, "quyết) OR OR (").total == search(arc.cat, "quyết").total > 0
    assert search(arc.cat, "{body_e}: NEAR(quyết)").total == 0  # plain words, not syntax
    for bad in ("-quyết", "", "   "):
        with pytest.raises(SearchQueryError):
            search(arc.cat, bad)
    with pytest.raises(SearchQueryError):
        search(arc.cat, "x", date_from="08/06/2022")


def test_paging_and_json(arc: _Archive) -> None:
    every = search(arc.cat, "cong tac", limit=100)
    page2 = search(arc.cat, "cong tac", limit=10, offset=10)
    assert every.total == page2.total == 42 and len(page2.hits) == 10
    assert _pages(page2) == _pages(every)[10:20]
    doc = json.loads(search(arc.cat, "so hoa").to_json())
    assert doc["total"] == 1 and "«số hóa»" in doc["hits"][0]["snippet"]
    assert doc["hits"][0]["boxes"][0] == [340, 200, 50, 20] and doc["elapsed_ms"] >= 0


def test_broad_queries_rank_a_window_of_the_newest_matches(arc: _Archive,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import archive.search.find as mod

    monkeypatch.setattr(mod, "RANK_WINDOW", 8)
    monkeypatch.setattr(mod, "MIN_WINDOW", 8)
    r = search(arc.cat, "cong tac", limit=5)
    assert r.total == 8 and not r.total_exact and len(r.hits) == 5
    assert search(arc.cat, "so hoa").total_exact


def _terms(cat: Catalog) -> dict[str, tuple[int, int]]:
    return {r["term"]: (r["df"], r["n"]) for r in cat.query("SELECT * FROM search_terms")}


def test_reindex_counts_every_folded_syllable(arc: _Archive) -> None:
    reindex(arc.cat)
    terms = _terms(arc.cat)
    assert terms["quyet"] == (4, 46)  # the four pages of "Quyết định" documents (type 02)
    assert terms["cong"][0] >= 41 and not any(t.startswith("_") for t in terms)
    assert {("KG.2022.01", 1), ("KG.2022.01", 4)} <= set(_pages(search(arc.cat, "luu*")))


def test_stale_term_frequencies_are_counted_again(arc: _Archive) -> None:
    from archive.search.rank import term_cache

    reindex(arc.cat)
    arc.cat.execute("UPDATE search_terms SET df = 999, n = 3 WHERE term = 'nghiem'")
    arc.cat.execute("UPDATE search_terms SET df = 7, n = 46 WHERE term = 'thu'")
    term_cache(arc.cat).clear()
    for i in range(20):  # the index grows by more than a fifth
        arc.page("KG.2020.05", 100 + i, f"Biên bản nghiệm thu công trình số {i}")
    assert search(arc.cat, "nghiem thu").total == 20
    terms = _terms(arc.cat)
    assert terms["nghiem"] == (20, 66)  # was stale (counted at 3 pages): counted again
    assert terms["thu"][1] == 66  # counted at 46 pages, 66 now: stale too
    arc.cat.execute("UPDATE search_terms SET df = 5 WHERE term = 'nghiem'")
    search(arc.cat, "nghiem")
    assert _terms(arc.cat)["nghiem"] == (5, 66)  # fresh enough: the cached value is kept


def test_a_page_indexed_after_reindex_is_found_by_prefix(arc: _Archive) -> None:
    reindex(arc.cat)
    arc.page("KG.2020.05", 200, "Khuyến nông khuyến ngư")
    assert _terms(arc.cat)["khuyen"] == (0, 0)  # known word, frequency counted when asked
    assert _pages(search(arc.cat, "khuye*")) == [("KG.2020.05", 200)]


def test_unindexed_metadata_leaves_no_side_rows(arc: _Archive) -> None:
    before = arc.cat.one("SELECT count(*) AS n FROM search_meta")["n"]
    assert unindex_dossier(arc.cat, "KG.2022.09") == 1
    assert arc.cat.one("SELECT count(*) AS n FROM search_meta")["n"] == before - 1
    assert not arc.cat.query("SELECT id FROM search_meta WHERE meta_f LIKE '%quoc%'")
    unindex_dossier(arc.cat, "KG.2022.01")
    orphans = arc.cat.query("SELECT id FROM search_meta WHERE id NOT IN "
                            "(SELECT meta_id FROM search_rows)")
    assert orphans == []


def test_catalog_from_before_the_v2_index_is_rebuilt_on_open(arc: _Archive,
                                                              tmp_path: Path) -> None:
    expected = _pages(search(arc.cat, "quyet dinh"))
    v2 = arc.cat.one("PRAGMA user_version")["user_version"]
    arc.cat.execute("DROP TABLE search_meta")
    arc.cat.execute(f"PRAGMA user_version = {v2 - 1}")
    arc.cat.close()
    arc.cat = Catalog(tmp_path / "catalog.db", bytes(range(32)), MIGRATIONS)
    assert _pages(search(arc.cat, "quyet dinh")) == expected


@pytest.mark.parametrize("query", ["phê duyệt", "quyet dinh", "kiên*", "15/QĐ*", '"kế hoạch"',
                                   "chánh OR giao"])
def test_metadata_presence_in_sql_is_the_documented_rule(arc: _Archive, query: str) -> None:
    from archive.search.query import compile_query
    from archive.search.rank import meta_presence, presence

    terms = compile_query(query).terms
    ids = [r["page_id"] for r in arc.cat.query("SELECT page_id FROM search_rows")]
    flags = meta_presence(arc.cat.conn, ids, terms)
    rows = arc.cat.query("SELECT r.page_id, m.meta_e, m.meta_f FROM search_rows r "
                         "JOIN search_meta m ON m.id = r.meta_id")
    assert {r["page_id"] for r in rows} == set(flags)
    for r in rows:
        expected = presence(terms, set(r["meta_e"].split()), set(r["meta_f"].split()))
        assert flags[r["page_id"]] == expected, r["page_id"]
    assert any(any(f) for f in flags.values())
