"""Bad files in ``digitize process`` and a damaged archive in ``digitize verify``: good files
still stored, every bad file named in both languages, every damage named with exit 3."""

from __future__ import annotations

import io
import os
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import cv2
import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter

from archive._hazmat.kdf import TEST_PARAMS
from digitize.core import Workspace
from digitize.pipeline.run import process
from tests.integration.conftest import write_pages

pytestmark = pytest.mark.integration

CLI = [sys.executable, "-m", "digitize.cli"]
PASS = "mật khẩu kho 2026"
REPO = Path(__file__).resolve().parents[2]


def cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run the real CLI; no case may ever print a Python traceback."""
    out = subprocess.run([*CLI, *args], env=env, capture_output=True, text=True, timeout=600,
                         cwd=REPO)
    assert "Traceback" not in out.stderr, out.stderr
    return out


def _png_bomb(path: Path) -> None:
    """A 177-byte PNG whose header declares 100000 x 100000 pixels."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data +
                struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    ihdr = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" + b"\xff" * 100_000)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) +
                     chunk(b"IEND", b""))


def _bad_files(folder: Path, good: Path) -> dict[str, Path]:
    """One file of every bad kind, named after what is wrong with it."""
    folder.mkdir(parents=True, exist_ok=True)
    bgr = cv2.imread(str(good))
    jpg = cv2.imencode(".jpg", bgr)[1].tobytes()
    files = {"zero": folder / "rỗng.png", "trunc_jpg": folder / "cụt.jpg",
             "trunc_png": folder / "cụt.png", "text": folder / "văn bản.png",
             "encrypted": folder / "có mật khẩu.pdf", "bomb": folder / "bom.png",
             "corrupt_pdf": folder / "hỏng.pdf", "empty_dir": folder / "thư mục trống",
             "missing": folder / "không có.png", "huge": folder / "rất lớn.pdf"}
    files["zero"].write_bytes(b"")
    files["trunc_jpg"].write_bytes(jpg[: len(jpg) // 3])
    files["trunc_png"].write_bytes(good.read_bytes()[:4000])
    files["text"].write_text("Đây không phải ảnh.", encoding="utf-8")
    buf = io.BytesIO()
    Image.open(good).convert("RGB").save(buf, "PDF", resolution=150)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(buf.getvalue())))
    writer.encrypt("bí mật")
    with files["encrypted"].open("wb") as fh:
        writer.write(fh)
    files["corrupt_pdf"].write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])
    _png_bomb(files["bomb"])
    files["empty_dir"].mkdir()
    with files["huge"].open("wb") as fh:  # 1.5 GiB, sparse: costs no disk, must not be read
        fh.truncate(3 << 29)  # whole (it is streamed: only its first bytes are looked at)
    return files


