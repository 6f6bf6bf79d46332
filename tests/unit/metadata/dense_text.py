"""A page of dense running Vietnamese print for the secrecy gate tests: marks are stamped on it."""

DENSE = ("Sau khi ra Hội đồng bảo vệ thành công, sinh viên phải hoàn thành báo cáo trong vòng "
         "mười ngày tính từ ngày ra bảo vệ. Sinh viên phải chỉnh sửa nội dung của quyển báo cáo "
         "theo yêu cầu của Hội đồng và có chữ ký của Giảng viên hướng dẫn trong hai quyển báo "
         "cáo. Sau đó sinh viên nộp lại hai quyển báo cáo bằng bìa cứng màu xanh dương mạ vàng, "
         "hai đĩa CD đính kèm về văn phòng Khoa cho cô Uyên. Sinh viên đủ điều kiện tốt nghiệp "
         "sẽ nộp hồ sơ xét tốt nghiệp trong thời hạn mười ngày kể từ khi báo cáo khóa luận.")
