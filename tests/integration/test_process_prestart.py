"""``process`` starts page work during capture; a batch that turns out to have an unreadable
page is still stopped whole, with nothing of the pages worked early kept (issue #18 rule)."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfWriter

from tests.integration.test_leaks import CLI, _token
from tests.integration.test_secrecy_refusals import (
    _assert_nothing_kept,
    _image_pdf_page,
    _page_with,
    _pdf_bytes,
    _stamp_annotation,
)

pytestmark = pytest.mark.integration


def test_unreadable_last_file_stops_pages_started_early(tmp_path: Path,
                                                        archive_env: dict) -> None:
    token = f"KM{_token()}"
    w = PdfWriter()
    for n in (1, 2, 3, 4):  # four plain pages are worked on while the next file is imported
        w.append(io.BytesIO(_pdf_bytes(_image_pdf_page(_page_with(f"{token} trang {n}"),
                                                       150))))
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a-four.pdf").write_bytes(_pdf_bytes(w))
    last = _image_pdf_page(_page_with(f"{token} trang năm"), 150)
    _stamp_annotation(last, "MAT", flags=2)  # hidden: cannot be judged, the record stops
    (inputs / "b-last.pdf").write_bytes(_pdf_bytes(last))
    out = subprocess.run([*CLI, "process", str(inputs), "--title", "Tệp cuối hỏng", "--jobs",
                          "2"], env=archive_env["env"], capture_output=True, text=True,
                         timeout=600)
    assert out.returncode == 1, out.stderr
    assert "nothing was kept" in out.stderr, out.stderr
    _assert_nothing_kept(archive_env, token, [inputs])


def test_pages_started_early_are_sealed_like_the_others(tmp_path: Path,
                                                        archive_env: dict) -> None:
    from digitize.core import Workspace

    token = f"KM{_token()}"
    w = PdfWriter()
    for n in range(1, 7):
        w.append(io.BytesIO(_pdf_bytes(_image_pdf_page(_page_with(f"{token} trang {n}"),
                                                       150))))
    pdf = tmp_path / "six.pdf"
    pdf.write_bytes(_pdf_bytes(w))
    out = subprocess.run([*CLI, "process", str(pdf), "--title", "Sáu trang", "--jobs", "2"],
                         env=archive_env["env"], capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    with Workspace.open(archive_env["root"], archive_env["passphrase"]) as ws:
        (d,) = ws.dossiers()
        texts = [r["text"] for r in ws.catalog.query(
            "SELECT text FROM pages WHERE dossier_id = ? ORDER BY seq", (d.id,))]
    assert len(texts) == 6
    for n, text in enumerate(texts, 1):
        # spaces removed: OCR may split the random number ("KM 7984433"), and which digits it
        # holds is not what this test is about; the page's own number, in order, is
        squashed = "".join(text.split())
        assert f"trang{n}" in squashed and "KM" in squashed, text
