"""The review form marks extraction confidences with the core's review threshold."""

from __future__ import annotations

import pytest

from digitize.metadata.extract import REVIEW_CONFIDENCE
from ui.widgets.metadata_form import MetadataForm

pytestmark = pytest.mark.gui


def test_badges_turn_green_exactly_at_the_core_threshold(qtbot) -> None:
    form = MetadataForm()
    qtbot.addWidget(form)
    below = round(REVIEW_CONFIDENCE - 0.01, 2)
    form.set_document({"codeNumber": "275", "issuedDate": "16/12/2011",
                       "_confidence": {"codeNumber": below, "issuedDate": REVIEW_CONFIDENCE}})
    assert "#188038" not in form.badges["codeNumber"].styleSheet()  # shown for review
    assert "#188038" in form.badges["issuedDate"].styleSheet()


def test_the_doubtful_fields_follow_the_core_threshold(qtbot, monkeypatch) -> None:
    import ui.widgets.metadata_form as mf

    monkeypatch.setattr(mf, "REVIEW_CONFIDENCE", 0.8)
    form = MetadataForm()
    qtbot.addWidget(form)
    form.set_document({"codeNumber": "275", "issuedDate": "16/12/2011",
                       "_confidence": {"codeNumber": 0.7, "issuedDate": 0.85}})
    assert form.doubtful_fields() == ["codeNumber"]
