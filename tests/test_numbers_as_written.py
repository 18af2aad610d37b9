"""Document numbers as provinces write them, on real lines found by probing the reader on web pages:
the Quốc hội's term after "UBTVQH" (Hòa Bình 06/QC-TT.HĐND-UBND, 2019; Lào Cai 76/2016/NQ-HĐND), a code
of two joined by a dot ("TT.HĐND": Thường trực HĐND), the type code first ("628/BNN-TT" is a Công văn of
the Bộ Nông nghiệp, not a Thông tư: An Giang 1994/QĐ-UBND, 2021), and a proposal without "của" (Bắc Giang
119/QĐ-UBND, 2009)."""

import datetime as dt

import pytest

from graph.reading.documents.numbering import type_from_number
from graph.reading.extract import extract_text

HEADER = (
    "THƯỜNG TRỰC\nHĐND - UBND TỈNH HÒA BÌNH\n-------\n|\nCỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do - Hạnh phúc\n---------------\n|\nSố: 06/QC-TT.HĐND-UBND\n|\n"
    "Hòa Bình, ngày 20 tháng 3 năm 2019\n|\nQUY CHẾ\nPHỐI HỢP CÔNG TÁC\n"
)


def read(preamble: str):
    result = extract_text(HEADER + preamble + "\nQUYẾT ĐỊNH:\nĐiều 1. Phạm vi điều chỉnh.\n", "t.txt")
    (doc,) = result.documents
    return doc, [p.message for p in result.problems]


@pytest.mark.parametrize("line, number, date, title", [
    ("Căn cứ Nghị quyết số 629/2019/UBTVQH14 ngày 30 tháng 01 năm 2019 của Ủy ban Thường vụ Quốc hội về "
     "Hướng\ndẫn một số hoạt động của Hội đồng nhân dân;",
     "629/2019/UBTVQH14", dt.date(2019, 1, 30), "Hướng dẫn một số hoạt động của Hội đồng nhân dân"),
    ("Căn cứ Nghị quyết 753/2005/NQ-UBTVQH11 ngày 02/4/2005 của Ủy ban Thường vụ Quốc hội ban hành Quy chế "
     "hoạt động của Hội đồng nhân dân;",
     "753/2005/NQ-UBTVQH11", dt.date(2005, 4, 2), "ban hành Quy chế hoạt động của Hội đồng nhân dân"),
])
def test_the_term_after_ubtvqh_is_no_footnote_marker(line, number, date, title):
    doc, problems = read(line)
    (basis,) = doc.bases
    assert (basis.number, basis.date, basis.title) == (number, date, title)
    assert basis.issuer == "Ủy ban Thường vụ Quốc hội"
    assert not any("footnote" in p or "chú thích" in p for p in problems)


def test_a_footnote_marker_after_an_issuer_code_is_still_cut():
    doc, problems = read("Căn cứ Quyết định số 12/2019/QĐ-TTg2 ngày 02/4/2019 của Thủ tướng Chính phủ;")
    assert [b.number for b in doc.bases] == ["12/2019/QĐ-TTg"]
    assert problems


def test_a_code_of_two_joined_by_a_dot():
    doc, _ = read("Xét tờ trình số 07/TTr-TT.HĐND ngày 02 tháng 12 năm 2016 của Thường trực Hội đồng nhân "
                  "dân tỉnh về việc ban hành Quy chế hoạt động của Hội đồng nhân dân tỉnh Lào Cai,")
    assert doc.number == "06/QC-TT.HĐND-UBND"
    (p,) = doc.proposals
    assert (p.number, p.date) == ("07/TTr-TT.HĐND", dt.date(2016, 12, 2))
    assert doc.references == []


def test_a_full_stop_before_a_word_ends_the_number():
    doc, _ = read("Căn cứ Quyết định số 12/QĐ-UBND.Điều này quy định;")
    assert [b.number for b in doc.bases] == ["12/QĐ-UBND"]


@pytest.mark.parametrize("number, doc_type", [
    ("628/BNN-TT", "Công văn"), ("2345/QĐ-UBND", "Quyết định"), ("12/2019/TT-BTC", "Thông tư"),
    ("04/1999/TTLT/BKH-BTC", "Thông tư liên tịch"), ("80/2015/QH13", "Luật"), ("2290/BTTTT-KHTC", "Công văn"),
])
def test_the_type_code_comes_first(number, doc_type):
    assert type_from_number(number) == doc_type


