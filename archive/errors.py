"""Error types of the archive library (no import of digitize: a leaf)."""

from __future__ import annotations

from bilingual import BilingualError


class ArchiveError(BilingualError):
    """Base of the archive's errors: stable ``code``, ``exit_code``, ``vi``/``en`` templates."""

    code = "archive.error"
    exit_code = 1
    vi = "Lỗi kho lưu trữ: {detail}"
    en = "Archive error: {detail}"


class TamperedError(ArchiveError):
    code = "archive.tampered"
    exit_code = 3
    vi = "Phát hiện dữ liệu bị thay đổi hoặc hỏng: {detail}"
    en = "Tampering or corruption detected: {detail}"


class WrongPassphrase(ArchiveError):
    code = "archive.wrong_passphrase"
    vi = "Sai cụm mật khẩu của kho lưu trữ. Không có gì bị thay đổi."
    en = "Wrong archive passphrase. Nothing was changed."


class ArchiveNotFound(ArchiveError):
    code = "archive.not_found"
    vi = "Không có kho lưu trữ tại {detail}."
    en = "No archive at {detail}."
    hint_vi = "Hãy chạy `digitize init --office-code MÃ --office-name TÊN` trước."
    hint_en = "Run `digitize init --office-code CODE --office-name NAME` first."


class RecordNotFound(ArchiveError):
    code = "archive.record_not_found"
    vi = "Không tìm thấy bản ghi {detail}."
    en = "Record {detail} not found."


class StorageError(ArchiveError):
    code = "archive.storage"
    vi = "Lỗi kho lưu trữ trung tâm: {detail}"
    en = "Central storage error: {detail}"
    hint_vi = "Hàng đợi được giữ nguyên; hãy thử lại khi có kết nối."
    hint_en = "The queue is kept; try again when the connection is back."


class KeystoreExists(ArchiveError):
    code = "archive.keystore_exists"
    vi = "Đã có tệp khóa tại {detail}; không ghi đè."
    en = "A keystore already exists at {detail}; not overwriting it."
    hint_vi = "Hãy chọn đường dẫn khác hoặc chuyển tệp cũ đi nơi an toàn trước."
    hint_en = "Choose another path, or move the old file somewhere safe first."


class KeyBundleInvalid(ArchiveError):
    code = "archive.key_bundle_invalid"
    vi = "Tệp khóa công khai không hợp lệ: {detail}"
    en = "Invalid public key file: {detail}"
    hint_vi = "Hãy xin lại tệp khóa từ lưu trữ trung tâm và so dấu vân tay qua điện thoại."
    hint_en = "Ask central storage for the key file again and compare fingerprints by phone."


class NotARecipient(ArchiveError):
    code = "archive.not_a_recipient"
    vi = "Gói {detail} không được mã hóa cho khóa của đơn vị này."
    en = "Container {detail} is not encrypted for this office's keys."


# --- local accounts (issue 7) --------------------------------------------------------------


class BadCredentials(ArchiveError):
    code = "archive.bad_credentials"
    vi = "Sai tên đăng nhập hoặc mật khẩu, hoặc tài khoản đã bị khóa."
    en = "Wrong user name or password, or the account is disabled."
    hint_vi = "Hãy nhập lại; nếu quên mật khẩu, hãy nhờ quản trị viên đặt lại."
    hint_en = "Try again; if you forgot the password, ask an admin to reset it."


class AccountExists(ArchiveError):
    code = "archive.account_exists"
    vi = "Tài khoản {detail} đã có."
    en = "Account {detail} already exists."


class AccountNotFound(ArchiveError):
    code = "archive.account_not_found"
    vi = "Không có tài khoản {detail}."
    en = "No account {detail}."


class InvalidUsername(ArchiveError):
    code = "archive.invalid_username"
    vi = "Tên đăng nhập {detail} không hợp lệ (chữ thường không dấu, số, . _ -; 2–32 ký tự)."
    en = "User name {detail} is invalid (lower-case a–z, digits, . _ -; 2–32 characters)."


class WeakPassword(ArchiveError):
    code = "archive.weak_password"
    vi = "Mật khẩu quá ngắn: cần ít nhất {min} ký tự."
    en = "The password is too short: at least {min} characters are needed."


