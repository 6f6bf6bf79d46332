"""Recognise one page: Tesseract (one TSV run), reading order, Vietnamese post-correction."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol

import numpy as np
from PIL import Image

from ocr import libtess, tesseract
from ocr.cells import reread_numbering
from ocr.crop import content_box
from ocr.errors import OcrInputError
from ocr.layout import Box, Line, TsvWord, order_lines, parse_tsv
from ocr.model import LOW_CONFIDENCE, OcrPage, OcrWord
from ocr.postcorrect import correct_tokens, noise_line, normalize, spaced

__all__ = ["OcrEngine", "TesseractEngine", "recognize", "upright"]

#: Pages given below this resolution are enlarged before OCR (Tesseract wants x-height >= 20 px).
MIN_DPI = 200
#: Pages above this resolution would be read by Tesseract at it (area-averaged). Off by default:
#: at 250 dpi Tesseract needs 11 % less CPU and the CER of our three test sets was the same or
#: lower, but metadata extraction on the 42-document corpus got worse (subject 97.6 -> 90.5 %,
#: organName 97.6 -> 92.9 %, issuedDate and typeName 100 -> 97.6 %): the header lines in
#: capitals lose detail. ``None`` reads every page at its own resolution.
MAX_DPI: int | None = None
#: Largest enlargement factor for low-resolution pages.
MAX_UPSCALE = 3.0
#: x-height (pixels) a low-resolution page is enlarged to when its letters were measured:
#: that of 13-14 pt body text at about 250 dpi (real scans measure 16-18 px at 200 dpi,
#: 23-27 px at 300 dpi). On the 9 low-resolution real pages (72-100 dpi, no dpi tag) CER went
#: 6.19 -> 5.61 % against enlarging by 300/dpi (19 px: 6.38 %, a table page read out of
#: order; 100 dpi pages are now enlarged x2.5 instead of x3, so also faster).
TARGET_X_HEIGHT = 22.0
#: A page read with a lower mean confidence than this is checked for being turned (OSD).
SUSPICIOUS_CONF = 60.0
#: OSD confidence from which a suspicious page is read again turned. OSD is unsure on small or
#: sparse pages (a 72 dpi book photo turned upside down gets 0.9), so a weak hint is tried too:
#: the turned reading is kept only when it is clearly more confident (see :func:`recognize`).
MIN_OSD_CONF = 0.3


class OcrEngine(Protocol):
    """What the pipeline needs from an OCR engine (tests inject fakes)."""

    def recognize(self, image: np.ndarray, *, lang: str = "vie", dpi: int = 300,
                  correct: bool = True) -> OcrPage:
        """Recognise one page image."""
        ...


class TesseractEngine:
    """The default engine: :func:`recognize` as an object, for injection."""

    def recognize(self, image: np.ndarray, *, lang: str = "vie", dpi: int = 300,
                  correct: bool = True) -> OcrPage:
        """See :func:`recognize`."""
        return recognize(image, lang=lang, dpi=dpi, correct=correct)


def _check(image: np.ndarray) -> np.ndarray:
    if not isinstance(image, np.ndarray) or image.dtype != np.uint8:
        raise OcrInputError("expected a uint8 numpy array")
    if image.ndim == 3 and image.shape[2] == 4:
        image = image[:, :, :3]
    if image.ndim == 3 and image.shape[2] == 1:
        image = image[:, :, 0]
    if not (image.ndim == 2 or (image.ndim == 3 and image.shape[2] == 3)):
        raise OcrInputError(f"expected a gray or RGB image, got shape {image.shape}")
    if min(image.shape[:2]) < 8:
        raise OcrInputError(f"image too small: {image.shape[1]}x{image.shape[0]}")
    return image


def _upscale(image: np.ndarray, dpi: int, x_height: float | None = None
             ) -> tuple[np.ndarray, float]:
    """Bring a page to the resolution Tesseract reads best: enlarge low-resolution pages
    (to :data:`TARGET_X_HEIGHT` when the letters' ``x_height`` is known, else by
    ``300 / dpi``), shrink pages above :data:`MAX_DPI`; return the image and the factor."""
    if MAX_DPI and dpi > MAX_DPI:
        factor = MAX_DPI / dpi
        h, w = image.shape[:2]
        small = Image.fromarray(image).resize((round(w * factor), round(h * factor)),
                                              Image.Resampling.BOX)
        return np.asarray(small), factor
    if dpi >= MIN_DPI or dpi <= 0:
        return image, 1.0
    if x_height and x_height > 0:
        factor = min(MAX_UPSCALE, max(1.0, TARGET_X_HEIGHT / x_height))
    else:
        factor = min(MAX_UPSCALE, 300.0 / dpi)
    if factor == 1.0:
        return image, 1.0
    h, w = image.shape[:2]
    size = (round(w * factor), round(h * factor))
    big = np.asarray(Image.fromarray(image).resize(size, Image.Resampling.LANCZOS))
    return big, factor


def _scaled(words: list[TsvWord], factor: float) -> list[TsvWord]:
    if factor == 1.0:
        return words
    return [TsvWord(w.text, round(w.left / factor), round(w.top / factor),
                    max(1, round(w.width / factor)), max(1, round(w.height / factor)), w.conf,
                    w.key) for w in words]


def _shifted(words: list[TsvWord], dx: int, dy: int) -> list[TsvWord]:
    if not dx and not dy:
        return words
    return [replace(w, left=w.left + dx, top=w.top + dy) for w in words]


def _has_ink(image: np.ndarray) -> bool:
    gray = image if image.ndim == 2 else image.mean(axis=2)
    return float(np.percentile(gray[::4, ::4], 2)) < 0.6 * float(np.median(gray[::4, ::4]))


def _tsv(image: np.ndarray, lang: str, dpi: int, psm: int,
         cancel: threading.Event | None) -> str:
    """Tesseract's TSV of a gray page: through the library loaded in this process when it is
    there (no process start or model load per page), else through the program."""
    if libtess.available():
        return libtess.run_tsv(image, lang=lang, dpi=dpi, psm=psm, cancel=cancel)
    return tesseract.run_tsv(image, lang=lang, dpi=dpi, psm=psm, cancel=cancel)


def _read(image: np.ndarray, lang: str, dpi: int,
          cancel: threading.Event | None) -> tuple[list[TsvWord], list[str]]:
    """One Tesseract run; a second one (block mode) only when automatic layout found nothing."""
    words = parse_tsv(_tsv(image, lang, dpi, 3, cancel))
    warnings: list[str] = []
    if len(words) < 3 and _has_ink(image):
        retry = parse_tsv(_tsv(image, lang, dpi, 6, cancel))
        if len(retry) > len(words):
            words = retry
            warnings.append("layout analysis found no text; read as one block")
    return words, warnings


def _read_line(crop: np.ndarray, lang: str, dpi: int, x_height: float | None,
               cancel: threading.Event | None) -> list[TsvWord]:
    """One crop read as a single text line (set in white, enlarged as its page would be);
    word boxes in the crop's pixels."""
    pad = 20
    framed = np.pad(crop, pad, constant_values=255)
    big, factor = _upscale(framed, dpi, x_height)
    words = parse_tsv(_tsv(np.ascontiguousarray(big), lang,
                           round(dpi * factor) if dpi > 0 else 300, 7, cancel))
    return _shifted(_scaled(words, factor), -pad, -pad)


