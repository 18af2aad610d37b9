"""Quantified goals on sentences of the sample corpus: value, unit, deadline, metric; not past results."""

from graph.reading.tasks.targets import read_targets
from graph.reading.tasks.targets_patterns import metric_of
from graph.reading.text.prepared import PreparedText


def _targets(text: str, title: str | None = None):
    prep = PreparedText.identity("test.txt", text)
    return read_targets(prep, 0, len(text), title)


def _values(text: str, title: str | None = None):
    return [(t.value, t.unit, t.deadline) for t in _targets(text, title)]


def test_goal_section_deadline_from_heading():
    # file 000, II. MỤC TIÊU PHÁT TRIỂN ĐẾN NĂM 2020 and III. ĐỊNH HƯỚNG ĐẾN NĂM 2025
    text = ("II. MỤC TIÊU PHÁT TRIỂN ĐẾN NĂM 2020\n"
            "2. Mục tiêu cụ thể\n"
            "50% - 60% hộ gia đình có máy tính và truy cập internet băng rộng.\n"
            "100% các đơn vị y tế ứng dụng công nghệ thông tin vào các hoạt động quản lý, điều hành, tác "
            "nghiệp. "
            "Trên 80% cán bộ y tế được phổ cập sử dụng tin học.\n"
            "III. ĐỊNH HƯỚNG ĐẾN NĂM 2025\n"
            "Ít nhất 10 doanh nghiệp phần mềm, nội dung số và dịch vụ công nghệ thông tin có thương hiệu, "
            "có 5 "
            "trong số 10 doanh nghiệp phần mềm và nội dung số đạt chứng nhận về quản lý chất lượng (ISO "
            "9001, "
            "CMMI mức độ 3 trở lên).\n")
    assert _values(text) == [(50, "%", 2020), (100, "%", 2020), (80, "%", 2020),
                             (10, "doanh nghiệp", 2025), (5, "doanh nghiệp", 2025)]
    texts = [t.text for t in _targets(text)]
    assert texts[2] == "Trên 80% cán bộ y tế được phổ cập sử dụng tin học"


def test_one_goal_per_clause_and_words_of_each():
    # file 002, II. MỤC TIÊU, 1. Mục tiêu đến năm 2025
    text = ("1. Mục tiêu đến năm 2025\n"
            "- 100% văn bản được trao đổi qua môi trường mạng dưới dạng văn bản điện tử, được ký số bởi chữ "
            "ký "
            "số chuyên dùng, trừ văn bản mật theo quy định của pháp luật; 100 % hồ sơ công việc cấp tỉnh, "
            "90% hồ "
            "sơ công việc cấp huyện và 70% hồ sơ công việc cấp xã được xử lý trên môi trường mạng (trừ hồ sơ "
            "công việc thuộc phạm vi bí mật nhà nước);\n")
    targets = _targets(text)
    assert [(t.value, t.deadline) for t in targets] == [(100, 2025), (100, 2025), (90, 2025), (70, 2025)]
    assert targets[1].text == "100 % hồ sơ công việc cấp tỉnh"
    assert targets[2].text == "90% hồ sơ công việc cấp huyện"
    assert targets[3].text.startswith("70% hồ sơ công việc cấp xã được xử lý")
    assert [t.metric for t in targets[1:]] == ["ho_so_cong_viec_tinh", "ho_so_cong_viec_huyen",
                                               "ho_so_cong_viec_xa"]