def test_a_letter_cited_as_a_letter_stays_a_letter():
    doc, _ = read("Căn cứ Công văn số\n628/BNN-TT ngày 21/01/2020 của Bộ Nông nghiệp và Phát triển nông thôn "
                  "về việc\nbáo cáo kết quả chuyển đổi cơ cấu cây trồng giai đoạn 2017-2020;")
    (basis,) = doc.bases
    assert (basis.doc_type, basis.number, basis.date) == ("Công văn", "628/BNN-TT", dt.date(2020, 1, 21))


def test_a_proposal_without_cua():
    """Bắc Giang 119/QĐ-UBND (2009): "Xét đề nghị Giám đốc Sở ... và Tổ trưởng Tổ công tác ...": two
    proposers, the second a working group named by its head."""
    doc, _ = read("Xét đề nghị Giám đốc Sở Thông tin và Truyền thông và Tổ trưởng Tổ công tác chuyên trách "
                  "thực hiện Đề án 30 của Ủy ban nhân dân tỉnh,")
    assert [p.agency for p in doc.proposals] == [
        "Sở Thông tin và Truyền thông", "Tổ công tác chuyên trách thực hiện Đề án 30"]


def test_so_that_lost_its_letter_before_the_number():
    """Ninh Bình 06/2018/QĐ-UBND as vanbanphapluat.co serves it: "Nghị định s20/2008/NĐ-CP", "s 63/2010/…"
    ("số" lost its "ố"): four of its six bases were missing."""
    doc, _ = read("Căn cứ Nghị định s20/2008/NĐ-CP ngày 14/02/2008 của Chính phủ về việc tiếp nhận, xử lý "
                  "phản ánh, kiến nghị của cá nhân, tổ chức về quy định hành chính;\n\n"
                  "Căn cứ Nghị định s 63/2010/NĐ-CP ngày 08/6/2010 của Chinh phủ về kiểm soát thủ tục "
                  "hành chính;")
    assert [(b.number, b.date) for b in doc.bases] == [
        ("20/2008/NĐ-CP", dt.date(2008, 2, 14)), ("63/2010/NĐ-CP", dt.date(2010, 6, 8))]


def test_an_old_code_after_a_slash():
    """TP HCM 120/2003/QĐ-UB: "Chỉ thị số 19/2001/CT/UB ngày 01 tháng 7 năm 2001" (the codes joined by a
    slash, not a dash) was not read."""
    doc, _ = read("Căn cứ Chỉ thị số 19/2001/CT/UB ngày 01 tháng 7 năm 2001 của Ủy ban nhân dân thành phố về "
                  "tổ chức;")
    assert [(b.doc_type, b.number, b.date) for b in doc.bases] == [
        ("Chỉ thị", "19/2001/CT/UB", dt.date(2001, 7, 1))]


def test_a_place_and_date_line_above_the_number():
    """Bộ Tư pháp 2313/QĐ-BTP (2012) as a PDF's text gives it (123doc): the place-and-date line printed above
    the "Số:" line; the document had no date."""
    text = ("BỘ TƯ PHÁP\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập – Tự do – Hạnh phúc\n"
            "Hà Nội, ngày 10 tháng 8 năm 2012\n\nSố: 2313/QĐ-BTP\n\nQUYẾT ĐỊNH\n"
            "Ban hành Quy chế tiếp nhận và xử lý thông tin\nphục vụ công tác kiểm tra văn bản quy phạm pháp "
            "luật của Bộ Tư pháp\nBỘ TRƯỞNG BỘ TƯ PHÁP\nCăn cứ Nghị định số 93/2008/NĐ-CP ngày 22/8/2008 của "
            "Chính phủ quy\nđịnh chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Tư pháp;\n"
            "QUYẾT ĐỊNH\nĐiều 1. Ban hành kèm theo Quyết định này Quy chế.\n")
    (doc,) = extract_text(text, "t.txt").documents
    assert (doc.number, doc.date, doc.issuer) == ("2313/QĐ-BTP", dt.date(2012, 8, 10), "Bộ Tư pháp")
    assert [b.number for b in doc.bases] == ["93/2008/NĐ-CP"]


