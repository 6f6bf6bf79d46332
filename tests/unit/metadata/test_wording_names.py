"""Subject wording repair and the personal-name model: fix OCR slips, never damage right text."""

from __future__ import annotations

import pytest

from digitize.devtools.sample import BODY, BODY_MORE, SIGNERS, SIGNERS_MORE, SUBJECTS, SUBJECTS_MORE
from digitize.metadata.names import name_plausibility, repair_name
from digitize.metadata.wording import repair_subject


@pytest.mark.parametrize(("read", "want"), [
    ("thu, chỉ ngân sách nhà nước quý III", "thu, chi ngân sách nhà nước quý III"),
    ("lãnh đạo công tác bảo về bí mật nhà nước", "lãnh đạo công tác bảo vệ bí mật nhà nước"),
    ("Giao chí tiêu phát triển kinh tế - xã hội năm 2025",
     "Giao chỉ tiêu phát triển kinh tế - xã hội năm 2025"),
    ("giao chỉ tiêu phát triển kinh .tÊ - xã hội nấm 2025",
     "giao chỉ tiêu phát triển kinh tế - xã hội năm 2025"),
])
def test_subject_slips_are_repaired(read: str, want: str) -> None:
    assert repair_subject(read) == want


@pytest.mark.parametrize("text", [
    *SUBJECTS, *SUBJECTS_MORE, *BODY, *BODY_MORE,
    "Hồ sơ thử nghiệm số 3", "cấp bản sao từ sổ gốc", "về việc hỏi ý kiến", "tài liệu TỐI MẬT",
    "kiện toàn Ban Chỉ đạo", "tổ chức thu chi quỹ", "Luật Tố tụng hành chính",
])
def test_right_subjects_are_left_alone(text: str) -> None:
    assert repair_subject(text) == " ".join(text.split())


@pytest.mark.parametrize(("read", "want"), [
    ("Phạrt Quốc Bảo", "Phạm Quốc Bảo"),
    ("Trần Thi Thu Hà", "Trần Thị Thu Hà"),
    ("Huynh Thanh Tam", "Huỳnh Thanh Tâm"),
])
def test_name_slips_are_repaired(read: str, want: str) -> None:
    assert repair_name(read) == want


@pytest.mark.parametrize("name", [*SIGNERS, *SIGNERS_MORE, "Lê Văn Khoát", "Trần Hữu Đoan",
                                  "Đoàn Thị Xoan", "Doãn Văn Mạnh", "Bùi Thị Hường"])
def test_right_names_are_left_alone(name: str) -> None:
    assert repair_name(name) == name
    assert name_plausibility(name) >= 0.85


def test_plausibility_ranks_a_damaged_reading_lower() -> None:
    assert name_plausibility("Phạm Quốc Bảo") > name_plausibility("Phạrt Quốc Bảo")
    assert name_plausibility("Quốc Bảo") < name_plausibility("Phạm Quốc Bảo")
    assert name_plausibility("Hùng") == 0.0


def test_school_collocations_repair_a_wrong_mark() -> None:
    assert repair_subject("Tăng cường giám sát trong phòng thì") == \
        "Tăng cường giám sát trong phòng thi"
