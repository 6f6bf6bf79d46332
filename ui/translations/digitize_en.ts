<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="vi_VN">
  <context>
    <name>digitize</name>
    <message>
      <source>Chế độ trình diễn — tài khoản: </source>
      <translation>Demo mode — accounts: </translation>
    </message>
    <message>
      <source>Đồng ý</source>
      <translation>OK</translation>
    </message>
    <message>
      <source>Hủy</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>Hãy báo quản trị viên (mã lỗi: {code}).</source>
      <translation>Tell an administrator (error code: {code}).</translation>
    </message>
    <message>
      <source>Hãy cắm cáp, bật máy quét rồi bấm “Tìm máy quét”.</source>
      <translation>Plug in and switch on the scanner, then click “Find scanners”.</translation>
    </message>
    <message>
      <source>Quản trị viên nhập khóa lưu trữ trung tâm ở “Quản trị và xuất” → “Khóa mã hóa”, rồi so dấu vân tay qua điện thoại.</source>
      <translation>An administrator imports the central archive key under “Admin and export” → “Encryption keys”, then compares the fingerprint by phone.</translation>
    </message>
    <message>
      <source>Hãy chọn đúng thư mục kho, hoặc tạo kho mới ở màn hình thiết lập.</source>
      <translation>Choose the right archive folder, or create a new archive on the set-up screen.</translation>
    </message>
    <message>
      <source>Dùng cụm mật khẩu đã đặt khi sao lưu khóa.</source>
      <translation>Use the passphrase given when the keys were backed up.</translation>
    </message>
    <message>
      <source>Hãy báo quản trị viên: chỉ mục tra cứu cần được dựng lại.</source>
      <translation>Tell an administrator: the search index needs rebuilding.</translation>
    </message>
    <message>
      <source>Có lỗi</source>
      <translation>Error</translation>
    </message>
    <message>
      <source>Lỗi không mong đợi: {detail}</source>
      <translation>Unexpected error: {detail}</translation>
    </message>
    <message>
      <source>Văn thư</source>
      <translation>Clerk</translation>
    </message>
    <message>
      <source>Lưu trữ viên</source>
      <translation>Archivist</translation>
    </message>
    <message>
      <source>Quản trị viên</source>
      <translation>Admin</translation>
    </message>
    <message>
      <source>Tổng quan</source>
      <translation>Dashboard</translation>
    </message>
    <message>
      <source>Quét và nhập</source>
      <translation>Capture</translation>
    </message>
    <message>
      <source>Rà soát</source>
      <translation>Review</translation>
    </message>
    <message>
      <source>Tra cứu</source>
      <translation>Search</translation>
    </message>
    <message>
      <source>Quản trị và xuất</source>
      <translation>Admin and export</translation>
    </message>
    <message>
      <source>Số hóa hồ sơ</source>
      <translation>Records digitization</translation>
    </message>
    <message>
      <source>Đã tạo kho lưu trữ</source>
      <translation>Archive created</translation>
    </message>
    <message>
      <source>Khóa màn hình</source>
      <translation>Lock screen</translation>
    </message>
    <message>
      <source>Đăng xuất</source>
      <translation>Sign out</translation>
    </message>
    <message>
      <source>&amp;Tệp</source>
      <translation>&amp;File</translation>
    </message>
    <message>
      <source>Đổi mật khẩu của tôi…</source>
      <translation>Change my password…</translation>
    </message>
    <message>
      <source>Khóa màn hình ngay</source>
      <translation>Lock the screen now</translation>
    </message>
    <message>
      <source>Thoát</source>
      <translation>Quit</translation>
    </message>
    <message>
      <source>Cụm mật khẩu của kho (dùng cho dòng lệnh và khôi phục), hãy ghi lại và cất nơi an toàn:

{p}</source>
      <translation>The archive passphrase (for the command line and recovery). Write it down and keep it somewhere safe:

