"""The general grammar of bases, nested citations and names, on sentences written in the style of
Vietnamese administrative documents (names, numbers and dates are made up or of well-known laws)."""

import datetime as dt
import re

import pytest

from graph.reading.documents.citations import CitationReader
from graph.reading.documents.preamble import basis_spans, end_of_preamble
from graph.text import unify_tones


def read(sentence: str, province: str | None = "Kiên Giang"):
    return CitationReader(unify_tones(sentence), sentence, province).scan(0, len(sentence))


def law(sentence: str):
    (c,) = [c for c in read(sentence) if c.by_name]
    return c


def children(c) -> list[tuple[str, str]]:
    return [(x.number or x.title, relation) for x, relation in c.children]


# ---------------------------------------------------------------- law names


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        # a comma followed by a lower-case word goes on with the name
        ("Căn cứ Luật Cán bộ, công chức ngày 13 tháng 11 năm 2008;", "Luật Cán bộ, công chức"),
        ("Căn cứ Luật Quản lý, sử dụng tài sản công ngày 21/6/2017;", "Luật Quản lý, sử dụng tài sản công"),
        # "và" before a lower-case word goes on; before "pháp luật" it does not
        ("Căn cứ Luật Bảo vệ và kiểm dịch thực vật ngày 25/11/2013;", "Luật Bảo vệ và kiểm dịch thực vật"),
        ("thực hiện theo Luật Đất đai và pháp luật có liên quan.", "Luật Đất đai"),
        # "của" before the bodies a law is about is part of its name
        ("Căn cứ Luật Ban hành văn bản quy phạm pháp luật của Hội đồng nhân dân, Ủy ban nhân dân "
         "ngày 03 tháng 12 năm 2004;",
         "Luật Ban hành văn bản quy phạm pháp luật của Hội đồng nhân dân, Ủy ban nhân dân"),
        ("Căn cứ Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân số 87/2015/QH13;",
         "Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân"),
        # a function word ends a name cited without date
        ("các cấp triển khai thi hành Luật Thủy lợi đồng thời rà soát các văn bản", "Luật Thủy lợi"),
    ],
)
def test_law_name_bounds(sentence, title):
    assert law(sentence).title == title


def test_law_name_ends_before_a_capitalised_item_after_a_comma():
    s = ("Căn cứ quy định tại Điều 12 của Luật Phí và lệ phí, Điều 5 của Nghị định số 120/2016/NĐ-CP "
         "ngày 23/8/2016 của Chính phủ quy định chi tiết một số điều của Luật Phí và lệ phí;")
    first, decree = read(s)
    assert first.title == "Luật Phí và lệ phí"
    assert decree.number == "120/2016/NĐ-CP"
    assert children(decree) == [("Luật Phí và lệ phí", "guides")]


def test_of_the_national_assembly_alone_is_the_issuer():
    c = law("Căn cứ Luật Đầu tư công của Quốc hội ngày 13 tháng 6 năm 2019;")
    assert (c.title, c.issuer, c.date) == ("Luật Đầu tư công", "Quốc hội", dt.date(2019, 6, 13))


def test_lower_case_name_needs_a_date_or_number():
    c = law("Căn cứ Luật tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26 tháng 11 năm 2003;")
    assert (c.title, c.date) == ("Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân", dt.date(2003, 11, 26))
    assert not [c for c in read("Luật này quy định về tổ chức chính quyền ở các địa phương.") if c.by_name]
    assert not [c for c in read("các quy định của Luật hiện hành về đất đai") if c.by_name]
    assert not [c for c in read("Luật sư Nguyễn Văn An tham gia tố tụng") if c.by_name]


def test_law_by_number_only():
    (c,) = read("Căn cứ Luật số 80/2015/QH13;")
    assert (c.doc_type, c.number, c.issuer) == ("Luật", "80/2015/QH13", "Quốc hội")


