"""Plain ``verify``'s checkpoint witnesses (#24): an offline workstation never tries a
network destination, and a destination it cannot read is said, not passed silently."""

from __future__ import annotations

from typing import Any

import pytest

from digitize.model import VerifyReport
from digitize.transfer import witness


class _Keys:
    def __init__(self, dests: list[str]) -> None:
        self.checkpoint_record = {"destinations": dests}


class _Catalog:
    def __init__(self, offline: bool) -> None:
        self.offline = offline

    def get_setting(self, key: str, default: Any = None) -> Any:
        return self.offline if key == "offline_mode" else default

    def query(self, *_a: Any) -> list[dict[str, Any]]:
        return [{"target": "file:///media/usb/nop-luu", "first": 1}]


class _Ws:
    def __init__(self, dests: list[str], offline: bool) -> None:
        self.keys, self.catalog = _Keys(dests), _Catalog(offline)


def test_offline_mode_never_touches_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(url: str, **_k: Any) -> bytes:
        assert not url.startswith("s3://"), "an s3 destination was tried offline"
        raise witness.UsageError(url)

    monkeypatch.setattr(witness, "load_checkpoint", no_network)
    report = VerifyReport()
    ws = _Ws(["s3://luu-tru/H47"], offline=True)
    assert witness.destinations(ws) == ["s3://luu-tru/H47", "file:///media/usb/nop-luu"]
    assert witness.check_known_checkpoints(ws, report) == 0
    assert report.ok
    places = dict(report.unchecked)
    assert "offline" in places["s3://luu-tru/H47"] and "ngoại tuyến" in places["s3://luu-tru/H47"]
    assert "not mounted" in places["file:///media/usb/nop-luu"]


def test_no_interface_up_counts_as_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(witness.offline, "is_offline", lambda: True)
    report = VerifyReport()
    witness.check_known_checkpoints(_Ws(["s3://luu-tru/H47"], offline=False), report)
    assert [p for p, _ in report.unchecked][0] == "s3://luu-tru/H47"