@pytest.mark.parametrize("line, number, issuer", [
    # TP HCM 120/2003/QĐ-UB: a ministry of before 2007
    ("Căn cứ Công văn số 525/CV-KHĐT ngày 17 tháng 12 năm 2003 của Bộ Công nghiệp về\ntriển khai lập Quy "
     "hoạch phát triển công nghiệp trên địa bàn thành phố Hồ Chí\nMinh đến năm 2010 ;",
     "525/CV-KHĐT", "Bộ Công nghiệp"),
    ("Căn cứ Kế hoạch số 16/KH-HĐTĐKT ngày 31/8/2021 của Hội đồng Thi đua - Khen thưởng Trung ương;",
     "16/KH-HĐTĐKT", "Hội đồng Thi đua - Khen thưởng Trung ương"),
])
def test_central_bodies_of_other_years(line, number, issuer):
    """A citation of a body the reader did not know stopped at its date, issuer and title lost."""
    doc, _ = read(line)
    (basis,) = doc.bases
    assert (basis.number, basis.issuer, basis.level) == (number, issuer, "central")


def test_a_commercial_bank_is_no_body_name():
    """"Bộ Thương mại" is a ministry; "ngân hàng thương mại" in a title printed in capitals stays a common
    term (the capitals of a body's name are given back by the kind and function they join)."""
    from graph.reading.documents.capitals import restore_capitals

    generic = "đối với ngân hàng thương mại quốc doanh"
    assert restore_capitals(generic) == generic
    assert restore_capitals("quy chế của bộ thương mại") == "quy chế của Bộ Thương mại"


@pytest.mark.parametrize("line, title, date", [
    # Long An 14/2014/QĐ-UBND (luatminhkhue): the laws amended named together, "một số" glued
    ("Căn cứ Luật Sửa đổi, bổ sung mộtsố điều của các Luật liên quan đến đầu tư xây dựng cơ bản ngày "
     "19/6/2009;",
     "Luật Sửa đổi, bổ sung một số điều của các Luật liên quan đến đầu tư xây dựng cơ bản",
     dt.date(2009, 6, 19)),
    ("Căn cứ Luật sửa đổi, bổ sung một số điều của 37 Luật có liên quan đến quy hoạch ngày 20 tháng 11 năm "
     "2018;",
     "Luật Sửa đổi, bổ sung một số điều của 37 Luật có liên quan đến quy hoạch", dt.date(2018, 11, 20)),
    # Đà Nẵng 11/2001/QĐ-UB: "(sửa đổi)" between the name and the date
    ("Căn cứ Luật Tổ chức HĐND và\nUBND (sửa đổi) ngày 21 tháng 6 năm 1994;",
     "Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân", dt.date(1994, 6, 21)),
])
def test_laws_named_as_older_and_amending_laws_are(line, title, date):
    doc, _ = read(line)
    (basis,) = doc.bases
    assert (basis.doc_type, basis.title, basis.date) == ("Luật", title, date)
    assert doc.nested == []  # the laws amended together are no documents of their own


def test_a_long_law_name_is_read_whole():
    """Thái Bình 05/2013/QĐ-UBND: the 2004 law on the documents of HĐND and UBND (18 words) was cut at
    "Ủy ban nhân", its date lost."""
    doc, _ = read("Căn cứ Luật Ban hành văn bản quy phạm pháp luật của Hội đồng nhân dân và Ủy ban nhân dân "
                  "ngày 03 tháng 12 năm 2004;")
    (basis,) = doc.bases
    assert basis.title == "Luật Ban hành văn bản quy phạm pháp luật của Hội đồng nhân dân và Ủy ban nhân dân"
    assert basis.date == dt.date(2004, 12, 3)


def test_a_joint_circular_cited_as_a_circular():
    """Bộ Y tế 05/2008/TT-BYT: "Căn cứ Thông tư số 03/2008/TTLT-BYT-BNV": the number says it is joint."""
    doc, _ = read("Căn cứ Thông tư số 03/2008/TTLT-BYT-BNV ngày\n25 tháng 4 năm 2008 của Bộ Y tế và Bộ Nội "
                  "vụ hướng dẫn chức năng, nhiệm vụ quyền\nhạn và cơ cấu tổ chức của Sở Y tế;")
    assert [(b.doc_type, b.number) for b in doc.bases] == [("Thông tư liên tịch", "03/2008/TTLT-BYT-BNV")]


