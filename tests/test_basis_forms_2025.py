"""Forms of the basis clause met in documents issued from July 2025: a sentence closing on a lower-case
"căn cứ:" over a dash list (commune and HĐND pages), joint numbers naming several issuers
(72/2025/NQLT/UBTVQH15-CP-ĐCTUBTWMTTQVN), and an issuer named by a double title ("của Bộ trưởng, Chủ
nhiệm Văn phòng Chính phủ"). The lines are those of real documents of 2025 and of well-known texts."""

import re

import pytest

from graph.reading.documents.citations import CitationReader
from graph.reading.documents.numbering import joint_bodies, type_from_number
from graph.reading.documents.patterns import NUMBER_RE
from graph.reading.extract import extract_text
from graph.text import unify_tones

#: a commune HĐND page of December 2025 (the portal's summary, served without header)
COMMUNE_PAGE = """Hội đồng nhân dân xã Gia Hanh căn cứ:
- Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;
- Nghị quyết liên tịch số 72/2025/NQLT/UBTVQH15-CP-ĐCTUBTWMTTQVN ngày 20/02/2025 của Ủy Ban Thường vụ \
Quốc hội, Chính phủ và Đoàn Chủ tịch Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam về quy định chi tiết việc \
tổ chức tiếp xúc cử tri của đại biểu Quốc hội và đại biểu Hội đồng nhân dân các cấp;
Sau khi thống nhất với Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã, Tổ đại biểu Hội đồng nhân dân \
xã, Thường trực Hội đồng nhân dân xã xây dựng Kế hoạch tiếp xúc cử tri của đại biểu Hội đồng nhân dân xã \
trước kỳ họp thường lệ cuối năm 2025 Hội đồng nhân dân xã khóa XX.
"""

HEADER = """ỦY BAN NHÂN DÂN
TỈNH THANH HÓA
-------

Số: 128/2025/QĐ-UBND

Thanh Hóa, ngày 09 tháng 10 năm 2025

QUYẾT ĐỊNH

VỀ VIỆC BAN HÀNH QUY CHẾ HOẠT ĐỘNG CỦA TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH THANH HÓA

"""


def only_document(text: str):
    (doc,) = extract_text(text, "vb.txt").documents
    return doc


def cited(sentence: str):
    return CitationReader(unify_tones(sentence), sentence, "Thanh Hóa").scan(0, len(sentence))


def numbers(items) -> list[str]:
    return [c.number or c.title for c in items]


# ---------------------------------------------------------------- C1: "... căn cứ:" over a dash list


def test_commune_page_lists_its_bases_after_a_lower_case_can_cu():
    doc = only_document(COMMUNE_PAGE)
    assert numbers(doc.bases) == ["Luật Tổ chức chính quyền địa phương",
                                  "72/2025/NQLT/UBTVQH15-CP-ĐCTUBTWMTTQVN"]
    assert doc.bases[0].date.isoformat() == "2025-06-16"
    assert doc.references == []


@pytest.mark.parametrize("opener", [
    "Thường trực Hội đồng nhân dân xã căn cứ:",
    "Ủy ban nhân dân xã Gia Hanh xây dựng Kế hoạch căn cứ vào các văn bản sau:",
    "Thường trực Hội đồng nhân dân xã ban hành Kế hoạch căn cứ các văn bản sau đây:",
    "Hội đồng nhân dân xã Gia Hanh CĂN CỨ:",
])
def test_other_ways_of_closing_the_sentence_on_can_cu(opener):
    doc = only_document(HEADER + opener + COMMUNE_PAGE[COMMUNE_PAGE.index("\n"):])
    assert numbers(doc.bases) == ["Luật Tổ chức chính quyền địa phương",
                                  "72/2025/NQLT/UBTVQH15-CP-ĐCTUBTWMTTQVN"]


@pytest.mark.parametrize("opener", [
    # "căn cứ" inside a sentence, without the colon that closes the line: no basis section
    "Ủy ban nhân dân xã xây dựng kế hoạch căn cứ vào tình hình thực tế của địa phương như sau:",
    "Các cơ quan, đơn vị căn cứ Kế hoạch này, xây dựng kế hoạch của đơn vị mình:",
])
def test_can_cu_inside_a_sentence_opens_no_list(opener):
    doc = only_document(HEADER + opener + COMMUNE_PAGE[COMMUNE_PAGE.index("\n"):])
    assert doc.bases == []
    assert "Luật Tổ chức chính quyền địa phương" in numbers(doc.references)


def test_can_cu_colon_after_the_preamble_is_no_basis_section():
    body = ("QUYẾT ĐỊNH:\nĐiều 1. Mức hỗ trợ được xác định căn cứ:\n"
            + COMMUNE_PAGE[COMMUNE_PAGE.index("\n") + 1:])
    doc = only_document(HEADER + "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;\n"
                        + body)
    assert numbers(doc.bases) == ["Luật Tổ chức chính quyền địa phương"]


# ---------------------------------------------------------------- C2: joint numbers