def _dehyphenate(lines: list[Line], texts: list[list[str]]) -> list[list[str]]:
    """Join a word broken at a line end with a hyphen (``QĐ-`` + ``UBND``, ``infor-`` +
    ``mation``) onto its line; a dash standing alone (``kinh tế -``) is left as it is."""
    out = [list(t) for t in texts]
    for i in range(len(out) - 1):
        if not out[i] or not out[i + 1] or lines[i].block != lines[i + 1].block:
            continue
        last, head = out[i][-1], out[i + 1][0]
        if len(last) < 2 or not last.endswith("-") or not last[-2].isalnum():
            continue
        if not head[:1].isalnum():
            continue
        if last[:-1].isalpha() and last[:-1].islower() and head.islower():
            out[i][-1] = last[:-1] + head  # a word hyphenated by the typesetter
        else:
            out[i][-1] = last + head  # a code (15/QĐ-UBND) keeps its hyphen
        out[i + 1] = out[i + 1][1:]
    return out


def _build(lines: list[Line], texts: list[list[str]]) -> str:
    out: list[str] = []
    for i, (ln, toks) in enumerate(zip(lines, _dehyphenate(lines, texts), strict=True)):
        if i and ln.block != lines[i - 1].block:
            out.append("")
        if toks:
            out.append(" ".join(toks))
    return "\n".join(out)