def test_past_results_are_not_goals():
    # file 001, I. KẾT QUẢ ... NĂM 2019 (statistics) against III. MỤC TIÊU NĂM 2020
    text = ("I. KẾT QUẢ ỨNG DỤNG CÔNG NGHỆ THÔNG TIN NĂM 2019\n"
            "Đến năm 2019 đã có 14.468.673 lượt truy cập để khai thác thông tin trên Cổng TTĐT.\n"
            "- Tỷ lệ cơ quan thực hiện kết nối, liên thông các hệ thống QLVB và điều hành từ cấp tỉnh đến "
            "cấp "
            "huyện là 100 %.\n"
            "III. MỤC TIÊU NĂM 2020\n"
            "- Tối thiểu 30% báo cáo định kỳ của tỉnh được gửi, nhận qua hệ thống thông tin báo cáo quốc gia "
            "(không bao gồm nội dung mật).\n"
            "- Hiện nay, 100% cán bộ, công chức, viên chức biết sử dụng máy vi tính.\n")
    assert _values(text) == [(30, "%", 2020)]


def test_deadline_from_sentence_then_title():
    # file 004 (restored) and file 003: the plan's year comes from its title
    text = ("- đến năm 2010, tỷ lệ cán bộ, công chức, viên chức biết sử dụng máy tính trong công tác "
            "chuyên môn, "
            "nghiệp vụ các sở, ngành tỉnh đạt trên 95%, cấp huyện đạt trên 70%; cấp xã đạt trên 50%.\n"
            "I. MỤC TIÊU THỰC HIỆN ĐỀ ÁN\n"
            "- Tỷ lệ hộ gia đình có máy tính đạt 10-15%.\n")
    title = ("Thực hiện Đề án “Đưa Việt Nam sớm trở thành nước mạnh về công nghệ thông tin và truyền thông” "
             "năm 2014")
    targets = _targets(text, title)
    assert [(t.value, t.deadline) for t in targets] == [(95, 2010), (70, 2010), (50, 2010), (10, 2014)]
    assert targets[0].text.startswith("tỷ lệ cán bộ, công chức, viên chức")
    assert targets[1].text == "cấp huyện đạt trên 70%"


def test_year_table_of_indicators():
    # file 004 (restored): a table of indicators by year, flattened into lines
    text = ("Lộ trình triển khai và chi phí đầu tư qua các năm: Các chỉ tiêu VT Năm Năm Năm 2008 2009 2010 "
            "- Tỷ lệ "
            "cán bộ, công chức % 25 50 100 được cung cấp email.\n"
            "- Tỷ lệ cán bộ, công chức sử dụng email. % 20 >45 >70 - Xây dựng quy trình số hóa thông tin "
            "điện tử; "
            "triệu 200 quy định về sử dụng thư điện tử.\n")
    assert _values(text) == [(25, "%", 2008), (50, "%", 2009), (100, "%", 2010),
                             (20, "%", 2008), (45, "%", 2009), (70, "%", 2010)]


def test_a_goal_restated_later_is_one_goal():
    # file 000: II. MỤC TIÊU then IV. NỘI DUNG QUY HOẠCH restate 30% of level-4 services by 2020
    text = ("II. MỤC TIÊU PHÁT TRIỂN ĐẾN NĂM 2020\n"
            "Cổng dịch vụ công của tỉnh được hình thành; cung cấp được hầu hết dịch vụ công phổ biến ở mức "
            "độ 3 "
            "và 30% dịch vụ công mức độ 4 phục vụ người dân và doanh nghiệp.\n"
            "IV. NỘI DUNG QUY HOẠCH PHÁT TRIỂN CÔNG NGHỆ THÔNG TIN ĐẾN NĂM 2020:\n"
            "Xây dựng các ứng dụng tập trung hóa, ưu tiên hoàn thiện 06 cơ sở dữ liệu dùng chung của tỉnh; "
            "cung "
            "cấp được 100% dịch vụ công trực tuyến mức độ 3 và 30% dịch vụ công trực tuyến mức độ 4 trên "
            "cổng "
            "thông tin điện tử của tỉnh.\n")
    targets = _targets(text)
    assert [(t.value, t.unit, t.metric) for t in targets] == [
        (30, "%", "dvc_muc_4"), (6, "cơ sở dữ liệu", None), (100, "%", "dvc_muc_3")]
    assert targets[0].text == "30% dịch vụ công mức độ 4 phục vụ người dân và doanh nghiệp"
    assert targets[1].text == "ưu tiên hoàn thiện 06 cơ sở dữ liệu dùng chung của tỉnh"


