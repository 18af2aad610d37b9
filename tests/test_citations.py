"""The citation grammar on real sentences of the sample corpus (and a few written in their style)."""

import datetime as dt

import pytest

from graph.reading.documents.citations import CitationReader
from graph.reading.documents.numbering import clean_number, issuer_from_number, type_from_number
from graph.text import unify_tones


def read(sentence: str, province: str | None = "Kiên Giang"):
    reader = CitationReader(unify_tones(sentence), sentence, province)
    found = reader.scan(0, len(sentence))
    for c in found:
        reader.issued_on(c, 0)
    return found


def text_of(sentence: str, c) -> str:
    return sentence[c.start:c.end]


@pytest.mark.parametrize(
    ("printed", "number"),
    [
        ("Nghị định số 64/2007/NĐ-CP", "64/2007/NĐ-CP"),
        ("Quyết định số 1891/QĐ-UBND", "1891/QĐ-UBND"),
        ("Nghị quyết số 36-NQ/TW", "36-NQ/TW"),
        ("Chương trình hành động số 64-CTr/TU", "64-CTr/TU"),
        ("Công văn số 1448/BBCVT-KHTC", "1448/BBCVT-KHTC"),
        ("Nghị quyết số 36a/NQ-CP", "36a/NQ-CP"),
        ("Kế hoạch số 1159/KH-UB", "1159/KH-UB"),
        ("Thông tư số 01/2014/TT-BTTTT", "01/2014/TT-BTTTT"),
        ("Luật Tổ chức Chính phủ số 76/2015/QH13", "76/2015/QH13"),
        ("Kế hoạch số 176 /KH-UBND", "176/KH-UBND"),
        ("Quyết định số 972/QĐ - UBND", "972/QĐ-UBND"),
        ("Tờ trình số 714/TTr- STTTT", "714/TTr-STTTT"),
        ("Quyết định 1106/QĐ-UBND", "1106/QĐ-UBND"),
    ],
)
def test_number_forms(printed, number):
    (c,) = read(printed)
    assert c.number == number


def test_number_helpers():
    assert clean_number("176 /KH-UBND") == "176/KH-UBND"
    assert type_from_number("1178/BTTTT-THH") == "Công văn"
    assert type_from_number("76/2015/QH13") == "Luật"
    assert issuer_from_number("1819/QĐ-TTg", None)[1] == "Thủ tướng Chính phủ"
    assert issuer_from_number("129/QĐ-UBND", "Kiên Giang")[1] == "UBND tỉnh Kiên Giang"
    assert issuer_from_number("77/TTr-STTTT", "Cà Mau")[1] == "Sở Thông tin và Truyền thông tỉnh Cà Mau"


def test_full_citation_with_subject():
    s = ("Căn cứ Nghị quyết số 36a/NQ-CP ngày 14/10/2015 của Chính phủ về Chính phủ điện tử;")
    (c,) = read(s)
    assert (c.doc_type, c.number, c.date, c.issuer, c.title) == (
        "Nghị quyết", "36a/NQ-CP", dt.date(2015, 10, 14), "Chính phủ", "Chính phủ điện tử")
    assert text_of(s, c) == "Nghị quyết số 36a/NQ-CP ngày 14/10/2015 của Chính phủ về Chính phủ điện tử"


def test_spelt_date_and_ve_viec_subject():
    s = ("Căn cứ Quyết định số 749/QĐ-TTg ngày 03 tháng 6 năm 2020 của Thủ tướng Chính phủ về việc phê duyệt "
         "“Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030”;")
    (c,) = read(s)
    assert c.date == dt.date(2020, 6, 3)
    assert c.title.startswith("phê duyệt “Chương trình Chuyển đổi số quốc gia")


