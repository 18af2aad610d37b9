"""Laws cited by name as documents of 2025 cite them: names holding a word that ends names elsewhere
("Luật Chuyển đổi số", "Luật Đầu tư theo phương thức đối tác công tư") and laws cited by name and year
("Luật Đất đai năm 2013"), read from real lines of Vietnamese legal texts, through to the graph's keys."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from graph.loaders import catalog
from graph.loaders.build import build_graph
from graph.loaders.documents import citation_key
from graph.queries.embedded_backend import EmbeddedBackend
from graph.queries.status import status
from graph.reading.documents import names
from graph.reading.documents.citations import CitationReader
from graph.reading.extract import extract_text
from graph.text import unify_tones


def read(sentence: str):
    return CitationReader(unify_tones(sentence), sentence, "Bắc Ninh").scan(0, len(sentence))


def law(sentence: str):
    (c,) = [c for c in read(sentence) if c.by_name]
    return c


def decision(*bases: str, body: str = "Ban hành kèm theo Quyết định này Kế hoạch.") -> str:
    """A provincial decision with these basis lines and one article."""
    return ("ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 10/QĐ-UBND\n"
            "Bắc Ninh, ngày 15 tháng 01 năm 2026\nQUYẾT ĐỊNH\n"
            "Về việc ban hành Kế hoạch chuyển đổi số năm 2026\n"
            "ỦY BAN NHÂN DÂN TỈNH BẮC NINH\n" + "".join(f"{b}\n" for b in bases)
            + f"QUYẾT ĐỊNH:\nĐiều 1. {body}\n")


# ---------------------------------------------------------------- names that hold a stop word


@pytest.mark.parametrize(
    ("sentence", "title", "date"),
    [
        ("Căn cứ Luật Chuyển đổi số ngày 11 tháng 12 năm 2025;", "Luật Chuyển đổi số", dt.date(2025, 12, 11)),
        ("Căn cứ Luật Công nghiệp công nghệ số ngày 14 tháng 6 năm 2025;", "Luật Công nghiệp công nghệ số",
         dt.date(2025, 6, 14)),
        ("Căn cứ Luật Đầu tư theo phương thức đối tác công tư ngày 18 tháng 6 năm 2020;",
         "Luật Đầu tư theo phương thức đối tác công tư", dt.date(2020, 6, 18)),
        ("Căn cứ Luật Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng "
         "ngày 13 tháng 11 năm 2020;",
         "Luật Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng", dt.date(2020, 11, 13)),
        ("Căn cứ Luật Phòng, chống tác hại của thuốc lá ngày 18 tháng 6 năm 2012;",
         "Luật Phòng, chống tác hại của thuốc lá", dt.date(2012, 6, 18)),
        ("Căn cứ Luật Phòng, chống tác hại của rượu, bia ngày 14 tháng 6 năm 2019;",
         "Luật Phòng, chống tác hại của rượu, bia", dt.date(2019, 6, 14)),
        ("Căn cứ Luật Quản lý, sử dụng vốn nhà nước đầu tư vào sản xuất, kinh doanh tại doanh nghiệp ngày 26 "
         "tháng 11 năm 2014;",
         "Luật Quản lý, sử dụng vốn nhà nước đầu tư vào sản xuất, kinh doanh tại doanh nghiệp",
         dt.date(2014, 11, 26)),
        ("Căn cứ Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân ngày 20 tháng 11 năm 2015;",
         "Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân", dt.date(2015, 11, 20)),
        # the comma of a listed name left out, as often typed
        ("Căn cứ Luật Phòng chống tác hại của rượu, bia ngày 14 tháng 6 năm 2019;",
         "Luật Phòng chống tác hại của rượu, bia", dt.date(2019, 6, 14)),
    ],
)
def test_a_name_holding_a_stop_word_is_read_whole_with_its_date(sentence, title, date):
    c = law(sentence)
    assert (c.title, c.date) == (title, date)


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        # the enacting lines of the law and the ordinance themselves
        ("Quốc hội ban hành Luật Chuyển đổi số.", "Luật Chuyển đổi số"),
        ("Ủy ban Thường vụ Quốc hội ban hành Pháp lệnh Ưu đãi người có công với cách mạng.",
         "Pháp lệnh Ưu đãi người có công với cách mạng"),
    ],
)
def test_the_enacting_line_names_the_whole_law(sentence, title):
    assert law(sentence).title == title


@pytest.fixture
def without_the_list(monkeypatch):
    """The name reader without its list of names: what the usual reading alone makes of a name."""
    monkeypatch.setattr(names, "known_law_names", lambda: re.compile(r"(?!)"))


@pytest.mark.parametrize(
    ("sentence", "title", "number", "date"),
    [
        ("Căn cứ Luật Chuyển đổi số ngày 11 tháng 12 năm 2025;", "Luật Chuyển đổi số", None,
         dt.date(2025, 12, 11)),
        ("Căn cứ Luật Công nghiệp công nghệ số số 71/2025/QH15;", "Luật Công nghiệp công nghệ số",
         "71/2025/QH15", None),
        ("Quốc hội ban hành Luật Chuyển đổi số.", "Luật Chuyển đổi số", None, None),
        # "số" before the number still ends the name
        ("Luật Công nghệ thông tin số 67/2006/QH11 sau gần 20 năm thi hành đã hoàn thành sứ mệnh của mình",
         "Luật Công nghệ thông tin", "67/2006/QH11", None),
    ],
)
def test_so_not_before_a_number_ends_a_name_as_its_last_word(without_the_list, sentence, title, number, date):
    c = law(sentence)
    assert (c.title, c.number, c.date) == (title, number, date)


def test_so_before_another_word_is_the_noun_of_the_sentence(without_the_list):
    """"số liệu" after a law's name: the figures the sentence speaks of, not a word of the name."""
    c = law("Theo Luật Thống kê số liệu thống kê nhà nước được công bố công khai.")
    assert c.title == "Luật Thống kê"


