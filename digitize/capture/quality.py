"""Quality checks at capture: resolution, blank page, skew, blur, contrast, content cut off."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import NamedTuple

import cv2
import numpy as np

from digitize.capture.page import CapturedPage

__all__ = ["PageCounts", "QualityFlag", "QualityReport", "Thresholds", "assess", "count_sheets"]

_WORK_DPI = 100     # resolution of the overview image most checks run on
_SHARP_DPI = 200    # resolution the sharpness figure is normalised to
_INK_DELTA = 50     # a pixel this much darker than the paper is ink ...
_MIN_INK_DELTA = 20  # ... or less on a faint page, but never closer than this to the paper


@dataclass(frozen=True)
class QualityFlag:
    """One reason a page should be looked at (and maybe rescanned).

    Attributes:
        code: Stable code, e.g. ``"low_dpi"``, ``"blank"``, ``"skewed"``, ``"blurry"``,
            ``"low_contrast"``, ``"overexposed"``, ``"underexposed"``, ``"cut_off"``.
        vi: Vietnamese message.
        en: English message.
        value: The measured figure that triggered the flag.
    """

    code: str
    vi: str
    en: str
    value: float | None = None


@dataclass(frozen=True)
class Thresholds:
    """Limits the checks compare against (an office may tune them in settings)."""

    min_dpi: int = 200            # TT 05/2025, NĐ 30/2020: at least 200 dpi
    blank_ink: float = 0.0004     # share of the page that is ink below which it is blank
    max_skew_deg: float = 2.0     # beyond this the page is flagged (cleaning deskews smaller)
    min_sharpness: float = 0.40   # normalised Laplacian energy at edges (see assess)
    min_contrast: float = 60.0    # paper level minus ink level, grey levels
    max_ink_level: float = 150.0  # ink lighter than this: washed out / over-exposed
    min_paper_level: float = 110.0  # paper darker than this: under-exposed
    cut_off_marks: int = 3        # text-sized marks touching one edge to call it cut off


@dataclass
class QualityReport:
    """The outcome of :func:`assess`: flags (reasons for review) and the raw figures."""

    flags: list[QualityFlag] = field(default_factory=list)
    metrics: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Whether the page passed every check."""
        return not self.flags

    @property
    def codes(self) -> list[str]:
        """The codes of the flags, in order."""
        return [f.code for f in self.flags]

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready form (for the catalog's ``quality`` column)."""
        return {"ok": self.ok, "flags": [asdict(f) for f in self.flags],
                "metrics": dict(self.metrics)}


class PageCounts(NamedTuple):
    """Counts for the dossier's ``numberOfPaper`` (sheets) and ``numberOfPage`` (pages)."""

    number_of_paper: int
    number_of_page: int
    blank: int


def _gray(image: np.ndarray) -> np.ndarray:
    if image.ndim == 3:
        return cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    return image


def _resize_to(gray: np.ndarray, dpi: int, target: int) -> np.ndarray:
    if dpi <= target:
        return gray
    f = target / dpi
    size = (max(1, round(gray.shape[1] * f)), max(1, round(gray.shape[0] * f)))
    return cv2.resize(gray, size, interpolation=cv2.INTER_AREA)


def _skew_deg(ink: np.ndarray) -> float | None:
    """Angle (degrees, positive = content turned counter-clockwise) by projection profiles."""
    ys, xs = np.nonzero(ink)
    if len(ys) < 200:
        return None
    if len(ys) > 40000:
        pick = np.random.default_rng(0).choice(len(ys), 40000, replace=False)
        ys, xs = ys[pick], xs[pick]
    ys = ys.astype(np.float32)
    xs = xs.astype(np.float32) - float(xs.mean())

    def best(angles: np.ndarray) -> float:
        scores = []
        for a in angles:
            t = math.radians(float(a))
            proj = ys * math.cos(t) + xs * math.sin(t)
            hist = np.bincount((proj - proj.min()).astype(np.int32))
            scores.append(float(np.dot(hist, hist)))
        return float(angles[int(np.argmax(scores))])

    coarse = best(np.arange(-15.0, 15.01, 0.5))
    return round(best(np.arange(coarse - 0.5, coarse + 0.501, 0.05)), 2)


def _sharpness(gray: np.ndarray, dpi: int, ink: np.ndarray, contrast: float) -> float | None:
    """Laplacian energy at the strongest edges of the inkiest tiles, normalised by contrast."""
    g = _resize_to(gray, dpi, _SHARP_DPI)
    eff = min(dpi, _SHARP_DPI)
    tile = max(32, eff // 2)  # half an inch
    th, tw = g.shape[0] // tile, g.shape[1] // tile
    if th == 0 or tw == 0 or contrast <= 0:
        return None
    m = cv2.resize(ink.astype(np.float32), (tw, th), interpolation=cv2.INTER_AREA)
    order = np.argsort(m, axis=None)[::-1][:8]
    vals = []
    for k in order:
        if m.flat[k] < 0.02:
            break
        if m.flat[k] > 0.5:
            continue  # a solid dark area (photo, stamp fill), not text edges
        r, c = divmod(int(k), tw)
        t = g[r * tile:(r + 1) * tile, c * tile:(c + 1) * tile].astype(np.float32)
        lap = np.abs(cv2.Laplacian(t, cv2.CV_32F, ksize=1))
        top = np.sort(lap, axis=None)[-max(8, lap.size // 50):]
        vals.append(float(top.mean()))
    if not vals:
        return None
    return round(float(np.median(vals)) / contrast, 4)


def _edge_marks(ink: np.ndarray) -> dict[str, int]:
    """Text-sized marks touching each edge of the image."""
    n, _, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    h, w = ink.shape
    out = {"top": 0, "bottom": 0, "left": 0, "right": 0}
    for x, y, bw, bh, area in stats[1:n]:
        if area < 4 or bw > 0.15 * w or bh > 0.15 * h:
            continue  # speck, or a border / rule / photo rather than text
        out["left"] += int(x == 0)
        out["right"] += int(x + bw == w)
        out["top"] += int(y == 0)
        out["bottom"] += int(y + bh == h)
    return out


def _flag(code: str, vi: str, en: str, value: float | None) -> QualityFlag:
    return QualityFlag(code, vi, en, None if value is None else round(float(value), 3))


def assess(image: np.ndarray, dpi: int, *, thresholds: Thresholds | None = None) -> QualityReport:
    """Check one captured page; a failing page is flagged, never dropped.

    Args:
        image: RGB ``(h, w, 3)`` or gray ``(h, w)`` ``uint8`` page.
        dpi: Effective resolution of ``image``.
        thresholds: Limits to use; defaults to :class:`Thresholds`.

    Returns:
        The report: ``flags`` (empty when the page is fine) and ``metrics`` (``dpi``,
        ``ink_ratio``, ``paper_level``, ``ink_level``, ``contrast``, ``skew_deg``,
        ``sharpness``, ``edge_marks_*``).
    """
    t = thresholds or Thresholds()
    dpi = max(1, int(dpi))
    gray = _gray(image)
    work = _resize_to(gray, dpi, _WORK_DPI)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (9, 9))
    background = cv2.morphologyEx(work, cv2.MORPH_CLOSE, kernel)  # paper, text filled in
    paper = float(np.percentile(background, 90))
    darkest = float(np.percentile(work, 0.05))
    delta = min(_INK_DELTA, max(_MIN_INK_DELTA, 0.45 * (paper - darkest)))
    ink = work.astype(np.int16) < background.astype(np.int16) - delta
    h, w = work.shape
    my, mx = h // 20, w // 20
    inner = ink[my:h - my, mx:w - mx]
    n, _, stats, _ = cv2.connectedComponentsWithStats(inner.astype(np.uint8), connectivity=8)
    areas = stats[1:n, cv2.CC_STAT_AREA] if n > 1 else np.zeros(0, np.int32)
    ink_ratio = float(areas[areas >= 4].sum()) / max(1, inner.size)
    ink_level = float(np.percentile(work, 1))
    if ink.any():
        ink_level = float(np.percentile(work[ink], 5))
    contrast = paper - ink_level
    m: dict[str, float] = {"dpi": float(dpi), "ink_ratio": round(ink_ratio, 5),
                           "ink_delta": round(delta, 1),
                           "paper_level": round(paper, 1), "ink_level": round(ink_level, 1),
                           "contrast": round(contrast, 1)}
    flags: list[QualityFlag] = []
    if dpi < t.min_dpi:
        flags.append(_flag("low_dpi", f"Độ phân giải {dpi} dpi thấp hơn mức tối thiểu "
                           f"{t.min_dpi} dpi.", f"Resolution {dpi} dpi is below the minimum "
                           f"{t.min_dpi} dpi.", dpi))
    if paper < t.min_paper_level:
        flags.append(_flag("underexposed", "Ảnh quá tối (nền giấy sẫm).",
                           "The image is too dark (dark paper background).", paper))
    blank = ink_ratio < t.blank_ink
    if blank:
        flags.append(_flag("blank", "Trang trắng (không có nội dung) — kiểm tra lại, không bị bỏ.",
                           "Blank page (no content) — review it; it is kept.", ink_ratio))
        return QualityReport(flags, m)
    if ink_level > t.max_ink_level:
        flags.append(_flag("overexposed", "Ảnh quá sáng, chữ bị mờ nhạt.",
                           "The image is over-exposed; the text is washed out.", ink_level))
    elif contrast < t.min_contrast:
        flags.append(_flag("low_contrast", "Độ tương phản thấp.", "Low contrast.", contrast))
    skew = _skew_deg(inner)
    if skew is not None:
        m["skew_deg"] = skew
        if abs(skew) > t.max_skew_deg:
            flags.append(_flag("skewed", f"Trang bị nghiêng {skew:.1f}°.",
                               f"The page is skewed by {skew:.1f}°.", skew))
    inner_mask = np.zeros_like(ink)
    inner_mask[my:h - my, mx:w - mx] = inner
    sharp = _sharpness(gray, dpi, inner_mask, contrast)
    if sharp is not None:
        m["sharpness"] = sharp
        if sharp < t.min_sharpness:
            flags.append(_flag("blurry", "Ảnh bị nhòe (không nét).", "The image is blurry.",
                               sharp))
    marks = _edge_marks(ink)
    m.update({f"edge_marks_{k}": float(v) for k, v in marks.items()})
    cut = [k for k, v in marks.items() if v >= t.cut_off_marks]
    if cut:
        sides_vi = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}
        flags.append(_flag("cut_off", "Nội dung bị cắt ở mép " +
                           ", ".join(sides_vi[s] for s in cut) + ".",
                           "Content is cut off at the " + ", ".join(cut) + " edge.",
                           max(marks[s] for s in cut)))
    return QualityReport(flags, m)


def count_sheets(pages: Iterable[CapturedPage] | int, duplex: bool) -> PageCounts:
    """Count sheets and pages for ``numberOfPaper`` / ``numberOfPage``.

    Every captured page counts (blank ones too: 100 % of pages are kept); ``blank`` says
    how many of them were flagged blank. Scanned pages carry their sheet number; for other
    pages a duplex batch has two pages per sheet.

    Args:
        pages: The captured pages (or just their number).
        duplex: Whether the paper was scanned on both sides.
    """
    if isinstance(pages, int):
        n, blank, sheets = pages, 0, set()
    else:
        items = list(pages)
        n = len(items)
        blank = sum(1 for p in items if p.quality is not None and "blank" in p.quality.codes)
        sheets = {(p.source, p.sheet) for p in items if p.sheet is not None}
        if len(sheets) != n and any(p.sheet is None for p in items):
            sheets = set()
    paper = len(sheets) if sheets else (math.ceil(n / 2) if duplex else n)
    return PageCounts(paper, n, blank)
