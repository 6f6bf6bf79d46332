"""Hybrid signatures, HPKE key wrapping and the segmented stream, at the hazmat level."""

from __future__ import annotations

import pytest
from cryptography.exceptions import InvalidTag

from archive._hazmat import kem, sign, stream


def test_hybrid_signature_needs_both_halves() -> None:
    s = sign.HybridSigner.generate()
    v = s.public()
    sig = s.sign(b"message", b"ctx")
    assert len(sig) == sign.SIG_LEN and v.verify(sig, b"message", b"ctx")
    assert not v.verify(sig, b"message", b"other-ctx")
    assert not v.verify(sig, b"messagE", b"ctx")
    other = sign.HybridSigner.generate().sign(b"message", b"ctx")
    # a valid Ed25519 half with a foreign ML-DSA half fails, and the other way round
    assert not v.verify(sig[:64] + other[64:], b"message", b"ctx")
    assert not v.verify(other[:64] + sig[64:], b"message", b"ctx")
    assert not v.verify(sig[:-1], b"message", b"ctx")


def test_signer_round_trips_through_seed_and_public_bytes() -> None:
    s = sign.HybridSigner.generate()
    s2 = sign.HybridSigner.from_seed(s.seed())
    v = sign.HybridVerifier.from_bytes(s.public().to_bytes())
    assert v == s2.public() and v.verify(s2.sign(b"m", b"c"), b"m", b"c")
    with pytest.raises(ValueError):
        sign.HybridVerifier.from_bytes(b"short")
    with pytest.raises(ValueError):
        s.sign(b"m", b"bad\x00ctx")


def test_kem_wrap_unwrap_and_wrong_key() -> None:
    k = kem.KemPrivateKey.generate()
    pub = kem.KemPublicKey.from_bytes(k.public().to_bytes())
    w = pub.wrap(b"k" * 32, b"info")
    assert len(w) == kem.ENC_LEN + 32 + 16
    assert kem.KemPrivateKey.from_seed(k.seed()).unwrap(w, b"info") == b"k" * 32
    with pytest.raises(InvalidTag):
        kem.KemPrivateKey.generate().unwrap(w, b"info")
    with pytest.raises(InvalidTag):
        k.unwrap(w, b"other info")


def test_segment_nonce_binds_index_and_last_flag() -> None:
    c = stream.SegmentCipher(b"\x01" * 32, b"\x02" * 7, b"aad")
    ct = c.seal(3, b"hello", last=False)
    assert c.open(3, ct, last=False) == b"hello"
    for idx, last in [(2, False), (3, True), (4, False)]:
        with pytest.raises(stream.SegmentError):
            c.open(idx, ct, last=last)
    with pytest.raises(stream.SegmentError):
        stream.SegmentCipher(b"\x01" * 32, b"\x02" * 7, b"other").open(3, ct, last=False)
    assert stream.segment_nonce(b"\x02" * 7, 3, True).hex() == "020202020202020000000301"


@pytest.mark.parametrize(
    ("ct_len", "ok"),
    [(16, False), (17, True), (272, True), (273, False), (289, True), (544, True), (545, False)],
)
def test_segment_layout(ct_len: int, ok: bool) -> None:
    if ok:
        segs = stream.segment_layout(ct_len, 256)
        assert sum(n for _, n in segs) == ct_len and all(n == 272 for _, n in segs[:-1])
    else:
        with pytest.raises(ValueError):
            stream.segment_layout(ct_len, 256)
