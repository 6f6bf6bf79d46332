"""The secrecy gate's test corpus: marked pages and look-alikes, built at run time.

Marks are stamped (:mod:`digitize.devtools.sample_marks`) onto rendered pages and onto the
real scans of ``testdata/real-vi-2`` (read from there, never copied). Each mark goes on a free
spot of the region it is meant for (header, lower half, margins), found from the page's own
ink, as a clerk's stamp would be; a few red stamps go over printed text on purpose.
"""

from __future__ import annotations

import os
import zlib
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from digitize.devtools.sample import make_document, render_document, render_text_page
from digitize.devtools.sample_marks import BLACK, BLUE, RED, Mark, stamp, to_gray_rgb

__all__ = ["Case", "REAL_DIR", "build", "cases"]

REAL_DIR = Path(os.environ.get("DIGITIZE_REAL_VI2",
                               Path(__file__).resolve().parents[2] / "shared/testdata/real-vi-2"))
if not REAL_DIR.is_dir():
    REAL_DIR = Path("/work/shared/testdata/real-vi-2")


@dataclass(frozen=True)
class Case:
    """One corpus page: its base page, the mark stamped (if any), what the gate should say."""

    name: str
    variant: str
    base: str  # "render:SEED:DPI" | "text:N:DPI" | "real:FILE"
    mark: Mark | None
    expect: str  # the level, or "" for a page that must pass
    region: str = "header"  # where the mark goes: header | lower | top | bottom | over
    gray: bool = False


#: (variant, text, ink, frame, angle, region, gray, level)
MARKED = [
    ("black MẬT 6°", "MẬT", BLACK, "rect", 6, "header", False, "MẬT"),
    ("black TỐI MẬT 12°", "TỐI MẬT", BLACK, "rect", 12, "header", False, "TỐI MẬT"),
    ("red TỐI MẬT 12°", "TỐI MẬT", RED, "rect", 12, "header", False, "TỐI MẬT"),
    ("red MẬT 35°", "MẬT", RED, "rect", 35, "header", False, "MẬT"),
    ("red TỐI MẬT 12° scanned gray", "TỐI MẬT", RED, "rect", 12, "header", True, "TỐI MẬT"),
    ("red TUYỆT MẬT lower half", "TUYỆT MẬT", RED, "rect", -4, "lower", False, "TUYỆT MẬT"),
    ("black Mật line", "Mật", BLACK, "none", 0, "header", False, "MẬT"),
    ("black mật line 10°", "mật", BLACK, "none", 10, "lower", False, "MẬT"),
    ("red MAT 20° (no diacritics)", "MAT", RED, "rect", 20, "top", False, "MẬT"),
    ("black TOI MAT line -8°", "TOI MAT", BLACK, "none", -8, "header", False, "TỐI MẬT"),
    ("blue TUYET MAT round -30°", "TUYET MAT", BLUE, "round", -30, "bottom", False,
     "TUYỆT MẬT"),
    ("black TUYỆT MẬT ellipse 45°", "TUYỆT MẬT", BLACK, "ellipse", 45, "lower", False,
     "TUYỆT MẬT"),
    ("red MẬT -45°", "MẬT", RED, "rect", -45, "header", False, "MẬT"),
    ("red TỐI MẬT ellipse -15° gray", "TỐI MẬT", RED, "ellipse", -15, "lower", True, "TỐI MẬT"),
    ("black MẬT line bottom", "MẬT", BLACK, "none", 0, "bottom", False, "MẬT"),
    ("black Tối mật line 25°", "Tối mật", BLACK, "none", 25, "lower", False, "TỐI MẬT"),
    ("red MẬT over text 8°", "MẬT", RED, "rect", 8, "over", False, "MẬT"),
]

#: (variant, text, ink, frame, angle, region)
LOOKALIKE = [
    ("KHẨN", "KHẨN", RED, "rect", 0, "header"), ("HỎA TỐC", "HỎA TỐC", RED, "rect", 8, "header"),
    ("THƯỢNG KHẨN", "THƯỢNG KHẨN", BLACK, "rect", -10, "header"),
    ("SAO Y", "SAO Y", RED, "rect", 5, "top"), ("BẢN SAO", "BẢN SAO", BLACK, "none", 0, "top"),
    ("CV ĐẾN", "CV ĐẾN", BLUE, "rect", -12, "top"),
    ("DỰ THẢO", "DỰ THẢO", BLACK, "rect", 30, "top"),
    ("MẪU", "MẪU", BLACK, "rect", 0, "top"),
]
RUNNING = ("Các đơn vị tăng cường bảo mật thông tin trên hệ thống thư điện tử công vụ, không dùng "
           "chung mật khẩu và thay đổi mật khẩu định kỳ theo quy định về bảo mật.\n"
           "Cán bộ phải giữ bí mật mật khẩu, đăng xuất khi rời máy; việc bảo mật thông tin được "
           "kiểm tra hằng quý.\nMặt bằng làm việc phải được sắp xếp gọn gàng, khoa học.")


