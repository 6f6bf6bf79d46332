"""Is this workstation really offline? (DESIGN section 6, issue #18)

The offline secrecy workstation may handle state secrets only while no network interface is
up besides loopback, and exports only to removable media. Both are read from ``/sys`` (Linux);
the interface list and the block-device facts can be injected for tests.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

__all__ = ["SYS_BLOCK", "SYS_NET", "interfaces_up", "is_offline", "is_removable"]

SYS_NET = Path("/sys/class/net")
SYS_BLOCK = Path("/sys/block")


def _is_up(iface: Path) -> bool:
    """Up = the kernel says ``operstate`` up/unknown with carrier, or the IFF_UP flag is set."""
    try:
        flags = int((iface / "flags").read_text().strip(), 16)
    except (OSError, ValueError):
        flags = 0
    try:
        state = (iface / "operstate").read_text().strip()
    except OSError:
        state = "unknown"
    return bool(flags & 0x1) or state in ("up", "dormant")


def interfaces_up(sys_net: Path = SYS_NET) -> list[str]:
    """Names of the network interfaces that are up, loopback excluded.

    Where ``/sys/class/net`` cannot be read the answer is ``["?"]``: unknown counts as online.
    """
    try:
        names = sorted(p.name for p in sys_net.iterdir())
    except OSError:
        return ["?"]
    out = []
    for name in names:
        iface = sys_net / name
        try:
            loopback = (iface / "type").read_text().strip() == "772"  # ARPHRD_LOOPBACK
        except OSError:
            loopback = name == "lo"
        if not loopback and _is_up(iface):
            out.append(name)
    return out


def is_offline(up: Iterable[str] | None = None) -> bool:
    """True when no interface but loopback is up (``up`` overrides what ``/sys`` says)."""
    return not list(interfaces_up() if up is None else up)


def _block_device_of(path: Path) -> str | None:
    """The top-level block device (``sdb``) holding ``path``, from ``/sys/dev/block``."""
    p = path
    while not p.exists() and p != p.parent:
        p = p.parent
    try:
        dev = os.stat(p).st_dev
    except OSError:
        return None
    link = Path(f"/sys/dev/block/{os.major(dev)}:{os.minor(dev)}")
    try:
        real = link.resolve(strict=True)
    except OSError:
        return None
    # .../block/sdb/sdb1 for a partition, .../block/sdb for a whole disk
    parts = real.parts
    if "block" in parts:
        return parts[parts.index("block") + 1]
    return None


def is_removable(path: Path, sys_block: Path = SYS_BLOCK, device: str | None = None) -> bool:
    """True when ``path`` lies on a removable block device (``/sys/block/*/removable`` = 1).

    Args:
        path: A folder (it need not exist yet; its nearest existing parent is used).
        sys_block: Where the block devices are listed (tests).
        device: The device name to check instead of looking it up (tests).
    """
    name = device or _block_device_of(Path(path))
    if not name:
        return False
    try:
        return (sys_block / name / "removable").read_text().strip() == "1"
    except OSError:
        return False