def test_a_reference_broken_after_luat():
    """Quảng Ngãi 5753/KH-UBND (2017): "Thực hiện Luật⏎Phổ biến, giáo dục pháp luật ngày 20/6/2012;"."""
    doc, _ = read("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\nThực hiện Luật\nPhổ "
                  "biến, giáo dục pháp luật ngày 20/6/2012;")
    assert [(r.title, r.date, r.implements) for r in doc.references] == [
        ("Luật Phổ biến, giáo dục pháp luật", dt.date(2012, 6, 20), True)]


def test_a_proposal_after_and():
    """Quảng Bình 47/2005/QĐ-UBND: "Xét tình hình thực tế ở địa phương và theo đề nghị của Giám đốc Sở Nội vụ
    tại Công văn số 718/SNV ngày 19/8/2005,": the Công văn was a reference and nobody proposed."""
    doc, _ = read("Xét tình hình thực tế ở địa phương và theo đề nghị của Giám đốc Sở Nội vụ tại Công văn số "
                  "718/SNV ngày 19/8/2005,")
    assert [(p.agency, p.number, p.date) for p in doc.proposals] == [
        ("Sở Nội vụ", "718/SNV", dt.date(2005, 8, 19))]
    assert doc.references == []



def _head(*lines: str):
    (doc, *_) = extract_text("\n".join(lines) + "\n", "t.txt").documents
    return doc


MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "---------------", "")


def test_a_decision_of_a_general_department():
    """Tổng cục Thuế 1276/QĐ-TCT (2015): "BỘ TÀI CHÍNH / TỔNG CỤC THUẾ" — the Tổng cục issues, and its
    authority line "TỔNG CỤC TRƯỞNG TỔNG CỤC THUẾ" ends the title (it ran on; the ministry was the issuer)."""
    doc = _head("BỘ TÀI CHÍNH", "TỔNG CỤC THUẾ", "-------", "", *MOTTO, "Số: 1276/QĐ-TCT", "",
                "Hà Nội, ngày 16 tháng 07 năm 2015", "", "QUYẾT ĐỊNH", "",
                "VỀ VIỆC BAN HÀNH QUY CHẾ GIẢI QUYẾT TRƯỚC KHI KÝ BIÊN BẢN THANH TRA", "",
                "TỔNG CỤC TRƯỞNG TỔNG CỤC THUẾ", "",
                "Căn cứ Luật Thanh tra số 56/2010/QH12 ngày 15/11/2010;", "",
                "QUYẾT ĐỊNH:", "", "Điều 1. Ban hành kèm theo Quyết định này Quy chế.")
    assert (doc.number, doc.issuer, doc.level) == ("1276/QĐ-TCT", "Tổng cục Thuế", "central")
    assert doc.title == "Ban hành Quy chế giải quyết trước khi ký biên bản thanh tra"


def test_a_resolution_of_the_standing_committee():
    """Nghị quyết 653/2019/UBTVQH14: "Nghị quyết số: 653/2019/UBTVQH14" heads it (no "Số:" line), and the
    authority line "ỦY BAN THƯỜNG VỤ QUỐC HỘI" ends the title (the number was lost, the title ran on)."""
    doc = _head("ỦY BAN THƯỜNG VỤ", "QUỐC HỘI", "--------", "", *MOTTO,
                "Nghị quyết số: 653/2019/UBTVQH14", "",
                "Hà Nội, ngày 12 tháng 3 năm 2019", "", " ", "", "NGHỊ QUYẾT", "",
                "VỀ VIỆC SẮP XẾP CÁC ĐƠN VỊ HÀNH CHÍNH CẤP HUYỆN, CẤP XÃ TRONG GIAI ĐOẠN 2019 - 2021", "",
                "ỦY BAN THƯỜNG VỤ QUỐC HỘI", "",
                "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;", "",
                "QUYẾT NGHỊ:", "", "Điều 1. Phạm vi điều chỉnh.")
    assert (doc.number, doc.date, doc.issuer) == (
        "653/2019/UBTVQH14", dt.date(2019, 3, 12), "Ủy ban Thường vụ Quốc hội")
    assert doc.title == "Sắp xếp các đơn vị hành chính cấp huyện, cấp xã trong giai đoạn 2019 - 2021"


