"""Secrecy page by page in the capture view (#23): a page that carries MẬT is withheld (shown
as a placeholder, its image never asked for), the others are kept, and the clerk removes it
and stores the rest."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from digitize.devtools.sample import render_text_page
from digitize.devtools.sample_marks import RED, Mark, stamp
from tests.gui.conftest import sign_in, wait_idle
from ui.widgets.thumbnails import WITHHELD

pytestmark = pytest.mark.gui


def _three_pages(tmp_path: Path) -> list[str]:
    """Three small pages (150 dpi); page 2 bears a red MẬT stamp."""
    out = []
    for n in (1, 2, 3):
        image, _l = render_text_page(f"Trang {n}. Kế hoạch số hóa tài liệu năm 2024.", dpi=150)
        if n == 2:
            image = stamp(image, Mark("MẬT", RED, "rect", 35, 0.75, 0.8), 150)
        p = tmp_path / f"trang-{n}.png"
        Image.fromarray(image).save(p, dpi=(150, 150))
        out.append(str(p))
    return out


def test_a_marked_page_is_withheld_and_the_rest_stored(qtbot, open_window, empty_archive: Path,
                                                       tmp_path: Path, monkeypatch) -> None:
    w = open_window(empty_archive)
    sign_in(qtbot, w, "clerk")
    cap = w.view("capture")
    cap.not_secret.setChecked(True)
    cap.import_paths(_three_pages(tmp_path))
    qtbot.waitUntil(lambda: cap.thumbs.count() == 3 and not w.runner.busy, timeout=60_000)
    did = cap.dossier_id
    ws = w.session.workspace
    asked: list[int] = []
    real = ws.capture.thumbnail
    monkeypatch.setattr(ws.capture, "thumbnail",
                        lambda d, seq, **k: (asked.append(seq), real(d, seq, **k))[1])
    cap.process()
    qtbot.waitUntil(lambda: cap.dossier_id == did and cap.thumbs.count() == 3
                    and cap.withheld_bar.isVisibleTo(cap), timeout=300_000)
    wait_idle(qtbot, w)
    assert "trang 2 mang dấu MẬT" in cap.status.text(), cap.status.history()
    assert not cap.refused_page.isNull()  # the page as captured, shown in the notice
    texts = [cap.thumbs.item(i).text() for i in range(3)]
    assert texts[1] == "Trang 2 — mang dấu MẬT, đã xóa khỏi máy này", texts
    assert cap.thumbs.item(1).data(WITHHELD) == "MẬT"
    assert texts[0].startswith("Trang 1") and texts[2].startswith("Trang 3")
    assert 2 not in asked and {1, 3} <= set(asked)  # the withheld page's image never asked for
    assert [p.status for p in ws.capture.staged_pages(did)][1] == "withheld"
    cap.remove_withheld_button.click()
    qtbot.waitUntil(lambda: any("Đã lưu hồ sơ" in t for t in cap.status.history()),
                    timeout=300_000)
    wait_idle(qtbot, w)
    assert ws.dossier(did).status == "stored", cap.status.history()
    assert f"Đã lưu hồ sơ {did}: 2 trang" in cap.status.text(), cap.status.history()
    assert not cap.withheld_bar.isVisibleTo(cap)
