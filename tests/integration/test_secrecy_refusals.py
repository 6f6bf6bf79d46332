"""Each way the secrecy gate was walked around (issue #18) now stops the record and leaves
nothing of the page under the archive, the temp folders or exports (marker-phrase search as in
``test_leaks``)."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
)

from digitize.devtools.sample import render_text_page
from digitize.devtools.sample_marks import RED, Mark, stamp
from tests.integration.test_leaks import CLI, _needles, _roots, _scan, _token

pytestmark = pytest.mark.integration


def _page_with(token: str, dpi: int = 150) -> np.ndarray:
    img, _ = render_text_page(f"Biên bản kiểm tra số {token} về hồ sơ lưu trữ năm 2025.\n"
                              "Nội dung được quét, nhận dạng chữ và lưu trữ theo quy định.",
                              dpi=dpi, size_pt=16)
    return img


def _assert_nothing_kept(archive_env: dict, token: str, exclude: list[Path]) -> None:
    from digitize.core import Workspace

    with Workspace.open(archive_env["root"], archive_env["passphrase"]) as ws:
        assert ws.dossiers() == []
        assert ws.catalog.one("SELECT COUNT(*) AS n FROM pages")["n"] == 0
        assert ws.catalog.one("SELECT COUNT(*) AS n FROM page_blobs")["n"] == 0
        assert list(ws.store.ids()) == []
    hits = _scan(_roots(archive_env["root"]), _needles([token, token.lower()]), exclude)
    assert not hits, "page text found:\n" + "\n".join(hits[:20])


def _process(archive_env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, "process", *args, "--jobs", "1"], env=archive_env["env"],
                          capture_output=True, text=True, timeout=600)


def _png(folder: Path, name: str, img: np.ndarray) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    cv2.imwrite(str(path), cv2.cvtColor(img, cv2.COLOR_RGB2BGR))
    return path


def test_red_stamp_at_35_degrees_is_refused(tmp_path: Path, archive_env: dict) -> None:
    token = f"KM{_token()}"
    img = stamp(_page_with(token), Mark("MẬT", RED, "rect", 35, 0.75, 0.8), 150)
    inputs = tmp_path / "in"
    out = _process(archive_env, str(_png(inputs, "p.png", img)), "--title", "Có dấu mật")
    assert out.returncode == 1, out.stderr
    assert "MẬT" in out.stderr and "secret" in out.stderr
    _assert_nothing_kept(archive_env, token, [inputs])


def _image_pdf_page(img: np.ndarray, dpi: int) -> PdfWriter:
    buf = io.BytesIO()
    Image.fromarray(img).save(buf, format="PDF", resolution=dpi)
    from pypdf import PdfReader

    w = PdfWriter()
    w.add_page(PdfReader(io.BytesIO(buf.getvalue())).pages[0])
    return w


def _stamp_annotation(w: PdfWriter, text: str, *, flags: int = 4) -> None:
    """A /Stamp annotation whose appearance stream draws ``text`` in red Helvetica-Bold."""
    page = w.pages[0]
    ap = DecodedStreamObject()
    ap.set_data(f"1 0 0 rg 3 w 1 0 0 RG 2 2 156 46 re S BT /F1 26 Tf 12 16 Td ({text}) Tj ET"
                .encode())
    ap.update({NameObject("/Type"): NameObject("/XObject"),
               NameObject("/Subtype"): NameObject("/Form"),
               NameObject("/BBox"): ArrayObject([FloatObject(0), FloatObject(0),
                                                 FloatObject(160), FloatObject(50)]),
               NameObject("/Resources"): DictionaryObject({NameObject("/Font"): DictionaryObject({
                   NameObject("/F1"): DictionaryObject({
                       NameObject("/Type"): NameObject("/Font"),
                       NameObject("/Subtype"): NameObject("/Type1"),
                       NameObject("/BaseFont"): NameObject("/Helvetica-Bold")})})})})
    annot = DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Stamp"),
        NameObject("/Rect"): ArrayObject([FloatObject(340), FloatObject(120),
                                          FloatObject(500), FloatObject(170)]),
        NameObject("/F"): NumberObject(flags),
        NameObject("/AP"): DictionaryObject({NameObject("/N"): w._add_object(ap)})})
    page[NameObject("/Annots")] = ArrayObject([w._add_object(annot)])


def _pdf_bytes(w: PdfWriter) -> bytes:
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def test_a_mark_only_in_a_pdf_stamp_annotation_is_refused(tmp_path: Path,
                                                          archive_env: dict) -> None:
    token = f"KM{_token()}"
    w = _image_pdf_page(_page_with(token), 150)
    _stamp_annotation(w, "TOI MAT")
    inputs = tmp_path / "in"
    inputs.mkdir()
    pdf = inputs / "annot.pdf"
    pdf.write_bytes(_pdf_bytes(w))
    out = _process(archive_env, str(pdf), "--title", "Dấu mật là chú thích")
    assert out.returncode == 1, out.stderr
    assert "TỐI MẬT" in out.stderr, out.stderr
    _assert_nothing_kept(archive_env, token, [inputs])


def test_a_pdf_whose_first_page_cannot_be_read_keeps_nothing(tmp_path: Path,
                                                             archive_env: dict) -> None:
    """Page 1 carries a hidden annotation (cannot be judged); pages 2 and 3 are plain. Before,
    pages 2-3 were sealed and the whole PDF, page 1 included, kept in originals/."""
    token = f"KM{_token()}"
    first = _image_pdf_page(_page_with(f"{token} trang một"), 150)
    _stamp_annotation(first, "MAT", flags=2)  # hidden
    w = PdfWriter()
    w.append(io.BytesIO(_pdf_bytes(first)))
    for n in (2, 3):
        w.append(io.BytesIO(_pdf_bytes(_image_pdf_page(_page_with(f"{token} trang {n}"),
                                                       150))))
    inputs = tmp_path / "in"
    inputs.mkdir()
    pdf = inputs / "three.pdf"
    pdf.write_bytes(_pdf_bytes(w))
    out = _process(archive_env, str(pdf), "--title", "Trang một hỏng")
    assert out.returncode == 1, out.stderr
    assert "nothing was kept" in out.stderr or "No readable page" in out.stderr, out.stderr
    _assert_nothing_kept(archive_env, token, [inputs])
    export = tmp_path / "export"
    export.mkdir()
    subprocess.run([*CLI, "export", "--to", export.as_uri()], env=archive_env["env"],
                   capture_output=True, text=True, timeout=300)
    assert not _scan([export], _needles([token]), [])


def test_import_with_a_declared_mark_is_refused_online(tmp_path: Path,
                                                       archive_env: dict) -> None:
    token = f"KM{_token()}"
    inputs = tmp_path / "in"
    page = _png(inputs, "p.png", _page_with(token))
    out = subprocess.run([*CLI, "import", str(page), "--dossier", "HS-MAT-01",
                          "--secret", "TỐI MẬT"], env=archive_env["env"],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 1 and "TỐI MẬT" in out.stderr, out.stderr
    _assert_nothing_kept(archive_env, token, [inputs])
    bad = subprocess.run([*CLI, "import", str(page), "--dossier", "HS-MAT-02",
                          "--secret", "maybe"], env=archive_env["env"],
                         capture_output=True, text=True, timeout=300)
    assert bad.returncode == 2  # a typo never passes as "none"


def test_offline_station_tags_hides_and_never_exports(tmp_path: Path, workspace,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """`process --secret "TỐI MẬT"` on the offline workstation: before, the dossier was stored
    untagged, listed for export and visible to clerks."""
    from digitize.errors_secrecy import NotOffline
    from digitize.pipeline import offline, secrecy_policy
    from digitize.pipeline.run import process
    from digitize.store.rows import dossier_row
    from digitize.transfer.export import ExportOptions, export, plan

    ws = workspace
    ws.catalog.set_setting("offline_mode", True)
    page = _png(tmp_path / "in", "p.png", _page_with(f"KM{_token()}"))
    monkeypatch.setattr(secrecy_policy, "interfaces", lambda: ["enp0s3"])
    with pytest.raises(NotOffline):  # the flag alone is not enough: a cable is plugged in
        process(ws, [page], title="Hồ sơ mật", declared_secret="TỐI MẬT", jobs=1)
    assert ws.dossiers() == []
    monkeypatch.setattr(secrecy_policy, "interfaces", lambda: [])
    r = process(ws, [page], title="Hồ sơ mật", declared_secret="TỐI MẬT", jobs=1)
    row = dossier_row(ws.catalog, r.dossier_id)
    assert row["status"] == "stored" and row["secrecy"] == "TỐI MẬT"
    from archive.container import open_container

    with ws.store.open(row["container_id"]) as fh:  # the sealed record carries its level
        meta = open_container(fh, ws.keys, signer_public=ws.keys.verifier(),
                              name=row["container_id"]).metadata
    assert meta["dossier"]["secrecy"] == "TỐI MẬT" and meta["dossier"]["mode"] == "03"
    assert [(i.dossier_id, i.reason) for i in plan(ws, "file:///x", None)] == \
        [(r.dossier_id, "secrecy")]
    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(offline, "is_removable", lambda path, *a, **k: path == usb)
    rep = export(ws, ExportOptions(to=usb.as_uri(), dry_run=True))
    assert [i.dossier_id for i in rep.by_status("excluded")] == [r.dossier_id]
    assert not rep.by_status("would_send") and not list(usb.iterdir())
    ws.role = "clerk"
    assert ws.dossiers() == []  # hidden from clerks
    ws.role = "archivist"
    assert [d.id for d in ws.dossiers()] == [r.dossier_id]
