"""The centrally run cities (Hà Nội, Hồ Chí Minh, Hải Phòng, Đà Nẵng, Cần Thơ and, from 1 January 2025,
Huế) in headers and in the issuers of citations: the province is the city's bare name, as the project names
every province ("Hồ Chí Minh", not "Thành phố Hồ Chí Minh"); a body named "… Thành phố" or "Thành ủy" is the
city's, never "tỉnh <city>"; a "thành phố" inside a province (Thủ Dầu Một, Vinh) is no province.
The lines are those of real documents (a 2025 resolution of HĐND Thành phố Hồ Chí Minh, 2025 resolutions of
Hà Nội and Đà Nẵng, a 2003 decision of UBND Thành phố Hồ Chí Minh, a 2018 decision of UBND tỉnh An Giang)."""

import datetime as dt

import pytest

from graph.reading.documents.citations import CitationReader
from graph.reading.documents.header import read_header
from graph.reading.documents.issuer import cited_subunit, in_province
from graph.reading.extract import extract_text
from graph.text import unify_tones

#: the opening of Nghị quyết 489/NQ-HĐND of 10 December 2025 (HĐND Thành phố Hồ Chí Minh), as served
HCM_2025 = """HỘI ĐỒNG NHÂN
DÂN |
CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM |
|
Số: 489/NQ-HĐND |
Thành phố Hồ Chí Minh, ngày 10 tháng 12 năm 2025 |
VỀ KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI
THÀNH PHỐ HỒ CHÍ MINH GIAI ĐOẠN 2026 - 2030
HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH
KHÓA X, KỲ HỌP THỨ SÁU
Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;
Căn cứ Kết luận số 146-KL/TU ngày 08 tháng 12 năm 2025 của Ban chấp hành Đảng bộ Thành phố về Kế hoạch \
phát triển kinh tế - xã hội Thành phố Hồ Chí Minh giai đoạn 2026 - 2030;
Xét Tờ trình số 946/TTr-UBND ngày 01 tháng 12 năm 2025 của Ủy ban nhân dân Thành phố về tình hình phát triển \
kinh tế - xã hội thành phố giai đoạn 2021 - 2025; Báo cáo thẩm tra số 902/BC-BKTNS ngày 08 tháng 12 năm 2025 \
của Ban Kinh tế - Ngân sách Hội đồng nhân dân Thành phố và ý kiến thảo luận thống nhất của các đại biểu Hội \
đồng nhân dân Thành phố tại kỳ họp.
QUYẾT NGHỊ:
"""

#: the opening of Quyết định 120/2003/QĐ-UB of UBND Thành phố Hồ Chí Minh, its table broken over lines
HCM_2003 = """ỦY BAN NHÂN
DÂN
THÀNH PHỐ HỒ CHÍ MINH
********
|
CỘNG HOÀ XÃ
HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
********
|
Số:
120/2003/QĐ-UB
|
TP Hồ Chí
Minh, ngày 17 tháng 7 năm 2003
|
QUYẾT ĐỊNH
CỦA ỦY BAN NHÂN DÂN THÀNH PHỐ V/V PHÊ DUYỆT ĐỀ CƯƠNG QUY HOẠCH
PHÁT TRIỂN NGÀNH CÔNG NGHIỆP TRÊN ĐỊA BÀN THÀNH PHỐ HỒ CHÍ MINH ĐẾN NĂM 2010
ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH
Căn cứ Nghị định số 93/2001/NĐ-CP ngày 12 tháng 12 năm 2001 của Chính phủ về
phân cấp quản lý một số lĩnh vực cho thành phố Hồ Chí Minh;
"""

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"


def only_document(text: str):
    (doc,) = extract_text(text, "vb.txt").documents
    return doc


def header(block: str, place: str, year: int = 2025, authority: str = ""):
    text = (f"{block}\n{MOTTO}Số: 43/NQ-HĐND\n{place}, ngày 11 tháng 12 năm {year}\nNGHỊ QUYẾT\n"
            f"VỀ KẾ HOẠCH PHÁT TRIỂN KINH TẾ, XÃ HỘI NĂM {year + 1}\n{authority}\n"
            "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;\n")
    h = read_header(unify_tones(text), text, 0, len(text))
    return h.issuer, h.province


