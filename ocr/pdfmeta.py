"""PDF/A-2b identification: XMP packet, matching Info dictionary, sRGB ICC output profile."""

from __future__ import annotations

import hashlib
from datetime import datetime
from functools import lru_cache
from xml.sax.saxutils import escape

from PIL import ImageCms

__all__ = ["info_dict", "pdf_date", "srgb_icc", "xmp_packet"]

PRODUCER = "digitize ocr (Tesseract)"


def _utc_offset(when: datetime) -> tuple[str, int, int]:
    """The sign, hours and minutes of ``when``'s UTC offset (naive times count as UTC)."""
    off = when.utcoffset()
    minutes = int(off.total_seconds() // 60) if off is not None else 0
    sign = "+" if minutes >= 0 else "-"
    hh, mm = divmod(abs(minutes), 60)
    return sign, hh, mm


def pdf_date(when: datetime) -> str:
    """``D:YYYYMMDDHHmmSS+HH'mm'`` for the Info dictionary."""
    sign, hh, mm = _utc_offset(when)
    return when.strftime("D:%Y%m%d%H%M%S") + f"{sign}{hh:02d}'{mm:02d}'"


def _xmp_date(when: datetime) -> str:
    sign, hh, mm = _utc_offset(when)
    return when.strftime("%Y-%m-%dT%H:%M:%S") + f"{sign}{hh:02d}:{mm:02d}"


def info_dict(*, title: str, author: str, subject: str, keywords: str,
              when: datetime) -> dict[str, object]:
    """The document Info dictionary (same values as the XMP, as PDF/A requires)."""
    info: dict[str, object] = {"Title": title}
    if author:
        info["Author"] = author
    if subject:
        info["Subject"] = subject
    if keywords:
        info["Keywords"] = keywords
    info.update({"Creator": PRODUCER, "Producer": PRODUCER,
                 "CreationDate": pdf_date(when).encode("ascii").join((b"(", b")")),
                 "ModDate": pdf_date(when).encode("ascii").join((b"(", b")"))})
    return info


def xmp_packet(*, title: str, author: str, subject: str, keywords: str, lang: str,
               when: datetime, doc_id: str) -> bytes:
    """An XMP packet declaring PDF/A-2b (``pdfaid:part=2``, ``conformance=B``)."""
    e = escape
    date = _xmp_date(when)
    creator = (f"<dc:creator><rdf:Seq><rdf:li>{e(author)}</rdf:li></rdf:Seq></dc:creator>"
               if author else "")
    desc = (f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{e(subject)}</rdf:li>'
            "</rdf:Alt></dc:description>" if subject else "")
    kw = f"<pdf:Keywords>{e(keywords)}</pdf:Keywords>" if keywords else ""
    xml = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">
<pdfaid:part>2</pdfaid:part>
<pdfaid:conformance>B</pdfaid:conformance>
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{e(title)}</rdf:li></rdf:Alt></dc:title>
{creator}{desc}
<dc:language><rdf:Bag><rdf:li>{e(lang)}</rdf:li></rdf:Bag></dc:language>
{kw}<pdf:Producer>{PRODUCER}</pdf:Producer>
<xmp:CreatorTool>{PRODUCER}</xmp:CreatorTool>
<xmp:CreateDate>{date}</xmp:CreateDate>
<xmp:ModifyDate>{date}</xmp:ModifyDate>
<xmp:MetadataDate>{date}</xmp:MetadataDate>
<xmpMM:DocumentID>uuid:{doc_id}</xmpMM:DocumentID>
<xmpMM:InstanceID>uuid:{doc_id}</xmpMM:InstanceID>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
{" " * 64 * 20}
<?xpacket end="w"?>"""
    return xml.encode("utf-8")


@lru_cache(maxsize=1)
def srgb_icc() -> bytes:
    """An sRGB ICC profile made by LittleCMS, marked version 4.2 (PDF/A-2's ICC.1:2004-10).

    The profile ID (MD5 over the profile with flags, intent and ID zeroed) is recomputed.
    """
    data = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    data[8:12] = bytes([4, 0x20, 0, 0])
    data[84:100] = bytes(16)
    tmp = bytearray(data)
    tmp[44:48] = bytes(4)
    tmp[64:68] = bytes(4)
    data[84:100] = hashlib.md5(tmp, usedforsecurity=False).digest()
    return bytes(data)
