"""Project tables and money on table rows of the sample corpus, in the layouts the input has."""

import pytest

from graph.reading.tasks.money import find_unit, money_in, parse_number, to_dong
from graph.reading.tasks.projects import read_projects
from graph.reading.tasks.tables import find_tables
from graph.reading.text.prepared import PreparedText


def _projects(text: str):
    prep = PreparedText.identity("test.txt", text)
    return read_projects(prep, 0, len(text))


@pytest.mark.parametrize(("written", "value"), [
    ("1.818", 1818.0), ("2,5", 2.5), ("10,80", 10.8), ("1.650,86", 1650.86),
    ("2.100.000.000", 2.1e9), ("15.000", 15000.0), (">45", 45.0), ("2016-2020", None), ("", None),
])
def test_vietnamese_numbers(written, value):
    assert parse_number(written) == value


def test_comma_thousands_only_when_the_table_says_so():
    # file 004's appendix was converted from an English layout: "3,800" is 3800 triệu đồng there
    assert parse_number("3,800") == 3.8
    assert parse_number("3,800", comma_thousands=True) == 3800.0


def test_units_and_conversion():
    assert find_unit("ĐVT: Triệu đồng") == "triệu đồng"
    assert find_unit("Đơn vị tính: Tỷ đồng") == "tỷ đồng"
    assert find_unit("đvt: đồng") == "đồng"
    assert money_in("- Nhu cầu vốn đầu tư: 1.818 tỷ đồng.") == (1818.0, "tỷ đồng")
    assert to_dong(2.5, "tỷ đồng") == 2.5e9


# file 000's appendix as copied from the web page: one cell per line, blank lines between,
# a no-break space for an empty cell, a merged "Phân bổ nguồn vốn" header over three columns
ONE_CELL_PER_LINE = "\n\n".join([
    "PHỤ LỤC", "DANH MỤC CÁC DỰ ÁN ƯU TIÊN ĐẦU TƯ ĐẾN NĂM 2020", "Đơn vị tính: Tỷ đồng",
    "TT", "Nội dung dự án", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện",
    "Phân bổ nguồn vốn đầu tư", "Tổng kinh phí", "Ngân sách Trung ương", "Ngân sách địa phương",
    "Doanh nghiệp, xã hội hóa",
    "I", "Xây dựng Chính quyền điện tử", "\xa0", "\xa0", "4,00", "124,96", "224,10", "353,06",
    "1", "Nâng cấp hệ thống thư điện tử của tỉnh", "Sở Thông tin và Truyền thông", "Văn phòng UBND tỉnh",
    "2018-2019", "\xa0", "1,81", "\xa0", "1,81",
    "2", "Xây dựng hệ thống thông tin quản lý đất đai - xây dựng", "Sở Tài nguyên và Môi trường, Sở Xây dựng",
    "\xa0", "2016-2017", "\xa0", "10,50", "18,50", "29,00",
    "Tổng", "\xa0", "\xa0", "\xa0", "4,60", "162,70", "1.650,86", "1.818,16",
]) + "\n"


def test_one_cell_per_line_table():
    projects = _projects(ONE_CELL_PER_LINE)
    assert [p.name for p in projects] == [
        "Nâng cấp hệ thống thư điện tử của tỉnh", "Xây dựng hệ thống thông tin quản lý đất đai - xây dựng"]
    first, second = projects
    assert first.lead == "Sở Thông tin và Truyền thông"
    assert first.coordinators == ["Văn phòng UBND tỉnh"]
    assert (first.period, first.budget, first.budget_unit, first.budget_dong) == (
        "2018-2019", 1.81, "tỷ đồng",
                                                                                   1.81e9)
    assert second.lead == "Sở Tài nguyên và Môi trường, Sở Xây dựng"
    assert second.budget == 29.0  # the total, not a part of the funding breakdown


PIPE_ROWS = (
    "Đơn vị tính: Tỷ đồng\n"
    "TT | Nội dung dự án | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian thực hiện | Phân bổ nguồn vốn đầu "
    "tư | "
    "Tổng kinh phí | Ngân sách Trung ương | Ngân sách địa phương | Doanh nghiệp, xã hội hóa\n"
    "I | Xây dựng Chính quyền điện tử |  |  | 4,00 | 124,96 | 224,10 | 353,06\n"
    "7 | Xây dựng các phần mềm dịch vụ công trực tuyến mức độ 3, 4 | Sở Thông tin và Truyền thông | "
    "Các sở, ban, ngành | 2016-2020 | 4,00 | 32,00 | 108,00 | 144,00\n"
)


def test_prepared_rows_with_a_merged_header():
    (p,) = _projects(PIPE_ROWS)
    assert (p.lead, p.coordinators, p.period, p.budget, p.budget_unit) == (
        "Sở Thông tin và Truyền thông", ["Các sở, ban, ngành"], "2016-2020", 144.0, "tỷ đồng")


