# ruff: noqa: E501  (real headings are quoted whole)
"""A title printed in capitals gets the capitals of what it names back (Nghị định 30/2020/NĐ-CP, Phụ lục II):
bodies with the words of their function, laws by their name, documents by their number, offices before a
body, districts, abbreviations; what the data does not know, and common words that only look like a body
("cơ sở y tế", "cán bộ", "pháp luật số", "bộ phận một cửa"), stay in small letters; a title printed in
mixed case stays as printed."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from graph.reading.documents.title import sentence_case
from graph.reading.extract import extract_text

#: the head of Quyết định 128/2025/QĐ-UBND of Thanh Hóa (9/10/2025), as a legal-document site serves it
THANHHOA_128 = """ỦY BAN NHÂN DÂN
TỈNH THANH HÓA
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Số: 128/2025/QĐ-UBND
Thanh Hóa, ngày 09 tháng 10 năm 2025
QUYẾT ĐỊNH
VỀ VIỆC BAN HÀNH QUY CHẾ HOẠT ĐỘNG CỦA TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH THANH HÓA
Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;
Căn cứ Nghị định số 118/2025/NĐ-CP ngày 09 tháng 6 năm 2025 của Chính phủ về thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông tại Bộ phận Một cửa và Cổng Dịch vụ công quốc gia;
"""

#: Quyết định 1589/QĐ-TTg (24/7/2025) and the head of the plan attached to it
TTG_1589 = """THỦ TƯỚNG CHÍNH PHỦ |
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
Số: 1589/QĐ-TTg |
Hà Nội, ngày 24 tháng 7 năm 2025 |
QUYẾT ĐỊNH
BAN HÀNH KẾ HOẠCH TRIỂN KHAI THI HÀNH LUẬT TỔ CHỨC CHÍNH QUYỀN ĐỊA PHƯƠNG SỐ 72/2025/QH15
THỦ TƯỚNG CHÍNH PHỦ
Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;
Theo đề nghị của Bộ trưởng Bộ Nội vụ.
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch triển khai thi hành Luật Tổ chức chính quyền địa phương số 72/2025/QH15.
KT. THỦ TƯỚNG |
KẾ HOẠCH
TRIỂN KHAI THI HÀNH
LUẬT TỔ CHỨC CHÍNH QUYỀN ĐỊA PHƯƠNG SỐ 72/2025/QH15
(Kèm theo Quyết định số 1589/QĐ-TTg ngày 24 tháng 7 năm 2025 của Thủ
tướng Chính phủ)
Ngày 16 tháng 6 năm 2025, tại kỳ họp thứ 9, Quốc hội Khóa XV đã ban hành Luật Tổ chức chính quyền địa phương số 72/2025/QH15.
"""


def titles(text: str) -> list[str | None]:
    result = extract_text(text, "t.txt")
    return [d.title for d in result.documents]


def test_a_centre_of_a_province_keeps_its_kind_and_function():
    assert titles(THANHHOA_128) == [
        "Ban hành Quy chế hoạt động của Trung tâm Phục vụ hành chính công tỉnh Thanh Hóa"]


def test_a_law_named_in_a_decision_and_its_attached_plan():
    assert titles(TTG_1589) == [
        "Ban hành Kế hoạch triển khai thi hành Luật Tổ chức chính quyền địa phương số 72/2025/QH15",
        "Triển khai thi hành Luật Tổ chức chính quyền địa phương số 72/2025/QH15"]


def test_extract_command_end_to_end(tmp_path):
    path = tmp_path / "qd-128-2025-thanh-hoa.txt"
    path.write_text(THANHHOA_128, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "graph.cli", "extract", str(path), "--format", "json"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    (doc,) = json.loads(proc.stdout)[0]["documents"]
    assert doc["title"].endswith("của Trung tâm Phục vụ hành chính công tỉnh Thanh Hóa")


@pytest.mark.parametrize("printed, expected", [
    # Thông tư 03/2025/TT-VPCP: a decree by its number, the Government; "bộ phận một cửa" is no ministry
    ("HƯỚNG DẪN THI HÀNH MỘT SỐ NỘI DUNG CỦA NGHỊ ĐỊNH SỐ 118/2025/NĐ-CP NGÀY 09 THÁNG 6 NĂM 2025 CỦA CHÍNH PHỦ VỀ THỰC HIỆN THỦ TỤC HÀNH CHÍNH THEO CƠ CHẾ MỘT CỬA, MỘT CỬA LIÊN THÔNG TẠI BỘ PHẬN MỘT CỬA VÀ CỔNG DỊCH VỤ CÔNG QUỐC GIA",
     "Hướng dẫn thi hành một số nội dung của Nghị định số 118/2025/NĐ-CP ngày 09 tháng 6 năm 2025 của Chính phủ về thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông tại bộ phận một cửa và cổng dịch vụ công quốc gia"),
    # a law of the catalog named without its number (Luật Ban hành văn bản quy phạm pháp luật, 2025)
    ("QUY ĐỊNH CHI TIẾT MỘT SỐ ĐIỀU VÀ BIỆN PHÁP ĐỂ TỔ CHỨC, HƯỚNG DẪN THI HÀNH LUẬT BAN HÀNH VĂN BẢN QUY PHẠM PHÁP LUẬT",
     "Quy định chi tiết một số điều và biện pháp để tổ chức, hướng dẫn thi hành Luật Ban hành văn bản quy phạm pháp luật"),
    # a ministry and a department: each word of the function that the agency data writes with a capital
    ("QUY ĐỊNH CHỨC NĂNG, NHIỆM VỤ, QUYỀN HẠN VÀ CƠ CẤU TỔ CHỨC CỦA SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG TỈNH NGHỆ AN",
     "Quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Tài nguyên và Môi trường tỉnh Nghệ An"),
    ("QUY CHẾ PHỐI HỢP GIỮA BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH VÀ ỦY BAN TRUNG ƯƠNG MẶT TRẬN TỔ QUỐC VIỆT NAM",
     "Quy chế phối hợp giữa Bộ Văn hóa, Thể thao và Du lịch và Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"),
    # a kind of body with a function the data knows from another kind (Kho bạc / Ngân hàng Nhà nước)
    ("QUY ĐỊNH PHỐI HỢP THU NGÂN SÁCH GIỮA CỤC THUẾ VÀ KHO BẠC NHÀ NƯỚC",
     "Quy định phối hợp thu ngân sách giữa Cục Thuế và Kho bạc Nhà nước"),
    # offices before a body; a standing committee of a council
    ("QUY CHẾ LÀM VIỆC CỦA THƯỜNG TRỰC HỘI ĐỒNG NHÂN DÂN TỈNH VÀ CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH",
     "Quy chế làm việc của Thường trực Hội đồng nhân dân tỉnh và Chủ tịch Ủy ban nhân dân tỉnh"),
    ("ỦY QUYỀN CHO CHÁNH VĂN PHÒNG UBND TỈNH VÀ TỔNG CỤC TRƯỞNG TỔNG CỤC THUẾ",
     "Ủy quyền cho Chánh Văn phòng UBND tỉnh và Tổng cục trưởng Tổng cục Thuế"),
    # the bodies of the Party and the State, a steering committee
    ("KIỆN TOÀN BAN CHỈ ĐẠO THỰC HIỆN NGHỊ QUYẾT CỦA BỘ CHÍNH TRỊ VÀ BAN BÍ THƯ",
     "Kiện toàn Ban Chỉ đạo thực hiện nghị quyết của Bộ Chính trị và Ban Bí thư"),
    # a district after its kind word (Nghị quyết 1318/NQ-UBTVQH15), tones placed the old way
    ("VỀ VIỆC THÀNH LẬP THÀNH PHỐ PHÚ MỸ VÀ CÁC PHƯỜNG THUỘC THÀNH PHỐ PHÚ MỸ, TỈNH BÀ RỊA - VŨNG TÀU",
     "Thành lập thành phố Phú Mỹ và các phường thuộc thành phố Phú Mỹ, tỉnh Bà Rịa - Vũng Tàu"),
    ("QUY CHẾ LÀM VIỆC CỦA UỶ BAN NHÂN DÂN HUYỆN ĐIỆN BIÊN",
     "Quy chế làm việc của Uỷ ban nhân dân huyện Điện Biên"),
    # the executive committee of a Party organisation, the Roman number of its term (tones the old way)
    ("NGHỊ QUYẾT ĐẠI HỘI ĐẠI BIỂU ĐẢNG BỘ TỈNH LẦN THỨ XX VÀ HỘI NGHỊ BAN CHẤP HÀNH ĐẢNG BỘ TỈNH KHOÁ XX",
     "Nghị quyết đại hội đại biểu Đảng bộ tỉnh lần thứ XX và hội nghị Ban Chấp hành Đảng bộ tỉnh khoá XX"),
    # abbreviations: no Vietnamese syllable lacks a vowel; the unit of a number is no abbreviation
    ("ĐẦU TƯ ĐƯỜNG DÂY 110 KV VÀ HẠ TẦNG CNTT CỦA SỞ NN&PTNT",
     "Đầu tư đường dây 110 kv và hạ tầng CNTT của sở NN&PTNT"),
])
def test_names_get_their_capitals_back(printed: str, expected: str) -> None:
    assert sentence_case(printed) == expected


@pytest.mark.parametrize("printed, expected", [
    # common words that end in a kind of body or a law's type word
    ("NÂNG CAO NĂNG LỰC CƠ SỞ Y TẾ VÀ ĐỘI NGŨ CÁN BỘ TÀI CHÍNH, KẾ TOÁN",
     "Nâng cao năng lực cơ sở y tế và đội ngũ cán bộ tài chính, kế toán"),
    ("XỬ LÝ KỶ LUẬT SỐ 12 CÔNG CHỨC VÀ PHỔ BIẾN PHÁP LUẬT SỐ 5 NĂM 2024",
     "Xử lý kỷ luật số 12 công chức và phổ biến pháp luật số 5 năm 2024"),
    # an inspection (an activity, not the body), a bank the data does not know, a law whose name opens
    # another clause: small letters
    ("KẾ HOẠCH THANH TRA XÂY DỰNG NĂM 2026 TẠI NGÂN HÀNG THƯƠNG MẠI CỔ PHẦN",
     "Kế hoạch thanh tra xây dựng năm 2026 tại ngân hàng thương mại cổ phần"),
    ("TRIỂN KHAI LUẬT SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT ĐẤT ĐAI SỐ 43/2024/QH15",
     "Triển khai luật sửa đổi, bổ sung một số điều của Luật Đất đai số 43/2024/QH15"),
])
def test_what_only_looks_like_a_name_stays_small(printed: str, expected: str) -> None:
    assert sentence_case(printed) == expected


#: the head of Chỉ thị 01/CT-UBND of Hưng Yên (11/7/2025) whose type heading was lost on the page
HUNGYEN_01 = """ỦY BAN NHÂN DÂN |
CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM |
Số: 01/CT-UBND |
Hưng Yên, ngày 11 tháng 7 năm 2025 |
VỀ VIỆC XÂY DỰNG KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI VÀ DỰ TOÁN NGÂN SÁCH NHÀ NƯỚC NĂM 2026
Năm 2025, tình hình thế giới biến động nhanh, phức tạp, khó lường, nhiều khó khăn, thách thức.
"""


def test_a_subject_in_capitals_without_its_heading_is_put_in_sentence_case():
    assert titles(HUNGYEN_01) == [
        "Xây dựng kế hoạch phát triển kinh tế - xã hội và dự toán ngân sách nhà nước năm 2026"]


def test_a_title_in_mixed_case_stays_as_printed():
    printed = "Ban hành Quy chế hoạt động của trung tâm phục vụ hành chính công tỉnh"
    assert sentence_case(printed) == printed
    assert sentence_case("về việc thành lập ban chỉ đạo") == "Thành lập ban chỉ đạo"