def issuer_of(sentence: str, province: str) -> tuple[str | None, str | None]:
    (c,) = CitationReader(unify_tones(sentence), sentence, province).scan(0, len(sentence))
    return c.issuer, c.province


def test_hcm_resolution_reads_the_city_by_its_bare_name():
    doc = only_document(HCM_2025)
    assert (doc.number, doc.issuer, doc.province) == ("489/NQ-HĐND", "HĐND Thành phố Hồ Chí Minh",
                                                      "Hồ Chí Minh")
    issuers = {c.number: (c.issuer, c.province) for c in [*doc.bases, *doc.references]}
    assert issuers["146-KL/TU"] == ("Ban chấp hành Đảng bộ Thành phố Hồ Chí Minh", "Hồ Chí Minh")
    assert issuers["902/BC-BKTNS"] == ("Ban Kinh tế - Ngân sách HĐND Thành phố Hồ Chí Minh", "Hồ Chí Minh")
    assert doc.proposals[0].agency == "UBND Thành phố Hồ Chí Minh"
    assert doc.title.endswith("Thành phố Hồ Chí Minh giai đoạn 2026 - 2030")


def test_hcm_decision_of_2003_with_tp_in_its_place_line():
    doc = only_document(HCM_2003)
    assert (doc.number, doc.issuer, doc.province) == ("120/2003/QĐ-UB", "UBND Thành phố Hồ Chí Minh",
                                                      "Hồ Chí Minh")


@pytest.mark.parametrize("city, capitals", [
    ("Hà Nội", "HÀ NỘI"), ("Hải Phòng", "HẢI PHÒNG"), ("Đà Nẵng", "ĐÀ NẴNG"), ("Cần Thơ", "CẦN THƠ")])
def test_every_centrally_run_city_names_its_party_and_council_bodies(city: str, capitals: str):
    text = (HCM_2025.replace("THÀNH PHỐ HỒ CHÍ MINH", f"THÀNH PHỐ {capitals}")
            .replace("Thành phố Hồ Chí Minh", city))
    doc = only_document(text)
    assert (doc.issuer, doc.province) == (f"HĐND thành phố {city}", city)
    issuers = {c.number: c.issuer for c in [*doc.bases, *doc.references]}
    assert issuers["146-KL/TU"] == f"Ban chấp hành Đảng bộ thành phố {city}"
    assert issuers["902/BC-BKTNS"] == f"Ban Kinh tế - Ngân sách HĐND thành phố {city}"


@pytest.mark.parametrize("block, place", [
    ("HỘI ĐỒNG NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH", "Thành phố Hồ Chí Minh"),
    ("HỘI ĐỒNG NHÂN DÂN\nTP. HỒ CHÍ MINH", "TP. Hồ Chí Minh"),
    ("HỘI ĐỒNG NHÂN DÂN\nTP HỒ CHÍ MINH", "TP Hồ Chí Minh"),
    ("HĐND THÀNH PHỐ HỒ CHÍ MINH", "thành phố Hồ Chí Minh"),
])
def test_every_spelling_of_the_city_gives_the_same_province(block: str, place: str):
    assert header(block, place) == ("HĐND Thành phố Hồ Chí Minh", "Hồ Chí Minh")


def test_hanoi_and_danang_resolutions_of_2025():
    # the 2025 resolutions of HĐND thành phố Hà Nội and Đà Nẵng: the city stands in the authority line only
    block = "HỘI ĐỒNG NHÂN\nDÂN |"
    assert header(block, "Hà Nội", authority="HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HÀ NỘI") == (
        "HĐND thành phố Hà Nội", "Hà Nội")
    assert header(block, "Đà Nẵng", authority="HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG") == (
        "HĐND thành phố Đà Nẵng", "Đà Nẵng")


def test_hue_is_a_city_from_2025_and_keeps_its_province_name():
    block = "HỘI ĐỒNG NHÂN\nDÂN |"
    authority = "HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HUẾ"
    assert header(block, "Huế", 2025, authority) == ("HĐND thành phố Huế", "Thừa Thiên Huế")
    assert header("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HUẾ", "Huế", 2026)[0] == "UBND thành phố Huế"
    # before 2025 a council without its unit in the header was the province's
    assert header(block, "Huế", 2019) == ("HĐND tỉnh Thừa Thiên Huế", "Thừa Thiên Huế")
    text = HCM_2025.replace("THÀNH PHỐ HỒ CHÍ MINH", "THÀNH PHỐ HUẾ").replace("Thành phố Hồ Chí Minh", "Huế")
    doc = only_document(text)
    assert (doc.issuer, doc.province) == ("HĐND thành phố Huế", "Thừa Thiên Huế")
    assert {c.number: c.issuer for c in doc.bases}["146-KL/TU"] == "Ban chấp hành Đảng bộ thành phố Huế"


