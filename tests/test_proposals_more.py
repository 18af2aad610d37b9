"""Proposals written inside a sentence of the preamble, the body that proposes, and a proposal named
again in the same "Xét" clause, on real lines: a plan of Hà Tĩnh adopted by the vote of the UBND
members (731/KH-UBND, December 2025), resolutions of the HĐND of Lào Cai (46/NQ-HĐND, December 2025)
and Đắk Lắk (05/2025/NQ-HĐND), decisions of Quảng Trị (41/2016/QĐ-UBND), Quảng Nam
(14/2007/QĐ-UBND), An Giang (05/2010/QĐ-UBND) and Sơn La (2862/QĐ-UBND, 2018). Where a line is
moved into another clause (a "Căn cứ" clause), it says so."""

import datetime as dt

import pytest

from graph.reading.extract import extract_text


def read_text(text: str):
    """The one document of ``text``, read as ``extract`` reads a file (its lines mended first)."""
    (doc,) = extract_text(text, "t.txt").documents
    return doc


def numbers(items) -> list[str | None]:
    return [x.number for x in items]


HA_TINH_PLAN = (
    "ỦY BAN NHÂN DÂN\n|\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM |\n|\nSố: 731/KH-UBND |\n"
    "Hà Tĩnh, ngày 30 tháng 12 năm 2025 |\nKẾ HOẠCH\n"
    "TRIỂN KHAI THỰC HIỆN CHIẾN LƯỢC DỮ LIỆU ĐẾN NĂM 2030 TRÊN ĐỊA BÀN TỈNH HÀ TĨNH\n"
    "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, "
    "công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia; Nghị quyết số 214/NQ-CP ngày 23/7/2025 của "
    "Chính phủ về ban hành Kế hoạch hành động của Chính phủ về thúc đẩy tạo lập dữ liệu phục vụ chuyển "
    "đổi số toàn diện; Quyết định số 142/QĐ-TTg ngày 02/02/2024 của Thủ tướng Chính phủ về việc phê duyệt "
    "Chiến lược dữ liệu quốc gia đến năm 2030; {proposal}; trên cơ sở kết quả biểu quyết "
    "(biểu quyết trên Hệ thống phần mềm quản lý văn bản và điều hành số) thống nhất đồng ý của các thành "
    "viên UBND tỉnh, UBND tỉnh ban hành Kế hoạch triển khai thực hiện Chiến lược dữ liệu đến năm 2030 cụ "
    "thể như sau:\nI. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n"
    "- Tổ chức triển khai kịp thời, đồng bộ, hiệu quả các mục tiêu, nhiệm vụ được giao tại Quyết định số "
    "142/QĐ-TTg ngày 02/02/2024 của Thủ tướng Chính phủ theo quy định, phù hợp với tình hình, điều kiện "
    "thực tiễn của tỉnh.\n"
)
THE_PLANS_PROPOSAL = "xét đề nghị của Công an tỉnh tại văn bản số 289/TTr-CAT-PC06 ngày 09/12/2025"


# ------------------------------------------------------- C: "...; xét đề nghị của ..." inside a sentence
def test_a_proposal_in_small_letters_inside_the_plans_sentence():
    doc = read_text(HA_TINH_PLAN.format(proposal=THE_PLANS_PROPOSAL))
    (p,) = doc.proposals
    assert (p.agency, p.number, p.date) == ("Công an tỉnh", "289/TTr-CAT-PC06", dt.date(2025, 12, 9))
    assert p.text == "xét đề nghị của Công an tỉnh tại văn bản số 289/TTr-CAT-PC06 ngày 09/12/2025"
    # the paper is the proposal, not a reference; the documents the plan implements stay references
    assert numbers(doc.references) == ["57-NQ/TW", "214/NQ-CP", "142/QĐ-TTg"]


