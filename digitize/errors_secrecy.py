"""Errors of the secrecy gate's wiring (issue #18): an incomplete record, a workstation that
is not really offline, an export target that is not removable."""

from __future__ import annotations

from digitize.errors import DigitizeError, ExitCode

__all__ = ["ExportNotRemovable", "NotOffline", "RecordIncomplete"]


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
