"""Attached documents and proposals as Vietnamese administrative documents write them (self-written
sentences): a heading whose type word or caption is lost, a header that misprints its type code,
and the forms of "Xét đề nghị của ..."."""

import datetime as dt

import pytest

from graph.reading.documents.documents import read_documents
from graph.reading.text.prepared import PreparedText
from graph.text import nfc


def read_text(text: str):
    return [s.document for s in read_documents(PreparedText.identity("t.txt", nfc(text)))]


def decision(number: str = "15/QĐ-UBND", article_one: str = "", preamble: str = "") -> str:
    return (
        "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
        f"Số: {number} | Cà Mau, ngày 05 tháng 6 năm 2015 |\n"
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH CÀ MAU\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
        "Căn cứ Nghị định số 64/2007/NĐ-CP ngày 10 tháng 4 năm 2007 của Chính phủ về ứng dụng công nghệ "
        "thông tin trong hoạt động của cơ quan nhà nước;\n"
        f"{preamble}QUYẾT ĐỊNH:\n{article_one}"
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n"
    )


HEADING = "QUẢN LÝ VÀ SỬ DỤNG HỆ THỐNG HỘI NGHỊ TRUYỀN HÌNH TRỰC TUYẾN TRÊN ĐỊA BÀN TỈNH CÀ MAU"
ISSUES = ("Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý và sử dụng hệ thống hội nghị truyền "
          "hình trực tuyến trên địa bàn tỉnh Cà Mau.\n")


# ----------------------------------------------------------------------------- attached documents
def test_caption_under_a_heading_that_lost_its_type_word():
    text = decision(article_one=ISSUES) + (
        f"| KT. CHỦ TỊCH | {HEADING}\n"
        "(Ban hành kèm theo Quyết định số 15/QĐ-UBND ngày 05/6/2015 của Ủy ban nhân dân tỉnh Cà Mau)\n"
        "Điều 1. Phạm vi điều chỉnh\nQuy chế này quy định việc quản lý hệ thống.\n")
    dec, rules = read_text(text)
    assert (rules.doc_type, rules.number, rules.date) == ("Quy chế", None, None)
    assert rules.title == ("Quản lý và sử dụng hệ thống hội nghị truyền hình trực tuyến trên địa bàn "
                           "tỉnh Cà Mau")
    assert "doc_type" in rules.restored
    assert (rules.attached_to.number, rules.attached_to.date) == ("15/QĐ-UBND", dt.date(2015, 6, 5))
    assert rules.issuer == dec.issuer


def test_issued_by_caption_without_kem():
    text = decision(article_one="Điều 1. Ban hành kèm theo Quyết định này “Quy định về hoạt động của "
                                "Công báo tỉnh Cà Mau”.\n") + (
        "| TM. ỦY BAN NHÂN DÂN | VỀ HOẠT ĐỘNG CỦA CÔNG BÁO TỈNH CÀ MAU\n"
        "(Ban hành theo Quyết định số 15/QĐ-UBND, ngày 05 tháng 6 năm 2015 của UBND tỉnh Cà Mau)\n"
        "Điều 1. Đối tượng\nQuy định này quy định hoạt động của Công báo.\n")
    _, rules = read_text(text)
    assert (rules.doc_type, rules.attached_to.number) == ("Quy định", "15/QĐ-UBND")
    assert rules.title == "Hoạt động của công báo tỉnh Cà Mau"


def test_type_from_the_document_naming_itself_when_article_one_is_lost():
    text = decision() + (
        "| TM. ỦY BAN NHÂN DÂN | PHÂN CẤP QUẢN LÝ CÁN BỘ, CÔNG CHỨC XÃ, PHƯỜNG, THỊ TRẤN\n"
        "(Ban hành kèm theo Quyết định số 15/QĐ-UBND ngày 05/6/2015 của Ủy ban nhân dân tỉnh Cà Mau)\n"
        "Điều 1. Phạm vi điều chỉnh\nQuy định này quy định việc phân cấp quản lý cán bộ.\n")
    _, rules = read_text(text)
    assert (rules.doc_type, rules.attached_to.number) == ("Quy định", "15/QĐ-UBND")