class WeakSecret(ArchiveError):
    code = "archive.weak_secret"
    vi = ("{what} quá yếu: cần ít nhất {min} ký tự, không lặp một ký tự và không phải mật khẩu "
          "thông dụng.")
    en = ("The {what_en} is too weak: at least {min} characters, not one repeated character and "
          "not a common password.")
    hint_vi = "Hãy dùng một câu dài vài từ, dễ nhớ với bạn nhưng khó đoán với người khác."
    hint_en = "Use a sentence of several words, easy for you to remember and hard to guess."


class AccountsNeedMigration(ArchiveError):
    code = "archive.accounts_migration"
    vi = "Tệp tài khoản theo định dạng cũ: quản trị viên cần đăng nhập một lần để chuyển đổi."
    en = "The accounts file has the old format: an admin must sign in once to convert it."


class RoleMaterialMissing(ArchiveError):
    code = "archive.role_material"
    vi = "Vai trò {detail} không giữ khóa cần cho việc này."
    en = "Role {detail} holds no key for this."
    hint_vi = "Hãy đăng nhập bằng tài khoản quản trị."
    hint_en = "Sign in with an admin account."


class LastAdmin(ArchiveError):
    code = "archive.last_admin"
    vi = "Không thể khóa {detail}: đó là quản trị viên cuối cùng còn hoạt động."
    en = "Cannot disable {detail}: it is the last active admin."


class SearchQueryError(ArchiveError):
    code = "archive.search_query"
    exit_code = 2
    vi = "Câu tìm kiếm không hợp lệ: {detail}"
    en = "Invalid search query: {detail}"
    hint_vi = 'Ví dụ: quyet dinh so hoa, "số hóa hồ sơ", 15/QĐ-UBND, lưu* NOT tạm'
    hint_en = 'Examples: quyet dinh so hoa, "số hóa hồ sơ", 15/QĐ-UBND, lưu* NOT tạm'


class SearchIndexMissing(ArchiveError):
    code = "archive.search_index_missing"
    vi = "Chỉ mục tìm kiếm bị thiếu hoặc hỏng: {detail}"
    en = "The search index is missing or damaged: {detail}"
    hint_vi = "Hãy chạy `digitize reindex` để dựng lại chỉ mục từ danh mục."
    hint_en = "Run `digitize reindex` to rebuild it from the catalog."


class StorageUnreachable(StorageError):
    code = "archive.storage_unreachable"
    vi = "Không kết nối được tới kho lưu trữ trung tâm {detail}."
    en = "Cannot connect to central storage {detail}."
    hint_vi = "Hàng đợi được giữ nguyên; hãy kiểm tra mạng và địa chỉ rồi chạy lại lệnh."
    hint_en = "The queue is kept; check the network and the address, then run the command again."


class StorageAuthError(StorageError):
    code = "archive.storage_auth"
    vi = "Kho lưu trữ trung tâm từ chối thông tin đăng nhập: {detail}"
    en = "Central storage refused the credentials: {detail}"
    hint_vi = ("Hãy kiểm tra AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY hoặc cài đặt kho; "
               "hàng đợi được giữ nguyên.")
    hint_en = "Check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or the settings; the queue is kept."


class StorageBucketMissing(StorageError):
    code = "archive.storage_bucket_missing"
    vi = "Kho lưu trữ trung tâm không có bucket {detail}."
    en = "Central storage has no bucket {detail}."
    hint_vi = "Hãy đề nghị quản trị kho trung tâm tạo bucket; hàng đợi được giữ nguyên."
    hint_en = "Ask the central storage administrator to create it; the queue is kept."


class StorageIntegrityError(StorageError):
    code = "archive.storage_integrity"
    exit_code = 3
    vi = "Dữ liệu trên kho trung tâm không khớp với gói đã gửi: {detail}"
    en = "The data on central storage does not match the package sent: {detail}"
    hint_vi = "Gói chưa được đánh dấu là đã gửi; chạy lại lệnh để gửi lại."
    hint_en = "The package is not marked as sent; run the command again to resend it."


class ExportTargetInvalid(ArchiveError):
    code = "archive.export_target"
    exit_code = 2
    vi = "Địa chỉ kho trung tâm không hợp lệ: {detail}"
    en = "Invalid central storage address: {detail}"
    hint_vi = "Dùng s3://bucket/thư-mục (với --endpoint) hoặc file:///đường/dẫn."
    hint_en = "Use s3://bucket/prefix (with --endpoint) or file:///path."