@pytest.mark.parametrize("words, agency", [
    ("theo đề nghị của Công an tỉnh tại văn bản số 289/TTr-CAT-PC06 ngày 09/12/2025", "Công an tỉnh"),
    ("xét đề nghị của Giám đốc Công an tỉnh Hà Tĩnh tại Tờ trình số 289/TTr-CAT-PC06 ngày 09/12/2025",
     "Công an tỉnh"),
    ("xét đề nghị của Giám đốc Sở Nội vụ tỉnh Hà Tĩnh tại Tờ trình số 289/TTr-CAT-PC06 ngày 09/12/2025",
     "Sở Nội vụ"),
    ("xét Tờ trình số 289/TTr-CAT-PC06 ngày 09/12/2025 của Công an tỉnh Hà Tĩnh", "Công an tỉnh"),
])
def test_other_writings_of_the_clause_and_the_body_that_proposes(words, agency):
    """"theo" for "xét", the head for the body, the paper named first: the provincial police keep
    "tỉnh" (it is their name), a department drops its province."""
    doc = read_text(HA_TINH_PLAN.format(proposal=words))
    assert [(p.agency, p.number) for p in doc.proposals] == [(agency, "289/TTr-CAT-PC06")]
    assert "289/TTr-CAT-PC06" not in numbers(doc.references)


def test_a_capital_xet_after_a_full_stop_reads_the_same():
    doc = read_text(HA_TINH_PLAN.replace("năm 2030; {proposal}", "năm 2030. X{proposal}").format(
        proposal=THE_PLANS_PROPOSAL[1:]))
    assert [(p.agency, p.number) for p in doc.proposals] == [("Công an tỉnh", "289/TTr-CAT-PC06")]


def test_words_that_are_not_a_clause_of_the_preamble_propose_nothing():
    """Not after ";" or "," ("...; thực hiện nhiệm vụ theo đề nghị của ..."); in the plan's body, after
    "I.", even after a comma; an agency in small letters ("theo đề nghị của các sở, ngành")."""
    doc = read_text(HA_TINH_PLAN.format(
        proposal="thực hiện nhiệm vụ theo đề nghị của Công an tỉnh tại văn bản số 289/TTr-CAT-PC06 ngày "
                 "09/12/2025")
        + "- Sở Tài chính bố trí kinh phí, xét đề nghị của Sở Khoa học và Công nghệ tại Tờ trình số "
          "12/TTr-SKHCN ngày 05/01/2026.\n")
    assert doc.proposals == []
    assert numbers(doc.references) == ["57-NQ/TW", "214/NQ-CP", "142/QĐ-TTg", "289/TTr-CAT-PC06",
                                       "12/TTr-SKHCN"]
    doc = read_text(HA_TINH_PLAN.format(proposal="theo đề nghị của các sở, ngành tại văn bản số "
                                                 "289/TTr-CAT-PC06 ngày 09/12/2025"))
    assert doc.proposals == []


QUANG_TRI = (
    "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG TRỊ\n-------\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do - Hạnh phúc\n---------------\n|\nSố: 41/2016/QĐ-UBND\n|\n"
    "Quảng Trị, ngày 27 tháng 9 năm 2016\n|\nQUYẾT ĐỊNH\n"
    "BAN HÀNH QUY ĐỊNH CHỨC NĂNG, NHIỆM VỤ, QUYỀN HẠN VÀ CƠ CẤU TỔ CHỨC CỦA SỞ GIAO\n"
    "THÔNG VẬN TẢI TỈNH QUẢNG TRỊ\nỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ\n"
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;\n"
    "Căn cứ Nghị định số 24/2014/NĐ-CP\nngày 04/4/2014 của Chính phủ về Quy định tổ chức các cơ quan "
    "chuyên môn\nthuộc UBND tỉnh, thành phố trực thuộc\nTrung ương{sep} {proposal}\n"
    "QUYẾT ĐỊNH:\nĐiều 1. Ban hành kèm theo Quyết\nđịnh này Quy định chức năng, nhiệm vụ, quyền hạn và "
    "cơ cấu tổ chức của Sở Giao\nthông vận tải tỉnh Quảng Trị.\n"
)


def test_a_proposal_after_the_semicolon_of_a_basis_clause_ends_the_basis():
    """The decision's last "Căn cứ" line and its "Theo đề nghị" line, joined by "; " in small letters:
    the basis clause stops at "; xét đề nghị", the paper is a proposal and not a basis."""
    doc = read_text(QUANG_TRI.format(sep=";", proposal=(
        "xét đề nghị của Giám đốc Sở Giao\nthông vận tải tại Tờ trình số 1520/TTr-SGTVT ngày 12/8/2016.")))
    assert numbers(doc.bases) == [None, "24/2014/NĐ-CP"]
    assert [(p.agency, p.number, p.date) for p in doc.proposals] == [
        ("Sở Giao thông vận tải", "1520/TTr-SGTVT", dt.date(2016, 8, 12))]
    assert doc.references == []


