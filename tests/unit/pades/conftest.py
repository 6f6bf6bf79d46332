"""Fixtures of the PAdES unit tests: a test CA, a small PDF/A, a PKCS#12 key, a fake workspace."""

from __future__ import annotations

from typing import Any

import pytest
from cryptography.hazmat.primitives.serialization import Encoding

from archive.pades import load_pkcs12
from digitize.devtools.sample import render_text_page
from ocr.pdf import PdfPage, build_pdf
from tests.softhsm import AGENCY, Ca

PIN = "mã-pin 1234"


@pytest.fixture(scope="session")
def ca() -> Ca:
    return Ca()


@pytest.fixture(scope="session")
def root_der(ca: Ca) -> bytes:
    return ca.cert.public_bytes(Encoding.DER)


@pytest.fixture(scope="session")
def pdf() -> bytes:
    """A one-page two-layer PDF/A-2b as the OCR issue builds it (image only, small)."""
    img, _ = render_text_page("Quyết định số 15/QĐ-UBND về việc số hóa tài liệu", dpi=100,
                              size_pt=13)
    return build_pdf([PdfPage(img[: img.shape[0] // 3], 100, None)], title="Quyết định thử",
                     author=AGENCY)


@pytest.fixture(scope="session")
def p12(ca: Ca) -> tuple[bytes, Any]:
    return ca.pkcs12(PIN)


@pytest.fixture(scope="session")
def key(p12: tuple[bytes, Any]) -> Any:
    return load_pkcs12(p12[0], PIN)


class FakeCatalog:
    def __init__(self) -> None:
        self.settings: dict[str, Any] = {}

    def get_setting(self, key: str, default: Any = None) -> Any:
        return self.settings.get(key, default)

    def set_setting(self, key: str, value: Any) -> None:
        self.settings[key] = value


class FakeWorkspace:
    """What digitize.records.signing uses of a Workspace: settings, office, audit log."""

    def __init__(self) -> None:
        self.catalog = FakeCatalog()
        self.office = {"code": "H47.01", "name": AGENCY}
        self.logged: list[tuple[str, dict[str, Any]]] = []

    def log(self, action: str, record: str | None, details: dict[str, Any] | None = None
            ) -> None:
        for v in (details or {}).values():
            assert isinstance(v, (str, int, float, bool)) and len(str(v)) < 80
        self.logged.append((action, details or {}))


@pytest.fixture
def fake_ws() -> FakeWorkspace:
    return FakeWorkspace()
