"""Keeping the search index in few segments: FTS5 merges in bounded, separate transactions.

FTS5 stores its index as b-tree *segments*; every query reads each query word's list of pages
in every segment. A bulk ``reindex`` of a million pages leaves about ten large segments, and
each call that indexed a single page added a small one; the bench's million-page catalog had
61 segments that way, and merged into one its query time halved (plain p95 52 -> 26 ms). So:

- ``reindex`` ends with a full merge (:func:`compact` with ``full=True``: one segment);
- after each stored dossier, :func:`compact` runs a few steps of FTS5's ``merge`` command
  (:data:`AFTER_WRITE_STEPS` of :data:`STEP_PAGES` leaf pages, each step its own write
  transaction), which finishes merges FTS5 has started and merges any level holding four
  segments (``usermerge``). The pipeline's writer waits at most a step (about half a second
  at a million pages); a power cut loses at most one step, and the next call resumes the merge.

Segments are levelled by how often they were merged, not by size, so ``usermerge`` is left at
FTS5's 4: at 2, a segment of a few hundred pages climbed to the level of the million-page one
within a hundred dossiers and the two were merged (the whole index rewritten to add 300
pages; incremental indexing fell to 8 pages/s).

Re-indexed or deleted pages leave *tombstones* (deleted-row marks) in the segment that held
them until it is next merged. FTS5 checks every row a query reads against them, in a hash
table with linear probing; a dossier's pages have consecutive ids, which fill neighbouring
slots, so 2,000 tombstones for consecutive pages in the million-page segment doubled query
time on the bench (20 did not matter). A segment of :data:`LARGE_SEGMENT` pages or more that
holds :data:`TOMBSTONE_LIMIT` of them starts a full merge, spread over the following calls.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlcipher3

from archive.catalog import Catalog, CatalogError

__all__ = ["AFTER_WRITE_STEPS", "LARGE_SEGMENT", "STEP_PAGES", "TOMBSTONE_LIMIT", "IndexShape",
           "compact", "index_shape", "segment_count"]

#: Leaf pages (4 KiB) written per merge step: about half a second at a million pages.
STEP_PAGES = 1000
#: Steps run after each stored dossier: small merges finish at once, a large one (every few
#: hundred dossiers one level's segments reach the next) is spread over the next dossiers.
AFTER_WRITE_STEPS = 4
#: A segment holding this many deleted-row marks is merged away (a full merge in steps).
TOMBSTONE_LIMIT = 500
#: ... in a segment of at least this many rows (pages).
LARGE_SEGMENT = 50_000
_V2_HEADER = b"\xff\x00\x00\x01"


def _varint(buf: bytes, i: int) -> tuple[int, int]:
    """An SQLite varint at ``buf[i]``: (value, next offset)."""
    value = 0
    for k in range(9):
        byte = buf[i]
        i += 1
        if k == 8:
            return (value << 8) | byte, i
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, i
    return value, i


@dataclass(frozen=True)
class IndexShape:
    """What FTS5's structure record says about the index's segments.

    Attributes:
        segments: Segments in the index.
        merging: A merge has been started and not finished.
        tombstones: Per segment holding deleted-row marks: (its rows, its marks).
    """

    segments: int
    merging: bool
    tombstones: tuple[tuple[int, int], ...] = ()


def index_shape(conn: Any) -> IndexShape:
    """Read FTS5's structure record (``search_fts_data`` row 10).

    Layout (``fts5_index.c``): a 4-byte cookie, the version-2 marker ``ff 00 00 01`` when
    segments carry tombstones, varints for the number of levels, of segments and the write
    counter; then per level its ``nMerge`` and segment count, and per segment its id, first
    and last leaf page, and (version 2) two origin counters, tombstone pages, tombstone
    entries and entries.

    Args:
        conn: The catalog's connection.

    Returns:
        The shape (all zero for an empty index).
    """
    row = conn.execute("SELECT block FROM search_fts_data WHERE id = 10").fetchone()
    if not row or not row[0]:
        return IndexShape(0, False)
    buf = bytes(row[0])
    v2 = buf[4:8] == _V2_HEADER
    i = 8 if v2 else 4
    levels, i = _varint(buf, i)
    segments, i = _varint(buf, i)
    _writes, i = _varint(buf, i)
    merging, tombstones = False, []
    for _ in range(levels):
        n_merge, i = _varint(buf, i)
        n_seg, i = _varint(buf, i)
        merging = merging or n_merge > 0
        for _ in range(n_seg):
            for _ in range(3):  # id, first page, last page
                _, i = _varint(buf, i)
            if v2:
                fields = []
                for _ in range(5):
                    value, i = _varint(buf, i)
                    fields.append(value)
                if fields[3]:
                    tombstones.append((fields[4], fields[3]))
    return IndexShape(segments, merging, tuple(tombstones))


def segment_count(conn: Any) -> int:
    """The number of segments of the ``search_fts`` index (0 when it is empty).

    Args:
        conn: The catalog's connection.

    Returns:
        Segments in the index.
    """
    return index_shape(conn).segments


def compact(catalog: Catalog, *, full: bool = False, max_steps: int | None = None,
            step_pages: int = STEP_PAGES, tombstone_limit: int = TOMBSTONE_LIMIT,
            large_segment: int = LARGE_SEGMENT,
            cancelled: Callable[[], bool] | None = None) -> bool:
    """Merge index segments in steps, each its own transaction.

    With ``full`` and no ``max_steps`` or ``cancelled``, FTS5's ``optimize`` does it in one
    transaction instead: twice as fast as steps (80 s against 160 s at a million pages), and
    a crash rolls it back to the unmerged, still valid index.

    Args:
        catalog: The open catalog (must not be inside a transaction: each step commits).
        full: Merge everything into one segment (after a bulk ``reindex``); otherwise merge
            only what FTS5's ``usermerge`` rule allows (a level with four segments, or a merge
            already started: cheap, after each stored dossier).
        max_steps: Stop after this many steps (None: until nothing is left to merge). An
            unfinished merge is resumed by the next call.
        step_pages: Leaf pages written per step.
        tombstone_limit: Without ``full``, a segment of ``large_segment`` rows or more
            holding this many deleted-row marks starts a full merge (when no merge is under
            way), which the next calls continue. Small segments are left to the usual merges:
            few rows are read from them, so their marks cost little.
        large_segment: See ``tombstone_limit``.
        cancelled: Checked before each step; True stops (the merge so far is kept).

    Returns:
        True when nothing is left to merge, False when stopped by ``max_steps`` or
        ``cancelled``.

    Raises:
        CatalogError: A database error (a full disk included); the index stays consistent.
    """
    conn = catalog.conn
    steps = 0
    first = True
    try:
        if not full:
            shape = index_shape(conn)
            full = not shape.merging and any(
                marks >= tombstone_limit and rows >= large_segment
                for rows, marks in shape.tombstones)
        if full and max_steps is None and cancelled is None:
            with catalog.atomic():
                conn.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
            return True
        while max_steps is None or steps < max_steps:
            if cancelled is not None and cancelled():
                return False
            with catalog.atomic():
                before = conn.total_changes
                # a negative amount first puts every segment on one level (full merge); later
                # steps must be positive, or a segment added meanwhile would restart the merge
                amount = -step_pages if full and first else step_pages
                conn.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('merge', ?)",
                             (amount,))
                changed = conn.total_changes - before
            first = False
            steps += 1
            if changed < 2:  # FTS5's own test for "no merge work left"
                return True
        return False
    except sqlcipher3.Error as e:
        raise CatalogError(str(e)) from e
