"""Tesseract's scratch folder is in RAM or nowhere: never the disk temp folder (#24)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ocr import ramdir
from ocr.errors import RamFolderMissing


def test_no_ram_folder_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("DIGITIZE_RAMDIR", raising=False)
    monkeypatch.setattr(ramdir, "RAM_ROOT", tmp_path / "no-shm")
    with pytest.raises(RamFolderMissing) as e, ramdir.ram_dir():
        pass
    assert "RAM" in e.value.message("vi") and "never written to disk" in e.value.message("en")


def test_the_configured_ram_folder_comes_first(monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path) -> None:
    monkeypatch.setenv("DIGITIZE_RAMDIR", str(tmp_path))
    monkeypatch.setattr(ramdir, "RAM_ROOT", tmp_path / "no-shm")
    with ramdir.ram_dir() as d:
        assert d.parent == tmp_path
        (d / "page.png").write_bytes(b"\x89PNG trang")
    assert not d.exists()
