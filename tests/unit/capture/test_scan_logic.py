"""Scan loop logic against a fake SANE device: duplex, reloads, errors mid-batch, cancel."""

from __future__ import annotations

import threading
from multiprocessing import Pipe
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pytest

from digitize.capture import ScanProfile, sane_child, sane_host, scan_batch
from digitize.capture.devices import sane_session
from digitize.capture.sane_config import write_app_sane_config
from digitize.errors import (
    Cancelled,
    FeederEmpty,
    InvalidScanProfile,
    ScannerDisconnected,
    ScannerJammed,
    ScannerOptionUnsupported,
)


class _Opt:
    def __init__(self, constraint: Any) -> None:
        self.constraint = constraint


class FakeDevice:
    """A duplex document scanner: the feeder holds ``sheets``; ``fail_at`` page raises."""

    def __init__(self, sheets: int = 3, fail_at: dict[int, str] | None = None) -> None:
        self.__dict__["opt"] = {"source": _Opt(["Flatbed", "ADF Front", "ADF Duplex"]),
                                "mode": _Opt(["Lineart", "Gray", "Color"]),
                                "depth": _Opt([8, 16]), "resolution": _Opt([150, 300, 600])}
        self.__dict__.update(source="Flatbed", mode="Gray", depth=8, resolution=150,
                             loaded=sheets, fail_at=fail_at or {}, served=0, cancels=0,
                             closed=False, dev=self)

    def start(self) -> None:
        sides = 2 if self.source == "ADF Duplex" else 1
        if self.source != "Flatbed" and self.served >= self.loaded * sides:
            raise RuntimeError("Document feeder out of documents")

    def snap(self, no_cancel: bool, numpy: bool, progress: Any) -> tuple:
        if self.served in self.fail_at:
            raise RuntimeError(self.fail_at.pop(self.served))
        self.__dict__["served"] += 1
        w, h = 20, 30
        samples = 3 if self.mode == "Color" else 1
        return bytearray([200]) * (w * h * samples), w, h, samples, 1

    def cancel(self) -> None:
        self.__dict__["cancels"] += 1

    def close(self) -> None:
        self.__dict__["closed"] = True


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> dict[str, FakeDevice]:
    devices: dict[str, FakeDevice] = {}

    class FakeSane:
        @staticmethod
        def open(name: str) -> FakeDevice:
            if name not in devices:
                raise RuntimeError("Invalid argument")
            return devices[name]

    monkeypatch.setattr(sane_session, "ensure", lambda: FakeSane)
    monkeypatch.setattr(sane_child, "start_host", _host_in_a_thread)
    return devices


class _Thread:
    """The scanner host run in a thread of this process, so the fake device is shared."""

    def __init__(self, thread: threading.Thread) -> None:
        self.thread = thread

    def kill(self) -> None:
        raise AssertionError("the watchdog fired against the fake device")

    def exitcode(self, wait: float) -> int | None:
        self.thread.join(wait)
        return None if self.thread.is_alive() else 0


def _host_in_a_thread(device: str) -> tuple[Connection, _Thread]:
    mine, theirs = Pipe()
    thread = threading.Thread(target=sane_host.main, args=(theirs,),
                              kwargs={"exit_on_eof": False}, daemon=True)
    thread.start()
    return mine, _Thread(thread)


def test_duplex_pages_know_their_sheet(fake: dict[str, FakeDevice]) -> None:
    fake["fj:1"] = FakeDevice(sheets=3)
    pages = list(scan_batch("fj:1", source="ADF Duplex", dpi=290, mode="Color", quality=False))
    assert [(p.index, p.sheet, p.side) for p in pages] == [
        (0, 0, "front"), (1, 0, "back"), (2, 1, "front"), (3, 1, "back"), (4, 2, "front"),
        (5, 2, "back")]
    assert fake["fj:1"].source == "ADF Duplex" and fake["fj:1"].resolution == 300
    assert pages[0].dpi == 300 and pages[0].mode == "color" and pages[0].image.shape == (30, 20, 3)
    assert fake["fj:1"].closed


def test_reload_asked_when_feeder_runs_empty(fake: dict[str, FakeDevice]) -> None:
    dev = fake["fj:1"] = FakeDevice(sheets=2)
    asked: list[int] = []

    def reload(done: int) -> bool:
        asked.append(done)
        dev.__dict__["loaded"] += 2
        return True

    pages = list(scan_batch("fj:1", source="ADF", pages=5, reload=reload, quality=False))
    assert len(pages) == 5 and asked == [2, 4]


def test_feeder_empty_before_target_keeps_pages(fake: dict[str, FakeDevice]) -> None:
    fake["fj:1"] = FakeDevice(sheets=3)
    got = []
    with pytest.raises(FeederEmpty) as e:
        for p in scan_batch("fj:1", source="ADF", pages=5, mode="Gray", quality=False):
            got.append(p)
    assert len(got) == 3 and e.value.pages == 3
    assert "3" in e.value.message("vi") and "5" in e.value.message("en")


