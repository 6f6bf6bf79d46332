"""PyInstaller runtime hook: use the Tesseract and `vie` data shipped inside the bundle."""

import os
import sys
from pathlib import Path

_base = Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
_tess = _base / "tesseract"
if _tess.is_dir():
    exe = _tess / ("tesseract.exe" if os.name == "nt" else "tesseract")
    os.environ["DIGITIZE_TESSERACT"] = str(exe)
    os.environ["TESSDATA_PREFIX"] = str(_tess / "tessdata")