def test_a_paper_named_first_after_the_semicolon_of_a_basis_clause():
    doc = read_text(QUANG_TRI.format(sep=";", proposal=(
        "xét Tờ trình số 1520/TTr-SGTVT ngày 12/8/2016 của Sở Giao\nthông vận tải.")))
    assert numbers(doc.bases) == [None, "24/2014/NĐ-CP"]
    assert [(p.agency, p.number) for p in doc.proposals] == [("Sở Giao thông vận tải", "1520/TTr-SGTVT")]
    assert doc.references == []


@pytest.mark.parametrize("text", [
    QUANG_TRI,
    # the same clause on one line, two decrees apart by ";"
    QUANG_TRI.replace(";\nCăn cứ Nghị định số 24/2014/NĐ-CP", "; Nghị định số 24/2014/NĐ-CP"),
])
def test_after_a_comma_inside_a_basis_clause_nothing_is_proposed(text):
    """", theo đề nghị ..." inside a "Căn cứ" clause: the clause runs on (no ";" before the words), so
    they stay where the basis reader put them; no paper is read twice."""
    doc = read_text(text.format(sep=",", proposal=(
        "theo đề nghị của Giám đốc Sở Giao\nthông vận tải tại Tờ trình số 1520/TTr-SGTVT ngày 12/8/2016.")))
    assert doc.proposals == []
    assert "1520/TTr-SGTVT" not in numbers(doc.references)


def test_the_capital_form_of_the_same_decision_is_unchanged():
    doc = read_text(QUANG_TRI.format(sep=";", proposal=(
        "\nTheo đề nghị của Giám đốc Sở Giao\nthông vận tải và Giám đốc Sở Nội vụ.")))
    assert numbers(doc.bases) == [None, "24/2014/NĐ-CP"]
    assert [p.agency for p in doc.proposals] == ["Sở Giao thông vận tải", "Sở Nội vụ"]


def test_a_department_named_with_its_province_drops_it():
    doc = read_text(
        "ỦY\nBAN NHÂN DÂN\nTỈNH QUẢNG NAM\n--------\n|\nCỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n---------------\n|\nSố:\n14/2007/QĐ-UBND\n|\n"
        "Tam\nKỳ, ngày 19 tháng 6 năm 2007\n|\nQUYẾT ĐỊNH\n"
        "BAN HÀNH QUY ĐỊNH CHỨC NĂNG, NHIỆM VỤ, QUYỀN HẠN VÀ\nCƠ CẤU TỔ CHỨC CỦA SỞ NÔNG NGHIỆP & PTNT "
        "TỈNH QUẢNG NAM\nỦY BAN NHÂN DÂN TỈNH QUẢNG NAM\n"
        "Căn cứ Luật Tổ chức HĐND\nvà UBND ngày 26/11/2003;\n"
        "Xét đề nghị của Giám đốc\nSở Nông nghiệp & Phát triển nông thôn tỉnh tại Tờ trình số 473/TTr -\n"
        "NN&PTNT ngày 21/5/2007 và của Giám đốc Sở Nội vụ tỉnh,\nQUYẾT ĐỊNH:\n"
        "Điều 1. Ban\nhành kèm theo Quyết định này Quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu\n"
        "tổ chức của Sở Nông nghiệp và Phát triển nông thôn tỉnh Quảng Nam.\n")
    assert [p.agency for p in doc.proposals] == ["Sở Nông nghiệp và Phát triển nông thôn", "Sở Nội vụ"]


