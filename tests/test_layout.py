"""Layout repair on the corpus: broken lines joined, paragraphs kept, tables one row per line."""

# ruff: noqa: E501  (corpus sentences are quoted whole)
from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from graph.reading.prepare import prepare
from graph.reading.text.layout import repair_layout, should_join
from graph.reading.text.prepared import PreparedText

CORPUS = Path(__file__).parent.parent / "graph" / "data" / "corpus"


@cache
def prepared(prefix: str) -> PreparedText:
    path = next(CORPUS.glob(f"{prefix}_*.txt"))
    return prepare(path.read_bytes(), path.name)


def lines(prefix: str) -> list[str]:
    return prepared(prefix).text.split("\n")


# --- 003: hard line breaks everywhere, header cells separated by lone '|' lines ---------------------

@pytest.mark.parametrize("line", [
    "Số: 1578/QĐ-UBND",
    "Cà Mau, ngày 26 tháng 10 năm 2013",
    "QUYẾT ĐỊNH",
    "VỀ VIỆC PHÊ DUYỆT KẾ HOẠCH THỰC HIỆN ĐỀ ÁN “ĐƯA VIỆT NAM SỚM TRỞ THÀNH NƯỚC MẠNH VỀ CÔNG NGHỆ THÔNG TIN"
    " VÀ TRUYỀN THÔNG” NĂM 2014",
    "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH",
    "Căn cứ Quyết định số 1755/QĐ-TTg ngày 22/9/2010 của Thủ tướng Chính phủ phê duyệt Đề án “Đưa Việt Nam sớm"
    " trở thành nước mạnh về công nghệ thông tin và truyền thông”;",
    "Căn cứ Công văn số 1943/BTTTT-CNTT ngày 04/7/2013 của Bộ Thông tin và Truyền thông về việc hướng dẫn xây"
    " dựng kế hoạch phát triển và ứng dụng công nghệ thông tin năm 2014;",
    "Xét đề nghị của Sở Thông tin và Truyền thông tại Tờ trình số 77/TTr-STTTT ngày 18/10/2013,",
    "QUYẾT ĐỊNH:",
    "- Như Điều 3;",
    "KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "Nguyễn Tiến Hải",
    "2.6. Ủy ban nhân dân huyện, TP.Cà Mau",
    "2.1. Sở Kế hoạch và Đầu tư",
    "- Tỷ lệ hộ gia đình kết nối internet băng rộng đạt 15%-16%.",
    "II. NHIỆM VỤ THỰC HIỆN ĐỀ ÁN NĂM 2014",
])
def test_003_broken_lines_are_joined_into_paragraphs(line: str) -> None:
    assert line in lines("003")


def test_003_cell_separators_and_rules_are_gone() -> None:
    text = prepared("003").text
    assert "\n|\n" not in text and not text.startswith("|")
    assert "-------" not in text


def test_blank_lines_inside_a_sentence_are_a_page_break() -> None:
    assert any(ln.startswith("Nhằm hỗ trợ người dân và doanh nghiệp sử dụng Cổng DVCTT, tỉnh đã triển khai thỏa"
                             " thuận hợp tác") for ln in lines("001"))


def test_clean_one_paragraph_per_line_file_is_kept() -> None:
    raw_lines = [ln.strip() for ln in (CORPUS / "002_e2aa40ccf522044b.txt").read_text("utf-8").split("\n")]
    body = [ln for ln in raw_lines if ln.startswith(("Căn cứ", "- ", "Điều"))]
    out = set(lines("002"))
    assert all(ln in out for ln in body)


# --- tables ---------------------------------------------------------------------------------------

