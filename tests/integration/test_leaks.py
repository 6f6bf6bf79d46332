"""No record content reaches persistent disk in plaintext, and state secrets fail closed."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import cv2
import pytest

from digitize.devtools.sample import make_document, render_document, render_text_page

pytestmark = pytest.mark.integration

CLI = [sys.executable, "-m", "digitize.cli"]


def _token() -> str:
    """Seven random digits: OCR reads digits whole (random capitals got split in two)."""
    return "".join(random.SystemRandom().choice("23456789") for _ in range(7))


def _needles(phrases: list[str]) -> list[bytes]:
    out = []
    for p in phrases:
        for enc in ("utf-8", "utf-16-le", "utf-16-be"):
            out.append(p.encode(enc))
    return out


def _scan(roots: list[Path], needles: list[bytes], exclude: list[Path]) -> list[str]:
    hits = []
    for root in roots:
        # os.walk ignores folders that vanish mid-walk (other programs use /tmp too)
        for folder, _dirs, files in os.walk(root):
            for name in files:
                path = Path(folder) / name
                if any(ex in path.parents or path == ex for ex in exclude):
                    continue
                try:
                    if not path.is_file() or path.stat().st_size > 200_000_000:
                        continue
                    data = path.read_bytes()
                except OSError:
                    continue
                hits.extend(f"{path}: {n[:30]!r}" for n in needles if n in data)
    return hits


def _roots(archive_root: Path) -> list[Path]:
    home = Path.home()
    return [archive_root, Path("/tmp"), Path("/var/tmp"), Path("/dev/shm"),
            home / ".cache", home / ".local" / "share"]


def test_marker_phrase_never_on_disk(tmp_path: Path, archive_env: dict) -> None:
    marker = f"MK{_token()}"
    text = ("Biên bản kiểm tra số hóa tài liệu lưu trữ năm 2025.\n"
            f"Mã kiểm tra riêng: {marker} Xuân Lộc Khánh.\n"
            "Hồ sơ được quét, nhận dạng chữ, mã hóa và ký số theo quy định hiện hành.")
    img, _ = render_text_page(text, dpi=300, size_pt=16)
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    src = inputs / "page.png"
    cv2.imwrite(str(src), cv2.cvtColor(img, cv2.COLOR_RGB2BGR))
    out = subprocess.run([*CLI, "process", str(src), "--title", "Kiểm tra rò rỉ"],
                         env=archive_env["env"], capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    # the marker really went through OCR and into the archive (else the test proves nothing)
    found = subprocess.run([*CLI, "search", marker, "--json"], env=archive_env["env"],
                           capture_output=True, text=True, timeout=120)
    assert '"total": 1' in found.stdout, found.stdout + found.stderr
    needles = _needles([marker, marker.lower()])
    hits = _scan(_roots(archive_env["root"]), needles, exclude=[inputs])
    assert not hits, "plaintext found:\n" + "\n".join(hits[:20])


@pytest.mark.parametrize("mark", ["TUYỆT MẬT"])
def test_secret_page_is_refused_and_leaves_nothing(tmp_path: Path, archive_env: dict,
                                                   mark: str) -> None:
    doc = make_document(77, party=False, secrecy=mark)
    token = f"KM{_token()}"
    doc.body = [f"Nội dung tối mật số {token} không được để lộ.", *doc.body[:3]]
    img = render_document(doc, dpi=300)
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    src = inputs / "secret.png"
    cv2.imwrite(str(src), cv2.cvtColor(img, cv2.COLOR_RGB2BGR))
    out = subprocess.run([*CLI, "process", str(src), "--title", "Hồ sơ có dấu mật"],
                         env=archive_env["env"], capture_output=True, text=True, timeout=600)
    assert out.returncode != 0
    assert "mật" in out.stderr.lower() and "secret" in out.stderr.lower()
    # no dossier, no page, no container remains
    from digitize.core import Workspace

    with Workspace.open(archive_env["root"], archive_env["passphrase"]) as ws:
        assert ws.dossiers() == []
        assert ws.catalog.one("SELECT COUNT(*) AS n FROM pages")["n"] == 0
        assert list(ws.store.ids()) == []
        entries = [e for e in ws.audit.entries() if e.action == "secrecy.refused"]
        assert entries and entries[-1].details["mark"] == mark
    hits = _scan(_roots(archive_env["root"]), _needles([token, token.lower()]),
                 exclude=[inputs])
    assert not hits, "secret page text found:\n" + "\n".join(hits[:20])


def test_declared_secret_stops_before_anything(tmp_path: Path, archive_env: dict) -> None:
    src = tmp_path / "x.png"
    cv2.imwrite(str(src), cv2.cvtColor(render_document(make_document(5), dpi=150),
                                       cv2.COLOR_RGB2BGR))
    out = subprocess.run([*CLI, "process", str(src), "--secret", "MẬT"],
                         env={**archive_env["env"], **os.environ.copy(),
                              "DIGITIZE_HOME": str(archive_env["root"]),
                              "DIGITIZE_PASSPHRASE": archive_env["passphrase"]},
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 1
    assert "MẬT" in out.stderr
