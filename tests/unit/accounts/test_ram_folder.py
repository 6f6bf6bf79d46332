"""Record content never goes to a disk temp folder: no RAM folder means a clear refusal (#24)."""

from __future__ import annotations

from pathlib import Path

import pytest

from digitize import paths
from digitize.errors import NoRamFolder


def test_no_ram_folder_is_refused_not_replaced_by_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DIGITIZE_RAMDIR", raising=False)
    monkeypatch.setattr(paths, "_in_memory", lambda _p: False)  # /dev/shm on disk, say
    with pytest.raises(NoRamFolder) as e, paths.ram_tempdir():
        pass
    assert "RAM" in e.value.message("vi") and "never written to disk" in e.value.message("en")


def test_the_configured_ram_folder_is_used_and_wiped(monkeypatch: pytest.MonkeyPatch,
                                                     tmp_path: Path) -> None:
    monkeypatch.setenv("DIGITIZE_RAMDIR", str(tmp_path))
    with paths.ram_tempdir() as d:
        assert d.parent == tmp_path and (d.stat().st_mode & 0o777) == 0o700
        (d / "x.pdf").write_bytes(b"%PDF noi dung")
    assert not d.exists()


def test_dev_shm_is_recognised_as_memory() -> None:
    if not Path("/dev/shm").is_dir():
        pytest.skip("no /dev/shm on this system")
    assert paths._in_memory(Path("/dev/shm"))
