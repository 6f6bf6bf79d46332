"""Image import: formats, EXIF orientation, multi-page and G4 TIFF, order, names, bad files."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from digitize.capture import CapturedPage, ImportProblem, iter_import, natural_key
from digitize.errors import Cancelled, ImageFileTooLarge, UnreadablePath
from tests.unit.capture.corpus import make_bad_corpus


def _save(img: np.ndarray, path: Path, **kw: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(img).save(path, **kw)
    return path


def _run(paths: list[Path], **kw: object) -> tuple[list[CapturedPage], list[ImportProblem]]:
    pages: list[CapturedPage] = []
    problems: list[ImportProblem] = []
    for item in iter_import(paths, **kw):  # type: ignore[arg-type]
        if isinstance(item, CapturedPage):
            pages.append(item)
        else:
            problems.append(item)
    return pages, problems


@pytest.mark.parametrize(("name", "kw", "mode"), [
    ("a.jpg", {"quality": 90, "dpi": (150, 150)}, "color"),
    ("a.png", {"dpi": (150, 150)}, "color"),
    ("a.bmp", {"dpi": (150, 150)}, "color"),
    ("a.webp", {"quality": 90}, "color"),
    ("a.tif", {"compression": "tiff_lzw", "dpi": (150, 150)}, "color"),
])
def test_formats(tmp_path: Path, page150: np.ndarray, name: str, kw: dict, mode: str) -> None:
    f = _save(page150, tmp_path / name, **kw)
    pages, problems = _run([f])
    assert not problems
    (p,) = pages
    assert p.image.shape == page150.shape and p.image.dtype == np.uint8
    assert p.mode == mode and p.dpi == 150 and p.index == 0
    assert p.original == f.read_bytes() and p.original_name == name
    assert p.quality is not None and p.quality.codes == ["low_dpi"]  # 150 < 200 dpi
    if name.endswith((".png", ".bmp", ".tif")):
        assert np.array_equal(p.image, page150)  # lossless formats are bit-exact


def test_webp_without_dpi_is_estimated(tmp_path: Path, page150: np.ndarray) -> None:
    (p,), _ = _run([_save(page150, tmp_path / "a.webp")])
    assert p.dpi == 150 and p.dpi_estimated
    assert p.quality is not None and p.quality.metrics["dpi_estimated"] == 1.0


def test_default_72_dpi_tag_is_not_believed(tmp_path: Path, page150: np.ndarray) -> None:
    (p,), _ = _run([_save(page150, tmp_path / "phone.jpg", dpi=(72, 72))])
    assert p.dpi == 150 and p.dpi_estimated


def test_exif_orientation_applied(tmp_path: Path, page150: np.ndarray) -> None:
    stored = np.ascontiguousarray(np.rot90(page150, 1))  # camera held sideways
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to display"
    f = _save(stored, tmp_path / "photo.jpg", exif=exif, quality=95, dpi=(150, 150))
    (p,), _ = _run([f])
    assert p.image.shape == page150.shape
    diff = np.abs(p.image.astype(int) - page150.astype(int)).mean()
    assert diff < 4


def test_multipage_and_g4_tiff(tmp_path: Path, page150: np.ndarray) -> None:
    gray = Image.fromarray(page150).convert("L")
    frames = [Image.fromarray(page150), gray, gray.point(lambda v: 255 - v)]
    f = tmp_path / "nhiều trang.tif"
    frames[0].save(f, save_all=True, append_images=frames[1:], compression="tiff_lzw",
                   dpi=(150, 150))
    g4 = tmp_path / "g4.tif"
    gray.convert("1").save(g4, compression="group4", dpi=(300, 300))
    pages, problems = _run([f, g4])
    assert not problems
    assert [(p.index, p.mode) for p in pages] == [(0, "color"), (1, "gray"), (2, "gray"),
                                                  (0, "bw")]
    assert all(p.original is None for p in pages[:3])  # multipage: no single original
    assert pages[3].original == g4.read_bytes()
    assert set(np.unique(pages[3].image)) <= {0, 255} and pages[3].dpi == 300


def test_folder_natural_order_and_vietnamese_names(tmp_path: Path) -> None:
    root = tmp_path / "Hồ sơ số 15 – Quyết định"
    small = np.full((297, 210), 255, np.uint8)
    names = ["trang10.png", "trang2.png", "Trang1.png", "sub/trang3.png", "Đơn đề nghị.png",
             ".hidden.png", "Thumbs.db"]
    for n in names:
        _save(small, root / n, format="PNG", dpi=(25.4, 25.4))
    pages, problems = _run([root])
    assert not problems
    got = [Path(p.source).relative_to(root).as_posix() for p in pages]
    assert got == ["Đơn đề nghị.png", "sub/trang3.png", "Trang1.png", "trang2.png",
                   "trang10.png"]  # Đ sorts with D, marks do not push a name to the end
    assert sorted(["p10", "p2", "p1"], key=lambda s: natural_key(Path(s))) == ["p1", "p2", "p10"]


def test_bad_corpus_one_error_each_and_good_files_imported(tmp_path: Path,
                                                           page150: np.ndarray) -> None:
    bad = make_bad_corpus(tmp_path / "lô", page150)
    goods = [_save(page150, tmp_path / "lô" / f"tốt {i}.png", dpi=(150, 150)) for i in range(3)]
    missing = tmp_path / "không tồn tại.jpg"
    pages, problems = _run([tmp_path / "lô", missing])
    assert sorted(Path(p.source).name for p in pages) == sorted(g.name for g in goods)
    by_name = {pr.path.name: pr for pr in problems}
    assert len(problems) == len(by_name) == len(bad) + 1
    for name, err in bad.items():
        pr = by_name[name]
        assert type(pr.error) is err, (name, pr.error)
        for lang in ("vi", "en"):
            assert name in pr.message(lang)  # the message names the file
    assert type(by_name[missing.name].error) is UnreadablePath
    assert "không tồn tại" in by_name[missing.name].message("vi")


def test_pixel_limit_is_configurable(tmp_path: Path, page150: np.ndarray) -> None:
    f = _save(page150, tmp_path / "a.png", dpi=(150, 150))
    _, (pr,) = _run([f], max_pixels=1_000_000)
    assert isinstance(pr.error, ImageFileTooLarge) and "1000000" in pr.message("en")


def test_cancel_between_pages(tmp_path: Path) -> None:
    small = np.full((297, 210), 255, np.uint8)
    files = [_save(small, tmp_path / f"p{i}.png") for i in range(5)]
    cancel = threading.Event()
    got = []
    with pytest.raises(Cancelled):
        for item in iter_import(files, cancel=cancel, quality=False):
            got.append(item)
            if len(got) == 2:
                cancel.set()
    assert len(got) == 2


def test_heic_phone_photo(tmp_path: Path, page150: np.ndarray) -> None:
    import pillow_heif

    pillow_heif.register_heif_opener()
    small = np.ascontiguousarray(page150[::2, ::2])  # A4 at 75 dpi: quick to encode
    f = tmp_path / "IMG_0042.HEIC"
    Image.fromarray(small).save(f, format="HEIF", quality=90)
    (p,), problems = _run([f])
    assert not problems
    assert p.image.shape == small.shape and p.mode == "color"
    assert p.dpi == 75 and p.dpi_estimated  # phone photos carry no real resolution
    assert p.original == f.read_bytes()


def test_pipes_are_refused_not_read_forever(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "ống.jpg"
    os.mkfifo(fifo)
    pages, (pr,) = _run([fifo])
    assert not pages and isinstance(pr.error, UnreadablePath)
    assert "không phải tệp thông thường" in pr.message("vi")


def test_empty_folder_is_reported(tmp_path: Path) -> None:
    (tmp_path / "trống").mkdir()
    pages, (pr,) = _run([tmp_path / "trống"])
    assert not pages and pr.error.code == "capture.empty_folder"
    assert "trống" in pr.message("vi")


@pytest.mark.parametrize("workers", [1, 3])
def test_quality_in_threads_keeps_order_and_problems(tmp_path: Path, page150: np.ndarray,
                                                     workers: int) -> None:
    names = [f"p{i}.png" for i in range(7)]
    for n in names:
        _save(page150, tmp_path / n, dpi=(300, 300))
    (tmp_path / "p3b.png").write_bytes(b"")  # a problem in the middle of the stream
    items = list(iter_import([tmp_path], workers=workers))
    assert [Path(i.path if isinstance(i, ImportProblem) else i.source).name for i in items] == [
        "p0.png", "p1.png", "p2.png", "p3.png", "p3b.png", "p4.png", "p5.png", "p6.png"]
    assert all(i.quality is not None and i.quality.ok for i in items
               if isinstance(i, CapturedPage))


def test_quality_failure_flags_the_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from digitize.capture import importer

    def boom(image: np.ndarray, dpi: int) -> None:
        raise ValueError("odd image")

    monkeypatch.setattr(importer, "assess", boom)
    (p,), _ = _run([_save(np.full((297, 210), 255, np.uint8), tmp_path / "a.png")])
    assert p.quality is not None and p.quality.codes == ["qc_error"]


def test_truncated_multipage_tiff_keeps_the_pages_before_the_damage(tmp_path: Path) -> None:
    frames = [Image.fromarray(np.full((300, 200), v, np.uint8)) for v in (10, 120, 240)]
    whole = tmp_path / "whole.tif"
    frames[0].save(whole, save_all=True, append_images=frames[1:])
    cut = tmp_path / "nhiều trang bị cắt.tif"
    cut.write_bytes(whole.read_bytes()[: int(whole.stat().st_size * 0.8)])
    items = list(iter_import([cut], quality=False))
    assert [(type(i).__name__, i.index) for i in items] == [
        ("CapturedPage", 0), ("CapturedPage", 1), ("ImportProblem", 2)]
    assert items[2].error.code == "capture.truncated"  # type: ignore[union-attr]


def test_photo_formats_give_only_the_main_picture(tmp_path: Path) -> None:
    frames = [Image.fromarray(np.full((300, 200, 3), v, np.uint8)) for v in (10, 240)]
    f = tmp_path / "anim.webp"
    frames[0].save(f, save_all=True, append_images=frames[1:], duration=100)
    (p,), problems = _run([f])
    assert not problems and p.image.mean() < 20


def test_sources_are_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _save(np.full((297, 210), 255, np.uint8), tmp_path / "a.png")
    monkeypatch.chdir(tmp_path)
    (p,), _ = _run([Path("a.png")])
    assert p.source == str(tmp_path / "a.png")


def test_a_file_over_1_gib_is_imported_not_refused(tmp_path: Path, page150: np.ndarray) -> None:
    """A PNG followed by a hole up to 1 GiB + 1 byte (a sparse file: nothing is written): it
    is imported from the open file, without reading the gigabyte into memory (issue #22)."""
    import resource

    f = _save(page150, tmp_path / "lớn.png", dpi=(150, 150))
    with f.open("r+b") as fh:
        fh.truncate((1 << 30) + 1)
    assert f.stat().st_size > 1 << 30
    if f.stat().st_blocks * 512 > 64 << 20:
        pytest.skip("this file system does not keep holes (the file really takes 1 GiB)")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    (p,), problems = _run([f], quality=False)
    grew = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert not problems and np.array_equal(p.image, page150) and p.dpi == 150
    assert p.original is None
    assert grew < 256 * 1024, f"{grew} KiB more memory: the file was read whole"


@pytest.mark.parametrize("tag", [72, 96])
def test_pdf_page_sized_from_a_screen_tag_is_not_believed(tmp_path: Path, page150: np.ndarray,
                                                          tag: int) -> None:
    # a scan put into a PDF by a tool that sized the page from the image's 72/96 dpi screen tag:
    # the page says 44-62 cm; read at that size the text looked three times too large (the
    # secrecy gate read «mắt» as «MẬT» on a real 300 dpi scan in a 96 dpi page)
    f = _save(page150, tmp_path / "scan.pdf", resolution=float(tag))
    (p,), problems = _run([f])
    assert not problems and p.info.get("pdf") == "image"
    assert p.dpi == 150 and p.dpi_estimated


def test_pdf_page_of_a_true_size_keeps_its_resolution(tmp_path: Path,
                                                       page150: np.ndarray) -> None:
    f = _save(page150, tmp_path / "scan.pdf", resolution=150.0)
    (p,), _ = _run([f])
    assert p.dpi == 150 and not p.dpi_estimated
