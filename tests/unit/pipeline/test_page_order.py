"""Page work is handed out biggest image first, so a batch does not end on one big page."""

from __future__ import annotations

import numpy as np
import pytest

from digitize.capture.page import CapturedPage
from digitize.core import Workspace
from digitize.model import PageStatus
from digitize.pipeline import run
from digitize.pipeline.run import capture_pages, new_dossier, process_pages
from digitize.store import staging_rows


def _page(i: int, noise: int) -> CapturedPage:
    """A page whose encoded size grows with ``noise`` (rows of random pixels)."""
    img = np.full((400, 300), 255, np.uint8)
    img[: noise * 40] = np.random.default_rng(i).integers(0, 256, (noise * 40, 300), np.uint8)
    img[390 - i, :] = i  # pages told apart
    return CapturedPage(image=img, dpi=100, source="test", index=i, mode="gray")


class _Stop(Exception):
    pass


def test_biggest_master_images_are_worked_on_first(ws: Workspace,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    did = new_dossier(ws, "Hồ sơ thử")
    capture_pages(ws, did, iter([_page(0, 1), _page(1, 0), _page(2, 5), _page(3, 3)]))
    sizes = staging_rows.master_sizes(ws.catalog, did, PageStatus.CAPTURED)
    rows = staging_rows.pages_in_status(ws.catalog, did, PageStatus.CAPTURED)
    by_seq = {r["seq"]: r["id"] for r in rows}
    assert sizes[by_seq[3]] > sizes[by_seq[4]] > sizes[by_seq[1]] > sizes[by_seq[2]]
    assert sizes[by_seq[3]] == len(staging_rows.master_data(ws.catalog, by_seq[3]))
    assert [r["seq"] for r in run._largest_first(ws, did, rows)] == [3, 4, 1, 2]

    seen: list[bytes] = []

    def record(data: bytes, *args: object) -> None:
        seen.append(data)
        raise _Stop

    monkeypatch.setenv("DIGITIZE_PAGE_WORKERS", "threads")
    monkeypatch.setattr(run, "work_page", record)
    with pytest.raises(_Stop):
        process_pages(ws, did, jobs=1)
    # one job: the first two pages handed out are the two biggest, in that order
    assert seen[:2] == [staging_rows.master_data(ws.catalog, by_seq[s]) for s in (3, 4)]


def test_equal_sizes_keep_page_order(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    did = new_dossier(ws, "Hồ sơ thử")
    capture_pages(ws, did, iter([_page(i, 0) for i in range(3)]))
    rows = staging_rows.pages_in_status(ws.catalog, did, PageStatus.CAPTURED)
    monkeypatch.setattr(staging_rows, "master_sizes", lambda *a: {})
    assert [r["seq"] for r in run._largest_first(ws, did, rows[::-1])] == [1, 2, 3]
