"""The app's own SANE configuration: the system's scanner backends minus network discovery."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

__all__ = ["NETWORK_BACKENDS", "write_app_sane_config"]

#: Backends that only reach scanners over the network (and search the LAN for them).
NETWORK_BACKENDS = frozenset({"net", "escl", "airscan", "dell1600n_net", "magicolor"})


def _backends(system_dir: Path) -> list[str]:
    names: list[str] = []
    files = [system_dir / "dll.conf"]
    if (system_dir / "dll.d").is_dir():
        files += sorted((system_dir / "dll.d").iterdir())
    for f in files:
        try:
            lines = f.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            continue
        for line in lines:
            name = line.split("#", 1)[0].strip()
            if name and name not in names:
                names.append(name)
    return names


def write_app_sane_config(directory: Path, *, system_dir: Path = Path("/etc/sane.d"),
                          allow_network: bool = False,
                          extra_backends: Sequence[str] = ()) -> Path:
    """Write a SANE config folder for the app and return it (to put in ``SANE_CONFIG_DIR``).

    The system's backend list (``dll.conf`` and ``dll.d/``) is kept, less the network-only
    backends unless ``allow_network``: listing devices then never searches the office network
    (the app talks to 127.0.0.1 only). Each backend's own ``.conf`` (USB ids, options) is
    copied as it is. Set the variable before the first scanner call of the process.

    Args:
        directory: Where to write (created if missing); an app data folder, not a record.
        system_dir: The system's SANE configuration.
        allow_network: Keep ``net``, ``escl``, ``airscan``... (network scanners).
        extra_backends: Backends to add, e.g. ``("test",)`` for a demo without a scanner.
    """
    directory.mkdir(parents=True, exist_ok=True)
    keep = [b for b in _backends(system_dir) if allow_network or b not in NETWORK_BACKENDS]
    keep += [b for b in extra_backends if b not in keep]
    for conf in sorted(system_dir.glob("*.conf")) if system_dir.is_dir() else []:
        if conf.name != "dll.conf" and conf.stem in keep:
            try:
                (directory / conf.name).write_bytes(conf.read_bytes())
            except OSError:
                continue
    (directory / "dll.conf").write_text(
        "# written by digitize: system backends" +
        ("" if allow_network else ", network-only ones left out") + "\n" +
        "".join(f"{b}\n" for b in keep), encoding="utf-8")
    return directory
