"""Errors of the secrecy gate's wiring (issue #18): an incomplete record, a workstation that
is not really offline, an export target that is not removable."""

from __future__ import annotations

from digitize.errors import DigitizeError, ExitCode

__all__ = ["CosignRefused", "DeclassifiedPending", "ExportNotRemovable", "NotOffline",
           "RecordIncomplete", "SecretPagesWithheld"]


class RecordIncomplete(DigitizeError):
    code = "digitize.record_incomplete"
    vi = ("Có trang không đọc được nên không kiểm tra được dấu mật; hồ sơ bị dừng, không có gì "
          "được lưu: {detail}")
    en = ("A page could not be read, so it could not be checked for a secrecy mark; the record "
          "was stopped and nothing was kept: {detail}")
    hint_vi = "Hãy sửa hoặc quét lại tệp hỏng rồi xử lý lại cả hồ sơ."
    hint_en = "Repair or rescan the bad file, then process the whole record again."


class NotOffline(DigitizeError):
    code = "digitize.not_offline"
    vi = ("Máy trạm mật đang có kết nối mạng ({detail}); không được xử lý tài liệu mật khi "
          "còn giao diện mạng nào bật ngoài loopback.")
    en = ("The secrecy workstation has a network connection ({detail}); secret records may not "
          "be handled while any interface besides loopback is up.")
    hint_vi = "Hãy ngắt mọi kết nối mạng (tắt card mạng, Wi-Fi) rồi thử lại."
    hint_en = "Take every network interface down (cable, Wi-Fi), then try again."


class ExportNotRemovable(DigitizeError):
    code = "digitize.export_not_removable"
    exit_code = ExitCode.USAGE
    vi = "Máy trạm mật chỉ được xuất ra thiết bị lưu trữ rời; {detail} không phải thiết bị rời."
    en = "The secrecy workstation exports only to removable media; {detail} is not removable."
    hint_vi = "Hãy cắm USB/ổ rời và chọn thư mục trên thiết bị đó."
    hint_en = "Plug in a USB or removable drive and choose a folder on it."


class SecretPagesWithheld(DigitizeError):
    code = "digitize.secret_pages_withheld"
    vi = ("Hồ sơ {dossier}: trang {pages} mang dấu {mark}. Mọi dữ liệu của (các) trang đó đã bị "
          "xóa khỏi máy này; các trang khác được giữ ở hàng chờ, hồ sơ chưa được lưu hay xuất.")
    en = ("Dossier {dossier}: page {pages} bears {mark}. Everything of that page was deleted "
          "from this machine; the other pages are kept in capture, nothing was sealed or "
          "exported.")
    hint_vi = ("Hãy xem bản giấy: các trang sau trang đó thuộc cùng văn bản cũng là tài liệu mật "
               "dù không có dấu. Rồi chọn: bỏ trang mật và xử lý phần còn lại (digitize secret "
               "remove-pages ID, rồi chạy lại lệnh), hoặc chuyển cả hồ sơ sang máy trạm "
               "ngoại tuyến (digitize secret move-offline ID).")
    hint_en = ("Check the paper: pages after it that belong to the same document are secret too, "
               "even unstamped. Then either remove the secret pages and process the rest "
               "(digitize secret remove-pages ID, then run the command again) or move "
               "the whole dossier to the offline workstation (digitize secret move-offline "
               "ID).")


class DeclassifiedPending(DigitizeError):
    code = "digitize.declassified_pending"
    vi = ("Hồ sơ {dossier}: trang {pages} mang dấu GIẢI MẬT; trang chưa được xử lý và hồ sơ "
          "chưa được lưu cho đến khi người có quyền (lưu trữ viên, quản trị) xác nhận.")
    en = ("Dossier {dossier}: page {pages} bears a GIẢI MẬT (declassified) stamp; the page is "
          "not processed and the dossier not sealed until an archivist or admin confirms it.")
    hint_vi = ("Người có quyền đối chiếu dấu GIẢI MẬT trên bản giấy (ngày, người ký) rồi xác "
               "nhận (có ghi nhật ký): ngay trong phiên của người đã quét, bằng tên và mật khẩu "
               "của mình, hoặc: digitize secret confirm-declassified ID --page N [--confirmer "
               "TÊN --confirmer-password-file F].")
    hint_en = ("An archivist or admin checks the stamp on the paper (date, signer), then "
               "confirms (audited): in the session of whoever scanned it, with their own name "
               "and password, or: digitize secret confirm-declassified ID --page N "
               "[--confirmer NAME --confirmer-password-file F].")


class CosignRefused(DigitizeError):
    """A co-signed GIẢI MẬT confirmation refused; ``reason`` is one of :attr:`REASONS`."""

    code = "digitize.cosign_refused"
    vi = ("Không xác nhận được: {why_vi}. Chỉ tài khoản lưu trữ viên hoặc quản trị viên đang "
          "hoạt động, với đúng mật khẩu của mình, mới được xác nhận dấu GIẢI MẬT.")
    en = ("Not confirmed: {why_en}. Only an enabled archivist or admin account, with its own "
          "password, may confirm a GIẢI MẬT stamp.")
    hint_vi = "Người xác nhận hãy tự nhập tên đăng nhập và mật khẩu của mình."
    hint_en = "The confirmer types their own user name and password."
    REASONS = {
        "credentials": ("sai tên đăng nhập hoặc mật khẩu, hoặc tài khoản đã bị khóa",
                        "wrong user name or password, or the account is disabled"),
        "self": ("người xác nhận không được là chính người đang đăng nhập",
                 "the confirmer may not be the user signed in here"),
        "role": ("tài khoản này không phải lưu trữ viên hay quản trị viên",
                 "this account is not an archivist or admin"),
        "throttled": ("đã nhập sai quá nhiều lần; hãy đợi vài phút",
                      "too many failed attempts; wait a few minutes"),
    }

    def __init__(self, detail: str = "", reason: str = "credentials", **fields: object) -> None:
        why_vi, why_en = self.REASONS.get(reason, self.REASONS["credentials"])
        self.reason = reason
        super().__init__(detail, why_vi=why_vi, why_en=why_en, **fields)