@pytest.mark.parametrize(("number", "doc_type"), [
    ("72/2025/NQLT/UBTVQH15-CP-ĐCTUBTWMTTQVN", "Nghị quyết liên tịch"),
    ("403/2017/NQLT-UBTVQH14-CP-ĐCTUBTWMTTQVN", "Nghị quyết liên tịch"),
    ("09/2008/NQLT-CP-UBTƯMTTQVN", "Nghị quyết liên tịch"),
    ("90/2009/TTLT-BTC-BNV", "Thông tư liên tịch"),
    ("01/2017/TTLT-BCA-BQP-BTC-BNN&PTNT-VKSNDTC", "Thông tư liên tịch"),
    ("04/1999/TTLT/BKH-BTC", "Thông tư liên tịch"),
])
def test_joint_numbers_are_read_whole_with_their_type(number, doc_type):
    m = NUMBER_RE.search(f"theo Văn bản số {number} ngày 06/5/2009")
    assert m is not None and m.group("number") == number
    assert type_from_number(number) == doc_type


def test_a_code_glued_to_a_word_is_no_number():
    assert NUMBER_RE.search("số 72/2025/NQLT/UBTVQH15xã") is None


def test_joint_bodies_are_the_known_issuers_a_number_names():
    assert [b.name for b in joint_bodies("72/2025/NQLT/UBTVQH15-CP-ĐCTUBTWMTTQVN")] == [
        "Ủy ban Thường vụ Quốc hội", "Chính phủ",
        "Đoàn Chủ tịch Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"]
    assert joint_bodies("916/2005/NQ-UBTVQH11") == ()  # a type and one body
    assert joint_bodies("2290/BTTTT-KHTC") == ()  # a ministry and one of its departments
    assert joint_bodies("118/2025/NĐ-CP") == ()


def test_joint_resolution_cited_with_its_issuers_and_subject():
    (c,) = cited(COMMUNE_PAGE.splitlines()[2].lstrip("- "))
    assert (c.doc_type, c.level, str(c.date)) == ("Nghị quyết liên tịch", "central", "2025-02-20")
    assert c.issuer == ("Ủy ban Thường vụ Quốc hội - Chính phủ - "
                        "Đoàn Chủ tịch Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam")
    assert c.title.startswith("quy định chi tiết việc tổ chức tiếp xúc cử tri")


def test_joint_circular_without_issuer_named_takes_them_from_its_number():
    (c,) = cited("Căn cứ Thông tư liên tịch số 01/2017/TTLT-BCA-BQP-BTC-BNN&PTNT-VKSNDTC ngày 29 tháng 12 "
                 "năm 2017 quy định việc phối hợp giữa các cơ quan có thẩm quyền;")
    assert (c.number, c.doc_type, c.level) == ("01/2017/TTLT-BCA-BQP-BTC-BNN&PTNT-VKSNDTC",
                                               "Thông tư liên tịch", "central")


def test_joint_document_header_is_central():
    doc = only_document("""ỦY BAN THƯỜNG VỤ QUỐC HỘI - CHÍNH PHỦ - ĐOÀN CHỦ TỊCH
ỦY BAN TRUNG ƯƠNG MẶT TRẬN TỔ QUỐC VIỆT NAM
-------

Số: 72/2025/NQLT/UBTVQH15-CP-ĐCTUBTWMTTQVN

Hà Nội, ngày 20 tháng 02 năm 2025

NGHỊ QUYẾT LIÊN TỊCH

Quy định chi tiết việc tổ chức tiếp xúc cử tri của đại biểu Quốc hội và đại biểu Hội đồng nhân dân các cấp

Căn cứ Luật Tổ chức Quốc hội số 57/2014/QH13;
""")
    assert (doc.number, doc.doc_type, doc.level) == ("72/2025/NQLT/UBTVQH15-CP-ĐCTUBTWMTTQVN",
                                                     "Nghị quyết liên tịch", "central")
    assert doc.province is None


# ---------------------------------------------------------------- D: "của Bộ trưởng, Chủ nhiệm ..."

VPCP_CIRCULAR = ("Căn cứ Thông tư số 03/2025/TT-VPCP ngày 15 tháng 9 năm 2025 của Bộ trưởng, Chủ nhiệm "
                 "Văn phòng Chính phủ hướng dẫn thi hành một số nội dung của Nghị định số 118/2025/NĐ-CP "
                 "ngày 09 tháng 6 năm 2025 của Chính phủ về thực hiện thủ tục hành chính theo cơ chế một "
                 "cửa, một cửa liên thông tại Bộ phận Một cửa và Cổng Dịch vụ công quốc gia;")


def test_minister_heading_an_agency_does_not_cut_the_subject():
    (c,) = cited(VPCP_CIRCULAR)
    assert c.issuer == "Văn phòng Chính phủ"
    assert c.title.startswith("hướng dẫn thi hành một số nội dung của Nghị định số 118/2025/NĐ-CP")
    assert [(x.number, relation) for x, relation in c.children] == [("118/2025/NĐ-CP", "guides")]