def test_two_bases_joined_by_va_and_nested_amendment():
    s = ("Căn cứ Nghị định số 92/2006/NĐ-CP ngày 07/9/2006 của Chính phủ và Nghị định số 04/2008/NĐ-CP ngày "
         "11/01/2008 của Chính phủ về sửa đổi, bổ sung một số điều của Nghị định số 92/2006/NĐ-CP ngày "
         "07/9/2006 của Chính phủ về lập, phê duyệt và quản lý quy hoạch tổng thể phát triển "
         "kinh tế - xã hội;")
    first, second = read(s)
    assert (first.number, first.title) == ("92/2006/NĐ-CP", None)
    assert second.number == "04/2008/NĐ-CP"
    ((child, relation),) = second.children
    assert (child.number, relation) == ("92/2006/NĐ-CP", "amends")


def test_guides_and_a_sibling_after_the_nested_chain():
    s = ("Căn cứ Thông tư số 03/2008/TT-BKH ngày 01/7/2008 của Bộ Kế hoạch và Đầu tư hướng dẫn thực hiện một "
         "số điều của Nghị định số 04/2008/NĐ-CP ngày 11/01/2008 của Chính phủ về sửa đổi, bổ "
         "sung một số điều "
         "của Nghị định số 92/2006/NĐ-CP ngày 07/9/2006 của Chính phủ và Quyết định số 281/2007/QĐ-BKH ngày "
         "26/3/2007 của Bộ Kế hoạch và Đầu tư;")
    circular, decision = read(s)
    assert circular.issuer == "Bộ Kế hoạch và Đầu tư"
    ((child, relation),) = circular.children
    assert (child.number, relation) == ("04/2008/NĐ-CP", "guides")
    assert decision.number == "281/2007/QĐ-BKH"


@pytest.mark.parametrize(
    ("sentence", "relation", "nested"),
    [
        ("Căn cứ Chương trình hành động số 64-CTr/TU ngày 09/9/2015 của Tỉnh ủy Kiên Giang về việc thực hiện "
         "Nghị quyết số 36-NQ/TW ngày 01/7/2014 của Bộ Chính trị về đẩy mạnh ứng dụng, phát triển công nghệ "
         "thông tin đáp ứng yêu cầu phát triển bền vững và hội nhập quốc tế;", "implements", "36-NQ/TW"),
        ("Căn cứ Nghị quyết số 50/NQ-CP ngày 17 tháng 4 năm 2020 của Chính phủ ban hành Chương "
         "trình hành động "
         "của Chính phủ thực hiện Nghị quyết số 52-NQ/TW ngày 27 tháng 9 năm 2019 của Bộ Chính trị về một số "
         "chủ trương, chính sách chủ động tham gia Cuộc cách mạng công nghiệp lần thứ tư;", "implements",
         "52-NQ/TW"),
        ("Căn cứ Quyết định số 12/QĐ-UBND ngày 05/01/2015 của Ủy ban nhân dân tỉnh về việc công bố thủ tục, "
         "trong đó có nội dung theo Nghị định số 63/2010/NĐ-CP ngày 08/6/2010 của Chính phủ;", "mentions",
         "63/2010/NĐ-CP"),
    ],
)
def test_nested_relations(sentence, relation, nested):
    (basis,) = read(sentence)
    ((child, rel),) = basis.children
    assert (child.number, rel) == (nested, relation)


def test_laws_cited_by_name():
    s = "Căn cứ Luật Tổ chức HĐND và UBND ngày 26/11/2003;"
    (law,) = read(s)
    assert (law.doc_type, law.number, law.issuer) == ("Luật", None, "Quốc hội")
    assert law.title == "Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân"
    assert law.date == dt.date(2003, 11, 26)
    assert text_of(s, law) == "Luật Tổ chức HĐND và UBND ngày 26/11/2003"


def test_amending_law_names_the_laws_it_amends():
    s = ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015 và Luật Sửa đổi, "
         "bổ sung một số "
         "điều của Luật Tổ chức chính quyền và Luật Tổ chức chính quyền địa phương ngày 22 "
         "tháng 11 năm 2019;")
    local, amending = read(s)
    assert local.title == "Luật Tổ chức chính quyền địa phương"
    assert amending.date == dt.date(2019, 11, 22)
    assert [(c.title, r) for c, r in amending.children] == [
        ("Luật Tổ chức chính quyền", "amends"), ("Luật Tổ chức chính quyền địa phương", "amends")]