def upright(image: np.ndarray, page: OcrPage) -> np.ndarray:
    """``image`` turned the way the engine turned it before reading (``page.rotation``).

    Args:
        image: The page image given to :func:`recognize`, or any image of the same page.
        page: The result.

    Returns:
        The image in the frame of ``page``'s word boxes.
    """
    return np.rot90(image, -(page.rotation // 90)) if page.rotation else image


def _suspicious(page: OcrPage) -> bool:
    return len(page.words) >= 10 and page.mean_conf < SUSPICIOUS_CONF


def recognize(image: np.ndarray, *, lang: str = "vie", dpi: int = 300, correct: bool = True,
              tone_style: str = "old", cancel: threading.Event | None = None,
              tables: Sequence[Sequence[Box]] = (), x_height: float | None = None) -> OcrPage:
    """OCR one page image with Tesseract and correct the Vietnamese text.

    A page read with low confidence is checked with Tesseract's orientation detection; if it
    lies sideways or upside down it is read again turned upright, and the result records the
    turn in ``OcrPage.rotation`` (word boxes then refer to the turned image).

    Args:
        image: Gray ``(h, w)`` or RGB ``(h, w, 3)`` ``uint8`` array, ideally cleaned.
        lang: Tesseract languages (``"vie"``, ``"vie+eng"``).
        dpi: Resolution of ``image``; pages under 200 dpi are enlarged for recognition.
        correct: Apply normalisation and syllable-aware correction (``False``: NFC only).
        tone_style: Tone-mark placement of the text: ``"old"`` (hòa), ``"new"`` (hoà), ``"keep"``.
        cancel: When set, the Tesseract run is killed and :class:`OcrCancelled` raised.
        tables: Cell boxes ``(left, top, right, bottom)`` of each ruled table on ``image``
            (found by the cleaning, which also erased the rules): each table is read row by
            row, cell by cell. Not used when the page has to be turned.
        x_height: Height of the text's lowercase letters in ``image`` pixels, when measured
            (``digitize.clean`` does for low-resolution pages): a page under 200 dpi is then
            enlarged by what its letters need to reach :data:`TARGET_X_HEIGHT`, whatever its
            ``dpi`` (often a guess from the page size) claims.

    Returns:
        The page: corrected text in reading order, words with boxes in ``image`` pixels.

    Raises:
        OcrInputError: ``image`` is not a gray/RGB uint8 array.
        TesseractMissing: Tesseract or the language data is missing.
        OcrFailed: Tesseract failed.
        OcrTimeout: Tesseract took too long.
        OcrCancelled: ``cancel`` was set.
    """
    image = _check(image)
    if image.ndim == 3:  # Tesseract reads gray; an RGB pipe costs it ~50% more CPU
        image = np.asarray(Image.fromarray(image, "RGB").convert("L"))
    page = _recognize_once(image, lang, dpi, correct, tone_style, cancel, tables, x_height)
    if not _suspicious(page):
        return page
    rotate, conf = tesseract.run_osd(image, dpi=max(dpi, 70), cancel=cancel)
    if rotate == 0 or conf < MIN_OSD_CONF:
        return page
    turned = np.ascontiguousarray(np.rot90(image, -(rotate // 90)))
    again = _recognize_once(turned, lang, dpi, correct, tone_style, cancel, (), x_height)
    if again.mean_conf <= page.mean_conf + 10:
        return page
    return replace(again, rotation=rotate,
                   warnings=(*again.warnings, f"page read turned {rotate}° clockwise"))


def _recognize_once(image: np.ndarray, lang: str, dpi: int, correct: bool, tone_style: str,
                    cancel: threading.Event | None,
                    tables: Sequence[Sequence[Box]] = (),
                    x_height: float | None = None) -> OcrPage:
    # only the inked part of the page goes to Tesseract (blank margins cost it time)
    box = content_box(image, dpi)
    x0, y0 = (box[0], box[1]) if box else (0, 0)
    part = np.ascontiguousarray(image[box[1]:box[3], box[0]:box[2]]) if box else image
    big, factor = _upscale(part, dpi, x_height)
    tsv_words, warnings = _read(big, lang, round(dpi * factor) if dpi > 0 else 300, cancel)
    page_words = _shifted(_scaled(tsv_words, factor), x0, y0)
    if tables:
        page_words = reread_numbering(
            image, tables, page_words,
            lambda crop: _read_line(crop, lang, dpi, x_height, cancel))
    lines = order_lines(page_words, tables)
    raw_texts = [[normalize(w.text, tone_style="keep") for w in ln.words] for ln in lines]
    fixed_texts = [
        correct_tokens(toks, [w.conf for w in ln.words], tone_style=tone_style) if correct
        else list(toks)
        for ln, toks in zip(lines, raw_texts, strict=True)
    ]
    # lines read from seals, signatures and specks are left out of the text; their words stay
    # (flagged) for what reads the page's layout, e.g. where a hand-filled number sits
    noise = [correct and noise_line(f, [w.conf for w in ln.words])
             for ln, f in zip(lines, fixed_texts, strict=True)]
    words, changed = [], 0
    for number, (ln, raw, fixed) in enumerate(zip(lines, raw_texts, fixed_texts, strict=True)):
        for w, r, f in zip(ln.words, raw, fixed, strict=True):
            fix = correct and f != normalize(r, tone_style=tone_style)
            changed += fix and not noise[number]
            words.append(OcrWord(
                text=f, left=w.left, top=w.top, width=w.width, height=w.height,
                conf=round(w.conf, 2), block=ln.block, line=number,
                low_confidence=w.conf < LOW_CONFIDENCE or fix or noise[number],
                raw=w.text if fix else ""))
    kept = [i for i, n in enumerate(noise) if not n]
    confs = [w.conf for w in words]
    # the text gets back spaces OCR lost (BANNHÂNDÂN, Số:383); the words keep what was read
    shown = [[spaced(t) for t in fixed_texts[i]] if correct else fixed_texts[i] for i in kept]
    return OcrPage(
        text=_build([lines[i] for i in kept], shown),
        words=tuple(words), width=image.shape[1],
        height=image.shape[0], dpi=dpi, mean_conf=round(sum(confs) / len(confs), 2) if confs
        else 0.0, lang=lang, raw_text=_build(lines, raw_texts), corrections=changed,
        warnings=tuple(warnings))