def test_a_law_keeps_its_name_when_a_subject_follows():
    s = ("Căn cứ Nghị định số 52/2013/NĐ-CP ngày 16/5/2013 của Chính phủ quy định chi tiết Luật Thương mại "
         "về thương mại điện tử;")
    (decree,) = read(s)
    assert children(decree) == [("Luật Thương mại", "guides")]
    assert decree.title.endswith("về thương mại điện tử")


def test_constitution_with_its_year_and_its_amendment():
    s = ("Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 1992 đã được sửa đổi, bổ sung "
         "theo Nghị quyết số 51/2001/QH10 ngày 25 tháng 12 năm 2001 của Quốc hội;")
    (c,) = read(s)
    assert c.doc_type == "Hiến pháp"
    assert c.title == "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 1992"
    assert children(c) == [("51/2001/QH10", "amended_by")]  # the resolution amends the constitution


def test_ordinance_issued_by_a_body_on_a_date():
    s = "Căn cứ Pháp lệnh thống kê - kế toán do Hội đồng Nhà nước ban hành ngày 10-5-1989;"
    c = law(s)
    assert (c.doc_type, c.date, c.issuer) == ("Pháp lệnh", dt.date(1989, 5, 10), "Hội đồng Nhà nước")
    assert c.title == "Pháp lệnh Thống kê - kế toán"


# ---------------------------------------------------------------- amending laws and amendments


def test_amending_law_of_several_laws_takes_the_number_after_the_list():
    s = ("Căn cứ Luật Viên chức số 58/2010/QH12; Luật sửa đổi, bổ sung một số điều của Luật Cán bộ, "
         "công chức và Luật Viên chức số 52/2019/QH14;")
    civil, amending = read(s)
    assert civil.number == "58/2010/QH12"
    assert amending.number == "52/2019/QH14"
    assert children(amending) == [("Luật Cán bộ, công chức", "amends"), ("Luật Viên chức", "amends")]


def test_amending_law_lists_laws_with_commas_and_lower_case():
    s = ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Kế toán, Luật Quản lý, sử dụng tài sản công, "
         "Luật Quản lý thuế và luật tổ chức chính quyền địa phương ngày 29 tháng 11 năm 2024;")
    (c,) = read(s)
    assert c.date == dt.date(2024, 11, 29)
    assert [t for t, _ in children(c)] == ["Luật Kế toán", "Luật Quản lý, sử dụng tài sản công",
                                          "Luật Quản lý thuế", "Luật Tổ chức chính quyền địa phương"]


@pytest.mark.parametrize(
    ("sentence", "number", "amended_by"),
    [
        ("Căn cứ Luật Đầu tư số 61/2020/QH14 được sửa đổi, bổ sung bởi Luật số 03/2022/QH15;",
         "61/2020/QH14", ["03/2022/QH15"]),
        ("Căn cứ Luật Quy hoạch số 21/2017/QH14 đã được sửa đổi, bổ sung một số điều theo Luật số "
         "28/2018/QH14 và Luật số 35/2018/QH14;", "21/2017/QH14", ["28/2018/QH14", "35/2018/QH14"]),
        ("Căn cứ Nghị định số 15/2018/NĐ-CP ngày 02/02/2018 của Chính phủ về an toàn thực phẩm được sửa "
         "đổi, bổ sung bởi Nghị định số 77/2022/NĐ-CP;", "15/2018/NĐ-CP", ["77/2022/NĐ-CP"]),
    ],
)
def test_amended_by(sentence, number, amended_by):
    (c,) = read(sentence)
    assert c.number == number
    assert children(c) == [(n, "amended_by") for n in amended_by]  # each child amends the basis


def test_amendment_goes_to_the_document_of_its_own_type():
    s = ("Căn cứ Nghị định số 30/2020/NĐ-CP quy định chi tiết một số điều của Luật Văn thư được sửa đổi, "
         "bổ sung bởi Nghị định số 12/2024/NĐ-CP;")
    (c,) = read(s)
    assert c.number == "30/2020/NĐ-CP"
    assert children(c) == [("Luật Văn thư", "guides"), ("12/2024/NĐ-CP", "amended_by")]


