"""The end-to-end speed bench runs the CLI from compiled bytecode, as an installed app runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import bench_process_real


def test_cli_runs_from_bytecode_compiled_untimed(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench_process_real, "PACKAGES", ("bench",))  # small: this test only
    env = bench_process_real.installed({"PYTHONDONTWRITEBYTECODE": "1", "PATH": "/usr/bin"},
                                       tmp_path / "pyc")
    assert "PYTHONDONTWRITEBYTECODE" not in env
    assert env["PYTHONPYCACHEPREFIX"] == str(tmp_path / "pyc")
    assert env["PATH"] == "/usr/bin"
    assert list((tmp_path / "pyc").rglob("bench_process_real.*.pyc"))
