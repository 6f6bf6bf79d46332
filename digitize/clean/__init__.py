"""Image cleaning: straight, cropped, flattened pages for the archive and for OCR.

``clean_page(image, dpi=, profile=)`` returns a :class:`CleanResult` with the archive image
(colour as captured, only geometric fixes and gentle enhancement), the OCR image, a report of
what was detected and the history of what was done.
"""

from __future__ import annotations

from digitize.clean.chain import CleanResult, clean_page, report_json
from digitize.clean.profile import CleanProfile

__all__ = ["CleanProfile", "CleanResult", "clean_page", "report_json"]
