"""``digitize report`` prints the last good backup's age, the figure the dashboard shows (#22)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from archive.clock import now_vn
from digitize.cli import main
from digitize.recovery import backup as backup_mod

pytestmark = pytest.mark.integration


def test_report_says_no_backup_then_the_age_of_the_last_one(
        workspace, tmp_path: Path, capsys: pytest.CaptureFixture,
        monkeypatch: pytest.MonkeyPatch) -> None:
    workspace.close()
    assert main(["report"]) == 0
    assert "Sao lưu gần nhất / last backup: chưa có bản sao lưu" in capsys.readouterr().out

    dest = tmp_path / "saoluu"
    assert main(["backup", "--to", str(dest)]) == 0, capsys.readouterr().err
    capsys.readouterr()
    later = now_vn() + timedelta(hours=26.5)
    monkeypatch.setattr(backup_mod, "now_vn", lambda: later)
    assert main(["report"]) == 0
    out = capsys.readouterr().out
    assert "Sao lưu gần nhất / last backup: 26.5 giờ trước (hours ago)" in out
    assert str(dest) in out
    assert main(["report", "--json"]) == 0
    rep = json.loads(capsys.readouterr().out)
    assert rep["last_backup"]["age_hours"] == 26.5
