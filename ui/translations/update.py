"""Collect the GUI's texts (``tr``/``N_`` calls) into the ``.ts`` files, keeping translations.

Run ``python -m ui.translations.update`` after changing texts; new texts in ``digitize_en.ts``
are marked unfinished until someone translates them (a test fails on unfinished entries).
"""

from __future__ import annotations

import ast
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

__all__ = ["collect", "main", "read_ts", "write_ts"]

UI = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
CONTEXT = "digitize"


def collect(root: Path = UI) -> list[str]:
    """Every literal text passed to ``tr()`` or ``N_()`` under ``root``, in first-seen order."""
    seen: dict[str, None] = {}
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("tr", "N_") and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                seen.setdefault(node.args[0].value, None)
    return list(seen)


def read_ts(path: Path) -> dict[str, tuple[str, str]]:
    """``source -> (translation, type)`` of a ``.ts`` file (type "" when finished)."""
    if not path.exists():
        return {}
    out = {}
    for msg in ET.parse(path).getroot().iter("message"):
        t = msg.find("translation")
        out[msg.findtext("source") or ""] = ((t.text or "") if t is not None else "",
                                             (t.get("type") or "") if t is not None else "")
    return out


def write_ts(path: Path, language: str, texts: list[str],
             translations: dict[str, tuple[str, str]]) -> None:
    """Write a Qt Linguist ``.ts`` file."""
    ts = ET.Element("TS", version="2.1", language=language, sourcelanguage="vi_VN")
    ctx = ET.SubElement(ts, "context")
    ET.SubElement(ctx, "name").text = CONTEXT
    for text in texts:
        msg = ET.SubElement(ctx, "message")
        ET.SubElement(msg, "source").text = text
        value, typ = translations.get(text, ("", "unfinished"))
        t = ET.SubElement(msg, "translation")
        t.text = value
        if typ or not value:
            t.set("type", typ or "unfinished")
    ET.indent(ts)
    data = ET.tostring(ts, encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + data + "\n",
                    encoding="utf-8")


def main() -> int:
    """Update ``digitize_vi.ts`` (identity) and ``digitize_en.ts`` (keeps translations)."""
    texts = collect()
    write_ts(HERE / "digitize_vi.ts", "vi_VN", texts, {t: (t, "") for t in texts})
    en = HERE / "digitize_en.ts"
    write_ts(en, "en_GB", texts, read_ts(en))
    missing = [t for t, (v, typ) in read_ts(en).items() if not v or typ]
    print(f"{len(texts)} texts; {len(missing)} without English translation")
    return 0


if __name__ == "__main__":
    sys.exit(main())