{p}</translation>
    </message>
    <message>
      <source>{user} ({role})</source>
      <translation>{user} ({role})</translation>
    </message>
    <message>
      <source>Khôi phục tạo một kho mới trong thư mục trống; kho đang dùng không bị thay đổi.</source>
      <translation>A restore creates a new archive in an empty folder; the archive in use is not changed.</translation>
    </message>
    <message>
      <source>Chọn thư mục sao lưu</source>
      <translation>Choose the backup folder</translation>
    </message>
    <message>
      <source>Sao lưu lên máy chủ S3</source>
      <translation>Back up to an S3 server</translation>
    </message>
    <message>
      <source>Đích sao lưu (s3://thùng/tiền-tố):</source>
      <translation>Backup target (s3://bucket/prefix):</translation>
    </message>
    <message>
      <source>Chưa sao lưu lần nào.</source>
      <translation>Never backed up.</translation>
    </message>
    <message>
      <source>Đích phải có dạng s3://thùng/tiền-tố.</source>
      <translation>The target must look like s3://bucket/prefix.</translation>
    </message>
    <message>
      <source>Đã sao lưu {n} gói ({new} gói mới), mọi tệp đã được đọc lại và kiểm tra.</source>
      <translation>Backed up {n} containers ({new} new); every file was read back and checked.</translation>
    </message>
    <message>
      <source>Sao lưu toàn bộ kho…</source>
      <translation>Back up the whole archive…</translation>
    </message>
    <message>
      <source>Sao lưu lên máy chủ S3…</source>
      <translation>Back up to an S3 server…</translation>
    </message>
    <message>
      <source>Khôi phục từ bản sao lưu…</source>
      <translation>Restore from backup…</translation>
    </message>
    <message>
      <source>Lần sao lưu gần nhất: {time} ({hours} giờ trước), vào {to}</source>
      <translation>Last backup: {time} ({hours} hours ago), to {to}</translation>
    </message>
    <message>
      <source>Sao lưu kho</source>
      <translation>Archive backup</translation>
    </message>
    <message>
      <source>Đổi khóa cơ quan</source>
      <translation>Rotate office keys</translation>
    </message>
    <message>
      <source>Mật khẩu kho (mật khẩu lưu trữ của cơ quan):</source>
      <translation>Archive passphrase (the office's archive passphrase):</translation>
    </message>
    <message>
      <source>Đang đổi khóa…</source>
      <translation>Rotating keys…</translation>
    </message>
    <message>
      <source>Hãy sao lưu khóa lại ngay (bản sao cũ không mở được hồ sơ mới).</source>
      <translation>Take a new key backup now (the old backup cannot open new dossiers).</translation>
    </message>
    <message>
      <source>Đang kiểm tra…</source>
      <translation>Verifying…</translation>
    </message>
    <message>
      <source>Cơ quan sẽ có khóa mã hóa mới. Hồ sơ lưu từ nay chỉ mở được bằng khóa mới; hồ sơ đã lưu vẫn đọc được. Tài khoản lưu trữ viên và quản trị viên đang hoạt động nhận khóa mới; tài khoản chưa đăng nhập lần nào kể từ khi nâng cấp sẽ cần đặt lại mật khẩu. Sau khi đổi, hãy sao lưu khóa lại ngay.</source>
      <translation>The office gets a new encryption key. Dossiers stored from now on open only with the new key; dossiers already stored stay readable. Enabled archivist and admin accounts receive the new key; accounts that have not signed in since the upgrade will need a password reset. After rotating, take a new key backup at once.</translation>
    </message>
    <message>
      <source>Đã đổi khóa cơ quan (lần {epoch}). Dấu vân tay mới: {fp}.</source>
      <translation>Office keys rotated (rotation {epoch}). New fingerprint: {fp}.</translation>
    </message>
    <message>
      <source>⚠ Nhật ký kiểm toán không khớp với điểm kiểm tra đã lưu: kho có thể đã bị quay lui về bản cũ. Hãy báo người phụ trách an ninh.</source>
      <translation>⚠ The audit log does not match a stored checkpoint: the archive may have been rolled back to an older copy. Tell the person responsible for security.</translation>
    </message>
    <message>
      <source>Những nơi chưa kiểm tra không được tính là đạt: hãy kết nối hoặc gắn ổ rồi kiểm tra lại.</source>
      <translation>Places not checked do not count as passed: connect or mount them and verify again.</translation>
    </message>
    <message>
      <source>Kiểm tra chữ ký, mã băm của mọi gói, sổ mục lục và nhật ký kiểm toán, đối chiếu với các điểm kiểm tra ở nơi xuất dữ liệu.</source>
      <translation>Checks the signature and hashes of every container, the catalog and the audit log, against the checkpoints at the export destinations.</translation>
    </message>
    <message>
      <source>Đổi khóa</source>
      <translation>Rotate keys</translation>
    </message>
    <message>
      <source>Không đổi</source>
      <translation>Keep keys</translation>
    </message>
    <message>
      <source>Các tài khoản chưa nhận khóa mới, cần đặt lại mật khẩu: {names}.</source>
      <translation>Accounts that did not receive the new key and need a password reset: {names}.</translation>
    </message>
    <message>
      <source>✔ Toàn vẹn: đã kiểm tra {n} hồ sơ, không có sai lệch.</source>
      <translation>✔ Intact: {n} dossiers checked, no discrepancy.</translation>
    </message>
    <message>
      <source>✘ Phát hiện {k} sai lệch ({n} hồ sơ đã kiểm tra).</source>
      <translation>✘ Discrepancies found: {k} ({n} dossiers checked).</translation>
    </message>
    <message>
      <source>Kiểm tra toàn bộ kho</source>
      <translation>Verify the whole archive</translation>
    </message>
    <message>
      <source>Chọn tệp khóa công khai</source>
      <translation>Choose a public key file</translation>
    </message>
    <message>
      <source>Lưu bản sao khóa</source>
      <translation>Save key backup</translation>
    </message>
    <message>
      <source>Mật khẩu bản sao</source>
      <translation>Backup password</translation>
    </message>
    <message>
      <source>Mật khẩu bảo vệ bản sao khóa:</source>
      <translation>Password protecting the key backup:</translation>
    </message>
    <message>
      <source>tên đăng nhập</source>
      <translation>user name</translation>
    </message>
    <message>
      <source>mật khẩu ban đầu (≥ 8 ký tự)</source>
      <translation>initial password (≥ 8 characters)</translation>
    </message>
    <message>
      <source>Tạo tài khoản</source>
      <translation>Create account</translation>
    </message>
    <message>
      <source>Đặt lại mật khẩu</source>
      <translation>Reset password</translation>
    </message>
    <message>
      <source>Máy trạm ngoại tuyến xử lý tài liệu mật (không dùng mạng, không tải lên)</source>
      <translation>Offline workstation for classified records (no network, no upload)</translation>
    </message>
    <message>
      <source> phút</source>
      <translation> min</translation>
    </message>
    <message>
      <source>không tự khóa</source>
      <translation>never lock</translation>
    </message>
    <message>
      <source>Cơ quan</source>
      <translation>Office</translation>
    </message>
    <message>
      <source>Chế độ</source>
      <translation>Mode</translation>
    </message>
    <message>
      <source>Tự khóa sau</source>
      <translation>Lock after</translation>
    </message>
    <message>
      <source>Lưu cài đặt</source>
      <translation>Save settings</translation>
    </message>
    <message>
      <source>Dấu vân tay khóa của cơ quan (đọc qua điện thoại để đối chiếu):</source>
      <translation>Office key fingerprint (read it out by phone to compare):</translation>
    </message>
    <message>
      <source>Khóa mã hóa công khai của lưu trữ trung tâm đã nhập:</source>
      <translation>Central archive public encryption keys imported:</translation>
    </message>
    <message>
      <source>Tên</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>Dấu vân tay</source>
      <translation>Fingerprint</translation>
    </message>
    <message>
      <source>Ngày nhập</source>
      <translation>Imported</translation>
    </message>
    <message>
      <source>Tên khóa</source>
      <translation>Key name</translation>
    </message>
    <message>
      <source>Tên lưu trữ trung tâm:</source>
      <translation>Central archive name:</translation>
    </message>
    <message>
      <source>Hãy chọn một khóa trong bảng.</source>
      <translation>Select a key in the table.</translation>
    </message>
    <message>
      <source>Gỡ khóa trung tâm</source>
      <translation>Remove central key</translation>
    </message>
    <message>
      <source>Tên đăng nhập</source>
      <translation>User name</translation>
    </message>
    <message>
      <source>Vai trò</source>
      <translation>Role</translation>
    </message>
    <message>
      <source>Trạng thái</source>
      <translation>State</translation>
    </message>
    <message>
      <source>Đổi mật khẩu lần cuối</source>
      <translation>Password last changed</translation>
    </message>
    <message>
      <source>Gỡ khóa</source>
      <translation>Remove key</translation>
    </message>
    <message>
      <source>Giữ khóa</source>
      <translation>Keep key</translation>
    </message>
    <message>
      <source>Mật khẩu mới cho {u}:</source>
      <translation>New password for {u}:</translation>
    </message>
    <message>
      <source>Nhập khóa trung tâm…</source>
      <translation>Import central key…</translation>
    </message>
    <message>
      <source>Gỡ khóa trung tâm đã chọn</source>
      <translation>Remove the selected central key</translation>
    </message>
    <message>
      <source>Sao lưu khóa…</source>
      <translation>Back up keys…</translation>
    </message>
    <message>
      <source>Hồ sơ lưu từ nay sẽ không còn mã hóa cho “{label}” ({fp}). Hồ sơ đã lưu vẫn mở được bằng khóa này.</source>
      <translation>Dossiers stored from now on will no longer be encrypted for “{label}” ({fp}). Dossiers already stored stay readable with that key.</translation>
    </message>
    <message>
      <source>Vô hiệu hóa / bật lại tài khoản</source>
      <translation>Disable / re-enable account</translation>
    </message>
    <message>
      <source>đã vô hiệu hóa</source>
      <translation>disabled</translation>
    </message>
    <message>
      <source>hoạt động</source>
      <translation>active</translation>
    </message>
    <message>
      <source>Đổi khóa cơ quan…</source>
      <translation>Rotate office keys…</translation>
    </message>
    <message>
      <source>Đã lưu cài đặt.</source>
      <translation>Settings saved.</translation>
    </message>
    <message>
      <source>Đã đặt lại mật khẩu.</source>
      <translation>Password reset.</translation>
    </message>
    <message>
      <source>Đã nhập khóa {label}. Dấu vân tay: {fp} — hãy đối chiếu qua điện thoại.</source>
      <translation>Imported key {label}. Fingerprint: {fp} — compare it by phone.</translation>
    </message>
    <message>
      <source>Đã gỡ khóa {label}.</source>
      <translation>Key {label} removed.</translation>
    </message>
    <message>
      <source>Đã sao lưu khóa vào {p}.</source>
      <translation>Keys backed up to {p}.</translation>
    </message>
    <message>
      <source>Đã tạo tài khoản {u}.</source>
      <translation>Account {u} created.</translation>
    </message>
    <message>
      <source>Xác nhận đã giải mật trang này</source>
      <translation>Confirm this page is declassified</translation>
    </message>
    <message>
      <source>Nhờ lưu trữ viên/quản trị viên xác nhận…</source>
      <translation>Ask an archivist or admin to confirm…</translation>
    </message>
    <message>
      <source>Trang mang dấu GIẢI MẬT</source>
      <translation>Page stamped GIẢI MẬT (declassified)</translation>
    </message>
    <message>
      <source>Trang {p} mang dấu GIẢI MẬT: trang chưa được xử lý và hồ sơ chưa được lưu cho đến khi có người xác nhận.</source>
      <translation>Page {p} bears GIẢI MẬT (declassified): the page is not processed and the dossier not stored until someone confirms it.</translation>
    </message>
    <message>
      <source>Hãy đối chiếu dấu trên bản giấy (ngày, người ký) rồi xác nhận; việc xác nhận được ghi nhật ký.</source>
      <translation>Check the stamp on the paper (date, signer), then confirm; the confirmation is recorded in the audit log.</translation>
    </message>
    <message>
      <source>Chỉ lưu trữ viên hoặc quản trị viên được xác nhận: hãy nhờ họ đối chiếu bản giấy rồi tự nhập tên và mật khẩu của họ ngay tại máy này. Hồ sơ được giữ ở đây, không mất trang nào.</source>
      <translation>Only an archivist or admin may confirm: ask them to check the paper, then type their own user name and password right here on this computer. The dossier is kept here; no page is lost.</translation>
    </message>
    <message>
      <source>Hồ sơ “{t}”: trang {p} mang dấu GIẢI MẬT, chờ xác nhận trước khi xử lý và lưu.</source>
      <translation>Dossier “{t}”: page {p} bears GIẢI MẬT (declassified) and waits for a confirmation before it is processed and stored.</translation>
    </message>
    <message>
      <source>Chỉ lưu trữ viên hoặc quản trị viên được xác nhận.</source>
      <translation>Only an archivist or an admin may confirm it.</translation>
    </message>
    <message>
      <source>Chưa xác nhận: trang vẫn chờ, hồ sơ chưa được lưu.</source>
      <translation>Not confirmed: the page still waits, the dossier is not stored.</translation>
    </message>
    <message>
      <source>Đã xác nhận trang {n} đã giải mật.</source>
      <translation>Page {n} confirmed as declassified.</translation>
    </message>
    <message>
      <source>Xác nhận đã giải mật</source>
      <translation>Confirm declassified</translation>
    </message>
    <message>
      <source>Chưa xác nhận</source>
      <translation>Not yet</translation>
    </message>
    <message>
      <source>Trang {n} của hồ sơ “{t}” mang dấu GIẢI MẬT. Chỉ xác nhận khi đã đối chiếu dấu trên bản giấy (ngày, người ký). Việc xác nhận được ghi nhật ký với tên bạn; sau đó trang được xử lý như tài liệu thường.</source>
      <translation>Page {n} of dossier “{t}” bears GIẢI MẬT (declassified). Confirm only after checking the stamp on the paper (date, signer). The confirmation is recorded in the audit log under your name; the page is then processed as an ordinary document.</translation>
    </message>
    <message>
      <source>Trang {n}</source>
      <translation>Page {n}</translation>
    </message>
    <message>
      <source>{u} đã xác nhận.</source>
      <translation>{u} confirmed.</translation>
    </message>
    <message>
      <source>Cỡ ảnh thu nhỏ</source>
      <translation>Thumbnail size</translation>
    </message>
    <message>
      <source>Đã hoàn tác: {what}.</source>
      <translation>Undone: {what}.</translation>
    </message>
    <message>
      <source>Đã {what}.</source>
      <translation>Done: {what}.</translation>
    </message>
    <message>
      <source>Cỡ</source>
      <translation>Size</translation>
    </message>
    <message>
      <source>Hãy chọn một trang.</source>
      <translation>Select a page.</translation>
    </message>
    <message>
      <source>Trang này đã bị xóa khỏi máy này vì mang dấu mật.</source>
      <translation>This page was deleted from this machine because it bears a secrecy mark.</translation>
    </message>
    <message>
      <source>xoay trang</source>
      <translation>rotate page</translation>
    </message>
    <message>
      <source>xóa trang</source>
      <translation>delete page</translation>
    </message>
    <message>
      <source>Xoay trái</source>
      <translation>Rotate left</translation>
    </message>
    <message>
      <source>Xoay phải</source>
      <translation>Rotate right</translation>
    </message>
    <message>
      <source>Lên trước</source>
      <translation>Move earlier</translation>
    </message>
    <message>
      <source>Ra sau</source>
      <translation>Move later</translation>
    </message>
    <message>
      <source>Xóa trang (Delete)</source>
      <translation>Delete page (Delete)</translation>
    </message>
    <message>
      <source>Quét lại trang</source>
      <translation>Rescan page</translation>
    </message>
    <message>
      <source>Hoàn tác (Ctrl+Z)</source>
      <translation>Undo (Ctrl+Z)</translation>
    </message>
    <message>
      <source>{n} trang trong hồ sơ</source>
      <translation>{n} pages in the dossier</translation>
    </message>
    <message>
      <source>chuyển trang</source>
      <translation>move page</translation>
    </message>
    <message>
      <source>Quét lại</source>
      <translation>Rescan</translation>
    </message>
    <message>
      <source>Giữ ảnh cũ</source>
      <translation>Keep the old image</translation>
    </message>
    <message>
      <source>Quét lại trang {n}</source>
      <translation>Rescan page {n}</translation>
    </message>
    <message>
      <source>Ảnh hiện tại của trang {n} sẽ được thay bằng ảnh quét mới. Đặt trang vào máy quét rồi chọn “Quét lại”.</source>
      <translation>The current image of page {n} will be replaced by a new scan. Put the page in the scanner, then choose “Rescan”.</translation>
    </message>
    <message>
      <source>Ctrl+Z để hoàn tác.</source>
      <translation>Ctrl+Z to undo.</translation>
    </message>
    <message>
      <source>Trang {n}.</source>
      <translation>Page {n}.</translation>
    </message>
    <message>
      <source>Đã quét lại trang {n}.</source>
      <translation>Page {n} rescanned.</translation>
    </message>
    <message>
      <source>Nếu khai báo nhầm, chọn “Không mang dấu mật”. Tài liệu mật phải đưa sang máy trạm ngoại tuyến.</source>
      <translation>If this was a mistake, choose “No secrecy mark”. Secret records go to the offline workstation.</translation>
    </message>
    <message>
      <source>Khai báo tài liệu mật</source>
      <translation>Declare a secret record</translation>
    </message>
    <message>
      <source>Tài liệu mật</source>
      <translation>Secret record</translation>
    </message>
    <message>
      <source>Tài liệu mang dấu {mark} không được xử lý trên máy có kết nối mạng.</source>
      <translation>A record marked {mark} must not be processed on a networked machine.</translation>
    </message>
    <message>
      <source>Không có gì được quét hay nhập; hồ sơ trống sẽ bị hủy.</source>
      <translation>Nothing is scanned or imported; the empty dossier is discarded.</translation>
    </message>
    <message>
      <source>Hủy hồ sơ này</source>
      <translation>Discard this dossier</translation>
    </message>
    <message>
      <source>Giữ hồ sơ</source>
      <translation>Keep the dossier</translation>
    </message>
    <message>
      <source>Chưa làm gì: hồ sơ và các trang được giữ nguyên.</source>
      <translation>Nothing done: the dossier and its pages are kept.</translation>
    </message>
    <message>
      <source>Hãy chọn một hồ sơ.</source>
      <translation>Choose a dossier.</translation>
    </message>
    <message>
      <source>Đổi tên hồ sơ</source>
      <translation>Rename dossier</translation>
    </message>
    <message>
      <source>Tiêu đề mới:</source>
      <translation>New title:</translation>
    </message>
    <message>
      <source>Xóa hồ sơ</source>
      <translation>Delete dossier</translation>
    </message>
    <message>
      <source>Đã xóa hồ sơ “{t}” ({n} trang).</source>
      <translation>Dossier “{t}” deleted ({n} pages).</translation>
    </message>
    <message>
      <source>Hồ sơ “{t}” và {n} trang đã quét sẽ bị hủy, không hoàn tác được.</source>
      <translation>The dossier “{t}” and its {n} scanned pages will be discarded; this cannot be undone.</translation>
    </message>
    <message>
      <source>Đã hủy {n} trang của hồ sơ “{t}”.</source>
      <translation>{n} pages of the dossier “{t}” were discarded.</translation>
    </message>
    <message>
      <source>Xóa hồ sơ “{t}” và {n} trang đã quét? Không hoàn tác được.</source>
      <translation>Delete the dossier “{t}” and its {n} scanned pages? This cannot be undone.</translation>
    </message>
    <message>
      <source>Trang {p} mang dấu {mark}.</source>
      <translation>Page {p} carries the mark {mark}.</translation>
    </message>
    <message>
      <source>Đã đổi tên hồ sơ.</source>
      <translation>Dossier renamed.</translation>
    </message>
    <message>
      <source>Kéo thả tệp ảnh hoặc PDF vào đây để nhập.</source>
      <translation>Drag and drop image or PDF files here to import them.</translation>
    </message>
    <message>
      <source>Hồ sơ chưa đặt tên</source>
      <translation>Untitled dossier</translation>
    </message>
    <message>
      <source>Chọn tệp để nhập</source>
      <translation>Choose files to import</translation>
    </message>
    <message>
      <source>Ảnh và PDF (*.jpg *.jpeg *.png *.tif *.tiff *.bmp *.webp *.pdf)</source>
      <translation>Images and PDF (*.jpg *.jpeg *.png *.tif *.tiff *.bmp *.webp *.pdf)</translation>
    </message>
    <message>
      <source>Quét và nhập trang</source>
      <translation>Scan and import pages</translation>
    </message>
    <message>
      <source>Hãy tạo hoặc chọn một hồ sơ trước.</source>
      <translation>Create or choose a dossier first.</translation>
    </message>
    <message>
      <source>Hãy khai báo tài liệu có mang dấu mật hay không trước khi quét.</source>
      <translation>Declare whether the document bears a secrecy mark before scanning.</translation>
    </message>
    <message>
      <source>Đã nhập {n} trang.</source>
      <translation>Imported {n} pages.</translation>
    </message>
    <message>
      <source>Hồ sơ này đã ở trong hàng chờ xử lý.</source>
      <translation>This dossier is already in the processing queue.</translation>
    </message>
    <message>
      <source>Tìm thấy {n} máy quét.</source>
      <translation>Found {n} scanners.</translation>
    </message>
    <message>
      <source>Đã quét {n} trang.</source>
      <translation>Scanned {n} pages.</translation>
    </message>
    <message>
      <source>Đã đưa “{t}” vào hàng chờ xử lý ({n} hồ sơ đang chờ). Có thể quét hoặc nhập hồ sơ tiếp theo.</source>
      <translation>“{t}” is in the processing queue ({n} dossiers waiting). You can scan or import the next one.</translation>
    </message>
    <message>
      <source>đã lưu: {p} trang, {d} tài liệu</source>
      <translation>stored: {p} pages, {d} documents</translation>
    </message>
    <message>
      <source>Đã lưu hồ sơ {id}: {p} trang, {d} tài liệu.</source>
      <translation>Stored dossier {id}: {p} pages, {d} documents.</translation>
    </message>
    <message>
      <source>lỗi: {e}</source>
      <translation>error: {e}</translation>
    </message>
    <message>
      <source>Bỏ qua: {files}</source>
      <translation>Skipped: {files}</translation>
    </message>
    <message>
      <source>Quét</source>
      <translation>Scan</translation>
    </message>
    <message>
      <source>Nhập tệp</source>
      <translation>Import files</translation>
    </message>
    <message>
      <source>Xử lý {t}</source>
      <translation>Process {t}</translation>
    </message>
    <message>
      <source>Bỏ trang này và lưu phần còn lại</source>
      <translation>Remove this page and store the rest</translation>
    </message>
    <message>
      <source>Chuyển hồ sơ sang máy không nối mạng</source>
      <translation>Move the dossier to the offline workstation</translation>
    </message>
    <message>
      <source>Trang mang dấu mật</source>
      <translation>Page bearing a secrecy mark</translation>
    </message>
    <message>
      <source>Bỏ các trang này và lưu phần còn lại</source>
      <translation>Remove these pages and store the rest</translation>
    </message>
    <message>
      <source>Hồ sơ “{t}”: trang {p} mang dấu {mark} nên đã bị xóa khỏi máy này; các trang khác được giữ. Chọn: bỏ trang mật và lưu phần còn lại, hoặc chuyển hồ sơ sang máy không nối mạng.</source>
      <translation>Dossier “{t}”: page {p} bears {mark}, so it was deleted from this machine; the other pages are kept. Choose: remove the secret page and store the rest, or move the dossier to the offline workstation.</translation>
    </message>
    <message>
      <source>Trang {p} mang dấu {mark}: mọi dữ liệu của trang đã bị xóa khỏi máy này, các trang khác được giữ; hồ sơ chưa được lưu. Hãy xem bản giấy: các trang sau thuộc cùng văn bản cũng là tài liệu mật dù không có dấu.</source>
      <translation>Page {p} bears {mark}: everything of that page was deleted from this machine, the other pages are kept; the dossier is not stored yet. Check the paper: the following pages of the same document are secret too, even unstamped.</translation>
    </message>
    <message>
      <source>Xóa ở máy này và chuyển</source>
      <translation>Delete here and move</translation>
    </message>
    <message>
      <source>Đã xóa hồ sơ “{t}” khỏi máy này ({n} trang); hãy xử lý bản giấy ở máy trạm không nối mạng.</source>
      <translation>Dossier “{t}” was deleted from this machine ({n} pages); process the paper at the offline workstation.</translation>
    </message>
    <message>
      <source>Mọi trang của hồ sơ “{t}” sẽ bị xóa khỏi máy này; bản giấy được đưa sang máy trạm không nối mạng để xử lý ở đó. Không hoàn tác được.</source>
      <translation>Every page of dossier “{t}” will be deleted from this machine; the paper goes to the offline workstation to be processed there. This cannot be undone.</translation>
    </message>
    <message>
      <source>Đã bỏ trang {p}; phần còn lại đang được xử lý và lưu.</source>
      <translation>Page {p} removed; the rest is being processed and stored.</translation>
    </message>
    <message>
      <source>Làm mới</source>
      <translation>Refresh</translation>
    </message>
    <message>
      <source>Theo tháng</source>
      <translation>By month</translation>
    </message>
    <message>
      <source>Theo loại văn bản</source>
      <translation>By document type</translation>
    </message>
    <message>
      <source>Tổng quan tiến độ số hóa</source>
      <translation>Digitization progress</translation>
    </message>
    <message>
      <source>Trang chờ rà soát (độ tin cậy thấp hoặc có cảnh báo chất lượng)</source>
      <translation>Pages awaiting review (low confidence or quality warnings)</translation>
    </message>
    <message>
      <source>chưa có bản sao lưu</source>
      <translation>no backup yet</translation>
    </message>
    <message>
      <source>cảnh báo chất lượng</source>
      <translation>quality warning</translation>
    </message>
    <message>
      <source>Hồ sơ</source>
      <translation>Dossiers</translation>
    </message>
    <message>
      <source>Đã số hóa, ký số và lưu</source>
      <translation>Digitized, signed and stored</translation>
    </message>
    <message>
      <source>Đã gửi lưu trữ trung tâm</source>
      <translation>Sent to the central archive</translation>
    </message>
    <message>
      <source>Trang đã số hóa</source>
      <translation>Pages digitized</translation>
    </message>
    <message>
      <source>Trang chờ rà soát</source>
      <translation>Pages awaiting review</translation>
    </message>
    <message>
      <source>Bản sao lưu gần nhất</source>
      <translation>Last good backup</translation>
    </message>
    <message>
      <source>{hours} giờ trước</source>
      <translation>{hours} hours ago</translation>
    </message>
    <message>
      <source>Lúc {time}, vào {to}</source>
      <translation>At {time}, to {to}</translation>
    </message>
    <message>
      <source>Trang</source>
      <translation>Pages</translation>
    </message>
    <message>
      <source>Tài liệu</source>
      <translation>Documents</translation>
    </message>
    <message>
      <source>độ tin cậy {c:.0f}%</source>
      <translation>confidence {c:.0f}%</translation>
    </message>
    <message>
      <source>{title} — trang {seq}: {reason}</source>
      <translation>{title} — page {seq}: {reason}</translation>
    </message>
    <message>
      <source>chờ gửi</source>
      <translation>to send</translation>
    </message>
    <message>
      <source>đã gửi</source>
      <translation>sent</translation>
    </message>
    <message>
      <source>loại trừ</source>
      <translation>excluded</translation>
    </message>
    <message>
      <source>lỗi</source>
      <translation>failed</translation>
    </message>
    <message>
      <source>đang chờ</source>
      <translation>pending</translation>
    </message>
    <message>
      <source>trong hàng đợi</source>
      <translation>queued</translation>
    </message>
    <message>
      <source>đang tải lên</source>
      <translation>uploading</translation>
    </message>
    <message>
      <source>tài liệu mật</source>
      <translation>classified</translation>
    </message>
    <message>
      <source>chưa lưu</source>
      <translation>not stored</translation>
    </message>
    <message>
      <source>Xuất dữ liệu</source>
      <translation>Export</translation>
    </message>
    <message>
      <source>Khóa mã hóa</source>
      <translation>Encryption keys</translation>
    </message>
    <message>
      <source>Sao lưu</source>
      <translation>Backup</translation>
    </message>
    <message>
      <source>Tài khoản</source>
      <translation>Accounts</translation>
    </message>
    <message>
      <source>Cài đặt</source>
      <translation>Settings</translation>
    </message>
    <message>
      <source>Kiểm tra</source>
      <translation>Verify</translation>
    </message>
    <message>
      <source>Địa chỉ máy chủ S3 (tùy chọn)</source>
      <translation>S3 endpoint (optional)</translation>
    </message>
    <message>
      <source>Dừng sau phần đang gửi; hồ sơ chưa gửi vẫn trong hàng đợi cho lần xuất sau.</source>
      <translation>Stops after the part being sent; dossiers not sent stay queued for the next export.</translation>
    </message>
    <message>
      <source>Báo cáo xuất dữ liệu sẽ hiện ở đây.</source>
      <translation>The export report appears here.</translation>
    </message>
    <message>
      <source>Quản trị và xuất dữ liệu</source>
      <translation>Administration and export</translation>
    </message>
    <message>
      <source>Đích (s3://… hoặc file:///…)</source>
      <translation>Target (s3://… or file:///…)</translation>
    </message>
    <message>
      <source>Phiên bản</source>
      <translation>Version</translation>
    </message>
    <message>
      <source>Dung lượng</source>
      <translation>Size</translation>
    </message>
    <message>
      <source>Ghi chú</source>
      <translation>Note</translation>
    </message>
    <message>
      <source>Hãy nhập đích xuất dữ liệu.</source>
      <translation>Enter an export target.</translation>
    </message>
    <message>
      <source>Đang hủy sau phần đang gửi…</source>
      <translation>Cancelling after the part being sent…</translation>
    </message>
    <message>
      <source>Đã hủy trước khi gửi; hàng đợi giữ nguyên.</source>
      <translation>Cancelled before sending; the queue is unchanged.</translation>
    </message>
    <message>
      <source>Xong.</source>
      <translation>Done.</translation>
    </message>
    <message>
      <source>Xem hàng đợi</source>
      <translation>Show queue</translation>
    </message>
    <message>
      <source>Xuất / Tiếp tục</source>
      <translation>Export / Resume</translation>
    </message>
    <message>
      <source>Đã hủy: {sent} hồ sơ đã gửi, {queued} hồ sơ chưa gửi vẫn trong hàng đợi cho lần xuất sau.</source>
      <translation>Cancelled: {sent} dossier(s) sent, {queued} not sent stay queued for the next export.</translation>
    </message>
    <message>
      <source>{done} / {total} — {speed}/giây — còn {left} giây</source>
      <translation>{done} / {total} — {speed}/s — {left} s left</translation>
    </message>
    <message>
      <source>Chọn…</source>
      <translation>Choose…</translation>
    </message>
    <message>
      <source>Khôi phục từ bản sao lưu</source>
      <translation>Restore from backup</translation>
    </message>
    <message>
      <source>Kho được khôi phục vào một thư mục mới (hoặc trống); kho đang dùng không bị thay đổi. Cần cụm mật khẩu của kho (ghi lại khi tạo kho).</source>
      <translation>The archive is restored into a new (or empty) folder; the archive in use is not changed. The archive passphrase (written down when the archive was created) is needed.</translation>
    </message>
    <message>
      <source>thư mục, hoặc s3://bucket/tiền-tố</source>
      <translation>a folder, or s3://bucket/prefix</translation>
    </message>
    <message>
      <source>Bản mới nhất</source>
      <translation>Newest</translation>
    </message>
    <message>
      <source>Bản sao lưu ở</source>
      <translation>Backup location</translation>
    </message>
    <message>
      <source>Máy chủ S3</source>
      <translation>S3 server</translation>
    </message>
    <message>
      <source>Khóa truy cập S3</source>
      <translation>S3 access key</translation>
    </message>
    <message>
      <source>Khóa bí mật S3</source>
      <translation>S3 secret key</translation>
    </message>
    <message>
      <source>Bản sao lưu</source>
      <translation>Snapshot</translation>
    </message>
    <message>
      <source>Thư mục kho mới</source>
      <translation>New archive folder</translation>
    </message>
    <message>
      <source>Cụm mật khẩu của kho</source>
      <translation>Archive passphrase</translation>
    </message>
    <message>
      <source>Khôi phục</source>
      <translation>Restore</translation>
    </message>
    <message>
      <source>Chọn thư mục trống cho kho mới</source>
      <translation>Choose an empty folder for the new archive</translation>
    </message>
    <message>
      <source>Đang khôi phục và kiểm tra từng tệp…</source>
      <translation>Restoring and checking every file…</translation>
    </message>
    <message>
      <source>Mở kho vừa khôi phục</source>
      <translation>Open the restored archive</translation>
    </message>
    <message>
      <source>để trống: dùng biến AWS của máy</source>
      <translation>leave empty: this computer's AWS variables</translation>
    </message>
    <message>
      <source>Không thấy bản sao lưu nào ở đây.</source>
      <translation>No backup found here.</translation>
    </message>
    <message>
      <source>Hãy chọn bản sao lưu (thư mục hoặc s3://…), thư mục kho mới và nhập cụm mật khẩu của kho.</source>
      <translation>Choose the backup (a folder or s3://…), the new archive folder, and type the archive passphrase.</translation>
    </message>
    <message>
      <source>Khôi phục kho</source>
      <translation>Restoring the archive</translation>
    </message>
    <message>
      <source>Đang hủy…</source>
      <translation>Cancelling…</translation>
    </message>
    <message>
      <source>Mở kho</source>
      <translation>Open archive</translation>
    </message>
    <message>
      <source>Để sau</source>
      <translation>Later</translation>
    </message>
    <message>
      <source>Đã hủy; không có gì được ghi.</source>
      <translation>Cancelled; nothing was written.</translation>
    </message>
    <message>
      <source>Đã khôi phục bản sao lưu {snap} ({n} gói) vào {path}; mọi tệp đã được kiểm tra.</source>
      <translation>Restored backup {snap} ({n} containers) into {path}; every file was checked.</translation>
    </message>
    <message>
      <source>Đăng xuất và mở kho vừa khôi phục tại {path}?</source>
      <translation>Sign out and open the restored archive in {path}?</translation>
    </message>
    <message>
      <source>Mở kho vừa khôi phục tại {path}?</source>
      <translation>Open the restored archive in {path}?</translation>
    </message>
    <message>
      <source>Đã bỏ các sửa chưa lưu.</source>
      <translation>Unsaved edits discarded.</translation>
    </message>
    <message>
      <source>Đã mở lại các sửa chưa lưu của lần trước ({n} tài liệu, {p} trang; giữ lúc {when}). Lưu để ghi lại, hoặc “Bỏ sửa chưa lưu”.</source>
      <translation>Unsaved edits from last time reopened ({n} documents, {p} pages; kept at {when}). Save to record them, or “Discard unsaved edits”.</translation>
    </message>
    <message>
      <source>Hồ sơ đã có phiên bản mới hơn từ khi sửa: hãy xem lại.</source>
      <translation>The dossier has a newer version since these edits: please check them.</translation>
    </message>
    <message>
      <source>Bỏ sửa chưa lưu</source>
      <translation>Discard unsaved edits</translation>
    </message>
    <message>
      <source>Bỏ các sửa</source>
      <translation>Discard the edits</translation>
    </message>
    <message>
      <source>Giữ lại</source>
      <translation>Keep them</translation>
    </message>
    <message>
      <source>Bỏ {n} sửa chưa lưu của hồ sơ này? Các trường và trang sẽ trở lại như bản đã lưu.</source>
      <translation>Discard {n} unsaved edits of this dossier? The fields and pages go back to the saved version.</translation>
    </message>
    <message>
      <source>Độ tin cậy thấp — hãy kiểm tra</source>
      <translation>Low confidence — please check</translation>
    </message>
    <message>
      <source>trang {n}</source>
      <translation>page {n}</translation>
    </message>
    <message>
      <source>Đã lưu.</source>
      <translation>Saved.</translation>
    </message>
    <message>
      <source>Ảnh gốc</source>
      <translation>Original</translation>
    </message>
    <message>
      <source>Đổi tên…</source>
      <translation>Rename…</translation>
    </message>
    <message>
      <source>Đổi tiêu đề hồ sơ: niêm phong thành phiên bản mới</source>
      <translation>Retitle the dossier: sealed as a new version</translation>
    </message>
    <message>
      <source>Tách từ trang này</source>
      <translation>Split from this page</translation>
    </message>
    <message>
      <source>Trang đang xem bắt đầu một tài liệu mới</source>
      <translation>The page shown starts a new document</translation>
    </message>
    <message>
      <source>Gộp với tài liệu sau</source>
      <translation>Merge with next document</translation>
    </message>
    <message>
      <source>Trả các trường và trang của hồ sơ này về bản đã lưu</source>
      <translation>Put the fields and pages of this dossier back to the saved version</translation>
    </message>
    <message>
      <source>Lưu (Ctrl+S)</source>
      <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
      <source>Trường đáng ngờ tiếp (F2)</source>
      <translation>Next doubtful field (F2)</translation>
    </message>
    <message>
      <source>Lưu và tiếp (Ctrl+Enter)</source>
      <translation>Save and next (Ctrl+Enter)</translation>
    </message>
    <message>
      <source>Đã tách tài liệu.</source>
      <translation>Document split.</translation>
    </message>
    <message>
      <source>Đã gộp tài liệu.</source>
      <translation>Documents merged.</translation>
    </message>
    <message>
      <source>◀ Trang</source>
      <translation>◀ Page</translation>
    </message>
    <message>
      <source>Trang ▶</source>
      <translation>Page ▶</translation>
    </message>
    <message>
      <source>Vừa khung</source>
      <translation>Fit</translation>
    </message>
    <message>
      <source>Không còn trường nào đáng ngờ.</source>
      <translation>No doubtful field left.</translation>
    </message>
    <message>
      <source>Đã đổi tên hồ sơ (niêm phong thành phiên bản mới).</source>
      <translation>Dossier renamed (sealed as a new version).</translation>
    </message>
    <message>
      <source>Hãy mở trang đầu của phần cần tách (không phải trang 1 của tài liệu).</source>
      <translation>Open the first page of the part to split off (not page 1 of the document).</translation>
    </message>
    <message>
      <source>Không có tài liệu sau để gộp.</source>
      <translation>No next document to merge.</translation>
    </message>
    <message>
      <source>Chưa lưu: hãy sửa các trường được đánh dấu đỏ.</source>
      <translation>Not saved: correct the fields marked in red.</translation>
    </message>
    <message>
      <source>Đã mở lại các sửa chưa lưu của tài liệu này ({fields}).</source>
      <translation>Unsaved edits of this document reopened ({fields}).</translation>
    </message>
    <message>
      <source>Còn {n} lưu ý về đặc tả: {list}</source>
      <translation>{n} metadata notes remain: {list}</translation>
    </message>
    <message>
      <source>Đã hết tài liệu cần rà soát.</source>
      <translation>No more documents to review.</translation>
    </message>
    <message>
      <source>Nhập từ cần tìm, có dấu hoặc không dấu, vd. quyết định 15/QĐ-UBND</source>
      <translation>Words to find, with or without diacritics, e.g. quyết định 15/QĐ-UBND</translation>
    </message>
    <message>
      <source>Xem tài liệu (Ctrl+P)</source>
      <translation>View document (Ctrl+P)</translation>
    </message>
    <message>
      <source>Mở tài liệu ngay trong ứng dụng, tại trang tìm thấy</source>
      <translation>Open the document inside the application, at the page found</translation>
    </message>
    <message>
      <source>Kiểm tra toàn vẹn (Ctrl+K)</source>
      <translation>Verify integrity (Ctrl+K)</translation>
    </message>
    <message>
      <source>Mọi loại văn bản</source>
      <translation>All document types</translation>
    </message>
    <message>
      <source>Cơ quan ban hành</source>
      <translation>Issuing organ</translation>
    </message>
    <message>
      <source>Ngày ban hành từ</source>
      <translation>Issued from</translation>
    </message>
    <message>
      <source>Mọi thời hạn bảo quản</source>
      <translation>All retention periods</translation>
    </message>
    <message>
      <source>Mọi hồ sơ</source>
      <translation>All dossiers</translation>
    </message>
    <message>
      <source>Tra cứu hồ sơ, tài liệu</source>
      <translation>Search dossiers and documents</translation>
    </message>
    <message>
      <source>đến</source>
      <translation>to</translation>
    </message>
    <message>
      <source>Máy này chưa có trình xem PDF nào, nên không mở được tệp PDF bên ngoài; tài liệu vẫn xem được ngay ở đây.</source>
      <translation>No PDF viewer is installed on this computer, so the PDF file cannot be opened outside; the document can still be read here.</translation>
    </message>
    <message>
      <source>{n} trang khớp ({ms:.0f} ms)</source>
      <translation>{n} matching pages ({ms:.0f} ms)</translation>
    </message>
    <message>
      <source>Hơn {n} trang khớp; xếp hạng {n} trang mới nhất ({ms:.0f} ms): thêm từ hoặc bộ lọc để thu hẹp</source>
      <translation>More than {n} matching pages; the newest {n} are ranked ({ms:.0f} ms): add words or filters to narrow</translation>
    </message>
    <message>
      <source>Xem thêm (đang hiện {shown}/{n})</source>
      <translation>Show more ({shown}/{n} shown)</translation>
    </message>
    <message>
      <source>trang</source>
      <translation>page</translation>
    </message>
    <message>
      <source>ngày</source>
      <translation>dated</translation>
    </message>
    <message>
      <source>V/v</source>
      <translation>Re</translation>
    </message>
    <message>
      <source>✔ Toàn vẹn: chữ ký và mã băm đúng ({n} gói).</source>
      <translation>✔ Intact: signatures and checksums are correct ({n} containers).</translation>
    </message>
    <message>
      <source>✘ Phát hiện sai lệch: {f}</source>
      <translation>✘ Tampering detected: {f}</translation>
    </message>
    <message>
      <source>Số {n}</source>
      <translation>No. {n}</translation>
    </message>
    <message>
      <source>Mật khẩu</source>
      <translation>Password</translation>
    </message>
    <message>
      <source>Đăng nhập</source>
      <translation>Sign in</translation>
    </message>
    <message>
      <source>Đang mở kho lưu trữ…</source>
      <translation>Opening the archive…</translation>
    </message>
    <message>
      <source>Mở khóa màn hình</source>
      <translation>Unlock the screen</translation>
    </message>
    <message>
      <source>UBND xã …</source>
      <translation>Commune People’s Committee …</translation>
    </message>
    <message>
      <source>Tạo kho lưu trữ</source>
      <translation>Create archive</translation>
    </message>
    <message>
      <source>Đang tạo khóa và kho lưu trữ…</source>
      <translation>Creating keys and archive…</translation>
    </message>
    <message>
      <source>Số hóa hồ sơ — Đăng nhập</source>
      <translation>Records digitization — Sign in</translation>
    </message>
    <message>
      <source>Hãy nhập tên đăng nhập và mật khẩu.</source>
      <translation>Enter your user name and password.</translation>
    </message>
    <message>
      <source>Màn hình đã khóa</source>
      <translation>Screen locked</translation>
    </message>
    <message>
      <source>Thiết lập kho lưu trữ lần đầu</source>
      <translation>First-time archive set-up</translation>
    </message>
    <message>
      <source>Mã cơ quan</source>
      <translation>Office code</translation>
    </message>
    <message>
      <source>Tên cơ quan</source>
      <translation>Office name</translation>
    </message>
    <message>
      <source>Tài khoản quản trị</source>
      <translation>Admin account</translation>
    </message>
    <message>
      <source>Nhập lại mật khẩu</source>
      <translation>Repeat password</translation>
    </message>
    <message>
      <source>Hai mật khẩu không khớp.</source>
      <translation>The passwords do not match.</translation>
    </message>
    <message>
      <source>Hãy nhập mã và tên cơ quan.</source>
      <translation>Enter the office code and name.</translation>
    </message>
    <message>
      <source>Kho lưu trữ mã hóa sẽ được tạo tại: {path}</source>
      <translation>The encrypted archive will be created in: {path}</translation>
    </message>
    <message>
      <source>Người dùng: {user}</source>
      <translation>User: {user}</translation>
    </message>
    <message>
      <source>Lưu trữ viên/quản trị viên xác nhận GIẢI MẬT</source>
      <translation>An archivist or admin confirms GIẢI MẬT</translation>
    </message>
    <message>
      <source>Tên đăng nhập của người xác nhận</source>
      <translation>Confirmer's user name</translation>
    </message>
    <message>
      <source>Mật khẩu của người xác nhận</source>
      <translation>Confirmer's password</translation>
    </message>
    <message>
      <source>Hãy nhập tên đăng nhập và mật khẩu của người xác nhận.</source>
      <translation>Enter the confirmer's user name and password.</translation>
    </message>
    <message>
      <source>Trang {n} của hồ sơ “{t}” mang dấu GIẢI MẬT. Lưu trữ viên hoặc quản trị viên đối chiếu dấu trên bản giấy (ngày, người ký), rồi tự nhập tên đăng nhập và mật khẩu của mình. Việc xác nhận được ghi nhật ký với tên người xác nhận.</source>
      <translation>Page {n} of dossier “{t}” bears a GIẢI MẬT (declassified) stamp. An archivist or admin checks the stamp on the paper (date, signer), then types their own user name and password. The confirmation is logged under the confirmer's name.</translation>
    </message>
    <message>
      <source>◀ Trang trước (PgUp)</source>
      <translation>◀ Previous page (PgUp)</translation>
    </message>
    <message>
      <source>Trang sau (PgDown) ▶</source>
      <translation>Next page (PgDown) ▶</translation>
    </message>
    <message>
      <source>Mở bằng trình xem PDF khác</source>
      <translation>Open in another PDF viewer</translation>
    </message>
    <message>
      <source>Đóng</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>Trang {i}/{n} của tài liệu</source>
      <translation>Page {i}/{n} of the document</translation>
    </message>
    <message>
      <source>Đổi</source>
      <translation>Change</translation>
    </message>
    <message>
      <source>Giữ như cũ</source>
      <translation>Keep as it was</translation>
    </message>
    <message>
      <source>Độ tin cậy của trích xuất tự động</source>
      <translation>Confidence of the automatic extraction</translation>
    </message>
    <message>
      <source>Đặt độ mật “{v}” cho tài liệu này? Tài liệu mật không còn hiện trong tra cứu và cả hồ sơ sẽ không được xuất.</source>
      <translation>Set the secrecy level “{v}” on this document? A secret document no longer shows in search and the whole dossier will not be exported.</translation>
    </message>
    <message>
      <source>Đổi “{f}” thành “{v}”? Người không có quyền sẽ không xem được tài liệu này.</source>
      <translation>Change “{f}” to “{v}”? Users without the right will no longer see this document.</translation>
    </message>
    <message>
      <source>Xác nhận thay đổi {f}</source>
      <translation>Confirm the change of {f}</translation>
    </message>
    <message>
      <source>ngày/tháng/năm, vd. 08/06/2022</source>
      <translation>day/month/year, e.g. 08/06/2022</translation>
    </message>
    <message>
      <source>{n} lưu ý về đặc tả.</source>
      <translation>{n} metadata notes.</translation>
    </message>
    <message>
      <source>Đổi mật khẩu</source>
      <translation>Change password</translation>
    </message>
    <message>
      <source>Mật khẩu hiện tại</source>
      <translation>Current password</translation>
    </message>
    <message>
      <source>Mật khẩu mới</source>
      <translation>New password</translation>
    </message>
    <message>
      <source>Nhập lại mật khẩu mới</source>
      <translation>New password again</translation>
    </message>
    <message>
      <source>Đã đổi mật khẩu.</source>
      <translation>Password changed.</translation>
    </message>
    <message>
      <source>Hãy nhập mật khẩu hiện tại và mật khẩu mới.</source>
      <translation>Enter the current and the new password.</translation>
    </message>
    <message>
      <source>Hai lần nhập mật khẩu mới không giống nhau.</source>
      <translation>The two new passwords differ.</translation>
    </message>
    <message>
      <source>Đổi mật khẩu của {u}</source>
      <translation>Change the password of {u}</translation>
    </message>
    <message>
      <source>Hàng chờ xử lý</source>
      <translation>Processing queue</translation>
    </message>
    <message>
      <source>chờ xử lý</source>
      <translation>waiting</translation>
    </message>
    <message>
      <source>Nhận trang</source>
      <translation>Receiving pages</translation>
    </message>
    <message>
      <source>Làm sạch và nhận dạng</source>
      <translation>Cleaning and OCR</translation>
    </message>
    <message>
      <source>Tạo PDF</source>
      <translation>Building PDFs</translation>
    </message>
    <message>
      <source>Ký và mã hóa</source>
      <translation>Signing and encrypting</translation>
    </message>
    <message>
      <source>Tải lên</source>
      <translation>Uploading</translation>
    </message>
    <message>
      <source>Xuất</source>
      <translation>Export</translation>
    </message>
    <message>
      <source>còn {s} giây</source>
      <translation>{s} s left</translation>
    </message>
    <message>
      <source>Mặt kính</source>
      <translation>Flatbed</translation>
    </message>
    <message>
      <source>Khay nạp giấy (ADF)</source>
      <translation>Document feeder (ADF)</translation>
    </message>
    <message>
      <source>Khay nạp giấy, hai mặt</source>
      <translation>Document feeder, both sides</translation>
    </message>
    <message>
      <source>Màu</source>
      <translation>Colour</translation>
    </message>
    <message>
      <source>Xám</source>
      <translation>Grey</translation>
    </message>
    <message>
      <source>Đen trắng</source>
      <translation>Black and white</translation>
    </message>
    <message>
      <source>Đang quét</source>
      <translation>Capturing</translation>
    </message>
    <message>
      <source>Tiêu đề hồ sơ mới</source>
      <translation>Title of a new dossier</translation>
    </message>
    <message>
      <source>Tạo hồ sơ</source>
      <translation>Create dossier</translation>
    </message>
    <message>
      <source>Xóa hồ sơ…</source>
      <translation>Delete dossier…</translation>
    </message>
    <message>
      <source>Máy quét và cấu hình</source>
      <translation>Scanner and profile</translation>
    </message>
    <message>
      <source>Tìm máy quét</source>
      <translation>Find scanners</translation>
    </message>
    <message>
      <source>đến hết khay</source>
      <translation>until the feeder is empty</translation>
    </message>
    <message>
      <source>Thiết bị</source>
      <translation>Device</translation>
    </message>
    <message>
      <source>Nguồn giấy</source>
      <translation>Paper source</translation>
    </message>
    <message>
      <source>Độ phân giải (dpi)</source>
      <translation>Resolution (dpi)</translation>
    </message>
    <message>
      <source>Chế độ màu</source>
      <translation>Colour mode</translation>
    </message>
    <message>
      <source>Số trang</source>
      <translation>Pages</translation>
    </message>
    <message>
      <source>Khai báo độ mật (bắt buộc)</source>
      <translation>Secrecy declaration (required)</translation>
    </message>
    <message>
      <source>Tài liệu không mang dấu mật</source>
      <translation>The document bears no secrecy mark</translation>
    </message>
    <message>
      <source>Tài liệu có dấu mật:</source>
      <translation>The document is marked:</translation>
    </message>
    <message>
      <source>Quét (F8)</source>
      <translation>Scan (F8)</translation>
    </message>
    <message>
      <source>Nhập tệp… (Ctrl+O)</source>
      <translation>Import files… (Ctrl+O)</translation>
    </message>
    <message>
      <source>Xử lý và lưu (Ctrl+Enter)</source>
      <translation>Process and store (Ctrl+Enter)</translation>
    </message>
    <message>
      <source>Các thông báo trước đó</source>
      <translation>Earlier messages</translation>
    </message>
    <message>
      <source>Nhật ký ({n})</source>
      <translation>Log ({n})</translation>
    </message>
    <message>
      <source>Trang {n} — mang dấu GIẢI MẬT, chờ xác nhận</source>
      <translation>Page {n} — stamped GIẢI MẬT, waiting for a confirmation</translation>
    </message>
    <message>
      <source>Trang {n} — mang dấu {mark}, đã xóa khỏi máy này</source>
      <translation>Page {n} — bears {mark}, deleted from this machine</translation>
    </message>
  </context>
</TS>
