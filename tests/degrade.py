"""Degrade rendered pages like real office scans and phone photos, deterministically from a seed.

Every function takes a gray (H, W) or colour (H, W, 3) ``uint8`` page and returns a new
``uint8`` array of the same kind (``perspective`` also returns the page's true quadrilateral).
Angles follow OpenCV: a positive ``deg`` turns the page content counter-clockwise as displayed.
"""

from __future__ import annotations

import math
import unicodedata
from typing import Any

import cv2
import numpy as np

__all__ = [
    "add_scanner_border", "blur", "degrade_set", "downscale_dpi", "faint_photocopy",
    "gaussian_noise", "jpeg_artifacts", "page_cer", "perspective", "punch_holes", "rotate90",
    "salt_pepper", "skew", "uneven_shadow", "yellow_paper",
]


def _u8(a: np.ndarray) -> np.ndarray:
    return np.clip(a, 0, 255).astype(np.uint8)  # type: ignore[no-any-return]


def _fill(img: np.ndarray, value: float | tuple[float, ...]) -> tuple[float, ...]:
    if isinstance(value, tuple):
        return value if img.ndim == 3 else (float(np.mean(value)),)
    return (float(value),) * (img.shape[2] if img.ndim == 3 else 1)


def _smooth_field(shape: tuple[int, int], rng: np.random.Generator, cells: int = 6) -> np.ndarray:
    """A smooth random field in [0, 1] of ``shape`` (bicubic upsampling of a coarse grid)."""
    coarse = rng.random((cells, cells)).astype(np.float32)
    field = cv2.resize(coarse, (shape[1], shape[0]), interpolation=cv2.INTER_CUBIC)
    lo, hi = float(field.min()), float(field.max())
    return (field - lo) / max(hi - lo, 1e-6)


def _apply_gain(img: np.ndarray, gain: np.ndarray) -> np.ndarray:
    """Multiply a page by a per-pixel gain field (H, W)."""
    return _u8(img.astype(np.float32) * (gain[:, :, None] if img.ndim == 3 else gain))


def skew(img: np.ndarray, deg: float, *, fill: float | tuple[float, ...] = 255) -> np.ndarray:
    """Rotate the page by ``deg`` degrees (counter-clockwise), growing the canvas to keep it all.

    Args:
        img: The page.
        deg: The angle; positive turns the content counter-clockwise.
        fill: The colour of the uncovered corners (white paper by default).
    """
    h, w = img.shape[:2]
    a = math.radians(deg)
    nw = int(math.ceil(abs(w * math.cos(a)) + abs(h * math.sin(a))))
    nh = int(math.ceil(abs(w * math.sin(a)) + abs(h * math.cos(a))))
    m = cv2.getRotationMatrix2D((w / 2.0, h / 2.0), deg, 1.0)
    m[0, 2] += (nw - w) / 2.0
    m[1, 2] += (nh - h) / 2.0
    return cv2.warpAffine(img, m, (nw, nh), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=_fill(img, fill))


def rotate90(img: np.ndarray, k: int) -> np.ndarray:
    """Turn the page by ``k`` quarter turns counter-clockwise (as a scanner feeding it sideways)."""
    return np.ascontiguousarray(np.rot90(img, k % 4))


def add_scanner_border(img: np.ndarray, *, top: int = 60, bottom: int = 90, left: int = 40,
                       right: int = 120, value: int = 25, seed: int = 0) -> np.ndarray:
    """Surround the page with the dark, uneven border of an open scanner lid.

    The page lands at ``(left, top)`` in the result; the border is dark (about ``value``) with
    noise, a gradient and a soft shadow along the page edge.
    """
    rng = np.random.default_rng(seed)
    h, w = img.shape[:2]
    H, W = h + top + bottom, w + left + right
    shape = (H, W, img.shape[2]) if img.ndim == 3 else (H, W)
    field = _smooth_field((H, W), rng, 4) * 35.0 + value
    border = field[:, :, None] if img.ndim == 3 else field
    out = np.broadcast_to(border, shape).astype(np.float32)
    out = out + rng.normal(0, 6, shape).astype(np.float32)
    out[top:top + h, left:left + w] = img
    # a soft dark shadow just inside the page edge (the lid does not press the page flat)
    dist = np.full((H, W), 12, np.float32)
    dist[top:top + h, left:left + w] = np.minimum.outer(
        np.minimum(np.arange(h), np.arange(h)[::-1]), np.minimum(np.arange(w), np.arange(w)[::-1]))
    edge = 0.55 + 0.45 * np.clip(dist, 0, 11) / 11.0
    return _apply_gain(out, edge)


