"""Cleaning profile: which steps run and with which parameters, as a plain dataclass."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

from digitize.errors import ValidationError

__all__ = ["CleanProfile"]


@dataclass(frozen=True)
class CleanProfile:
    """Every cleaning step can be turned off; parameters are in physical units where possible.

    Attributes:
        perspective: Find the page in a photo or on a dark scanner lid and flatten/crop it.
        orientation: Turn pages scanned sideways or upside down (0/90/180/270).
        deskew: Straighten the text lines.
        max_skew_deg: Largest skew looked for (degrees).
        min_skew_deg: Skews smaller than this are left alone (no resampling).
        border: Crop dark scanner borders and edge shadows.
        illumination: Flatten shadows and yellowed paper (OCR image always; archive only if
            ``archive_flatten``).
        despeckle: Remove dust and salt-and-pepper specks from the OCR image.
        punch_holes: Fill filing holes near the page edges (OCR image; archive only if
            ``archive_fill_holes``).
        drop_red: Lift red seal and stamp ink off the OCR image of a colour page (black
            text under it is kept).
        tables: Find ruled tables, erase their rules on the OCR image and report their cells
            (so OCR reads them row by row).
        binarize: Give OCR a black-and-white image (adaptive, Sauvola-style); otherwise a
            flattened gray image.
        sauvola_window_mm: Window side of the adaptive threshold, in millimetres.
        sauvola_k: Sauvola's k (higher: thinner strokes).
        archive_flatten: Also flatten shadows on the archive image (gentle, colour kept).
        archive_fill_holes: Also fill punch holes on the archive image.
        max_pixels: Largest page accepted (pixels); larger raises ``ImageTooLarge``.
        input_channels: How to read 4-channel input: ``"auto"``, ``"rgba"`` or ``"cmyk"``.
    """

    perspective: bool = True
    orientation: bool = True
    deskew: bool = True
    max_skew_deg: float = 20.0
    min_skew_deg: float = 0.05
    border: bool = True
    illumination: bool = True
    despeckle: bool = True
    punch_holes: bool = True
    drop_red: bool = True
    tables: bool = True
    binarize: bool = False
    sauvola_window_mm: float = 4.0
    sauvola_k: float = 0.2
    archive_flatten: bool = False
    archive_fill_holes: bool = False
    max_pixels: int = 200_000_000
    input_channels: str = "auto"

    def to_dict(self) -> dict[str, Any]:
        """The profile as a JSON-serialisable dict."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CleanProfile:
        """Build a profile from a dict; missing keys keep their defaults.

        Raises:
            ValidationError: An unknown key or a value of the wrong type.
        """
        known = {f.name: f for f in fields(cls)}
        unknown = sorted(set(data) - set(known))
        if unknown:
            raise ValidationError(f"unknown cleaning options: {', '.join(unknown)}")
        values: dict[str, Any] = {}
        for name, value in data.items():
            default = getattr(cls, name)
            if isinstance(default, bool):
                ok = isinstance(value, bool)
            elif isinstance(default, (int, float)):
                ok = isinstance(value, (int, float)) and not isinstance(value, bool)
                value = type(default)(value) if ok else value
            else:
                ok = isinstance(value, type(default))
            if not ok:
                raise ValidationError(f"cleaning option {name} has the wrong type: {value!r}")
            values[name] = value
        if values.get("input_channels", "auto") not in ("auto", "rgba", "cmyk"):
            raise ValidationError("input_channels must be auto, rgba or cmyk")
        return cls(**values)
