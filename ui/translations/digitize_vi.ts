<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN" sourcelanguage="vi_VN">
  <context>
    <name>digitize</name>
    <message>
      <source>Chế độ trình diễn — tài khoản: </source>
      <translation>Chế độ trình diễn — tài khoản: </translation>
    </message>
    <message>
      <source>Đồng ý</source>
      <translation>Đồng ý</translation>
    </message>
    <message>
      <source>Hủy</source>
      <translation>Hủy</translation>
    </message>
    <message>
      <source>Hãy báo quản trị viên (mã lỗi: {code}).</source>
      <translation>Hãy báo quản trị viên (mã lỗi: {code}).</translation>
    </message>
    <message>
      <source>Hãy cắm cáp, bật máy quét rồi bấm “Tìm máy quét”.</source>
      <translation>Hãy cắm cáp, bật máy quét rồi bấm “Tìm máy quét”.</translation>
    </message>
    <message>
      <source>Quản trị viên nhập khóa lưu trữ trung tâm ở “Quản trị và xuất” → “Khóa mã hóa”, rồi so dấu vân tay qua điện thoại.</source>
      <translation>Quản trị viên nhập khóa lưu trữ trung tâm ở “Quản trị và xuất” → “Khóa mã hóa”, rồi so dấu vân tay qua điện thoại.</translation>
    </message>
    <message>
      <source>Hãy chọn đúng thư mục kho, hoặc tạo kho mới ở màn hình thiết lập.</source>
      <translation>Hãy chọn đúng thư mục kho, hoặc tạo kho mới ở màn hình thiết lập.</translation>
    </message>
    <message>
      <source>Dùng cụm mật khẩu đã đặt khi sao lưu khóa.</source>
      <translation>Dùng cụm mật khẩu đã đặt khi sao lưu khóa.</translation>
    </message>
    <message>
      <source>Hãy báo quản trị viên: chỉ mục tra cứu cần được dựng lại.</source>
      <translation>Hãy báo quản trị viên: chỉ mục tra cứu cần được dựng lại.</translation>
    </message>
    <message>
      <source>Có lỗi</source>
      <translation>Có lỗi</translation>
    </message>
    <message>
      <source>Lỗi không mong đợi: {detail}</source>
      <translation>Lỗi không mong đợi: {detail}</translation>
    </message>
    <message>
      <source>Văn thư</source>
      <translation>Văn thư</translation>
    </message>
    <message>
      <source>Lưu trữ viên</source>
      <translation>Lưu trữ viên</translation>
    </message>
    <message>
      <source>Quản trị viên</source>
      <translation>Quản trị viên</translation>
    </message>
    <message>
      <source>Tổng quan</source>
      <translation>Tổng quan</translation>
    </message>
    <message>
      <source>Quét và nhập</source>
      <translation>Quét và nhập</translation>
    </message>
    <message>
      <source>Rà soát</source>
      <translation>Rà soát</translation>
    </message>
    <message>
      <source>Tra cứu</source>
      <translation>Tra cứu</translation>
    </message>
    <message>
      <source>Quản trị và xuất</source>
      <translation>Quản trị và xuất</translation>
    </message>
    <message>
      <source>Số hóa hồ sơ</source>
      <translation>Số hóa hồ sơ</translation>
    </message>
    <message>
      <source>Đã tạo kho lưu trữ</source>
      <translation>Đã tạo kho lưu trữ</translation>
    </message>
    <message>
      <source>Khóa màn hình</source>
      <translation>Khóa màn hình</translation>
    </message>
    <message>
      <source>Đăng xuất</source>
      <translation>Đăng xuất</translation>
    </message>
    <message>
      <source>&amp;Tệp</source>
      <translation>&amp;Tệp</translation>
    </message>
    <message>
      <source>Đổi mật khẩu của tôi…</source>
      <translation>Đổi mật khẩu của tôi…</translation>
    </message>
    <message>
      <source>Khóa màn hình ngay</source>
      <translation>Khóa màn hình ngay</translation>
    </message>
    <message>
      <source>Thoát</source>
      <translation>Thoát</translation>
    </message>
    <message>
      <source>Cụm mật khẩu của kho (dùng cho dòng lệnh và khôi phục), hãy ghi lại và cất nơi an toàn:

{p}</source>
      <translation>Cụm mật khẩu của kho (dùng cho dòng lệnh và khôi phục), hãy ghi lại và cất nơi an toàn:

