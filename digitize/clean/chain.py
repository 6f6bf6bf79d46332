"""The cleaning chain: one page in, an archive image, an OCR image, a report and a history out."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy as np

from digitize.clean import (
    binarize,
    despeckle,
    dropout,
    geometry,
    illumination,
    letters,
    punchholes,
    registration,
    tables,
)
from digitize.clean.analysis import ANALYSIS_DPI, Analysis, analyse
from digitize.clean.convert import check_size, to_gray, to_uint8_page
from digitize.clean.profile import CleanProfile
from digitize.errors import ImageInvalid

__all__ = ["CleanResult", "clean_page", "report_json"]

#: Pages with less ink than this share of the analysis pixels are flagged blank.
BLANK_INK = 0.0005
#: Pages whose paper is darker than this grey level are left alone (black frames, lens caps).
DARK_PAPER = 60
#: Paper whose background varies less than this share, and is at least WHITE_PAPER bright,
#: needs no flattening.
EVEN_PAPER = 0.05
WHITE_PAPER = 230
#: Specks per million pixels above which detection looks through a median filter.
SPECKLE_ANALYSIS = 200.0
#: Share of red pixels from which red ink is lifted off the OCR image (a seal at 300 dpi
#: covers ~0.5 % of an A4 page; a red letterhead rule or a few specks are below this).
MIN_RED_INK = 0.0005
#: Below this resolution red ink is left alone: a JPEG stores colour at half resolution, so
#: under ~100 dpi the red of a seal bleeds over whole strokes of the black text beside it (on
#: the 72 dpi scan of real-vi the signer's name was lost).
MIN_RED_DPI = 100
#: Below this resolution the letters' x-height is measured on the OCR image (OCR enlarges
#: such pages, and a low resolution is the one most often guessed from the page size).
X_HEIGHT_DPI = 200
#: Below this size (pixels) a page is only converted.
MIN_SIDE = 16


@dataclass
class CleanResult:
    """The cleaned page.

    Attributes:
        archive: Colour/gray as captured, only geometric fixes and gentle enhancement (may
            share memory with the input when nothing had to change).
        ocr: uint8 gray (or black-and-white) image for recognition, same size as ``archive``.
        report: JSON-serialisable: what was detected and done.
        history: Each step that changed the page, in order, with its parameters.
        tables: The cell boxes ``(left, top, right, bottom)`` of each ruled table, in the
            frame of ``ocr`` (whose rules are erased): give them to ``ocr.recognize`` so
            tables are read row by row.
        x_height: The x-height of the text on ``ocr`` in pixels, measured on pages under
            :data:`X_HEIGHT_DPI` (None otherwise or when there is too little text): give it
            to ``ocr.recognize`` so it enlarges the page by what its letters need.
    """

    archive: np.ndarray
    ocr: np.ndarray
    report: dict[str, Any] = field(default_factory=dict)
    history: list[dict[str, Any]] = field(default_factory=list)
    tables: list[list[tuple[int, int, int, int]]] = field(default_factory=list)
    x_height: float | None = None


def report_json(result: CleanResult) -> str:
    """The report and history as indented JSON (what ``digitize clean --report`` prints)."""
    return json.dumps({"report": result.report, "history": result.history},
                      ensure_ascii=False, indent=2, default=_jsonable)


def _jsonable(obj: object) -> object:
    if isinstance(obj, np.generic):
        return obj.item()
    if isinstance(obj, np.ndarray):
        return obj.tolist()
    return str(obj)


def _check_dpi(dpi: object, h: int, w: int) -> tuple[int, bool]:
    """The resolution to work at, and whether it was estimated.

    Files often carry no or absurd resolutions (0, 1, 72 dpi on a 300 dpi scan is not caught
    here); outside 30..4800 dpi the page is assumed to be A4 and the resolution estimated.
    """
    if isinstance(dpi, bool) or not isinstance(dpi, (int, float, np.integer, np.floating)):
        raise ImageInvalid(f"dpi phải là một số / dpi must be a number, got {dpi!r}")
    if 30 <= float(dpi) <= 4800:
        return int(round(float(dpi))), False
    return int(min(4800, max(30, round(max(h, w) / 11.69)))), True


def _geometry(page: np.ndarray, gray: np.ndarray, dpi: int, prof: CleanProfile,
              report: dict[str, Any], history: list[dict[str, Any]]
              ) -> tuple[np.ndarray, np.ndarray, Analysis, float | None]:
    """Page finding, border crop, orientation and deskew; fills ``report`` and ``history``.

    A heavily speckled page of 200 dpi or more is analysed through a 3x3 median, so dust
    does not pass for ink (at lower resolutions the median would also eat tone marks).

    Returns:
        The page, its gray version and its analysis (each redone only when the page changed),
        and the speckle level of the returned gray page when it was measured (None when the
        page changed after measuring).
    """
    level = (despeckle.speckle_level(gray, dpi)
             if dpi >= despeckle.MIN_DPI and min(gray.shape) >= 9 else 0.0)
    measured: float | None = level
    denoise = dpi >= 200 and level > SPECKLE_ANALYSIS

    def look(gray: np.ndarray) -> Analysis:
        return analyse(cv2.medianBlur(gray, 3) if denoise else gray, dpi)

    an = look(gray)
    if prof.perspective:
        page, entry = geometry.find_page(page, an)
        if entry:
            history.append({**entry, "target": "both"})
            report["page_found"] = entry
            gray = to_gray(page)
            measured = None
            an = look(gray)
    if prof.border:
        page, entry = geometry.crop_borders(page, an)
        if entry:
            history.append({**entry, "target": "both"})
            report["border"] = {k: v for k, v in entry.items() if k != "step"}
            gray = to_gray(page)
            measured = None
            an = look(gray)
    ink_share = float(an.ink.mean()) if an.ink.size else 0.0
    report["ink_share"] = round(ink_share, 5)
    report["blank"] = ink_share < BLANK_INK
    if (prof.deskew or prof.orientation) and not report["blank"]:
        page, found, entry = geometry.straighten(page, an, dpi, prof)
        report.update(found)
        if entry:
            history.append({**entry, "target": "both"})
            gray = to_gray(page)
            measured = None
            an = look(gray)
    return page, gray, an, measured


def _ocr_image(gray: np.ndarray, dpi: int, prof: CleanProfile, report: dict[str, Any],
               history: list[dict[str, Any]], measured: float | None = None) -> np.ndarray:
    """Flatten, stretch, despeckle and (optionally) binarise the gray page for recognition.

    ``measured`` is the speckle level of ``gray`` when already known; a page captured in
    black and white (``report["bilevel"]``) is not despeckled.
    """
    ocr = gray
    if report.get("blank"):
        return ocr  # nothing to read: keep the page as it is (it is flagged, never dropped)
    if prof.illumination:
        bg = illumination.background_small(gray, dpi)  # enlarged only if it is used
        lo, hi = (float(v) for v in np.percentile(bg, (2, 98)))
        uneven = 1.0 - lo / max(hi, 1.0)
        # white, evenly lit paper is left as scanned: flattening it gains nothing
        needed = uneven > EVEN_PAPER or hi < WHITE_PAPER
        report["shadow"] = {"paper_min": round(lo, 1), "paper_max": round(hi, 1),
                            "unevenness": round(uneven, 3), "flattened": needed}
        if needed:
            ocr = illumination.flatten_background(gray, illumination.enlarge(bg, gray.shape))
            ocr, levels = illumination.stretch_ink(ocr)
            history.append({"step": "flatten_background", "target": "ocr", **levels})
    if prof.despeckle:
        ocr, info = despeckle.despeckle(ocr, dpi, measured if ocr is gray else None,
                                        bilevel=bool(report.get("bilevel")))
        report["speckle"] = info
        if info["applied"]:
            history.append({"step": "despeckle", "target": "ocr", "median": 3,
                            "specks_per_mpx": info["specks_per_mpx"]})
    if prof.binarize:
        ocr = binarize.sauvola(ocr, dpi, window_mm=prof.sauvola_window_mm, k=prof.sauvola_k)
        history.append({"step": "binarize", "target": "ocr", "method": "sauvola",
                        "window_mm": prof.sauvola_window_mm, "k": prof.sauvola_k})
    return ocr


def clean_page(image: np.ndarray, *, dpi: int = 300, profile: CleanProfile | None = None
               ) -> CleanResult:
    """Clean one captured page for the archive and for OCR.

    Args:
        image: The page: gray, RGB, RGBA, gray+alpha or CMYK; 8/16-bit, bool or float.
        dpi: Its resolution.
        profile: Steps and parameters; the defaults suit office scans and phone photos.

    Returns:
        The archive image, the OCR image (same size), the report and the history.

    Raises:
        ImageInvalid: Not an image array, no pixels, an unsupported shape or type, or a
            dpi that is not a number (an absurd number is replaced by an estimate).
        ImageTooLarge: More pixels than ``profile.max_pixels``.
    """
    prof = profile or CleanProfile()
    h, w = check_size(image, prof.max_pixels)
    dpi, estimated = _check_dpi(dpi, h, w)
    page, info = to_uint8_page(image, prof.input_channels)
    report: dict[str, Any] = {"input": info, "dpi": dpi, "size_in": [w, h]}
    if estimated:
        report["dpi_estimated"] = True
    history: list[dict[str, Any]] = []
    if info["read_as"] not in ("gray", "rgb") or info["depth"] != "uint8":
        history.append({"step": "convert", "target": "both", "from": info["read_as"],
                        "depth": info["depth"]})
    if min(h, w) < MIN_SIDE or min(h, w) * ANALYSIS_DPI / dpi < MIN_SIDE:
        report.update(note="page too small to analyse; only converted", blank=True)
        return _finish(page, to_gray(page), report, history)
    if page.ndim == 3:  # a colour scan whose channels slipped apart: put them back first
        page, entry = registration.register_channels(page, dpi)
        if entry:
            history.append(entry)
            report["channels_registered"] = {k: v for k, v in entry.items()
                                             if k not in ("step", "target")}
    gray = to_gray(page)
    if page.ndim == 2 and despeckle.is_bilevel(gray):
        report["bilevel"] = True
    paper = float(np.percentile(gray[:: max(1, h // 200), :: max(1, w // 200)], 90))
    report["paper_level"] = round(paper, 1)
    if paper < DARK_PAPER:
        report.update(note="page too dark to analyse; only converted", dark=True, blank=True)
        return _finish(page, gray, report, history)
    page, gray, an, measured = _geometry(page, gray, dpi, prof, report, history)
    holes: list[tuple[float, float, float]] = []
    if prof.punch_holes and not report["blank"]:
        s = an.scale
        holes = [(x / s, y / s, r / s)
                 for x, y, r in punchholes.find_holes(an.small, dpi * s, an.paper)]
        report["punch_holes"] = [[round(v) for v in hole] for hole in holes]
        if holes:
            gray = punchholes.fill_holes(np.array(gray, copy=True), holes)
            measured = None
            history.append({"step": "fill_punch_holes", "target": "ocr",
                            "holes": report["punch_holes"]})
    if page.ndim == 3 and prof.drop_red and dpi >= MIN_RED_DPI:
        gray, measured = _drop_red(page, gray, dpi, holes, report, history, measured)
    ocr = _ocr_image(gray, dpi, prof, report, history, measured)
    cells: list[list[tuple[int, int, int, int]]] = []
    if prof.tables and not report["blank"]:
        ocr, cells = _tables(ocr, dpi, report, history)
    xh = None
    if dpi < X_HEIGHT_DPI and not report["blank"]:
        xh = letters.x_height(ocr)
        report["x_height_px"] = round(xh, 2) if xh else None
    page = _archive_image(page, dpi, prof, holes, report, history)
    result = _finish(page, ocr, report, history)
    result.tables = cells
    result.x_height = xh
    return result


def _tables(ocr: np.ndarray, dpi: int, report: dict[str, Any], history: list[dict[str, Any]]
            ) -> tuple[np.ndarray, list[list[tuple[int, int, int, int]]]]:
    """Find ruled tables on the OCR image and erase their rules (Tesseract reads rules as
    ``_``, ``|`` and dashes); return the image and each table's cells."""
    found = tables.find_tables(ocr, dpi)
    report["tables"] = [list(t.box) for t in found]
    if not found:
        return ocr, []
    ocr = np.array(ocr, copy=True)
    for t in found:
        ocr[t.rules > 0] = 255
    history.append({"step": "erase_table_rules", "target": "ocr", "tables": report["tables"]})
    return ocr, [list(t.cells) for t in found]


