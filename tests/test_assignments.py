"""Assignments (chủ trì = lead, phối hợp = coordinate) on sentences of the sample corpus."""

from graph.reading.tasks.assignments import read_assignments
from graph.reading.text.prepared import PreparedText


def _read(text: str, province: str | None = None) -> set[tuple[str, str]]:
    prep = PreparedText.identity("test.txt", text)
    return {(a.agency, a.role) for a in read_assignments(prep, 0, len(text), province)}


def test_giao_sentence_makes_its_subject_lead_not_the_partners():
    # file 003, Quyết định 1578/QĐ-UBND, Điều 2
    text = ("Điều 2. Giao Sở Thông tin và Truyền thông chủ trì, phối hợp với các ngành có liên quan tổ chức "
            "triển khai thực hiện, hướng dẫn, đôn đốc và kiểm tra việc thực hiện Kế hoạch này.\n"
            "Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc các Sở: Thông tin và Truyền thông, Kế hoạch và Đầu "
            "tư, "
            "Tài chính; Chủ tịch UBND các huyện, thành phố Cà Mau và Thủ trưởng các sở, ngành, đơn vị liên "
            "quan chịu trách nhiệm thi hành Quyết định này.\n")
    assert _read(text) == {("Sở Thông tin và Truyền thông", "lead")}


def test_bullets_under_an_agency_heading():
    # file 001, VII. TỔ CHỨC THỰC HIỆN
    text = ("VII. TỔ CHỨC THỰC HIỆN\n"
            "4. Sở Nội vụ\n"
            "- Chủ trì, phối hợp với các sở, ban, ngành tỉnh, Ủy ban nhân dân các huyện, thành phố tiếp tục "
            "triển khai, thực hiện có hiệu quả Chương trình cải cách hành chính trên địa bàn tỉnh.\n"
            "- Phối hợp Sở Thông tin và Truyền thông xây dựng chương trình, kế hoạch thực hiện thúc đẩy gắn "
            "kết "
            "ứng dụng CNTT với cải cách hành chính tỉnh Kiên Giang.\n"
            "5. Sở Tài chính\n"
            "- Phối hợp với Sở Thông tin và Truyền thông thực hiện cân đối, phân bổ, cấp phát nguồn kinh phí "
            "sự nghiệp CNTT tỉnh.\n"
            "- Hướng dẫn chuyên môn cho các đơn vị sử dụng ngân sách triển khai các hoạt động ứng dụng "
            "CNTT.\n"
            "8. Các sở, ban, ngành tỉnh, Ủy ban nhân dân các huyện, thành phố\n"
            "- Tổ chức thực hiện kế hoạch đã được phê duyệt.\n")
    assert _read(text) == {("Sở Nội vụ", "lead"), ("Sở Nội vụ", "coordinate"), ("Sở Tài chính", "coordinate")}


def test_heading_with_inline_task_and_several_agencies():
    # file 002, Điều 2 item 7
    text = ("Điều 2. Tổ chức thực hiện:\n"
            "6. Các sở, ban, ngành và UBND các huyện, thành phố\n"
            "- Phối hợp chặt chẽ với Sở Thông tin và Truyền thông xây dựng hạ tàng kỹ thuật và ứng dụng CNTT "
            "của đơn vị.\n"
            "7. Báo Kiên Giang, Đài Phát thanh và Truyền hình Kiên Giang và các cơ quan truyền thông, báo "
            "chí có "
            "trách nhiệm: Chủ trì, chủ động phối hợp với Sở Thông tin và Truyền thông và các đơn vị, địa "
            "phương "
            "xây dựng và kế hoạch tổ chức tuyên truyền, phổ biến sâu rộng về nội dung Chiến lược.\n")
    assert _read(text) == {
        ("Các sở, ban, ngành", "coordinate"), ("UBND các huyện, thành phố", "coordinate"),
        ("Báo Kiên Giang", "lead"), ("Đài Phát thanh và Truyền hình Kiên Giang", "lead"),
        ("Các cơ quan truyền thông, báo chí", "lead")}