def test_process_bad_files_beside_good_ones(archive_env: dict, tmp_path: Path) -> None:
    env = archive_env["env"]
    pages = write_pages(tmp_path / "in", 2, dpi=150, seed=31)
    spaced = tmp_path / "in" / "Quyết định số 15 ngày 8.png"  # Vietnamese name with spaces
    pages[1].rename(spaced)
    bad = _bad_files(tmp_path / "xau", pages[0])
    out = cli("process", str(pages[0]), *map(str, bad.values()), str(spaced),
              "--title", "Lô có tệp hỏng", "--jobs", "1", env=env)
    assert out.returncode == 1, out.stdout + out.stderr
    for name, path in bad.items():  # each bad file named, in Vietnamese and English
        line = next((ln for ln in out.stderr.splitlines() if str(path) in ln), None)
        assert line is not None, (name, out.stderr)
        assert " / " in line, (name, line)
    assert "rỗng (0 byte)" in out.stderr and "empty (0 bytes)" in out.stderr
    assert "bảo vệ bằng mật khẩu" in out.stderr and "password-protected" in out.stderr
    assert "bom giải nén" in out.stderr and "decompression bomb" in out.stderr
    assert "cắt cụt" in out.stderr and "truncated" in out.stderr
    # 1.5 GiB of zeros: no longer refused for its size (issue #22: large files are streamed),
    # read as what it is, from its first bytes
    huge = next(ln for ln in out.stderr.splitlines() if str(bad["huge"]) in ln)
    assert "không phải ảnh hay PDF" in huge and "not a supported image or PDF" in huge
    assert "MiB" not in huge
    assert "10.000.000.000 điểm ảnh" in out.stderr  # the bomb's declared size, not "?"
    # a file not read is a page not checked for a secrecy mark: the whole record stops and
    # nothing of it is kept (issue #18; before, the good pages were sealed)
    assert "nothing was kept" in out.stderr
    with Workspace.open(archive_env["root"], archive_env["passphrase"], readonly=True) as ws:
        assert ws.dossiers() == []
        assert ws.catalog.one("SELECT COUNT(*) AS n FROM pages")["n"] == 0
        assert list(ws.store.ids()) == []
    assert cli("verify", "--all", env=env).returncode == 0
    # the same call again: refused again, the same problems said again, nothing added
    again = cli("process", str(pages[0]), *map(str, bad.values()), str(spaced),
                "--title", "Lô có tệp hỏng", "--jobs", "1", env=env)
    assert again.returncode == 1 and "truncated" in again.stderr
    with Workspace.open(archive_env["root"], archive_env["passphrase"], readonly=True) as ws:
        assert ws.catalog.one("SELECT COUNT(*) AS n FROM pages")["n"] == 0
        assert ws.dossiers() == []
    # without the bad files the record goes through
    ok = cli("process", str(pages[0]), str(spaced), "--title", "Lô tốt", "--jobs", "1",
             env=env)
    assert ok.returncode == 0, ok.stderr
    with Workspace.open(archive_env["root"], archive_env["passphrase"], readonly=True) as ws:
        (d,) = ws.dossiers()
        assert d.status == "stored" and len(ws.dossier(d.id).pages) == 2


def test_process_only_bad_files_keeps_nothing(archive_env: dict, tmp_path: Path) -> None:
    env = archive_env["env"]
    good = write_pages(tmp_path / "in", 1, dpi=150, seed=32)[0]
    bad = _bad_files(tmp_path / "xau", good)
    for argv in ([str(bad["zero"]), str(bad["text"]), str(bad["encrypted"])],
                 [str(bad["empty_dir"])], [str(bad["missing"])], [str(tmp_path / "xau")]):
        out = cli("process", *argv, env=env)
        assert out.returncode == 1, out.stderr
        assert "Không có trang nào đọc được" in out.stderr and "No readable page" in out.stderr
    with Workspace.open(archive_env["root"], archive_env["passphrase"], readonly=True) as ws:
        assert ws.dossiers() == []  # no empty dossier left behind
    assert cli("verify", "--all", env=env).returncode == 0


# --- a damaged archive ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """An archive with two stored one-page dossiers: (root, first id, second id)."""
    base = tmp_path_factory.mktemp("stored")
    root = base / "archive"
    with Workspace.init(root, PASS, office_code="H47.01", office_name="UBND tỉnh Kiên Giang",
                        kdf_params=TEST_PARAMS) as ws:
        ids = [process(ws, write_pages(base / f"in{i}", 1, dpi=150, seed=40 + i),
                       title=f"Hồ sơ {i}", jobs=1).dossier_id for i in range(2)]
    return root, ids[0], ids[1]


def _copy(stored: tuple[Path, str, str], tmp_path: Path) -> tuple[Path, dict[str, str]]:
    root = tmp_path / "archive"
    shutil.copytree(stored[0], root)
    return root, {**os.environ, "DIGITIZE_HOME": str(root), "DIGITIZE_PASSPHRASE": PASS}


def _container(root: Path, did: str) -> Path:
    with Workspace.open(root, PASS, readonly=True) as ws:
        return ws.store.path(ws.dossier(did).container_id)