def test_coordinated_children_of_a_guide():
    s = ("Căn cứ Thông tư số 10/2022/TT-BTP ngày 01/7/2022 của Bộ trưởng Bộ Tư pháp hướng dẫn thi hành "
         "Nghị định số 55/2011/NĐ-CP ngày 04/7/2011 của Chính phủ về tổ chức pháp chế và Nghị định số "
         "56/2021/NĐ-CP ngày 10/6/2021 của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số "
         "55/2011/NĐ-CP;")
    (c,) = read(s, "Hòa Bình")
    assert c.issuer == "Bộ Tư pháp"
    assert children(c) == [("55/2011/NĐ-CP", "guides"), ("56/2021/NĐ-CP", "guides")]


def test_two_bases_joined_by_and_stay_siblings():
    s = ("Căn cứ Nghị định số 64/2007/NĐ-CP ngày 10/4/2007 của Chính phủ về ứng dụng công nghệ thông tin "
         "và Nghị định số 43/2011/NĐ-CP ngày 13/6/2011 của Chính phủ về cung cấp thông tin;")
    assert [c.number for c in read(s)] == ["64/2007/NĐ-CP", "43/2011/NĐ-CP"]


def test_capital_so_and_title_case_type_words():
    s = "Căn cứ các Nghị định của Chính phủ: Số 24/2021/NĐ-CP ngày 23/3/2021; số 31/2022/NĐ-CP;"
    assert [c.number for c in read(s)] == ["24/2021/NĐ-CP", "31/2022/NĐ-CP"]
    (c,) = read("thực hiện Nghị Quyết 26-NQ/TW của Bộ Chính trị về nông nghiệp")
    assert (c.doc_type, c.number) == ("Nghị quyết", "26-NQ/TW")


def test_congress_resolution_ends_on_its_term():
    s = ("Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XV, nhiệm kỳ 2015 - 2020, Ban Thường vụ Tỉnh ủy "
         "ban hành Nghị quyết về phát triển du lịch")
    (c,) = [c for c in read(s) if c.by_name]
    assert c.title == "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XV, nhiệm kỳ 2015 - 2020"


# ---------------------------------------------------------------- the preamble's basis clauses


def spans_of(text: str) -> list[str]:
    m = unify_tones(text)
    end = end_of_preamble(m, 0, len(m))
    return [text[s:e].strip() for s, e in basis_spans(m, 0, end, len(m))]


def test_an_implementing_clause_ends_the_bases():
    text = ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;\n"
            "Thực hiện Quyết định số 100/QĐ-TTg ngày 19/01/2019 của Thủ tướng Chính phủ;\n"
            "QUYẾT ĐỊNH:\n")
    assert spans_of(text) == ["Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;"]
    text = ("Căn cứ Quyết định số 12/QĐ-TTg ngày 03/01/2023 của Thủ tướng Chính phủ; thực hiện chế độ báo "
            "cáo theo Luật Thống kê, Bộ Tài chính báo cáo như sau:\nI. Tình hình\n")
    assert spans_of(text) == ["Căn cứ Quyết định số 12/QĐ-TTg ngày 03/01/2023 của Thủ tướng Chính phủ"]


def test_dash_list_under_a_lost_heading():
    text = ("KẾ HOẠCH\nỨng dụng công nghệ thông tin năm 2024\n"
            "- Luật Công nghệ thông tin ngày 29/6/2006;\n"
            "- Nghị định số 47/2020/NĐ-CP ngày 09/4/2020 của Chính phủ về quản lý dữ liệu số;\n"
            "UBND tỉnh ban hành Kế hoạch như sau:\nI. MỤC ĐÍCH\n- Nâng cao chất lượng.\n")
    assert spans_of(text) == [
        "- Luật Công nghệ thông tin ngày 29/6/2006;",
        "- Nghị định số 47/2020/NĐ-CP ngày 09/4/2020 của Chính phủ về quản lý dữ liệu số;"]


