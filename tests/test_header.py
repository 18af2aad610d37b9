"""Headers of the sample corpus: issuer block, number, place-and-date line, title, signature."""

import datetime as dt
from pathlib import Path

from graph.reading.documents.header import read_header
from graph.reading.documents.title import sentence_case
from graph.text import nfc, unify_tones

CORPUS = Path(__file__).resolve().parents[1] / "graph" / "data" / "corpus"


def header_of(text: str, start: int = 0, end: int | None = None):
    return read_header(unify_tones(text), text, start, len(text) if end is None else end)


def raw(name: str) -> str:
    return nfc(next(CORPUS.glob(f"{name}_*.txt")).read_text(encoding="utf-8-sig"))


def test_decision_header_000():
    h = header_of(raw("000"))
    assert (h.number, h.doc_type, h.date) == ("1891/QĐ-UBND", "Quyết định", dt.date(2016, 8, 22))
    assert (h.issuer, h.province, h.level) == ("UBND tỉnh Kiên Giang", "Kiên Giang", "provincial")
    assert h.title == ("Phê duyệt Quy hoạch phát triển công nghệ thông tin tỉnh Kiên Giang đến năm 2020, "
                       "định hướng đến năm 2025")
    assert (h.signer, h.signer_title) == ("Mai Văn Huỳnh", "Phó Chủ tịch")


def test_header_with_hard_line_breaks_003():
    text = raw("003")
    h = header_of(text, 0, text.index("UBND TỈNH CÀ MAU"))
    assert (h.number, h.date, h.province) == ("1578/QĐ-UBND", dt.date(2013, 10, 26), "Cà Mau")
    assert h.title == ("Phê duyệt Kế hoạch thực hiện Đề án “Đưa Việt Nam sớm trở thành nước mạnh về công "
                       "nghệ thông tin và truyền thông” năm 2014")
    assert (h.signer, h.signer_title) == ("Nguyễn Tiến Hải", "Phó Chủ tịch")


def test_department_issuer_from_a_wrapped_block_003():
    text = raw("003")
    start = text.index("UBND TỈNH CÀ MAU")
    h = header_of(text, start)
    assert (h.number, h.doc_type) == ("37/KH-STTTT", "Kế hoạch")
    assert (h.issuer, h.level) == ("Sở Thông tin và Truyền thông tỉnh Cà Mau", "provincial")
    assert (h.signer, h.signer_title) == ("Võ Quốc Việt", "Giám đốc")


def test_no_signature_printed_002():
    h = header_of(raw("002"))
    assert h.number == "2174/QĐ-UBND"
    assert h.signer is None and h.signer_title is None


def test_plan_without_header_001():
    h = header_of(raw("001"))
    assert (h.number, h.date, h.doc_type) == (None, None, "Kế hoạch")
    assert h.title == ("Ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà nước tỉnh Kiên Giang "
                       "năm 2020")
    assert (h.signer, h.signer_title) == ("Phạm Vũ Hồng", "Chủ tịch")


def test_city_in_place_line_gives_province():
    text = ("ỦY BAN NHÂN DÂN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 605/QĐ-UBND\nMỹ Tho, ngày 07 tháng 3 năm 2008\nQUYẾT ĐỊNH\nBAN HÀNH KẾ HOẠCH ỨNG DỤNG "
            "CÔNG NGHỆ THÔNG TIN TỈNH TIỀN GIANG GIAI ĐOẠN 2007 - 2010\n"
            "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH TIỀN GIANG\n")
    h = header_of(text)
    assert (h.province, h.issuer) == ("Tiền Giang", "UBND tỉnh Tiền Giang")
    assert h.title == ("Ban hành Kế hoạch ứng dụng công nghệ thông tin tỉnh Tiền Giang giai đoạn 2007 - 2010")


def test_impossible_document_date_is_a_problem():
    text = ("ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG\nSố: 12/QĐ-UBND\nKiên Giang, ngày 31 tháng 02 năm 2017\n"
            "QUYẾT ĐỊNH\n")
    h = header_of(text)
    assert h.date is None
    assert h.problems and "31 tháng 02 năm 2017" in h.problems[0]


def test_sentence_case_keeps_proper_nouns():
    assert sentence_case("VỀ VIỆC PHÊ DUYỆT CHIẾN LƯỢC CHUYỂN ĐỔI SỐ TỈNH KIÊN GIANG") == (
        "Phê duyệt Chiến lược chuyển đổi số tỉnh Kiên Giang")
    assert sentence_case("Ứng dụng công nghệ thông tin năm 2020") == "Ứng dụng công nghệ thông tin năm 2020"


def test_central_decision_has_no_province():
    text = ("THỦ TƯỚNG CHÍNH PHỦ\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 749/QĐ-TTg\nHà Nội, ngày 03 tháng 6 năm 2020\nQUYẾT ĐỊNH\n"
            "PHÊ DUYỆT “CHƯƠNG TRÌNH CHUYỂN ĐỔI SỐ QUỐC GIA ĐẾN NĂM 2025, ĐỊNH HƯỚNG ĐẾN NĂM 2030”\n"
            "THỦ TƯỚNG CHÍNH PHỦ\nCăn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;\n"
            "KT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\nVũ Đức Đam\n")
    h = header_of(text)
    assert (h.issuer, h.level, h.province) == ("Thủ tướng Chính phủ", "central", None)
    assert h.title.startswith("Phê duyệt “Chương trình chuyển đổi số quốc gia")
    assert (h.signer, h.signer_title) == ("Vũ Đức Đam", "Phó Thủ tướng")


def test_party_resolution_number_above_the_motto():
    text = ("TỈNH ỦY KIÊN GIANG\n*\nSố 22-NQ/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nRạch Giá, ngày 08 tháng 6 năm 2022\n"
            "NGHỊ QUYẾT\nVỀ CHUYỂN ĐỔI SỐ TỈNH KIÊN GIANG ĐẾN NĂM 2025, ĐỊNH HƯỚNG ĐẾN NĂM 2030\n"
            "I. TÌNH HÌNH\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\nĐỗ Thanh Bình\n")
    h = header_of(text)
    assert (h.number, h.doc_type, h.date) == ("22-NQ/TU", "Nghị quyết", dt.date(2022, 6, 8))
    assert (h.issuer, h.level, h.province) == ("Tỉnh ủy Kiên Giang", "party", "Kiên Giang")
    assert (h.signer, h.signer_title) == ("Đỗ Thanh Bình", "Bí thư")


def test_centrally_run_city_issuer():
    text = ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ ĐÀ NẴNG\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Số: 6439/QĐ-UBND\nĐà Nẵng, ngày 20 tháng 11 năm 2014\nQUYẾT ĐỊNH\nVỀ VIỆC BAN HÀNH KẾ HOẠCH\n")
    h = header_of(text)
    assert (h.issuer, h.province, h.level) == ("UBND thành phố Đà Nẵng", "Đà Nẵng", "provincial")