# ------------------------------------------------ D: the proposal named again in the same "Xét" clause
LAO_CAI = (
    "HỘI ĐỒNG NHÂN\nDÂN |\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM |\n|\nSố: 46/NQ-HĐND |\n"
    "Lào Cai, ngày 09 tháng 12 năm 2025 |\nNGHỊ QUYẾT\n"
    "VỀ KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI 5 NĂM 2026 - 2030 TỈNH LÀO CAI\n"
    "HỘI ĐỒNG NHÂN DÂN TỈNH LÀO CAI\nKHÓA XVI - KỲ HỌP THỨ 6\n"
    "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;\n"
    "Căn cứ Chỉ thị số 31/CT-TTg ngày 18 tháng 10 năm 2025 của Thủ tướng Chính phủ về việc xây dựng Kế "
    "hoạch phát triển kinh tế - xã hội 5 năm 2026-2030;\n"
    "Xét Tờ trình số 393/TTr-UBND ngày 28 tháng 11 năm 2025 của Ủy ban nhân dân tỉnh Lào Cai về việc "
    "ban hành nghị quyết về Kế hoạch phát triển kinh tế - xã hội 5 năm 2026-2030 tỉnh Lào Cai; Báo cáo "
    "số 218/BC-UBND ngày 04 tháng 12 năm 2025 của Ủy ban nhân dân tỉnh Lào Cai về việc {again}; Báo cáo "
    "thẩm tra số 221/BC-BKTNS ngày 05 tháng 12 năm 2025 của Ban Kinh tế - Ngân sách; ý kiến thảo luận "
    "của đại biểu Hội đồng nhân dân tại kỳ họp.\nQUYẾT NGHỊ:\n"
    "Điều 1. Quyết định Kế hoạch phát triển kinh tế - xã hội 5 năm 2026 - 2030 tỉnh Lào Cai, với các nội "
    "dung chủ yếu như sau:\n"
)


@pytest.mark.parametrize("again", [
    "làm rõ Tờ trình số 393/TTr-UBND ngày 28 tháng 11 năm 2025",
    "tiếp thu, giải trình Tờ trình số 393/TTr-UBND ngày 28 tháng 11 năm 2025",
    "giải trình, tiếp thu ý kiến thẩm tra đối với Tờ trình số 393/TTr-UBND",
])
def test_the_proposal_named_again_by_a_report_is_no_reference(again):
    doc = read_text(LAO_CAI.format(again=again))
    assert [(p.number, p.agency) for p in doc.proposals] == [("393/TTr-UBND", "UBND tỉnh Lào Cai")]
    # the reports stay references; the Tờ trình they clarify is the proposal only
    assert numbers(doc.references) == ["218/BC-UBND", "221/BC-BKTNS"]


def test_another_to_trinh_named_by_a_report_stays_a_reference():
    doc = read_text(LAO_CAI.format(again="làm rõ Tờ trình số 390/TTr-UBND ngày 25 tháng 11 năm 2025"))
    assert numbers(doc.proposals) == ["393/TTr-UBND"]
    assert numbers(doc.references) == ["218/BC-UBND", "390/TTr-UBND", "221/BC-BKTNS"]


def test_reports_of_a_committee_stay_references():
    doc = read_text(
        "HỘI ĐỒNG NHÂN\nDÂN |\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM |\nSố: 05/2025/NQ-HĐND |\n"
        "Đắk Lắk, ngày 15 tháng 9 năm 2025 |\nNGHỊ QUYẾT\n"
        "BAN HÀNH QUY CHẾ LÀM VIỆC CỦA HỘI ĐỒNG NHÂN DÂN TỈNH ĐẮK LẮK\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;\n"
        "Căn cứ Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân số 87/2015/QH13;\n"
        "Xét Tờ trình số 279/TTr-HĐND ngày 11 tháng 9 năm 2025 của Ban Pháp chế của Hội đồng nhân dân tỉnh "
        "về dự thảo Nghị quyết ban hành Quy chế làm việc của Hội đồng nhân dân tỉnh, Thường trực Hội đồng "
        "nhân dân tỉnh, các Ban của Hội đồng nhân dân tỉnh, Tổ đại biểu Hội đồng nhân dân tỉnh và đại biểu "
        "Hội đồng nhân dân tỉnh Đắk Lắk; Báo cáo thẩm tra số 71/BC-HĐND ngày 13 tháng 9 năm 2025 của Ban Dân "
        "tộc của Hội đồng nhân dân tỉnh; Báo cáo 85/BC-HĐND ngày 14 tháng 9 năm 2025 của Ban Pháp chế Hội "
        "đồng nhân dân tỉnh về việc tiếp thu, giải trình ý kiến thẩm tra dự thảo Nghị quyết; ý kiến thảo "
        "luận của đại biểu Hội đồng nhân dân tỉnh tại kỳ họp.\nQUYẾT NGHỊ:\n"
        "Điều 1. Ban hành kèm theo Nghị quyết này Quy chế làm việc.\n")
    assert numbers(doc.proposals) == ["279/TTr-HĐND"]
    assert numbers(doc.references) == ["71/BC-HĐND", "85/BC-HĐND"]


