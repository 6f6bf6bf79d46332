"""Draw the application icon (a page with text lines and a red seal) as PNG and ICO."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw


def draw(size: int = 256) -> Image.Image:
    """The icon at ``size`` pixels."""
    s = size / 256
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle([40 * s, 16 * s, 216 * s, 240 * s], radius=14 * s, fill=(255, 255, 255),
                        outline=(30, 70, 140), width=max(2, int(8 * s)))
    for i, w in enumerate((120, 136, 100, 136, 80)):
        y = (52 + i * 26) * s
        d.rounded_rectangle([64 * s, y, (64 + w) * s, y + 10 * s], radius=4 * s,
                            fill=(30, 70, 140))
    d.ellipse([132 * s, 160 * s, 204 * s, 232 * s], fill=(200, 30, 30))
    d.line([(150 * s, 196 * s), (164 * s, 212 * s), (188 * s, 180 * s)], fill=(255, 255, 255),
           width=max(2, int(9 * s)))
    return img


if __name__ == "__main__":
    here = Path(__file__).parent
    icon = draw(256)
    icon.save(here / "digitize.png")
    icon.save(here / "digitize.ico", sizes=[(16, 16), (32, 32), (48, 48), (256, 256)])