def test_a_party_body_with_its_term_before_the_subject():
    """Nghị quyết 653/2019/UBTVQH14 cites "Nghị quyết số 18-NQ/TW ngày 25 tháng 10 năm 2017 của Ban Chấp hành
    Trung ương Đảng khóa XII về một số vấn đề …": the term stood between the body and the subject, which
    was lost."""
    doc, _ = read("Căn cứ Nghị quyết số 18-NQ/TW ngày 25 tháng 10 năm 2017 của Ban Chấp hành Trung ương Đảng "
                  "khóa XII về một số vấn đề về tiếp tục đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính "
                  "trị tinh gọn, hoạt động hiệu lực, hiệu quả;")
    (basis,) = doc.bases
    assert (basis.number, basis.issuer) == ("18-NQ/TW", "Ban Chấp hành Trung ương")
    assert basis.title.startswith("một số vấn đề về tiếp tục đổi mới, sắp xếp tổ chức bộ máy")


def test_a_title_in_capitals_with_an_acronym_after_its_semicolon():
    """Quảng Trị 37/2016/NQ-HĐND: "… TẠI UBND HUYỆN, THỊ XÃ, THÀNH PHỐ; UBND XÃ, PHƯỜNG, THỊ TRẤN …": "; UBND"
    was taken for a sentence of the body and the title lost."""
    doc = _head("HỘI ĐỒNG NHÂN DÂN", "TỈNH QUẢNG TRỊ", "--------", "", *MOTTO, "Số: 37/2016/NQ-HĐND", "",
                "Quảng Trị, ngày 14 tháng 12 năm 2016", "", "NGHỊ QUYẾT", "",
                "VỀ VIỆC QUY ĐỊNH CHÍNH SÁCH HỖ TRỢ NÂNG CAO CHẤT LƯỢNG HOẠT ĐỘNG "
                "CỦA BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ TẠI UBND HUYỆN, THỊ XÃ, THÀNH PHỐ; "
                "UBND XÃ, PHƯỜNG, THỊ TRẤN TRÊN ĐỊA BÀN TỈNH QUẢNG TRỊ",
                "", "HỘI ĐỒNG NHÂN DÂN TỈNH QUẢNG TRỊ", "KHÓA VII, KỲ HỌP THỨ 3", "",
                "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;", "", "QUYẾT NGHỊ:", "",
                "Điều 1. Phạm vi điều chỉnh.")
    assert doc.title.endswith("thành phố; UBND xã, phường, thị trấn trên địa bàn tỉnh Quảng Trị")


def _problems(*lines: str) -> list[str]:
    return [p.message for p in extract_text("\n".join(lines) + "\n", "t.txt").problems]


def test_a_heading_that_is_not_the_type_of_the_number_is_said():
    """Ninh Thuận 55/2007: "Số: 55/2007/CT-UBND" (a Chỉ thị's code) over "QUYẾT ĐỊNH": the heading is
    kept and the user told to check the number; a Quốc hội number is a law's or a resolution's."""
    head = ("ỦY BAN NHÂN DÂN", "TỈNH NINH THUẬN", "--------", "", *MOTTO)
    body = ("Phan Rang-Tháp Chàm, ngày 05 tháng 3 năm 2007", "", "QUYẾT ĐỊNH", "",
            "BAN HÀNH KẾ HOẠCH HÀNH ĐỘNG VÌ SỰ TIẾN BỘ PHỤ NỮ TỈNH NINH THUẬN GIAI ĐOẠN 2006 - 2010", "",
            "ỦY BAN NHÂN DÂN TỈNH NINH THUẬN", "",
            "Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân;")
    doc = _head(*head, "Số: 55/2007/CT-UBND", "", *body)
    assert (doc.number, doc.doc_type) == ("55/2007/CT-UBND", "Quyết định")
    (said,) = [p for p in _problems(*head, "Số: 55/2007/CT-UBND", "", *body) if "heading says" in p]
    assert "Quyết định" in said and "55/2007/CT-UBND" in said and "Chỉ thị" in said
    assert not [p for p in _problems(*head, "Số: 55/2007/QĐ-UBND", "", *body) if "heading says" in p]
    resolution = ("QUỐC HỘI", "--------", "", *MOTTO, "Nghị quyết số: 142/2024/QH15", "",
                  "Hà Nội, ngày 29 tháng 6 năm 2024", "", "NGHỊ QUYẾT", "",
                  "KỲ HỌP THỨ 7, QUỐC HỘI KHÓA XV", "",
                  "QUỐC HỘI", "", "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;")
    assert not [p for p in _problems(*resolution) if "heading says" in p]