def test_000_one_cell_per_line_table_becomes_rows() -> None:
    ls = lines("000")
    assert ("TT | Nội dung dự án | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian thực hiện | Phân bổ nguồn vốn đầu tư"
            " | Tổng kinh phí | Ngân sách Trung ương | Ngân sách địa phương | Doanh nghiệp, xã hội hóa") in ls
    assert "I | Xây dựng Chính quyền điện tử |  |  | 4,00 | 124,96 | 224,10 | 353,06" in ls
    assert ("1 | Nâng cấp hệ thống thư điện tử của tỉnh | Sở Thông tin và Truyền thông | Văn phòng UBND tỉnh"
            " | 2018-2019 |  | 1,81 |  | 1,81") in ls
    assert ("8 | Xây dựng hệ thống thông tin quản lý đất đai - xây dựng | Sở Tài nguyên và Môi trường, Sở Xây dựng"
            " |  | 2016-2017 |  | 10,50 | 18,50 | 29,00") in ls
    assert "Tổng |  |  |  | 4,60 | 162,70 | 1.650,86 | 1.818,16" in ls
    rows = [ln for ln in ls if ln.count(" | ") >= 6]
    assert len(rows) == 1 + 6 + 15 + 2 + 2 + 1 + 5 + 4 + 1  # header, group rows I-VI, projects, total


def test_001_tab_table_repeated_header_dropped_and_cut_row_mended() -> None:
    ls = lines("001")
    assert sum(1 for ln in ls if ln.startswith("T T | Tên nhiệm vụ, dự án | Đơn vị chủ trì")) == 1
    assert any(ln.startswith("5 | Xây dựng Khung Kiến trúc chính quyền điện tử tỉnh Kiên Giang | Sở TTTT |  | "
                             "Định hướng triển khai ứng dụng CNTT theo Kiến trúc tổng thể | Cấp tỉnh") for ln in ls)
    assert any(ln.startswith("8 | Lập Đề cương và dự toán chi tiết “Xây dựng hệ thống cơ sở dữ liệu ứng dụng của"
                             " ngành Giáo dục và Đào tạo tỉnh Kiên Giang | Sở Giáo dục và Đào tạo") for ln in ls)
    assert " | TỔNG CỘNG |  |  | 16.000.000.000" in ls  # first (number) column empty, as in the input
    assert "TỔNG CỘNG |  |  |  | 42.000.000.000" in ls
    assert "STT | Dự án | Đơn vị thực hiện | Đơn vị phối hợp | Kinh phí | Ghi chú" in ls


def test_pipe_rows() -> None:
    text, _ = repair_layout("| TT | Nội dung | Đơn vị chủ trì |\n| 1 | Xây dựng cổng | Sở Nội vụ |\n")
    assert text.split("\n") == ["TT | Nội dung | Đơn vị chủ trì", "1 | Xây dựng cổng | Sở Nội vụ"]


# --- artefacts ------------------------------------------------------------------------------------

def test_web_boilerplate_removed() -> None:
    assert not prepared("000").text.startswith("Hệ thống pháp luật")
    assert "HIỆU LỰC VĂN BẢN" not in prepared("000").text
    assert "Tình trạng hiệu lực" not in prepared("000").text
    t4 = prepared("004").text
    assert "lượt xem" not in t4 and "Mô tả tài liệu" not in t4 and "Nội dung Text" not in t4


def test_004_page_numbers_removed() -> None:
    t4 = prepared("004").text
    assert not any(ln.startswith(("2. KẾ HOẠCH", "3. - Ngày")) for ln in t4.split("\n"))


# --- the map back to the input ----------------------------------------------------------------------

@pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
def test_every_character_maps_back_to_the_input(prefix: str) -> None:
    p = prepared(prefix)
    assert len(p.text) == len(p.origin) == len(p.match)
    for i, ch in enumerate(p.text):
        assert ch == p.raw[p.origin[i]] or ch in " \n|", (i, ch)


def test_cite_copies_the_input_words_and_line() -> None:
    p = prepared("003")
    i = p.text.index("Căn cứ Quyết định số 1755")
    words, line = p.cite(i, i + len("Căn cứ Quyết định số 1755/QĐ-TTg ngày 22/9/2010 của Thủ tướng"))
    assert words == "Căn cứ Quyết định số 1755/QĐ-TTg ngày 22/9/2010 của\nThủ tướng"
    assert line == 21