def test_sentence_subject_list_and_trach_nhiem_cua_heading():
    # file 004 (restored), Kế hoạch, VII. TỔ CHỨC THỰC HIỆN; file 003, Kế hoạch 37/KH-STTTT
    text = ("2. Sở Kế hoạch và đầu tư, Sở Tài chính phối hợp với Sở Bưu chính, Viễn thông chịu trách "
            "nhiệm cân "
            "đối ngân sách tỉnh bố trí cho kế hoạch hàng năm theo Kế hoạch này, trình Ủy ban nhân dân tỉnh "
            "xem "
            "xét trình Hội đồng nhân dân tỉnh.\n"
            "1. Trách nhiệm của Sở Thông tin và Truyền thông\n"
            "Căn cứ theo Kế hoạch này chủ trì triển khai, hướng dẫn, kiểm tra và tổ chức thực hiện tại các "
            "cấp, các ngành trên địa bàn tỉnh.\n")
    assert _read(text) == {("Sở Kế hoạch và Đầu tư", "coordinate"), ("Sở Tài chính", "coordinate"),
                           ("Sở Thông tin và Truyền thông", "lead")}


def test_past_sections_and_nouns_are_not_assignments():
    # file 004, II. HIỆN TRẠNG: what was done in 2007 is history, not an assignment of the plan
    text = ("II. HIỆN TRẠNG ỨNG DỤNG CÔNG NGHỆ THÔNG TIN TRONG CƠ QUAN NHÀ NƯỚC ĐỊA PHƯƠNG\n"
            "- Năm 2007, Ủy ban nhân dân tỉnh chỉ đạo Sở Bưu chính, Viễn thông chủ trì, phối hợp các cơ quan "
            "có liên quan tham mưu xây dựng Quy hoạch tổng thể phát triển công nghệ thông tin tỉnh Tiền "
            "Giang.\n"
            "III. MỤC TIÊU\n"
            "* Đơn vị phối hợp : Văn phòng UBND tỉnh và các sở ban ngành có liên quan.\n")
    assert _read(text) == set()


def test_damaged_verbs_are_read():
    # file 004 before restoration: "Ch trì, ph i h p"
    text = "3. Sở Nội vụ:\n- Ch trì, ph i h p v i S Bưu chính, Vi n thông xây d ng k ho ch ào t o.\n"
    assert _read(text) == {("Sở Nội vụ", "lead")}


def test_each_assignment_cites_its_line():
    text = "Điều 1. Ban hành.\nĐiều 2. Giao Sở TT&TT chủ trì triển khai Kế hoạch.\n"
    prep = PreparedText.identity("test.txt", text)
    (a,) = read_assignments(prep, 0, len(text))
    assert a.agency == "Sở Thông tin và Truyền thông" and a.line == 2 and "chủ trì" in a.text


def test_bullets_naming_their_agency_and_compound_names():
    text = ("V. TỔ CHỨC THỰC HIỆN\n"
            "- Sở Tài chính: chủ trì, phối hợp với Sở Kế hoạch và Đầu tư tham mưu bố trí kinh phí thực "
            "hiện.\n"
            "+ Sở Y tế: Phối hợp với Sở TT&TT triển khai hồ sơ sức khỏe điện tử.\n"
            "a) Công an tỉnh\n"
            "Chủ trì triển khai ứng dụng dữ liệu dân cư.\n"
            "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh phối hợp tuyên truyền.\n")
    assert _read(text) == {("Sở Tài chính", "lead"), ("Sở Y tế", "coordinate"), ("Công an tỉnh", "lead"),
                           ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "coordinate")}



