"""Error types of the OCR library (no import of digitize: a leaf)."""

from __future__ import annotations

from bilingual import BilingualError


class OcrError(BilingualError):
    """Base of the OCR's errors: stable ``code``, ``exit_code``, ``vi``/``en`` templates."""

    code = "ocr.error"
    exit_code = 1
    vi = "Lỗi nhận dạng chữ (OCR): {detail}"
    en = "OCR error: {detail}"


class TesseractMissing(OcrError):
    code = "ocr.tesseract_missing"
    vi = "Không tìm thấy Tesseract hoặc dữ liệu ngôn ngữ {detail}."
    en = "Tesseract or its language data {detail} is missing."
    hint_vi = "Cài gói: apt-get install tesseract-ocr tesseract-ocr-vie"
    hint_en = "Install: apt-get install tesseract-ocr tesseract-ocr-vie"


class OcrFailed(OcrError):
    code = "ocr.failed"
    vi = "Nhận dạng chữ thất bại: {detail}"
    en = "OCR failed: {detail}"


class OcrCancelled(OcrError):
    code = "ocr.cancelled"
    vi = "Đã hủy nhận dạng chữ theo yêu cầu."
    en = "OCR was cancelled by the user."


class OcrTimeout(OcrError):
    code = "ocr.timeout"
    vi = "Nhận dạng chữ quá thời gian cho phép ({detail})."
    en = "OCR timed out ({detail})."
    hint_vi = "Hãy kiểm tra ảnh trang (quá lớn hoặc nhiễu) rồi thử lại."
    hint_en = "Check the page image (too large or noisy) and retry."


class OcrInputError(OcrError):
    code = "ocr.input"
    vi = "Ảnh đầu vào không hợp lệ cho nhận dạng chữ: {detail}"
    en = "Invalid image for OCR: {detail}"


class RamFolderMissing(OcrError):
    code = "ocr.no_ram_folder"
    vi = ("Không có thư mục trong bộ nhớ (RAM, /dev/shm hoặc $DIGITIZE_RAMDIR) cho tệp tạm của "
          "Tesseract; không ghi ảnh trang ra đĩa.")
    en = ("No memory-backed folder (/dev/shm or $DIGITIZE_RAMDIR) for Tesseract's scratch "
          "files; page images are never written to disk.")


class PdfBuildError(OcrError):
    code = "ocr.pdf_build"
    vi = "Không tạo được tệp PDF/A: {detail}"
    en = "Cannot build the PDF/A file: {detail}"