def test_metrics_compare_across_plans():
    assert metric_of("30% dịch vụ công mức độ 4 phục vụ người dân và doanh nghiệp") == "dvc_muc_4"
    assert metric_of("Tối thiểu 30% DVCTT thực hiện ở mức độ 4") == "dvc_muc_4"
    assert metric_of("100% thủ tục hành chính có đủ điều kiện được cung cấp dưới dạng dịch vụ công "
                     "trực tuyến "
                     "mức 4") == "dvc_muc_4"
    both_levels = "tích hợp 30% các DVCTT mức độ 3, 4 của tỉnh với Cổng dịch vụ công quốc gia"
    assert metric_of(both_levels) == "dvc_muc_3_4"
    assert metric_of("Tỷ trọng kinh tế số đạt 20% GDP") == "kinh_te_so_gdp"


def test_numbers_that_are_not_counts():
    # file 002: "từ 15 tuổi" is an age, "mức độ 3" a level, years are years
    text = ("1. Mục tiêu đến năm 2025\n"
            "- Tỷ lệ dân số từ 15 tuổi trở lên có tài khoản giao dịch thanh toán tại ngân hàng hoặc tổ chức "
            "được "
            "phép khác đạt 80%;\n"
            "- Đảm bảo hệ thống thông tin phục vụ Đại hội Đảng các cấp và Đại hội Đảng bộ tỉnh nhiệm kỳ "
            "2020 - "
            "2025.\n")
    assert _values(text) == [(80, "%", 2025)]


def test_table_of_indicators_with_year_columns():
    # the prepared form of a "Chỉ tiêu | Đơn vị tính | Năm ..." table; a column of past results is not a goal
    text = ("II. MỤC TIÊU\n"
            "TT | Chỉ tiêu | Đơn vị tính | Năm 2020 (thực hiện) | Năm 2025 | Năm 2030\n"
            "1 | Tỷ lệ dịch vụ công trực tuyến mức độ 4 | % | 30 | 80 | 100\n"
            "2 | Số doanh nghiệp công nghệ số | doanh nghiệp | 100 | 500 | 1.000\n"
            "III. NHIỆM VỤ\n")
    assert [(t.value, t.unit, t.deadline, t.metric) for t in _targets(text)] == [
        (80, "%", 2025, "dvc_muc_4"), (100, "%", 2030, "dvc_muc_4"),
        (500, "doanh nghiệp", 2025, None), (1000, "doanh nghiệp", 2030, None)]


def test_year_after_the_number_and_baselines():
    text = ("II. MỤC TIÊU\n"
            "Phấn đấu đến năm 2025: 80% hồ sơ được xử lý trực tuyến; tỷ lệ hộ gia đình có internet cáp quang "
            "đạt 90% vào năm 2030; kim ngạch thương mại điện tử tăng 20% so với năm 2019.\n")
    assert _values(text) == [(80, "%", 2025), (90, "%", 2030), (20, "%", 2025)]


def test_figures_of_earlier_years_and_shares_of_money_are_not_goals():
    # a plan of 2019 (file 001's date): a figure for 2018 is a result even outside a results section
    text = ("III. MỤC TIÊU NĂM 2020\n"
            "- Năm 2018, tỷ lệ văn bản trao đổi giữa các cơ quan nhà nước dưới dạng điện tử đạt 90%.\n"
            "- 100% hồ sơ giải quyết TTHC được thực hiện thông qua hệ thống MCĐT của tỉnh.\n"
            "- Ngân sách tỉnh hỗ trợ 50% kinh phí thuê dịch vụ công nghệ thông tin.\n")
    prep = PreparedText.identity("test.txt", text)
    assert [(t.value, t.deadline) for t in read_targets(prep, 0, len(text), None, 2019)] == [(100, 2020)]
