"""Read the digits written by hand into the ``Số:`` and date slots of a printed header.

The slot is located from the OCR word boxes of its printed frame (``Số:`` … ``/KÝ-HIỆU``,
``ngày`` … ``tháng`` … ``năm``), cropped from the page with a margin above and below (hand
writing overflows the printed line), cleaned (printed placeholder dots, specks and the cut
pieces of neighbouring printed letters dropped, the crop cut to the ink) and read twice: by
the digit network of :mod:`digitize.metadata.digitseg` / :mod:`digitize.metadata.digitnet`
(trained on hand-written digits, stored in the repository) and by Tesseract's ``eng`` model
restricted to digits (it ships with the ``tesseract-ocr`` package); nothing is downloaded.
Every read carries a confidence that never reaches the review threshold on its own: a
hand-filled digit is always shown for checking unless the page's OCR read the same digits.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import cv2
import numpy as np

from digitize.metadata.digitnet import thin
from digitize.metadata.slotbox import PAD, slot_box
from ocr.errors import OcrFailed, OcrTimeout, TesseractMissing

__all__ = ["HAND_CAP", "DigitReader", "read_digits", "slot_box", "slot_ink", "tesseract_digits"]

#: Highest confidence a digit read from hand writing alone may carry (below review's 0.9).
HAND_CAP = 0.8
#: How far (in line heights) hand writing may overflow the slot and still be read whole.
OVERFLOW = 0.8
#: Mean colour spread (beyond the paper's) of a piece of ink written with a coloured pen.
PEN_TINT = 6.0
#: Faint ink joins sure ink down to this share of the paper-to-Otsu contrast.
LOW_SHARE = 0.5
#: Ink whose median grey is above this share of the paper's is a grey or washed-out pen, whose
#: strokes Otsu's cut may break; a dark pen (blue, black felt) is darker.
FAINT = 0.55
#: ``crop → (digits, confidence 0..1)``; the default runs Tesseract on the crop.
DigitReader = Callable[[np.ndarray], tuple[str, float]]


def _is_slash(part: np.ndarray, others: list[int]) -> bool:
    """Whether a piece of ink is the printed ``/`` after a number slot: a thin stroke leaning
    right, shorter than the hand-written digits before it."""
    ys, xs = np.nonzero(part)
    h, w = int(ys.max() - ys.min()) + 1, int(xs.max() - xs.min()) + 1
    if not others or w > 0.7 * h or h > 0.92 * float(np.median(others)):
        return False
    top = xs[ys <= ys.min() + 0.15 * h].mean()
    bottom = xs[ys >= ys.max() - 0.15 * h].mean()
    return bool(top - bottom >= 0.25 * h)


def _small_ends(stats: np.ndarray, kept: list[int]) -> list[int]:
    """The first/last kept pieces that are much shorter than the tallest other piece and stand
    apart: a printed letter of the neighbouring word (the ``t`` of ``tháng``), not a digit."""
    if len(kept) < 2:
        return []
    order = sorted(kept, key=lambda i: stats[i][0])
    out = []
    for end, nxt in ((order[0], order[1:]), (order[-1], order[:-1])):
        x, w, h = stats[end][0], stats[end][2], stats[end][3]
        tallest = max(int(stats[i][3]) for i in nxt)
        apart = all(x + w <= stats[i][0] or stats[i][0] + stats[i][2] <= x for i in nxt)
        if h < 0.6 * tallest and apart and end not in out:
            out.append(end)
    return out if len(out) < len(kept) else []


def _uncoloured_ends(lab: np.ndarray, colour: np.ndarray, stats: np.ndarray,
                     kept: list[int]) -> list[int]:
    """End pieces in black print beside digits written with a coloured pen: the slot is filled
    with one pen, so a neutral piece at either end is the neighbouring printed letter (the ``n``
    of ``năm`` glued to a pink month)."""
    share = {i: float(colour[lab == i].mean()) for i in kept}
    pen = [share[i] for i in kept if share[i] >= PEN_TINT]
    if not pen:
        return []
    grey = 0.5 * float(np.median(pen))
    order = sorted(kept, key=lambda i: stats[i][0])
    out = []
    while order and share[order[0]] < grey:
        out.append(order.pop(0))
    while order and share[order[-1]] < grey:
        out.append(order.pop())
    return out if order else []


def _spread(crop: np.ndarray) -> np.ndarray:
    """How far each pixel's colour is from gray, beyond the paper's own tint."""
    c = cv2.GaussianBlur(crop, (3, 3), 0).astype(np.int16)
    sat = (c.max(axis=2) - c.min(axis=2)).astype(np.float32)
    return sat - float(np.median(sat))


def _coloured(crop: np.ndarray) -> np.ndarray:
    """Ink of a colour (pink, violet, blue pen) however faint: pixels whose channels differ much
    more than the paper's do. Otsu on the darkest channel splits paper from black print and
    loses a faint pen's strokes; their hue still sets them apart."""
    c = cv2.GaussianBlur(crop, (3, 3), 0).astype(np.int16)
    sat = (c.max(axis=2) - c.min(axis=2)).astype(np.float32)
    paper = float(np.median(sat))
    return ((sat > paper + 35) * 255).astype(np.uint8)


