"""Party congress documents as the provinces' 2020-2026 plans cite them: the action programme of the
"Ban Chấp hành Đảng bộ tỉnh" implementing the congress resolution (nested in it, as in one issued by
the Tỉnh ủy), where a congress resolution cited by name ends ("... lần thứ XV và Chương trình hành động
số ..."), and one congress resolution named several ways in a text (one document). The lines are those
of real documents: Quảng Ninh's NQ 316/NQ-HĐND of 2025 and Chương trình 35/CTr-UBND of 2021, the
congress resolutions of Nghệ An (2025), Tiền Giang (2020) and Đà Nẵng (2025), Ninh Thuận's 10-NQ/TU."""

from graph.reading.documents.citations import CitationReader
from graph.reading.documents.party_names import congress_key
from graph.reading.extract import extract_text
from graph.text import unify_tones

#: Quảng Ninh, Nghị quyết 316/NQ-HĐND of 16/12/2025 (header and preamble)
QUANG_NINH_2025 = """HỘI ĐỒNG NHÂN DÂN
TỈNH QUẢNG NINH
Số: 316/NQ-HĐND
Quảng Ninh, ngày 16 tháng 12 năm 2025
NGHỊ QUYẾT
VỀ KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI 5 NĂM 2026 - 2030
HỘI ĐỒNG NHÂN DÂN TỈNH QUẢNG NINH
KHÓA XIV - KỲ HỌP THỨ 34
Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;
Căn cứ Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Quảng Ninh lần thứ XVI, nhiệm kỳ 2025 - 2030; \
Chương trình hành động số 01-CTr/TU ngày 06 tháng 10 năm 2025 của Ban Chấp hành Đảng bộ tỉnh thực hiện \
Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Quảng Ninh lần thứ XVI, nhiệm kỳ 2025 - 2030;
Xét Tờ trình số 4586/TTr-UBND ngày 28 tháng 11 năm 2025 của Ủy ban nhân dân tỉnh.
"""

XVI = "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Quảng Ninh lần thứ XVI, nhiệm kỳ 2025 - 2030"

#: Quảng Ninh, Chương trình hành động 35/CTr-UBND of 08/02/2021 (as the page serves it: cut short)
QUANG_NINH_2021 = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG NINH
-------
Số: 35/CTr-UBND
Quảng Ninh, ngày 08 tháng 02 năm 2021

CHƯƠNG TRÌNH HÀNH ĐỘNG

THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI VÀ CHƯƠNG TRÌNH HÀNH ĐỘNG SỐ 01-CT/TU NGÀY 09/10/2020 CỦA BAN CHẤP HÀNH \
ĐẢNG BỘ TỈNH THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI ĐẢNG BỘ TỈNH QUẢNG NINH LẦN THỨ XV, NHIỆM KỲ 2020 - 2025

Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Quảng Ninh lần thứ XV, nhiệm kỳ 2020 - 2025 đã xác định mục \
tiêu tổng quát là “Tăng cường xây dựng, chỉnh đốn Đảng và hệ thống chính trị trong sạch, vững mạnh”.

Để thực hiện thắng lợi mục tiêu của Đại hội Đảng bộ tỉnh lần thứ XV và Chương trình hành động số \
01-CT/TU ngày 09/10/2020 của Ban Chấp hành Đảng bộ tỉnh thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần \
thứ XV, nhiệm kỳ 2020 - 2025, Ủy ban nhân dân tỉnh Quảng Ninh ban hành Chương trình hành động triển \
khai thực hiện như sau:

I. MỤC TIÊU