def test_an_agency_charged_with_a_task_without_chu_tri_is_its_lead():
    # Bình Phước 07/2016/NQ-HĐND, Điều 2; Phú Thọ 28/2016/QĐ-UBND, Điều 2 (the closing "… chịu trách
    # nhiệm thi hành Quyết định này" names everyone and charges no one)
    hdnd = ("Điều 2. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện; giao Thường trực Hội đồng nhân dân "
            "tỉnh, các Ban của Hội đồng nhân dân tỉnh và các đại biểu Hội đồng nhân dân tỉnh giám sát "
            "việc thực hiện.\n")
    assert _read(hdnd, "Bình Phước") == {("UBND tỉnh", "lead")}
    ubnd = ("Điều 2. Quyết định này có hiệu lực thi hành sau 10 ngày kể từ ngày ký ban hành. Chánh Văn "
            "phòng Ủy ban nhân dân tỉnh chịu trách nhiệm đôn đốc, kiểm tra việc thực hiện Quy chế; Thành "
            "viên Ủy ban nhân dân tỉnh, thủ trưởng các cơ quan thuộc Ủy ban nhân dân tỉnh, Chủ tịch Ủy "
            "ban nhân dân các huyện, thành, thị và các tổ chức, cá nhân có quan hệ làm việc với Ủy ban "
            "nhân dân tỉnh chịu trách nhiệm thi hành Quyết định này.\n")
    assert _read(ubnd, "Phú Thọ") == {("Văn phòng UBND tỉnh", "lead")}
    both = "Điều 2. Giao Sở Tài chính, Sở Kế hoạch và Đầu tư cân đối, bố trí kinh phí thực hiện.\n"
    assert _read(both) == {("Sở Tài chính", "lead"), ("Sở Kế hoạch và Đầu tư", "lead")}
    group = "Điều 3. Giao cho Ủy ban nhân dân các huyện quản lý, khai thác công trình sau đầu tư.\n"
    assert _read(group) == {("UBND các huyện", "lead")}
    duty = "Điều 2. Sở Y tế có trách nhiệm hướng dẫn, kiểm tra việc thực hiện Quy định này.\n"
    assert _read(duty) == {("Sở Y tế", "lead")}
    # TP. Hồ Chí Minh 120/2003/QĐ-UB: "là cơ quan chủ trì" names no verb, "là" ends the agency
    copula = "Giao Sở Công nghiệp thành phố là cơ quan chủ trì, phối hợp các sở, ngành.\n"
    assert _read(copula) == {("Sở Công nghiệp thành phố", "lead")}


def test_what_charges_no_agency_with_a_task():
    # Vĩnh Phúc 34/2016/NQ-HĐND, Điều 2; Ninh Thuận 55/2007/QĐ-UBND ("sau đây" announces a list)
    everyone = ("1. Các đại biểu HĐND tỉnh, Thường trực HĐND tỉnh, các Ban của HĐND tỉnh, Văn phòng "
                "HĐND tỉnh, các Tổ đại biểu HĐND tỉnh; UBND, Tòa án nhân dân, Viện kiểm sát nhân dân, Ủy "
                "ban Mặt trận Tổ quốc Việt Nam tỉnh và các cơ quan, tổ chức, cá nhân có liên quan trong "
                "phạm vi nhiệm vụ, quyền hạn của mình có trách nhiệm thực hiện Nghị quyết này.\n")
    assert _read(everyone, "Vĩnh Phúc") == set()
    for text in ("Các cơ quan, đơn vị sau đây chịu trách nhiệm quản lý và tổ chức thực hiện Kế hoạch.\n",
                 "Sở Tư pháp chịu trách nhiệm về tính pháp lý của văn bản.\n",
                 "Ủy ban nhân dân tỉnh chịu trách nhiệm trước Hội đồng nhân dân tỉnh.\n",
                 # a second predicate of a longer subject, and a title in a sentence of its own
                 "- Thủ trưởng các sở, ngành tỉnh chỉ đạo chặt chẽ công tác ứng dụng công nghệ thông tin, "
                 "chịu trách nhiệm kiểm tra hoạt động của đơn vị.\n",
                 "a) Đào tạo cán bộ đảm nhận chức danh Giám đốc Công nghệ thông tin chịu trách nhiệm tổ "
                 "chức.\n",
                 "Năm 2020, tỉnh đã giao Sở Nội vụ thẩm định hồ sơ; giao đất cho Sở Y tế.\n"):
        assert _read(text) == set(), text