def test_match_unifies_tone_marks() -> None:
    text, _ = repair_layout("Hoà Bình, Uỷ ban nhân dân tỉnh")
    p = PreparedText.identity("x", text)
    assert p.match == "Hòa Bình, Ủy ban nhân dân tỉnh"


@pytest.mark.parametrize(("a", "b", "joined"), [
    ("Căn cứ Quyết định số 1755/QĐ-TTg ngày 22/9/2010 của", "Thủ tướng Chính phủ phê duyệt Đề án “Đưa", True),
    ("Căn cứ Công văn số 1943/BTTTT-CNTT ngày", "04/7/2013 của Bộ Thông tin và Truyền thông về việc", True),
    ("Căn cứ Luật Tổ chức HĐND và UBND ngày 26/11/2003;", "Căn cứ Quyết định số 1755/QĐ-TTg", False),
    ("2.1. Sở Kế hoạch và Đầu tư", "Chủ trì, phối hợp với Sở Thông tin và Truyền thông,", False),
    ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", False),
    ("PHÓ CHỦ TỊCH", "Nguyễn Tiến Hải", False),
    ("QUYẾT ĐỊNH", "VỀ", False),
    ("ỦY BAN NHÂN DÂN", "TỈNH CÀ MAU", True),
    ("1. Nguồn nhân lực công nghệ thông tin", "- 90% cán bộ, công chức, viên chức trong các cơ", False),
    # a basis clause broken after its type word (Quảng Bình 1000/QĐ-UBND, 2008, as a web page serves it)
    ("Căn cứ Luật", "Tổ chức HĐND và UBND ngày 26/11/2003;", True),
    ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015", "Căn cứ Nghị định số 61/2018/NĐ-CP", False),
    ("Căn cứ Luật", "QUYẾT ĐỊNH:", False),
])
def test_should_join(a: str, b: str, joined: bool) -> None:
    assert should_join(a, b, blank_between=False) is joined


def test_a_basis_broken_after_its_type_word_is_read() -> None:
    """Quảng Bình 1000/QĐ-UBND (2008) as a web page serves it: "Căn cứ Luật" alone on its line; the law
    is a basis, on the line where its clause opens."""
    from graph.reading.extract import extract_text

    text = ("ỦY BAN NHÂN DÂN TỈNH QUẢNG BÌNH\n-----\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\n-------\n|\nSố: 1000/QĐ-UBND\n|\nĐồng Hới, ngày 14 tháng 5 năm 2008\n|\n"
            "QUYẾT ĐỊNH\nVỀ VIỆC PHÊ DUYỆT ĐỊNH HƯỚNG PHÁT TRIỂN KHU\nKINH TẾ CỬA KHẨU QUỐC TẾ CHA LO ĐẾN NĂM 2020\n"
            "ỦY BAN NHÂN DÂN TỈNH QUẢNG BÌNH\nCăn cứ Luật\nTổ chức HĐND và UBND ngày 26/11/2003;\n"
            "Căn cứ Nghị định số 29/2008/NĐ-CP của Chính phủ ngày 14/3/2008 quy định về khu\n"
            "công nghiệp, khu chế xuất và khu kinh tế;\n"
            "Theo đề nghị của Sở Kế hoạch và Đầu tư tại công văn số: 431/KHĐT-KTĐN ngày 9\ntháng 5 năm 2008,\n"
            "QUYẾT ĐỊNH:\nĐiều 1. Phê\nduyệt Định hướng phát triển Khu kinh tế cửa khẩu Quốc tế Cha Lo đến năm 2020\n")
    (doc,) = extract_text(text, "t.txt").documents
    assert [(b.title if b.number is None else b.number, b.line) for b in doc.bases] == [
        ("Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân", 16), ("29/2008/NĐ-CP", 18)]