def test_jam_mid_batch_keeps_pages_and_counts_them(fake: dict[str, FakeDevice]) -> None:
    fake["fj:1"] = FakeDevice(sheets=9, fail_at={4: "Document feeder jammed"})
    got = []
    with pytest.raises(ScannerJammed) as e:
        for p in scan_batch("fj:1", source="ADF", quality=False):
            got.append(p)
    assert len(got) == 4 and e.value.pages == 4 and "4" in e.value.message("vi")
    assert fake["fj:1"].cancels >= 1 and fake["fj:1"].closed


def test_unplugged_mid_batch(fake: dict[str, FakeDevice]) -> None:
    fake["fj:1"] = FakeDevice(sheets=9, fail_at={2: "Error during device I/O"})
    got = []
    with pytest.raises(ScannerDisconnected):
        for p in scan_batch("fj:1", source="ADF", quality=False):
            got.append(p)
    assert len(got) == 2


def test_cancel_between_pages(fake: dict[str, FakeDevice]) -> None:
    fake["fj:1"] = FakeDevice(sheets=9)
    cancel = threading.Event()
    got = []
    with pytest.raises(Cancelled):
        for p in scan_batch("fj:1", source="ADF", cancel=cancel, quality=False):
            got.append(p)
            cancel.set()
    assert len(got) == 1


def test_flatbed_pages_ask_between_pages(fake: dict[str, FakeDevice]) -> None:
    fake["fj:1"] = FakeDevice()
    asked: list[int] = []
    pages = list(scan_batch("fj:1", pages=3, reload=lambda n: asked.append(n) or True,
                            quality=False))
    assert len(pages) == 3 and asked == [1, 2]
    assert len(list(scan_batch("fj:1", quality=False))) == 1
    assert len(list(scan_batch("fj:1", pages=3, reload=lambda n: False, quality=False))) == 1


def test_lineart_and_unknown_values(fake: dict[str, FakeDevice]) -> None:
    fake["fj:1"] = FakeDevice()
    (p,) = scan_batch("fj:1", mode="Lineart", quality=False)
    assert fake["fj:1"].mode == "Lineart" and p.mode == "bw"
    with pytest.raises(ScannerOptionUnsupported) as e:
        list(scan_batch("fj:1", source="Tray 7"))
    assert "Tray 7" in e.value.message("vi")


def test_profile_round_trip_and_validation() -> None:
    p = ScanProfile("Văn bản A4 — khay nạp, 300 dpi, màu", "test:0", "ADF Duplex", 300, "Color",
                    {"br-y": 297})
    assert ScanProfile.from_dict(p.to_dict()) == p and p.duplex
    assert p.scan_kwargs() == {"source": "ADF Duplex", "dpi": 300, "mode": "Color",
                               "options": {"br-y": 297}}
    for bad in ({"name": "x"}, {"name": "x", "device": "d", "dpi": "cao"},
                {"name": "x", "device": "d", "source": "Tray"},
                {"name": "x", "device": "d", "dpi": 20}, {"name": " ", "device": "d"}):
        with pytest.raises(InvalidScanProfile):
            ScanProfile.from_dict(bad)


def test_clerk_declines_to_reload(fake: dict[str, FakeDevice]) -> None:
    fake["fj:1"] = FakeDevice(sheets=2)
    got = []
    with pytest.raises(FeederEmpty) as e:
        for p in scan_batch("fj:1", source="ADF", pages=4, reload=lambda n: False,
                            quality=False):
            got.append(p)
    assert len(got) == 2 and e.value.pages == 2


def test_empty_feeder_at_start(fake: dict[str, FakeDevice]) -> None:
    fake["fj:1"] = FakeDevice(sheets=0)
    with pytest.raises(FeederEmpty) as e:
        list(scan_batch("fj:1", source="ADF", quality=False))
    assert e.value.pages == 0 and "fj:1" in e.value.message("vi")


def test_app_sane_config_leaves_out_network_backends(tmp_path: Path) -> None:
    system = tmp_path / "etc"
    (system / "dll.d").mkdir(parents=True)
    (system / "dll.conf").write_text("# comment\nnet\nfujitsu\n#pixma\nescl  # eSCL\nepson2\n")
    (system / "dll.d" / "airscan").write_text("airscan\n")
    (system / "fujitsu.conf").write_text("usb 0x04c5 0x132b\n")
    (system / "net.conf").write_text("192.168.1.20\n")
    out = write_app_sane_config(tmp_path / "app", system_dir=system, extra_backends=["test"])
    assert (out / "dll.conf").read_text().splitlines()[1:] == ["fujitsu", "epson2", "test"]
    assert (out / "fujitsu.conf").read_text() == "usb 0x04c5 0x132b\n"
    assert not (out / "net.conf").exists()
    allowed = write_app_sane_config(tmp_path / "net", system_dir=system, allow_network=True)
    assert {"net", "escl", "airscan"} <= set((allowed / "dll.conf").read_text().split())


def test_default_profiles_meet_the_standard() -> None:
    from digitize.capture.profiles import default_profiles

    profiles = default_profiles("test:0")
    assert len({p.name for p in profiles}) == len(profiles)
    assert all(p.dpi >= 200 and p.device == "test:0" for p in profiles)
    assert all(ScanProfile.from_dict(p.to_dict()) == p for p in profiles)