# ------------------------------------------- "Xét/Theo đề nghị tại <paper> ... của <agency>": paper first
AN_GIANG_05_2010 = (
    "ỦY\nBAN NHÂN DÂN\nTỈNH AN GIANG\n-------\n|\nCỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập – Tự do – Hạnh phúc\n--------------\n|\nSố:\n05/2010/QĐ-UBND\n|\nLong\n"
    "Xuyên, ngày 05 tháng 02 năm 2010\n|\nQUYẾT ĐỊNH\n"
    "BAN HÀNH QUY ĐỊNH CHỨC NĂNG, NHIỆM VỤ, QUYỀN HẠN VÀ CƠ CẤU TỔ\nCHỨC CỦA SỞ NGOẠI VỤ TỈNH AN GIANG\n"
    "ỦY BAN NHÂN DÂN TỈNH AN GIANG\nCăn cứ Luật Tổ chức HĐND và\nUBND ngày 26 tháng 11 năm 2003;\n"
    "Căn cứ Thông tư Liên tịch số 02/2009/TTLT-BNG-BNV ngày 27 tháng 5 năm 2009 của\n"
    "Bộ Ngoại giao - Bộ Nội vụ hướng dẫn chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ\n"
    "chức của Sở Ngoại vụ thuộc Ủy ban nhân dân cấp tỉnh;\n"
    "{proposal}\nQUYẾT ĐỊNH:\nĐiều 1.\n"
    "Ban hành kèm theo Quyết định này Quy định chức năng, nhiệm vụ, quyền hạn và cơ\n"
    "cấu tổ chức của Sở Ngoại vụ tỉnh An Giang.\n"
)
TWO_PAPERS_FIRST = (
    "Xét đề nghị tại Công văn số 673/SNgV-VP ngày 15 tháng 12 năm 2009 của Sở Ngoại\n"
    "vụ và Tờ trình số 138/TTr-SNV ngày 26 tháng 01 năm 2010 của Giám đốc Sở Nội vụ\ntỉnh An Giang,"
)


def test_papers_named_before_their_agencies_are_the_proposals():
    """An Giang 05/2010/QĐ-UBND: "Xét đề nghị tại Công văn số ... của Sở Ngoại vụ và Tờ trình số ... của
    Giám đốc Sở Nội vụ": two proposals, each paper with its agency and date, and no reference."""
    doc = read_text(AN_GIANG_05_2010.format(proposal=TWO_PAPERS_FIRST))
    assert [(p.agency, p.number, p.date) for p in doc.proposals] == [
        ("Sở Ngoại vụ", "673/SNgV-VP", dt.date(2009, 12, 15)),
        ("Sở Nội vụ", "138/TTr-SNV", dt.date(2010, 1, 26))]
    assert doc.references == []
    assert numbers(doc.bases) == [None, "02/2009/TTLT-BNG-BNV"]


@pytest.mark.parametrize("words, expected", [
    # Sơn La 2862/QĐ-UBND (2018): the head of the office, over wrapped lines
    ("Theo đề nghị tại Tờ trình số\n42/TTr-VPUB ngày 06/11/2018 của Chánh Văn phòng\nỦy ban nhân dân tỉnh,",
     ("Văn phòng UBND tỉnh", "42/TTr-VPUB", dt.date(2018, 11, 6))),
    ("Xét đề nghị tại Văn bản số 1234/SNV-TCBC ngày 01/3/2010 của Sở Nội vụ,",
     ("Sở Nội vụ", "1234/SNV-TCBC", dt.date(2010, 3, 1))),
])
def test_one_paper_named_before_its_agency(words, expected):
    doc = read_text(AN_GIANG_05_2010.format(proposal=words))
    assert [(p.agency, p.number, p.date) for p in doc.proposals] == [expected]
    assert doc.references == []


def test_the_paper_first_form_inside_the_plans_sentence():
    """"...; xét đề nghị tại Tờ trình số ... của Công an tỉnh; ..." in small letters inside a sentence."""
    words = "xét đề nghị tại Văn bản số 289/TTr-CAT-PC06 ngày 09/12/2025 của Công an tỉnh"
    doc = read_text(HA_TINH_PLAN.format(proposal=words))
    assert [(p.agency, p.number) for p in doc.proposals] == [("Công an tỉnh", "289/TTr-CAT-PC06")]
    assert numbers(doc.references) == ["57-NQ/TW", "214/NQ-CP", "142/QĐ-TTg"]


