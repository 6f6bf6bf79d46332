"""Fixtures shared by the unit tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from digitize.core import Workspace


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    """A new, open archive of a test office in a temporary folder, closed after the test."""
    w = Workspace.init(tmp_path / "kho", "cum-mat-khau", office_code="H47", office_name="UBND")
    yield w
    w.close()
