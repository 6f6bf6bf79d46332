"""A file of an opened container, copied into a package a segment at a time (#17).

The SIP lists each document PDF by its size and SHA-256 before any byte is read: both come
from the source container's signed manifest. When the package is sealed,
:func:`archive.container.write_container` iterates the file, which decrypts and checks it
segment by segment, so a dossier's PDFs are never all in memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from archive.container import OpenedContainer

__all__ = ["StoredFile"]


@dataclass(frozen=True)
class StoredFile:
    """One file of an open container: ``len()``, ``sha256`` (hex) and its bytes on iteration."""

    container: OpenedContainer
    name: str
    size: int
    sha256: str

    @classmethod
    def of(cls, container: OpenedContainer, name: str) -> StoredFile:
        """The container's file ``name``, as its signed manifest lists it.

        Raises:
            KeyError: no such file.
        """
        entry = next((e for e in container.manifest["files"] if e["name"] == name), None)
        if entry is None:
            raise KeyError(name)
        return cls(container, name, int(entry["size"]), entry["sha256"])

    def __len__(self) -> int:
        return self.size

    def __iter__(self) -> Iterator[bytes]:
        """The bytes a segment at a time, checked against the manifest (container open)."""
        return self.container.iter_file(self.name)