def test_a_report_asked_about_is_still_no_proposal():
    """"đề nghị tại" with no paper after it, and a report named after "tại", propose nothing."""
    for words in ("Xét đề nghị tại cuộc họp ngày 15/12/2009 của các sở, ngành,",
                  "Xét đề nghị tại Báo cáo số 12/BC-STP ngày 15/12/2009 của Sở Tư pháp,"):
        doc = read_text(AN_GIANG_05_2010.format(proposal=words))
        assert doc.proposals == [], words


# -------------------------------- other openings of the clause: "đề xuất", "Trên cơ sở", "Căn cứ đề nghị"
@pytest.mark.parametrize("words", [
    # the words of Đắk Nông 08/2023/QĐ-UBND ("Theo đề nghị của Giám đốc Sở Tài chính tại Tờ trình số ..."),
    # opened as other provinces open the same clause
    "Theo đề xuất của Giám đốc Sở Tài chính tại Tờ\ntrình số 160/TTr-STC ngày 30 tháng 12 năm 2022.",
    "Xét đề xuất của Giám đốc Sở Tài chính tại Tờ trình số 160/TTr-STC ngày 30 tháng 12 năm 2022.",
    "Trên cơ sở đề nghị của Giám đốc Sở Tài chính tại Tờ trình số 160/TTr-STC ngày 30 tháng 12 năm 2022.",
    "Căn cứ đề nghị của Giám đốc Sở Tài chính tại Tờ trình số 160/TTr-STC ngày 30 tháng 12 năm 2022.",
])
def test_the_proposal_however_its_clause_opens(words):
    """The paper is the proposal: never a basis of the decision (after the "Căn cứ ...;" clauses it was
    read as one more basis), nor a reference."""
    doc = read_text(AN_GIANG_05_2010.format(proposal=words))
    assert [(p.agency, p.number, p.date) for p in doc.proposals] == [
        ("Sở Tài chính", "160/TTr-STC", dt.date(2022, 12, 30))]
    assert numbers(doc.bases) == [None, "02/2009/TTLT-BNG-BNV"]
    assert doc.references == []


def test_a_plan_named_on_the_basis_of_is_no_basis():
    """Lạng Sơn 333/KH-UBND (2025): "Trên cơ sở Kế hoạch số 246/KH-UBND ...;" after the "Căn cứ" clauses
    opens a clause of its own: the plan is a reference, not one more basis."""
    words = ("Trên cơ sở Kế hoạch số 246/KH-UBND ngày 06/11/2024 của UBND tỉnh về chuyển đổi số tỉnh "
             "Lạng Sơn năm 2025;\nXét đề nghị của Giám đốc Sở Nội vụ,")
    doc = read_text(AN_GIANG_05_2010.format(proposal=words))
    assert numbers(doc.bases) == [None, "02/2009/TTLT-BNG-BNV"]
    assert numbers(doc.references) == ["246/KH-UBND"]


def test_a_to_trinh_in_small_letters_named_first():
    """Quảng Bình 1000/QĐ-UBND (2008): "Xét tờ trình số 15/TT-BQL ... của BQL Khu KTCK Cha Lo": a proposal
    (its board, written "BQL", is not known: no agency rather than a wrong one), then "Theo đề nghị của Sở
    Kế hoạch và Đầu tư tại công văn số: ..."."""
    words = ("Xét tờ trình số 15/TT-BQL ngày 31/3/2008 của BQL Khu KTCK Cha Lo, kèm theo Đề\n"
             "án: Định hướng phát triển Khu kinh tế cửa khẩu Quốc tế Cha Lo đến năm 2020;\n"
             "Theo đề nghị của Sở Kế hoạch và Đầu tư tại công văn số: 431/KHĐT-KTĐN ngày 9\n"
             "tháng 5 năm 2008,")
    doc = read_text(AN_GIANG_05_2010.format(proposal=words))
    assert [(p.agency, p.number, p.date) for p in doc.proposals] == [
        (None, "15/TT-BQL", dt.date(2008, 3, 31)),
        ("Sở Kế hoạch và Đầu tư", "431/KHĐT-KTĐN", dt.date(2008, 5, 9))]
    assert doc.references == []


