"""Documents of the sample corpus read through the real pipeline (prepare -> read_documents)."""

import datetime as dt
from pathlib import Path

import pytest

from graph.reading.documents.documents import read_documents
from graph.reading.prepare import prepare
from graph.reading.text.prepared import PreparedText
from graph.text import nfc

CORPUS = Path(__file__).resolve().parents[1] / "graph" / "data" / "corpus"


def documents(name: str):
    path = next(CORPUS.glob(f"{name}_*.txt"))
    return [s.document for s in read_documents(prepare(path.read_bytes(), path.name))]


@pytest.fixture(scope="module")
def doc000():
    (doc,) = documents("000")
    return doc


def test_bases_and_nested_000(doc000):
    numbers = [b.number or b.title for b in doc000.bases]
    assert numbers == [
        "Luật Tổ chức chính quyền địa phương", "Luật Công nghệ thông tin", "92/2006/NĐ-CP", "04/2008/NĐ-CP",
        "03/2008/TT-BKH", "281/2007/QĐ-BKH", "36a/NQ-CP", "1255/QĐ-TTg", "1819/QĐ-TTg", "64-CTr/TU",
        "1045/QĐ-UBND",
    ]
    nested = {(n.doc.number, n.relation, n.of) for n in doc000.nested}
    assert nested == {
        ("92/2006/NĐ-CP", "amends", "04/2008/NĐ-CP"),
        ("04/2008/NĐ-CP", "guides", "03/2008/TT-BKH"),
        ("36-NQ/TW", "implements", "64-CTr/TU"),
    }
    (proposal,) = doc000.proposals
    assert (proposal.agency, proposal.number, proposal.date) == (
        "Sở Thông tin và Truyền thông", "714/TTr-STTTT", dt.date(2016, 8, 1))
    assert doc000.references == [] and doc000.supersedes == []


def test_citing_words_come_from_the_input(doc000):
    basis = next(b for b in doc000.bases if b.number == "1255/QĐ-TTg")
    assert basis.text == ("Quyết định số 1255/QĐ-TTg ngày 26/7/2011 của Thủ tướng Chính phủ về phê duyệt Quy "
                          "hoạch tổng thể kinh tế xã hội tỉnh Kiên Giang thời kỳ đến năm 2020")
    assert basis.line == 34


def test_plan_without_header_takes_number_from_its_appendices_001():
    (plan,) = documents("001")
    assert (plan.number, plan.date, plan.doc_type) == ("176/KH-UBND", dt.date(2019, 12, 27), "Kế hoạch")
    assert (plan.issuer, plan.province, plan.level) == ("UBND tỉnh Kiên Giang", "Kiên Giang", "provincial")
    assert len(plan.bases) == 22  # the bullet list of "II. CĂN CỨ LẬP KẾ HOẠCH"
    assert plan.bases[0].title == "Luật Công nghệ thông tin"
    refs = {r.number or r.title for r in plan.references}
    assert {"43/2011/NĐ-CP", "846/QĐ-TTg", "36-NQ/TW", "3242/VP-VHXH", "261/2019/NQ-HĐND",
            "Luật Đầu tư công"} <= refs
    assert not refs & {b.number for b in plan.bases if b.number}  # a basis is not also a reference
    assert "176/KH-UBND" not in refs


def test_decision_and_department_plan_are_two_documents_003():
    decision, plan = documents("003")
    assert (decision.number, plan.number) == ("1578/QĐ-UBND", "37/KH-STTTT")
    assert plan.issuer == "Sở Thông tin và Truyền thông tỉnh Cà Mau"
    assert plan.attached_to.number == "1578/QĐ-UBND"
    assert plan.attached_to.text.startswith("Điều 1. Phê duyệt Kế hoạch")
    assert plan.attached_to.text.endswith("của Sở Thông tin và Truyền thông)")
    assert [r.number for r in decision.references] == ["37/KH-STTTT"]
    assert {r.number for r in plan.references} == {"698/QĐ-TTg", "1106/QĐ-UBND", "1755/QĐ-TTg"}
    # the citing words keep the input's hard line breaks
    basis = next(b for b in decision.bases if b.number == "1943/BTTTT-CNTT")
    assert "\n" in basis.text