def _real_files() -> list[Path]:
    return sorted(REAL_DIR.glob("*.jpg"))


def cases() -> list[Case]:
    """Every corpus page: ≥ 80 marked (rendered and real bases), ≥ 40 look-alikes."""
    reals = [f.name for f in _real_files()]
    out: list[Case] = []
    n = 0
    for v, text, ink, frame, angle, region, gray, level in MARKED:
        for k in range(6):
            if k < 2 or not reals:
                base = f"render:{100 + n}:{(150, 200, 300)[(n + k) % 3]}"
            else:
                base = f"real:{reals[n % len(reals)]}"
            mk = Mark(text, ink, frame, angle, size_pt=(14, 13, 16, 12)[n % 4])
            out.append(Case(f"m{n:03d}", v, base, mk, level, region, gray))
            n += 1
    for v, text, ink, frame, angle, region in LOOKALIKE:  # 8 × 5 = 40, + 4 in running text
        for k in range(5):
            base = f"render:{300 + n}:{(150, 200, 300)[k % 3]}" if k < 3 or not reals \
                else f"real:{reals[n % len(reals)]}"
            out.append(Case(f"l{n:03d}", v, base, Mark(text, ink, frame, angle), "", region))
            n += 1
    for k in range(4):
        out.append(Case(f"t{n:03d}", "'bảo mật thông tin' in text", f"text:{k}:{(200, 300)[k % 2]}",
                        None, ""))
        n += 1
    for k in range(4):
        out.append(Case(f"p{n:03d}", "plain rendered page", f"render:{500 + k}:{(150, 300)[k % 2]}",
                        None, ""))
        n += 1
    for name in reals:
        out.append(Case(f"r{n:03d}", "real page, unmarked", f"real:{name}", None, ""))
        n += 1
    return out


def _base(spec: str) -> tuple[np.ndarray, int]:
    kind, a, *rest = spec.split(":")
    if kind == "real":
        img = cv2.cvtColor(cv2.imread(str(REAL_DIR / a)), cv2.COLOR_BGR2RGB)
        return img, round(max(img.shape[:2]) / 11.69)
    dpi = int(rest[0])
    if kind == "text":
        return render_text_page(RUNNING, dpi=dpi)[0], dpi
    return render_document(make_document(int(a), secrecy="", urgency=""), dpi=dpi), dpi


def _spot(page: np.ndarray, region: str, dpi: int, seed: int) -> tuple[float, float]:
    """Centre (fractions) of the emptiest ~50×25 mm spot in ``region`` of the page."""
    if region == "over":
        return 0.5, 0.45
    gray = cv2.cvtColor(page, cv2.COLOR_RGB2GRAY) if page.ndim == 3 else page
    small = cv2.resize(gray, None, fx=0.1, fy=0.1, interpolation=cv2.INTER_AREA)
    ink = (small < 200).astype(np.float32)
    kh, kw = max(3, int(dpi * 0.1 * 25 / 25.4)), max(3, int(dpi * 0.1 * 50 / 25.4))
    score = cv2.blur(ink, (kw, kh)) + 0.002 * np.random.default_rng(seed).random(ink.shape)
    h, w = ink.shape
    y0, y1 = {"header": (0.12, 0.45), "lower": (0.5, 0.9), "top": (0.03, 0.2),
              "bottom": (0.85, 0.97)}[region]
    band = np.full_like(score, 9.0)
    band[int(y0 * h):int(y1 * h), int(0.08 * w):int(0.92 * w)] = \
        score[int(y0 * h):int(y1 * h), int(0.08 * w):int(0.92 * w)]
    yy, xx = np.unravel_index(int(np.argmin(band)), band.shape)
    return (xx + 0.5) / w, (yy + 0.5) / h


def build(case: Case) -> tuple[np.ndarray, int]:
    """The case's page (RGB) and its resolution."""
    page, dpi = _base(case.base)
    if case.mark is not None:
        x, y = _spot(page, case.region, dpi, zlib.crc32(case.name.encode()))
        m = case.mark
        page = stamp(page, Mark(m.text, m.ink, m.frame, m.angle, x, y, m.size_pt, m.bold,
                                m.family), dpi, seed=len(case.name))
    if case.gray:
        page = to_gray_rgb(page)
    return page, dpi
