"""OCR of loose pages outside a dossier (``digitize ocr`` / ``extract``): clean, then OCR."""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from digitize.capture.page import CapturedPage
from digitize.clean import clean_page
from digitize.progress import ProgressEvent, ProgressFn, no_progress
from ocr.engine import recognize
from ocr.model import OcrPage

__all__ = ["ocr_pages"]


def _one(page: CapturedPage, clean: bool, lang: str) -> tuple[CapturedPage, np.ndarray, OcrPage]:
    if clean:
        result = clean_page(page.image, dpi=page.dpi)
        # the letters' size stands in for a resolution the file did not give (a page-size
        # guess); a resolution the file recorded is trusted
        xh = result.x_height if page.dpi_estimated else None
        return page, result.archive, recognize(result.ocr, lang=lang, dpi=page.dpi,
                                               tables=result.tables, x_height=xh)
    return page, page.image, recognize(page.image, lang=lang, dpi=page.dpi)


def ocr_pages(pages: Sequence[CapturedPage], *, clean: bool = True, lang: str = "vie",
              jobs: int | None = None, progress: ProgressFn = no_progress
              ) -> list[tuple[CapturedPage, np.ndarray, OcrPage]]:
    """Clean (optionally) and OCR pages in parallel; results in page order."""
    out = []
    with ThreadPoolExecutor(max_workers=jobs or os.cpu_count() or 1) as pool:
        for i, r in enumerate(pool.map(lambda p: _one(p, clean, lang), pages), 1):
            out.append(r)
            progress(ProgressEvent("ocr", i, len(pages)))
    return out
