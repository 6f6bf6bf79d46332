"""No value changes under a passing mouse wheel: drop-downs and spin boxes need focus first.

Scrolling a form over an unfocused combo box used to change it (Độ mật became TUYỆT MẬT).
The guard, installed on the application, hands such a wheel event to the parent (the form's
scroll area scrolls instead) unless the user clicked or tabbed into the control first.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget

__all__ = ["WheelGuard", "install_wheel_guard"]

_GUARDED = (QComboBox, QAbstractSpinBox)


def _guarded(obj: QObject) -> QWidget | None:
    """The combo/spin box ``obj`` is or belongs to (a spin box's line edit), if any."""
    w = obj if isinstance(obj, QWidget) else None
    for _ in range(2):
        if w is None:
            return None
        if isinstance(w, _GUARDED):
            return w
        w = w.parentWidget()
    return None


class WheelGuard(QObject):
    """Application event filter: a wheel over an unfocused combo/spin box scrolls its parent."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Pass the wheel on (ignored, so Qt offers it to the parent) unless focused."""
        if event.type() == QEvent.Type.Wheel:
            box = _guarded(obj)
            if box is not None and not box.hasFocus():
                if box.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                    box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
                event.ignore()
                return True
        return False


def install_wheel_guard(app: QApplication | None = None) -> WheelGuard:
    """Install one guard on the application (idempotent)."""
    app = app or QApplication.instance()
    existing = app.findChild(WheelGuard)
    if existing is not None:
        return existing
    guard = WheelGuard(app)
    app.installEventFilter(guard)
    return guard