class NoCentralKey(ArchiveError):
    code = "archive.no_central_key"
    vi = ("Chưa nhập khóa công khai của lưu trữ trung tâm; gói gửi đi sẽ không ai ở trung tâm "
          "đọc được.")
    en = "No central archive public key imported; nobody at the centre could read the packages."
    hint_vi = ("Chạy `digitize keys import-central TỆP --label TÊN` và so dấu vân tay qua "
               "điện thoại.")
    hint_en = ("Run `digitize keys import-central FILE --label NAME` and compare the fingerprint "
               "by phone.")


class SipInvalid(ArchiveError):
    code = "archive.sip_invalid"
    vi = "Gói SIP_hoso không hợp lệ: {detail}"
    en = "Invalid SIP_hoso package: {detail}"


class PadesError(ArchiveError):
    code = "archive.pades"
    vi = "Lỗi chữ ký số PAdES: {detail}"
    en = "PAdES digital signature error: {detail}"


class SigningKeyUnavailable(PadesError):
    code = "archive.signing_key"
    exit_code = 2
    vi = "Không mở được khóa ký số ({detail}): sai mã PIN, thiếu USB token hoặc sai nhãn khóa."
    en = "Cannot open the signing key ({detail}): wrong PIN, token missing or wrong key label."
    hint_vi = "Cắm USB token, kiểm tra mã PIN và cấu hình `digitize sign setup`."
    hint_en = "Plug in the USB token, check the PIN and the `digitize sign setup` settings."


class SigningFileInvalid(PadesError):
    code = "archive.signing_file_invalid"
    exit_code = 2
    vi = "Tệp khóa ký số không phải là {detail}: tệp hỏng hoặc chọn nhầm tệp."
    en = "The signing key file is not a {detail} file: it is damaged or the wrong file."
    hint_vi = "Chọn lại tệp .p12/.pfx do tổ chức cung cấp chứng thư số cấp."
    hint_en = "Choose the .p12/.pfx file issued by the certificate authority again."


class PadesSigningFailed(PadesError):
    code = "archive.pades_sign_failed"
    vi = "Không ký số được tài liệu: {detail}"
    en = "The document could not be signed: {detail}"


class NotAPdf(PadesError):
    code = "archive.not_a_pdf"
    exit_code = 1
    vi = "{detail} không phải là tệp PDF."
    en = "{detail} is not a PDF file."
    hint_vi = "Hãy chọn đúng tệp PDF của văn bản."
    hint_en = "Choose the document's PDF file."


class PdfNotSigned(PadesError):
    code = "archive.pdf_not_signed"
    exit_code = 3
    vi = "Tài liệu {detail} chưa được ký số."
    en = "Document {detail} has no digital signature."


class PdfSignatureBroken(PadesError):
    code = "archive.pdf_signature_broken"
    exit_code = 3
    vi = "Tài liệu {detail} đã bị sửa đổi sau khi ký số; chữ ký không còn giá trị."
    en = "Document {detail} was modified after it was signed; the signature is void."


class CertificateExpired(PadesError):
    code = "archive.certificate_expired"
    exit_code = 3
    vi = "Chứng thư số ký tài liệu {detail} đã hết hạn hoặc chưa có hiệu lực."
    en = "The certificate that signed {detail} has expired or is not yet valid."
    hint_vi = "Cần gia hạn chứng thư số với tổ chức cung cấp dịch vụ chứng thực."
    hint_en = "Renew the certificate with the certification service provider."


class CertificateRevoked(PadesError):
    code = "archive.certificate_revoked"
    exit_code = 3
    vi = "Chứng thư số ký tài liệu {detail} đã bị thu hồi (theo danh sách CRL đã nhập)."
    en = "The certificate that signed {detail} is revoked (by the imported CRL)."


class CertificateUntrusted(PadesError):
    code = "archive.certificate_untrusted"
    exit_code = 3
    vi = "Chứng thư số ký tài liệu {detail} không xuất phát từ chứng thư gốc tin cậy."
    en = "The certificate that signed {detail} does not chain to a trusted root."
    hint_vi = "Quản trị viên nhập chứng thư gốc bằng `digitize sign trust GỐC.pem`."
    hint_en = "An administrator imports the root with `digitize sign trust ROOT.pem`."


class PadesSignatureInvalid(PadesError):
    code = "archive.pades_invalid"
    exit_code = 3
    vi = "Chữ ký số của tài liệu {detail} không hợp lệ."
    en = "The digital signature of {detail} is not valid."