Quán triệt quan điểm, mục tiêu, nhiệm vụ và giải pháp của Nghị quyết Đại hội Đảng bộ lần thứ XV và \
Chương trình hành động số 01-CT/TU ngày 09/10/2020 của Ban Chấp hành Đảng bộ tỉnh thực hiện Ngh
"""

XV = "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Quảng Ninh lần thứ XV, nhiệm kỳ 2020 - 2025"


def only_document(text: str):
    (doc,) = extract_text(text, "vb.txt").documents
    return doc


def cited(sentence: str, province: str = "Quảng Ninh"):
    return CitationReader(unify_tones(sentence), sentence, province).scan(0, len(sentence))


def names(items) -> list[str]:
    return [c.number or c.title for c in items]


# ------------------------------------------------- the programme of the Ban Chấp hành Đảng bộ tỉnh


def test_congress_resolution_nests_in_the_programme_of_the_ban_chap_hanh_dang_bo_tinh():
    doc = only_document(QUANG_NINH_2025)
    assert names(doc.bases) == ["Luật Tổ chức chính quyền địa phương", XVI, "01-CTr/TU"]
    programme = doc.bases[2]
    assert programme.issuer == "Ban Chấp hành Đảng bộ tỉnh Quảng Ninh"
    assert programme.level == "party"
    assert programme.title == "thực hiện " + XVI
    assert [(n.doc.title, n.relation, n.of) for n in doc.nested] == [(XVI, "implements", "01-CTr/TU")]


def test_ban_chap_hanh_dang_bo_reads_as_the_tinh_uy_does():
    line = ("Chương trình hành động số 01-CTr/TU ngày 06 tháng 10 năm 2025 của {body} thực hiện Nghị quyết "
            "Đại hội đại biểu Đảng bộ tỉnh Quảng Ninh lần thứ XVI, nhiệm kỳ 2025 - 2030;")
    read = {body: cited(line.format(body=body)) for body in ("Tỉnh ủy", "Ban Chấp hành Đảng bộ tỉnh",
                                                            "Ban chấp hành Đảng bộ tỉnh")}
    for body, (programme,) in read.items():
        assert [(c.title, rel) for c, rel in programme.children] == [(XVI, "implements")], body


def test_programme_of_a_city_party_committee_nests_the_congress_resolution():
    # the 2025 wording above, as the centrally-run cities write their party committee
    (programme,) = cited("Chương trình hành động số 01-CTr/TU ngày 20 tháng 10 năm 2025 của Ban Chấp hành "
                         "Đảng bộ thành phố thực hiện Nghị quyết Đại hội đại biểu Đảng bộ thành phố Đà Nẵng "
                         "lần thứ I, nhiệm kỳ 2025-2030;", "Đà Nẵng")
    (child, relation), = programme.children
    assert (child.title, relation) == (
        "Nghị quyết Đại hội đại biểu Đảng bộ thành phố Đà Nẵng lần thứ I, nhiệm kỳ 2025-2030", "implements")


def test_session_after_the_ban_chap_hanh_stays_with_it():
    # Ninh Thuận 10-NQ/TU as cited: "khóa XIII" is the committee's session, the subject follows it
    (resolution,) = cited("Nghị quyết số 10-NQ/TU ngày 14-11-2016 của Ban Chấp hành Đảng bộ tỉnh khóa "
                          "XIII về huy động nguồn lực, ưu tiên đầu tư xây dựng kết cấu hạ tầng cấp thiết",
                          "Ninh Thuận")
    assert resolution.issuer == "Ban Chấp hành Đảng bộ tỉnh Ninh Thuận"
    assert resolution.title == "huy động nguồn lực, ưu tiên đầu tư xây dựng kết cấu hạ tầng cấp thiết"


# ------------------------------------------------------------- where a congress resolution's name ends


def test_name_ends_before_and_the_next_citation():
    first, programme = cited("Quán triệt quan điểm, mục tiêu, nhiệm vụ và giải pháp của Nghị quyết Đại hội "
                             "Đảng bộ lần thứ XV và Chương trình hành động số 01-CT/TU ngày 09/10/2020 của "
                             "Ban Chấp hành Đảng bộ tỉnh thực hiện Nghị quyết")
    assert first.title == "Nghị quyết Đại hội Đảng bộ lần thứ XV"
    assert (programme.number, programme.date.isoformat()) == ("01-CT/TU", "2020-10-09")


def test_name_ends_before_a_numbered_citation_and_keeps_its_ordinal_and_term():
    # Đà Nẵng's programme of 2025: the ordinal before the body, the term after it, then the sentence goes on
    line = ("Nghị quyết Đại hội đại biểu lần thứ I Đảng bộ thành phố, nhiệm kỳ 2025-2030 đã đề ra gắn với "
            "các quan điểm theo Nghị quyết số 43-NQ/TW của Bộ Chính trị (khóa XII)")
    first, second = cited(line, "Đà Nẵng")
    assert first.title == "Nghị quyết Đại hội đại biểu lần thứ I Đảng bộ thành phố, nhiệm kỳ 2025-2030"
    assert second.number == "43-NQ/TW"


def test_name_does_not_run_on_into_the_sentence():
    # Nghệ An, congress resolution of 2025: "và các quan điểm ..." is not part of the name
    line = ("Tán thành những nội dung cơ bản về đánh giá 5 năm thực hiện Nghị quyết Đại hội đại biểu Đảng "
            "bộ tỉnh lần thứ XIX và các quan điểm, mục tiêu, chỉ tiêu, nhiệm vụ, giải pháp chủ yếu 5 năm "
            "(2025 - 2030) nêu trong Báo cáo chính trị trình Đại hội.")
    (first,) = cited(line, "Nghệ An")
    assert first.title == "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XIX"
    assert first.issuer == "Đại hội đại biểu Đảng bộ tỉnh Nghệ An"


def test_session_and_term_belong_to_the_name():
    (first,) = cited("Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Nghệ An khóa XX, nhiệm kỳ 2025 - 2030 đã được "
                     "thông qua", "Nghệ An")
    assert first.title == "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Nghệ An khóa XX, nhiệm kỳ 2025 - 2030"


# ------------------------------------------------------------- one congress resolution, several names


def test_one_congress_resolution_named_three_ways_is_one_reference():
    doc = only_document(QUANG_NINH_2021)
    assert names(doc.references) == [XV, "01-CT/TU"]
    assert doc.references[1].title == ("thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XV, "
                                       "nhiệm kỳ 2020 - 2025")


def test_congresses_of_one_body_and_ordinal_share_a_key():
    keys = {congress_key("Nghị quyết", name, "Quảng Ninh") for name in (
        "Đại hội đại biểu Đảng bộ tỉnh Quảng Ninh lần thứ XV, nhiệm kỳ 2020 - 2025",
        "Đại hội Đảng bộ tỉnh lần thứ XV, nhiệm kỳ 2020 - 2025", "Đại hội Đảng bộ lần thứ XV")}
    assert len(keys) == 1 and None not in keys
    national = {congress_key("Nghị quyết", name, "Quảng Ninh") for name in (
        "Đại hội XIII của Đảng", "Đại hội đại biểu toàn quốc lần thứ XIII của Đảng")}
    assert len(national) == 1
    provincial = congress_key("Nghị quyết", "Đại hội đại biểu Đảng bộ tỉnh lần thứ XIII", "Quảng Ninh")
    assert national != {provincial}


def test_other_congresses_stay_apart():
    # Tiền Giang, congress resolution of 2020: the past congress (X) and the new one (XI) are two documents
    text = ("Đại hội đại biểu Đảng bộ tỉnh lần thứ XI, nhiệm kỳ 2020 - 2025 diễn ra từ ngày 12 đến ngày "
            "15 tháng 10 năm 2020.\nI- Tán thành những nội dung về đánh giá kết quả lãnh đạo thực hiện "
            "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ X, nhiệm kỳ 2015 - 2020 và mục tiêu, nhiệm "
            "vụ, giải pháp thực hiện nhiệm kỳ 2020 - 2025 nêu trong Báo cáo Chính trị.\nNghị quyết Đại "
            "hội đại biểu Đảng bộ tỉnh Tiền Giang lần thứ XI, nhiệm kỳ 2020 - 2025 đã được đại biểu thông "
            "qua.")
    assert [c.title for c in cited(text, "Tiền Giang")] == [
        "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ X, nhiệm kỳ 2015 - 2020",
        "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Tiền Giang lần thứ XI, nhiệm kỳ 2020 - 2025"]
    assert congress_key("Nghị quyết", "Đại hội Đảng bộ huyện lần thứ XV", "Quảng Ninh") != congress_key(
        "Nghị quyết", "Đại hội Đảng bộ tỉnh lần thứ XV", "Quảng Ninh")
    assert congress_key("Nghị quyết", "Đại hội đại biểu Đảng bộ tỉnh, nhiệm kỳ 2020 - 2025", "Tiền Giang") \
        is None
