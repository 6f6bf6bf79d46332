"""Scanner profiles: named presets (device, source, resolution, mode) kept in settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from digitize.capture.scanner import MODES, SOURCES
from digitize.errors import InvalidScanProfile

__all__ = ["ScanProfile", "default_profiles"]


@dataclass
class ScanProfile:
    """A named scanning preset.

    Attributes:
        name: Shown to the clerk, e.g. ``"Văn bản A4 — khay nạp, 300 dpi, màu"``.
        device: SANE device name (``"test:0"``, ``"fujitsu:fi-7160:123"``).
        source: ``"Flatbed"``, ``"ADF"`` or ``"ADF Duplex"``.
        dpi: Resolution (the standard asks at least 200; 300 for maps and drawings).
        mode: ``"Color"``, ``"Gray"`` or ``"Lineart"``.
        options: Raw backend options applied last (e.g. ``{"br-y": 297}``).
    """

    name: str
    device: str
    source: str = "ADF"
    dpi: int = 300
    mode: str = "Color"
    options: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not str(self.name).strip():
            raise InvalidScanProfile("empty name", name="?")
        if self.source not in SOURCES:
            raise InvalidScanProfile(f"source {self.source!r} not in {SOURCES}", name=self.name)
        if self.mode not in MODES:
            raise InvalidScanProfile(f"mode {self.mode!r} not in {MODES}", name=self.name)
        if isinstance(self.dpi, bool) or not isinstance(self.dpi, int) or not (
                50 <= self.dpi <= 2400):
            raise InvalidScanProfile(f"dpi {self.dpi!r} not in 50..2400", name=self.name)

    @property
    def duplex(self) -> bool:
        """Whether both sides of each sheet are scanned."""
        return self.source == "ADF Duplex"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict for the settings store."""
        return {"name": self.name, "device": self.device, "source": self.source,
                "dpi": self.dpi, "mode": self.mode, "options": dict(self.options)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ScanProfile:
        """Build from :meth:`to_dict` output; unknown keys are ignored.

        Raises:
            InvalidScanProfile: A field is missing or out of range.
        """
        try:
            return cls(name=str(data["name"]), device=str(data["device"]),
                       source=str(data.get("source", "ADF")), dpi=int(data.get("dpi", 300)),
                       mode=str(data.get("mode", "Color")),
                       options=dict(data.get("options") or {}))
        except (KeyError, TypeError, ValueError) as e:
            raise InvalidScanProfile(f"{type(e).__name__}: {e}",
                                     name=str(data.get("name", "?"))) from e

    def scan_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for :func:`digitize.capture.scanner.scan_batch`."""
        return {"source": self.source, "dpi": self.dpi, "mode": self.mode,
                "options": dict(self.options)}


def default_profiles(device: str) -> list[ScanProfile]:
    """Presets offered for a new scanner, following TT 05/2025 (≥ 200 dpi, colour as original).

    Args:
        device: SANE device name the presets are for.
    """
    return [
        ScanProfile("Văn bản — khay nạp hai mặt, 300 dpi, màu", device, "ADF Duplex", 300),
        ScanProfile("Văn bản — khay nạp một mặt, 300 dpi, màu", device, "ADF", 300),
        ScanProfile("Văn bản — mặt kính, 300 dpi, màu", device, "Flatbed", 300),
        ScanProfile("Bản đồ, bản vẽ — mặt kính, 400 dpi, màu", device, "Flatbed", 400),
        ScanProfile("Văn bản đen trắng — khay nạp, 300 dpi, xám", device, "ADF", 300, "Gray"),
    ]