def _leads(text: str, province: str | None = None) -> dict[str, list[str]]:
    prep = PreparedText.identity("test.txt", text)
    found = read_assignments(prep, 0, len(text), province)
    return {a.agency: a.coordinators for a in found if a.role == "lead"}


def test_forms_of_a_lead_met_on_real_pages():
    # "có trách nhiệm chủ trì" leads (it was "… chịu trách nhiệm chủ trì", a coordinator)
    duty = "Sở Y tế có trách nhiệm chủ trì, phối hợp với Sở Tài chính xây dựng kế hoạch thực hiện.\n"
    assert _leads(duty) == {"Sở Y tế": ["Sở Tài chính"]} and _read(duty) == {("Sở Y tế", "lead")}
    # an article on one line whose task names a past word ("đánh giá tình hình") is no report section
    article = "Điều 3. Giao Sở Tài chính chủ trì, phối hợp với Sở Nội vụ đánh giá tình hình thực hiện.\n"
    assert _leads(article) == {"Sở Tài chính": ["Sở Nội vụ"]}
    assert _read("1. Kết quả thực hiện: Sở Tài chính đã chủ trì, phối hợp với Sở Nội vụ rà soát.\n") == set()
    # Hà Nội 3450/2025, Khánh Hòa 2021: a lead-in before the subject
    assert _read("Đồng thời, Sở Xây dựng có trách nhiệm tổng hợp, tham mưu và báo cáo UBND Thành phố.\n") == {
        ("Sở Xây dựng", "lead")}
    assert _read("Theo đó, UBND tỉnh giao UBND huyện Khánh Vĩnh khẩn trương tổng hợp, báo cáo.\n") == {
        ("UBND huyện Khánh Vĩnh", "lead")}
    # Quảng Nam 5582/UBND-KGVX: partners after "phối hợp" without "với"
    assert _leads("Sở GD-ĐT chủ trì, phối hợp Bưu điện tỉnh đẩy mạnh tuyên truyền.\n") == {
        "Sở Giáo dục và Đào tạo": ["Bưu điện tỉnh"]}
    # Gia Lai 77/2006/QĐ-UBND: the subject of "có trách nhiệm" is one name, nothing of it a predicate
    board = ("Điều 2. Ban chỉ đạo cải cách hành chính tỉnh có trách nhiệm chỉ đạo, tổ chức thực hiện, theo "
             "dõi, kiểm tra, đánh giá tình hình thực hiện chương trình này.\n")
    assert _read(board, "Gia Lai") == {("Ban Chỉ đạo cải cách hành chính tỉnh", "lead")}


def test_chu_tri_and_phoi_hop_that_charge_no_one():
    for text in (
            # who chairs a meeting (Bắc Giang, 2024)
            "Hội nghị do ông Nguyễn Văn A, Giám đốc Sở Giáo dục và Đào tạo chủ trì.\n",
            # a paper about coordination (Quảng Nam, 2021)
            "UBND tỉnh vừa ban hành Công văn 5582/UBND-KGVX về phối hợp tuyên truyền biển đảo.\n",
            # a programme of coordination, and coordination as the aim of a clause of purpose (Phú Thọ, 2026)
            "Hai đơn vị ký kết chương trình phối hợp trong công tác bảo đảm an ninh.\n",
            "Quy chế phối hợp giữa Công an tỉnh và Sở Giáo dục và Đào tạo nhằm tiếp tục tăng cường phối hợp "
            "trong công tác bảo đảm an ninh, trật tự trường học.\n"):
        assert _read(text) == set(), text
    # a vague group before an adverb is no partner (Bình Thuận, 2023)
    vague = ("Sở Tài chính chủ trì, phối hợp với Sở Nông nghiệp và Phát triển nông thôn và các cơ quan có "
             "liên quan chủ động thực hiện.\n")
    assert _leads(vague) == {"Sở Tài chính": ["Sở Nông nghiệp và Phát triển nông thôn"]}