def test_a_number_glued_to_the_word_date():
    """NHNN 15/2015/TT-NHNN as luatminhkhue serves it: "156/2013/NĐ-CPngày 11 tháng 11 năm 2013" was read
    "156/2013/NĐ", its date and issuer lost."""
    doc = _head("NGÂN HÀNG NHÀ NƯỚC VIỆT NAM", "--------", "", *MOTTO, "Số: 15/2015/TT-NHNN", "",
                "Hà Nội, ngày 02 tháng 10 năm 2015", "", "THÔNG TƯ", "", "HƯỚNG DẪN GIAO DỊCH NGOẠI TỆ", "",
                "Căn cứ Nghị định số 156/2013/NĐ-CPngày 11 tháng 11 năm 2013 của Chính phủ quy định chức "
                "năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Ngân hàng Nhà nước Việt Nam;", "",
                "Thống đốc Ngân hàng Nhà nước Việt Nam ban hành Thông tư hướng dẫn giao dịch ngoại tệ.")
    (basis,) = doc.bases
    assert (basis.number, basis.date, basis.issuer) == ("156/2013/NĐ-CP", dt.date(2013, 11, 11), "Chính phủ")


def test_a_name_in_small_letters_inside_a_proven_subject_is_no_problem():
    """Fee decisions of 2002–2016 cite "Nghị định số 57/2002/NĐ-CP … quy định chi tiết thi hành Pháp lệnh
    phí và lệ phí": the ordinance named in small letters is part of the decree's subject, read whole; the
    file was warned that a citation could not be read. A basis of its own so named is still said."""
    head = ("ỦY BAN NHÂN DÂN", "TỈNH NAM ĐỊNH", "--------", "", *MOTTO, "Số: 12/2012/QĐ-UBND", "",
            "Nam Định, ngày 05 tháng 3 năm 2012", "", "QUYẾT ĐỊNH", "",
            "VỀ VIỆC BAN HÀNH QUY ĐỊNH THU PHÍ", "", "ỦY BAN NHÂN DÂN TỈNH NAM ĐỊNH")
    decree = ("Căn cứ Nghị định số 57/2002/NĐ-CP ngày 03 tháng 6 năm 2002 của Chính phủ quy định chi tiết "
              "thi hành Pháp lệnh phí và lệ phí;")
    assert _problems(*head, decree, "", "QUYẾT ĐỊNH:", "Điều 1. Nội dung.") == []
    alone = "Căn cứ Pháp lệnh phí và lệ phí;"
    (said,) = _problems(*head, decree, alone, "", "QUYẾT ĐỊNH:", "Điều 1. Nội dung.")
    assert "Pháp lệnh phí và lệ phí" in said


def test_the_heading_of_a_decision_before_2004_names_its_issuer():
    """Gia Lai 2003 as vbpl serves it: "QUYẾT ĐỊNH / CỦA ỦY BAN NHÂN DÂN TỈNH GIA LAI / Về việc …" (blank
    lines between): the title was "Của Ủy ban nhân dân tỉnh Gia Lai", the issuer and province unknown."""
    doc = _head("QUYẾT ĐỊNH", "", "CỦA ỦY BAN NHÂN DÂN TỈNH GIA LAI", "",
                "Về việc phê duyệt quy hoạch chung dọc tuyến đường Hồ Chí Minh qua tỉnh Gia Lai", "",
                " ỦY BAN NHÂN DÂN TỈNH", "",
                "- Căn cứ Nghị định số 91/CP ngày 17/8/1994 của Chính phủ ban hành Điều lệ Quản lý Quy "
                "hoạch đô thị;",
                "", "QUYẾT ĐỊNH:", "", "Điều 1: Nội dung.")
    assert (doc.issuer, doc.province) == ("UBND tỉnh Gia Lai", "Gia Lai")
    assert doc.title == "Phê duyệt quy hoạch chung dọc tuyến đường Hồ Chí Minh qua tỉnh Gia Lai"