def test_a_name_with_so_inside_is_in_the_list():
    c = law("Căn cứ Luật Tần số vô tuyến điện số 42/2009/QH12;")
    assert (c.title, c.number) == ("Luật Tần số vô tuyến điện", "42/2009/QH12")


def test_a_law_named_in_a_decisions_subject_is_read_whole():
    (qd,) = read("Phó Thủ tướng Nguyễn Chí Dũng đã ký Quyết định số 1946/QĐ-TTg ngày 9/9/2025 ban hành "
                 "Kế hoạch triển khai thi hành Luật Công nghiệp công nghệ số (Kế hoạch).")
    (law_in_subject, relation), = qd.children
    assert (law_in_subject.title, relation) == ("Luật Công nghiệp công nghệ số", "implements")


def test_every_law_an_amending_law_names_is_read_whole():
    """The title of the amending law of 25/6/2025 (90/2025/QH15): the PPP law among the laws it amends."""
    laws = ["Luật Đấu thầu", "Luật Đầu tư theo phương thức đối tác công tư", "Luật Hải quan",
            "Luật Thuế giá trị gia tăng", "Luật Thuế xuất khẩu, thuế nhập khẩu", "Luật Đầu tư",
            "Luật Đầu tư công", "Luật Quản lý, sử dụng tài sản công"]
    amending, = read(f"Căn cứ Luật sửa đổi, bổ sung một số điều của {', '.join(laws)} "
                     "ngày 25 tháng 6 năm 2025;")
    assert [c.title for c, _ in amending.children] == laws
    assert amending.date == dt.date(2025, 6, 25)


def test_a_listed_name_in_small_letters_among_the_laws_an_amending_law_names():
    (amending,) = read("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Đất Đai, Luật Nhà ở, "
                       "Luật Kinh doanh Bất động sản và Luật các Tổ chức tín dụng ngày 29/6/2024.")
    assert [c.title for c, _ in amending.children][-1] == "Luật Các Tổ chức tín dụng"
    assert amending.date == dt.date(2024, 6, 29)


@pytest.mark.parametrize(
    ("sentence", "title", "number", "date"),
    [
        # the stops still stop where the list has no longer name
        ("Căn cứ Luật Đất đai số 45/2013/QH13;", "Luật Đất đai", "45/2013/QH13", None),
        ("Căn cứ Luật Đất đai số: 45/2013/QH13;", "Luật Đất đai", "45/2013/QH13", None),
        ("Căn cứ Luật Đầu tư công ngày 29 tháng 11 năm 2024;", "Luật Đầu tư công", None,
         dt.date(2024, 11, 29)),
        ("Căn cứ Luật Đầu tư số 61/2020/QH14;", "Luật Đầu tư", "61/2020/QH14", None),
        ("Căn cứ Luật Các tổ chức tín dụng số 32/2024/QH15 ngày 18 tháng 01 năm 2024;",
         "Luật Các tổ chức tín dụng", "32/2024/QH15", dt.date(2024, 1, 18)),
    ],
)
def test_names_read_as_before(sentence, title, number, date):
    c = law(sentence)
    assert (c.title, c.number, c.date) == (title, number, date)


def test_a_listed_name_does_not_reach_past_what_the_text_says():
    """"Luật Đầu tư theo quy định ...": the list's "Luật Đầu tư theo phương thức ..." does not match, and
    "theo" ends the name as before."""
    c = law("Các dự án được thực hiện theo Luật Đầu tư theo quy định của pháp luật.")
    assert c.title == "Luật Đầu tư"
    assert law("Căn cứ Luật Đất đai theo quy định của pháp luật hiện hành;").title == "Luật Đất đai"


# ---------------------------------------------------------------- laws cited by name and year


