"""Agency names expanded from the abbreviations and head titles found in provincial documents."""

import pytest

from graph.reading.documents.agencies import expand_agency, name_key, split_agencies


@pytest.mark.parametrize(
    ("written", "full"),
    [
        ("Sở TT&TT", "Sở Thông tin và Truyền thông"),
        ("STTTT", "Sở Thông tin và Truyền thông"),
        ("Sở TTTT", "Sở Thông tin và Truyền thông"),
        ("VP.UBND tỉnh", "Văn phòng UBND tỉnh"),
        ("VP UBND tỉnh", "Văn phòng UBND tỉnh"),
        ("Văn phòng Ủy ban nhân dân tỉnh", "Văn phòng UBND tỉnh"),
        ("Trung tâm PVHCC", "Trung tâm Phục vụ hành chính công"),
        ("Sở KH&ĐT", "Sở Kế hoạch và Đầu tư"),
        ("Sở GD&ĐT", "Sở Giáo dục và Đào tạo"),
        ("Sở LĐTB&XH", "Sở Lao động - Thương binh và Xã hội"),
        ("Sở NN&PTNT", "Sở Nông nghiệp và Phát triển nông thôn"),
        ("Sở TN&MT", "Sở Tài nguyên và Môi trường"),
        ("Sở VHTT&DL", "Sở Văn hóa, Thể thao và Du lịch"),
        ("BCĐ", "Ban Chỉ đạo"),
        ("Công an tỉnh", "Công an tỉnh"),
        # file 003: a typo in a department's name still finds the department
        ("Sở Giáo dục và Đào tao", "Sở Giáo dục và Đào tạo"),
        # heads of bodies name the body
        ("Giám đốc Sở Tư pháp", "Sở Tư pháp"),
        ("Chánh Văn phòng UBND tỉnh,", "Văn phòng UBND tỉnh"),
        ("Chủ tịch UBND các huyện, thành phố Cà Mau", "UBND các huyện, thành phố Cà Mau"),
        # file 003, "2.6. Ủy ban nhân dân huyện, TP.Cà Mau": every district of the province
        ("Ủy ban\nnhân dân huyện, TP.Cà Mau", "UBND các huyện, thành phố Cà Mau"),
        # upper-case header lines are re-cased, place names capitalised
        ("ỦY BAN NHÂN DÂN\nTỈNH KIÊN GIANG", "UBND tỉnh Kiên Giang"),
        ("UBND TỈNH CÀ MAU", "UBND tỉnh Cà Mau"),
        ("SỞ THÔNG TIN VÀ\nTRUYỀN THÔNG", "Sở Thông tin và Truyền thông"),
        ("Báo Kiên Giang", "Báo Kiên Giang"),
        # the office of a city's committee (Đà Nẵng 11/2001/QĐ-UB: "Chánh Văn phòng UBND thành phố"), not
        # "Văn phòng UBND tỉnh thành phố"
        ("Chánh Văn\nphòng UBND thành phố", "Văn phòng UBND thành phố"),
        ("Văn phòng UBND TP. Hồ Chí Minh", "Văn phòng UBND thành phố Hồ Chí Minh"),
        ("Văn phòng Ủy ban nhân dân thành phố Rạch Giá", "Văn phòng UBND thành phố Rạch Giá"),
        # tone marks placed the older way, a capital where none is due (Quyết định 199/2003/QĐ-TTg:
        # "Xét đề nghị của Chủ tịch Uỷ ban Nhân dân tỉnh Quảng Ninh"): the body was "Uỷ ban Nhân dân"
        ("Chủ tịch Uỷ ban Nhân dân tỉnh Quảng Ninh", "UBND tỉnh Quảng Ninh"),
        ("Sở Văn hoá, Thể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch"),
        # a note in brackets after the body (Ninh Thuận 55/2007/QĐ-UBND), closed or cut by the reading
        ("Sở Kế hoạch và Đầu tư (Thường trực Ban Vì sự tiến bộ phụ nữ tỉnh)", "Sở Kế hoạch và Đầu tư"),
        ("Sở Kế hoạch và Đầu tư (Thường trực Ban Vì sự tiến bộ phụ nữ", "Sở Kế hoạch và Đầu tư"),
    ],
)
def test_expand_agency(written, full):
    assert expand_agency(written) == full


