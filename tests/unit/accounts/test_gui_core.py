"""The Qt-free core behind the GUI's capture view: staging, reordering, rotating, deleting."""

from __future__ import annotations

import numpy as np
import pytest

from digitize.capture.page import CapturedPage
from digitize.core import Workspace
from digitize.errors import UsageError
from digitize.pipeline.run import capture_pages, new_dossier
from digitize.pipeline.staging import delete_page, move_page, rotate_page, staged_pages, thumbnail


def _page(i: int, w: int = 300, h: int = 400) -> CapturedPage:
    img = np.full((h, w), 255, np.uint8)
    img[20 + 10 * i: 40 + 10 * i, 30:270] = 0  # a mark that tells the pages apart
    return CapturedPage(image=img, dpi=100, source="test", index=i, mode="gray")


def _marks(ws: Workspace, did: str) -> list[int]:
    rows = ws.catalog.query("SELECT p.seq, b.data FROM pages p JOIN page_blobs b ON "
                            "b.page_id = p.id WHERE p.dossier_id = ? ORDER BY p.seq", (did,))
    from digitize.pipeline import imagecodec

    out = []
    for r in rows:
        img = imagecodec.decode(r["data"])
        gray = img if img.ndim == 2 else img[:, :, 0]
        out.append(int(np.argmax(gray[:, 150] < 128)))
    return out


def test_reorder_rotate_delete_and_thumbnails(ws: Workspace) -> None:
    did = new_dossier(ws, "Hồ sơ thử")
    assert capture_pages(ws, did, iter([_page(i) for i in range(4)])) == 4
    assert [p.seq for p in staged_pages(ws, did)] == [1, 2, 3, 4]
    first = _marks(ws, did)
    move_page(ws, did, 4, 1)
    assert _marks(ws, did) == [first[3], first[0], first[1], first[2]]
    delete_page(ws, did, 2)
    assert [p.seq for p in staged_pages(ws, did)] == [1, 2, 3]
    assert _marks(ws, did) == [first[3], first[1], first[2]]
    rotate_page(ws, did, 1, 1)
    p1 = staged_pages(ws, did)[0]
    assert (p1.width, p1.height) == (400, 300)
    jpeg = thumbnail(ws, did, 1, size=120)
    assert jpeg[:2] == b"\xff\xd8" and len(jpeg) < 20_000


def test_pages_of_a_stored_dossier_cannot_be_edited(ws: Workspace) -> None:
    did = new_dossier(ws, "Hồ sơ đã lưu")
    capture_pages(ws, did, iter([_page(0)]))
    ws.catalog.execute("UPDATE dossiers SET status = 'stored' WHERE id = ?", (did,))
    with pytest.raises(UsageError):
        delete_page(ws, did, 1)


def test_a_declared_secret_is_refused_online_and_tagged_offline(
        ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    from digitize.errors import SecrecyRefused
    from digitize.errors_secrecy import NotOffline
    from digitize.pipeline import secrecy_policy
    from digitize.pipeline.staging import declare_secrecy

    did = new_dossier(ws, "Hồ sơ có dấu mật")
    capture_pages(ws, did, iter([_page(0)]))
    with pytest.raises(SecrecyRefused):
        declare_secrecy(ws, did, "MẬT")
    assert ws.catalog.one("SELECT 1 FROM dossiers WHERE id = ?", (did,)) is None
    assert ws.catalog.one("SELECT COUNT(*) AS n FROM pages")["n"] == 0
    ws.catalog.set_setting("offline_mode", True)
    did = new_dossier(ws, "Hồ sơ mật, máy ngoại tuyến")
    monkeypatch.setattr(secrecy_policy, "interfaces", lambda: ["eth0"])
    with pytest.raises(NotOffline):  # offline mode set, but a network interface is up
        declare_secrecy(ws, did, "TỐI MẬT")
    monkeypatch.setattr(secrecy_policy, "interfaces", lambda: [])
    declare_secrecy(ws, did, "TỐI MẬT")
    assert ws.catalog.one("SELECT secrecy FROM dossiers WHERE id = ?", (did,))["secrecy"] == \
        "TỐI MẬT"
