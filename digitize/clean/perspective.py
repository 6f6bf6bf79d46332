"""Find the page in a phone photo or on a dark scanner lid, and flatten it to a rectangle."""

from __future__ import annotations

import cv2
import numpy as np

__all__ = ["find_page_quad", "flatten", "is_axis_aligned", "order_quad"]


def order_quad(pts: np.ndarray) -> np.ndarray:
    """Corners as top-left, top-right, bottom-right, bottom-left (float32, shape (4, 2))."""
    pts = pts.reshape(4, 2).astype(np.float32)
    s, d = pts.sum(axis=1), pts[:, 0] - pts[:, 1]
    return np.array([pts[np.argmin(s)], pts[np.argmax(d)], pts[np.argmax(s)],
                     pts[np.argmin(d)]], np.float32)


def _surround_is_dark(small: np.ndarray, paper: float) -> bool:
    """Is a good part of the image's rim clearly darker than the paper?"""
    h, w = small.shape
    r = max(2, min(h, w) // 50)
    rim = np.concatenate([small[:r].ravel(), small[-r:].ravel(), small[:, :r].ravel(),
                          small[:, -r:].ravel()])
    return float(np.mean(rim < 0.6 * paper)) > 0.25


def _sharp_edges(gray: np.ndarray, quad: np.ndarray) -> bool:
    """Does the paper end in a step of brightness along every side of ``quad`` inside the image?

    A shadow or a dark picture on the page ends in a gradual slope or at text; a page on a
    lid or table ends in a clear step from paper to surround.
    """
    h, w = gray.shape
    d = max(3.0, 0.015 * min(h, w))
    centre = quad.mean(axis=0)
    for i in range(4):
        p, q = quad[i], quad[(i + 1) % 4]
        t = np.linspace(0.15, 0.85, 24)[:, None]
        pts = p + (q - p) * t
        edge = q - p
        normal = np.array([-edge[1], edge[0]], np.float32)
        normal /= max(float(np.linalg.norm(normal)), 1e-6)
        if float(np.dot(centre - (p + q) / 2, normal)) < 0:
            normal = -normal  # point inwards
        inner, outer = pts + normal * d, pts - normal * d
        ok = (outer[:, 0] >= 0) & (outer[:, 0] < w) & (outer[:, 1] >= 0) & (outer[:, 1] < h)
        if ok.sum() < 6:
            continue  # this side runs along the image border: nothing to compare
        vi = gray[inner[ok, 1].astype(int).clip(0, h - 1), inner[ok, 0].astype(int).clip(0, w - 1)]
        vo = gray[outer[ok, 1].astype(int), outer[ok, 0].astype(int)]
        if float(np.median(vi)) < 1.4 * float(np.median(vo)) + 10:
            return False
    return True


def find_page_quad(small: np.ndarray, paper: float) -> np.ndarray | None:
    """The page's corners in ``small`` when it lies on a clearly darker surround.

    The page must be a bright convex quadrilateral covering 20-98% of the image that ends in a
    clear step of brightness on every side, so shadows or dark pictures on the page are not
    mistaken for a surround.

    Args:
        small: uint8 gray page at analysis resolution.
        paper: The paper's grey level.

    Returns:
        Corners (TL, TR, BR, BL) in ``small`` pixels, or None.
    """
    if paper < 60 or not _surround_is_dark(small, paper):
        return None
    h, w = small.shape
    blurred = cv2.GaussianBlur(small, (5, 5), 0)
    _, bright = cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    k = max(3, min(h, w) // 60) | 1
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, np.ones((k, k), np.uint8))
    bright = cv2.morphologyEx(bright, cv2.MORPH_OPEN, np.ones((k, k), np.uint8))
    contours, _ = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    c = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(c)
    if not 0.2 * h * w <= area <= 0.98 * h * w:
        return None
    hull = cv2.convexHull(c)
    quad = None
    for eps in (0.01, 0.02, 0.03, 0.05):
        approx = cv2.approxPolyDP(hull, eps * cv2.arcLength(hull, True), True)
        if len(approx) == 4:
            quad = approx
            break
    if quad is None:
        quad = cv2.boxPoints(cv2.minAreaRect(hull))
    quad = order_quad(np.asarray(quad))
    if not cv2.isContourConvex(quad.reshape(-1, 1, 2)):
        return None
    if not _sharp_edges(blurred, quad):
        return None
    return quad


def is_axis_aligned(quad: np.ndarray, tol_px: float) -> bool:
    """Are the quad's edges horizontal/vertical within ``tol_px`` pixels?"""
    tl, tr, br, bl = quad
    return bool(abs(tl[1] - tr[1]) <= tol_px and abs(bl[1] - br[1]) <= tol_px
                and abs(tl[0] - bl[0]) <= tol_px and abs(tr[0] - br[0]) <= tol_px)


#: Height/width of the usual paper sizes: A series (A4, A3, A5), US Letter.
PAPER_ASPECTS = (2 ** 0.5, 11 / 8.5)


def _snap_aspect(w: float, h: float) -> float:
    """A height giving a usual paper's proportions when the quad's are within 6% of them.

    Foreshortening in a photo makes the far edge shorter, so the measured proportions are
    only approximate; office pages are nearly always A4 or Letter.
    """
    ratio = h / max(w, 1.0)
    for target in PAPER_ASPECTS:
        for t in (target, 1 / target):  # portrait or landscape
            if abs(ratio - t) < 0.06 * t:
                return w * t
    return h


def flatten(img: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """Warp the quadrilateral ``quad`` (TL, TR, BR, BL, image pixels) of ``img`` to a rectangle.

    The rectangle keeps the quad's longer width, so the resolution is not lowered; its height
    follows the usual paper proportions when the quad is close to them.
    """
    tl, tr, br, bl = quad.astype(np.float32)
    w = max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl))
    h = max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr))
    w, h = round(w), round(_snap_aspect(w, h))
    dst = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    m = cv2.getPerspectiveTransform(quad.astype(np.float32), dst)
    return cv2.warpPerspective(img, m, (max(1, w), max(1, h)), flags=cv2.INTER_LINEAR,
                               borderMode=cv2.BORDER_REPLICATE)
