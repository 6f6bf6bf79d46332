"""Fixtures of the archive unit tests: fast keystores (tiny Argon2id cost) and containers."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from archive._hazmat.kdf import TEST_PARAMS
from archive.container import write_container
from archive.keystore import Keystore, generate_central_keypair

PASS = "Mật khẩu thử nghiệm đủ dài 2026"


@pytest.fixture(scope="session")
def session_keys(tmp_path_factory: pytest.TempPathFactory) -> tuple[Keystore, Keystore, bytes]:
    """(office keystore with an imported central key, central keystore, central public bundle)."""
    d = tmp_path_factory.mktemp("keys")
    ks = Keystore.create(
        d / "keystore.json",
        PASS,
        office_code="000.00.00.H47",
        office_name="UBND huyện Phú Quốc",
        kdf_params=TEST_PARAMS,
    )
    priv, pub = generate_central_keypair("trung tâm", kdf_params=TEST_PARAMS)
    ks.import_central_key(pub, "Lưu trữ lịch sử tỉnh")
    return ks, Keystore.from_bytes(priv, "trung tâm"), pub


@pytest.fixture()
def office(session_keys: tuple[Keystore, Keystore, bytes]) -> Keystore:
    return session_keys[0]


@pytest.fixture()
def central(session_keys: tuple[Keystore, Keystore, bytes]) -> Keystore:
    return session_keys[1]


@pytest.fixture()
def fresh_keystore(tmp_path: Path) -> tuple[Path, Keystore]:
    path = tmp_path / "keystore.json"
    return path, Keystore.create(
        path, PASS, office_code="H01", office_name="UBND xã", kdf_params=TEST_PARAMS
    )


def make_container(
    ks: Keystore, files: list[tuple[str, bytes]] | None = None, segment_size: int = 256
) -> bytes:
    """A small container with several segments."""
    files = (
        files
        if files is not None
        else [
            ("docs/001.pdf", os.urandom(700)),
            ("ocr/001.txt", "Quyết định số 15/QĐ-UBND về việc…".encode()),
            ("empty.bin", b""),
        ]
    )
    buf = io.BytesIO()
    write_container(
        buf,
        files,
        metadata={"title": "Hồ sơ thử", "fileCode": "H47.2026.01"},
        recipients=ks.recipients(),
        signer=ks.signer(),
        segment_size=segment_size,
    )
    return buf.getvalue()
