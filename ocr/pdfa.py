"""Structural PDF/A-2b checks of a produced file (not a full validator such as veraPDF)."""

from __future__ import annotations

import io
import re
from typing import Any

from pypdf import PdfReader
from pypdf.errors import PdfReadError
from pypdf.generic import DictionaryObject, IndirectObject

__all__ = ["check_pdfa"]

_PART = re.compile(rb"pdfaid:part(?:>\s*|=\")2")
_STREAMS = re.compile(rb"stream\r?\n.*?endstream", re.DOTALL)
_CONF = re.compile(rb"pdfaid:conformance(?:>\s*|=\")[BbUu]")


def _resolve(obj: Any) -> Any:
    return obj.get_object() if isinstance(obj, IndirectObject) else obj


def _fonts(reader: PdfReader) -> list[tuple[str, DictionaryObject]]:
    out = []
    for n, page in enumerate(reader.pages, 1):
        res = _resolve(page.get("/Resources")) or {}
        for name, ref in (_resolve(res.get("/Font")) or {}).items():
            font = _resolve(ref)
            out.append((f"page {n} font {name}", font))
            for d in _resolve(font.get("/DescendantFonts")) or []:
                out.append((f"page {n} font {name} (descendant)", _resolve(d)))
    return out


def _check_fonts(reader: PdfReader) -> list[str]:
    problems = []
    for label, font in _fonts(reader):
        subtype = font.get("/Subtype")
        if subtype == "/Type0":
            if "/ToUnicode" not in font:
                problems.append(f"{label}: no ToUnicode map (text cannot be copied)")
            continue
        desc = _resolve(font.get("/FontDescriptor"))
        if subtype == "/Type3":
            continue
        if desc is None or not any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            problems.append(f"{label}: font program not embedded")
    return problems


def _check_catalog(reader: PdfReader) -> list[str]:
    problems = []
    root = reader.trailer["/Root"].get_object()
    meta = _resolve(root.get("/Metadata"))
    if meta is None:
        problems.append("no XMP metadata stream in the catalog")
    else:
        xmp = meta.get_data()
        if not _PART.search(xmp) or not _CONF.search(xmp):
            problems.append("XMP does not declare pdfaid:part 2 with conformance B")
    intents = _resolve(root.get("/OutputIntents")) or []
    ok = False
    for it in intents:
        it = _resolve(it)
        if it.get("/S") == "/GTS_PDFA1" and _resolve(it.get("/DestOutputProfile")) is not None:
            ok = True
    if not ok:
        problems.append("no GTS_PDFA1 OutputIntent with an ICC profile")
    names = _resolve(root.get("/Names")) or {}
    if "/JavaScript" in names or "/AA" in root:
        problems.append("document-level JavaScript or actions present")
    action = _resolve(root.get("/OpenAction"))
    if isinstance(action, DictionaryObject) and action.get("/S") in ("/JavaScript", "/Launch"):
        problems.append("OpenAction runs JavaScript or launches a program")
    if "/EmbeddedFiles" in names:
        problems.append("embedded files present")
    return problems


def check_pdfa(pdf: bytes) -> list[str]:
    """Check the PDF/A-2b structure of ``pdf``: header, XMP identification, output intent,
    embedded fonts, no encryption, no JavaScript, a file ID.

    Args:
        pdf: The file's bytes.

    Returns:
        Human-readable problems; empty when every check passed.
    """
    problems = []
    if not re.match(rb"%PDF-1\.[4-7]\r?\n%[\x80-\xff]{4}", pdf[:20]):
        problems.append("header is not %PDF-1.4..1.7 followed by a binary comment line")
    skeleton = _STREAMS.sub(b"stream endstream", pdf)  # objects only, not image bytes
    if re.search(rb"/(JavaScript|JS)\b", skeleton):
        problems.append("JavaScript found")
    if re.search(rb"/Launch\b", skeleton):
        problems.append("Launch action found")
    try:
        reader = PdfReader(io.BytesIO(pdf), strict=False)
        if reader.is_encrypted:
            return [*problems, "the file is encrypted"]
        trailer = reader.trailer
        ids = trailer.get("/ID")
        if not ids or len(ids) != 2:
            problems.append("no file identifier (/ID) in the trailer")
        problems += _check_catalog(reader)
        problems += _check_fonts(reader)
        if len(reader.pages) == 0:
            problems.append("no pages")
    except (PdfReadError, KeyError, ValueError, TypeError, AttributeError) as e:
        problems.append(f"cannot parse the file: {e}")
    return problems