class CrlOutdated(PadesError):
    code = "archive.crl_outdated"
    exit_code = 3
    vi = "Không kiểm tra được việc thu hồi chứng thư ký tài liệu {detail}: CRL đã nhập đã quá hạn."
    en = ("Cannot check whether the certificate that signed {detail} is revoked: the imported CRL "
          "is out of date.")
    hint_vi = "Tải CRL mới của tổ chức chứng thực và nhập bằng `digitize sign crl TỆP`."
    hint_en = "Download the CA's current CRL and import it with `digitize sign crl FILE`."


class DiskFull(ArchiveError):
    code = "archive.disk_full"
    vi = "Ổ đĩa chứa kho lưu trữ đã đầy; thao tác vừa rồi không được ghi ({detail})."
    en = "The archive's disk is full; the last operation was not written ({detail})."
    hint_vi = ("Hãy giải phóng dung lượng rồi chạy lại lệnh: công việc tiếp tục từ chỗ dừng, dữ "
               "liệu đã lưu không bị ảnh hưởng.")
    hint_en = ("Free some space and run the command again: work resumes where it stopped and "
               "stored data is unaffected.")


class CatalogDamaged(ArchiveError):
    code = "archive.catalog_damaged"
    exit_code = 3
    vi = ("Không mở được danh mục {detail}: tệp bị hỏng hoặc không thuộc kho này (cụm mật khẩu "
          "đúng). Không có gì bị thay đổi.")
    en = ("Cannot open the catalog {detail}: the file is damaged or belongs to another archive "
          "(the passphrase is right). Nothing was changed.")
    hint_vi = ("Hãy khôi phục kho từ bản sao lưu (digitize restore) hoặc dựng lại danh mục: "
               "digitize rebuild-catalog; các gói hồ sơ trong containers/ không bị đụng tới.")
    hint_en = ("Restore the archive from a backup (digitize restore) or rebuild the catalog: "
               "digitize rebuild-catalog; the record containers in containers/ are untouched.")


class CatalogCorrupt(ArchiveError):
    code = "archive.catalog_corrupt"
    exit_code = 3
    vi = "Danh mục catalog.db bị hỏng (SQLite integrity_check): {detail}"
    en = "The catalog catalog.db is damaged (SQLite integrity_check): {detail}"
    hint_vi = ("Các gói hồ sơ không bị ảnh hưởng. Hãy dựng lại danh mục từ chúng: "
               "digitize rebuild-catalog --force (danh mục cũ được giữ lại bên cạnh), hoặc "
               "khôi phục từ bản sao lưu: digitize restore.")
    hint_en = ("The record containers are unaffected. Rebuild the catalog from them: "
               "digitize rebuild-catalog --force (the old catalog is kept aside), or restore "
               "a backup: digitize restore.")


class CatalogMissing(ArchiveError):
    code = "archive.catalog_missing"
    exit_code = 3
    vi = ("Kho lưu trữ {detail} có gói hồ sơ và nhật ký nhưng thiếu danh mục catalog.db. "
          "Không tạo danh mục mới để tránh che mất hồ sơ.")
    en = ("The archive {detail} holds record containers and an audit log but its catalog "
          "catalog.db is missing. No new catalog is created, so no record is hidden.")
    hint_vi = ("Hãy khôi phục kho từ bản sao lưu (digitize restore), hoặc dựng lại danh mục từ "
               "các gói hồ sơ: digitize rebuild-catalog.")
    hint_en = ("Restore the archive from a backup (digitize restore), or rebuild the catalog "
               "from the containers: digitize rebuild-catalog.")


class PackageRejected(ArchiveError):
    """A package received at the centre fails a check; ``rule`` names which (issue #21)."""

    code = "archive.package_rejected"
    vi = "Gói {detail} bị từ chối (quy tắc {rule}): {reason}"
    en = "Package {detail} rejected (rule {rule}): {reason}"

    def __init__(self, detail: str = "", rule: str = "", reason: str = "") -> None:
        super().__init__(detail, rule=rule, reason=reason)
        self.rule = rule
        self.reason = reason


class AccountNotRekeyed(ArchiveError):
    code = "archive.account_not_rekeyed"
    vi = "Tài khoản {detail} chưa nhận khóa mới sau lần đổi khóa của cơ quan."
    en = "Account {detail} did not receive the new keys of the office's last key rotation."
    hint_vi = "Hãy nhờ quản trị viên đặt lại mật khẩu cho tài khoản này."
    hint_en = "Ask an admin to reset this account's password."
