"""Rendered test pages for the cleaning tests (rendered once per worker)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pytest

from digitize.devtools import sample


@lru_cache(maxsize=16)
def rendered(i: int, dpi: int, family: str, size_pt: float, kind: str) -> np.ndarray:
    """A rendered page (read-only, shared between tests)."""
    if kind == "doc":
        img = sample.render_document(sample.make_document(500 + i, party=i % 3 == 0), dpi=dpi,
                                     family=family, size_pt=size_pt)
    else:
        text = "\n".join(sample.BODY[i % 3:] + sample.BODY[:i % 3])
        img, _ = sample.render_text_page(text, dpi=dpi, family=family, size_pt=size_pt)
    img.setflags(write=False)
    return img


#: (index, dpi, font family, size in points, kind) of the pages used by the geometry tests.
PAGES = [
    (0, 300, "liberation-serif", 13.5, "doc"),
    (1, 200, "dejavu-sans", 13.0, "text"),
    (2, 300, "liberation-sans", 14.0, "text"),
    (3, 200, "dejavu-serif", 13.5, "doc"),
    (4, 200, "liberation-serif", 13.0, "text"),
    (5, 300, "dejavu-sans", 13.0, "doc"),
]


@pytest.fixture(params=PAGES, ids=lambda p: f"{p[4]}-{p[2]}-{p[1]}dpi")
def page(request: pytest.FixtureRequest) -> tuple[np.ndarray, int]:
    """One rendered page and its dpi."""
    i, dpi, fam, size, kind = request.param
    return rendered(i, dpi, fam, size, kind), dpi


def ink_box(gray: np.ndarray) -> tuple[int, int, int, int]:
    """x0, y0, x1, y1 of the dark pixels (rows/columns with at least 3 of them)."""
    dark = gray < 128
    rows = np.flatnonzero(dark.sum(axis=1) >= 3)
    cols = np.flatnonzero(dark.sum(axis=0) >= 3)
    return int(cols[0]), int(rows[0]), int(cols[-1]) + 1, int(rows[-1]) + 1