def test_province_written_in_the_text_is_kept():
    full = "Sở Thông tin và Truyền thông tỉnh Kiên Giang"
    assert expand_agency("Sở TT&TT tỉnh Kiên Giang", "Kiên Giang") == full
    assert expand_agency("Sở TT&TT", "Kiên Giang") == "Sở Thông tin và Truyền thông"


def test_list_of_departments_after_heads():
    # file 003, Điều 3 of Quyết định 1578/QĐ-UBND
    text = ("Chánh Văn phòng UBND tỉnh,\nGiám đốc các Sở: Thông tin và Truyền thông, Kế hoạch và Đầu tư, "
            "Tài chính; Chủ\ntịch UBND các huyện, thành phố Cà Mau")
    assert split_agencies(text) == [
        "Văn phòng UBND tỉnh", "Sở Thông tin và Truyền thông", "Sở Kế hoạch và Đầu tư", "Sở Tài chính",
        "UBND các huyện, thành phố Cà Mau",
    ]


def test_list_keeps_commas_inside_names():
    # file 002, Điều 2 item 7
    assert split_agencies("Báo Kiên Giang, Đài Phát thanh và Truyền hình Kiên Giang và các cơ quan "
                          "truyền thông, báo chí") == [
        "Báo Kiên Giang", "Đài Phát thanh và Truyền hình Kiên Giang", "Các cơ quan truyền thông, báo chí"]
    assert split_agencies("Sở Nội vụ, Sở Văn hóa, Thể thao và Du lịch") == [
        "Sở Nội vụ", "Sở Văn hóa, Thể thao và Du lịch"]


def test_name_key_ignores_spelling_of_ubnd_and_punctuation():
    assert name_key("Văn phòng Ủy ban nhân dân tỉnh") == name_key("Văn phòng UBND tỉnh")
    assert name_key("Sở Bưu chính, Viễn thông") == name_key("Sở Bưu chính - Viễn thông")


def test_lead_cells_of_project_tables_name_each_agency():
    # file 000 row 8 and file 001 row 15 of their project tables
    assert split_agencies("Sở Tài nguyên và Môi trường, Sở Xây dựng") == ["Sở Tài nguyên và Môi trường",
                                                                         "Sở Xây dựng"]
    assert split_agencies("Sở TTTT; Tỉnh đoàn") == ["Sở Thông tin và Truyền thông", "Tỉnh đoàn"]
    assert split_agencies("Sở Công Thương và các doanh nghiệp") == ["Sở Công Thương", "Các doanh nghiệp"]


def test_acronyms_expand_only_alone_and_shared_ones_not_at_all():
    assert expand_agency("VNPT") == "Tập đoàn Bưu chính Viễn thông Việt Nam"
    assert expand_agency("VNPT Kiên Giang") == "VNPT Kiên Giang"  # the provincial branch
    assert expand_agency("SNV") == "Sở Nội vụ"  # the alias table decides between Nội vụ and Ngoại vụ
    assert expand_agency("Bộ CT") == "Bộ CT"  # Công Thương or Chính trị: left as written


def test_the_head_of_the_state_banks_inspectorate_names_it():
    """Thông tư of the Ngân hàng Nhà nước: "Theo đề nghị của Chánh Thanh tra, giám sát ngân hàng" — the
    comma of the body's name kept the office holder's title in the agency."""
    assert expand_agency("Chánh Thanh tra, giám sát ngân hàng") == "Thanh tra, giám sát ngân hàng"
    assert expand_agency("Chánh Thanh tra tỉnh") == "Thanh tra tỉnh"