# --- any input: no crash, a consistent map ----------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = st.sampled_from([
    "Căn cứ", " ", "\n", "\n\n", "\t", " | ", "|", "-------", "1.", "a)", "- ", "QUYẾT ĐỊNH", "TT", "STT", "\xa0",
    "Số: 1578/QĐ-UBND", "ngày 26", "tháng 10 năm 2013", "của", "Thủ tướng", "Quy t nh", "c a", "s ", "I.",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT", "NAM", "KT. CHỦ TỊCH", "Nguy n Văn", "4,00", "2016-2020", "./.", "\r\n",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=60))
def test_any_input_keeps_a_consistent_map(pieces: list[str]) -> None:
    from graph.reading.prepare import prepare_text

    raw = "".join(pieces)
    p = prepare_text(raw, "fuzz.txt")
    assert len(p.text) == len(p.origin) == len(p.match)
    assert all(0 <= o <= max(len(raw) - 1, 0) for o in p.origin)
    for s, e in p.restored:
        assert 0 <= s < e <= len(p.text)
    if p.text:
        p.cite(0, len(p.text))


def test_page_numbers_between_pages_are_dropped_and_table_numbers_kept() -> None:
    body = (CORPUS / "002_e2aa40ccf522044b.txt").read_text(encoding="utf-8").split("\n")
    pages = ["\n".join(body[k:k + 40]) for k in range(0, 160, 40)]
    raw = "".join(f"{page}\n\n{n}\n\n" for n, page in enumerate(pages, start=1))
    text, _ = repair_layout(raw)
    assert not any(ln.strip() in {"1", "2", "3", "4"} for ln in text.split("\n"))
    assert "Số: 2174/QĐ-UBND" in text.split("\n")
    assert any(ln.startswith("1 | Nâng cấp hệ thống thư điện tử") for ln in lines("000"))


def test_columns_laid_out_with_spaces_pdftotext_layout() -> None:
    # the header and signature of 002 and a table of 001 as `pdftotext -layout` lays them out
    raw = (
        "ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        " TỈNH KIÊN GIANG                          Độc lập - Tự do - Hạnh phúc\n"
        "    -------                                   ---------------\n"
        "  Số: 2174/QĐ-UBND                      Kiên Giang, ngày 26 tháng 8 năm 2022\n\n"
        "                                  QUYẾT ĐỊNH\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n\n"
        "STT    Hoạt động ứng dụng CNTT              Đơn vị thực hiện       Kinh phí\n"
        "  3    Đầu tư, nâng cấp hệ thống phần mềm   Văn phòng UBND tỉnh    600.000.000\n"
        "  4    Mua sắm trang thiết bị               Thanh tra tỉnh         82.000.000\n\n"
        "Nơi nhận:                                            KT. CHỦ TỊCH\n"
        "- Như Điều 3;                                        PHÓ CHỦ TỊCH\n"
        "- Lưu: VT.\n\n"
        "                                                     Mai Văn Huỳnh\n"
    )
    text, origin = repair_layout(raw)
    assert text.split("\n") == [
        "ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 2174/QĐ-UBND",
        "Kiên Giang, ngày 26 tháng 8 năm 2022",
        "QUYẾT ĐỊNH",
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "STT | Hoạt động ứng dụng CNTT | Đơn vị thực hiện | Kinh phí",
        "3 | Đầu tư, nâng cấp hệ thống phần mềm | Văn phòng UBND tỉnh | 600.000.000",
        "4 | Mua sắm trang thiết bị | Thanh tra tỉnh | 82.000.000",
        "Nơi nhận:",
        "- Như Điều 3;",
        "- Lưu: VT.",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Mai Văn Huỳnh",
    ]
    assert all(c == raw[origin[i]] or c in " \n|" for i, c in enumerate(text))


def test_page_break_after_a_comma_inside_brackets_is_joined() -> None:
    assert any(ln.endswith("tại 05 đơn vị (Phú Quốc, Kiên Hải, Giang Thành, Vĩnh Thuận, An Minh) với tổng số 44"
                           " điểm cầu tại cấp xã.") for ln in lines("001"))