def test_heading_without_type_word_nor_caption_repeats_article_one():
    text = decision(article_one=ISSUES) + (
        "Nơi nhận: | TM. ỦY BAN NHÂN DÂN\n"
        "QUẢN LÝ VÀ SỬ DỤNG HỆ THỐNG HỘI NGHỊ TRUYỀN HÌNH TRỰC TUYẾN TRÊN ĐỊA BÀN TỈNH")
    _, rules = read_text(text)
    assert (rules.doc_type, rules.number, rules.date) == ("Quy chế", None, None)
    # the heading is cut short: the title is the subject Điều 1 names
    assert rules.title.endswith("trên địa bàn tỉnh Cà Mau")
    assert rules.attached_to.number == "15/QĐ-UBND"
    assert rules.attached_to.text.startswith("Điều 1. Ban hành kèm theo Quyết định này Quy chế")


def test_capitals_after_a_decision_that_issues_nothing_are_not_a_document():
    text = decision(article_one="Điều 1. Giao Sở Nội vụ tổ chức thực hiện.\n") + (
        "| TM. ỦY BAN NHÂN DÂN | QUẢN LÝ VÀ SỬ DỤNG HỆ THỐNG HỘI NGHỊ TRUYỀN HÌNH TRỰC TUYẾN\n")
    assert len(read_text(text)) == 1


def test_capitals_after_the_signature_of_a_decision_whose_article_one_is_lost():
    # a site dropped the decision's Điều 1 and the attached text's type word, caption and body
    text = decision().replace("Điều 2.", "Điều 3.") + (
        "| TM. ỦY BAN NHÂN DÂN | TỔ CHỨC VÀ HOẠT ĐỘNG CỦA TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG")
    dec, text_issued = read_text(text)
    assert (text_issued.doc_type, text_issued.number, text_issued.title) == (None, None, None)
    assert text_issued.attached_to.number == dec.number == "15/QĐ-UBND"
    assert text_issued.attached_to.text == "TỔ CHỨC VÀ HOẠT ĐỘNG CỦA TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG"
    assert text_issued.issuer == dec.issuer
    # the signer's name, an appendix or a short line after the signature are no document
    for after in ("CHỦ TỊCH\nNGUYỄN PHƯỚC THIỆN NHÂN", "PHỤ LỤC DANH MỤC NHIỆM VỤ NĂM 2016 CỦA CÁC SỞ NGÀNH",
                  "CHỦ TỊCH\n(Đã ký)\nLÊ VĂN SỬ\nDANH MỤC CÁC DỰ ÁN ĐẦU TƯ CÔNG NGHỆ THÔNG TIN"):
        signed = decision().replace("Điều 2.", "Điều 3.") + "| TM. ỦY BAN NHÂN DÂN |\n"
        assert len(read_text(signed + after)) == 1


def test_regulation_printed_with_its_own_issuer_block():
    text = ("ỦY BAN NHÂN DÂN\nHUYỆN NĂM CĂN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\nQUY CHẾ\nLÀM VIỆC CỦA ỦY BAN NHÂN DÂN HUYỆN NĂM CĂN\n"
            "(Ban hành kèm theo Quyết định số 2428 /2011/QĐ-UBND ngày 16 /8/2011)\n"
            "Chương I\nNHỮNG QUY ĐỊNH CHUNG\n")
    (rules,) = read_text(text)
    assert (rules.doc_type, rules.number) == ("Quy chế", None)
    assert (rules.attached_to.number, rules.attached_to.date) == ("2428/2011/QĐ-UBND", dt.date(2011, 8, 16))