{p}</translation>
    </message>
    <message>
      <source>{user} ({role})</source>
      <translation>{user} ({role})</translation>
    </message>
    <message>
      <source>Khôi phục tạo một kho mới trong thư mục trống; kho đang dùng không bị thay đổi.</source>
      <translation>Khôi phục tạo một kho mới trong thư mục trống; kho đang dùng không bị thay đổi.</translation>
    </message>
    <message>
      <source>Chọn thư mục sao lưu</source>
      <translation>Chọn thư mục sao lưu</translation>
    </message>
    <message>
      <source>Sao lưu lên máy chủ S3</source>
      <translation>Sao lưu lên máy chủ S3</translation>
    </message>
    <message>
      <source>Đích sao lưu (s3://thùng/tiền-tố):</source>
      <translation>Đích sao lưu (s3://thùng/tiền-tố):</translation>
    </message>
    <message>
      <source>Chưa sao lưu lần nào.</source>
      <translation>Chưa sao lưu lần nào.</translation>
    </message>
    <message>
      <source>Đích phải có dạng s3://thùng/tiền-tố.</source>
      <translation>Đích phải có dạng s3://thùng/tiền-tố.</translation>
    </message>
    <message>
      <source>Đã sao lưu {n} gói ({new} gói mới), mọi tệp đã được đọc lại và kiểm tra.</source>
      <translation>Đã sao lưu {n} gói ({new} gói mới), mọi tệp đã được đọc lại và kiểm tra.</translation>
    </message>
    <message>
      <source>Sao lưu toàn bộ kho…</source>
      <translation>Sao lưu toàn bộ kho…</translation>
    </message>
    <message>
      <source>Sao lưu lên máy chủ S3…</source>
      <translation>Sao lưu lên máy chủ S3…</translation>
    </message>
    <message>
      <source>Khôi phục từ bản sao lưu…</source>
      <translation>Khôi phục từ bản sao lưu…</translation>
    </message>
    <message>
      <source>Lần sao lưu gần nhất: {time} ({hours} giờ trước), vào {to}</source>
      <translation>Lần sao lưu gần nhất: {time} ({hours} giờ trước), vào {to}</translation>
    </message>
    <message>
      <source>Sao lưu kho</source>
      <translation>Sao lưu kho</translation>
    </message>
    <message>
      <source>Đổi khóa cơ quan</source>
      <translation>Đổi khóa cơ quan</translation>
    </message>
    <message>
      <source>Mật khẩu kho (mật khẩu lưu trữ của cơ quan):</source>
      <translation>Mật khẩu kho (mật khẩu lưu trữ của cơ quan):</translation>
    </message>
    <message>
      <source>Đang đổi khóa…</source>
      <translation>Đang đổi khóa…</translation>
    </message>
    <message>
      <source>Hãy sao lưu khóa lại ngay (bản sao cũ không mở được hồ sơ mới).</source>
      <translation>Hãy sao lưu khóa lại ngay (bản sao cũ không mở được hồ sơ mới).</translation>
    </message>
    <message>
      <source>Đang kiểm tra…</source>
      <translation>Đang kiểm tra…</translation>
    </message>
    <message>
      <source>Cơ quan sẽ có khóa mã hóa mới. Hồ sơ lưu từ nay chỉ mở được bằng khóa mới; hồ sơ đã lưu vẫn đọc được. Tài khoản lưu trữ viên và quản trị viên đang hoạt động nhận khóa mới; tài khoản chưa đăng nhập lần nào kể từ khi nâng cấp sẽ cần đặt lại mật khẩu. Sau khi đổi, hãy sao lưu khóa lại ngay.</source>
      <translation>Cơ quan sẽ có khóa mã hóa mới. Hồ sơ lưu từ nay chỉ mở được bằng khóa mới; hồ sơ đã lưu vẫn đọc được. Tài khoản lưu trữ viên và quản trị viên đang hoạt động nhận khóa mới; tài khoản chưa đăng nhập lần nào kể từ khi nâng cấp sẽ cần đặt lại mật khẩu. Sau khi đổi, hãy sao lưu khóa lại ngay.</translation>
    </message>
    <message>
      <source>Đã đổi khóa cơ quan (lần {epoch}). Dấu vân tay mới: {fp}.</source>
      <translation>Đã đổi khóa cơ quan (lần {epoch}). Dấu vân tay mới: {fp}.</translation>
    </message>
    <message>
      <source>⚠ Nhật ký kiểm toán không khớp với điểm kiểm tra đã lưu: kho có thể đã bị quay lui về bản cũ. Hãy báo người phụ trách an ninh.</source>
      <translation>⚠ Nhật ký kiểm toán không khớp với điểm kiểm tra đã lưu: kho có thể đã bị quay lui về bản cũ. Hãy báo người phụ trách an ninh.</translation>
    </message>
    <message>
      <source>Những nơi chưa kiểm tra không được tính là đạt: hãy kết nối hoặc gắn ổ rồi kiểm tra lại.</source>
      <translation>Những nơi chưa kiểm tra không được tính là đạt: hãy kết nối hoặc gắn ổ rồi kiểm tra lại.</translation>
    </message>
    <message>
      <source>Kiểm tra chữ ký, mã băm của mọi gói, sổ mục lục và nhật ký kiểm toán, đối chiếu với các điểm kiểm tra ở nơi xuất dữ liệu.</source>
      <translation>Kiểm tra chữ ký, mã băm của mọi gói, sổ mục lục và nhật ký kiểm toán, đối chiếu với các điểm kiểm tra ở nơi xuất dữ liệu.</translation>
    </message>
    <message>
      <source>Đổi khóa</source>
      <translation>Đổi khóa</translation>
    </message>
    <message>
      <source>Không đổi</source>
      <translation>Không đổi</translation>
    </message>
    <message>
      <source>Các tài khoản chưa nhận khóa mới, cần đặt lại mật khẩu: {names}.</source>
      <translation>Các tài khoản chưa nhận khóa mới, cần đặt lại mật khẩu: {names}.</translation>
    </message>
    <message>
      <source>✔ Toàn vẹn: đã kiểm tra {n} hồ sơ, không có sai lệch.</source>
      <translation>✔ Toàn vẹn: đã kiểm tra {n} hồ sơ, không có sai lệch.</translation>
    </message>
    <message>
      <source>✘ Phát hiện {k} sai lệch ({n} hồ sơ đã kiểm tra).</source>
      <translation>✘ Phát hiện {k} sai lệch ({n} hồ sơ đã kiểm tra).</translation>
    </message>
    <message>
      <source>Kiểm tra toàn bộ kho</source>
      <translation>Kiểm tra toàn bộ kho</translation>
    </message>
    <message>
      <source>Chọn tệp khóa công khai</source>
      <translation>Chọn tệp khóa công khai</translation>
    </message>
    <message>
      <source>Lưu bản sao khóa</source>
      <translation>Lưu bản sao khóa</translation>
    </message>
    <message>
      <source>Mật khẩu bản sao</source>
      <translation>Mật khẩu bản sao</translation>
    </message>
    <message>
      <source>Mật khẩu bảo vệ bản sao khóa:</source>
      <translation>Mật khẩu bảo vệ bản sao khóa:</translation>
    </message>
    <message>
      <source>tên đăng nhập</source>
      <translation>tên đăng nhập</translation>
    </message>
    <message>
      <source>mật khẩu ban đầu (≥ 8 ký tự)</source>
      <translation>mật khẩu ban đầu (≥ 8 ký tự)</translation>
    </message>
    <message>
      <source>Tạo tài khoản</source>
      <translation>Tạo tài khoản</translation>
    </message>
    <message>
      <source>Đặt lại mật khẩu</source>
      <translation>Đặt lại mật khẩu</translation>
    </message>
    <message>
      <source>Máy trạm ngoại tuyến xử lý tài liệu mật (không dùng mạng, không tải lên)</source>
      <translation>Máy trạm ngoại tuyến xử lý tài liệu mật (không dùng mạng, không tải lên)</translation>
    </message>
    <message>
      <source> phút</source>
      <translation> phút</translation>
    </message>
    <message>
      <source>không tự khóa</source>
      <translation>không tự khóa</translation>
    </message>
    <message>
      <source>Cơ quan</source>
      <translation>Cơ quan</translation>
    </message>
    <message>
      <source>Chế độ</source>
      <translation>Chế độ</translation>
    </message>
    <message>
      <source>Tự khóa sau</source>
      <translation>Tự khóa sau</translation>
    </message>
    <message>
      <source>Lưu cài đặt</source>
      <translation>Lưu cài đặt</translation>
    </message>
    <message>
      <source>Dấu vân tay khóa của cơ quan (đọc qua điện thoại để đối chiếu):</source>
      <translation>Dấu vân tay khóa của cơ quan (đọc qua điện thoại để đối chiếu):</translation>
    </message>
    <message>
      <source>Khóa mã hóa công khai của lưu trữ trung tâm đã nhập:</source>
      <translation>Khóa mã hóa công khai của lưu trữ trung tâm đã nhập:</translation>
    </message>
    <message>
      <source>Tên</source>
      <translation>Tên</translation>
    </message>
    <message>
      <source>Dấu vân tay</source>
      <translation>Dấu vân tay</translation>
    </message>
    <message>
      <source>Ngày nhập</source>
      <translation>Ngày nhập</translation>
    </message>
    <message>
      <source>Tên khóa</source>
      <translation>Tên khóa</translation>
    </message>
    <message>
      <source>Tên lưu trữ trung tâm:</source>
      <translation>Tên lưu trữ trung tâm:</translation>
    </message>
    <message>
      <source>Hãy chọn một khóa trong bảng.</source>
      <translation>Hãy chọn một khóa trong bảng.</translation>
    </message>
    <message>
      <source>Gỡ khóa trung tâm</source>
      <translation>Gỡ khóa trung tâm</translation>
    </message>
    <message>
      <source>Tên đăng nhập</source>
      <translation>Tên đăng nhập</translation>
    </message>
    <message>
      <source>Vai trò</source>
      <translation>Vai trò</translation>
    </message>
    <message>
      <source>Trạng thái</source>
      <translation>Trạng thái</translation>
    </message>
    <message>
      <source>Đổi mật khẩu lần cuối</source>
      <translation>Đổi mật khẩu lần cuối</translation>
    </message>
    <message>
      <source>Gỡ khóa</source>
      <translation>Gỡ khóa</translation>
    </message>
    <message>
      <source>Giữ khóa</source>
      <translation>Giữ khóa</translation>
    </message>
    <message>
      <source>Mật khẩu mới cho {u}:</source>
      <translation>Mật khẩu mới cho {u}:</translation>
    </message>
    <message>
      <source>Nhập khóa trung tâm…</source>
      <translation>Nhập khóa trung tâm…</translation>
    </message>
    <message>
      <source>Gỡ khóa trung tâm đã chọn</source>
      <translation>Gỡ khóa trung tâm đã chọn</translation>
    </message>
    <message>
      <source>Sao lưu khóa…</source>
      <translation>Sao lưu khóa…</translation>
    </message>
    <message>
      <source>Hồ sơ lưu từ nay sẽ không còn mã hóa cho “{label}” ({fp}). Hồ sơ đã lưu vẫn mở được bằng khóa này.</source>
      <translation>Hồ sơ lưu từ nay sẽ không còn mã hóa cho “{label}” ({fp}). Hồ sơ đã lưu vẫn mở được bằng khóa này.</translation>
    </message>
    <message>
      <source>Vô hiệu hóa / bật lại tài khoản</source>
      <translation>Vô hiệu hóa / bật lại tài khoản</translation>
    </message>
    <message>
      <source>đã vô hiệu hóa</source>
      <translation>đã vô hiệu hóa</translation>
    </message>
    <message>
      <source>hoạt động</source>
      <translation>hoạt động</translation>
    </message>
    <message>
      <source>Đổi khóa cơ quan…</source>
      <translation>Đổi khóa cơ quan…</translation>
    </message>
    <message>
      <source>Đã lưu cài đặt.</source>
      <translation>Đã lưu cài đặt.</translation>
    </message>
    <message>
      <source>Đã đặt lại mật khẩu.</source>
      <translation>Đã đặt lại mật khẩu.</translation>
    </message>
    <message>
      <source>Đã nhập khóa {label}. Dấu vân tay: {fp} — hãy đối chiếu qua điện thoại.</source>
      <translation>Đã nhập khóa {label}. Dấu vân tay: {fp} — hãy đối chiếu qua điện thoại.</translation>
    </message>
    <message>
      <source>Đã gỡ khóa {label}.</source>
      <translation>Đã gỡ khóa {label}.</translation>
    </message>
    <message>
      <source>Đã sao lưu khóa vào {p}.</source>
      <translation>Đã sao lưu khóa vào {p}.</translation>
    </message>
    <message>
      <source>Đã tạo tài khoản {u}.</source>
      <translation>Đã tạo tài khoản {u}.</translation>
    </message>
    <message>
      <source>Xác nhận đã giải mật trang này</source>
      <translation>Xác nhận đã giải mật trang này</translation>
    </message>
    <message>
      <source>Nhờ lưu trữ viên/quản trị viên xác nhận…</source>
      <translation>Nhờ lưu trữ viên/quản trị viên xác nhận…</translation>
    </message>
    <message>
      <source>Trang mang dấu GIẢI MẬT</source>
      <translation>Trang mang dấu GIẢI MẬT</translation>
    </message>
    <message>
      <source>Trang {p} mang dấu GIẢI MẬT: trang chưa được xử lý và hồ sơ chưa được lưu cho đến khi có người xác nhận.</source>
      <translation>Trang {p} mang dấu GIẢI MẬT: trang chưa được xử lý và hồ sơ chưa được lưu cho đến khi có người xác nhận.</translation>
    </message>
    <message>
      <source>Hãy đối chiếu dấu trên bản giấy (ngày, người ký) rồi xác nhận; việc xác nhận được ghi nhật ký.</source>
      <translation>Hãy đối chiếu dấu trên bản giấy (ngày, người ký) rồi xác nhận; việc xác nhận được ghi nhật ký.</translation>
    </message>
    <message>
      <source>Chỉ lưu trữ viên hoặc quản trị viên được xác nhận: hãy nhờ họ đối chiếu bản giấy rồi tự nhập tên và mật khẩu của họ ngay tại máy này. Hồ sơ được giữ ở đây, không mất trang nào.</source>
      <translation>Chỉ lưu trữ viên hoặc quản trị viên được xác nhận: hãy nhờ họ đối chiếu bản giấy rồi tự nhập tên và mật khẩu của họ ngay tại máy này. Hồ sơ được giữ ở đây, không mất trang nào.</translation>
    </message>
    <message>
      <source>Hồ sơ “{t}”: trang {p} mang dấu GIẢI MẬT, chờ xác nhận trước khi xử lý và lưu.</source>
      <translation>Hồ sơ “{t}”: trang {p} mang dấu GIẢI MẬT, chờ xác nhận trước khi xử lý và lưu.</translation>
    </message>
    <message>
      <source>Chỉ lưu trữ viên hoặc quản trị viên được xác nhận.</source>
      <translation>Chỉ lưu trữ viên hoặc quản trị viên được xác nhận.</translation>
    </message>
    <message>
      <source>Chưa xác nhận: trang vẫn chờ, hồ sơ chưa được lưu.</source>
      <translation>Chưa xác nhận: trang vẫn chờ, hồ sơ chưa được lưu.</translation>
    </message>
    <message>
      <source>Đã xác nhận trang {n} đã giải mật.</source>
      <translation>Đã xác nhận trang {n} đã giải mật.</translation>
    </message>
    <message>
      <source>Xác nhận đã giải mật</source>
      <translation>Xác nhận đã giải mật</translation>
    </message>
    <message>
      <source>Chưa xác nhận</source>
      <translation>Chưa xác nhận</translation>
    </message>
    <message>
      <source>Trang {n} của hồ sơ “{t}” mang dấu GIẢI MẬT. Chỉ xác nhận khi đã đối chiếu dấu trên bản giấy (ngày, người ký). Việc xác nhận được ghi nhật ký với tên bạn; sau đó trang được xử lý như tài liệu thường.</source>
      <translation>Trang {n} của hồ sơ “{t}” mang dấu GIẢI MẬT. Chỉ xác nhận khi đã đối chiếu dấu trên bản giấy (ngày, người ký). Việc xác nhận được ghi nhật ký với tên bạn; sau đó trang được xử lý như tài liệu thường.</translation>
    </message>
    <message>
      <source>Trang {n}</source>
      <translation>Trang {n}</translation>
    </message>
    <message>
      <source>{u} đã xác nhận.</source>
      <translation>{u} đã xác nhận.</translation>
    </message>
    <message>
      <source>Cỡ ảnh thu nhỏ</source>
      <translation>Cỡ ảnh thu nhỏ</translation>
    </message>
    <message>
      <source>Đã hoàn tác: {what}.</source>
      <translation>Đã hoàn tác: {what}.</translation>
    </message>
    <message>
      <source>Đã {what}.</source>
      <translation>Đã {what}.</translation>
    </message>
    <message>
      <source>Cỡ</source>
      <translation>Cỡ</translation>
    </message>
    <message>
      <source>Hãy chọn một trang.</source>
      <translation>Hãy chọn một trang.</translation>
    </message>
    <message>
      <source>Trang này đã bị xóa khỏi máy này vì mang dấu mật.</source>
      <translation>Trang này đã bị xóa khỏi máy này vì mang dấu mật.</translation>
    </message>
    <message>
      <source>xoay trang</source>
      <translation>xoay trang</translation>
    </message>
    <message>
      <source>xóa trang</source>
      <translation>xóa trang</translation>
    </message>
    <message>
      <source>Xoay trái</source>
      <translation>Xoay trái</translation>
    </message>
    <message>
      <source>Xoay phải</source>
      <translation>Xoay phải</translation>
    </message>
    <message>
      <source>Lên trước</source>
      <translation>Lên trước</translation>
    </message>
    <message>
      <source>Ra sau</source>
      <translation>Ra sau</translation>
    </message>
    <message>
      <source>Xóa trang (Delete)</source>
      <translation>Xóa trang (Delete)</translation>
    </message>
    <message>
      <source>Quét lại trang</source>
      <translation>Quét lại trang</translation>
    </message>
    <message>
      <source>Hoàn tác (Ctrl+Z)</source>
      <translation>Hoàn tác (Ctrl+Z)</translation>
    </message>
    <message>
      <source>{n} trang trong hồ sơ</source>
      <translation>{n} trang trong hồ sơ</translation>
    </message>
    <message>
      <source>chuyển trang</source>
      <translation>chuyển trang</translation>
    </message>
    <message>
      <source>Quét lại</source>
      <translation>Quét lại</translation>
    </message>
    <message>
      <source>Giữ ảnh cũ</source>
      <translation>Giữ ảnh cũ</translation>
    </message>
    <message>
      <source>Quét lại trang {n}</source>
      <translation>Quét lại trang {n}</translation>
    </message>
    <message>
      <source>Ảnh hiện tại của trang {n} sẽ được thay bằng ảnh quét mới. Đặt trang vào máy quét rồi chọn “Quét lại”.</source>
      <translation>Ảnh hiện tại của trang {n} sẽ được thay bằng ảnh quét mới. Đặt trang vào máy quét rồi chọn “Quét lại”.</translation>
    </message>
    <message>
      <source>Ctrl+Z để hoàn tác.</source>
      <translation>Ctrl+Z để hoàn tác.</translation>
    </message>
    <message>
      <source>Trang {n}.</source>
      <translation>Trang {n}.</translation>
    </message>
    <message>
      <source>Đã quét lại trang {n}.</source>
      <translation>Đã quét lại trang {n}.</translation>
    </message>
    <message>
      <source>Nếu khai báo nhầm, chọn “Không mang dấu mật”. Tài liệu mật phải đưa sang máy trạm ngoại tuyến.</source>
      <translation>Nếu khai báo nhầm, chọn “Không mang dấu mật”. Tài liệu mật phải đưa sang máy trạm ngoại tuyến.</translation>
    </message>
    <message>
      <source>Khai báo tài liệu mật</source>
      <translation>Khai báo tài liệu mật</translation>
    </message>
    <message>
      <source>Tài liệu mật</source>
      <translation>Tài liệu mật</translation>
    </message>
    <message>
      <source>Tài liệu mang dấu {mark} không được xử lý trên máy có kết nối mạng.</source>
      <translation>Tài liệu mang dấu {mark} không được xử lý trên máy có kết nối mạng.</translation>
    </message>
    <message>
      <source>Không có gì được quét hay nhập; hồ sơ trống sẽ bị hủy.</source>
      <translation>Không có gì được quét hay nhập; hồ sơ trống sẽ bị hủy.</translation>
    </message>
    <message>
      <source>Hủy hồ sơ này</source>
      <translation>Hủy hồ sơ này</translation>
    </message>
    <message>
      <source>Giữ hồ sơ</source>
      <translation>Giữ hồ sơ</translation>
    </message>
    <message>
      <source>Chưa làm gì: hồ sơ và các trang được giữ nguyên.</source>
      <translation>Chưa làm gì: hồ sơ và các trang được giữ nguyên.</translation>
    </message>
    <message>
      <source>Hãy chọn một hồ sơ.</source>
      <translation>Hãy chọn một hồ sơ.</translation>
    </message>
    <message>
      <source>Đổi tên hồ sơ</source>
      <translation>Đổi tên hồ sơ</translation>
    </message>
    <message>
      <source>Tiêu đề mới:</source>
      <translation>Tiêu đề mới:</translation>
    </message>
    <message>
      <source>Xóa hồ sơ</source>
      <translation>Xóa hồ sơ</translation>
    </message>
    <message>
      <source>Đã xóa hồ sơ “{t}” ({n} trang).</source>
      <translation>Đã xóa hồ sơ “{t}” ({n} trang).</translation>
    </message>
    <message>
      <source>Hồ sơ “{t}” và {n} trang đã quét sẽ bị hủy, không hoàn tác được.</source>
      <translation>Hồ sơ “{t}” và {n} trang đã quét sẽ bị hủy, không hoàn tác được.</translation>
    </message>
    <message>
      <source>Đã hủy {n} trang của hồ sơ “{t}”.</source>
      <translation>Đã hủy {n} trang của hồ sơ “{t}”.</translation>
    </message>
    <message>
      <source>Xóa hồ sơ “{t}” và {n} trang đã quét? Không hoàn tác được.</source>
      <translation>Xóa hồ sơ “{t}” và {n} trang đã quét? Không hoàn tác được.</translation>
    </message>
    <message>
      <source>Trang {p} mang dấu {mark}.</source>
      <translation>Trang {p} mang dấu {mark}.</translation>
    </message>
    <message>
      <source>Đã đổi tên hồ sơ.</source>
      <translation>Đã đổi tên hồ sơ.</translation>
    </message>
    <message>
      <source>Kéo thả tệp ảnh hoặc PDF vào đây để nhập.</source>
      <translation>Kéo thả tệp ảnh hoặc PDF vào đây để nhập.</translation>
    </message>
    <message>
      <source>Hồ sơ chưa đặt tên</source>
      <translation>Hồ sơ chưa đặt tên</translation>
    </message>
    <message>
      <source>Chọn tệp để nhập</source>
      <translation>Chọn tệp để nhập</translation>
    </message>
    <message>
      <source>Ảnh và PDF (*.jpg *.jpeg *.png *.tif *.tiff *.bmp *.webp *.pdf)</source>
      <translation>Ảnh và PDF (*.jpg *.jpeg *.png *.tif *.tiff *.bmp *.webp *.pdf)</translation>
    </message>
    <message>
      <source>Quét và nhập trang</source>
      <translation>Quét và nhập trang</translation>
    </message>
    <message>
      <source>Hãy tạo hoặc chọn một hồ sơ trước.</source>
      <translation>Hãy tạo hoặc chọn một hồ sơ trước.</translation>
    </message>
    <message>
      <source>Hãy khai báo tài liệu có mang dấu mật hay không trước khi quét.</source>
      <translation>Hãy khai báo tài liệu có mang dấu mật hay không trước khi quét.</translation>
    </message>
    <message>
      <source>Đã nhập {n} trang.</source>
      <translation>Đã nhập {n} trang.</translation>
    </message>
    <message>
      <source>Hồ sơ này đã ở trong hàng chờ xử lý.</source>
      <translation>Hồ sơ này đã ở trong hàng chờ xử lý.</translation>
    </message>
    <message>
      <source>Tìm thấy {n} máy quét.</source>
      <translation>Tìm thấy {n} máy quét.</translation>
    </message>
    <message>
      <source>Đã quét {n} trang.</source>
      <translation>Đã quét {n} trang.</translation>
    </message>
    <message>
      <source>Đã đưa “{t}” vào hàng chờ xử lý ({n} hồ sơ đang chờ). Có thể quét hoặc nhập hồ sơ tiếp theo.</source>
      <translation>Đã đưa “{t}” vào hàng chờ xử lý ({n} hồ sơ đang chờ). Có thể quét hoặc nhập hồ sơ tiếp theo.</translation>
    </message>
    <message>
      <source>đã lưu: {p} trang, {d} tài liệu</source>
      <translation>đã lưu: {p} trang, {d} tài liệu</translation>
    </message>
    <message>
      <source>Đã lưu hồ sơ {id}: {p} trang, {d} tài liệu.</source>
      <translation>Đã lưu hồ sơ {id}: {p} trang, {d} tài liệu.</translation>
    </message>
    <message>
      <source>lỗi: {e}</source>
      <translation>lỗi: {e}</translation>
    </message>
    <message>
      <source>Bỏ qua: {files}</source>
      <translation>Bỏ qua: {files}</translation>
    </message>
    <message>
      <source>Quét</source>
      <translation>Quét</translation>
    </message>
    <message>
      <source>Nhập tệp</source>
      <translation>Nhập tệp</translation>
    </message>
    <message>
      <source>Xử lý {t}</source>
      <translation>Xử lý {t}</translation>
    </message>
    <message>
      <source>Bỏ trang này và lưu phần còn lại</source>
      <translation>Bỏ trang này và lưu phần còn lại</translation>
    </message>
    <message>
      <source>Chuyển hồ sơ sang máy không nối mạng</source>
      <translation>Chuyển hồ sơ sang máy không nối mạng</translation>
    </message>
    <message>
      <source>Trang mang dấu mật</source>
      <translation>Trang mang dấu mật</translation>
    </message>
    <message>
      <source>Bỏ các trang này và lưu phần còn lại</source>
      <translation>Bỏ các trang này và lưu phần còn lại</translation>
    </message>
    <message>
      <source>Hồ sơ “{t}”: trang {p} mang dấu {mark} nên đã bị xóa khỏi máy này; các trang khác được giữ. Chọn: bỏ trang mật và lưu phần còn lại, hoặc chuyển hồ sơ sang máy không nối mạng.</source>
      <translation>Hồ sơ “{t}”: trang {p} mang dấu {mark} nên đã bị xóa khỏi máy này; các trang khác được giữ. Chọn: bỏ trang mật và lưu phần còn lại, hoặc chuyển hồ sơ sang máy không nối mạng.</translation>
    </message>
    <message>
      <source>Trang {p} mang dấu {mark}: mọi dữ liệu của trang đã bị xóa khỏi máy này, các trang khác được giữ; hồ sơ chưa được lưu. Hãy xem bản giấy: các trang sau thuộc cùng văn bản cũng là tài liệu mật dù không có dấu.</source>
      <translation>Trang {p} mang dấu {mark}: mọi dữ liệu của trang đã bị xóa khỏi máy này, các trang khác được giữ; hồ sơ chưa được lưu. Hãy xem bản giấy: các trang sau thuộc cùng văn bản cũng là tài liệu mật dù không có dấu.</translation>
    </message>
    <message>
      <source>Xóa ở máy này và chuyển</source>
      <translation>Xóa ở máy này và chuyển</translation>
    </message>
    <message>
      <source>Đã xóa hồ sơ “{t}” khỏi máy này ({n} trang); hãy xử lý bản giấy ở máy trạm không nối mạng.</source>
      <translation>Đã xóa hồ sơ “{t}” khỏi máy này ({n} trang); hãy xử lý bản giấy ở máy trạm không nối mạng.</translation>
    </message>
    <message>
      <source>Mọi trang của hồ sơ “{t}” sẽ bị xóa khỏi máy này; bản giấy được đưa sang máy trạm không nối mạng để xử lý ở đó. Không hoàn tác được.</source>
      <translation>Mọi trang của hồ sơ “{t}” sẽ bị xóa khỏi máy này; bản giấy được đưa sang máy trạm không nối mạng để xử lý ở đó. Không hoàn tác được.</translation>
    </message>
    <message>
      <source>Đã bỏ trang {p}; phần còn lại đang được xử lý và lưu.</source>
      <translation>Đã bỏ trang {p}; phần còn lại đang được xử lý và lưu.</translation>
    </message>
    <message>
      <source>Làm mới</source>
      <translation>Làm mới</translation>
    </message>
    <message>
      <source>Theo tháng</source>
      <translation>Theo tháng</translation>
    </message>
    <message>
      <source>Theo loại văn bản</source>
      <translation>Theo loại văn bản</translation>
    </message>
    <message>
      <source>Tổng quan tiến độ số hóa</source>
      <translation>Tổng quan tiến độ số hóa</translation>
    </message>
    <message>
      <source>Trang chờ rà soát (độ tin cậy thấp hoặc có cảnh báo chất lượng)</source>
      <translation>Trang chờ rà soát (độ tin cậy thấp hoặc có cảnh báo chất lượng)</translation>
    </message>
    <message>
      <source>chưa có bản sao lưu</source>
      <translation>chưa có bản sao lưu</translation>
    </message>
    <message>
      <source>cảnh báo chất lượng</source>
      <translation>cảnh báo chất lượng</translation>
    </message>
    <message>
      <source>Hồ sơ</source>
      <translation>Hồ sơ</translation>
    </message>
    <message>
      <source>Đã số hóa, ký số và lưu</source>
      <translation>Đã số hóa, ký số và lưu</translation>
    </message>
    <message>
      <source>Đã gửi lưu trữ trung tâm</source>
      <translation>Đã gửi lưu trữ trung tâm</translation>
    </message>
    <message>
      <source>Trang đã số hóa</source>
      <translation>Trang đã số hóa</translation>
    </message>
    <message>
      <source>Trang chờ rà soát</source>
      <translation>Trang chờ rà soát</translation>
    </message>
    <message>
      <source>Bản sao lưu gần nhất</source>
      <translation>Bản sao lưu gần nhất</translation>
    </message>
    <message>
      <source>{hours} giờ trước</source>
      <translation>{hours} giờ trước</translation>
    </message>
    <message>
      <source>Lúc {time}, vào {to}</source>
      <translation>Lúc {time}, vào {to}</translation>
    </message>
    <message>
      <source>Trang</source>
      <translation>Trang</translation>
    </message>
    <message>
      <source>Tài liệu</source>
      <translation>Tài liệu</translation>
    </message>
    <message>
      <source>độ tin cậy {c:.0f}%</source>
      <translation>độ tin cậy {c:.0f}%</translation>
    </message>
    <message>
      <source>{title} — trang {seq}: {reason}</source>
      <translation>{title} — trang {seq}: {reason}</translation>
    </message>
    <message>
      <source>chờ gửi</source>
      <translation>chờ gửi</translation>
    </message>
    <message>
      <source>đã gửi</source>
      <translation>đã gửi</translation>
    </message>
    <message>
      <source>loại trừ</source>
      <translation>loại trừ</translation>
    </message>
    <message>
      <source>lỗi</source>
      <translation>lỗi</translation>
    </message>
    <message>
      <source>đang chờ</source>
      <translation>đang chờ</translation>
    </message>
    <message>
      <source>trong hàng đợi</source>
      <translation>trong hàng đợi</translation>
    </message>
    <message>
      <source>đang tải lên</source>
      <translation>đang tải lên</translation>
    </message>
    <message>
      <source>tài liệu mật</source>
      <translation>tài liệu mật</translation>
    </message>
    <message>
      <source>chưa lưu</source>
      <translation>chưa lưu</translation>
    </message>
    <message>
      <source>Xuất dữ liệu</source>
      <translation>Xuất dữ liệu</translation>
    </message>
    <message>
      <source>Khóa mã hóa</source>
      <translation>Khóa mã hóa</translation>
    </message>
    <message>
      <source>Sao lưu</source>
      <translation>Sao lưu</translation>
    </message>
    <message>
      <source>Tài khoản</source>
      <translation>Tài khoản</translation>
    </message>
    <message>
      <source>Cài đặt</source>
      <translation>Cài đặt</translation>
    </message>
    <message>
      <source>Kiểm tra</source>
      <translation>Kiểm tra</translation>
    </message>
    <message>
      <source>Địa chỉ máy chủ S3 (tùy chọn)</source>
      <translation>Địa chỉ máy chủ S3 (tùy chọn)</translation>
    </message>
    <message>
      <source>Dừng sau phần đang gửi; hồ sơ chưa gửi vẫn trong hàng đợi cho lần xuất sau.</source>
      <translation>Dừng sau phần đang gửi; hồ sơ chưa gửi vẫn trong hàng đợi cho lần xuất sau.</translation>
    </message>
    <message>
      <source>Báo cáo xuất dữ liệu sẽ hiện ở đây.</source>
      <translation>Báo cáo xuất dữ liệu sẽ hiện ở đây.</translation>
    </message>
    <message>
      <source>Quản trị và xuất dữ liệu</source>
      <translation>Quản trị và xuất dữ liệu</translation>
    </message>
    <message>
      <source>Đích (s3://… hoặc file:///…)</source>
      <translation>Đích (s3://… hoặc file:///…)</translation>
    </message>
    <message>
      <source>Phiên bản</source>
      <translation>Phiên bản</translation>
    </message>
    <message>
      <source>Dung lượng</source>
      <translation>Dung lượng</translation>
    </message>
    <message>
      <source>Ghi chú</source>
      <translation>Ghi chú</translation>
    </message>
    <message>
      <source>Hãy nhập đích xuất dữ liệu.</source>
      <translation>Hãy nhập đích xuất dữ liệu.</translation>
    </message>
    <message>
      <source>Đang hủy sau phần đang gửi…</source>
      <translation>Đang hủy sau phần đang gửi…</translation>
    </message>
    <message>
      <source>Đã hủy trước khi gửi; hàng đợi giữ nguyên.</source>
      <translation>Đã hủy trước khi gửi; hàng đợi giữ nguyên.</translation>
    </message>
    <message>
      <source>Xong.</source>
      <translation>Xong.</translation>
    </message>
    <message>
      <source>Xem hàng đợi</source>
      <translation>Xem hàng đợi</translation>
    </message>
    <message>
      <source>Xuất / Tiếp tục</source>
      <translation>Xuất / Tiếp tục</translation>
    </message>
    <message>
      <source>Đã hủy: {sent} hồ sơ đã gửi, {queued} hồ sơ chưa gửi vẫn trong hàng đợi cho lần xuất sau.</source>
      <translation>Đã hủy: {sent} hồ sơ đã gửi, {queued} hồ sơ chưa gửi vẫn trong hàng đợi cho lần xuất sau.</translation>
    </message>
    <message>
      <source>{done} / {total} — {speed}/giây — còn {left} giây</source>
      <translation>{done} / {total} — {speed}/giây — còn {left} giây</translation>
    </message>
    <message>
      <source>Chọn…</source>
      <translation>Chọn…</translation>
    </message>
    <message>
      <source>Khôi phục từ bản sao lưu</source>
      <translation>Khôi phục từ bản sao lưu</translation>
    </message>
    <message>
      <source>Kho được khôi phục vào một thư mục mới (hoặc trống); kho đang dùng không bị thay đổi. Cần cụm mật khẩu của kho (ghi lại khi tạo kho).</source>
      <translation>Kho được khôi phục vào một thư mục mới (hoặc trống); kho đang dùng không bị thay đổi. Cần cụm mật khẩu của kho (ghi lại khi tạo kho).</translation>
    </message>
    <message>
      <source>thư mục, hoặc s3://bucket/tiền-tố</source>
      <translation>thư mục, hoặc s3://bucket/tiền-tố</translation>
    </message>
    <message>
      <source>Bản mới nhất</source>
      <translation>Bản mới nhất</translation>
    </message>
    <message>
      <source>Bản sao lưu ở</source>
      <translation>Bản sao lưu ở</translation>
    </message>
    <message>
      <source>Máy chủ S3</source>
      <translation>Máy chủ S3</translation>
    </message>
    <message>
      <source>Khóa truy cập S3</source>
      <translation>Khóa truy cập S3</translation>
    </message>
    <message>
      <source>Khóa bí mật S3</source>
      <translation>Khóa bí mật S3</translation>
    </message>
    <message>
      <source>Bản sao lưu</source>
      <translation>Bản sao lưu</translation>
    </message>
    <message>
      <source>Thư mục kho mới</source>
      <translation>Thư mục kho mới</translation>
    </message>
    <message>
      <source>Cụm mật khẩu của kho</source>
      <translation>Cụm mật khẩu của kho</translation>
    </message>
    <message>
      <source>Khôi phục</source>
      <translation>Khôi phục</translation>
    </message>
    <message>
      <source>Chọn thư mục trống cho kho mới</source>
      <translation>Chọn thư mục trống cho kho mới</translation>
    </message>
    <message>
      <source>Đang khôi phục và kiểm tra từng tệp…</source>
      <translation>Đang khôi phục và kiểm tra từng tệp…</translation>
    </message>
    <message>
      <source>Mở kho vừa khôi phục</source>
      <translation>Mở kho vừa khôi phục</translation>
    </message>
    <message>
      <source>để trống: dùng biến AWS của máy</source>
      <translation>để trống: dùng biến AWS của máy</translation>
    </message>
    <message>
      <source>Không thấy bản sao lưu nào ở đây.</source>
      <translation>Không thấy bản sao lưu nào ở đây.</translation>
    </message>
    <message>
      <source>Hãy chọn bản sao lưu (thư mục hoặc s3://…), thư mục kho mới và nhập cụm mật khẩu của kho.</source>
      <translation>Hãy chọn bản sao lưu (thư mục hoặc s3://…), thư mục kho mới và nhập cụm mật khẩu của kho.</translation>
    </message>
    <message>
      <source>Khôi phục kho</source>
      <translation>Khôi phục kho</translation>
    </message>
    <message>
      <source>Đang hủy…</source>
      <translation>Đang hủy…</translation>
    </message>
    <message>
      <source>Mở kho</source>
      <translation>Mở kho</translation>
    </message>
    <message>
      <source>Để sau</source>
      <translation>Để sau</translation>
    </message>
    <message>
      <source>Đã hủy; không có gì được ghi.</source>
      <translation>Đã hủy; không có gì được ghi.</translation>
    </message>
    <message>
      <source>Đã khôi phục bản sao lưu {snap} ({n} gói) vào {path}; mọi tệp đã được kiểm tra.</source>
      <translation>Đã khôi phục bản sao lưu {snap} ({n} gói) vào {path}; mọi tệp đã được kiểm tra.</translation>
    </message>
    <message>
      <source>Đăng xuất và mở kho vừa khôi phục tại {path}?</source>
      <translation>Đăng xuất và mở kho vừa khôi phục tại {path}?</translation>
    </message>
    <message>
      <source>Mở kho vừa khôi phục tại {path}?</source>
      <translation>Mở kho vừa khôi phục tại {path}?</translation>
    </message>
    <message>
      <source>Đã bỏ các sửa chưa lưu.</source>
      <translation>Đã bỏ các sửa chưa lưu.</translation>
    </message>
    <message>
      <source>Đã mở lại các sửa chưa lưu của lần trước ({n} tài liệu, {p} trang; giữ lúc {when}). Lưu để ghi lại, hoặc “Bỏ sửa chưa lưu”.</source>
      <translation>Đã mở lại các sửa chưa lưu của lần trước ({n} tài liệu, {p} trang; giữ lúc {when}). Lưu để ghi lại, hoặc “Bỏ sửa chưa lưu”.</translation>
    </message>
    <message>
      <source>Hồ sơ đã có phiên bản mới hơn từ khi sửa: hãy xem lại.</source>
      <translation>Hồ sơ đã có phiên bản mới hơn từ khi sửa: hãy xem lại.</translation>
    </message>
    <message>
      <source>Bỏ sửa chưa lưu</source>
      <translation>Bỏ sửa chưa lưu</translation>
    </message>
    <message>
      <source>Bỏ các sửa</source>
      <translation>Bỏ các sửa</translation>
    </message>
    <message>
      <source>Giữ lại</source>
      <translation>Giữ lại</translation>
    </message>
    <message>
      <source>Bỏ {n} sửa chưa lưu của hồ sơ này? Các trường và trang sẽ trở lại như bản đã lưu.</source>
      <translation>Bỏ {n} sửa chưa lưu của hồ sơ này? Các trường và trang sẽ trở lại như bản đã lưu.</translation>
    </message>
    <message>
      <source>Độ tin cậy thấp — hãy kiểm tra</source>
      <translation>Độ tin cậy thấp — hãy kiểm tra</translation>
    </message>
    <message>
      <source>trang {n}</source>
      <translation>trang {n}</translation>
    </message>
    <message>
      <source>Đã lưu.</source>
      <translation>Đã lưu.</translation>
    </message>
    <message>
      <source>Ảnh gốc</source>
      <translation>Ảnh gốc</translation>
    </message>
    <message>
      <source>Đổi tên…</source>
      <translation>Đổi tên…</translation>
    </message>
    <message>
      <source>Đổi tiêu đề hồ sơ: niêm phong thành phiên bản mới</source>
      <translation>Đổi tiêu đề hồ sơ: niêm phong thành phiên bản mới</translation>
    </message>
    <message>
      <source>Tách từ trang này</source>
      <translation>Tách từ trang này</translation>
    </message>
    <message>
      <source>Trang đang xem bắt đầu một tài liệu mới</source>
      <translation>Trang đang xem bắt đầu một tài liệu mới</translation>
    </message>
    <message>
      <source>Gộp với tài liệu sau</source>
      <translation>Gộp với tài liệu sau</translation>
    </message>
    <message>
      <source>Trả các trường và trang của hồ sơ này về bản đã lưu</source>
      <translation>Trả các trường và trang của hồ sơ này về bản đã lưu</translation>
    </message>
    <message>
      <source>Lưu (Ctrl+S)</source>
      <translation>Lưu (Ctrl+S)</translation>
    </message>
    <message>
      <source>Trường đáng ngờ tiếp (F2)</source>
      <translation>Trường đáng ngờ tiếp (F2)</translation>
    </message>
    <message>
      <source>Lưu và tiếp (Ctrl+Enter)</source>
      <translation>Lưu và tiếp (Ctrl+Enter)</translation>
    </message>
    <message>
      <source>Đã tách tài liệu.</source>
      <translation>Đã tách tài liệu.</translation>
    </message>
    <message>
      <source>Đã gộp tài liệu.</source>
      <translation>Đã gộp tài liệu.</translation>
    </message>
    <message>
      <source>◀ Trang</source>
      <translation>◀ Trang</translation>
    </message>
    <message>
      <source>Trang ▶</source>
      <translation>Trang ▶</translation>
    </message>
    <message>
      <source>Vừa khung</source>
      <translation>Vừa khung</translation>
    </message>
    <message>
      <source>Không còn trường nào đáng ngờ.</source>
      <translation>Không còn trường nào đáng ngờ.</translation>
    </message>
    <message>
      <source>Đã đổi tên hồ sơ (niêm phong thành phiên bản mới).</source>
      <translation>Đã đổi tên hồ sơ (niêm phong thành phiên bản mới).</translation>
    </message>
    <message>
      <source>Hãy mở trang đầu của phần cần tách (không phải trang 1 của tài liệu).</source>
      <translation>Hãy mở trang đầu của phần cần tách (không phải trang 1 của tài liệu).</translation>
    </message>
    <message>
      <source>Không có tài liệu sau để gộp.</source>
      <translation>Không có tài liệu sau để gộp.</translation>
    </message>
    <message>
      <source>Chưa lưu: hãy sửa các trường được đánh dấu đỏ.</source>
      <translation>Chưa lưu: hãy sửa các trường được đánh dấu đỏ.</translation>
    </message>
    <message>
      <source>Đã mở lại các sửa chưa lưu của tài liệu này ({fields}).</source>
      <translation>Đã mở lại các sửa chưa lưu của tài liệu này ({fields}).</translation>
    </message>
    <message>
      <source>Còn {n} lưu ý về đặc tả: {list}</source>
      <translation>Còn {n} lưu ý về đặc tả: {list}</translation>
    </message>
    <message>
      <source>Đã hết tài liệu cần rà soát.</source>
      <translation>Đã hết tài liệu cần rà soát.</translation>
    </message>
    <message>
      <source>Nhập từ cần tìm, có dấu hoặc không dấu, vd. quyết định 15/QĐ-UBND</source>
      <translation>Nhập từ cần tìm, có dấu hoặc không dấu, vd. quyết định 15/QĐ-UBND</translation>
    </message>
    <message>
      <source>Xem tài liệu (Ctrl+P)</source>
      <translation>Xem tài liệu (Ctrl+P)</translation>
    </message>
    <message>
      <source>Mở tài liệu ngay trong ứng dụng, tại trang tìm thấy</source>
      <translation>Mở tài liệu ngay trong ứng dụng, tại trang tìm thấy</translation>
    </message>
    <message>
      <source>Kiểm tra toàn vẹn (Ctrl+K)</source>
      <translation>Kiểm tra toàn vẹn (Ctrl+K)</translation>
    </message>
    <message>
      <source>Mọi loại văn bản</source>
      <translation>Mọi loại văn bản</translation>
    </message>
    <message>
      <source>Cơ quan ban hành</source>
      <translation>Cơ quan ban hành</translation>
    </message>
    <message>
      <source>Ngày ban hành từ</source>
      <translation>Ngày ban hành từ</translation>
    </message>
    <message>
      <source>Mọi thời hạn bảo quản</source>
      <translation>Mọi thời hạn bảo quản</translation>
    </message>
    <message>
      <source>Mọi hồ sơ</source>
      <translation>Mọi hồ sơ</translation>
    </message>
    <message>
      <source>Tra cứu hồ sơ, tài liệu</source>
      <translation>Tra cứu hồ sơ, tài liệu</translation>
    </message>
    <message>
      <source>đến</source>
      <translation>đến</translation>
    </message>
    <message>
      <source>Máy này chưa có trình xem PDF nào, nên không mở được tệp PDF bên ngoài; tài liệu vẫn xem được ngay ở đây.</source>
      <translation>Máy này chưa có trình xem PDF nào, nên không mở được tệp PDF bên ngoài; tài liệu vẫn xem được ngay ở đây.</translation>
    </message>
    <message>
      <source>{n} trang khớp ({ms:.0f} ms)</source>
      <translation>{n} trang khớp ({ms:.0f} ms)</translation>
    </message>
    <message>
      <source>Hơn {n} trang khớp; xếp hạng {n} trang mới nhất ({ms:.0f} ms): thêm từ hoặc bộ lọc để thu hẹp</source>
      <translation>Hơn {n} trang khớp; xếp hạng {n} trang mới nhất ({ms:.0f} ms): thêm từ hoặc bộ lọc để thu hẹp</translation>
    </message>
    <message>
      <source>Xem thêm (đang hiện {shown}/{n})</source>
      <translation>Xem thêm (đang hiện {shown}/{n})</translation>
    </message>
    <message>
      <source>trang</source>
      <translation>trang</translation>
    </message>
    <message>
      <source>ngày</source>
      <translation>ngày</translation>
    </message>
    <message>
      <source>V/v</source>
      <translation>V/v</translation>
    </message>
    <message>
      <source>✔ Toàn vẹn: chữ ký và mã băm đúng ({n} gói).</source>
      <translation>✔ Toàn vẹn: chữ ký và mã băm đúng ({n} gói).</translation>
    </message>
    <message>
      <source>✘ Phát hiện sai lệch: {f}</source>
      <translation>✘ Phát hiện sai lệch: {f}</translation>
    </message>
    <message>
      <source>Số {n}</source>
      <translation>Số {n}</translation>
    </message>
    <message>
      <source>Mật khẩu</source>
      <translation>Mật khẩu</translation>
    </message>
    <message>
      <source>Đăng nhập</source>
      <translation>Đăng nhập</translation>
    </message>
    <message>
      <source>Đang mở kho lưu trữ…</source>
      <translation>Đang mở kho lưu trữ…</translation>
    </message>
    <message>
      <source>Mở khóa màn hình</source>
      <translation>Mở khóa màn hình</translation>
    </message>
    <message>
      <source>UBND xã …</source>
      <translation>UBND xã …</translation>
    </message>
    <message>
      <source>Tạo kho lưu trữ</source>
      <translation>Tạo kho lưu trữ</translation>
    </message>
    <message>
      <source>Đang tạo khóa và kho lưu trữ…</source>
      <translation>Đang tạo khóa và kho lưu trữ…</translation>
    </message>
    <message>
      <source>Số hóa hồ sơ — Đăng nhập</source>
      <translation>Số hóa hồ sơ — Đăng nhập</translation>
    </message>
    <message>
      <source>Hãy nhập tên đăng nhập và mật khẩu.</source>
      <translation>Hãy nhập tên đăng nhập và mật khẩu.</translation>
    </message>
    <message>
      <source>Màn hình đã khóa</source>
      <translation>Màn hình đã khóa</translation>
    </message>
    <message>
      <source>Thiết lập kho lưu trữ lần đầu</source>
      <translation>Thiết lập kho lưu trữ lần đầu</translation>
    </message>
    <message>
      <source>Mã cơ quan</source>
      <translation>Mã cơ quan</translation>
    </message>
    <message>
      <source>Tên cơ quan</source>
      <translation>Tên cơ quan</translation>
    </message>
    <message>
      <source>Tài khoản quản trị</source>
      <translation>Tài khoản quản trị</translation>
    </message>
    <message>
      <source>Nhập lại mật khẩu</source>
      <translation>Nhập lại mật khẩu</translation>
    </message>
    <message>
      <source>Hai mật khẩu không khớp.</source>
      <translation>Hai mật khẩu không khớp.</translation>
    </message>
    <message>
      <source>Hãy nhập mã và tên cơ quan.</source>
      <translation>Hãy nhập mã và tên cơ quan.</translation>
    </message>
    <message>
      <source>Kho lưu trữ mã hóa sẽ được tạo tại: {path}</source>
      <translation>Kho lưu trữ mã hóa sẽ được tạo tại: {path}</translation>
    </message>
    <message>
      <source>Người dùng: {user}</source>
      <translation>Người dùng: {user}</translation>
    </message>
    <message>
      <source>Lưu trữ viên/quản trị viên xác nhận GIẢI MẬT</source>
      <translation>Lưu trữ viên/quản trị viên xác nhận GIẢI MẬT</translation>
    </message>
    <message>
      <source>Tên đăng nhập của người xác nhận</source>
      <translation>Tên đăng nhập của người xác nhận</translation>
    </message>
    <message>
      <source>Mật khẩu của người xác nhận</source>
      <translation>Mật khẩu của người xác nhận</translation>
    </message>
    <message>
      <source>Hãy nhập tên đăng nhập và mật khẩu của người xác nhận.</source>
      <translation>Hãy nhập tên đăng nhập và mật khẩu của người xác nhận.</translation>
    </message>
    <message>
      <source>Trang {n} của hồ sơ “{t}” mang dấu GIẢI MẬT. Lưu trữ viên hoặc quản trị viên đối chiếu dấu trên bản giấy (ngày, người ký), rồi tự nhập tên đăng nhập và mật khẩu của mình. Việc xác nhận được ghi nhật ký với tên người xác nhận.</source>
      <translation>Trang {n} của hồ sơ “{t}” mang dấu GIẢI MẬT. Lưu trữ viên hoặc quản trị viên đối chiếu dấu trên bản giấy (ngày, người ký), rồi tự nhập tên đăng nhập và mật khẩu của mình. Việc xác nhận được ghi nhật ký với tên người xác nhận.</translation>
    </message>
    <message>
      <source>◀ Trang trước (PgUp)</source>
      <translation>◀ Trang trước (PgUp)</translation>
    </message>
    <message>
      <source>Trang sau (PgDown) ▶</source>
      <translation>Trang sau (PgDown) ▶</translation>
    </message>
    <message>
      <source>Mở bằng trình xem PDF khác</source>
      <translation>Mở bằng trình xem PDF khác</translation>
    </message>
    <message>
      <source>Đóng</source>
      <translation>Đóng</translation>
    </message>
    <message>
      <source>Trang {i}/{n} của tài liệu</source>
      <translation>Trang {i}/{n} của tài liệu</translation>
    </message>
    <message>
      <source>Đổi</source>
      <translation>Đổi</translation>
    </message>
    <message>
      <source>Giữ như cũ</source>
      <translation>Giữ như cũ</translation>
    </message>
    <message>
      <source>Độ tin cậy của trích xuất tự động</source>
      <translation>Độ tin cậy của trích xuất tự động</translation>
    </message>
    <message>
      <source>Đặt độ mật “{v}” cho tài liệu này? Tài liệu mật không còn hiện trong tra cứu và cả hồ sơ sẽ không được xuất.</source>
      <translation>Đặt độ mật “{v}” cho tài liệu này? Tài liệu mật không còn hiện trong tra cứu và cả hồ sơ sẽ không được xuất.</translation>
    </message>
    <message>
      <source>Đổi “{f}” thành “{v}”? Người không có quyền sẽ không xem được tài liệu này.</source>
      <translation>Đổi “{f}” thành “{v}”? Người không có quyền sẽ không xem được tài liệu này.</translation>
    </message>
    <message>
      <source>Xác nhận thay đổi {f}</source>
      <translation>Xác nhận thay đổi {f}</translation>
    </message>
    <message>
      <source>ngày/tháng/năm, vd. 08/06/2022</source>
      <translation>ngày/tháng/năm, vd. 08/06/2022</translation>
    </message>
    <message>
      <source>{n} lưu ý về đặc tả.</source>
      <translation>{n} lưu ý về đặc tả.</translation>
    </message>
    <message>
      <source>Đổi mật khẩu</source>
      <translation>Đổi mật khẩu</translation>
    </message>
    <message>
      <source>Mật khẩu hiện tại</source>
      <translation>Mật khẩu hiện tại</translation>
    </message>
    <message>
      <source>Mật khẩu mới</source>
      <translation>Mật khẩu mới</translation>
    </message>
    <message>
      <source>Nhập lại mật khẩu mới</source>
      <translation>Nhập lại mật khẩu mới</translation>
    </message>
    <message>
      <source>Đã đổi mật khẩu.</source>
      <translation>Đã đổi mật khẩu.</translation>
    </message>
    <message>
      <source>Hãy nhập mật khẩu hiện tại và mật khẩu mới.</source>
      <translation>Hãy nhập mật khẩu hiện tại và mật khẩu mới.</translation>
    </message>
    <message>
      <source>Hai lần nhập mật khẩu mới không giống nhau.</source>
      <translation>Hai lần nhập mật khẩu mới không giống nhau.</translation>
    </message>
    <message>
      <source>Đổi mật khẩu của {u}</source>
      <translation>Đổi mật khẩu của {u}</translation>
    </message>
    <message>
      <source>Hàng chờ xử lý</source>
      <translation>Hàng chờ xử lý</translation>
    </message>
    <message>
      <source>chờ xử lý</source>
      <translation>chờ xử lý</translation>
    </message>
    <message>
      <source>Nhận trang</source>
      <translation>Nhận trang</translation>
    </message>
    <message>
      <source>Làm sạch và nhận dạng</source>
      <translation>Làm sạch và nhận dạng</translation>
    </message>
    <message>
      <source>Tạo PDF</source>
      <translation>Tạo PDF</translation>
    </message>
    <message>
      <source>Ký và mã hóa</source>
      <translation>Ký và mã hóa</translation>
    </message>
    <message>
      <source>Tải lên</source>
      <translation>Tải lên</translation>
    </message>
    <message>
      <source>Xuất</source>
      <translation>Xuất</translation>
    </message>
    <message>
      <source>còn {s} giây</source>
      <translation>còn {s} giây</translation>
    </message>
    <message>
      <source>Mặt kính</source>
      <translation>Mặt kính</translation>
    </message>
    <message>
      <source>Khay nạp giấy (ADF)</source>
      <translation>Khay nạp giấy (ADF)</translation>
    </message>
    <message>
      <source>Khay nạp giấy, hai mặt</source>
      <translation>Khay nạp giấy, hai mặt</translation>
    </message>
    <message>
      <source>Màu</source>
      <translation>Màu</translation>
    </message>
    <message>
      <source>Xám</source>
      <translation>Xám</translation>
    </message>
    <message>
      <source>Đen trắng</source>
      <translation>Đen trắng</translation>
    </message>
    <message>
      <source>Đang quét</source>
      <translation>Đang quét</translation>
    </message>
    <message>
      <source>Tiêu đề hồ sơ mới</source>
      <translation>Tiêu đề hồ sơ mới</translation>
    </message>
    <message>
      <source>Tạo hồ sơ</source>
      <translation>Tạo hồ sơ</translation>
    </message>
    <message>
      <source>Xóa hồ sơ…</source>
      <translation>Xóa hồ sơ…</translation>
    </message>
    <message>
      <source>Máy quét và cấu hình</source>
      <translation>Máy quét và cấu hình</translation>
    </message>
    <message>
      <source>Tìm máy quét</source>
      <translation>Tìm máy quét</translation>
    </message>
    <message>
      <source>đến hết khay</source>
      <translation>đến hết khay</translation>
    </message>
    <message>
      <source>Thiết bị</source>
      <translation>Thiết bị</translation>
    </message>
    <message>
      <source>Nguồn giấy</source>
      <translation>Nguồn giấy</translation>
    </message>
    <message>
      <source>Độ phân giải (dpi)</source>
      <translation>Độ phân giải (dpi)</translation>
    </message>
    <message>
      <source>Chế độ màu</source>
      <translation>Chế độ màu</translation>
    </message>
    <message>
      <source>Số trang</source>
      <translation>Số trang</translation>
    </message>
    <message>
      <source>Khai báo độ mật (bắt buộc)</source>
      <translation>Khai báo độ mật (bắt buộc)</translation>
    </message>
    <message>
      <source>Tài liệu không mang dấu mật</source>
      <translation>Tài liệu không mang dấu mật</translation>
    </message>
    <message>
      <source>Tài liệu có dấu mật:</source>
      <translation>Tài liệu có dấu mật:</translation>
    </message>
    <message>
      <source>Quét (F8)</source>
      <translation>Quét (F8)</translation>
    </message>
    <message>
      <source>Nhập tệp… (Ctrl+O)</source>
      <translation>Nhập tệp… (Ctrl+O)</translation>
    </message>
    <message>
      <source>Xử lý và lưu (Ctrl+Enter)</source>
      <translation>Xử lý và lưu (Ctrl+Enter)</translation>
    </message>
    <message>
      <source>Các thông báo trước đó</source>
      <translation>Các thông báo trước đó</translation>
    </message>
    <message>
      <source>Nhật ký ({n})</source>
      <translation>Nhật ký ({n})</translation>
    </message>
    <message>
      <source>Trang {n} — mang dấu GIẢI MẬT, chờ xác nhận</source>
      <translation>Trang {n} — mang dấu GIẢI MẬT, chờ xác nhận</translation>
    </message>
    <message>
      <source>Trang {n} — mang dấu {mark}, đã xóa khỏi máy này</source>
      <translation>Trang {n} — mang dấu {mark}, đã xóa khỏi máy này</translation>
    </message>
  </context>
</TS>
