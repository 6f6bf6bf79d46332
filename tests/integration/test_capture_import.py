"""Import of PDFs (native images, rendering through pdftoppm, text layer) and a mixed batch."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from digitize.capture import CapturedPage, ImportProblem, iter_import
from digitize.devtools.sample import render_text_page
from digitize.errors import CorruptImage, EncryptedPdf, ImageFileTooLarge, TruncatedFile
from tests.unit.capture.corpus import make_bad_corpus

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def page200() -> np.ndarray:
    img, _ = render_text_page("Quyết định số 15/QĐ-UBND về việc phê duyệt kế hoạch.\n" * 25,
                              dpi=200)
    return img


def _scanned_pdf(path: Path, img: np.ndarray) -> Path:
    frames = [Image.fromarray(img), Image.fromarray(img).convert("L"),
              Image.fromarray(img).convert("1")]
    frames[0].save(path, save_all=True, append_images=frames[1:], resolution=200)
    return path


def _add_text(path: Path, text: str, base: Path | None = None) -> Path:
    """A page with real (visible) text: a new A4 page, or page 1 of ``base`` written over."""
    w = PdfWriter(clone_from=str(base)) if base else PdfWriter()
    if base is None:
        w.add_blank_page(595, 842)
    page = w.pages[0]
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"),
                             NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    res = (page.get("/Resources") or DictionaryObject()).get_object()
    res[NameObject("/Font")] = DictionaryObject({NameObject("/F1"): w._add_object(font)})
    page[NameObject("/Resources")] = res
    old = page.get_contents()
    stream = DecodedStreamObject()
    stream.set_data((old.get_data() + b"\n" if old is not None else b"")
                    + f"BT /F1 18 Tf 72 770 Td ({text}) Tj ET".encode())
    page[NameObject("/Contents")] = w._add_object(stream)
    w.write(path)
    return path


def _split(items: list) -> tuple[list[CapturedPage], list[ImportProblem]]:
    return ([i for i in items if isinstance(i, CapturedPage)],
            [i for i in items if isinstance(i, ImportProblem)])


def test_scanned_pdf_yields_native_images(tmp_path: Path, page200: np.ndarray) -> None:
    pdf = _scanned_pdf(tmp_path / "Biên bản họp.pdf", page200)
    pages, problems = _split(list(iter_import([pdf])))
    assert not problems
    assert [(p.index, p.mode, p.dpi, p.info["pdf"]) for p in pages] == [
        (0, "color", 200, "image"), (1, "gray", 200, "image"), (2, "bw", 200, "image")]
    for p in pages:
        assert p.image.shape[:2] == page200.shape[:2]  # native pixels, not a re-render
        assert p.text is None and p.original is None
    gray = np.asarray(Image.fromarray(page200).convert("L"), dtype=np.int16)
    assert np.abs(pages[1].image.astype(np.int16) - gray).mean() < 3


def test_rotated_page_is_turned_upright(tmp_path: Path, page200: np.ndarray) -> None:
    pdf = _scanned_pdf(tmp_path / "a.pdf", page200)
    w = PdfWriter(clone_from=str(pdf))
    w.pages[0].rotate(90)
    w.write(tmp_path / "rot.pdf")
    (p, *_), _ = _split(list(iter_import([tmp_path / "rot.pdf"], quality=False)))
    expected = np.rot90(page200, -1).astype(np.int16)  # displayed turned clockwise
    assert p.image.shape == expected.shape
    assert np.abs(p.image.astype(np.int16) - expected).mean() < 4


def test_born_digital_pdf_keeps_text_and_renders(tmp_path: Path) -> None:
    pdf = _add_text(tmp_path / "born.pdf", "Quyet dinh so 15/QD-UBND")
    (p,), problems = _split(list(iter_import([pdf])))
    assert not problems
    assert p.text == "Quyet dinh so 15/QD-UBND"
    assert p.info["pdf"] == "rendered" and p.dpi == 300
    assert p.image.shape[:2] == (3508, 2479) or abs(p.image.shape[0] - 3508) <= 2
    assert p.image.min() < 60  # the text was drawn


def test_page_with_image_and_text_is_rendered(tmp_path: Path, page200: np.ndarray) -> None:
    base = _scanned_pdf(tmp_path / "a.pdf", page200)
    pdf = _add_text(tmp_path / "mixed.pdf", "Da ky", base=base)
    pages, _ = _split(list(iter_import([pdf], quality=False)))
    assert [p.info["pdf"] for p in pages] == ["rendered", "image", "image"]
    assert pages[0].text == "Da ky"


def test_password_pdfs(tmp_path: Path, page200: np.ndarray) -> None:
    base = _scanned_pdf(tmp_path / "a.pdf", page200)
    locked, owner = tmp_path / "khóa.pdf", tmp_path / "chỉ chủ sở hữu.pdf"
    w = PdfWriter(clone_from=str(base))
    w.encrypt("mật khẩu", algorithm="AES-256")
    w.write(locked)
    w = PdfWriter(clone_from=str(base))
    w.encrypt("", owner_password="chủ", algorithm="AES-128")
    w.write(owner)
    pages, problems = _split(list(iter_import([locked, owner], quality=False)))
    assert len(pages) == 3 and all(Path(p.source) == owner for p in pages)
    (pr,) = problems
    assert isinstance(pr.error, EncryptedPdf) and "khóa.pdf" in pr.message("vi")


def test_pdf_page_bomb_refused_per_page(tmp_path: Path, page200: np.ndarray) -> None:
    pdf = _scanned_pdf(tmp_path / "a.pdf", page200)
    items = list(iter_import([pdf], max_pixels=1_000_000, quality=False))
    assert [type(i.error) for i in items] == [ImageFileTooLarge] * 3  # type: ignore[union-attr]
    assert [i.index for i in items] == [0, 1, 2]  # type: ignore[union-attr]


def test_mixed_batch_with_every_kind_of_bad_file(tmp_path: Path, page200: np.ndarray) -> None:
    """One clear error per bad file; every good file in the same batch is imported."""
    folder = tmp_path / "Lô quét 2024"
    expected = make_bad_corpus(folder, page200)
    data = _scanned_pdf(tmp_path / "src.pdf", page200).read_bytes()
    (folder / "pdf cắt cụt.pdf").write_bytes(data[: len(data) // 2])
    (folder / "pdf hỏng.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8 + b"\n%%EOF\n")
    expected.update({"pdf cắt cụt.pdf": TruncatedFile, "pdf hỏng.pdf": CorruptImage})
    w = PdfWriter(clone_from=str(tmp_path / "src.pdf"))
    w.encrypt("x", algorithm="AES-256")
    w.write(folder / "pdf khóa.pdf")
    expected["pdf khóa.pdf"] = EncryptedPdf
    goods = {"Tờ trình/ảnh.webp": 1, "Tờ trình/quét.png": 1, "trang 1.jpg": 1,
             "trang 2.tif": 1, "trang 10.pdf": 3}  # natural order, "Tờ" sorts as "to"
    Image.fromarray(page200).save(folder / "trang 1.jpg", dpi=(200, 200))
    Image.fromarray(page200).convert("1").save(folder / "trang 2.tif", compression="group4",
                                                dpi=(200, 200))
    (folder / "trang 10.pdf").write_bytes(data)
    (folder / "Tờ trình").mkdir()
    Image.fromarray(page200).save(folder / "Tờ trình" / "ảnh.webp")
    Image.fromarray(page200).save(folder / "Tờ trình" / "quét.png", dpi=(200, 200))

    pages, problems = _split(list(iter_import([folder])))
    got = [Path(p.source).relative_to(folder).as_posix() for p in pages]
    assert got == [name for name, n in goods.items() for _ in range(n)]
    assert all(p.quality is not None and "low_dpi" not in p.quality.codes for p in pages)
    assert sorted(pr.path.name for pr in problems) == sorted(expected)
    for pr in problems:
        assert type(pr.error) is expected[pr.path.name], pr.path.name
        assert pr.path.name in pr.message("vi") and pr.path.name in pr.message("en")


def test_undecodable_scan_is_rendered_at_its_own_resolution(
        tmp_path: Path, page200: np.ndarray, monkeypatch: pytest.MonkeyPatch) -> None:
    """A filter pypdf cannot decode (JBIG2 without jbig2dec) falls back to pdftoppm at 200 dpi."""
    from pypdf.generic import _image_xobject

    def fail(xobj: object) -> None:
        raise NotImplementedError("JBIG2Decode")

    monkeypatch.setattr(_image_xobject, "_xobj_to_image", fail)
    # the colour page is a JPEG, which digitize decodes itself: a JBIG2 page never is
    monkeypatch.setattr("digitize.capture.pdf.jpeg_image", lambda xobj: None)
    pdf = _scanned_pdf(tmp_path / "jbig2.pdf", page200)
    pages, problems = _split(list(iter_import([pdf], quality=False)))
    assert not problems
    assert [(p.info["pdf"], p.dpi) for p in pages] == [("rendered", 200)] * 3
    assert all(abs(p.image.shape[0] - page200.shape[0]) <= 2 for p in pages)
    assert [p.mode for p in pages][1:] == ["gray", "gray"]  # gray scans stay gray



def test_large_files_are_decoded_from_the_open_file_page_by_page(
        tmp_path: Path, page200: np.ndarray) -> None:
    """From ``stream_from`` bytes on, a file is decoded from the open file instead of its bytes
    in memory (issue #22: files over 1 GiB were refused): the same pages come out, PDF pages
    rendered by pdftoppm included."""
    mixed = _add_text(tmp_path / "mixed.pdf", "Da ky",
                      base=_scanned_pdf(tmp_path / "a.pdf", page200))
    tiff = tmp_path / "nhiều trang.tif"
    Image.fromarray(page200).convert("L").save(
        tiff, save_all=True, compression="tiff_lzw", dpi=(200, 200),
        append_images=[Image.fromarray(page200).convert("L")])
    g4 = tmp_path / "g4.tif"
    Image.fromarray(page200).convert("1").save(g4, compression="group4", dpi=(200, 200))
    png = tmp_path / "một trang.png"
    Image.fromarray(page200).save(png, dpi=(200, 200))
    files = [mixed, tiff, g4, png]
    whole, problems = _split(list(iter_import(files, quality=False)))
    assert not problems and len(whole) == 7

    streamed, problems = _split(list(iter_import(files, quality=False, stream_from=1)))
    assert not problems
    assert [(p.source, p.index, p.mode, p.dpi, p.info.get("pdf")) for p in streamed] == \
        [(p.source, p.index, p.mode, p.dpi, p.info.get("pdf")) for p in whole]
    assert [p.info.get("pdf") for p in streamed[:3]] == ["rendered", "image", "image"]
    assert all(np.array_equal(a.image, b.image) for a, b in zip(streamed, whole))
    assert whole[-1].original == png.read_bytes()
    assert streamed[-1].original is None  # a large file is not copied into memory