def test_the_guided_decree_is_not_a_second_basis():
    doc = only_document(HEADER + "Căn cứ Nghị định số 118/2025/NĐ-CP ngày 09 tháng 6 năm 2025 của Chính phủ "
                        "về thực hiện thủ tục hành chính theo cơ chế một cửa;\n\n" + VPCP_CIRCULAR + "\n")
    assert numbers(doc.bases) == ["118/2025/NĐ-CP", "03/2025/TT-VPCP"]
    assert [(n.doc.number, n.relation) for n in doc.nested] == [("118/2025/NĐ-CP", "guides")]


@pytest.mark.parametrize(("sentence", "issuer", "title"), [
    ("Căn cứ Thông tư số 01/2024/TT-UBDT ngày 15 tháng 3 năm 2024 của Bộ trưởng, Chủ nhiệm Ủy ban Dân tộc "
     "quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;",
     "Ủy ban Dân tộc", "quy định chi tiết thi hành"),
    ("Căn cứ Thông tư số 19/2013/TT-NHNN ngày 06 tháng 9 năm 2013 của Bộ trưởng, Thống đốc Ngân hàng Nhà "
     "nước Việt Nam quy định về việc mua, bán và xử lý nợ xấu;",
     "Ngân hàng Nhà nước Việt Nam", "quy định về việc mua, bán"),
    # the head's title ends with the body's name: the body, not "Chính phủ" after it
    ("Căn cứ Thông tư số 06/2021/TT-TTCP ngày 01 tháng 10 năm 2021 của Bộ trưởng, Tổng Thanh tra Chính phủ "
     "quy định về tổ chức, hoạt động của Đoàn thanh tra;",
     "Thanh tra Chính phủ", "quy định về tổ chức"),
    ("Căn cứ Quyết định số 1363/QĐ-KTNN ngày 02/10/2020 của Tổng Kiểm toán nhà nước quy định chức năng, "
     "nhiệm vụ, quyền hạn và tổ chức của Thanh tra Kiểm toán nhà nước;",
     "Kiểm toán Nhà nước", "quy định chức năng"),
])
def test_double_titles_of_a_minister(sentence, issuer, title):
    (c, *_) = cited(sentence)
    assert c.issuer == issuer
    assert c.level == "central"
    assert re.match(title, c.title)


# ---------------------------------------------------------------- G: an issuer stated once in the file

POLITBURO = ("Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, "
             "công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia;\n")
PROGRAMME = ("Căn cứ Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ ban hành Chương trình hành động "
             "thực hiện Nghị quyết số 57-NQ/TW;\n")


def test_a_bare_party_number_keeps_the_issuer_stated_elsewhere_in_the_document():
    doc = only_document(HEADER + POLITBURO + PROGRAMME)
    assert [(b.number, b.issuer) for b in doc.bases] == [("57-NQ/TW", "Bộ Chính trị"),
                                                         ("71/NQ-CP", "Chính phủ")]
    assert [(n.doc.number, n.doc.issuer, n.doc.level) for n in doc.nested] == [
        ("57-NQ/TW", "Bộ Chính trị", "party")]


def test_a_damaged_date_does_not_lose_the_issuer_another_mention_states():
    damaged = POLITBURO.replace("ngày 22/12/2024", "ngày 22 ngày 12 tháng 2024")
    named = PROGRAMME.replace("57-NQ/TW;", "57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị;")
    doc = only_document(HEADER + damaged + named)
    assert doc.bases[0].issuer == "Bộ Chính trị"


def test_without_a_stated_issuer_the_number_says_who_issued_it():
    doc = only_document(HEADER + PROGRAMME)
    assert [(n.doc.number, n.doc.issuer) for n in doc.nested] == [("57-NQ/TW", "Ban Chấp hành Trung ương")]


# ---------------------------------------------------------------- a law whose name opens like a clause


def test_a_law_named_thuc_hien_or_thi_hanh_is_a_basis_not_a_new_clause():
    """"Thực hiện …" and "Thi hành …" open a clause of the preamble (its documents are references), but
    not as the first word of a law's name: every grassroots-democracy document cites the first."""
    lines = ["Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
             "Căn cứ Luật Thực hiện dân chủ ở cơ sở ngày 10 tháng 11 năm 2022;",
             "Căn cứ Pháp lệnh Thực hiện dân chủ ở xã, phường, thị trấn ngày 20 tháng 4 năm 2007;",
             "Căn cứ Luật Thi hành án dân sự ngày 14 tháng 11 năm 2008;",
             "Thực hiện Kế hoạch số 15/KH-UBND ngày 10 tháng 01 năm 2025 của Ủy ban nhân dân tỉnh;",
             "QUYẾT ĐỊNH:", "Điều 1. Ban hành kèm theo Quyết định này Quy chế."]
    doc = only_document(HEADER + "\n\n".join(lines) + "\n")
    assert numbers(doc.bases) == ["Luật Tổ chức chính quyền địa phương", "Luật Thực hiện dân chủ ở cơ sở",
                                  "Pháp lệnh Thực hiện dân chủ ở xã, phường, thị trấn",
                                  "Luật Thi hành án dân sự"]
    assert numbers(doc.references) == ["15/KH-UBND"]  # a clause opened by "Thực hiện" still is one