# ------------------------------------ words a web page glued or split: "ngày22/7/2016", "92/TTr-KH &ĐT"
HA_NOI_24_2016 = (
    "Căn cứ Nghị định số 24/2014/NĐ-CP ngày 4 tháng 4 năm 2014 củaChính phủ quy định tổ chức các cơ quan "
    "chuyên mônthuộc Ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương;\n\n"
    "Theo đề nghị của Giám đốc Sở Kế hoạchvà Đầu tư tại Tờ trình số 92/TTr-KH &ĐT ngày22/7/2016 và Giám "
    "đốc Sở Nội vụ tại Tờ trình số 1833/TTr-SNV ngày 29/7/2016 về việc quy định chứcnăng, nhiệm vụ, quyền "
    "hạn và cơ cấu tổ chức của Sở Kế hoạch và Đầu tư thành phố Hà Nội."
)


def test_a_date_glued_to_its_word_and_a_code_split_before_its_ampersand():
    """Hà Nội 24/2016/QĐ-UBND as a web page serves it (its tags glued and split words): both proposals,
    each with its paper and date; neither paper is a reference."""
    doc = read_text(AN_GIANG_05_2010.format(proposal=HA_NOI_24_2016))
    assert [(p.agency, p.number, p.date) for p in doc.proposals] == [
        ("Sở Kế hoạch và Đầu tư", "92/TTr-KH&ĐT", dt.date(2016, 7, 22)),
        ("Sở Nội vụ", "1833/TTr-SNV", dt.date(2016, 7, 29))]
    assert doc.references == []
    assert numbers(doc.bases)[-1] == "24/2014/NĐ-CP"


@pytest.mark.parametrize("words, number", [
    ("Xét đề nghị của Sở Nội vụ tại Tờ trình số 12/TTr-SNV & Công văn số 5/SNV-VP,", "12/TTr-SNV"),
    ("Xét đề nghị của Sở Nội vụ tại Tờ trình số 12/TTr-SNV &Công văn,", "12/TTr-SNV"),
])
def test_an_ampersand_between_words_is_not_part_of_a_number(words, number):
    """Only "KH &ĐT" (a capital right after "&", as in a code) is mended; "& Công văn" and "&Công" (a word
    in small letters after its capital) are other words."""
    doc = read_text(AN_GIANG_05_2010.format(proposal=words))
    assert [p.number for p in doc.proposals][:1] == [number]


# ------------------------------------------------- what a "Thực hiện …" clause names, the plan implements
def test_the_documents_of_the_implementing_clause_are_implemented():
    """Hà Tĩnh 731/KH-UBND: "Thực hiện Nghị quyết số 57-NQ/TW …; Nghị quyết số 214/NQ-CP …; Quyết định số
    142/QĐ-TTg …; xét đề nghị …": the plan states no "Căn cứ"; the three are what it implements (THỰC_HIỆN),
    so that `bases` and `status` have its foundation (they answered "0 căn cứ"). The proposal's paper and a
    document the body names are not."""
    from graph.loaders.build import build_graph
    from graph.vocabulary import DAN_CHIEU, THUC_HIEN

    text = HA_TINH_PLAN.format(proposal=THE_PLANS_PROPOSAL) + (
        "2. Yêu cầu\n- Bám sát Quyết định số 1131/QĐ-TTg ngày 12/10/2025 của Thủ tướng Chính phủ.\n")
    extraction = extract_text(text, "t.txt")
    (doc,) = extraction.documents
    assert [(r.number, r.implements) for r in doc.references] == [
        ("57-NQ/TW", True), ("214/NQ-CP", True), ("142/QĐ-TTg", True), ("1131/QĐ-TTg", None)]
    g = build_graph([extraction])
    plan = "Hà Tĩnh:731/KH-UBND:2025"
    assert {t for _, t, k in g.out_edges(plan, keys=True) if k == THUC_HIEN} == {
        "TW:57-NQ/TW:2024", "VN:214/NQ-CP:2025", "VN:142/QĐ-TTg:2024"}
    assert g.has_edge(plan, "VN:1131/QĐ-TTg:2025", DAN_CHIEU)


