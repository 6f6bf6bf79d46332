"""Fixtures of the capture unit tests: small rendered pages (generated, never shipped)."""

from __future__ import annotations

import numpy as np
import pytest

from digitize.devtools.sample import make_document, render_document


@pytest.fixture(scope="session")
def page150() -> np.ndarray:
    """An A4 NĐ 30 page at 150 dpi, RGB."""
    return render_document(make_document(7), dpi=150)


@pytest.fixture(scope="session")
def page300() -> np.ndarray:
    """An A4 NĐ 30 page at 300 dpi, RGB."""
    return render_document(make_document(11), dpi=300)