def test_dash_list_under_its_own_heading_is_not_a_basis():
    text = ("KẾ HOẠCH\nThực hiện các văn bản sau:\n"
            "- Nghị quyết số 17/NQ-CP ngày 07/3/2019 của Chính phủ;\n"
            "- Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ;\nI. MỤC ĐÍCH\n")
    assert spans_of(text) == []


def test_unnumbered_basis_heading_with_a_colon():
    text = ("Căn cứ pháp lý:\n"
            "- Luật Ngân sách nhà nước ngày 25/6/2015;\n"
            "- Nghị định số 163/2016/NĐ-CP ngày 21/12/2016 của Chính phủ;\n"
            "Tình hình thực hiện năm 2023 như sau:\n")
    assert spans_of(text) == ["- Luật Ngân sách nhà nước ngày 25/6/2015;",
                              "- Nghị định số 163/2016/NĐ-CP ngày 21/12/2016 của Chính phủ;"]


# ---------------------------------------------------------------- old numbers, law numbers, title case


def test_old_number_with_one_code_after_a_dash():
    (c,) = read("Căn cứ Nghị định số 64-HĐBT ngày 10-4-1987 của Hội đồng Bộ trưởng về tổ chức bộ máy;")
    assert (c.number, c.date, c.issuer) == ("64-HĐBT", dt.date(1987, 4, 10), "Hội đồng Bộ trưởng")
    (c,) = read("Thi hành Quyết định số 120-TTg ngày 5-3-1994 của Thủ tướng Chính phủ.")
    assert c.number == "120-TTg"


@pytest.mark.parametrize("text", ["3-Ban", "12-A", "5-Tổ"])
def test_a_dash_before_a_word_makes_no_number(text):
    from graph.reading.documents.numbering import NUMBER
    assert re.fullmatch(NUMBER, text) is None


def test_law_number_without_so_when_its_code_is_the_national_assemblys():
    c = law("Căn cứ Luật thuế Tài nguyên 45/2009/QH12 ngày 25/11/2009;")
    assert (c.title, c.number) == ("Luật Thuế Tài nguyên", "45/2009/QH12")
    assert [x.number for x in read("Căn cứ Luật Đất đai 43/2014/NĐ-CP;") if x.by_name] == [None]


def test_title_case_name_goes_on_over_a_type_word_that_opens_no_citation():
    c = law("Căn cứ Luật Ban hành Văn bản Quy phạm pháp luật ngày 22 tháng 6 năm 2015;")
    assert c.title == "Luật Ban hành Văn bản Quy phạm pháp luật"
    found = read("Căn cứ Luật Đầu tư Văn bản số 12/UBND-KT ngày 3/4/2020;")
    assert [(x.title, x.number) for x in found] == [("Luật Đầu tư", None), (None, "12/UBND-KT")]


def test_lower_case_name_proved_by_an_earlier_citation_of_it():
    (law_, decree) = read("Căn cứ Luật thuế Tài nguyên số 45/2009/QH12 ngày 25/11/2009; Nghị định số "
                          "50/2010/NĐ-CP ngày 14/5/2010 của Chính phủ quy định chi tiết thi hành Luật thuế "
                          "Tài nguyên;")
    assert law_.number == "45/2009/QH12"
    assert [(x.title, r) for x, r in decree.children] == [("Luật Thuế Tài nguyên", "guides")]


# ---------------------------------------------------------------- what the text does not prove, said


def unread(sentence: str) -> list[str]:
    reader = CitationReader(unify_tones(sentence), sentence, None)
    reader.scan(0, len(sentence))
    return list(reader.unread.values())