def gaussian_noise(img: np.ndarray, sigma: float = 12.0, *, seed: int = 0) -> np.ndarray:
    """Add sensor noise of standard deviation ``sigma`` grey levels."""
    rng = np.random.default_rng(seed)
    return _u8(img.astype(np.float32) + rng.normal(0, sigma, img.shape).astype(np.float32))


def salt_pepper(img: np.ndarray, amount: float = 0.004, *, seed: int = 0) -> np.ndarray:
    """Sprinkle black and white specks (dust, toner) on ``amount`` of the pixels, some 2x2."""
    rng = np.random.default_rng(seed)
    h, w = img.shape[:2]
    out = img.copy()
    n = int(amount * h * w / 2)
    for val in (0, 255):
        ys, xs = rng.integers(0, h - 1, n), rng.integers(0, w - 1, n)
        big = rng.random(n) < 0.3
        out[ys, xs] = val
        out[ys[big] + 1, xs[big]] = val
        out[ys[big], xs[big] + 1] = val
        out[ys[big] + 1, xs[big] + 1] = val
    return out


def blur(img: np.ndarray, sigma: float = 1.2) -> np.ndarray:
    """Gaussian defocus blur of ``sigma`` pixels."""
    return cv2.GaussianBlur(img, (0, 0), sigma)


def jpeg_artifacts(img: np.ndarray, quality: int = 35) -> np.ndarray:
    """Round-trip the page through JPEG at ``quality`` (in memory)."""
    ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, int(quality)])
    if not ok:  # pragma: no cover - cv2 always encodes uint8 pages
        raise ValueError("JPEG encoding failed")
    return cv2.imdecode(buf, cv2.IMREAD_UNCHANGED)


def uneven_shadow(img: np.ndarray, strength: float = 0.8, *, side: int | None = None,
                  seed: int = 0) -> np.ndarray:
    """Darken the page like a book spine along one edge plus a lamp's falloff.

    The ink is lifted a little off pure black first (real toner reflects about 10%), so deep
    in the shadow text and paper end up close together, as in real photos of bound volumes.

    Args:
        img: The page.
        strength: 0..0.95; the darkest paper ends at about ``(1 - strength)`` of its brightness.
        side: 0 left, 1 right, 2 top, 3 bottom; chosen from ``seed`` when None.
        seed: Chooses the side (if not given), the shadow's width and the lamp position.
    """
    rng = np.random.default_rng(seed)
    h, w = img.shape[:2]
    side = int(rng.integers(0, 4)) if side is None else side
    n = w if side < 2 else h
    width = n * rng.uniform(0.22, 0.32)
    t = np.arange(n, dtype=np.float32)
    if side in (1, 3):
        t = t[::-1]
    spine = 1.0 - strength * np.exp(-t / width)
    gain = np.broadcast_to(spine[None, :], (h, w)) if side < 2 else \
        np.broadcast_to(spine[:, None], (h, w))
    cy, cx = rng.uniform(0.2, 0.8) * h, rng.uniform(0.2, 0.8) * w
    yy, xx = np.ogrid[:h, :w]
    r2 = ((yy - cy) / h) ** 2 + ((xx - cx) / w) ** 2
    lamp = 1.0 - 0.45 * strength * np.clip(r2 / 0.5, 0, 1)
    lifted = _u8(img.astype(np.float32) * 0.88 + 28.0)
    return _apply_gain(lifted, (gain * lamp).astype(np.float32))


