"""Hand-filled slots: a coloured pen's digits beside the black print of the frame."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from digitize.metadata import handdigits
from digitize.metadata.bold_ink import stroke_width
from digitize.metadata.handdigits import slot_ink


def _page(print_colour: tuple[int, int, int]) -> np.ndarray:
    page = np.full((160, 420, 3), 250, np.uint8)
    cv2.putText(page, "01", (110, 110), cv2.FONT_HERSHEY_SCRIPT_SIMPLEX, 1.6, (240, 190, 225), 3)
    cv2.putText(page, "n", (196, 110), cv2.FONT_HERSHEY_SIMPLEX, 1.3, print_colour, 3)
    return page


def test_black_print_glued_to_a_coloured_pen_slot_is_dropped() -> None:
    box = (100, 52, 230, 130)
    ink = slot_ink(_page((0, 0, 0)), box, 30.0)
    assert ink is not None
    # the pink "01" alone: the printed "n" of "năm" after it is not part of the month
    pen_only = slot_ink(_page((250, 250, 250)), box, 30.0)
    assert pen_only is not None and abs(ink.shape[1] - pen_only.shape[1]) <= 3


def test_a_slot_written_in_black_keeps_all_its_pieces() -> None:
    page = np.full((160, 420, 3), 250, np.uint8)
    cv2.putText(page, "01", (110, 110), cv2.FONT_HERSHEY_SCRIPT_SIMPLEX, 1.6, (20, 20, 20), 3)
    cv2.putText(page, "8", (196, 110), cv2.FONT_HERSHEY_SCRIPT_SIMPLEX, 1.6, (20, 20, 20), 3)
    ink = slot_ink(page, (100, 52, 230, 130), 30.0)
    assert ink is not None and ink.shape[1] > 100  # nothing taken for print: one pen


def _ring(ink: int, faded: int, bridge: bool = False) -> np.ndarray:
    """A hand ``0`` (an ellipse) in a washed-out pen whose right side fades to ``faded``; with
    ``bridge``, a second ring beside it joined to the first by a faded stroke."""
    page = np.full((160, 420, 3), 250, np.uint8)
    cv2.ellipse(page, (150, 90), (12, 22), 0, 0, 360, (ink,) * 3, 2)
    cv2.ellipse(page, (150, 90), (12, 22), 0, -40, 40, (faded,) * 3, 2)
    if bridge:
        cv2.ellipse(page, (190, 90), (12, 22), 0, 0, 360, (ink,) * 3, 2)
        cv2.line(page, (163, 100), (177, 100), (faded,) * 3, 2)
    return page


def _pieces(mask: np.ndarray) -> int:
    return cv2.connectedComponents((mask > 0).astype(np.uint8), connectivity=8)[0] - 1


def test_a_washed_out_pen_is_not_broken_where_its_stroke_fades() -> None:
    # the old cut at Otsu's level alone left the 0 open on the right (read as a 6)
    ink = slot_ink(_ring(205, 236), (110, 52, 230, 130), 30.0)
    assert ink is not None and _pieces(ink) == 1
    holes = cv2.findContours((ink > 0).astype(np.uint8), cv2.RETR_CCOMP,
                             cv2.CHAIN_APPROX_SIMPLE)[0]
    assert len(holes) == 2  # the ring and its hole: the 0 is closed


def test_a_dark_pen_is_cut_at_otsu_so_a_faint_halo_does_not_glue_digits() -> None:
    ink = slot_ink(_ring(30, 30, bridge=True), (110, 52, 240, 130), 30.0)
    assert ink is not None
    page = _ring(30, 30, bridge=True)
    cv2.line(page, (163, 100), (177, 100), (175, 175, 175), 2)  # a faint stroke between them
    glued = slot_ink(page, (110, 52, 240, 130), 30.0)
    assert glued is not None and _pieces(glued) == 2


def test_bridging_a_grey_pen_does_not_thicken_its_strokes_or_fill_a_loop(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # only the centre line of the faint ink is added: the blurred halo around it (added whole
    # at first) fattened every stroke by a third and could fill a narrow 0 (read as 8)
    page = np.full((160, 420, 3), 250, np.uint8)
    cv2.ellipse(page, (150, 90), (6, 20), 0, 0, 360, (200, 200, 200), 3)
    page = cv2.GaussianBlur(page, (5, 5), 0)
    ink = slot_ink(page, (110, 52, 230, 130), 30.0)
    monkeypatch.setattr(handdigits, "FAINT", 2.0)  # Otsu's cut alone
    otsu = slot_ink(page, (110, 52, 230, 130), 30.0)
    assert ink is not None and otsu is not None
    contours = cv2.findContours((ink > 0).astype(np.uint8), cv2.RETR_CCOMP,
                                cv2.CHAIN_APPROX_SIMPLE)[0]
    assert len(contours) == 2  # the ring and its hole
    assert stroke_width(ink) < 1.15 * stroke_width(otsu)
