"""Per-user GUI settings (window state, language, scanner profile) kept with QSettings."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QSettings

__all__ = ["UiSettings"]


class UiSettings:
    """Typed access to the GUI's QSettings; nothing outside ``ui`` knows about QSettings."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.q = qsettings or QSettings("digitize", "digitize-app")

    def _get(self, key: str, default: Any, typ: type) -> Any:
        value = self.q.value(key, default)
        try:
            return typ(value) if value is not None else default
        except (TypeError, ValueError):
            return default

    @property
    def language(self) -> str:
        """``vi`` (default) or ``en``."""
        return str(self._get("ui/language", "vi", str))

    @language.setter
    def language(self, value: str) -> None:
        self.q.setValue("ui/language", value)

    @property
    def last_user(self) -> str:
        """The user name last signed in (pre-filled)."""
        return str(self._get("ui/last_user", "", str))

    @last_user.setter
    def last_user(self, value: str) -> None:
        self.q.setValue("ui/last_user", value)

    def geometry(self) -> QByteArray | None:
        """Saved window geometry."""
        v = self.q.value("window/geometry")
        return v if isinstance(v, QByteArray) else None

    def state(self) -> QByteArray | None:
        """Saved window state (toolbars, docks)."""
        v = self.q.value("window/state")
        return v if isinstance(v, QByteArray) else None

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        """Remember the window's geometry and state."""
        self.q.setValue("window/geometry", geometry)
        self.q.setValue("window/state", state)

    @property
    def scan_profile(self) -> dict[str, Any]:
        """Last scanner and profile: ``device``, ``source``, ``dpi``, ``mode``."""
        return {"device": str(self._get("scan/device", "", str)),
                "source": str(self._get("scan/source", "Flatbed", str)),
                "dpi": int(self._get("scan/dpi", 300, int)),
                "mode": str(self._get("scan/mode", "Color", str))}

    def save_scan_profile(self, **profile: Any) -> None:
        """Remember the scanner and profile."""
        for k, v in profile.items():
            self.q.setValue(f"scan/{k}", v)

    def sync(self) -> None:
        """Write to disk now."""
        self.q.sync()