def faint_photocopy(img: np.ndarray, *, contrast: float = 0.4, paper: int = 200,
                    breaks: float = 0.2, seed: int = 0) -> np.ndarray:
    """A worn photocopy: grey uneven paper, thinned grey toner, broken strokes, toner dust.

    Args:
        img: The page (dark text on light paper).
        contrast: Fraction of the original ink-to-paper range kept.
        paper: Mean grey level of the paper.
        breaks: Fraction of small ink cells that lose most of their toner.
        seed: Chooses the paper wash, the stroke breaks and the dust.
    """
    rng = np.random.default_rng(seed)
    gray = img if img.ndim == 2 else cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)
    h, w = gray.shape
    # starved toner: strokes get thinner (min filter on the paper = erosion of the ink)
    thin = cv2.dilate(gray, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (3, 3)))
    ink = 1.0 - (0.5 * thin.astype(np.float32) + 0.5 * gray.astype(np.float32)) / 255.0
    patchy = 0.6 + 0.4 * _smooth_field((h, w), rng, 9)
    cell = max(2, h // 1200)
    fine = rng.random((h // cell + 1, w // cell + 1)).astype(np.float32)
    fine = cv2.resize(fine, (w, h), interpolation=cv2.INTER_NEAREST)[:h, :w]
    ink *= patchy * np.where(fine < breaks, 0.35, 1.0)
    wash = paper + 28.0 * (_smooth_field((h, w), rng, 5) - 0.5)  # the copier's uneven grey
    out = wash - ink * (paper * contrast)
    out += rng.normal(0, 7, (h, w)).astype(np.float32)
    n = int(h * w * 0.0015)  # toner dust, some in small clumps
    ys, xs = rng.integers(0, h - 1, n), rng.integers(0, w - 1, n)
    out[ys, xs] -= 90
    out[ys[: n // 3] + 1, xs[: n // 3]] -= 90
    out = cv2.GaussianBlur(out, (0, 0), 1.0)
    g = _u8(out)
    return g if img.ndim == 2 else cv2.cvtColor(g, cv2.COLOR_GRAY2RGB)


def yellow_paper(img: np.ndarray, *, seed: int = 0) -> np.ndarray:
    """Aged paper: a yellow-brown tint, darker blotches (foxing), slightly brown ink."""
    rng = np.random.default_rng(seed)
    h, w = img.shape[:2]
    tint = np.array([236, 221, 170], np.float32)  # RGB of old paper
    f = img.astype(np.float32) / 255.0
    if img.ndim == 2:
        f = f[:, :, None]
    stains = 1.0 - 0.22 * _smooth_field((h, w), rng, 7) ** 3
    out = f * tint * stains[:, :, None]
    out += (1.0 - f) * np.array([40, 28, 18], np.float32)  # ink takes a brown cast
    out = _u8(out)
    return out if img.ndim == 3 else cv2.cvtColor(out, cv2.COLOR_RGB2GRAY)


def punch_holes(img: np.ndarray, *, dpi: int = 300, n: int = 2, side: str = "left",
                value: int = 20, seed: int = 0) -> np.ndarray:
    """Punch ``n`` filing holes (6 mm, 80 mm apart) that show the dark scanner lid."""
    rng = np.random.default_rng(seed)
    out = img.copy()
    h, w = img.shape[:2]
    r = round(3.0 / 25.4 * dpi)
    gap = round(80 / 25.4 * dpi)
    off = round(rng.uniform(9, 13) / 25.4 * dpi)
    centres = [h / 2 + (i - (n - 1) / 2) * gap for i in range(n)]
    colour = _fill(img, float(value))
    for c in centres:
        along = int(c + rng.integers(-dpi // 50, dpi // 50 + 1))
        pt = (off, along) if side == "left" else (w - off, along) if side == "right" else \
            (along, off)
        cv2.circle(out, pt, r, colour, -1, lineType=cv2.LINE_AA)
    return out


def perspective(img: np.ndarray, *, strength: float = 0.08, margin: float = 0.08,
                table: tuple[int, int, int] = (78, 62, 48),
                seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """A phone photo of the page lying on a darker table, taken at an angle.

    Args:
        img: The page.
        strength: How far (fraction of the page size) each corner moves.
        margin: Table visible around the page, as a fraction of the page size.
        table: The table's RGB colour.
        seed: Chooses the corner displacements, lighting and noise.

    Returns:
        The photo (same kind as ``img``) and the page's true quadrilateral as a (4, 2) float32
        array of corners in photo pixels: top-left, top-right, bottom-right, bottom-left.
    """
    rng = np.random.default_rng(seed)
    h, w = img.shape[:2]
    mx, my = margin * w, margin * h
    W, H = int(w + 2 * mx), int(h + 2 * my)
    base = np.array([[mx, my], [mx + w, my], [mx + w, my + h], [mx, my + h]], np.float32)
    jitter = rng.uniform(-1, 1, (4, 2)).astype(np.float32) * np.array([w, h], np.float32)
    quad = base + jitter * strength * 0.5
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    m = cv2.getPerspectiveTransform(src, quad)
    rgb_table = _fill(img, tuple(float(c) for c in table))
    out = cv2.warpPerspective(img, m, (W, H), flags=cv2.INTER_LINEAR,
                              borderMode=cv2.BORDER_CONSTANT, borderValue=rgb_table)
    # wood-ish texture only on the table, then phone lighting and sensor noise everywhere
    mask = cv2.warpPerspective(np.full((h, w), 255, np.uint8), m, (W, H)) < 128
    tex = (_smooth_field((H, W), rng, 30) - 0.5) * 30.0
    f = out.astype(np.float32)
    f[mask] += tex[mask][:, None] if f.ndim == 3 else tex[mask]
    yy, xx = np.ogrid[:H, :W]
    cy, cx = rng.uniform(0.0, 1.0) * H, rng.uniform(0.0, 1.0) * W
    light = 1.0 - 0.25 * np.clip((((yy - cy) / H) ** 2 + ((xx - cx) / W) ** 2) / 0.6, 0, 1)
    f *= light[:, :, None] if f.ndim == 3 else light
    f += rng.normal(0, 4, f.shape).astype(np.float32)
    out = cv2.GaussianBlur(_u8(f), (0, 0), 0.6)
    return out, quad


def downscale_dpi(img: np.ndarray, from_dpi: int, to_dpi: int) -> np.ndarray:
    """Resample a page scanned at ``from_dpi`` to what a ``to_dpi`` scan would give."""
    h, w = img.shape[:2]
    s = to_dpi / from_dpi
    interp = cv2.INTER_AREA if s < 1 else cv2.INTER_CUBIC
    return cv2.resize(img, (max(1, round(w * s)), max(1, round(h * s))), interpolation=interp)


_FONTS = ["liberation-serif", "dejavu-serif", "liberation-sans", "dejavu-sans"]


def _page(seed: int, dpi: int, family: str, size_pt: float, kind: str) -> tuple[np.ndarray, str]:
    from digitize.devtools import sample

    if kind == "doc":
        doc = sample.make_document(seed, party=False)
        img = sample.render_document(doc, dpi=dpi, family=family, size_pt=size_pt)
        return img, doc.text
    rnd = np.random.default_rng(seed)
    paras = [sample.BODY[i] for i in rnd.permutation(len(sample.BODY))]
    return sample.render_text_page("\n".join(paras), dpi=dpi, family=family, size_pt=size_pt)


def degrade_set(seed: int = 0) -> list[tuple[str, np.ndarray, dict[str, Any]]]:
    """The standard mixed set of degraded pages, deterministic from ``seed``.

    Returns:
        ``(name, image, params)`` triples; ``params`` has ``text`` (the truth, one line per
        drawn line), ``dpi``, ``family``, ``size_pt``, ``kind`` and the degradation parameters:
        ``skew_deg`` (content angle, counter-clockwise), ``rotation_k`` (quarter turns
        counter-clockwise), ``page_box`` (x0, y0, x1, y1 of the page when borders were added)
        and ``quad`` (true page corners of a phone photo).
    """
    rng = np.random.default_rng(seed)
    out: list[tuple[str, np.ndarray, dict[str, Any]]] = []

    def page(i: int, dpi: int, size: float, kind: str) -> tuple[np.ndarray, dict[str, Any]]:
        fam = _FONTS[(i + seed) % len(_FONTS)]
        img, text = _page(seed * 100 + i, dpi, fam, size, kind)
        return img, {"text": text, "dpi": dpi, "family": fam, "size_pt": size, "kind": kind,
                     "skew_deg": 0.0, "rotation_k": 0}

    def ang(lo: float, hi: float) -> float:
        return round(float(rng.uniform(lo, hi)) * (1 if rng.random() < 0.5 else -1), 2)

    out.append(("clean_300", *page(0, 300, 13.5, "doc")))
    out.append(("clean_200", *page(1, 200, 13.0, "text")))
    img, p = page(2, 300, 13.0, "doc")
    p["skew_deg"] = ang(2, 6)
    out.append(("skew_small", skew(img, p["skew_deg"]), p))
    img, p = page(3, 200, 14.0, "text")
    p["skew_deg"] = ang(8, 14)
    out.append(("skew_large", skew(img, p["skew_deg"]), p))
    for k, i in ((1, 4), (2, 5), (3, 6)):
        img, p = page(i, 300 if k != 2 else 200, 13.5, "doc" if k != 3 else "text")
        p["rotation_k"], p["skew_deg"] = k, ang(0.3, 2.5)
        out.append((f"rot{90 * k}", rotate90(skew(img, p["skew_deg"]), k), p))
    img, p = page(7, 300, 13.0, "doc")
    t, b, lf, r = (int(v) for v in rng.integers(40, 160, 4))
    p.update(border=[t, b, lf, r], page_box=[lf, t, lf + img.shape[1], t + img.shape[0]])
    out.append(("scanner_border",
                add_scanner_border(img, top=t, bottom=b, left=lf, right=r, seed=seed), p))
    img, p = page(8, 300, 13.0, "text")
    p["skew_deg"] = ang(0.5, 3)
    noisy = gaussian_noise(skew(img, p["skew_deg"]), 14, seed=seed)
    noisy = jpeg_artifacts(blur(salt_pepper(noisy, 0.003, seed=seed), 0.9), 40)
    out.append(("noise_blur_jpeg", noisy, p))
    img, p = page(9, 300, 13.5, "doc")
    p["shadow_strength"] = 0.88
    side = int(rng.integers(0, 2))
    out.append(("uneven_shadow", uneven_shadow(img, 0.88, side=side, seed=seed), p))
    img, p = page(10, 300, 13.0, "text")
    out.append(("faint_photocopy", faint_photocopy(img, seed=seed), p))
    img, p = page(11, 200, 13.5, "doc")
    p["skew_deg"] = ang(0.5, 2)
    aged = punch_holes(yellow_paper(skew(img, p["skew_deg"]), seed=seed), dpi=200, seed=seed)
    out.append(("yellow_punched", aged, p))
    img, p = page(12, 300, 14.0, "doc")
    photo, quad = perspective(img, seed=seed)
    p["quad"] = [[round(float(x), 1), round(float(y), 1)] for x, y in quad]
    out.append(("phone_photo", photo, p))
    img, p = page(13, 300, 13.0, "text")
    p["dpi"], p["skew_deg"] = 200, ang(1, 4)
    low = jpeg_artifacts(downscale_dpi(skew(img, p["skew_deg"]), 300, 200), 50)
    out.append(("downscaled_jpeg", low, p))
    img, p = page(14, 200, 13.0, "text")
    p["shadow_strength"] = 0.7
    both = uneven_shadow(faint_photocopy(img, contrast=0.5, seed=seed + 1), 0.7, seed=seed + 1)
    out.append(("shadow_photocopy", both, p))
    return out


def _norm_line(s: str) -> str:
    return " ".join(unicodedata.normalize("NFC", s).split())


def _semi_global(needle: str, hay: np.ndarray) -> int:
    """Fewest edits turning ``needle`` into some substring of ``hay`` (code points, int32)."""
    n = len(hay)
    idx = np.arange(n + 1, dtype=np.int64)
    prev = np.zeros(n + 1, np.int64)  # free start anywhere in hay
    for i, ch in enumerate(needle, 1):
        sub = prev[:-1] + (hay != ord(ch))
        best = np.empty(n + 1, np.int64)
        best[0] = i
        best[1:] = np.minimum(sub, prev[1:] + 1)
        prev = np.minimum.accumulate(best - idx) + idx  # insertions along hay
    return int(prev.min())


def page_cer(truth: str, ocr: str) -> float:
    """Character error rate of ``ocr`` against ``truth``, insensitive to block reading order.

    Side-by-side blocks (the NĐ 30 header, "Nơi nhận" beside the signature) come out of OCR
    interleaved, so each truth line is aligned to its best-matching stretch of the OCR text;
    OCR characters beyond the truth's length (noise read as text) count as errors too.
    Whitespace runs count as one space.
    """
    lines = [t for t in (_norm_line(x) for x in truth.splitlines()) if t]
    hyp = _norm_line(ocr.replace("\n", " "))
    total = sum(len(t) for t in lines)
    if total == 0:
        return 0.0 if not hyp else 1.0
    hay = np.frombuffer(hyp.encode("utf-32-le"), dtype=np.int32) if hyp else \
        np.zeros(0, np.int32)
    errors = sum(_semi_global(t, hay) for t in lines)
    extra = max(0, len(hyp.replace(" ", "")) - sum(len(t.replace(" ", "")) for t in lines))
    return min(1.0, (errors + extra) / total)