@pytest.mark.parametrize(
    ("sentence", "title", "year"),
    [
        ("Căn cứ Luật Đất đai năm 2013;", "Luật Đất đai", 2013),
        ("Căn cứ Luật Đất đai 2024;", "Luật Đất đai", 2024),
        ("Căn cứ Luật Ngân sách nhà nước năm 2015;", "Luật Ngân sách nhà nước", 2015),
        ("Căn cứ Luật Tổ chức chính quyền địa phương năm 2015;", "Luật Tổ chức chính quyền địa phương", 2015),
    ],
)
def test_the_year_after_a_name_is_read_and_left_out_of_the_title(sentence, title, year):
    c = law(sentence)
    assert (c.title, c.year, c.date, c.number) == (title, year, None, None)
    assert sentence[c.start:c.end].endswith(str(year))


@pytest.mark.parametrize(
    "sentence",
    [
        "Căn cứ Luật Đất đai số 45/2013/QH13;",
        # a year of something else: "... năm 2013 của tỉnh"
        "Báo cáo kết quả 10 năm thi hành Luật Đất đai năm 2013 của Ủy ban nhân dân tỉnh.",
        # the years of the amendments, after the date (Cà Mau, 2021)
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015, được sửa đổi, bổ sung năm 2017, 2019;",
        # a period, not a year
        "Triển khai Luật Đầu tư công 2021 - 2025 trên địa bàn tỉnh.",
        # the sentence goes on with the year: a plan's year, not the law's
        "Ban hành Kế hoạch tuyên truyền, phổ biến Luật Đất đai năm 2025 trên địa bàn tỉnh.",
    ],
)
def test_no_year_is_read_where_it_is_not_the_laws(sentence):
    assert law(sentence).year is None


def test_a_year_before_and_or_the_issuer_is_the_laws():
    first, second = [c for c in read("Căn cứ Luật Đất đai năm 2013 và Luật Nhà ở năm 2014 của Quốc hội;")
                     if c.by_name]
    assert [(first.title, first.year), (second.title, second.year)] == [("Luật Đất đai", 2013),
                                                                          ("Luật Nhà ở", 2014)]
    assert second.issuer == "Quốc hội"


def test_a_constitution_keeps_its_year_in_its_name():
    c = law("Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013;")
    assert (c.title, c.year) == ("Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013", None)


def test_the_year_reaches_the_output_and_tells_two_laws_of_one_name_apart():
    text = decision("Căn cứ Luật Đất đai năm 2013;",
                    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
                    body="Thực hiện chuyển tiếp theo Luật Đất đai năm 2024 và Luật Đất đai năm 2013.")
    r = extract_text(text, "qd.txt")
    (doc,) = r.documents
    assert [(c.title, c.year) for c in doc.bases] == [("Luật Đất đai", 2013),
                                                      ("Luật Tổ chức chính quyền địa phương", None)]
    assert doc.bases[0].text == "Luật Đất đai năm 2013"
    # the 2024 law is another document; the 2013 one named again is the basis
    assert [(c.title, c.year) for c in doc.references] == [("Luật Đất đai", 2024)]
    dumped = doc.bases[1].model_dump(mode="json")
    assert "year" not in dumped  # written only when read: the JSON of a dated law is as before


def test_a_law_cited_by_name_and_year_resolves_to_that_years_law():
    """Cited with its year, the local government law is the 2015 one (77/2015/QH13), not the one in
    force when the decision was signed; a law the catalog does not know keeps its year in its key."""
    assert catalog.lookup_by_name("Luật Điện ảnh") is None  # a law the catalog does not know (yet)
    r = extract_text(decision("Căn cứ Luật Tổ chức chính quyền địa phương năm 2015;",
                              "Căn cứ Luật Điện ảnh năm 2022;"), "qd.txt")
    (doc,) = r.documents
    ctx_keys = [citation_key(c)[0] for c in doc.bases]
    assert ctx_keys == ["VN:77/2015/QH13", "VN:Luật Điện ảnh:2022"]
    found = status(EmbeddedBackend(build_graph([r])), "10/QĐ-UBND", as_of=dt.date(2026, 1, 15))
    by_key = {b.basis.key: b for b in found.bases}
    assert by_key["VN:77/2015/QH13"].status == "replaced"
    assert by_key["VN:Luật Điện ảnh:2022"].status == "no information"


def test_a_year_the_catalog_cannot_tell_apart_resolves_to_nothing():
    """Two local government laws were passed in 2025 (65/2025/QH15, 72/2025/QH15): the year alone does
    not say which, so the citation keeps its name and year."""
    r = extract_text(decision("Căn cứ Luật Tổ chức chính quyền địa phương năm 2025;"), "qd.txt")
    (basis,) = r.documents[0].bases
    assert citation_key(basis)[0] == "VN:Luật Tổ chức chính quyền địa phương:2025"
