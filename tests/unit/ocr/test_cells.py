"""Numbering cells of a ruled table are read again, alone, when the page reading lost them."""

from __future__ import annotations

import numpy as np

from ocr.cells import reread_numbering
from ocr.tsvtypes import TsvWord

#: A table: numbering column x 100-190, text column x 195-900; header row and two rows.
CELLS = [(100, 100, 190, 160), (195, 100, 900, 160),
         (100, 165, 190, 260), (195, 165, 900, 260),
         (100, 265, 190, 360), (195, 265, 900, 360)]


def _page() -> np.ndarray:
    page = np.full((500, 1000), 255, np.uint8)
    for x0, y0, _, _ in CELLS:  # a mark of ink in every cell
        page[y0 + 20:y0 + 45, x0 + 30:x0 + 40] = 0
    return page


def _w(text: str, x: int, y: int, conf: float = 95.0, key: tuple[int, int, int] = (1, 1, 1)
       ) -> TsvWord:
    return TsvWord(text, x, y, 10 * len(text), 25, conf, key)


def test_lost_and_misread_numbers_are_read_again_in_their_cells() -> None:
    """The page reading lost the ``1`` of row 1 and read row 2's ``4`` as a sure ``Ạ``;
    each numbering cell read alone gives the number, in the cell's place (#19)."""
    words = [_w("STT", 120, 120), _w("Tên thủ tục", 300, 120, key=(2, 1, 1)),
             _w("Cấp mới", 300, 185, key=(3, 1, 1)),
             _w("Ạ", 130, 285, 78.0, key=(4, 1, 1)), _w("Cấp lại", 300, 285, key=(5, 1, 1))]
    reads = []

    def read(crop: np.ndarray) -> list[TsvWord]:
        reads.append(crop.shape)
        return [_w(str(len(reads)), 27, 17, 90.0)]

    out = reread_numbering(_page(), [CELLS], words, read)
    texts = {(w.text, w.top // 100) for w in out}
    assert ("1", 1) in texts and ("2", 2) in texts and ("Ạ", 2) not in texts
    assert ("STT", 1) in texts and len(reads) == 2  # sure, long or text cells: not read again
    one = next(w for w in out if w.text == "1")
    assert (one.left, one.top) == (100 + 3 + 27, 165 + 3 + 17)


def test_a_cell_read_again_as_text_or_unsure_keeps_what_the_page_read() -> None:
    """A sure glyph gives way to a number only; a long or unsure reading is not an entry; a
    blank cell is not read (#19)."""
    words = [_w("TT", 120, 120), _w("Ạ", 130, 285, 78.0)]
    page = _page()
    page[165:260, 100:190] = 255  # row 1's numbering cell is blank
    answers = iter([[_w("A", 27, 17, 95.0)], [_w("Cấp mới giấy", 5, 5, 95.0)]])
    out = reread_numbering(page, [CELLS], words, lambda crop: next(answers))
    assert [w.text for w in out] == ["TT", "Ạ"]
    answers2 = iter([[_w("4", 27, 17, 20.0)]])
    assert [w.text for w in reread_numbering(_page(), [CELLS[4:]], [_w("Ạ", 130, 285, 78.0)],
                                             lambda crop: next(answers2))] == ["Ạ"]
