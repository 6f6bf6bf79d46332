"""Error types of the core, each with a stable code, an exit code and bilingual messages."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from bilingual import BilingualError


class ExitCode:
    """Process exit codes of the command line (DESIGN section 2)."""

    OK = 0
    FAILURE = 1
    USAGE = 2
    TAMPERED = 3


@runtime_checkable
class UserFacingError(Protocol):
    """What the two error sinks (CLI, GUI) need from any error of any package."""

    code: str
    exit_code: int

    def message(self, lang: str = "vi") -> str:
        """The user-facing message in ``vi`` or ``en``."""
        ...


class DigitizeError(BilingualError):
    """Base of the core's errors.

    Subclasses set ``code``, ``vi`` and ``en`` templates (``str.format`` fields from the
    keyword arguments) and optionally a ``hint_vi``/``hint_en``.
    """

    code = "digitize.error"
    exit_code = ExitCode.FAILURE
    vi = "Lỗi: {detail}"
    en = "Error: {detail}"


class UsageError(DigitizeError):
    code = "digitize.usage"
    exit_code = ExitCode.USAGE
    vi = "Sai cách dùng: {detail}"
    en = "Usage error: {detail}"


class Cancelled(DigitizeError):
    code = "digitize.cancelled"
    vi = "Đã hủy theo yêu cầu."
    en = "Cancelled by the user."


class NotAvailable(DigitizeError):
    code = "digitize.not_available"
    vi = "Chức năng chưa có: {detail}"
    en = "Not available yet: {detail}"


class InputFileError(DigitizeError):
    code = "digitize.input_file"
    vi = "Không đọc được tệp {path}: {detail}"
    en = "Cannot read file {path}: {detail}"
    hint_vi = "Hãy kiểm tra tệp hoặc quét lại trang."
    hint_en = "Check the file or rescan the page."


class SecrecyRefused(DigitizeError):
    code = "digitize.secrecy_refused"
    vi = ("Tài liệu mang dấu mật ({mark}) — không được xử lý trên máy có kết nối mạng. "
          "Không có gì của hồ sơ được lưu; sự kiện đã được ghi nhật ký.")
    en = ("The document bears a state-secret mark ({mark}) and must not be processed on a "
          "networked machine. Nothing of the record was kept; the event was logged.")
    hint_vi = "Hãy dùng máy trạm ngoại tuyến (chế độ mật) do quản trị viên cấu hình."
    hint_en = "Use the offline secrecy workstation configured by an admin."


class ValidationError(DigitizeError):
    code = "digitize.validation"
    vi = "Dữ liệu đặc tả không hợp lệ: {detail}"
    en = "Invalid metadata: {detail}"


class DossierNotFound(DigitizeError):
    code = "digitize.dossier_not_found"
    vi = "Không tìm thấy hồ sơ {detail}."
    en = "Dossier {detail} not found."


# --- capture (issue 4): import of files and scanning through SANE -------------------------


class EmptyFile(InputFileError):
    code = "capture.empty_file"
    vi = "Tệp {path} rỗng (0 byte)."
    en = "File {path} is empty (0 bytes)."


class TruncatedFile(InputFileError):
    code = "capture.truncated"
    vi = "Tệp {path} bị cắt cụt (chưa chép xong hoặc bị hỏng): {detail}"
    en = "File {path} is truncated (incompletely copied or damaged): {detail}"


class CorruptImage(InputFileError):
    code = "capture.corrupt"
    vi = "Tệp {path} bị hỏng, không giải mã được ảnh: {detail}"
    en = "File {path} is corrupt; the image cannot be decoded: {detail}"


class UnsupportedFile(InputFileError):
    code = "capture.unsupported"
    vi = ("Tệp {path} không phải ảnh hay PDF được hỗ trợ (JPEG, PNG, TIFF, BMP, WebP, HEIC, "
          "PDF).")
    en = "File {path} is not a supported image or PDF (JPEG, PNG, TIFF, BMP, WebP, HEIC, PDF)."
    hint_vi = "Hãy chuyển tệp sang một định dạng ảnh được hỗ trợ."
    hint_en = "Convert the file to a supported image format."


class EncryptedPdf(InputFileError):
    code = "capture.pdf_encrypted"
    vi = "Tệp PDF {path} được bảo vệ bằng mật khẩu, không mở được."
    en = "PDF file {path} is password-protected and cannot be opened."
    hint_vi = "Hãy xin bản không đặt mật khẩu hoặc quét lại bản giấy."
    hint_en = "Ask for a copy without a password or scan the paper original."


class HiddenAnnotation(InputFileError):
    code = "capture.pdf_hidden_annotation"
    vi = ("Trang PDF trong tệp {path} có chú thích ẩn hoặc không hiển thị được ({detail}); "
          "không kiểm tra được dấu mật nên không nhận trang này.")
    en = ("A PDF page in {path} carries a hidden or undrawable annotation ({detail}); it cannot "
          "be checked for a secrecy mark, so the page is refused.")
    hint_vi = "Hãy in ra giấy và quét lại, hoặc xin bản PDF không có chú thích ẩn."
    hint_en = "Print and rescan it, or ask for a PDF without hidden annotations."


class ImageFileTooLarge(InputFileError):
    code = "capture.too_large"
    vi = ("Ảnh trong tệp {path} quá lớn ({pixels} điểm ảnh, giới hạn {limit}); có thể là tệp "
          "độc hại (bom giải nén).")
    en = ("The image in file {path} is too large ({pixels} pixels, limit {limit}); it may be a "
          "malicious decompression bomb.")
    hint_vi = "Hãy quét lại ở độ phân giải thấp hơn (200–300 dpi)."
    hint_en = "Rescan at a lower resolution (200–300 dpi)."


class BadResolution(InputFileError):
    code = "capture.bad_dpi"
    vi = "Độ phân giải ghi trong tệp {path} không hợp lý ({dpi} dpi)."
    en = "The resolution recorded in file {path} is absurd ({dpi} dpi)."
    hint_vi = "Hãy quét lại với độ phân giải 200–600 dpi."
    hint_en = "Rescan at 200–600 dpi."


class UnreadablePath(InputFileError):
    code = "capture.unreadable"
    vi = "Không đọc được đường dẫn {path} ({reason_vi})."
    en = "Cannot read path {path} ({detail})."
    hint_vi = "Hãy kiểm tra đường dẫn, quyền truy cập và ổ đĩa."
    hint_en = "Check the path, the permissions and the drive."


class EmptyFolder(InputFileError):
    code = "capture.empty_folder"
    vi = "Thư mục {path} không có tệp nào để nhập."
    en = "Folder {path} holds no files to import."
    hint_vi = "Hãy chọn đúng thư mục chứa các tệp ảnh hoặc PDF."
    hint_en = "Choose the folder that holds the image or PDF files."


class ScannerError(DigitizeError):
    code = "capture.scanner"
    vi = "Lỗi máy quét {device}: {detail}. Đã giữ {pages} trang quét trước đó."
    en = "Scanner {device} failed: {detail}. The {pages} pages scanned before were kept."
    hint_vi = "Hãy kiểm tra máy quét rồi quét tiếp từ trang kế tiếp."
    hint_en = "Check the scanner, then continue from the next page."

    def __init__(self, detail: str = "", *, device: str = "", pages: int = 0,
                 **fields: object) -> None:
        super().__init__(detail, device=device, pages=pages, **fields)
        self.device = device
        self.pages = pages


class ScannerNotFound(ScannerError):
    code = "capture.scanner_not_found"
    vi = "Không tìm thấy máy quét {device}."
    en = "Scanner {device} was not found."
    hint_vi = "Hãy cắm cáp, bật máy quét rồi chạy lệnh `digitize devices`."
    hint_en = "Plug in and switch on the scanner, then run `digitize devices`."


class ScannerJammed(ScannerError):
    code = "capture.scanner_jammed"
    vi = "Máy quét {device} bị kẹt giấy. Đã giữ {pages} trang quét trước đó."
    en = "Paper jam in scanner {device}. The {pages} pages scanned before were kept."
    hint_vi = "Hãy gỡ tờ bị kẹt, đặt lại từ tờ đó và quét tiếp."
    hint_en = "Remove the jammed sheet, reload from that sheet and continue."


class ScannerCoverOpen(ScannerError):
    code = "capture.scanner_cover_open"
    vi = "Nắp máy quét {device} đang mở. Đã giữ {pages} trang quét trước đó."
    en = "The cover of scanner {device} is open. The {pages} pages scanned before were kept."
    hint_vi = "Hãy đóng nắp rồi quét tiếp."
    hint_en = "Close the cover, then continue."


class ScannerBusy(ScannerError):
    code = "capture.scanner_busy"
    vi = "Máy quét {device} đang bận (chương trình khác đang dùng)."
    en = "Scanner {device} is busy (another program is using it)."
    hint_vi = "Hãy đóng chương trình kia hoặc đợi một lát rồi thử lại."
    hint_en = "Close the other program or wait a moment, then retry."


class FeederEmpty(ScannerError):
    code = "capture.feeder_empty"
    vi = ("Khay nạp giấy của máy quét {device} đã hết giấy sau {pages} trang "
          "(cần {expected} trang).")
    en = "The feeder of scanner {device} ran empty after {pages} pages ({expected} expected)."
    hint_vi = "Hãy nạp các tờ còn lại và quét tiếp."
    hint_en = "Load the remaining sheets and continue."


class ScannerDisconnected(ScannerError):
    code = "capture.scanner_disconnected"
    vi = ("Mất kết nối với máy quét {device} (lỗi vào/ra). Đã giữ {pages} trang quét "
          "trước đó.")
    en = ("Lost the connection to scanner {device} (I/O error). The {pages} pages scanned "
          "before were kept.")
    hint_vi = "Hãy kiểm tra cáp và nguồn điện, rồi quét tiếp từ trang kế tiếp."
    hint_en = "Check the cable and power, then continue from the next page."


class ScannerAccessDenied(ScannerError):
    code = "capture.scanner_access_denied"
    vi = "Không có quyền dùng máy quét {device}."
    en = "Access to scanner {device} was denied."
    hint_vi = "Hãy nhờ quản trị viên cấp quyền (nhóm `scanner`)."
    hint_en = "Ask an admin for access (the `scanner` group)."


class ScannerOptionUnsupported(ScannerError):
    code = "capture.scanner_option"
    vi = "Máy quét {device} không hỗ trợ {option} = {value} (có: {choices})."
    en = "Scanner {device} does not support {option} = {value} (available: {choices})."
    hint_vi = "Hãy chọn một giá trị khác trong cấu hình quét."
    hint_en = "Choose another value in the scanner profile."


class ImageInvalid(DigitizeError):
    code = "clean.image_invalid"
    vi = "Ảnh trang không hợp lệ: {detail}"
    en = "Invalid page image: {detail}"
    hint_vi = "Hãy quét lại trang hoặc chọn tệp ảnh khác (ảnh xám, RGB, RGBA hoặc CMYK)."
    hint_en = "Rescan the page or choose another image file (gray, RGB, RGBA or CMYK)."


class ImageTooLarge(DigitizeError):
    code = "clean.image_too_large"
    vi = ("Ảnh trang quá lớn: {width}×{height} điểm ảnh ({pixels} triệu), vượt giới hạn "
          "{limit} triệu điểm ảnh.")
    en = ("The page image is too large: {width}×{height} pixels ({pixels} million), over the "
          "limit of {limit} million pixels.")
    hint_vi = "Hãy quét ở độ phân giải thấp hơn (300 dpi là đủ cho văn bản hành chính)."
    hint_en = "Scan at a lower resolution (300 dpi is enough for administrative documents)."


class InvalidScanProfile(DigitizeError):
    code = "capture.scan_profile"
    vi = "Cấu hình quét {name} không hợp lệ: {detail}"
    en = "Scan profile {name} is invalid: {detail}"


# --- sessions and roles (issue 7) ----------------------------------------------------------


class ArchiveBusy(DigitizeError):
    code = "digitize.archive_busy"
    vi = "Kho lưu trữ đang được một chương trình khác sử dụng ({detail})."
    en = "The archive is in use by another program ({detail})."
    hint_vi = "Hãy đóng chương trình kia hoặc chờ nó chạy xong."
    hint_en = "Close the other program or wait for it to finish."


class NoRamFolder(DigitizeError):
    code = "digitize.no_ram_folder"
    vi = ("Không có thư mục trong bộ nhớ (RAM) để mở tài liệu; không ghi nội dung hồ sơ ra đĩa. "
          "({detail})")
    en = ("No memory-backed (RAM) folder to open the document in; record content is never "
          "written to disk. ({detail})")
    hint_vi = "Hãy xem tài liệu trong ứng dụng, hoặc nhờ quản trị viên cấu hình thư mục RAM."
    hint_en = "View the document inside the app, or ask an admin to set up a RAM folder."


class PermissionDenied(DigitizeError):
    code = "digitize.permission_denied"
    vi = "Tài khoản {user} (vai trò {role}) không được phép: {action}."
    en = "Account {user} (role {role}) is not allowed to: {action}."
    hint_vi = "Hãy đăng nhập bằng tài khoản có quyền, hoặc nhờ quản trị viên."
    hint_en = "Sign in with an account that has the right, or ask an admin."


# --- legally effective signatures (issue 10) -----------------------------------------------


class SigningPinRequired(DigitizeError):
    code = "digitize.signing_pin"
    exit_code = ExitCode.USAGE
    vi = "Cần mã PIN của khóa ký số ({detail}) để ký các tài liệu của lô này."
    en = "The PIN of the signing key ({detail}) is needed to sign this batch's documents."
    hint_vi = ("Dùng --pin-file, biến $DIGITIZE_SIGN_PIN hoặc nhập khi được hỏi; mã PIN không "
               "được lưu.")
    hint_en = "Use --pin-file, $DIGITIZE_SIGN_PIN or type it when asked; the PIN is never stored."


class SigningNotConfigured(DigitizeError):
    code = "digitize.signing_not_configured"
    exit_code = ExitCode.USAGE
    vi = "Chưa cấu hình chữ ký số của cơ quan."
    en = "The office's digital signature is not configured."
    hint_vi = ("Chạy `digitize sign setup --pkcs12 TỆP` hoặc "
               "`--pkcs11-lib THƯ_VIỆN --token NHÃN --key-label NHÃN`.")
    hint_en = ("Run `digitize sign setup --pkcs12 FILE` or "
               "`--pkcs11-lib LIB --token LABEL --key-label LABEL`.")


class ReceiveDisabledOffline(DigitizeError):
    code = "digitize.receive_offline"
    exit_code = ExitCode.USAGE
    vi = "Máy trạm đang ở chế độ ngoại tuyến: không được nhận qua mạng ({detail})."
    en = "This workstation is in offline mode: no receiving over the network ({detail})."
    hint_vi = "Chỉ nhận từ thiết bị lưu trữ rời: `digitize receive --from file:///đường/dẫn`."
    hint_en = "Receive only from removable media: `digitize receive --from file:///path`."


class UploadDisabledOffline(DigitizeError):
    code = "digitize.upload_offline"
    exit_code = ExitCode.USAGE
    vi = "Máy trạm đang ở chế độ ngoại tuyến: không được gửi qua mạng ({detail})."
    en = "This workstation is in offline mode: no network upload ({detail})."
    hint_vi = "Chỉ xuất ra thiết bị lưu trữ rời: `digitize export --to file:///đường/dẫn`."
    hint_en = "Export only to removable media: `digitize export --to file:///path`."


# --- bad input and faults (issue 13) -------------------------------------------------------


class FileSystemFault(DigitizeError):
    code = "digitize.filesystem"
    vi = "Lỗi đọc/ghi tệp: {detail}"
    en = "File system error: {detail}"
    hint_vi = ("Hãy kiểm tra đường dẫn, quyền ghi và dung lượng ổ đĩa rồi chạy lại; dữ liệu đã "
               "lưu không bị ảnh hưởng.")
    hint_en = ("Check the path, write permission and free disk space, then run again; stored "
               "data is unaffected.")


class ArchiveReadOnly(DigitizeError):
    code = "digitize.archive_readonly"
    vi = "Không ghi được vào thư mục kho lưu trữ {detail} (chỉ đọc hoặc không có quyền)."
    en = "Cannot write to the archive folder {detail} (read-only or no permission)."
    hint_vi = "Hãy cấp quyền ghi cho thư mục, hoặc gắn lại ổ đĩa ở chế độ đọc-ghi."
    hint_en = "Give write permission on the folder, or remount the drive read-write."


class NoReadablePage(InputFileError):
    code = "digitize.no_readable_page"
    vi = "Không có trang nào đọc được trong các tệp đã cho: {detail}"
    en = "No readable page in the given files: {detail}"


class OutputNotEmpty(DigitizeError):
    code = "digitize.output_not_empty"
    exit_code = ExitCode.USAGE
    vi = "Thư mục đích {detail} đã có tệp; không ghi đè."
    en = "The output folder {detail} already holds files; not overwriting them."
    hint_vi = "Hãy chọn một thư mục mới hoặc thư mục trống."
    hint_en = "Choose a new or empty folder."


class WrongBackupPassphrase(DigitizeError):
    code = "digitize.wrong_backup_passphrase"
    vi = "Sai cụm mật khẩu của bản sao lưu khóa {detail}. Không có gì bị thay đổi."
    en = "Wrong passphrase for the key backup {detail}. Nothing was changed."
    hint_vi = "Dùng cụm mật khẩu đã đặt khi chạy `digitize keys backup`."
    hint_en = "Use the passphrase given to `digitize keys backup`."