def test_plan_issued_with_a_decision_from_damaged_pdf_004():
    decision, plan = documents("004")
    assert decision.number == "605/QĐ-UBND"
    assert (plan.number, plan.doc_type, plan.signer) == (None, "Kế hoạch", None)
    assert (plan.date, plan.issuer) == (dt.date(2008, 3, 7), "UBND tỉnh Tiền Giang")
    assert plan.attached_to.number == "605/QĐ-UBND"
    assert {b.number for b in plan.bases} >= {"246/2005/QĐ-TTg", "64/2007/NĐ-CP", "1448/BBCVT-KHTC"}
    assert decision.proposals[0].agency == "Sở Bưu chính, Viễn thông"
    restored = next(b for b in decision.bases if b.number == "64/2007/NĐ-CP")
    assert "number" in restored.restored  # "64/2007/N -CP" in the input


HEADER = (
    "ỦY BAN NHÂN DÂN\nTỈNH KIÊN GIANG\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do - Hạnh phúc\n---------------\nSố: 1200/QĐ-UBND\nKiên Giang, ngày 05 tháng 6 năm 2018\n"
    "QUYẾT ĐỊNH\nVỀ VIỆC BAN HÀNH QUY CHẾ QUẢN LÝ CỔNG THÔNG TIN ĐIỆN TỬ TỈNH KIÊN GIANG\n"
    "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG\n"
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;\n"
    "QUYẾT ĐỊNH:\n"
)


def read_text(text: str):
    return read_documents(PreparedText.identity("t.txt", nfc(text)))


def test_supersedes_is_read_from_replacing_sentences():
    text = HEADER + (
        "Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý Cổng thông tin điện tử tỉnh.\n"
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký và thay thế Quyết định số 1159/QĐ-UBND ngày "
        "19/11/2001 của UBND tỉnh.\n"
        "Bãi bỏ Điều 3 của Quyết định số 45/2009/QĐ-UBND ngày 02/3/2009 của Ủy ban nhân dân tỉnh.\n"
        "Giao Sở Thông tin và Truyền thông thực hiện theo Quyết định số 1819/QĐ-TTg ngày 26/10/2015.\n"
    )
    (span,) = read_text(text)
    doc = span.document
    assert [(c.number, c.date) for c in doc.supersedes] == [
        ("1159/QĐ-UBND", dt.date(2001, 11, 19)), ("45/2009/QĐ-UBND", dt.date(2009, 3, 2))]
    assert doc.supersedes[0].issuer == "UBND tỉnh Kiên Giang"
    # a replaced document is cited in the body too: it is also a reference
    assert [r.number for r in doc.references] == ["1159/QĐ-UBND", "45/2009/QĐ-UBND", "1819/QĐ-TTg"]


def test_web_page_boilerplate_is_not_a_document():
    text = ("Quyết định số 1200/QĐ-UBND\n\n"
            "Chia sẻ: Son Nguyen | Ngày: | Loại File: PDF | Số trang:25\n"
            "0\n36\nlượt xem\n3\ndownload\nMô tả tài liệu\n"
            "  Download Vui lòng tải xuống để xem tài liệu đầy đủ\n\n"
            + HEADER)
    (span,) = read_text(text)
    assert span.document.number == "1200/QĐ-UBND"
    assert span.document.references == []
    assert text[span.start:].startswith("ỦY BAN NHÂN DÂN")


def test_problems_are_reported_not_raised():
    (span,) = read_text("một đoạn văn bản không có tiêu đề, số hiệu hay ngày ban hành.")
    assert any("no recognisable header" in p for p in span.problems)
    (span,) = read_text(HEADER + "Điều 2. Theo Quyết định số 15/QĐ-UBND ngày 31/02/2017 của UBND tỉnh.\n")
    assert any("31/02/2017" in p for p in span.problems)


