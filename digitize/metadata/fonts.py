"""System TrueType fonts for the pages the program draws itself (the separator sheet, and the
sample pages of ``digitize.devtools``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

__all__ = ["FONT_FILES", "font_path"]

_FONT_DIRS = [Path("/usr/share/fonts/truetype"), Path("/usr/share/fonts"), Path.home() / ".fonts"]

#: Font families used to render pages: (regular, bold, italic) file names.
FONT_FILES: dict[str, tuple[str, str, str]] = {
    "liberation-serif": ("liberation2/LiberationSerif-Regular.ttf",
                         "liberation2/LiberationSerif-Bold.ttf",
                         "liberation2/LiberationSerif-Italic.ttf"),
    "dejavu-serif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf"),
    "liberation-sans": ("liberation2/LiberationSans-Regular.ttf",
                        "liberation2/LiberationSans-Bold.ttf",
                        "liberation2/LiberationSans-Italic.ttf"),
    "dejavu-sans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"),
}


@lru_cache(maxsize=64)
def font_path(name: str) -> str:
    """The path of an installed font file.

    Args:
        name: A file name of :data:`FONT_FILES` (may include a sub-folder).

    Returns:
        The first match under the system and user font folders.

    Raises:
        FileNotFoundError: The font is not installed (fonts-liberation2, fonts-dejavu-core).
    """
    for root in _FONT_DIRS:
        if root.is_dir():
            for p in root.rglob(name):
                return str(p)
    raise FileNotFoundError(
        f"font {name} not found; install fonts-liberation2 and fonts-dejavu-core")
