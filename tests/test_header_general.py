"""Headers of every kind, on sentences written for these tests: the layouts and issuers that real sites
serve (number on its own line, headings lost, district committees, letters, joint circulars, laws)."""

import datetime as dt

from graph.reading.documents.header import read_header
from graph.reading.documents.issuer import issuer_from_block, joint_issuer, subunit
from graph.reading.documents.split import split_documents
from graph.reading.documents.title import sentence_case
from graph.text import unify_tones

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"


def header_of(text: str):
    return read_header(unify_tones(text), text, 0, len(text))


def test_number_on_the_line_after_so():
    h = header_of("ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\n" + MOTTO + "Số:\n21/2019/QĐ-UBND\n|\n"
                  "An Giang, ngày 05 tháng 6 năm 2019\nQUYẾT ĐỊNH\nBAN HÀNH QUY CHẾ LÀM VIỆC\n")
    assert (h.number, h.date, h.doc_type) == ("21/2019/QĐ-UBND", dt.date(2019, 6, 5), "Quyết định")


def test_place_broken_over_two_lines_and_day_with_a_capital():
    h = header_of("BỘ TƯ PHÁP\n" + MOTTO + "Số: 12/2012/TT-BTP\nHà \nNội, Ngày 07\ntháng 9 năm 2012\n"
                  "THÔNG TƯ\nHƯỚNG DẪN CÔNG TÁC KIỂM TRA VĂN BẢN\n")
    assert (h.date, h.doc_type, h.issuer, h.province) == (dt.date(2012, 9, 7), "Thông tư", "Bộ Tư pháp", None)


def test_draft_without_number_or_day():
    h = header_of("ỦY BAN NHÂN DÂN\nTỈNH BẾN TRE\n" + MOTTO + "Số:      /QĐ-UBND\n"
                  "Bến Tre, ngày     tháng     năm 2025\nQUYẾT ĐỊNH\nBAN HÀNH KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH\n")
    assert (h.number, h.date, h.doc_type) == (None, None, "Quyết định")
    assert h.title == "Ban hành Kế hoạch cải cách hành chính"
    assert (h.issuer, h.province) == ("UBND tỉnh Bến Tre", "Bến Tre")


def test_type_word_inside_the_title_is_no_heading():
    # the heading line was lost: "QUY CHẾ" inside the title does not make the decision a Quy chế
    h = header_of("ỦY BAN NHÂN DÂN | " + MOTTO + "Số: 15/2016/QĐ-UBND | Sơn La, ngày 02 tháng 3 năm 2016 |\n"
                  "BAN HÀNH QUY CHẾ QUẢN LÝ CỔNG THÔNG TIN ĐIỆN TỬ TỈNH SƠN LA\n"
                  "ỦY BAN NHÂN DÂN TỈNH SƠN LA\nCăn cứ Luật Công nghệ thông tin ngày 29 tháng 6 năm 2006;\n")
    assert h.doc_type == "Quyết định"
    assert h.title == "Ban hành Quy chế quản lý cổng thông tin điện tử tỉnh Sơn La"
    assert (h.issuer, h.province) == ("UBND tỉnh Sơn La", "Sơn La")


def test_title_line_opening_with_a_type_word_of_another_type():
    # a resolution whose title starts "QUY ĐỊNH ...": the number says Nghị quyết
    h = header_of("HỘI ĐỒNG NHÂN DÂN\nTỈNH NAM ĐỊNH\n" + MOTTO + "Số: 07/2021/NQ-HĐND\n"
                  "Nam Định, ngày 12 tháng 7 năm 2021\n"
                  "QUY ĐỊNH MỨC HỖ TRỢ HỌC PHÍ TRÊN ĐỊA BÀN TỈNH NAM ĐỊNH\n"
                  "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n")
    assert h.doc_type == "Nghị quyết"
    assert h.title == "Quy định mức hỗ trợ học phí trên địa bàn tỉnh Nam Định"
    assert (h.issuer, h.level) == ("HĐND tỉnh Nam Định", "provincial")