def test_unproved_citations_are_left_out_and_said():
    text = "Thực hiện Luật tổ chức chính quyền địa phương; giao Sở Nội vụ theo dõi."
    assert [c for c in read(text) if c.by_name] == []
    assert unread(text) == ["could not read a citation: 'Luật tổ chức chính quyền địa phương' "
                            "(a name in small letters, no number or date proves it)"]
    assert unread("Sở Tư pháp thực hiện theo Quyết định số") == [
        "could not read a citation: 'Quyết định số' (the text ends before its number)"]
    assert unread("Căn cứ Nghị định số 51/1998/ ngày 18/7/1998;") == [
        "could not read a citation: 'Nghị định số 51/1998/' (its number is cut off or damaged)"]


def test_a_law_whose_name_lost_letters_is_left_out_and_said():
    # letters dropped ("t" for "tư") or glued ("ớcngày") by a damaged text layer: no number proves the law
    text = "Căn cứ Luật Đầu t nước ngoài tại Việt Nam; Căn cứ Luật Ngân sách Nhà ớcngày n 16/12/2002;"
    assert [c for c in read(text) if c.by_name] == []
    assert unread(text) == [
        "could not read a citation: 'Luật Đầu t nước ngoài' (its name is damaged: 't' is not a "
        "Vietnamese word, and no number proves it)",
        "could not read a citation: 'Luật Ngân sách Nhà ớcngày n 16' (its name is damaged: 'ớcngày' is not "
        "a Vietnamese word, and no number proves it)"]
    # a word glued to an abbreviation is still a word; a number proves a law whatever its name looks like
    assert [c.title for c in read("Căn cứ Luật Tổ chứcHĐND và UBND ngày 26/11/2003;")] == [
        "Luật Tổ chứcHĐND và Ủy ban nhân dân"]
    assert [c.number for c in read("Căn cứ Luật Đầu t nước ngoài số 18/2000/QH10;")] == ["18/2000/QH10"]


@pytest.mark.parametrize("text", [
    "Ban hành kèm theo Quyết định số      /QĐ-UBND ngày    tháng    năm 2025",  # a draft's blank number
    "Luật này có hiệu lực từ ngày 01/01/2025.",
    "Quyết định số lượng cán bộ của từng đơn vị.",
    "Căn cứ Luật tổ chức chính quyền địa phương ngày 19/6/2015;",
])
def test_nothing_is_said_where_nothing_was_left_out(text):
    assert unread(text) == []


def test_lineage_check_lists_what_the_text_does_not_prove():
    from graph.loaders.build import build_graph
    from graph.queries.check import check
    from graph.queries.embedded_backend import EmbeddedBackend
    from graph.reading.extract import extract_text

    text = ("ỦY BAN NHÂN DÂN\nTỈNH LONG AN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12/QĐ-UBND\n"
            "Long An, ngày 3 tháng 4 năm 2020\nQUYẾT ĐỊNH\nVề việc giao nhiệm vụ\n"
            "Căn cứ Luật tổ chức chính quyền địa phương;\n"
            "Căn cứ Nghị định số 15/2018/NĐ-CP ngày 12/01/2018 của Chính phủ;\n"
            "Điều 1. Giao Sở Nội vụ thực hiện theo Quyết định số\n")
    x = extract_text(text, "t.txt")
    assert [(p.line, p.severity) for p in x.problems if p.message.startswith("could not read")] == [
        (8, "warning"), (10, "warning")]
    assert [b.number for b in x.documents[0].bases] == ["15/2018/NĐ-CP"]
    issues = [i for i in check(EmbeddedBackend(build_graph([x]))).issues if i.kind == "unread_citation"]
    assert [i.message for i in issues] == [
        "Quyết định 12/QĐ-UBND: t.txt:10: could not read a citation: 'Quyết định số' (the text ends before "
        "its number)",
        "Quyết định 12/QĐ-UBND: t.txt:8: could not read a citation: 'Luật tổ chức chính quyền địa phương' "
        "(a name in small letters, no number or date proves it)"]


