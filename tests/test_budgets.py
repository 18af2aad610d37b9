"""Budgets a legal officer can act on (issue 14, item 1), on the sample corpus: a table that reviews
past investment is not the plan's tasks, a project listed twice counts once, every project says whose
money it is (private money is not budget), and plans that overlap in time are not added up."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from query_samples import corpus_graph

from graph.cli.common import console
from graph.cli.tables import agency_table
from graph.queries.agency import agency
from graph.queries.budgets import _overlaps
from graph.queries.embedded_backend import EmbeddedBackend
from graph.reading.extract import extract_file
from graph.reading.tasks.budget_rules import identity, is_review, rules, sources_in
from graph.reading.tasks.projects import read_projects
from graph.reading.tasks.tables import find_tables
from graph.reading.text.prepared import PreparedText

CORPUS = Path(__file__).resolve().parent.parent / "graph" / "data" / "corpus"
PLAN_2020 = CORPUS / "001_a7c64b5b7379c419.txt"  # Kế hoạch 176/KH-UBND: a 2019 review, then the 2020 plan
PLAN_2016 = CORPUS / "000_5ff91108e71e8f83.txt"  # Quyết định 1891/QĐ-UBND: projects to 2020 by funding source
SO_TTTT = "Sở Thông tin và Truyền thông"


def _read(text: str):
    prep = PreparedText.identity("plan.txt", text)
    return read_projects(prep, 0, len(text), "Kiên Giang")


@pytest.fixture(scope="module")
def plan_2020_text() -> str:
    return PLAN_2020.read_text("utf-8")


@pytest.fixture(scope="module")
def backend() -> EmbeddedBackend:
    return EmbeddedBackend(corpus_graph())


@pytest.fixture(scope="module")
def so_tttt(backend):
    return agency(backend, SO_TTTT, "Kiên Giang")


# --- a table that reviews the past is not the plan's tasks ---------------------------------------

def test_the_review_of_past_investment_is_not_read_as_the_plans_projects(plan_2020_text):
    lines = plan_2020_text.splitlines()
    review = next(i for i, s in enumerate(lines, 1) if s.startswith("8. Đánh giá đầu tư"))
    appendix = next(i for i, s in enumerate(lines, 1) if s.strip() == "PHỤ LỤC I")
    (doc,) = extract_file(PLAN_2020).documents
    assert doc.projects and all(p.line > appendix for p in doc.projects)
    assert not [p.name for p in doc.projects if review < p.line < appendix]
    # the review table is still found as a table: only its meaning changed
    prep = PreparedText.identity("plan.txt", plan_2020_text)
    tables = find_tables(prep.text)
    assert [is_review(prep.text, 0, len(prep.text), t) for t in tables].count(True) >= 1


def test_the_rule_is_the_heading_not_the_file(plan_2020_text):
    """The same table under a heading that plans (not one that reviews) is read as tasks again."""
    planned = plan_2020_text.replace("8. Đánh giá đầu tư cho xây dựng", "8. Nhiệm vụ đầu tư cho xây dựng")
    planned = planned.replace("I. KẾT QUẢ ỨNG DỤNG", "I. NHIỆM VỤ ỨNG DỤNG")
    # 15 rows more, less the platform the review and Phụ lục II both list ("– LGSP", "(LGSP)"): counted once
    assert len(_read(planned)) == len(_read(plan_2020_text)) + 14
    # a list line inside the review does not end it; an appendix ("PHỤ LỤC ...") starts afresh
    listed = plan_2020_text.replace("ĐVT: Triệu đồng", "Danh mục các dự án đã đầu tư\nĐVT: Triệu đồng", 1)
    assert len(_read(listed)) == len(_read(plan_2020_text))
    last_heading_reviews = plan_2020_text.replace("VII. TỔ CHỨC THỰC HIỆN", "VII. ĐÁNH GIÁ VIỆC THỰC HIỆN")
    assert last_heading_reviews != plan_2020_text
    assert len(_read(last_heading_reviews)) == len(_read(plan_2020_text)) == 31
    words = rules()["review_sections"]["heading_starts"]
    assert {"kết quả", "đánh giá", "tình hình thực hiện"} <= set(words)


def test_a_heading_that_announces_expected_results_is_not_a_review(plan_2020_text):
    """"Kết quả dự kiến" (what the plan will bring about) begins like a review but is not one."""
    planned = plan_2020_text.replace("8. Đánh giá đầu tư cho xây dựng",
                                     "8. Kết quả dự kiến đầu tư cho xây dựng")
    planned = planned.replace("I. KẾT QUẢ ỨNG DỤNG", "I. KẾT QUẢ DỰ KIẾN ỨNG DỤNG")
    assert len(_read(planned)) == len(_read(plan_2020_text)) + 14


def test_the_2020_plan_gives_its_own_19_projects_for_the_department(so_tttt):
    (b,) = [b for b in so_tttt.budgets if b.document and b.document.number == "176/KH-UBND"]
    assert b.led_projects == 19
    assert b.led_budget_dong == pytest.approx(50_401_617_000)
    assert b.led_private_dong == 0 and b.led_unknown_dong == 0


# --- the same project in two tables counts once --------------------------------------------------

def test_a_project_listed_in_two_tables_of_a_plan_counts_once(plan_2020_text):
    before = _read(plan_2020_text)
    row = next(s for s in plan_2020_text.splitlines() if s.startswith("5\tTriển khai hệ thống thông tin"))
    # Phụ lục II lists it again (its number there is 5); Phụ lục I names Phụ lục II's platform by its code
    end_2 = "TỔNG CỘNG\t\t\t\t42.000.000.000"
    text = plan_2020_text.replace(end_2, row + "\n" + end_2)
    lgsp = "6\tTriển khai nền tảng tích hợp tỉnh (LGSP)\tSở Thông tin và Truyền thông\t\t1.000.000.000\t\n"
    text = text.replace("\tTỔNG CỘNG\t\t\t16.000.000.000", lgsp + "\tTỔNG CỘNG\t\t\t16.000.000.000")
    assert text.count("(LGSP)") == 2 and text.count(row) == 2
    after = _read(text)
    assert len(after) == len(before)
    assert [p.name for p in after].count(row.split("\t")[1]) == 1


def test_a_system_code_identifies_a_project_but_generic_abbreviations_do_not():
    assert identity("Xây dựng, hoàn thiện nền tảng kết nối, chia sẻ quy mô cấp tỉnh – LGSP")[1] == "LGSP"
    assert identity("Xây dựng nền tảng tích hợp ... tỉnh Kiên Giang (LGSP)")[1] == "LGSP"
    assert identity("Đào tạo, tập huấn, bồi dưỡng nguồn nhân lực CNTT")[1] is None
    assert identity("Các hoạt động sự nghiệp khác (CNTT)")[1] is None


def test_the_shared_platform_is_counted_once_for_the_department(so_tttt):
    lgsp = [r for r in so_tttt.roles if r.project and "LGSP" in r.project.name
            and r.document.number == "176/KH-UBND"]
    assert len(lgsp) == 1


# --- every project says whose money it is -------------------------------------------------------

def test_every_project_of_the_samples_shows_its_funding_source():
    for path in (PLAN_2016, PLAN_2020):
        for doc in extract_file(path).documents:
            for p in doc.projects:
                assert p.shares and p.funding_kind, p.name
                assert sum(s.amount for s in p.shares) == pytest.approx(p.budget), p.name


def test_private_money_of_the_2016_plan_is_split_from_the_budget():
    (doc,) = extract_file(PLAN_2016).documents
    park = next(p for p in doc.projects if p.name == "Khu công nghệ thông tin tập trung")
    assert [(s.source, s.kind, s.amount) for s in park.shares] == [
        ("ngân sách địa phương", "public", 3.0), ("doanh nghiệp, xã hội hóa", "private", 410.0)]
    assert park.funding_kind == "mixed"
    services = next(p for p in doc.projects if p.name.startswith("Xây dựng các phần mềm dịch vụ công"))
    assert {s.source: s.amount for s in services.shares} == {
        "ngân sách trung ương": 4.0, "ngân sách địa phương": 32.0, "doanh nghiệp, xã hội hóa": 108.0}


@pytest.mark.parametrize(("words", "kind"), [
    ("Ngân sách Trung ương", "public"), ("Ngân sách địa phương", "public"), ("Sự nghiệp CNTT", "public"),
    ("Doanh nghiệp, xã hội hóa", "private"), ("vốn đầu tư công", "public"), ("Xã hội hoá", "private"),
])
def test_funding_words_name_a_source_and_whose_money_it_is(words, kind):
    assert [k for _, k in sources_in(words)] == [kind]


def test_the_budget_of_the_2016_plan_is_state_budget_only(so_tttt):
    (b,) = [b for b in so_tttt.budgets if b.document and b.document.number == "1891/QĐ-UBND"]
    assert b.led_projects == 16
    assert b.led_budget_dong == pytest.approx(99.56e9)
    assert b.led_private_dong == pytest.approx(1257.1e9)
    by_source = {s.source: s.amount_dong for s in b.led_by_source}
    assert by_source["doanh nghiệp, xã hội hóa"] == pytest.approx(1257.1e9)
    assert by_source["ngân sách trung ương"] == pytest.approx(4e9)


# --- plans that overlap in time are not added ---------------------------------------------------

def test_overlapping_plans_are_not_added_and_the_answer_says_so(so_tttt):
    assert so_tttt.total_led_budget_dong is None
    keys = {b.document.key: b.document.number for b in so_tttt.budgets if b.document}
    assert [sorted(keys[k] for k in g) for g in so_tttt.overlapping] == [["176/KH-UBND", "1891/QĐ-UBND"]]
    assert any("176/KH-UBND" in n and "1891/QĐ-UBND" in n for n in so_tttt.budget_note)
    as_json = so_tttt.model_dump(mode="json")
    assert as_json["total_led_budget_dong"] is None and as_json["overlapping"]
    page = so_tttt.to_subgraph()
    lines = next(n for n in page.nodes if "Agency" in n.labels).properties["budget_lines"]
    assert any("không cộng" in line for line in lines)
    assert any("1891/QĐ-UBND" in line and "1.257,1 tỷ đồng" in line for line in lines)


def test_the_table_says_the_same(so_tttt):
    with console.capture() as cap:
        agency_table(so_tttt)
    out = re.sub(r"\s+", " ", cap.get())
    assert "not added" in out or "không cộng" in out
    assert "doanh nghiệp, xã hội hóa" in out and "1,257.1 tỷ đồng" in out.replace("1.257,1", "1,257.1")
    assert "115.322" not in out.replace(".", ",").replace(",", ".")


def test_plans_that_do_not_overlap_are_added(backend):
    r = agency(backend, "Sở Y tế", "Kiên Giang")
    assert r.overlapping == [] and len(r.budgets) == 1
    assert r.total_led_budget_dong == r.budgets[0].led_budget_dong == pytest.approx(0.4e9)
    assert r.total_led_private_dong == pytest.approx(20.3e9)


def test_overlap_groups():
    assert _overlaps({"a": (2016, 2020), "b": (2020, 2020), "c": (2021, 2025)}) == [["a", "b"]]
    assert _overlaps({"a": (2016, 2018), "b": (2019, 2020)}) == []
