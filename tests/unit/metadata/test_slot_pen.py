"""Hand-filled slots: a coloured pen's digits beside the black print of the frame."""

from __future__ import annotations

import cv2
import numpy as np

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
