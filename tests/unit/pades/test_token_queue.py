"""A token signs one thing at a time: workers' raw signature requests are queued behind a lock."""

from __future__ import annotations

import asyncio
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from pyhanko.sign.pkcs11 import PKCS11Signer

from archive.pades import _QueuedPkcs11Signer


def test_raw_signatures_never_overlap(monkeypatch: pytest.MonkeyPatch) -> None:
    state = {"active": 0, "most": 0}
    guard = threading.Lock()

    async def token_sign(self: PKCS11Signer, data: bytes, digest_algorithm: str,
                         dry_run: bool = False) -> bytes:
        with guard:
            state["active"] += 1
            state["most"] = max(state["most"], state["active"])
        time.sleep(0.02)  # the token at work
        with guard:
            state["active"] -= 1
        return b"sig:" + data

    monkeypatch.setattr(PKCS11Signer, "async_sign_raw", token_sign)
    signer = _QueuedPkcs11Signer(None, key_label="k", lock=threading.Lock())
    with ThreadPoolExecutor(6) as pool:
        out = list(pool.map(
            lambda n: asyncio.run(signer.async_sign_raw(bytes([n]), "sha256")), range(12)))
    assert out == [b"sig:" + bytes([n]) for n in range(12)]
    assert state["most"] == 1


def test_dry_runs_do_not_wait_for_the_token(monkeypatch: pytest.MonkeyPatch) -> None:
    async def token_sign(self: PKCS11Signer, data: bytes, digest_algorithm: str,
                         dry_run: bool = False) -> bytes:
        return b"\x00" * 256 if dry_run else b"real"

    class BusyToken:
        """A lock held by another worker: waiting on it is the failure."""

        def __enter__(self) -> None:
            raise AssertionError("a dry run waited for the token")

        def __exit__(self, *exc: object) -> None:
            pass

    monkeypatch.setattr(PKCS11Signer, "async_sign_raw", token_sign)
    signer = _QueuedPkcs11Signer(None, key_label="k", lock=BusyToken())  # type: ignore[arg-type]
    assert asyncio.run(signer.async_sign_raw(b"x", "sha256", dry_run=True)) == b"\x00" * 256
    with pytest.raises(AssertionError):
        asyncio.run(signer.async_sign_raw(b"x", "sha256"))
