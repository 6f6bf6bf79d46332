"""Secrecy page by page (issues #18, #23): a marked page is withheld alone (nothing of it kept,
nothing of the dossier sealed while it is pending), the error names it, and the clerk either
removes it and processes the rest or moves the whole dossier to the offline workstation.
A page bearing GIẢI MẬT waits for an archivist's or admin's confirmation (audited)."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import numpy as np
import pytest
from pypdf import PdfWriter

from digitize.devtools.sample_marks import RED, Mark, stamp
from tests.integration.test_leaks import CLI, _needles, _roots, _scan, _token
from tests.integration.test_secrecy_refusals import (
    _image_pdf_page,
    _page_with,
    _pdf_bytes,
    _png,
)

pytestmark = pytest.mark.integration


def _marked(token: str) -> np.ndarray:
    return stamp(_page_with(token), Mark("MẬT", RED, "rect", 35, 0.75, 0.8), 150)


def _three_page_pdf(folder: Path, tokens: list[str], marked: int) -> Path:
    """A 3-page PDF; page ``marked`` (1-based) bears a red MẬT stamp."""
    w = PdfWriter()
    for n, tok in enumerate(tokens, 1):
        img = _marked(tok) if n == marked else _page_with(tok)
        w.append(io.BytesIO(_pdf_bytes(_image_pdf_page(img, 150))))
    folder.mkdir(exist_ok=True)
    pdf = folder / "ba-trang.pdf"
    pdf.write_bytes(_pdf_bytes(w))
    return pdf


def _blobs(ws, did: str) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    for r in ws.catalog.query("SELECT p.seq, b.kind FROM pages p JOIN page_blobs b ON "
                              "b.page_id = p.id WHERE p.dossier_id = ?", (did,)):
        out.setdefault(r["seq"], set()).add(r["kind"])
    return out


def test_a_marked_page_is_withheld_and_the_rest_kept(tmp_path: Path, workspace) -> None:
    """Before: page 2 bearing MẬT purged the whole 3-page dossier (pages 1 and 3 lost)."""
    from digitize.errors_secrecy import SecretPagesWithheld
    from digitize.pipeline import secret_pages
    from digitize.pipeline.run import process
    from digitize.pipeline.seal import seal_dossier
    from digitize.store.rows import dossier_row

    ws = workspace
    toks = [f"KM{_token()}" for _ in range(3)]
    inputs = tmp_path / "in"
    pdf = _three_page_pdf(inputs, toks, marked=2)
    with pytest.raises(SecretPagesWithheld) as ei:
        process(ws, [pdf], title="Hồ sơ có một trang mật", jobs=1)
    did = ei.value.fields["dossier"]
    assert ei.value.fields["pages"] == "2" and ei.value.fields["mark"] == "MẬT"
    assert "page 2" in ei.value.message("en") and "trang 2" in ei.value.message("vi")
    # the marked page: its row only, no image, no text, no kept original of the PDF
    assert [(p.seq, p.status, p.mark) for p in secret_pages.pending(ws, did)] == \
        [(2, "withheld", "MẬT")]
    blobs = _blobs(ws, did)
    assert 2 not in blobs and not any(k.startswith("original:") for ks in blobs.values()
                                      for k in ks)
    rows = {r["seq"]: r for r in ws.catalog.query(
        "SELECT seq, status, text FROM pages WHERE dossier_id = ?", (did,))}
    assert rows[1]["status"] == rows[3]["status"] == "processed"  # the rest is kept
    assert rows[2]["text"] is None
    assert "kiểm tra" in rows[1]["text"] and "kiểm tra" in rows[3]["text"]
    assert not _scan(_roots(ws.root), _needles([toks[1]]), [inputs])
    # nothing of the dossier is sealed while the page is pending
    with pytest.raises(SecretPagesWithheld):
        seal_dossier(ws, did)
    with pytest.raises(SecretPagesWithheld):  # a second run says the same, stores nothing
        process(ws, [pdf], title="Hồ sơ có một trang mật", jobs=1)
    assert list(ws.store.ids()) == []
    # the clerk removes the page; the same command then stores the rest
    assert secret_pages.remove_withheld(ws, did) == [2]
    r = process(ws, [pdf], title="Hồ sơ có một trang mật", jobs=1)
    assert r.dossier_id == did and r.pages == 2
    row = dossier_row(ws.catalog, did)
    assert row["status"] == "stored" and not row["secrecy"]
    assert [p.text.count("kiểm tra") for p in ws.dossier(did).pages] == [1, 1]
    assert toks[1] not in " ".join(p.text for p in ws.dossier(did).pages)
    events = [e.action for e in ws.audit.entries() if e.record == did]
    assert "secrecy.withheld" in events and "secrecy.pages_removed" in events


def test_moving_the_dossier_offline_purges_it_here(tmp_path: Path, workspace) -> None:
    from digitize.errors_secrecy import SecretPagesWithheld
    from digitize.pipeline import secret_pages
    from digitize.pipeline.run import process

    ws = workspace
    toks = [f"KM{_token()}" for _ in range(2)]
    inputs = tmp_path / "in"
    pages = [_png(inputs, "a.png", _marked(toks[0])), _png(inputs, "b.png", _page_with(toks[1]))]
    with pytest.raises(SecretPagesWithheld) as ei:
        process(ws, pages, title="Chuyển sang máy mật", jobs=1)
    did = ei.value.fields["dossier"]
    assert ei.value.fields["pages"] == "1"
    assert secret_pages.move_offline(ws, did) == 2
    assert ws.dossiers() == []
    assert ws.catalog.one("SELECT COUNT(*) AS n FROM pages")["n"] == 0
    assert ws.catalog.one("SELECT COUNT(*) AS n FROM page_blobs")["n"] == 0
    assert not _scan(_roots(ws.root), _needles(toks), [inputs])


def test_cli_names_the_page_and_the_clerk_removes_it(tmp_path: Path,
                                                     archive_env: dict) -> None:
    toks = [f"KM{_token()}" for _ in range(3)]
    inputs = tmp_path / "in"
    pdf = _three_page_pdf(inputs, toks, marked=3)
    run = [*CLI, "process", str(pdf), "--title", "Trang ba mật", "--jobs", "1"]
    out = subprocess.run([*run, "--lang", "en"], env=archive_env["env"], capture_output=True,
                         text=True, timeout=600)
    assert out.returncode == 1, out.stderr
    assert "page 3 bears MẬT" in out.stderr and "remove-pages" in out.stderr, out.stderr
    did = out.stderr.split("Dossier ", 1)[1].split(":", 1)[0]
    listed = subprocess.run([*CLI, "secret", "pages", did], env=archive_env["env"],
                            capture_output=True, text=True, timeout=300)
    assert listed.returncode == 0 and listed.stdout.split() == ["3", "withheld", "MẬT"]
    rm = subprocess.run([*CLI, "secret", "remove-pages", did], env=archive_env["env"],
                        capture_output=True, text=True, timeout=300)
    assert rm.returncode == 0, rm.stderr
    again = subprocess.run(run, env=archive_env["env"], capture_output=True, text=True,
                           timeout=600)
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == did


def test_giai_mat_waits_for_an_archivist(tmp_path: Path, workspace) -> None:
    """Before: a page stamped GIẢI MẬT (beside its old TỐI MẬT) was refused as a secret, or,
    with GIẢI MẬT alone, stored with no one confirming the declassification."""
    from digitize.errors import PermissionDenied
    from digitize.errors_secrecy import DeclassifiedPending
    from digitize.pipeline import secret_pages
    from digitize.pipeline.run import process

    ws = workspace
    tok = f"KM{_token()}"
    img = stamp(_page_with(tok), Mark("GIẢI MẬT", RED, "rect", 4, 0.7, 0.8), 150)
    img = stamp(img, Mark("TỐI MẬT", RED, "rect", -3, 0.3, 0.8), 150)
    page = _png(tmp_path / "in", "giai-mat.png", img)
    with pytest.raises(DeclassifiedPending) as ei:
        process(ws, [page], title="Tài liệu đã giải mật", jobs=1)
    did = ei.value.fields["dossier"]
    assert [(p.seq, p.status) for p in secret_pages.pending(ws, did)] == [(1, "declassified")]
    assert list(ws.store.ids()) == []
    ws.role = "clerk"
    with pytest.raises(PermissionDenied):
        secret_pages.confirm_declassified(ws, did, 1)
    ws.role = "archivist"
    secret_pages.confirm_declassified(ws, did, 1)
    ws.role = "admin"
    r = process(ws, [page], title="Tài liệu đã giải mật", jobs=1)
    assert r.dossier_id == did and r.pages == 1
    [ev] = [e for e in ws.audit.entries() if e.action == "secrecy.declassified_confirmed"]
    assert ev.record == did and ev.details["page"] == 1


def test_watch_processes_a_hot_folder_through_the_gate(tmp_path: Path,
                                                       archive_env: dict) -> None:
    """Before: the hot folder had no entry point in the product (no `watch` command)."""
    from digitize.core import Workspace

    toks = [f"KM{_token()}" for _ in range(2)]
    hot = tmp_path / "hot"
    plain = _png(hot, "a-thuong.png", _page_with(toks[0]))
    secret = _png(hot, "b-mat.png", _marked(toks[1]))
    out = subprocess.run([*CLI, "watch", str(hot), "--once", "--settle", "0", "--jobs", "1",
                          "--lang", "en"], env=archive_env["env"], capture_output=True,
                         text=True, timeout=600)
    assert out.returncode == 1, out.stderr
    assert "no secrecy declared: recorded as none" in out.stderr  # the declaration, logged
    # its only page bore the mark: nothing to keep, refused whole
    assert f"{secret}: The document bears a state-secret mark (MẬT)" in out.stderr, out.stderr
    stored = out.stdout.split()
    assert stored[0] == str(plain)
    assert not plain.exists() and (hot / ".done" / plain.name).exists()
    assert secret.exists()  # left where it is, for the clerk to take out
    with Workspace.open(archive_env["root"], archive_env["passphrase"]) as ws:
        assert [d.id for d in ws.dossiers(status="stored")] == [stored[1]]
        assert "kiểm tra" in " ".join(p.text for p in ws.dossier(stored[1]).pages)
        declared = [e.record for e in ws.audit.entries() if e.action == "secrecy.declared"]
        assert len(declared) == 2  # both files: "none" recorded as declared
        assert ws.catalog.one("SELECT COUNT(*) AS n FROM pages WHERE status = 'withheld'"
                              )["n"] == 0
    assert not _scan(_roots(archive_env["root"]), _needles([toks[1]]), [hot])