def _hysteresis(gray: np.ndarray, ink: np.ndarray, cut: float) -> np.ndarray:
    """The Otsu ink of a grey or washed-out pen with its broken strokes bridged: such a pen's
    strokes fade where they turn, so a cut at Otsu's level alone breaks them (an ``0`` left
    open reads ``6``, ``01`` reads ``0``). Fainter pixels connected to sure ink (hysteresis) are
    found, and only their centre line is added, so the gaps close without the blurred halo
    thickening strokes or filling loops (a ``0`` read as ``8``). Paper grain and show-through
    not touching the ink stay out. A dark pen is left as Otsu cut it."""
    paper = float(np.percentile(gray, 90))
    if not ink.any() or float(np.median(gray[ink > 0])) < FAINT * paper:
        return ink
    low = paper - LOW_SHARE * (paper - cut)
    if low <= cut:
        return ink
    weak = (gray < low).astype(np.uint8)
    n, lab = cv2.connectedComponents(weak, connectivity=8)
    keep = np.zeros(n, bool)
    keep[np.unique(lab[ink > 0])] = True
    keep[0] = False
    centre = cv2.dilate(thin(keep[lab].astype(np.uint8)), np.ones((2, 2), np.uint8))
    return np.where(centre > 0, 255, 0).astype(np.uint8) | ink


def _ink(crop: np.ndarray, line_height: float, inner: tuple[float, float] | None = None,
         slash: bool = False, line_top: float | None = None) -> np.ndarray | None:
    """Ink mask (255) of the hand-written digits alone, cut to the ink; ``None`` when empty.

    ``inner`` is the slot's x range inside ``crop`` (the crop is wider, so hand writing that
    overflows the slot is not cut): a piece of ink is kept when most of it lies in that range;
    without it, pieces touching the crop's sides are taken for the neighbouring print. With
    ``slash``, a printed ``/`` ending the ink (the ``Số: … /KÝ-HIỆU`` frame) is dropped. With
    ``line_top`` (the printed line's top in ``crop``), a piece ending above the line's upper part
    is print of the line above, not a digit written on this one.
    """
    gray = crop.min(axis=2) if crop.ndim == 3 else crop  # blue/violet ink stays dark
    gray = cv2.GaussianBlur(gray, (3, 3), 0)
    if float(gray.max()) - float(gray.min()) < 40:
        return None
    cut, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    ink = _hysteresis(gray, ink, cut)
    colour = np.zeros(ink.shape, np.float32)
    if crop.ndim == 3:
        ink = cv2.bitwise_or(ink, _coloured(crop))
        colour = _spread(crop)
    tall = int(0.9 * ink.shape[0])
    if tall > 2 * line_height:  # a scanner streak or a ruled line crossing the whole crop
        ink = cv2.subtract(ink, cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((tall, 1), np.uint8)))
    n, lab, stats, _ = cv2.connectedComponentsWithStats(ink, 8)
    keep = np.zeros_like(ink)
    width = ink.shape[1]
    kept: list[int] = []
    for i in range(1, n):
        x, y, w, h, area = stats[i]
        clip = False
        if inner is not None:
            share = (min(x + w, inner[1]) - max(x, inner[0])) / w
            if share < 0.25:
                continue  # mostly outside the slot: the neighbouring print
            clip = share < 0.5  # a digit run into the print ("7" whose bar touches "tháng")
        elif (x == 0 or x + w >= width) and w < 0.5 * width:
            continue  # a piece of the printed letter next to the slot
        if line_top is not None and y + h < line_top + 0.15 * line_height:
            continue  # print of the line above, cut by the crop's top margin
        if h < 0.35 * line_height or area < 0.02 * line_height ** 2:
            continue  # placeholder dots, a colon, specks
        if w > 3 * line_height and h < 0.3 * line_height * 2:
            continue  # an underline
        if clip and inner is not None:
            m = 0.25 * line_height
            a, b = max(0, int(inner[0] - m)), int(inner[1] + m)
            lab[:, :a][lab[:, :a] == i] = 0
            lab[:, b:][lab[:, b:] == i] = 0
            x0_, x1_ = max(x, a), min(x + w, b)
            stats[i][0], stats[i][2] = x0_, max(1, x1_ - x0_)
        keep[lab == i] = 255
        kept.append(i)
    if slash and len(kept) > 1:
        last = max(kept, key=lambda i: stats[i][0] + stats[i][2])
        if _is_slash(lab == last, [int(stats[i][3]) for i in kept if i != last]):
            keep[lab == last] = 0
            kept.remove(last)
    for i in _uncoloured_ends(lab, colour, stats, kept):
        keep[lab == i] = 0
        kept.remove(i)
    for i in _small_ends(stats, kept):
        keep[lab == i] = 0
    ys, xs = np.nonzero(keep)
    if len(xs) == 0:
        return None
    return keep[ys.min():ys.max() + 1, xs.min():xs.max() + 1]