def test_city_bodies_in_citations_of_real_lines():
    # Cần Thơ, 2025: "của Thành ủy Cần Thơ"; Đà Nẵng, 2025: "của Ủy ban nhân dân thành phố về ..."
    assert issuer_of("Kế hoạch số 22-KH/TU ngày 09 tháng 9 năm 2025 của Thành ủy Cần Thơ hành động thực hiện "
                     "Nghị quyết", "Cần Thơ") == ("Thành ủy Cần Thơ", "Cần Thơ")
    assert issuer_of("Báo cáo số 348/BC-UBND ngày 01 tháng 12 năm 2025 của Ủy ban nhân dân thành phố về kết "
                     "quả thực hiện kế hoạch", "Đà Nẵng") == ("UBND thành phố Đà Nẵng", "Đà Nẵng")
    # An Giang, 2018: a province's party body keeps "tỉnh"
    sentence = ("Nghị quyết số 09-NQ/TU ngày 27 tháng 6 năm 2012 của Ban Chấp hành Đảng bộ tỉnh An Giang "
                "về việc phát triển nông nghiệp")
    assert issuer_of(sentence, "An Giang") == ("Ban Chấp hành Đảng bộ tỉnh An Giang", "An Giang")


def test_bodies_named_by_their_unit_word():
    assert in_province("Ban Tuyên giáo Thành ủy", "Hải Phòng") == "Ban Tuyên giáo Thành ủy Hải Phòng"
    assert in_province("Ban Pháp chế HĐND tỉnh", "Đắk Lắk") == "Ban Pháp chế HĐND tỉnh Đắk Lắk"
    assert in_province("Sở Tư pháp", "Hà Nội") == "Sở Tư pháp thành phố Hà Nội"
    assert in_province("Sở Tư pháp", "Bến Tre") == "Sở Tư pháp tỉnh Bến Tre"
    assert in_province("Ban Kinh tế - Ngân sách HĐND thành phố", "Thừa Thiên Huế",
                       dt.date(2025, 12, 8)) == "Ban Kinh tế - Ngân sách HĐND thành phố Huế"


def test_a_city_inside_a_province_is_not_the_province():
    # Thủ Dầu Một was a city of tỉnh Bình Dương, Vinh of Nghệ An: their bodies are theirs, not the province's
    assert header("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ THỦ DẦU MỘT", "Thủ Dầu Một", 2019) == (
        "UBND thành phố Thủ Dầu Một", "Bình Dương")
    assert issuer_of("Kế hoạch số 88/KH-UBND ngày 20 tháng 02 năm 2019 của Ủy ban nhân dân thành phố "
                     "Thủ Dầu Một về chỉnh trang đô thị", "Bình Dương") == (
        "UBND thành phố Thủ Dầu Một", "Bình Dương")
    assert issuer_of("Nghị quyết số 07-NQ/TU ngày 02 tháng 02 năm 2019 của Ban Chấp hành Đảng bộ thành phố "
                     "Vinh về phát triển đô thị", "Nghệ An")[0] == "Ban Chấp hành Đảng bộ thành phố Vinh"
    # "thành phố" in a province's citation, without name: one of its cities, never "tỉnh" added to it
    assert in_province("Phòng Quản lý đô thị thành phố", "Bình Dương") == "Phòng Quản lý đô thị thành phố"
    # a centrally run city after "Ủy ban nhân dân thành phố" is the province, not a unit below it
    assert cited_subunit("của Ủy ban nhân dân thành phố Hà Nội", 4, 40) is None
    assert cited_subunit("của Ủy ban nhân dân thành phố về kết quả", 4, 40) is None
    (issuer, province, end) = cited_subunit("của Ủy ban nhân dân Quận 1 về", 4, 30)
    assert (issuer.name, province, end) == ("UBND quận 1", None, 26)  # the citing document's province then