def test_a_caption_in_the_title_of_a_circular_names_another_document():
    text = ("BỘ KẾ HOẠCH VÀ ĐẦU TƯ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 04/1999/TTLT-BKH\n"
            "Hà Nội, ngày 01 tháng 11 năm 1999\nTHÔNG TƯ LIÊN TỊCH\n"
            "Hướng dẫn thực hiện Quy chế quản lý nguồn viện trợ\n"
            "(Ban hành kèm theo Quyết định số 28/1999/QĐ-TTg ngày 23/2/1999 của Thủ tướng Chính phủ)\n"
            "Căn cứ Nghị định số 15/CP ngày 02/3/1993 của Chính phủ;\n")
    (circular,) = read_text(text)
    assert circular.attached_to is None


def test_header_type_code_disagreeing_with_the_caption_is_restored():
    text = decision(number="15/KH-UBND", article_one=ISSUES) + (
        f"| KT. CHỦ TỊCH | {HEADING}\n"
        "(Ban hành kèm theo Quyết định số 15/ QĐ-UBND ngày 05/6/2015 của Ủy ban nhân dân tỉnh Cà Mau)\n"
        "Điều 1. Phạm vi điều chỉnh\n")
    dec, rules = read_text(text)
    assert (dec.number, dec.doc_type) == ("15/QĐ-UBND", "Quyết định")
    assert "number" in dec.restored
    assert rules.attached_to.number == "15/QĐ-UBND"


def test_caption_cut_after_day_and_month_takes_the_decisions_date():
    text = decision(article_one=ISSUES) + (
        f"| KT. CHỦ TỊCH | {HEADING}\n"
        "(Ban hành kèm theo Quyết định số 15/QĐ-UBND ngày 05/6")
    dec, rules = read_text(text)
    assert (rules.attached_to.number, rules.attached_to.date) == ("15/QĐ-UBND", dec.date)
    assert rules.attached_to.issuer == dec.issuer


