"""Who proposes in the "Xét ..." / "Theo đề nghị của ..." clause, and how a basis relates to the
documents its subject names, on real lines: the fresh documents of July–December 2025 (an HĐND
resolution of Đà Nẵng, decisions of Thanh Hóa, plans of Cần Thơ) and older provincial decisions
(Nghệ An 97/2009, Lạng Sơn 52/2018, Bình Phước 15/2015, Quảng Trị 2177/2014) and
Thông tư 16/2024/TT-BGDĐT."""

import datetime as dt

import pytest

from graph.reading.documents.citations import CitationReader
from graph.reading.documents.documents import read_documents
from graph.reading.text.prepared import PreparedText
from graph.text import nfc, unify_tones


def read_text(text: str):
    (doc,) = [s.document for s in read_documents(PreparedText.identity("t.txt", nfc(text)))]
    return doc


def numbers(items) -> list[str | None]:
    return [x.number for x in items]


HDND_DA_NANG = (
    "HỘI ĐỒNG NHÂN\nDÂN |\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM |\n|\nSố: 43/NQ-HĐND |\n"
    "Đà Nẵng, ngày 11 tháng 12 năm 2025 |\nNGHỊ QUYẾT\n"
    "VỀ KẾ HOẠCH PHÁT TRIỂN KINH TẾ, XÃ HỘI, ĐẢM BẢO QUỐC PHÒNG, AN NINH NĂM 2026\n"
    "HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG\nKHÓA X, NHIỆM KỲ 2021 - 2026, KỲ HỌP THỨ 5\n"
    "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;\n"
)


def decision(preamble: str) -> str:
    return (
        "ỦY BAN NHÂN DÂN\nTỈNH THANH HÓA\n-------\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n---------------\n\nSố: 128/2025/QĐ-UBND\n\n"
        "Thanh Hóa, ngày 09 tháng 10 năm 2025\n\nQUYẾT ĐỊNH\n\n"
        "VỀ VIỆC BAN HÀNH QUY CHẾ HOẠT ĐỘNG CỦA TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH THANH HÓA\n\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;\n\n"
        f"{preamble}\n\nQUYẾT ĐỊNH:\n\nĐiều 1. Ban hành kèm theo Quyết định này Quy chế hoạt động.\n"
    )


# ------------------------------------------------------------------ "Xét <paper>; <paper>; ..." (HĐND)
def test_the_proposal_is_the_to_trinh_not_the_report_named_before_it():
    doc = read_text(HDND_DA_NANG + (
        "Xét Báo cáo số 348/BC-UBND ngày 01 tháng 12 năm 2025 của Ủy ban nhân dân thành phố về kết quả "
        "thực hiện kế hoạch phát triển kinh tế - xã hội, quốc phòng - an ninh năm 2025, kế hoạch phát triển "
        "kinh tế - xã hội năm 2026; Tờ trình số 256/TTr-UBND ngày 01 tháng 12 năm 2025 của Ủy ban nhân dân "
        "thành phố về đề nghị Hội đồng nhân dân thành phố thông qua Nghị quyết kế hoạch phát triển kinh tế "
        "- xã hội, quốc phòng - an ninh năm 2026; báo cáo thẩm tra của các Ban của Hội đồng nhân dân thành "
        "phố và ý kiến thảo luận, biểu quyết của đại biểu Hội đồng nhân dân thành phố tại kỳ họp;\n"
        "QUYẾT NGHỊ:\nĐiều 1. Thông qua Kế hoạch phát triển kinh tế - xã hội năm 2026.\n"))
    (p,) = doc.proposals
    assert (p.number, p.date, p.agency) == ("256/TTr-UBND", dt.date(2025, 12, 1), "UBND thành phố Đà Nẵng")
    assert p.text.startswith("Tờ trình số 256/TTr-UBND") and p.text.endswith("năm 2026")
    # the report is considered, not proposed: a reference
    assert numbers(doc.references) == ["348/BC-UBND"]


def test_one_to_trinh_then_unnumbered_reports_and_discussion():
    doc = read_text(
        "HỘI ĐỒNG NHÂN\nDÂN |\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM |\n|\nSố: 48/NQ-HĐND |\n"
        "Quảng Ngãi, ngày 10 tháng 12 năm 2025 |\nVỀ KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2026\n"
        "HỘI ĐỒNG NHÂN DÂN TỈNH QUẢNG NGÃI\nKHÓA XIII KỲ HỌP THỨ 7\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;\n"
        "Xét Tờ trình số 136/TTr-UBND ngày 27 tháng 11 năm 2025 của Ủy ban nhân dân tỉnh về việc trình Hội "
        "đồng nhân dân tỉnh thông qua Nghị quyết về Kế hoạch phát triển kinh tế - xã hội năm 2026; trên cơ "
        "sở xem xét các Báo cáo của Ủy ban nhân dân tỉnh, Tòa án nhân dân tỉnh, Viện kiểm sát nhân dân "
        "tỉnh, các Ban của Hội đồng nhân dân tỉnh; ý kiến thảo luận của đại biểu Hội đồng nhân dân tại kỳ "
        "họp.\nQUYẾT NGHỊ\nĐiều 1. Thống nhất Kế hoạch phát triển kinh tế - xã hội năm 2026.\n")
    assert [(p.number, p.date) for p in doc.proposals] == [("136/TTr-UBND", dt.date(2025, 11, 27))]
    assert doc.references == []


