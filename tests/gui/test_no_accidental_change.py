"""Problem 1 of #23: a wheel over the review form never changes a value; raising Độ mật or
Chế độ sử dụng asks first and "keep" puts the old value back."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import sign_in, wait_idle
from ui import dialogs

pytestmark = pytest.mark.gui


def _wheel(widget, steps: int = -3) -> bool:  # noqa: ANN001
    """Send a wheel turn (negative = towards the user) to ``widget``; True if accepted."""
    pos = QPointF(widget.rect().center())
    ev = QWheelEvent(pos, QPointF(widget.mapToGlobal(pos.toPoint())), QPoint(0, 0),
                     QPoint(0, 120 * steps), Qt.MouseButton.NoButton,
                     Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, ev)
    return ev.isAccepted()


@pytest.fixture
def review(qtbot, open_window, sample_archive: Path):  # noqa: ANN001, ANN201
    w = open_window(sample_archive)
    sign_in(qtbot, w, "archivist")
    rv = w.show_view("review")
    qtbot.waitUntil(lambda: rv.dossier is not None and rv.page is not None, timeout=30_000)
    wait_idle(qtbot, w)
    dialogs.asked.clear()
    dialogs.answers.clear()
    return w, rv


def test_wheel_over_unfocused_drop_downs_changes_nothing(qtbot, review) -> None:  # noqa: ANN001
    _w, rv = review
    rv.text.setFocus()
    before = rv.form.values()
    for name in ("secrecy", "mode", "typeName", "urgency"):
        _wheel(rv.form.editors[name])
    assert rv.form.values() == before
    assert rv.form.changed_fields() == []
    assert dialogs.asked == []


def test_raising_secrecy_asks_and_keep_restores(qtbot, review) -> None:  # noqa: ANN001
    _w, rv = review
    box = rv.form.editors["secrecy"]
    assert box.currentData() == ""
    dialogs.answers.append(False)  # "Giữ như cũ"
    box.setCurrentIndex(box.findData("TUYỆT MẬT"))
    assert len(dialogs.asked) == 1 and "TUYỆT MẬT" in dialogs.asked[0][1]
    assert box.currentData() == "" and rv.form.changed_fields() == []
    dialogs.answers.append(True)  # on purpose
    box.setCurrentIndex(box.findData("MẬT"))
    assert box.currentData() == "MẬT" and rv.form.changed_fields() == ["secrecy"]
    mode = rv.form.editors["mode"]
    dialogs.answers.append(False)
    mode.setCurrentIndex(mode.findData("03"))
    assert len(dialogs.asked) == 3 and "secrecy" in rv.form.changed_fields()
    assert "mode" not in rv.form.changed_fields()
    # the window closes after the test without asking: the edits are kept as a draft


def test_a_focused_drop_down_still_takes_the_wheel(qtbot, review) -> None:  # noqa: ANN001
    _w, rv = review
    urgency = rv.form.editors["urgency"]
    urgency.setFocus()
    qtbot.waitUntil(urgency.hasFocus)
    before = urgency.currentIndex()
    _wheel(urgency)
    assert urgency.currentIndex() != before
    # the window closes after the test without asking: the edit is kept as a draft