BCA_AMENDING_TITLE = (  # Bộ Công an 32/2024/TT-BCA as thuvienphapluat serves it: 11 lines, ~740 characters
    "SỬA", "ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA THÔNG TƯ SỐ 149/2020/TT-BCA NGÀY 31 THÁNG 12 NĂM 2020",
    "CỦA BỘ TRƯỞNG BỘ CÔNG AN QUY ĐỊNH CHI TIẾT MỘT SỐ ĐIỀU VÀ BIỆN PHÁP THI HÀNH LUẬT",
    "PHÒNG CHÁY VÀ CHỮA CHÁY VÀ LUẬT SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT PHÒNG",
    "CHÁY VÀ CHỮA CHÁY VÀ NGHỊ ĐỊNH SỐ 136/2020/NĐ-CP NGÀY 24 THÁNG 11 NĂM 2020 CỦA",
    "CHÍNH PHỦ QUY ĐỊNH CHI TIẾT MỘT SỐ ĐIỀU VÀ BIỆN PHÁP THI HÀNH LUẬT PHÒNG CHÁY",
    "VÀ CHỮA CHÁY VÀ LUẬT SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT PHÒNG CHÁY VÀ CHỮA",
    "CHÁY VÀ THÔNG TƯ SỐ 08/2018/TT-BCA NGÀY 05 THÁNG 3 NĂM 2018 CỦA BỘ TRƯỞNG BỘ",
    "CÔNG AN QUY ĐỊNH CHI TIẾT MỘT SỐ ĐIỀU CỦA NGHỊ ĐỊNH SỐ 83/2017/NĐ-CP NGÀY 18",
    "THÁNG 7 NĂM 2017 CỦA CHÍNH PHỦ QUY ĐỊNH VỀ CÔNG TÁC CỨU NẠN, CỨU HỘ CỦA LỰC LƯỢNG",
    "PHÒNG CHÁY VÀ CHỮA CHÁY")


def test_the_long_title_of_an_amending_circular_is_read_whole():
    """The title was cut after its first line ("… NĂM 2020 CỦA" / "BỘ TRƯỞNG BỘ CÔNG AN …" looked like the
    authority line once the lines were joined), the rest read as body and its documents as references;
    titles over 600 characters were no title at all."""
    doc = _head("BỘ CÔNG AN", "-------", "", *MOTTO, "Số: 32/2024/TT-BCA", "",
                "Hà Nội, ngày 10 tháng 7 năm 2024", "", "THÔNG TƯ", *BCA_AMENDING_TITLE,
                "Căn cứ Luật Phòng cháy và chữa cháy ngày 29 tháng 6 năm 2001;",
                "Theo đề nghị của Cục trưởng Cục Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ;",
                "Điều 1. Sửa đổi.")
    assert doc.title.startswith("Sửa đổi, bổ sung một số điều của Thông tư số 149/2020/TT-BCA")
    assert doc.title.endswith("cứu nạn, cứu hộ của lực lượng phòng cháy và chữa cháy")
    assert [c.number for c in doc.references] == []


def test_a_number_whose_code_is_lost_is_said():
    """Hà Tĩnh 1281/QĐ-CTUBND (2014) as a site serves it: "Số: 1281/-UBND" (the type code lost) left the
    document without a number and without a word to the user."""
    lines = ("ỦY BAN NHÂN DÂN", "TỈNH HÀ TĨNH", "--------", "", *MOTTO, "Số: 1281/-UBND", "",
             "Hà Tĩnh, ngày 13 tháng 05 năm 2014", "", "QUYẾT ĐỊNH", "",
             "VỀ VIỆC CÔNG BỐ THỦ TỤC HÀNH CHÍNH", "", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH", "",
             "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;")
    assert _head(*lines).number is None
    (said,) = _problems(*lines)
    assert "1281/-UBND" in said
    assert _problems(*[ln.replace("1281/-UBND", "1281/QĐ-UBND") for ln in lines]) == []