def test_plan_without_heading_takes_the_capitals_under_the_date():
    h = header_of("ỦY BAN NHÂN DÂN\nTỈNH CÀ MAU\n" + MOTTO + "Số: 88/KH-UBND\n"
                  "Cà Mau, ngày 10 tháng 4 năm 2024\n"
                  "PHÁT TRIỂN THƯƠNG MẠI ĐIỆN TỬ TỈNH CÀ MAU NĂM 2024\n- Luật Giao dịch điện tử năm 2023;\n")
    assert (h.doc_type, h.title) == ("Kế hoạch", "Phát triển thương mại điện tử tỉnh Cà Mau năm 2024")


def test_title_runs_to_the_authority_line_not_to_a_body_name_inside_it():
    h = header_of("HỘI ĐỒNG NHÂN DÂN\nTỈNH YÊN BÁI\n" + MOTTO + "Số: 20/2022/NQ-HĐND\n"
                  "Yên Bái, ngày 14 tháng 7 năm 2022\nNGHỊ QUYẾT\n"
                  "BAN HÀNH QUY CHẾ HOẠT ĐỘNG CỦA HỘI ĐỒNG NHÂN DÂN TỈNH "
                  "VÀ THƯỜNG TRỰC HỘI ĐỒNG NHÂN DÂN TỈNH YÊN BÁI, PHẦN MỀM QUẢN LÝ VĂN BẢN\n"
                  "HỘI ĐỒNG NHÂN DÂN TỈNH YÊN BÁI\nCăn cứ Luật Tổ chức chính quyền địa phương;\n")
    assert h.title == ("Ban hành Quy chế hoạt động của Hội đồng nhân dân tỉnh và Thường trực "
                       "Hội đồng nhân dân tỉnh Yên Bái, phần mềm quản lý văn bản")


def test_title_and_authority_glued_on_one_line():
    h = header_of("CHÍNH PHỦ\n" + MOTTO + "Số: 45/NQ-CP\nHà Nội, ngày 20 tháng 4 năm 2024\nNGHỊ QUYẾT\n"
                  "PHIÊN HỌP CHÍNH PHỦ THƯỜNG KỲ THÁNG 3 NĂM 2024 CHÍNH PHỦ\n"
                  "Căn cứ Luật Tổ chức Chính phủ;\n")
    assert h.title == "Phiên họp Chính phủ thường kỳ tháng 3 năm 2024"
    assert (h.issuer, h.level, h.province) == ("Chính phủ", "central", None)


def test_title_with_a_document_number_keeps_its_case():
    assert sentence_case("TRIỂN KHAI QUYẾT ĐỊNH SỐ 06/QĐ-TTG NGÀY 06 THÁNG 01 NĂM 2022") == (
        "Triển khai Quyết định số 06/QĐ-TTg ngày 06 tháng 01 năm 2022")
    assert sentence_case("VỀVIỆC BAN HÀNH QUY CHẾ") == "Ban hành Quy chế"


def test_party_resolution_title_under_an_issuer_line():
    h = header_of("NGHỊ QUYẾT\nCỦA BAN THƯỜNG VỤ TỈNH ỦY\nvề phát triển du lịch\nđến năm 2030\n—–\n"
                  "Thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XVII,\n")
    assert (h.doc_type, h.title) == ("Nghị quyết", "Phát triển du lịch đến năm 2030")
    assert (h.issuer, h.level) == ("Ban Thường vụ Tỉnh ủy", "party")


def test_law_with_number_above_the_motto_and_date_without_place():
    text = ("QUỐC HỘI\nSố: 63/2014/QH13\n" + MOTTO + "Ngày 26 Tháng 11 năm 2014\nLUẬT CỦA QUỐC HỘI\n"
            "Tổ chức Tòa án nhân dân\nCăn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n")
    (part,) = split_documents(unify_tones(text))
    assert part.start == 0
    h = header_of(text)
    assert (h.number, h.doc_type, h.date) == ("63/2014/QH13", "Luật", dt.date(2014, 11, 26))
    assert (h.issuer, h.title) == ("Quốc hội", "Tổ chức Tòa án nhân dân")