COUNCIL = (
    "HỘI ĐỒNG NHÂN DÂN\nTỈNH CÀ MAU\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Số: 12/2020/NQ-HĐND\nCà Mau, ngày 04 tháng 12 năm 2020\nNGHỊ QUYẾT\nBAN HÀNH QUY ĐỊNH MỨC CHI\n"
    "HỘI ĐỒNG NHÂN DÂN TỈNH CÀ MAU\nKHÓA IX, KỲ HỌP THỨ 13\n"
    "Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;\n"
)


@pytest.mark.parametrize(
    ("preamble", "agency", "number"),
    [
        ("Xét Tờ trình số 150/TTr-UBND ngày 10 tháng 11 năm 2020 của Ủy ban nhân dân tỉnh;\nQUYẾT NGHỊ:\n",
         "UBND tỉnh Cà Mau", "150/TTr-UBND"),
        ("Theo đề nghị của Bộ trưởng Bộ Thông tin và Truyền thông,\nQUYẾT ĐỊNH:\n",
         "Bộ Thông tin và Truyền thông", None),
        ("Xét đề nghị của Giám đốc Sở Nội vụ và Giám đốc Sở Tài chính tại Tờ trình liên tịch số "
         "15/TTrLT-SNV-STC ngày 02/3/2020.\nQUYẾT ĐỊNH:\n", "Sở Nội vụ và Sở Tài chính", "15/TTrLT-SNV-STC"),
    ],
)
def test_proposal_forms(preamble, agency, number):
    (span,) = read_text(COUNCIL + preamble)
    (proposal,) = span.document.proposals
    assert (proposal.agency, proposal.number) == (agency, number)
    assert span.document.references == []


def test_bases_in_a_numbered_legal_basis_subsection():
    text = ("UBND TỈNH CÀ MAU\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Số: 40/KH-STTTT\nCà Mau, ngày 18 tháng 10 năm 2015\n"
            "KẾ HOẠCH\nỨNG DỤNG CÔNG NGHỆ THÔNG TIN NĂM 2016\n"
            "I. SỰ CẦN THIẾT VÀ CƠ SỞ XÂY DỰNG KẾ HOẠCH\n1. Sự cần thiết\n"
            "Theo Quyết định số 1819/QĐ-TTg ngày 26/10/2015 của Thủ tướng Chính phủ, các tỉnh xây dựng "
            "kế hoạch.\n"
            "2. Cơ sở pháp lý\n- Luật Công nghệ thông tin ngày 29/6/2006;\n"
            "- Nghị định số 64/2007/NĐ-CP ngày 10/4/2007 của Chính phủ về ứng dụng công nghệ thông tin;\n"
            "3. Hiện trạng\nThực hiện Kế hoạch số 84/KH-UBND ngày 22/7/2016 của Ủy ban nhân dân tỉnh.\n")
    (span,) = read_text(text)
    doc = span.document
    assert [b.number or b.title for b in doc.bases] == ["Luật Công nghệ thông tin", "64/2007/NĐ-CP"]
    assert [r.number for r in doc.references] == ["1819/QĐ-TTg", "84/KH-UBND"]
    assert doc.references[1].issuer == "UBND tỉnh Cà Mau"


def test_header_and_preamble_flattened_on_one_line_000():
    # PDF extraction often loses every line break: clauses are still told apart by their openings
    raw = nfc(next(CORPUS.glob("000_*.txt")).read_text(encoding="utf-8"))
    one_line = " ".join(raw[:raw.index("II. MỤC TIÊU")].split())
    (span,) = read_text(one_line)
    doc = span.document
    assert (doc.number, doc.date) == ("1891/QĐ-UBND", dt.date(2016, 8, 22))
    assert doc.issuer == "UBND tỉnh Kiên Giang"
    assert doc.title.startswith("Phê duyệt Quy hoạch phát triển công nghệ thông tin tỉnh Kiên Giang")
    assert len(doc.bases) == 11 and len(doc.nested) == 3
    assert [p.number for p in doc.proposals] == ["714/TTr-STTTT"]