def test_two_laws_a_decree_guides_are_its_children_not_a_second_basis():
    """Bộ Công an 32/2024/TT-BCA: "Nghị định số 136/2020/NĐ-CP … quy định chi tiết thi hành Luật Phòng cháy
    và chữa cháy và Luật sửa đổi, bổ sung …": the amending law was a second basis and the decree's subject
    cut. A law with its own date after the decree's subject is still a basis of its own."""
    (decree,) = read("Căn cứ Nghị định số 136/2020/NĐ-CP ngày 24 tháng 11 năm 2020 của Chính phủ quy định "
                     "chi tiết thi hành Luật Phòng cháy và chữa cháy và Luật sửa đổi, bổ sung một số "
                     "điều của Luật Phòng cháy và chữa cháy;")
    assert decree.title.endswith("và Luật sửa đổi, bổ sung một số điều của Luật Phòng cháy và chữa cháy")
    assert [title for title, _relation in children(decree)] == [
        "Luật Phòng cháy và chữa cháy", "Luật Sửa đổi, bổ sung một số điều của Luật Phòng cháy và chữa cháy"]
    two = read("Căn cứ Nghị định số 163/2016/NĐ-CP ngày 21 tháng 12 năm 2016 của Chính phủ quy định chi "
               "tiết thi hành một số điều của Luật Ngân sách nhà nước và Luật Đầu tư công ngày 13 tháng 6 "
               "năm 2019;")
    assert [c.number or c.title for c in two] == ["163/2016/NĐ-CP", "Luật Đầu tư công"]


@pytest.mark.parametrize(("sentence", "date", "year"), [
    # Vĩnh Long 39/2003/NQ-HĐND, Gia Lai 2003 and 103/2005/QĐ-UB: the words that say a law was passed
    ("Căn cứ Luật tổ chức HĐND và UBND (sửa đổi) được Quốc hội thông qua ngày 21 tháng 6 năm 1994;",
     dt.date(1994, 6, 21), None),
    ("Căn cứ Điều 41 Luật Tổ chức HĐND và UBND ban hành ngày 21/6/1994;", dt.date(1994, 6, 21), None),
    ("Căn cứ Luật tổ chức HĐND và UBND ban hành năm 2003;", None, 2003),
])
def test_a_law_said_passed_or_issued_on_its_date(sentence, date, year):
    c = law(sentence)
    assert (c.title, c.date, c.year) == ("Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân", date, year)


@pytest.mark.parametrize("sentence", [
    # Quảng Ninh 2009: "của liên Bộ"; Lạng Sơn 2011: "giữa"; "BNN", the code the ministry long used
    "Căn cứ Thông tư liên tịch số 12/2008/TTLT-BGTVT-BNV ngày 05/12/2008 của liên Bộ Giao thông vận tải và "
    "Bộ Nội vụ hướng dẫn chức năng, nhiệm vụ của Sở Giao thông vận tải;",
    "Căn cứ Thông tư liên tịch số: 12/2008/TTLT-BGTVT-BNV, ngày 05 tháng 12 năm 2008 giữa Bộ Giao thông vận "
    "tải và Bộ Nội vụ hướng dẫn chức năng, nhiệm vụ của Sở Giao thông vận tải;"])
def test_the_bodies_of_a_joint_circular_and_its_subject(sentence):
    (c,) = read(sentence)
    assert (c.issuer, c.title) == ("Bộ Giao thông vận tải - Bộ Nội vụ",
                                   "hướng dẫn chức năng, nhiệm vụ của Sở Giao thông vận tải")


def test_bnn_is_the_ministry_of_agriculture():
    (c,) = read("Căn cứ Thông tư liên tịch số 183/2010/TTLT-BTC-BNN ngày 15 tháng 11 năm 2010 của Bộ Tài "
                "chính và Bộ Nông nghiệp và Phát triển nông thôn hướng dẫn chế độ quản lý;")
    assert (c.issuer, c.title) == ("Bộ Tài chính - Bộ Nông nghiệp và Phát triển nông thôn",
                                   "hướng dẫn chế độ quản lý")
