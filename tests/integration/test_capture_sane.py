"""Scanning with the real SANE library and its `test` backend (test:0), project-local config."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from digitize.capture import ScanProfile, count_sheets, list_devices, open_scanner, scan_batch
from digitize.errors import (
    FeederEmpty,
    ScannerAccessDenied,
    ScannerBusy,
    ScannerCoverOpen,
    ScannerDisconnected,
    ScannerError,
    ScannerJammed,
    ScannerNotFound,
    ScannerOptionUnsupported,
)
from tests.sane_env import run_sane_script, sane_config, write_sane_config

pytestmark = pytest.mark.integration
__all__ = ["sane_config"]  # the fixture, imported for pytest


def test_list_devices_finds_test0(sane_config: Path) -> None:
    names = [d.name for d in list_devices()]
    assert names == ["test:0", "test:1"]
    assert "frontend-tester" in list_devices()[0].label


def test_adf_batch_of_20_pages_streams(sane_config: Path) -> None:
    seen = []
    for page in scan_batch("test:0", source="ADF", dpi=75, mode="Gray", pages=20):
        seen.append(page)
        assert page.index == len(seen) - 1  # yielded one by one, in order
    assert len(seen) == 20
    assert all(p.source == "test:0" and p.dpi == 75 and p.mode == "gray" for p in seen)
    assert all(p.quality is not None for p in seen)
    assert count_sheets(seen, duplex=False) == (20, 20, 0)


def test_adf_until_feeder_empty(sane_config: Path) -> None:
    # the test backend's feeder holds 10 sheets
    assert len(list(scan_batch("test:0", source="ADF", dpi=50, mode="Gray"))) == 10


@pytest.mark.parametrize(("mode", "shape_c", "got"), [("Color", 3, "color"), ("Gray", 0, "gray"),
                                                      ("Lineart", 0, "bw")])
@pytest.mark.parametrize("dpi", [75, 150, 300])
def test_modes_and_resolutions(sane_config: Path, mode: str, shape_c: int, got: str,
                               dpi: int) -> None:
    (p,) = scan_batch("test:0", dpi=dpi, mode=mode,
                      options={"br-x": 60, "br-y": 80, "test-picture": "Color pattern"})
    side = round(60 / 25.4 * dpi), round(80 / 25.4 * dpi)
    assert (p.image.shape[1], p.image.shape[0]) == pytest.approx(side, abs=2)
    assert p.image.ndim == (3 if shape_c else 2) and p.image.dtype == np.uint8
    assert p.mode == got and p.dpi == dpi
    if got == "bw":
        assert set(np.unique(p.image)) <= {0, 255}
    if got == "color":
        spread = p.image.max(axis=2).astype(int) - p.image.min(axis=2)
        assert (spread > 60).mean() > 0.05  # really coloured


def test_grid_picture_content(sane_config: Path) -> None:
    (black,) = scan_batch("test:0", dpi=50, mode="Gray", options={"test-picture": "Solid black"})
    (white,) = scan_batch("test:0", dpi=50, mode="Gray", options={"test-picture": "Solid white"})
    assert black.image.max() < 10 and white.image.min() > 245
    assert "blank" in white.quality.codes  # flagged, still yielded


@pytest.mark.parametrize(("status", "error"), [
    ("SANE_STATUS_JAMMED", ScannerJammed),
    ("SANE_STATUS_COVER_OPEN", ScannerCoverOpen),
    ("SANE_STATUS_DEVICE_BUSY", ScannerBusy),
    ("SANE_STATUS_IO_ERROR", ScannerDisconnected),
    ("SANE_STATUS_ACCESS_DENIED", ScannerAccessDenied),
    ("SANE_STATUS_NO_DOCS", FeederEmpty),
    ("SANE_STATUS_NO_MEM", ScannerError),
])
def test_simulated_errors(sane_config: Path, status: str, error: type) -> None:
    with pytest.raises(error) as e:
        list(scan_batch("test:0", source="ADF", dpi=50, options={"read-return-value": status}))
    assert type(e.value) is error
    assert "test:0" in e.value.message("vi") and "test:0" in e.value.message("en")
    assert e.value.pages == 0


@pytest.mark.parametrize(("status", "error"), [("SANE_STATUS_IO_ERROR", ScannerDisconnected),
                                               ("SANE_STATUS_JAMMED", ScannerJammed)])
def test_failure_mid_batch_keeps_scanned_pages(sane_config: Path, status: str,
                                               error: type) -> None:
    kept = []
    with open_scanner("test:0") as scanner, pytest.raises(error) as e:
        for page in scanner.scan(source="ADF", dpi=50, mode="Gray", prefetch=0):
            kept.append(page)
            if len(kept) == 3:  # the cable comes out / paper jams after page 3
                scanner.set_option("read-return-value", status)
    assert len(kept) == 3 and e.value.pages == 3
    assert "3" in e.value.message("vi")


def test_no_such_device_and_unsupported_source(sane_config: Path) -> None:
    with pytest.raises(ScannerNotFound) as e:
        list(scan_batch("plustek:libusb:001:009"))
    assert "plustek:libusb:001:009" in e.value.message("vi")
    with pytest.raises(ScannerOptionUnsupported) as e2:
        list(scan_batch("test:0", source="ADF Duplex"))
    assert "Automatic Document Feeder" in e2.value.message("en")


def test_profile_drives_a_scan(sane_config: Path) -> None:
    prof = ScanProfile.from_dict(json.loads(json.dumps(
        ScanProfile("Hồ sơ màu", "test:0", "ADF", 100, "Color").to_dict())))
    pages = list(scan_batch(prof.device, pages=3, **prof.scan_kwargs()))
    assert [p.mode for p in pages] == ["color"] * 3 and pages[0].dpi == 100


def test_reinitialises_for_another_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                          ) -> None:
    monkeypatch.setenv("SANE_CONFIG_DIR", str(write_sane_config(tmp_path / "a")))
    assert len(list_devices()) == 2
    monkeypatch.setenv("SANE_CONFIG_DIR",
                       str(write_sane_config(tmp_path / "b", number_of_devices=4)))
    assert [d.name for d in list_devices()][-1] == "test:3"


def test_scanning_in_a_child_process(tmp_path: Path) -> None:
    cfg = write_sane_config(tmp_path / "sane.d", number_of_devices=1)
    run = run_sane_script(
        "from digitize.capture import list_devices, scan_batch\n"
        "print([d.name for d in list_devices()])\n"
        "print(sum(1 for _ in scan_batch('test:0', source='ADF', dpi=50, pages=12)))\n", cfg)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["['test:0']", "12"]


def test_app_config_from_the_system_one_with_the_test_backend(tmp_path: Path) -> None:
    from digitize.capture.sane_config import write_app_sane_config

    cfg = write_app_sane_config(tmp_path / "app-sane", extra_backends=["test"])
    assert "net" not in (cfg / "dll.conf").read_text().split()
    (cfg / "test.conf").write_text("number_of_devices 1\n")
    run = run_sane_script("from digitize.capture import list_devices\n"
                          "print([d.name for d in list_devices(local_only=True)])\n", cfg)
    assert run.returncode == 0, run.stderr
    assert "'test:0'" in run.stdout


def test_cancel_during_a_slow_page_stops_the_scanner(sane_config: Path) -> None:
    import threading

    from digitize.errors import Cancelled

    cancel = threading.Event()
    got = []
    slow = {"read-delay": True, "read-delay-duration": 200000, "br-x": 120, "br-y": 120}
    with pytest.raises(Cancelled):
        for page in scan_batch("test:0", source="ADF", dpi=100, cancel=cancel, options=slow):
            got.append(page)
            threading.Timer(0.3, cancel.set).start()  # the clerk presses Cancel mid-page
    assert len(got) == 1  # the page finished before the cancel is kept; the cut one is not
    # the device is free again at once
    assert len(list(scan_batch("test:0", dpi=50))) == 1


def test_read_ahead_batch_and_cancel_keeps_every_page_read(sane_config: Path) -> None:
    import threading

    from digitize.errors import Cancelled

    assert len(list(scan_batch("test:0", source="ADF", dpi=50, pages=20, prefetch=3))) == 20
    cancel = threading.Event()
    got = []
    with pytest.raises(Cancelled):
        for page in scan_batch("test:0", source="ADF", dpi=50, cancel=cancel, prefetch=3):
            got.append(page)
            cancel.set()
    assert [p.index for p in got] == list(range(len(got)))  # all read pages were delivered