# ----------------------------------------------------------------------------- proposals
@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("Theo đề nghị của Giám đốc Sở Nội vụ tại tờ trình 15/TTr-SNV ngày 12.5.2016.\n",
         [("Sở Nội vụ", "15/TTr-SNV", dt.date(2016, 5, 12))]),
        ("Xét đề nghị của Bộ trưởng Bộ Kế hoạch và Đầu tư,\n", [("Bộ Kế hoạch và Đầu tư", None, None)]),
        ("Xét đề nghị củaGiám đốc Sở Văn hóa, Thể thao và Du lịch,\n",
         [("Sở Văn hóa, Thể thao và Du lịch", None, None)]),
        ("Theo đề nghị của Giám đốc Sở\nTư pháp tại Tờ trình số 9/TTr-STP ngày 01/02/2020.\n",
         [("Sở Tư pháp", "9/TTr-STP", dt.date(2020, 2, 1))]),
        ("Xét đề nghị của Giám đốc Sở Nội vụ tỉnh Cà Mau,\n", [("Sở Nội vụ", None, None)]),
        ("Xét đề nghị của Trưởng phòng Nội vụ, tại Tờ trình số 20/TTr-NV ngày 01/3/2018,\n",
         [("Phòng Nội vụ", "20/TTr-NV", dt.date(2018, 3, 1))]),
        ("Theo đề nghị của Chánh Văn phòng UBND tỉnh tại Phiếu trình số 45/PTr-VP ngày 09/9/2019,\n",
         [("Văn phòng UBND tỉnh", "45/PTr-VP", dt.date(2019, 9, 9))]),
        ("Theo đề nghị của Giám đốc Sở Thông tin và Truyền thông tại Tờ trình số 10/TTr-STTTT ngày "
         "02/3/2018 và Công văn số 25/STTTT-CNTT ngày 05/3/2018.\n",
         [("Sở Thông tin và Truyền thông", "10/TTr-STTTT", dt.date(2018, 3, 2)),
          ("Sở Thông tin và Truyền thông", "25/STTTT-CNTT", dt.date(2018, 3, 5))]),
        ("Xét đề nghị của Giám đốc Sở Tài chính tại Tờ trình số 12/TTr-STC ngày 03/4/2019 và của Giám đốc "
         "Sở Nội vụ tỉnh,\n",
         [("Sở Tài chính", "12/TTr-STC", dt.date(2019, 4, 3)), ("Sở Nội vụ", None, None)]),
        ("Theo đề nghị của Tổng cục trưởng Tổng cục Thuế, Tổng cục trưởng Tổng cục Hải quan, Bộ trưởng "
         "Bộ Tài chính ban hành Thông tư hướng dẫn thi hành Nghị định số 94/2012/NĐ-CP.\n",
         [("Tổng cục Thuế", None, None), ("Tổng cục Hải quan", None, None)]),
        ("Xét đề nghị của Giám đốc Sở Tài chính về việc ban hành quy định mức chi tại Tờ trình số "
         "30/TTr-STC ngày 10/10/2020;\n", [("Sở Tài chính", "30/TTr-STC", dt.date(2020, 10, 10))]),
        ("Xét đề nghị của Bộ trưởng Bộ Giao thông vận tải, Bộ trưởng, Trưởng ban Tổ chức - Cán bộ "
         "Chính phủ,\n",
         [("Bộ Giao thông vận tải", None, None), ("Ban Tổ chức - Cán bộ Chính phủ", None, None)]),
        ("Xét Tờ trình số 12/TTr-HĐND ngày 11/9/2020 của Ban Pháp chế Hội đồng nhân dân tỉnh;\n",
         [(None, "12/TTr-HĐND", dt.date(2020, 9, 11))]),
    ],
)
def test_proposal_clauses(clause, expected):
    (dec,) = read_text(decision(preamble=clause))
    got = [(p.agency, p.number, p.date) for p in dec.proposals]
    if expected[0][0] is None:  # only the paper is checked
        got = [(None, n, d) for _, n, d in got]
    assert got == expected


def test_an_appraisal_in_the_proposal_clause_is_a_reference():
    clause = ("Xét đề nghị của Trưởng phòng Nội vụ tại Tờ trình số 20/TTr-NV ngày 01/3/2018 và báo cáo "
              "thẩm định của Phòng Tư pháp tại văn bản số 5/BC-TP ngày 02/3/2018,\n")
    (dec,) = read_text(decision(preamble=clause))
    assert [(p.agency, p.number) for p in dec.proposals] == [("Phòng Nội vụ", "20/TTr-NV")]
    assert [r.number for r in dec.references] == ["5/BC-TP"]


def test_a_proposer_cut_by_the_end_of_the_excerpt_is_left_out():
    text = decision().replace("QUYẾT ĐỊNH:\nĐiều 2. Quyết định này có hiệu lực kể từ ngày ký.\n", "")
    (dec,) = read_text(text + "Theo đề nghị của C")
    assert dec.proposals == []


def test_a_party_body_paper_discussed_by_the_conference():
    text = ("TỈNH ỦY CÀ MAU\nĐẢNG CỘNG SẢN VIỆT NAM\nSố 12-KL/TU\nCà Mau, ngày 13 tháng 5 năm 2022\n"
            "KẾT LUẬN\ncủa Hội nghị Ban Chấp hành Đảng bộ tỉnh\n"
            "Hội nghị lần thứ bảy Ban Chấp hành Đảng bộ tỉnh đã thảo luận Tờ trình của Ban Thường vụ Tỉnh "
            "ủy, Báo cáo của Ban cán sự đảng UBND tỉnh và kết luận:\nI. ĐÁNH GIÁ TÌNH HÌNH\n")
    (conclusion,) = read_text(text)
    assert [(p.agency, p.number) for p in conclusion.proposals] == [("Ban Thường vụ Tỉnh ủy", None)]