def _drop_red(page: np.ndarray, gray: np.ndarray, dpi: int,
              holes: list[tuple[float, float, float]], report: dict[str, Any],
              history: list[dict[str, Any]], measured: float | None
              ) -> tuple[np.ndarray, float | None]:
    """The OCR's gray page with red seal/stamp ink lifted off (see :mod:`.dropout`), or
    ``gray`` unchanged when the page has (next to) no red ink."""
    lifted, share = dropout.drop_red_ink(page, dpi)
    report["red_ink"] = round(share, 5)
    if share < MIN_RED_INK:
        return gray, measured
    if holes:
        lifted = punchholes.fill_holes(lifted, holes)
    history.append({"step": "drop_red_ink", "target": "ocr", "share": round(share, 5)})
    # the scan's speckle level is the one of the page before lifting: lifting the seal takes
    # out specks of red (JPEG colour noise), not the scanner's noise the median is there for
    # (measured after lifting, hp_440 fell under the threshold and lost its median: CER
    # 2.1 -> 3.9 %)
    if measured is None and dpi >= despeckle.MIN_DPI and min(gray.shape) >= 9:
        measured = despeckle.speckle_level(gray, dpi)
    return lifted, measured


def _archive_image(page: np.ndarray, dpi: int, prof: CleanProfile,
                   holes: list[tuple[float, float, float]], report: dict[str, Any],
                   history: list[dict[str, Any]]) -> np.ndarray:
    """Gentle, optional changes to the archive image (colour kept)."""
    if prof.archive_flatten:
        bg = illumination.background(page, dpi)
        page = illumination.flatten_background(page, bg, strength=0.6)
        history.append({"step": "flatten_background", "target": "archive", "strength": 0.6})
    if prof.archive_fill_holes and holes:
        page = punchholes.fill_holes(np.array(page, copy=True), holes)
        history.append({"step": "fill_punch_holes", "target": "archive",
                        "holes": report.get("punch_holes", [])})
    return page


def _finish(archive: np.ndarray, ocr: np.ndarray, report: dict[str, Any],
            history: list[dict[str, Any]]) -> CleanResult:
    report["size_out"] = [int(archive.shape[1]), int(archive.shape[0])]
    report["ocr_kind"] = "binary" if any(e["step"] == "binarize" for e in history) else "gray"
    return CleanResult(archive=archive, ocr=ocr, report=report, history=history)