def test_regulation_issued_with_a_decision_caption_without_brackets():
    text = ("ỦY BAN NHÂN DÂN TỈNH CÀ MAU\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 15/2015/QĐ-UBND\n"
            "Cà Mau, ngày 05 tháng 6 năm 2015\nQUYẾT ĐỊNH\nBAN HÀNH QUY CHẾ QUẢN LÝ CỔNG THÔNG TIN ĐIỆN TỬ\n"
            "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH CÀ MAU\nQUYẾT ĐỊNH:\n"
            "Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý Cổng thông tin điện tử tỉnh Cà Mau.\n"
            "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLâm Văn Bi\n"
            "QUY CHẾ\nQUẢN LÝ CỔNG THÔNG TIN ĐIỆN TỬ TỈNH CÀ MAU\n"
            "Ban hành kèm theo Quyết định số 15/2015/QĐ-UBND ngày 05 tháng 6 năm 2015 của Ủy ban nhân dân "
            "tỉnh Cà Mau\nChương I\nQUY ĐỊNH CHUNG\n"
            "Quy chế này quy định việc quản lý theo Nghị định số 43/2011/NĐ-CP ngày 13/6/2011 "
            "của Chính phủ.\n")
    decision, regulation = (s.document for s in read_text(text))
    assert (decision.number, decision.signer) == ("15/2015/QĐ-UBND", "Lâm Văn Bi")
    # a rule issued with a decision has no number or date of its own: attached_to holds them
    assert (regulation.doc_type, regulation.number, regulation.date) == ("Quy chế", None, None)
    assert regulation.attached_to.number == "15/2015/QĐ-UBND"
    assert regulation.attached_to.date == dt.date(2015, 6, 5)
    assert regulation.attached_to.text.startswith("Ban hành kèm theo Quyết định số 15/2015/QĐ-UBND")
    assert [r.number for r in regulation.references] == ["43/2011/NĐ-CP"]


def test_plan_after_the_signature_without_caption_is_attached_by_article_one():
    text = ("ỦY BAN NHÂN DÂN TỈNH CÀ MAU\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 15/QĐ-UBND\n"
            "Cà Mau, ngày 05 tháng 6 năm 2015\nQUYẾT ĐỊNH\n"
            "BAN HÀNH KẾ HOẠCH ỨNG DỤNG CÔNG NGHỆ THÔNG TIN NĂM 2016\n"
            "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH CÀ MAU\nQUYẾT ĐỊNH:\n"
            "Điều 1. Ban hành Kế hoạch ứng dụng công nghệ thông tin năm 2016 (Kế hoạch kèm theo).\n"
            "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLâm Văn Bi\n"
            "KẾ HOẠCH\nỨNG DỤNG CÔNG NGHỆ THÔNG TIN NĂM 2016\nI. MỤC TIÊU\n"
            "Thực hiện Nghị định số 43/2011/NĐ-CP ngày 13/6/2011 của Chính phủ.\n")
    decision, plan = (s.document for s in read_text(text))
    assert decision.references == []
    assert (plan.doc_type, plan.number, plan.date, plan.issuer) == (
        "Kế hoạch", None, dt.date(2015, 6, 5), "UBND tỉnh Cà Mau")
    assert plan.attached_to.number == "15/QĐ-UBND"
    assert plan.attached_to.text.startswith("Điều 1. Ban hành Kế hoạch")
    assert [r.number for r in plan.references] == ["43/2011/NĐ-CP"]


def test_a_lapsed_document_reported_in_the_body_is_not_superseded_by_this_one():
    text = HEADER + (
        "Điều 1. Nghị định số 64/2007/NĐ-CP ngày 10/4/2007 của Chính phủ đã hết hiệu lực, được thay thế bởi "
        "Nghị định số 47/2020/NĐ-CP ngày 09/4/2020.\n"
        "Điều 2. Quyết định này thay thế Quyết định số 08/2010/QĐ-UBND ngày 12/4/2010 của Ủy ban nhân "
        "dân tỉnh.\n"
    )
    (span,) = read_text(text)
    assert [c.number for c in span.document.supersedes] == ["08/2010/QĐ-UBND"]
    assert [c.number for c in span.document.references] == [
        "64/2007/NĐ-CP", "47/2020/NĐ-CP", "08/2010/QĐ-UBND"]