def _audit_lines(root: Path) -> list[str]:
    return (root / "audit.log").read_text(encoding="utf-8").splitlines(keepends=True)


def _damage_audit_cut(root: Path, did: str) -> None:
    lines = _audit_lines(root)
    (root / "audit.log").write_text("".join(lines[:-4]), encoding="utf-8")


def _damage_audit_edit(root: Path, did: str) -> None:
    lines = _audit_lines(root)
    i = next(k for k, ln in enumerate(lines) if '"dossier.create"' in ln)
    lines[i] = lines[i].replace('"dossier.create"', '"dossier.delete"')
    (root / "audit.log").write_text("".join(lines), encoding="utf-8")


def _damage_audit_drop_middle(root: Path, did: str) -> None:
    lines = _audit_lines(root)
    del lines[len(lines) // 2]
    (root / "audit.log").write_text("".join(lines), encoding="utf-8")


def _damage_delete_container(root: Path, did: str) -> None:
    _container(root, did).unlink()


def _damage_flip_container(root: Path, did: str) -> None:
    path = _container(root, did)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x20
    path.write_bytes(bytes(data))


def _catalog_edit(sql: str):  # noqa: ANN202
    def damage(root: Path, did: str) -> None:
        with Workspace.open(root, PASS) as ws, ws.catalog.atomic() as db:
            db.execute(sql, (did,))
    damage.__name__ = sql
    return damage


DAMAGE = [
    (_damage_delete_container, "did"), (_damage_flip_container, "did"),
    (_damage_audit_cut, "audit.log"), (_damage_audit_edit, "audit.log"),
    (_damage_audit_drop_middle, "audit.log"),
    (_catalog_edit("UPDATE dossiers SET container_id = NULL WHERE id = ?"), "did"),
    (_catalog_edit("DELETE FROM containers WHERE dossier_id = ?"), "did"),
    (_catalog_edit("UPDATE documents SET meta = json_set(meta, '$.subject', 'giả mạo') "
                   "WHERE dossier_id = ?"), "did"),
]


@pytest.mark.parametrize("damage,named", DAMAGE, ids=lambda v: getattr(v, "__name__", v))
def test_verify_names_every_damage(stored: tuple[Path, str, str], tmp_path: Path,
                                   damage, named: str) -> None:  # noqa: ANN001
    root, env = _copy(stored, tmp_path)
    did, other = stored[1], stored[2]
    damage(root, did)
    out = cli("verify", "--all", env=env)
    assert out.returncode == 3, out.stdout + out.stderr
    assert (did if named == "did" else named) in out.stdout, out.stdout
    assert "LỖI / FAIL" in out.stdout
    if named == "did":  # the other dossier is still fine on its own
        assert other not in out.stdout
        assert cli("verify", other, env=env).returncode == 0


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("damage", ["truncated", "garbage", "missing"])
def test_damaged_or_missing_catalog_is_named_and_nothing_moves(
        stored: tuple[Path, str, str], tmp_path: Path, damage: str) -> None:
    """A lost catalog must not look like an empty archive (its containers quarantined)."""
    root, env = _copy(stored, tmp_path)
    db = root / "catalog.db"
    if damage == "truncated":
        with db.open("r+b") as fh:
            fh.truncate(8192)
    elif damage == "garbage":
        db.write_bytes(os.urandom(64 * 1024))
    else:
        for p in root.glob("catalog.db*"):
            p.unlink()
    before = _snapshot(root)
    for argv in (["verify", "--all"], ["list"], ["search", "quyết định"]):
        out = cli(*argv, env=env)
        assert out.returncode == 3, (argv, out.stdout, out.stderr)
        assert "catalog.db" in out.stderr and "Sai cụm mật khẩu" not in out.stderr, out.stderr
        assert ("bị hỏng" in out.stderr and "damaged" in out.stderr) or \
            ("thiếu danh mục" in out.stderr and "is missing" in out.stderr), out.stderr
    assert _snapshot(root) == before  # no container moved to orphans/, no new catalog
    assert not (root / "orphans").exists()
