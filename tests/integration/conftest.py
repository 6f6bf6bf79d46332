"""Fixtures for integration tests: a fresh archive and rendered sample page files."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import cv2
import pytest

from archive._hazmat.kdf import TEST_PARAMS
from digitize.core import Workspace
from digitize.devtools.sample import make_document, render_document
from tests.seaweed import SeaweedServer


@pytest.fixture
def server(tmp_path: Path) -> Iterator[SeaweedServer]:
    """A SeaweedFS S3 server on a free local port, killed after the test."""
    srv = SeaweedServer(tmp_path / "weed")
    srv.start()
    yield srv
    srv.kill()


@pytest.fixture
def passphrase() -> str:
    return "mật khẩu thử nghiệm " + secrets.token_hex(4)


@pytest.fixture
def archive_env(tmp_path: Path, passphrase: str, monkeypatch: pytest.MonkeyPatch) -> dict:
    """An initialised archive and the environment the CLI needs to open it."""
    root = tmp_path / "archive"
    Workspace.init(root, passphrase, office_code="H47.01", office_name="UBND tỉnh Kiên Giang",
                   kdf_params=TEST_PARAMS).close()
    env = {**os.environ, "DIGITIZE_HOME": str(root), "DIGITIZE_PASSPHRASE": passphrase}
    monkeypatch.setenv("DIGITIZE_HOME", str(root))
    monkeypatch.setenv("DIGITIZE_PASSPHRASE", passphrase)
    return {"root": root, "passphrase": passphrase, "env": env}


@pytest.fixture
def workspace(archive_env: dict) -> Iterator[Workspace]:
    ws = Workspace.open(archive_env["root"], archive_env["passphrase"], actor="test")
    yield ws
    ws.close()


def write_pages(folder: Path, n: int, *, dpi: int = 200, seed: int = 0,
                fmt: str = "png") -> list[Path]:
    """Render ``n`` distinct document pages to image files (synthetic, not records)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        img = render_document(make_document(seed + i, party=False), dpi=dpi)
        p = folder / f"trang-{i + 1}.{fmt}"
        cv2.imwrite(str(p), cv2.cvtColor(img, cv2.COLOR_RGB2BGR))
        paths.append(p)
    return paths
