"""Randomised tampering: every mutation of a container must end in TamperedError naming it."""

from __future__ import annotations

import io
import random

import pytest

from archive._hazmat import layout
from archive.container import open_container, verify_outer
from archive.errors import TamperedError
from archive.keystore import Keystore
from tests.unit.archive.conftest import make_container

NAME = "c0ffee" * 10 + "c0ff"


def _segments(data: bytes) -> list[tuple[int, int]]:
    return layout.parse(io.BytesIO(data)).segments


def _mutate(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    kind = rng.choice(["flip", "flip", "flip", "truncate", "append", "reorder", "drop", "dup"])
    b = bytearray(data)
    if kind == "flip":
        i = rng.randrange(len(b))
        b[i] ^= 1 << rng.randrange(8)
        return f"flip@{i}", bytes(b)
    if kind == "truncate":
        n = rng.randrange(0, len(b))
        return f"truncate@{n}", bytes(b[:n])
    if kind == "append":
        extra = rng.randbytes(rng.choice([1, 16, 272, 4000]))
        return f"append+{len(extra)}", bytes(b) + extra
    segs = _segments(data)
    start, end = segs[0][0], segs[-1][0] + segs[-1][1]
    parts = [data[o : o + n] for o, n in segs]
    if kind == "reorder":
        i, j = rng.sample(range(len(parts)), 2)
        parts[i], parts[j] = parts[j], parts[i]
    elif kind == "drop":
        del parts[rng.randrange(len(parts) - 1)]  # keeps the (flagged) last segment
    else:
        i = rng.randrange(len(parts) - 1)
        parts.insert(i, parts[i])
    return f"{kind}", data[:start] + b"".join(parts) + data[end:]


def _check(data: bytes, office: Keystore, what: str) -> None:
    with pytest.raises(TamperedError) as ei:
        verify_outer(io.BytesIO(data), office.verifier(), name=NAME)
    assert NAME in str(ei.value), what
    with pytest.raises(TamperedError) as ei:
        open_container(io.BytesIO(data), office, signer_public=office.verifier(), name=NAME)
    assert NAME in str(ei.value) and ei.value.fields.get("container") == NAME, what


def test_1200_random_mutations_are_all_detected(office: Keystore) -> None:
    rng = random.Random(20260325)
    data = make_container(office, segment_size=200)
    assert len(_segments(data)) >= 4
    kinds: dict[str, int] = {}
    for _ in range(1200):
        what, bad = _mutate(data, rng)
        assert bad != data
        _check(bad, office, what)
        k = what.split("@")[0].split("+")[0]
        kinds[k] = kinds.get(k, 0) + 1
    assert set(kinds) == {"flip", "truncate", "append", "reorder", "drop", "dup"}


def test_every_single_byte_of_header_and_footer(office: Keystore) -> None:
    """Exhaustive over the frame parts of a tiny container (header, first segment, footer)."""
    data = make_container(office, [("a", b"x")], segment_size=64)
    p = layout.parse(io.BytesIO(data))
    positions = list(range(0, p.ct_start + 40, 7)) + list(
        range(len(data) - layout.FOOTER_LEN, len(data))
    )
    for i in positions:
        b = bytearray(data)
        b[i] ^= 0x80
        with pytest.raises(TamperedError):
            verify_outer(io.BytesIO(bytes(b)), office.verifier(), name=NAME)


def test_swapping_two_valid_containers_segments(office: Keystore) -> None:
    """Segments of another container under the same key holder do not splice in."""
    a = make_container(office, segment_size=200)
    b = make_container(office, segment_size=200)
    sa, sb = _segments(a), _segments(b)
    o, n = sa[0]
    ob, nb = sb[0]
    spliced = a[:o] + b[ob : ob + nb] + a[o + n :]
    _check(spliced, office, "splice")
