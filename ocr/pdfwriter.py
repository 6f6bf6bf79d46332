"""A minimal PDF object writer: numbered objects, streams, a classic xref table, all in memory."""

from __future__ import annotations

import zlib
from dataclasses import dataclass

__all__ = ["Name", "PdfWriter", "Ref", "pdf_string", "pdf_text", "serialize"]


@dataclass(frozen=True, slots=True)
class Ref:
    """An indirect reference ``n 0 R``."""

    num: int


@dataclass(frozen=True, slots=True)
class Name:
    """A PDF name (``/Type``); characters outside ``!``..``~`` and delimiters are #-escaped."""

    value: str

    def encode(self) -> bytes:
        """The name as PDF bytes."""
        out = []
        for b in self.value.encode("utf-8"):
            if 0x21 <= b <= 0x7E and chr(b) not in "#()<>[]{}/%":
                out.append(chr(b))
            else:
                out.append(f"#{b:02X}")
        return ("/" + "".join(out)).encode("ascii")


def pdf_string(data: bytes) -> bytes:
    """A literal string ``(...)`` with ``\\``, ``(`` and ``)`` escaped."""
    esc = data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    return b"(" + esc.replace(b"\r", b"\\r") + b")"


def pdf_text(text: str) -> bytes:
    """A text string: ASCII as a literal, anything else as UTF-16BE hex with a BOM."""
    if text.isascii():
        return pdf_string(text.encode("ascii"))
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def serialize(obj: object) -> bytes:
    """PDF syntax for a Python value (dict, list, Name, Ref, int, float, bool, bytes)."""
    if isinstance(obj, bool):
        return b"true" if obj else b"false"
    if isinstance(obj, Ref):
        return f"{obj.num} 0 R".encode()
    if isinstance(obj, Name):
        return obj.encode()
    if isinstance(obj, int):
        return str(obj).encode()
    if isinstance(obj, float):
        return f"{obj:.4f}".rstrip("0").rstrip(".").encode()
    if isinstance(obj, bytes):  # already PDF syntax (a string or a raw token)
        return obj
    if isinstance(obj, str):
        return pdf_text(obj)
    if isinstance(obj, (list, tuple)):
        return b"[" + b" ".join(serialize(x) for x in obj) + b"]"
    if isinstance(obj, dict):
        parts = [Name(k).encode() + b" " + serialize(v) for k, v in obj.items()]
        return b"<< " + b" ".join(parts) + b" >>"
    if obj is None:
        return b"null"
    raise TypeError(f"cannot write {type(obj).__name__} to PDF")


class PdfWriter:
    """Collect objects, then :meth:`finish` into one PDF file's bytes."""

    def __init__(self, version: str = "1.7") -> None:
        self._objects: list[bytes | None] = []
        self._version = version

    def reserve(self) -> Ref:
        """A number for an object written later with :meth:`put`."""
        self._objects.append(None)
        return Ref(len(self._objects))

    def put(self, ref: Ref, obj: object) -> Ref:
        """Write ``obj`` as object ``ref``."""
        self._objects[ref.num - 1] = serialize(obj)
        return ref

    def add(self, obj: object) -> Ref:
        """Write ``obj`` as a new object."""
        return self.put(self.reserve(), obj)

    def add_stream(self, data: bytes, extra: dict[str, object] | None = None, *,
                   compress: bool = False, ref: Ref | None = None) -> Ref:
        """Write a stream object (Flate-compressed when ``compress``)."""
        head = dict(extra or {})
        if compress:
            data = zlib.compress(data, 6)
            head["Filter"] = Name("FlateDecode")
        head["Length"] = len(data)
        body = serialize(head) + b"\nstream\n" + data + b"\nendstream"
        ref = ref or self.reserve()
        self._objects[ref.num - 1] = body
        return ref

    def finish(self, root: Ref, info: Ref, file_id: bytes) -> bytes:
        """The complete file: header, objects, xref table, trailer with ``/ID``."""
        out = bytearray(f"%PDF-{self._version}\n".encode() + b"%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for num, body in enumerate(self._objects, 1):
            if body is None:
                raise ValueError(f"object {num} reserved but never written")
            offsets.append(len(out))
            out += f"{num} 0 obj\n".encode() + body + b"\nendobj\n"
        xref = len(out)
        out += f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n".encode()
        for off in offsets:
            out += f"{off:010d} 00000 n \n".encode()
        hex_id = b"<" + file_id.hex().upper().encode() + b">"
        trailer = {"Size": len(offsets) + 1, "Root": root, "Info": info,
                   "ID": [hex_id, hex_id]}
        out += b"trailer\n" + serialize(trailer) + f"\nstartxref\n{xref}\n%%EOF\n".encode()
        return bytes(out)
