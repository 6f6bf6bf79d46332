"""PAdES B-T: a timestamp from an RFC 3161 server (run by the test on 127.0.0.1) is embedded
and validated against the admin's roots; a server that is down makes signing fail clearly."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import tsp
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

from archive.errors import PadesSigningFailed
from archive.pades import load_pkcs12, sign_pdf
from archive.pades_verify import verify_pdf
from ocr.pdf import PdfPage, build_pdf
from ocr.pdfa import check_pdfa
from tests.softhsm import AGENCY, Ca

pytestmark = pytest.mark.integration
WHEN = datetime.now(timezone(timedelta(hours=7))).replace(microsecond=0)


@pytest.fixture
def tsa_url() -> Iterator[tuple[str, Ca]]:
    """An RFC 3161 timestamp server on a free port of 127.0.0.1, certified by a test CA."""
    ca = Ca()
    cert, key = ca.tsa()
    stamper = DummyTimeStamper(
        asn1_x509.Certificate.load(cert.public_bytes(Encoding.DER)),
        asn1_keys.PrivateKeyInfo.load(key.private_bytes(Encoding.DER, PrivateFormat.PKCS8,
                                                        NoEncryption())))

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            req = tsp.TimeStampReq.load(self.rfile.read(int(self.headers["Content-Length"])))
            body = asyncio.run(stamper.async_request_tsa_response(req)).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/tsa", ca
    server.shutdown()
    server.server_close()


def _pdf() -> bytes:
    from digitize.devtools.sample import render_text_page

    img, _ = render_text_page("Tờ trình số 7/TTr-SNV", dpi=100, size_pt=13)
    return build_pdf([PdfPage(img[: img.shape[0] // 3], 100, None)], title="Tờ trình")


def test_b_t_signature_carries_a_validated_timestamp(tsa_url: tuple[str, Ca]) -> None:
    url, ca = tsa_url
    p12, _ = ca.pkcs12("1234")
    pdf = _pdf()
    before = datetime.now(UTC)
    signed = sign_pdf(pdf, load_pkcs12(p12, "1234"), agency=AGENCY, when=WHEN, tsa_url=url)
    after = datetime.now(UTC)
    [info] = verify_pdf(signed, roots=[ca.cert.public_bytes(Encoding.DER)])
    assert info.level == "B-T" and info.timestamp
    stamped = datetime.fromisoformat(info.timestamp)
    # the timestamp server's time, taken while signing (WHEN is set at import time)
    assert before - timedelta(seconds=2) <= stamped <= after + timedelta(seconds=2)
    assert check_pdfa(signed) == []


def test_timestamp_server_down_fails_signing() -> None:
    with socket.socket() as s:  # a port with nobody listening
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    ca = Ca()
    p12, _ = ca.pkcs12("1234")
    with pytest.raises(PadesSigningFailed):
        sign_pdf(_pdf(), load_pkcs12(p12, "1234"), agency=AGENCY, when=WHEN,
                 tsa_url=f"http://127.0.0.1:{port}/tsa")