def test_old_heading_repeating_number_date_and_issuer():
    h = header_of("BỘ TÀI CHÍNH\n" + MOTTO + "Số: 40-TC/TT\nHà Nội, ngày 05 tháng 8 năm 1992\nTHÔNG TƯ\n"
                  "SỐ 40-TC/TT NGÀY 5-8-1992 CỦA BỘ TÀI CHÍNH HƯỚNG DẪN CHẾ ĐỘ KẾ TOÁN\n"
                  "Thi hành Nghị định số 10-HĐBT ngày 12-1-1990 của Hội đồng Bộ trưởng;\n")
    assert (h.doc_type, h.title) == ("Thông tư", "Hướng dẫn chế độ kế toán")


def test_letter_subject_after_vv():
    h = header_of("VĂN PHÒNG CHÍNH PHỦ\n-------\n" + MOTTO + "Số: 1234/VPCP-KTTH\n"
                  "V/v triển khai chương trình\nchuyển đổi số năm 2024.\nHà Nội, ngày 01 tháng 3 năm 2024\n"
                  "Kính gửi: Bộ Thông tin và Truyền thông\n")
    assert (h.doc_type, h.issuer) == ("Công văn", "Văn phòng Chính phủ")
    assert h.title == "Triển khai chương trình chuyển đổi số năm 2024"


def test_district_committee_from_the_block_and_from_the_authority_line():
    h = header_of("ỦY BAN NHÂN DÂN\nHUYỆN CỦ CHI\n" + MOTTO + "Số: 05/2018/QĐ-UBND\n"
                  "Củ Chi, ngày 03 tháng 4 năm 2018\nQUYẾT ĐỊNH\nBAN HÀNH QUY CHẾ LÀM VIỆC\n")
    # no province is printed: huyện Củ Chi was the only district of that name (Thành phố Hồ Chí Minh)
    assert (h.issuer, h.level, h.province) == ("UBND huyện Củ Chi", "provincial", "Hồ Chí Minh")
    # the block lost its second line: the authority line under the title names the district
    h = header_of("ỦY BAN NHÂN DÂN |\n" + MOTTO + "Số: 05/2018/QĐ-UBND |\n"
                  "Củ Chi, ngày 03 tháng 4 năm 2018 |\n"
                  "BAN HÀNH QUY CHẾ LÀM VIỆC NHIỆM KỲ 2016 - 2021\nỦY BAN NHÂN DÂN HUYỆN CỦ CHI\n"
                  "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n")
    assert h.issuer == "UBND huyện Củ Chi"
    assert h.title == "Ban hành Quy chế làm việc nhiệm kỳ 2016 - 2021"


def test_subunits_and_their_province():
    issuer, province = subunit("ỦY BAN NHÂN DÂN THÀNH PHỐ VINH")
    assert (issuer.spelled(province), province) == ("UBND thành phố Vinh", "Nghệ An")
    assert subunit("ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG") is None  # a city run by the centre
    assert subunit("HĐND THỊ XÃ SƠN TÂY")[0].name == "HĐND thị xã Sơn Tây"
    issuer, province = issuer_from_block("UBND TỈNH LÀO CAI\nUBND HUYỆN BẢO THẮNG\n")
    assert (issuer.spelled(province), province) == ("UBND huyện Bảo Thắng", "Lào Cai")


def test_a_district_name_proves_its_province_only_when_no_other_province_had_one():
    assert subunit("ỦY BAN NHÂN DÂN HUYỆN PHÚ QUỐC")[1] == "Kiên Giang"
    assert subunit("UBND THỊ XÃ SƠN TÂY")[1] == "Hà Nội"
    # several provinces had a huyện Châu Thành (Tiền Giang, Bến Tre, An Giang ...): no province
    assert subunit("ỦY BAN NHÂN DÂN HUYỆN CHÂU THÀNH")[1] is None
    issuer, province = issuer_from_block("UBND TỈNH BẾN TRE\nUBND HUYỆN CHÂU THÀNH\n")
    assert (issuer.spelled(province), province) == ("UBND huyện Châu Thành", "Bến Tre")