def test_law_name_ends_before_next_citation_and_at_sentence_end():
    s = ("cung cấp đầy đủ thông tin theo quy định tại Điều 28 của Luật CNTT và Nghị định số 43/2011/NĐ-CP "
         "ngày 13/6/2011 của Chính phủ.")
    law, decree = read(s)
    assert law.title == "Luật Công nghệ thông tin"
    assert decree.number == "43/2011/NĐ-CP"
    (budget,) = read("theo đúng quy định của Luật Đầu tư công.")
    assert budget.title == "Luật Đầu tư công"


def test_local_number_belongs_to_citing_province():
    s = ("- Quyết định số 129/QĐ-UBND ngày 17/01/2017 của Chủ tịch Ủy ban nhân dân tỉnh về việc phê duyệt "
         "Kiến trúc Chính quyền điện tử tỉnh Kiên Giang, phiên bản 1.0;")
    (c,) = read(s, province="Kiên Giang")
    assert (c.issuer, c.province, c.level) == ("UBND tỉnh Kiên Giang", "Kiên Giang", "provincial")
    assert c.title.endswith("phiên bản 1.0")


def test_issuer_from_number_when_cua_is_absent():
    s = ("đáp ứng đúng theo Quyết định số 846/QĐ-TTg ngày 09/6/2017 và Quyết định số 877/QĐ-TTg ngày "
         "18/7/2018 của Thủ tướng Chính phủ.")
    first, second = read(s)
    assert first.issuer == second.issuer == "Thủ tướng Chính phủ"
    assert text_of(s, first) == "Quyết định số 846/QĐ-TTg ngày 09/6/2017"


def test_subject_keeps_balanced_brackets():
    s = ("theo Nghị định số 43/2011/NĐ-CP ngày 13/6/2011 của Chính phủ quy định về việc cung "
         "cấp thông tin và "
         "dịch vụ công trực tuyến (DVCTT) trên trang TTĐT hoặc cổng TTĐT của cơ quan nhà nước.")
    (c,) = read(s)
    assert c.title == ("quy định về việc cung cấp thông tin và dịch vụ công trực tuyến (DVCTT) "
                       "trên trang TTĐT "
                       "hoặc cổng TTĐT của cơ quan nhà nước")


def test_unnumbered_party_resolution_by_name():
    s = "đặc biệt là thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh, nhiệm kỳ 2020 - 2025."
    (c,) = read(s)
    assert c.title == "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh, nhiệm kỳ 2020 - 2025"
    assert (c.number, c.issuer, c.level) == (None, "Đại hội đại biểu Đảng bộ tỉnh Kiên Giang", "party")


def test_issued_on_date_before_the_citation():
    s = ("- Ngày 02/3/2006, Ủy ban nhân dân tỉnh ban hành Quyết định số 972/QĐ - UBND thành lập lại Ban chỉ "
         "đạo Chương trình về công nghệ thông tin tỉnh do đồng chí Phó Chủ tịch làm Trưởng ban.")
    (c,) = read(s, province="Tiền Giang")
    assert (c.number, c.date, c.issuer) == ("972/QĐ-UBND", dt.date(2006, 3, 2), "UBND tỉnh Tiền Giang")
    assert text_of(s, c).startswith("Ngày 02/3/2006, Ủy ban nhân dân tỉnh ban hành Quyết định "
                                    "số 972/QĐ - UBND")


