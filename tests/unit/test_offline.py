"""'Offline' is checked from /sys, not taken from a flag (issue #18)."""

from __future__ import annotations

from pathlib import Path

from digitize.pipeline import offline


def _iface(root: Path, name: str, *, up: bool, loopback: bool = False) -> None:
    d = root / name
    d.mkdir(parents=True)
    (d / "type").write_text("772\n" if loopback else "1\n")
    (d / "flags").write_text("0x9\n" if up else "0x1002\n")
    (d / "operstate").write_text("unknown\n" if loopback else ("up\n" if up else "down\n"))


def test_only_loopback_up_is_offline(tmp_path: Path) -> None:
    _iface(tmp_path, "lo", up=True, loopback=True)
    _iface(tmp_path, "eth0", up=False)
    assert offline.interfaces_up(tmp_path) == []
    _iface(tmp_path, "wlan0", up=True)
    assert offline.interfaces_up(tmp_path) == ["wlan0"]
    assert offline.is_offline([]) and not offline.is_offline(["wlan0"])


def test_unreadable_sys_counts_as_online(tmp_path: Path) -> None:
    assert offline.interfaces_up(tmp_path / "missing") == ["?"]


def test_removable_block_devices(tmp_path: Path) -> None:
    for name, flag in (("sda", "0"), ("sdb", "1")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "removable").write_text(flag + "\n")
    assert offline.is_removable(Path("/media/usb"), tmp_path, device="sdb")
    assert not offline.is_removable(Path("/home/x"), tmp_path, device="sda")
    assert not offline.is_removable(Path("/x"), tmp_path, device="nvme9")