# --------------------------------------------------------- several papers of one agency after "tại"
@pytest.mark.parametrize("words, papers", [
    # Gia Lai 44/2025/QĐ-CTUBND: a second number of the same kind of paper after a comma
    ("Theo đề nghị của Sở Tài chính tại Tờ trình số: 421/TTr-STC ngày 29/10/2025, 501/TTr-STC ngày "
     "20/11/2025 và ý kiến thẩm định của Sở Tư pháp",
     [("421/TTr-STC", dt.date(2025, 10, 29)), ("501/TTr-STC", dt.date(2025, 11, 20))]),
    # Hải Phòng 30/2018/QĐ-UBND: a Công văn after a comma, then an appraisal (no proposal)
    ("Theo đề nghị của Sở Nội vụ tại Tờ trình số 1494/TTr-SNV ngày 28 tháng 6 năm 2018, Công văn số "
     "2231/SNV-CCHC&PC ngày 28 tháng 9 năm 2018 và Báo cáo thẩm định số 18/BCTĐ-STP ngày 25 tháng 5 năm "
     "2018 của Sở Tư pháp.",
     [("1494/TTr-SNV", dt.date(2018, 6, 28)), ("2231/SNV-CCHC&PC", dt.date(2018, 9, 28))]),
])
def test_every_paper_of_the_agency_is_a_proposal(words, papers):
    doc = read_text(AN_GIANG_05_2010.format(proposal=words))
    assert [(p.number, p.date) for p in doc.proposals] == papers
    assert len({p.agency for p in doc.proposals}) == 1
    assert not any(r.number in {n for n, _ in papers} for r in doc.references)


def test_what_follows_a_paper_after_a_comma_is_no_paper():
    doc = read_text(AN_GIANG_05_2010.format(
        proposal="Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 12/TTr-SNV ngày 01/3/2018, UBND tỉnh "
                 "ban hành Quy chế này."))
    assert [p.number for p in doc.proposals] == ["12/TTr-SNV"]


def _hdnd_resolution(clause: str) -> str:
    return ("HỘI ĐỒNG NHÂN DÂN\nTỈNH QUẢNG TRỊ\n--------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\n---------------\nSố: 24/2010/NQ-HĐND\n"
            "Quảng Trị, ngày 10 tháng 12 năm 2010\nNGHỊ QUYẾT\nVỀ PHÍ VÀ LỆ PHÍ\n"
            "HỘI ĐỒNG NHÂN DÂN TỈNH QUẢNG TRỊ\nKHÓA V, KỲ HỌP THỨ 19\n"
            "Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26 tháng 11 năm 2003;\n"
            f"{clause}\nQUYẾT NGHỊ:\nĐiều 1. Nội dung.\n")


@pytest.mark.parametrize("clause", [
    # Vĩnh Long 60/2007/NQ-HĐND: the Tờ trình was a basis too
    "Sau khi xem xét Tờ trình số: 63/TTr-UBND ngày 26 tháng 11 năm 2007 của Ủy ban nhân dân tỉnh; báo cáo "
    "thẩm tra của Ban Kinh tế - Ngân sách và ý kiến của các đại biểu,",
    # Quảng Trị 24/2010/NQ-HĐND: it was a reference
    "Trên cơ sở xem xét Đề án kèm theo Tờ trình số 63/TTr-UBND ngày 26 tháng 11 năm 2007 của UBND tỉnh; "
    "Báo cáo thẩm tra của Ban Kinh tế - Ngân sách HĐND tỉnh và ý kiến thảo luận của các đại biểu,"])
def test_a_paper_the_council_considered_is_a_proposal(clause):
    doc = read_text(_hdnd_resolution(clause))
    assert numbers(doc.proposals) == ["63/TTr-UBND"] and doc.proposals[0].agency == "UBND tỉnh Quảng Trị"
    assert numbers(doc.bases) == [None] and numbers(doc.references) == []


def test_a_paper_of_another_agency_after_a_comma_is_not_the_first_agencys():
    """Thái Nguyên 2014: "… của Sở Tài chính tại Tờ trình số 1044/TT-STC ngày 29/5/2014, Công văn số
    228/STP-XDVB ngày 22/5/2014 của Sở Tư pháp": the Công văn was given to Sở Tài chính."""
    text = _hdnd_resolution("Xét đề nghị của Sở Tài chính tại Tờ trình số 1044/TTr-STC ngày 29/5/2011, "
                            "Công văn số 228/STP-XDVB ngày 22/5/2011 của Sở Tư pháp,")
    doc = read_text(text)
    assert [(p.agency, p.number) for p in doc.proposals] == [("Sở Tài chính", "1044/TTr-STC")]