def test_party_and_department_issuers():
    s = ("quán triệt Chỉ thị số 58-CT/TW ngày 17/10/2000 của Ban chấp hành Trung ương, Chương "
         "trình hành động "
         "số 04-CTr/TU ngày 21/6/2001 của Tỉnh ủy đến các sở, ngành tỉnh")
    directive, programme = read(s, province="Tiền Giang")
    assert (directive.issuer, directive.level) == ("Ban Chấp hành Trung ương", "party")
    assert (programme.issuer, programme.province) == ("Tỉnh ủy Tiền Giang", "Tiền Giang")
    (plan,) = read("(kèm theo Kế hoạch số 37/KH-STTTT ngày 18/10/2013 của Sở Thông tin và Truyền thông).",
                   province="Cà Mau")
    assert plan.issuer == "Sở Thông tin và Truyền thông tỉnh Cà Mau"


def test_citation_over_broken_lines():
    s = "Căn cứ Công văn số 1943/BTTTT-CNTT ngày\n04/7/2013 của Bộ Thông tin và Truyền thông về việc"
    (c,) = read(s)
    assert (c.number, c.date, c.issuer) == ("1943/BTTTT-CNTT", dt.date(2013, 7, 4), "Bộ Thông "
                                                                                    "tin và Truyền thông")


def test_impossible_date_is_reported():
    (c,) = read("theo Quyết định số 15/QĐ-UBND ngày 31/02/2017 của Ủy ban nhân dân tỉnh")
    assert c.date is None
    assert c.problems and "31/02/2017" in c.problems[0]


def test_headings_and_lowercase_words_are_not_citations():
    assert read("QUYẾT ĐỊNH\nVỀ VIỆC PHÊ DUYỆT KẾ HOẠCH") == []
    assert read("các sở xây dựng kế hoạch hàng năm và quyết định đầu tư") == []
    assert read("triển khai Đề án “Tin học hóa quản lý hành chính nhà nước”") == []


def test_pathological_input_reads_in_bounded_steps():
    # a citation followed by a subject that never ends, and a flood of type words without numbers
    opening = "Căn cứ Quyết định số 1819/QĐ-TTg ngày 26/10/2015 của Thủ tướng Chính phủ phê duyệt "
    sentence = opening + "x " * 5000
    found = read(sentence * 5 + "Quyết định Nghị định Luật " * 2000)
    assert [c.number for c in found[:5]] == ["1819/QĐ-TTg"] * 5
    assert all(len(c.title or "") <= 600 for c in found)


def test_abbreviated_types_need_a_number():
    (c,) = read("triển khai theo QĐ số 1819/QĐ-TTg ngày 26/10/2015 của Thủ tướng Chính phủ.")
    assert (c.doc_type, c.number, c.issuer) == ("Quyết định", "1819/QĐ-TTg", "Thủ tướng Chính phủ")
    assert read("Sở KH&ĐT chủ trì, QĐ này có hiệu lực kể từ ngày ký") == []


def test_subject_ends_where_a_body_opens_the_next_clause():
    s = ("Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ phê duyệt Chương trình "
         "chuyển đổi số quốc gia, Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện như sau:")
    (c,) = read(s)
    assert c.title == "phê duyệt Chương trình chuyển đổi số quốc gia"


def test_list_of_numbers_under_one_type_word():
    s = ("Căn cứ các Nghị định của Chính phủ: số 64/2007/NĐ-CP ngày 10/4/2007 về ứng dụng công nghệ "
         "thông tin trong hoạt động của cơ quan nhà nước; số 43/2011/NĐ-CP ngày 13/6/2011 quy định về "
         "việc cung cấp thông tin và dịch vụ công trực tuyến và số 47/2020/NĐ-CP ngày 09/4/2020;")
    found = read(s)
    assert [(c.doc_type, c.number, c.issuer) for c in found] == [
        ("Nghị định", "64/2007/NĐ-CP", "Chính phủ"), ("Nghị định", "43/2011/NĐ-CP", "Chính phủ"),
        ("Nghị định", "47/2020/NĐ-CP", "Chính phủ")]
    assert found[1].title == "quy định về việc cung cấp thông tin và dịch vụ công trực tuyến"
    assert read("Số: 1891/QĐ-UBND") == []
