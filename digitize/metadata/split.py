"""Split a scanned batch into documents: header pages, blank pages and printed separator sheets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from digitize.metadata.fonts import FONT_FILES, font_path
from digitize.metadata.header import Page, find_quoc_hieu
from digitize.metadata.layout import WordBox, lines_from_text, lines_from_words
from digitize.metadata.normalize import fold, similarity

__all__ = ["SEPARATOR_PAYLOAD", "PageInfo", "has_header", "is_separator", "separator_sheet",
           "split_documents"]

#: Text of the QR code on our separator sheet.
SEPARATOR_PAYLOAD = "DIGITIZE:TACH-TAI-LIEU:v1"
_ARUCO_DICT = cv2.aruco.DICT_4X4_50
_ARUCO_IDS = (11, 22, 33, 44)  # one per corner: top-left, top-right, bottom-right, bottom-left
_TIEU_NGU = "DOC LAP - TU DO - HANH PHUC"


@dataclass(frozen=True)
class PageInfo:
    """What splitting needs of a scanned page."""

    text: str = ""
    words: Sequence[WordBox] | None = None
    blank: bool = False
    is_separator: bool = False
    size: tuple[int, int] | None = None  # (width, height) of the page the words refer to


def has_header(page: PageInfo) -> bool:
    """Whether the page opens a document: a Quốc hiệu/Tiêu ngữ or Party heading near the top."""
    lines = lines_from_words(page.words) if page.words else lines_from_text(page.text)
    if page.words:
        height = page.size[1] if page.size else max((ln.bottom for ln in lines), default=0)
        lines = [ln for ln in lines if ln.top < height * 0.25]
    else:
        lines = lines[:8]
    if not lines:
        return False
    view = Page(lines, page.size[0] if page.size else 0, page.size[1] if page.size else 0,
                bool(page.words))
    if find_quoc_hieu(view)[0] is not None:
        return True
    return any(similarity(fold(ln.text)[-len(_TIEU_NGU):], _TIEU_NGU) >= 0.8 for ln in lines)


def split_documents(pages: Sequence[PageInfo], *, blank_separates: bool = True
                    ) -> list[list[int]]:
    """Group page indices into documents.

    A document starts on a page with a Quốc hiệu or Party header block, or on the first page
    after a separator sheet (our printed sheet, or a blank page when ``blank_separates``).
    Separator and separating blank pages belong to no document; the caller keeps them as
    flagged pages (every page is kept). The clerk corrects the result with
    :func:`digitize.metadata.dossier.merge_groups` / :func:`~digitize.metadata.dossier.split_group`.

    Args:
        pages: The batch in scan order.
        blank_separates: Treat blank pages as separators (off for duplex scans, where blank
            backs are common; such blank pages then stay in their document).

    Returns:
        Lists of page indices, one per document, in order.
    """
    groups: list[list[int]] = []
    cut = True
    for i, p in enumerate(pages):
        if p.is_separator or (p.blank and blank_separates):
            cut = True
            continue
        if cut or (not p.blank and has_header(p)):
            groups.append([])
            cut = False
        groups[-1].append(i)
    return [g for g in groups if g]


def _font(px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(font_path(FONT_FILES["dejavu-sans"][1]), px)


def separator_sheet(*, dpi: int = 150) -> np.ndarray:
    """A printable A4 separator page (RGB): "TÁCH TÀI LIỆU", four ArUco markers and a QR code.

    Put one between documents in the feeder; :func:`is_separator` recognises it in a scan.
    """
    w, h = round(8.27 * dpi), round(11.69 * dpi)
    img = Image.new("RGB", (w, h), "white")
    draw = ImageDraw.Draw(img)
    side, margin = round(1.2 * dpi), round(0.6 * dpi)
    aruco = cv2.aruco.getPredefinedDictionary(_ARUCO_DICT)
    spots = [(margin, margin), (w - margin - side, margin), (w - margin - side, h - margin - side),
             (margin, h - margin - side)]
    for mid, (x, y) in zip(_ARUCO_IDS, spots, strict=True):
        marker = cv2.aruco.generateImageMarker(aruco, mid, side)
        img.paste(Image.fromarray(marker).convert("RGB"), (x, y))
    draw.text((w // 2, round(h * 0.32)), "TÁCH TÀI LIỆU", font=_font(round(0.6 * dpi)),
              fill="black", anchor="mm")
    draw.text((w // 2, round(h * 0.40)), "Trang phân cách — không số hóa",
              font=_font(round(0.2 * dpi)), fill="black", anchor="mm")
    qr = cv2.QRCodeEncoder.create().encode(SEPARATOR_PAYLOAD)
    qside = round(2.2 * dpi)
    qr = cv2.resize(qr, (qside, qside), interpolation=cv2.INTER_NEAREST)
    qr = cv2.copyMakeBorder(qr, 8, 8, 8, 8, cv2.BORDER_CONSTANT, value=255)
    img.paste(Image.fromarray(qr).convert("RGB"), ((w - qr.shape[1]) // 2, round(h * 0.5)))
    return np.asarray(img)


def is_separator(image: np.ndarray) -> bool:
    """Whether a scanned page is our separator sheet (any orientation, skewed, gray or colour).

    Two or more of our ArUco markers suffice; otherwise the QR payload is checked.
    """
    gray = image if image.ndim == 2 else cv2.cvtColor(image[:, :, :3], cv2.COLOR_RGB2GRAY)
    scale = 1000 / max(gray.shape)
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) \
        if scale < 1 else gray
    detector = cv2.aruco.ArucoDetector(cv2.aruco.getPredefinedDictionary(_ARUCO_DICT),
                                       cv2.aruco.DetectorParameters())
    _, ids, _ = detector.detectMarkers(small)
    if ids is not None and len({int(i) for i in ids.ravel()} & set(_ARUCO_IDS)) >= 2:
        return True
    try:
        text, _, _ = cv2.QRCodeDetector().detectAndDecode(small)
    except cv2.error:
        return False
    return text == SEPARATOR_PAYLOAD