def slot_ink(image: np.ndarray, box: tuple[int, int, int, int], line_height: float,
             slash: bool = False) -> np.ndarray | None:
    """The hand-written ink of a slot box (from :func:`slot_box`), cut to the ink, or ``None``;
    ``slash``: the slot is followed by a printed ``/`` (the number slot)."""
    h, w = image.shape[:2]
    a, b = box[0] + PAD[0] * line_height, box[2] - PAD[1] * line_height
    x0, x1 = max(0, int(a - OVERFLOW * line_height)), min(w, int(b + OVERFLOW * line_height))
    y0, y1 = max(0, box[1]), min(h, box[3])
    if x1 - x0 < 4 or y1 - y0 < 4 or b - a < 2:
        return None
    top = box[1] + 0.6 * line_height - y0  # slot_box's margin above the line: >= 0.6 lh
    return _ink(image[y0:y1, x0:x1], line_height, (a - x0, b - x0), slash, top)


def _for_tesseract(keep: np.ndarray) -> np.ndarray:
    """The ink mask as black digits on white, 56 px high, with a margin."""
    scale = 56.0 / keep.shape[0]
    keep = cv2.resize(keep, (max(1, int(keep.shape[1] * scale)), 56),
                      interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC)
    out = 255 - keep
    return cv2.copyMakeBorder(out, 20, 20, 24, 24, cv2.BORDER_CONSTANT, value=255)


def tesseract_digits(img: np.ndarray) -> tuple[str, float]:
    """Read a clean digit crop with Tesseract ``eng`` (digits only); text and confidence 0..1."""
    from ocr.tesseract import run_tsv

    best = ("", 0.0)
    for psm in (7, 8):
        tsv = run_tsv(img, lang="eng", dpi=300, psm=psm,
                      config={"tessedit_char_whitelist": "0123456789"})
        toks, confs = [], []
        for row in tsv.splitlines()[1:]:
            cols = row.split("\t")
            if len(cols) >= 12 and cols[11].strip() and float(cols[10]) >= 0:
                toks.append(cols[11].strip())
                confs.append(float(cols[10]) / 100)
        text = re.sub(r"\D", "", "".join(toks))
        if text and (min(confs) > best[1]):
            best = (text, min(confs))
    return best


def _without_first(mask: np.ndarray) -> np.ndarray | None:
    """The ink without its leftmost piece (cut to the rest), ``None`` when it is the only one."""
    n, lab, stats, _ = cv2.connectedComponentsWithStats((mask > 0).astype(np.uint8), 8)
    if n < 3:
        return None
    first = 1 + int(np.argmin(stats[1:, 0]))
    rest = np.where(lab == first, 0, mask).astype(mask.dtype)
    xs = np.nonzero(rest.any(axis=0))[0]
    ys = np.nonzero(rest.any(axis=1))[0]
    return rest[ys[0]:ys[-1] + 1, xs[0]:xs[-1] + 1]


def read_digits(image: np.ndarray, box: tuple[int, int, int, int], line_height: float, *,
                most: int, reader: DigitReader | None = None,
                skip_first: bool = False) -> tuple[str, float] | None:
    """Read up to ``most`` hand-written digits in ``box`` of the page.

    ``skip_first`` reads the ink without its leftmost piece (a printed letter glued to the slot:
    the ``y`` of ``ngày2¿tháng``), for a second try when the first reading is impossible.

    Returns:
        ``(digits, confidence)`` with the confidence capped at :data:`HAND_CAP`, or ``None`` when
        the slot holds no ink or no digits could be read.
    """
    mask = slot_ink(image, box, line_height, slash=most > 2)
    if mask is not None and skip_first:
        mask = _without_first(mask)
    if mask is None:
        return None
    if reader is not None:
        text, conf = reader(_for_tesseract(mask))
    else:
        text, conf = combined_digits(mask, most)
    if not text or len(text) > most:
        return None
    return text, round(min(HAND_CAP, 0.3 + 0.5 * conf), 2)


def combined_digits(mask: np.ndarray, most: int) -> tuple[str, float]:
    """The digit network (it splits the number) and Tesseract on one ink mask; the network's
    reading is kept, Tesseract's agreement raises its confidence."""
    from digitize.metadata.digitseg import read_number

    net, nconf = read_number(mask, most)
    try:
        tess, tconf = tesseract_digits(_for_tesseract(mask))
    except (TesseractMissing, OcrFailed, OcrTimeout):  # no engine, or it failed: the model alone
        tess, tconf = "", 0.0
    if net and net == tess:
        return net, max(nconf, tconf)
    if net:
        return net, 0.7 * nconf
    return (tess, 0.5 * tconf) if len(tess) <= most else ("", 0.0)
