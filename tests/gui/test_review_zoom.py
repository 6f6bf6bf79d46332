"""#23: moving to a field (F2 to the next doubtful one, Tab to the next) zooms the page to the
box the value was read in."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from tests.gui.conftest import sign_in, wait_idle

pytestmark = pytest.mark.gui


def _visible(canvas, rect) -> bool:  # noqa: ANN001
    """Whether the centre of a scene rect is inside the canvas's viewport."""
    p: QPoint = canvas.mapFromScene(rect.center())
    return canvas.viewport().rect().contains(p)


def test_f2_and_tab_zoom_to_where_the_field_was_read(qtbot, open_window,
                                                     sample_archive: Path) -> None:  # noqa: ANN001
    w = open_window(sample_archive)
    sign_in(qtbot, w, "archivist")
    rv = w.show_view("review")
    qtbot.waitUntil(lambda: rv.dossier is not None and rv.page is not None, timeout=30_000)
    wait_idle(qtbot, w)
    doc = rv.document()
    boxes = doc.meta.get("_boxes") or {}
    assert {"codeNumber", "subject"} <= set(boxes), boxes
    fit_zoom = rv.canvas.zoom
    assert rv.canvas.region() is None

    # F2: the next doubtful field with a box gets the cursor and the page zooms to it
    doubtful = [n for n in rv.form.doubtful_fields() if n in boxes]
    assert doubtful, "the sample has doubtful fields read from a line"
    rv.text.setFocus()
    while not any(rv.form.editors[n].hasFocus() for n in doubtful):
        qtbot.keyClick(w.focusWidget(), Qt.Key.Key_F2)
    name = next(n for n in doubtful if rv.form.editors[n].hasFocus())
    region = rv.canvas.region()
    assert region is not None and rv.canvas.zoom > fit_zoom * 1.2
    sx, sy = rv.canvas._scale
    left, top, right, bottom = boxes[name]
    assert abs(region.left() - left * sx) < 1 and abs(region.bottom() - bottom * sy) < 1
    assert _visible(rv.canvas, region)

    # Tab to the next field read from a line: the region follows
    order = list(rv.form.editors)
    nxt = next(n for n in order[order.index(name) + 1:] if n in boxes)
    while not rv.form.editors[nxt].hasFocus():
        qtbot.keyClick(w.focusWidget(), Qt.Key.Key_Tab)
    moved = rv.canvas.region()
    assert moved is not None and moved != region and _visible(rv.canvas, moved)
    left, top, right, bottom = boxes[nxt]
    assert abs(moved.top() - top * sy) < 1


def test_the_zoom_brings_back_the_page_it_was_read_on(qtbot, open_window,
                                                      sample_archive: Path) -> None:  # noqa: ANN001
    w = open_window(sample_archive)
    sign_in(qtbot, w, "archivist")
    rv = w.show_view("review")
    qtbot.waitUntil(lambda: rv.dossier is not None and rv.page is not None, timeout=30_000)
    wait_idle(qtbot, w)
    doc = rv.document()
    other = next(p.seq for p in rv.dossier.pages if p.seq != doc.first_page)
    rv.show_page(other)  # another page, the original image shown
    rv.before.setChecked(True)
    qtbot.waitUntil(lambda: rv.page_seq == other and rv.page is not None, timeout=10_000)
    wait_idle(qtbot, w)
    rv.form.editors["subject"].setFocus()
    qtbot.waitUntil(lambda: rv.page_seq == doc.first_page and rv.canvas.region() is not None,
                    timeout=10_000)
    assert not rv.before.isChecked()  # the boxes are on the cleaned page
    assert _visible(rv.canvas, rv.canvas.region())