def test_reports_without_a_to_trinh_propose_nothing():
    doc = read_text(
        "HỘI ĐỒNG NHÂN\nDÂN |\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM |\n|\nSố: 482/NQ-HĐND |\n"
        "Hà Nội, ngày 26 tháng 11 năm 2025 |\nVỀ KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2026\n"
        "HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HÀ NỘI\nKHÓA XVI, KỲ HỌP THỨ 28\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;\n"
        "Xét các báo cáo của Ủy ban nhân dân Thành phố, Tòa án nhân dân Thành phố, Viện kiểm sát nhân dân "
        "Thành phố; Thi hành án dân sự Thành phố; các báo cáo thẩm tra của các Ban của Hội đồng nhân dân "
        "Thành phố; ý kiến của Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Hà Nội; ý kiến thảo luận của các "
        "đại biểu Hội đồng nhân dân Thành phố tại kỳ họp.\nQUYẾT NGHỊ:\n1. Mục tiêu tổng quát\n")
    assert doc.proposals == [] and doc.references == []


# ------------------------------------------------- "Theo đề nghị của A tại <paper> và B tại <paper>"
def test_a_second_office_holder_after_and_without_cua():
    doc = read_text(decision(
        "Theo đề nghị của Chánh Văn phòng Ủy ban nhân dân tỉnh tại Tờ trình số 1818/TTr-VP ngày 21 tháng "
        "8 năm 2025 và Giám đốc Sở Nội vụ tại Văn bản số 4836/SNV-TCBC ngày 04 tháng 9 năm 2025;"))
    assert [(p.agency, p.number, p.date) for p in doc.proposals] == [
        ("Văn phòng UBND tỉnh", "1818/TTr-VP", dt.date(2025, 8, 21)),
        ("Sở Nội vụ", "4836/SNV-TCBC", dt.date(2025, 9, 4)),
    ]
    assert doc.proposals[1].text == ("và Giám đốc Sở Nội vụ tại Văn bản số 4836/SNV-TCBC ngày 04 tháng 9 "
                                     "năm 2025")
    assert doc.references == []  # the letter is a proposal, not a reference


def test_two_office_holders_over_wrapped_lines():
    doc = read_text(decision(
        "Xét đề nghị của Giám đốc Sở Tư pháp tại Tờ trình số\n1068/TTr-STP ngày 26 tháng 8 năm 2009 và "
        "Giám đốc Sở Nội vụ tại Tờ trình số\n260/TTr-SNV ngày 15 tháng 9 năm 2009,"))
    assert [(p.agency, p.number) for p in doc.proposals] == [
        ("Sở Tư pháp", "1068/TTr-STP"), ("Sở Nội vụ", "260/TTr-SNV")]


def test_a_report_after_and_is_no_proposer():
    doc = read_text(decision(
        "Theo đề nghị của Giám đốc Sở Tài chính tại Tờ trình số 237/TTr-STC ngày 27/7/2018 và Báo cáo số "
        "332/BC-STC ngày 17/8/2018."))
    assert [(p.agency, p.number) for p in doc.proposals] == [("Sở Tài chính", "237/TTr-STC")]
    assert numbers(doc.references) == ["332/BC-STC"]


# ------------------------------------------------------------------ relation of a nested citation
def children(sentence: str, province: str | None = None) -> list[tuple[str | None, str]]:
    (c,) = CitationReader(unify_tones(sentence), sentence, province).scan(0, len(sentence))
    return [(x.number or x.title, relation) for x, relation in c.children]


@pytest.mark.parametrize(("sentence", "expected"), [
    # the word nearest the cited document governs it: the Chương trình is amended, 57 implemented
    ("Căn cứ Nghị quyết số 71/NQ-CP ngày 01 tháng 4 năm 2025 của Chính phủ sửa đổi, bổ sung, cập nhật "
     "Chương trình hành động của Chính phủ thực hiện Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của "
     "Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia;",
     [("57-NQ/TW", "implements")]),
    # "biện pháp thi hành": the decree guides the law
    ("Căn cứ Nghị định số 15/2014/NĐ-CP\nngày 27/02/2014 của Chính phủ quy định chi tiết một số điều và "
     "biện pháp thi\nhành Luật Hòa giải cơ sở;", [("Luật Hòa giải cơ sở", "guides")]),
    # a run of relation words is ruled by its first: "hướng dẫn thi hành"
    ("Căn cứ Thông tư số 342/2016/TT-BTC ngày 30/12/2016 của Bộ Tài chính quy định chi tiết và hướng dẫn "
     "thi hành một số điều của Nghị định 163/2016/NĐ-CP ngày 21/12/2016 của Chính phủ;",
     [("163/2016/NĐ-CP", "guides")]),
    ("Căn cứ Nghị định số 19/2011/NĐ-CP ngày 21\ntháng 3 năm 2011 của Chính phủ quy định chi tiết thi hành "
     "một số điều của Luật Nuôi con nuôi;", [("Luật Nuôi con nuôi", "guides")]),
    # what amends stays amends
    ("Căn cứ Nghị định số 157/2020/NĐ-CP ngày 31 tháng 12 năm 2020 của Chính phủ sửa đổi, bổ sung một số "
     "điều của Nghị định số 85/2013/NĐ-CP ngày 29 tháng 7 năm 2013 của Chính phủ;",
     [("85/2013/NĐ-CP", "amends")]),
    ("Căn cứ Nghị định số 16/2009/NĐ-CP ngày\n16 tháng 02 năm 2009 của Chính phủ sửa đổi, bổ sung khoản 2 "
     "điều 8 Nghị định số\n13/2008/NĐ-CP ngày 04 tháng 02 năm 2008;", [("13/2008/NĐ-CP", "amends")]),
])
def test_relation_of_the_document_a_subject_names(sentence, expected):
    assert children(sentence) == expected
