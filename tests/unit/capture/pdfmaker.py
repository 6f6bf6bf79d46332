"""One-page PDFs holding one image XObject, written byte by byte (the stream as given)."""

from __future__ import annotations

from pathlib import Path


def image_pdf(path: Path, size: tuple[int, int], image_dict: str, stream: bytes, *,
              dpi: int = 150, more: tuple[bytes, ...] = ()) -> Path:
    """Write a PDF whose page shows one image of ``size`` pixels at ``dpi``.

    ``image_dict``: the image dictionary's entries besides type, size and length (colour space,
    bits, filter...); ``stream``: its encoded samples, written unchanged; ``more``: objects
    6, 7... (an ICC profile stream, a mask) the image dictionary may refer to.
    """
    w, h = size
    wpt, hpt = w * 72 / dpi, h * 72 / dpi
    content = f"q {wpt:.3f} 0 0 {hpt:.3f} 0 0 cm /Im0 Do Q".encode()
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {wpt:.3f} {hpt:.3f}] "
            f"/Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>".encode(),
            f"<< /Type /XObject /Subtype /Image /Width {w} /Height {h} {image_dict} "
            f"/Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream",
            f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream",
            *more]
    out, offsets = b"%PDF-1.4\n", []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(out)
    return path
