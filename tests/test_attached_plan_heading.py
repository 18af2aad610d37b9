# ruff: noqa: E501  (real headings are quoted whole)
"""An attached plan whose heading names the document it implements ("KẾ HOẠCH / TRIỂN KHAI THI HÀNH LUẬT
... SỐ 72/2025/QH15 / (Kèm theo Quyết định số ...)"): the number in its title is the law's, the caption
attaches it to the decision, whose date it takes; and what must still be read as a document's own number
and date (a "Số:" line, the number of an old heading, a date line)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from graph.reading.documents.header import read_header
from graph.reading.extract import extract_text
from graph.text import unify_tones

#: the decision 1589/QĐ-TTg of 24/7/2025 and its attached plan, as a legal-document site serves them
#: (the signer's name lost under "KT. THỦ TƯỚNG", the plan's heading on three lines, the excerpt cut)
TTG_1589 = """THỦ TƯỚNG CHÍNH
PHỦ |
CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM |
Số: 1589/QĐ-TTg |
Hà Nội, ngày 24 tháng 7 năm 2025 |
BAN HÀNH KẾ HOẠCH TRIỂN KHAI THI HÀNH LUẬT TỔ CHỨC CHÍNH QUYỀN ĐỊA PHƯƠNG SỐ 72/2025/QH15
THỦ TƯỚNG CHÍNH PHỦ
Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;
Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;
Căn cứ Nghị định số 80/2025/NĐ-CP ngày 01 tháng 4 năm 2025 của Chính phủ về tổ chức thi hành văn bản quy phạm pháp luật;
Theo đề nghị của Bộ trưởng Bộ Nội vụ.
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch triển khai thi hành Luật Tổ chức chính quyền địa phương số 72/2025/QH15.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký ban hành.
Điều 3. Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Thủ trưởng cơ quan thuộc Chính phủ, Chủ tịch Ủy ban nhân dân tỉnh, thành phố chịu trách nhiệm thi hành Quyết định này.
|
KT. THỦ TƯỚNG |
KẾ HOẠCH
TRIỂN KHAI THI HÀNH
LUẬT TỔ CHỨC CHÍNH QUYỀN ĐỊA PHƯƠNG SỐ 72/2025/QH15
(Kèm theo Quyết định số 1589/QĐ-TTg ngày 24 tháng 7 năm 2025 của Thủ
tướng Chính phủ)
Ngày 16 tháng 6 năm 2025, tại kỳ họp thứ 9, Quốc hội Khóa XV đã ban hành Luật Tổ chức chính quyền địa phương số 72/2025/QH15 (sau đây gọi là Luậ"""

LAW_LINE = "LUẬT TỔ CHỨC CHÍNH QUYỀN ĐỊA PHƯƠNG SỐ 72/2025/QH15\n(Kèm"


def documents(text: str):
    result = extract_text(text, "t.txt")
    assert not result.problems, [p.message for p in result.problems]
    return result.documents


def numbers(citations) -> list[str | None]:
    return [c.number for c in citations]


def assert_attached_to_1589(plan) -> None:
    assert (plan.doc_type, plan.number) == ("Kế hoạch", None)
    assert plan.date == dt.date(2025, 7, 24)  # the decision's date, not the law's of the first sentence
    assert plan.issuer == "Thủ tướng Chính phủ"
    assert (plan.attached_to.number, plan.attached_to.date) == ("1589/QĐ-TTg", dt.date(2025, 7, 24))
    assert plan.attached_to.text.lower().startswith("kèm theo quyết định số 1589/qđ-ttg")
    assert "1589/QĐ-TTg" not in numbers(plan.references)  # the caption is read once, as attached_to


# ----------------------------------------------------------------------------- the plan of a law
def test_the_law_named_in_the_heading_is_a_reference_not_the_plans_number():
    decision, plan = documents(TTG_1589)
    assert (decision.number, decision.doc_type, decision.date) == ("1589/QĐ-TTg", "Quyết định", dt.date(2025, 7, 24))
    assert_attached_to_1589(plan)
    assert plan.title.startswith("Triển khai thi hành")
    law = next(c for c in plan.references if c.number == "72/2025/QH15")
    assert (law.doc_type, law.issuer) == ("Luật", "Quốc hội")


def test_without_the_law_number_the_plan_does_not_take_the_decisions_number():
    _, plan = documents(TTG_1589.replace(LAW_LINE, "LUẬT TỔ CHỨC CHÍNH QUYỀN ĐỊA PHƯƠNG\n(Kèm"))
    assert_attached_to_1589(plan)


def test_the_law_number_on_a_line_of_its_own_under_the_title_is_the_laws():
    _, plan = documents(TTG_1589.replace(LAW_LINE, "LUẬT TỔ CHỨC CHÍNH QUYỀN ĐỊA PHƯƠNG\nSỐ 72/2025/QH15\n(Kèm"))
    assert_attached_to_1589(plan)


def test_heading_word_lost_the_caption_still_attaches_the_plan():
    _, plan = documents(TTG_1589.replace("KẾ HOẠCH\nTRIỂN KHAI THI HÀNH\n", "TRIỂN KHAI THI HÀNH\n")
                        .replace(" SỐ 72/2025/QH15\n(Kèm", "\n(Kèm"))
    assert_attached_to_1589(plan)


def test_capital_so_in_the_caption_is_the_decisions_number():
    _, plan = documents(TTG_1589.replace("(Kèm theo Quyết định số", "(Kèm theo Quyết định Số"))
    assert_attached_to_1589(plan)


def test_signer_named_and_title_in_small_letters():
    text = TTG_1589.replace("KT. THỦ TƯỚNG |\n", "KT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\nNguyễn Hòa Bình\n").replace(
        "TRIỂN KHAI THI HÀNH\nLUẬT TỔ CHỨC CHÍNH QUYỀN ĐỊA PHƯƠNG SỐ 72/2025/QH15",
        "Triển khai thi hành Luật Tổ chức chính quyền địa phương số 72/2025/QH15")
    decision, plan = documents(text)
    assert decision.signer == "Nguyễn Hòa Bình"
    assert_attached_to_1589(plan)


@pytest.mark.parametrize("heading, caption, decision, date, issuer, cited", [
    # the plan of the 2024 Land Law, served alone, its title in small letters
    ("KẾ HOẠCH\nTriển khai thi hành Luật Đất đai số 31/2024/QH15",
     "(Kèm theo Quyết định số 222/QĐ-TTg ngày 05 tháng 3 năm 2024 của Thủ tướng Chính phủ)",
     "222/QĐ-TTg", dt.date(2024, 3, 5), "Thủ tướng Chính phủ", "31/2024/QH15"),
    # a Government programme of a Politburo resolution: its number and date in the heading
    ("CHƯƠNG TRÌNH HÀNH ĐỘNG CỦA CHÍNH PHỦ\nTHỰC HIỆN NGHỊ QUYẾT SỐ 57-NQ/TW NGÀY 22 THÁNG 12 NĂM 2024 CỦA BỘ CHÍNH TRỊ VỀ ĐỘT PHÁ PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ, ĐỔI MỚI SÁNG TẠO VÀ CHUYỂN ĐỔI SỐ QUỐC GIA",
     "(Kèm theo Nghị quyết số 03/NQ-CP ngày 09 tháng 01 năm 2025 của Chính phủ)",
     "03/NQ-CP", dt.date(2025, 1, 9), "Chính phủ", "57-NQ/TW"),
])
def test_attached_plan_alone_on_its_page(heading, caption, decision, date, issuer, cited):
    body = "Ngày 22 tháng 12 năm 2024, Bộ Chính trị đã ban hành Nghị quyết số 57-NQ/TW về đột phá phát triển khoa học, công nghệ.\n" if cited == "57-NQ/TW" else (
        "Luật Đất đai số 31/2024/QH15 đã được Quốc hội khóa XV thông qua ngày 18 tháng 01 năm 2024 tại kỳ họp bất thường lần thứ 5.\n")
    (plan,) = documents(f"{heading}\n{caption}\n{body}")
    assert plan.number is None and plan.date == date and plan.issuer == issuer
    assert (plan.attached_to.number, plan.attached_to.date) == (decision, date)
    assert numbers(plan.references) == [cited]


def test_extract_command_end_to_end(tmp_path):
    path = tmp_path / "qd-1589-ttg.txt"
    path.write_text(TTG_1589, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "graph.cli", "extract", str(path), "--format", "json"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    plan = json.loads(proc.stdout)[0]["documents"][1]
    assert (plan["number"], plan["date"], plan["attached_to"]["number"]) == (None, "2025-07-24", "1589/QĐ-TTg")
    assert "72/2025/QH15" in numbers_of(plan["references"])


def numbers_of(citations: list[dict]) -> list[str | None]:
    return [c["number"] for c in citations]


# ----------------------------------------------------------------------------- what stays a document's own
def test_a_decision_without_its_number_line_does_not_take_the_laws():
    decision, plan = documents(TTG_1589.replace("Số: 1589/QĐ-TTg |\n", ""))
    assert decision.number != "72/2025/QH15"
    assert decision.date == dt.date(2025, 7, 24)
    assert plan.number is None


@pytest.mark.parametrize("text, number, date", [
    # an old heading dates its own number after the issuer
    ("QUYẾT ĐỊNH\nCỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 69/2008/QĐ-TTg NGÀY 28 THÁNG 5 NĂM 2008\nVỀ VIỆC PHÊ DUYỆT ĐỀ ÁN\n",
     "69/2008/QĐ-TTg", dt.date(2008, 5, 28)),
    # ... also when the issuer's name holds a type word (Bộ Kế hoạch và Đầu tư)
    ("THÔNG TƯ\nCỦA BỘ KẾ HOẠCH VÀ ĐẦU TƯ SỐ 02/2009/TT-BKH NGÀY 17 THÁNG 02 NĂM 2009\nHƯỚNG DẪN LẬP KẾ HOẠCH ĐẤU THẦU\n",
     "02/2009/TT-BKH", dt.date(2009, 2, 17)),
    # a plan's "Số:" line, its title and first sentence naming other documents
    ("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 130/KH-UBND | Thanh Hoá, ngày 27 tháng 6 năm 2025 |\n"
     "KẾ HOẠCH\nTRIỂN KHAI PHONG TRÀO THI ĐUA “CẢ NƯỚC THI ĐUA ĐỔI MỚI SÁNG TẠO VÀ CHUYỂN ĐỔI SỐ” TRÊN ĐỊA BÀN TỈNH THANH HÓA\n"
     "Thực hiện Quyết định số 923/QĐ-TTg ngày 14/5/2025 của Thủ tướng Chính phủ ban hành Kế hoạch triển khai Phong trào thi đua.\n",
     "130/KH-UBND", dt.date(2025, 6, 27)),
])
def test_own_number_and_date_are_kept(text, number, date):
    doc = documents(text)[0]
    assert (doc.number, doc.date) == (number, date)


def test_a_sentence_opening_with_a_date_does_not_date_the_heading():
    text = ("KẾ HOẠCH\nTRIỂN KHAI THI HÀNH LUẬT ĐẤT ĐAI\n"
            "Ngày 18 tháng 01 năm 2024, tại kỳ họp bất thường lần thứ 5, Quốc hội khóa XV đã thông qua Luật Đất đai số 31/2024/QH15.\n")
    h = read_header(unify_tones(text), text, 0, len(text))
    assert (h.doc_type, h.date, h.number) == ("Kế hoạch", None, None)
    assert h.title == "Triển khai thi hành Luật Đất đai"


def test_a_caption_under_a_circulars_title_names_what_it_guides():
    text = ("THÔNG TƯ\nHướng dẫn thực hiện Quy chế quản lý và sử dụng nguồn hỗ trợ phát triển chính thức\n"
            "(ban hành kèm theo Nghị định số 131/2006/NĐ-CP ngày 09 tháng 11 năm 2006 của Chính phủ)\n"
            "Căn cứ Nghị định số 61/2003/NĐ-CP ngày 06 tháng 6 năm 2003 của Chính phủ quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Kế hoạch và Đầu tư;\n")
    (circular,) = extract_text(text, "t.txt").documents
    assert (circular.doc_type, circular.attached_to) == ("Thông tư", None)
