"""UI language: Vietnamese source texts, English through Qt's translation system (.ts/.qm)."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QStandardPaths, QTranslator

__all__ = ["CONTEXT", "LANGS", "N_", "install", "lang", "tr"]

CONTEXT = "digitize"
LANGS = ("vi", "en")
TS_DIR = Path(__file__).with_name("translations")
_state = {"lang": "vi"}
_installed: list[QTranslator] = []


def tr(text: str) -> str:
    """Translate a Vietnamese UI text into the current language (``_`` in the views)."""
    return QCoreApplication.translate(CONTEXT, text)


def N_(text: str) -> str:  # noqa: N802 - gettext's name
    """Mark a text for translation where it is defined; ``tr`` translates it where shown."""
    return text


def lang() -> str:
    """The current UI language code (``vi`` or ``en``), also used for error messages."""
    return _state["lang"]


class DictTranslator(QTranslator):
    """A translator read straight from a ``.ts`` file, when ``pyside6-lrelease`` is missing."""

    def __init__(self, ts: Path) -> None:
        super().__init__()
        self.table: dict[tuple[str, str], str] = {}
        for ctx in ET.parse(ts).getroot().iter("context"):
            name = ctx.findtext("name") or ""
            for msg in ctx.iter("message"):
                t = msg.find("translation")
                if t is not None and t.text and t.get("type") not in ("unfinished", "obsolete"):
                    self.table[(name, msg.findtext("source") or "")] = t.text

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        """Qt's lookup hook; None (a null string) lets Qt ask the next translator."""
        return self.table.get((context, source))

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        """Qt asks this before using the translator."""
        return not self.table


def _compiled(ts: Path, cache: Path | None = None) -> Path | None:
    """``ts`` compiled to ``.qm`` in the user cache, if ``pyside6-lrelease`` is available.

    The file is named after the hash of the ``.ts`` content and written under a temporary
    name then renamed, never rewritten in place: Qt maps a loaded ``.qm`` into memory, and a
    file truncated under a running program (another window, another test worker, another
    checkout sharing the cache) kills it with SIGBUS.
    """
    if cache is None:
        cache = Path(QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.CacheLocation) or ts.parent) / "translations"
    cache.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(ts.read_bytes()).hexdigest()[:16]
    qm = cache / f"{ts.stem}-{digest}.qm"
    if qm.exists():
        return qm
    tool = shutil.which("pyside6-lrelease") or str(Path(sys.executable).with_name(
        "pyside6-lrelease"))
    if not Path(tool).exists():
        return None
    fd, tmp_name = tempfile.mkstemp(dir=cache, prefix=f".{ts.stem}-", suffix=".qm")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        subprocess.run([tool, "-silent", str(ts), "-qm", str(tmp)], check=True, timeout=60,
                       capture_output=True)
        if tmp.stat().st_size == 0:
            return None
        os.replace(tmp, qm)
    except (OSError, subprocess.SubprocessError):
        return None
    finally:
        tmp.unlink(missing_ok=True)
    return qm if qm.exists() else None


def _load_ts(ts: Path) -> QTranslator:
    """A translator for ``ts``: compiled with ``pyside6-lrelease``, else read directly."""
    qm = _compiled(ts)
    ours: QTranslator = QTranslator()
    if not (qm and ours.load(str(qm))):
        ours = DictTranslator(ts)
    return ours


def install(code: str) -> str:
    """Switch the application to ``vi`` or ``en``; returns the language installed."""
    app = QCoreApplication.instance()
    code = code if code in LANGS else "vi"
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    _state["lang"] = code
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese if code == "vi"
                               else QLocale.Language.English))
    qt = QTranslator()
    if qt.load(f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        _installed.append(qt)
    elif (TS_DIR / f"qtbase_{code}.ts").exists():  # Qt ships no qtbase_vi: our own, small
        _installed.append(_load_ts(TS_DIR / f"qtbase_{code}.ts"))
    if code == "en":
        _installed.append(_load_ts(TS_DIR / "digitize_en.ts"))
    for t in _installed:
        app.installTranslator(t)
    return code
