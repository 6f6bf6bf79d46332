"""Search view: a broad query says "more than", and "show more" appends the next hits."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.search import Hit, SearchResults
from tests.gui.conftest import sign_in
from ui.views.search_view import PAGE_HITS

pytestmark = pytest.mark.gui


def _results(total: int, exact: bool, offset: int, limit: int) -> SearchResults:
    hits = [Hit("HS.1", "Hồ sơ thử", "", i + 1, 1.0, f"… «quyết định» số {i + 1} …", [], {}, i + 1)
            for i in range(offset, min(total, offset + limit))]
    return SearchResults(hits, total, 3.0, exact)


def _search_view(qtbot, open_window, monkeypatch, root: Path, fake):  # noqa: ANN001, ANN202
    """The archivist's search view on ``fake`` instead of the core, after typing a query."""
    monkeypatch.setattr("digitize.services.search.Search.__call__", fake)
    w = open_window(root)
    sign_in(qtbot, w, "archivist")
    sv = w.show_view("search")
    qtbot.keyClicks(sv.query, "quyet dinh")
    qtbot.waitUntil(lambda: sv.list.count() == PAGE_HITS, timeout=30_000)
    return sv


@pytest.mark.parametrize("total, exact", [(120, True), (1000, False)])
def test_show_more_appends_the_next_hits_until_all_are_shown(qtbot, open_window, monkeypatch,
                                                             empty_archive: Path, total: int,
                                                             exact: bool) -> None:
    asked: list[tuple[str, int, int]] = []

    def fake_search(ws, query, *, limit=50, offset=0, **filters):  # noqa: ANN001, ANN202
        asked.append((query, limit, offset))
        return _results(total, exact, offset, limit)

    sv = _search_view(qtbot, open_window, monkeypatch, empty_archive, fake_search)
    assert ("Hơn" in sv.count.text()) is (not exact)
    assert sv.more_button.isVisible() and f"{PAGE_HITS}/{total}" in sv.more_button.text()
    shown = PAGE_HITS
    while shown < total:
        sv.more_button.click()
        shown = min(total, shown + PAGE_HITS)
        qtbot.waitUntil(lambda n=shown: sv.list.count() == n, timeout=30_000)
    assert not sv.more_button.isVisible()
    assert [h.page_seq for h in sv.results.hits] == list(range(1, total + 1))
    assert asked[-1] == ("quyet dinh", PAGE_HITS, (total - 1) // PAGE_HITS * PAGE_HITS)
    sv.list.setCurrentRow(total - 1)  # a hit from the last page opens like the first
    assert sv.results.hits[sv.list.currentRow()].page_seq == total

    sv.query.clear()  # a cleared query clears the list and the button
    qtbot.waitUntil(lambda: sv.list.count() == 0 and not sv.more_button.isVisible(),
                    timeout=30_000)


def test_a_failed_show_more_says_why_and_can_be_tried_again(qtbot, open_window, monkeypatch,
                                                           empty_archive: Path) -> None:
    from archive.catalog import CatalogError

    fail = [True]

    def fake_search(ws, query, *, limit=50, offset=0, **filters):  # noqa: ANN001, ANN202
        if offset and fail and fail.pop():
            raise CatalogError("database is locked")
        return _results(120, True, offset, limit)

    sv = _search_view(qtbot, open_window, monkeypatch, empty_archive, fake_search)
    sv.more_button.click()
    qtbot.waitUntil(lambda: sv.more_button.isEnabled() and "database is locked" in sv.count.text(),
                    timeout=30_000)
    assert sv.list.count() == PAGE_HITS  # nothing added, nothing lost
    sv.more_button.click()
    qtbot.waitUntil(lambda: sv.list.count() == 2 * PAGE_HITS, timeout=30_000)
    assert "120 trang khớp" in sv.count.text()
