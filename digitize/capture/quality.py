"""Quality checks at capture: resolution, blank page, skew, blur, contrast, content cut off."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import NamedTuple, Protocol

import cv2
import numpy as np

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
            ``"low_contrast"``, ``"overexposed"``, ``"underexposed"``, ``"cut_off"``,
            ``"sideways"``.
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


def _decimate(gray: np.ndarray, dpi: int) -> tuple[np.ndarray, int]:
    """Shrink by an integer factor towards ``_WORK_DPI`` (fast path of INTER_AREA)."""
    k = max(1, round(dpi / _WORK_DPI))
    if k == 1:
        return gray, 1
    h, w = gray.shape[0] // k, gray.shape[1] // k
    return cv2.resize(gray[: h * k, : w * k], (w, h), interpolation=cv2.INTER_AREA), k


def _percentile(hist: np.ndarray, q: float) -> float:
    """The ``q`` percentile (0..100) of uint8 data from its 256-bin histogram."""
    cum = np.cumsum(hist)
    if cum[-1] == 0:
        return 0.0
    return float(np.searchsorted(cum, q / 100.0 * cum[-1], side="left"))


def _hist(a: np.ndarray) -> np.ndarray:
    return np.bincount(a.ravel(), minlength=256)


def _skew_deg(ink: np.ndarray) -> tuple[float, bool] | None:
    """Skew angle (degrees, positive = content turned counter-clockwise) and whether the
    text runs vertically (page turned sideways), by projection profiles of ink points."""
    ys, xs = np.nonzero(ink)
    if len(ys) < 200:
        return None
    if len(ys) > 25000:
        pick = np.random.default_rng(0).choice(len(ys), 25000, replace=False)
        ys, xs = ys[pick], xs[pick]
    rows = ys.astype(np.float32) - float(ys.mean())
    cols = xs.astype(np.float32) - float(xs.mean())

    def best(a: np.ndarray, b: np.ndarray, angles: np.ndarray) -> tuple[float, float]:
        scores = []
        for deg in angles:
            t = math.radians(float(deg))
            proj = a * math.cos(t) + b * math.sin(t)
            hist = np.bincount((proj - proj.min()).astype(np.int32))
            scores.append(float(np.dot(hist, hist)))
        i = int(np.argmax(scores))
        return float(angles[i]), scores[i]

    coarse = np.arange(-15.0, 15.01, 1.0)
    across, s_across = best(rows, cols, coarse)
    down, s_down = best(cols, -rows, coarse)
    sideways = s_down > 1.25 * s_across
    a, b, angle = (cols, -rows, down) if sideways else (rows, cols, across)
    angle, _ = best(a, b, np.arange(angle - 1.0, angle + 1.01, 0.25))
    angle, _ = best(a, b, np.arange(angle - 0.25, angle + 0.251, 0.05))
    return round(angle, 2), sideways


def _sharpness(gray: np.ndarray, dpi: int, ink: np.ndarray, k: int,
               contrast: float) -> float | None:
    """Laplacian energy at the strongest edges of the inkiest tiles, normalised by contrast.

    Tiles (half an inch) are chosen on the overview ``ink`` mask, then measured on the
    full-resolution page brought to ``_SHARP_DPI`` so the figure does not depend on dpi.
    """
    tile = max(16, round(dpi / k / 2))
    th, tw = ink.shape[0] // tile, ink.shape[1] // tile
    if th == 0 or tw == 0 or contrast <= 0:
        return None
    m = cv2.resize(ink[: th * tile, : tw * tile].astype(np.float32), (tw, th),
                   interpolation=cv2.INTER_AREA)
    order = np.argsort(m, axis=None)[::-1][:12]
    f = min(1.0, _SHARP_DPI / dpi)
    vals = []
    for idx in order:
        if m.flat[idx] < 0.02 or len(vals) == 8:
            break
        if m.flat[idx] > 0.5:
            continue  # a solid dark area (photo, stamp fill), not text edges
        r, c = divmod(int(idx), tw)
        n = tile * k
        t = gray[r * n:(r + 1) * n, c * n:(c + 1) * n]
        if f < 1.0:
            t = cv2.resize(t, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
        lap = np.abs(cv2.Laplacian(t.astype(np.float32), cv2.CV_32F, ksize=1)).ravel()
        keep = max(8, lap.size // 50)
        vals.append(float(np.partition(lap, lap.size - keep)[-keep:].mean()))
    if not vals:
        return None
    return round(float(np.median(vals)) / contrast, 4)


def _edge_marks(stats: np.ndarray, shape: tuple[int, int]) -> dict[str, int]:
    """Text-sized marks touching each edge of the image, from component statistics."""
    h, w = shape
    x, y, bw, bh, area = (stats[1:, i] for i in range(5))
    text = (area >= 4) & (bw <= 0.15 * w) & (bh <= 0.15 * h)  # not specks, borders, photos
    return {"top": int((text & (y == 0)).sum()), "bottom": int((text & (y + bh == h)).sum()),
            "left": int((text & (x == 0)).sum()), "right": int((text & (x + bw == w)).sum())}


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
    work, k = _decimate(gray, dpi)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (9, 9))
    background = cv2.morphologyEx(work, cv2.MORPH_CLOSE, kernel)  # paper, text filled in
    paper = _percentile(_hist(background), 90)
    work_hist = _hist(work)
    darkness = cv2.subtract(background, work)  # how much darker than the paper around it
    strongest = _percentile(_hist(darkness), 99.9)
    delta = min(_INK_DELTA, max(_MIN_INK_DELTA, 0.5 * strongest))
    ink = darkness > delta
    h, w = work.shape
    my, mx = h // 20, w // 20
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink.view(np.uint8), connectivity=8)
    solid = stats[:, cv2.CC_STAT_AREA] >= 4
    solid[0] = False
    inner_labels = labels[my:h - my, mx:w - mx]
    inner = solid[inner_labels]  # ink of the inner page, specks removed
    ink_ratio = float(inner.sum()) / max(1, inner.size)
    ink_level = _percentile(work_hist, 1)
    if ink.any():
        ink_level = _percentile(_hist(work[ink]), 5)
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
    found = _skew_deg(inner)
    if found is not None:
        skew, sideways = found
        m["skew_deg"] = skew
        m["sideways"] = float(sideways)
        if sideways:
            flags.append(_flag("sideways", "Trang bị xoay ngang (chữ chạy dọc).",
                               "The page is turned sideways (text runs vertically).", 90.0))
        if abs(skew) > t.max_skew_deg:
            flags.append(_flag("skewed", f"Trang bị nghiêng {skew:.1f}°.",
                               f"The page is skewed by {skew:.1f}°.", skew))
    inner_mask = np.zeros_like(ink)
    inner_mask[my:h - my, mx:w - mx] = inner
    sharp = _sharpness(gray, dpi, inner_mask, k, contrast)
    if sharp is not None:
        m["sharpness"] = sharp
        if sharp < t.min_sharpness:
            flags.append(_flag("blurry", "Ảnh bị nhòe (không nét).", "The image is blurry.",
                               sharp))
    marks = _edge_marks(stats, (h, w))
    m.update({f"edge_marks_{side}": float(v) for side, v in marks.items()})
    cut = [side for side, v in marks.items() if v >= t.cut_off_marks]
    if cut:
        sides_vi = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}
        flags.append(_flag("cut_off", "Nội dung bị cắt ở mép " +
                           ", ".join(sides_vi[s] for s in cut) + ".",
                           "Content is cut off at the " + ", ".join(cut) + " edge.",
                           max(marks[s] for s in cut)))
    return QualityReport(flags, m)


class Sheeted(Protocol):
    """What :func:`count_sheets` reads of a captured page (``CapturedPage`` has it).

    A protocol, so this module does not import ``page`` (which refers to ``QualityReport``).
    """

    source: str
    sheet: int | None
    quality: QualityReport | None


def count_sheets(pages: Iterable[Sheeted] | int, duplex: bool) -> PageCounts:
    """Count sheets and pages for ``numberOfPaper`` / ``numberOfPage``.

    Every captured page counts (blank ones too: 100 % of pages are kept); ``blank`` says
    how many of them were flagged blank. Scanned pages carry their sheet number; for other
    pages a duplex batch has two pages per sheet.

    Args:
        pages: The captured pages (:class:`~digitize.capture.page.CapturedPage`), or just
            their number.
        duplex: Whether the paper was scanned on both sides.
    """
    if isinstance(pages, int):
        return PageCounts(math.ceil(pages / 2) if duplex else pages, pages, 0)
    items = list(pages)
    n = len(items)
    blank = sum(1 for p in items if p.quality is not None and "blank" in p.quality.codes)
    scanned = {(p.source, p.sheet) for p in items if p.sheet is not None}
    loose = sum(1 for p in items if p.sheet is None)  # imported files: no sheet known
    paper = len(scanned) + (math.ceil(loose / 2) if duplex else loose)
    return PageCounts(paper, n, blank)