# file 001: tab rows, abbreviations in the lead column, a row split by a page break
TAB_ROWS = (
    "8. Đánh giá đầu tư cho xây dựng Chính quyền điện tử\n"
    "ĐVT: Triệu đồng\n"
    "T T\tTên nhiệm vụ, dự án\tĐơn vị chủ trì\tLĩnh vực ứng dụng\tMục tiêu đầu tư\tPhạm vi đầu tư\t"
    "Tổng mức đầu tư dự kiến\tKinh phí đã thực hiện\tNguồn vốn\n"
    "1\tĐầu tư nâng cấp, mở rộng Trung tâm dữ liệu tỉnh Kiên Giang phục vụ triển khai Chính quyền điện tử "
    "tỉnh\tSở Thông tin và Truyền thông (TTTT)\tHạ tầng CNTT\tĐảm bảo khả năng triển khai các hệ thống CNTT "
    "của tỉnh\tTrung tâm dữ liệu tỉnh\t15.000\t11.800\tSự nghiệp CNTT\n"
    "5\tXây dựng Khung Kiến trúc chính quyền điện tử tỉnh Kiên\tSở TTTT\t\tĐịnh hướng triển khai ứng dụng "
    "CNTT theo\tCấp tỉnh\t500\t500\tSự nghiệp CNTT\n"
    "\n\n"
    "T T\tTên nhiệm vụ, dự án\tĐơn vị chủ trì\tLĩnh vực ứng dụng\tMục tiêu đầu tư\tPhạm vi đầu tư\t"
    "Tổng mức đầu tư dự kiến\tKinh phí đã thực hiện\tNguồn vốn\n"
    "\tGiang\t\t\tKiến trúc tổng thể\t\t\t\t\n"
    "14\tDuy trì, bảo trì, nâng cấp, vận hành, cước phí đường truyền các hệ thống thông tin.\t"
    "Trung tâm CNTT&T T\tHạ tầng CNTT\tDuy trì hoạt động hệ thống Trung tâm dữ liệu tỉnh Kiên Giang\t"
    "Cấp tỉnh\t7.500\t4.700\tSự nghiệp CNTT\n"
    "Tổng cộng\t\t\t\t\t\t128.020\t96.050\t\n"
)


def test_tab_rows_page_break_and_abbreviations():
    # under "Đánh giá ..." the table reviews past investment: not the plan's projects
    assert _projects(TAB_ROWS) == []
    projects = _projects(TAB_ROWS.replace("8. Đánh giá đầu tư", "8. Kế hoạch đầu tư"))
    assert [p.name for p in projects] == [
        "Đầu tư nâng cấp, mở rộng Trung tâm dữ liệu tỉnh Kiên Giang phục vụ triển khai Chính quyền điện tử "
        "tỉnh",
        "Xây dựng Khung Kiến trúc chính quyền điện tử tỉnh Kiên Giang",
        "Duy trì, bảo trì, nâng cấp, vận hành, cước phí đường truyền các hệ thống thông tin."]
    assert [p.lead for p in projects] == ["Sở Thông tin và Truyền thông", "Sở Thông tin và Truyền thông",
                                          "Trung tâm Công nghệ thông tin và Truyền thông"]
    # the planned total, not what was spent; no year in the caption: no period
    assert [(p.budget, p.budget_unit, p.period) for p in projects] == [
        (15000.0, "triệu đồng", None), (500.0, "triệu đồng", None), (7500.0, "triệu đồng", None)]
    assert projects[0].funding == "Sự nghiệp CNTT"
    shares = [(x.source, x.kind, x.amount) for x in projects[0].shares]
    assert shares == [("vốn sự nghiệp", "public", 15000.0)]


def test_period_from_the_caption_year_and_group_rows_skipped():
    # file 001, Phụ lục I
    text = ("DANH MỤC NHIỆM VỤ, DỰ ÁN CÔNG NGHỆ THÔNG TIN NĂM 2020\n"
            "ỨNG DỤNG NGUỒN VỐN SỰ NGHIỆP CÔNG NGHỆ THÔNG TIN\n"
            "(Kèm theo Kế hoạch số 176 /KH-UBND ngày 27 / 12 /2019 của Ủy ban nhân dân tỉnh Kiên Giang)\n"
            "ĐVT: Đồng\n"
            "STT\tHoạt động ứng dụng CNTT\tĐơn vị thực hiện\tĐơn vị phối hợp\tKinh phí\tGhi chú\n"
            "I\tỨng dụng CNTT để nâng cao năng lực quản lý điều hành của các cơ quan Nhà nước\t\t\t\t\n"
            "13\tNâng cấp bản quyền thiết bị tường lửa tại các sở, ngành tỉnh và UBND cấp huyện\tVP.UBND "
            "tỉnh\t"
            "Các sở ngành, UBND cấp huyện\t270.000.000\t\n"
            "\tTỔNG CỘNG\t\t\t16.000.000.000\t\n")
    (p,) = _projects(text)
    assert (p.lead, p.period, p.budget, p.budget_unit, p.budget_dong) == (
        "Văn phòng UBND tỉnh", "2020", 270000000.0, "đồng", 270000000.0)
    assert p.coordinators == ["Các sở, ban, ngành", "UBND các huyện, thành phố"]
    assert p.funding == "vốn sự nghiệp công nghệ thông tin"


def test_prose_is_not_a_table():
    text = ("- Vốn ngân sách Trung ương: 5 tỷ đồng.\n"
            "STT là số thứ tự của dự án trong danh mục; Tên dự án và Đơn vị chủ trì được ghi rõ.\n")
    assert find_tables(text) == []
    assert _projects(text) == []