def test_joint_circular_issued_by_every_body_of_its_number():
    assert joint_issuer("12/2005/TTLT-BTC-BNV") == "Bộ Tài chính - Bộ Nội vụ"
    assert joint_issuer("04/1999/TTLT/BKH-BTC") == "Bộ Kế hoạch và Đầu tư - Bộ Tài chính"
    assert joint_issuer("47/2020/NĐ-CP") is None
    h = header_of("BỘ TÀI CHÍNH - BỘ NỘI VỤ\n" + MOTTO + "Số: 12/2005/TTLT-BTC-BNV\n"
                  "Hà Nội, ngày 03 tháng 2 năm 2005\nTHÔNG TƯ LIÊN TỊCH\nHƯỚNG DẪN CHẾ ĐỘ PHỤ CẤP\n")
    assert (h.doc_type, h.issuer, h.level) == ("Thông tư liên tịch", "Bộ Tài chính - Bộ Nội vụ", "central")


def test_place_line_with_stray_text_before_the_province():
    h = header_of("ỦY BAN NHÂN DÂN | " + MOTTO + "Số: 30/KH-UBND |\nn Hà Giang, ngày 02 tháng 3 năm 2020 |\n")
    assert (h.province, h.issuer) == ("Hà Giang", "UBND tỉnh Hà Giang")


def test_headline_without_any_header_is_no_title():
    h = header_of("TIN MỚI NHẤT VỀ CÔNG TÁC CÁN BỘ NĂM 2024\n"
                  "Tại phiên họp ngày 12/3/2024, sau khi nghe báo cáo.\n")
    assert h.title is None


def test_old_heading_with_issuer_then_number_and_date():
    for so in ("SỐ ", ""):
        h = header_of("QUYẾT ĐỊNH\nCỦA THỦ TƯỚNG CHÍNH PHỦ " + so + "120-TTg NGÀY 5 THÁNG 3 NĂM 1994\n"
                      "VỀ VIỆC THÀNH LẬP BAN CHỈ ĐẠO QUỐC GIA\nTHỦ TƯỚNG CHÍNH PHỦ\n"
                      "Căn cứ Luật Tổ chức Chính phủ ngày 30 tháng 9 năm 1992;\n")
        assert (h.number, h.date, h.doc_type, h.issuer) == (
            "120-TTg", dt.date(1994, 3, 5), "Quyết định", "Thủ tướng Chính phủ")
        assert h.title == "Thành lập Ban Chỉ đạo quốc gia"


def test_a_number_and_date_in_a_sentence_are_not_the_documents():
    h = header_of("THÔNG BÁO\nKết quả rà soát văn bản theo Quyết định 12/QĐ-UBND ngày 3/4/2020 của tỉnh.\n")
    assert (h.number, h.date) == (None, None)


def test_date_after_the_number_on_its_line():
    h = header_of("BỘ TÀI CHÍNH\nSố 45/2001/QĐ-BTC ngày 12 tháng 5 năm 2001\nQUYẾT ĐỊNH\n"
                  "VỀ VIỆC BAN HÀNH CHẾ ĐỘ KẾ TOÁN\n")
    assert (h.number, h.date, h.doc_type) == ("45/2001/QĐ-BTC", dt.date(2001, 5, 12), "Quyết định")


def test_a_province_in_a_title_in_capitals_with_the_old_placement_of_its_tone_mark():
    """Thanh Hóa 2003, Khánh Hòa, Hòa Bình: "TỈNH THANH HOÁ" came out "tỉnh thanh hoá"."""
    assert sentence_case("QUY ĐỊNH MỨC THU PHÍ TRÊN ĐỊA BÀN TỈNH THANH HOÁ") == (
        "Quy định mức thu phí trên địa bàn tỉnh Thanh Hóa")
    assert sentence_case("VỀ PHÍ TẠI TỈNH KHÁNH HOÀ VÀ TỈNH HOÀ BÌNH") == (
        "Phí tại tỉnh Khánh Hòa và tỉnh Hòa Bình")
