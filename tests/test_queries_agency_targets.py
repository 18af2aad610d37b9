"""agency (roles, projects, budgets) and targets (a goal's evolution across plans) on the sample corpus."""

from __future__ import annotations

import pytest
from query_samples import corpus_graph

from graph.errors import LineageError
from graph.queries.agency import agency
from graph.queries.embedded_backend import EmbeddedBackend
from graph.queries.targets import targets
from graph.vocabulary import CHU_TRI


@pytest.fixture(scope="module")
def backend() -> EmbeddedBackend:
    return EmbeddedBackend(corpus_graph())


def test_kien_giang_department_of_information_leads_projects_with_budgets(backend):
    r = agency(backend, "Sở Thông tin và Truyền thông", "Kiên Giang")
    assert [a.province for a in r.agencies] == ["Kiên Giang"]
    led = [x for x in r.roles if x.role == CHU_TRI and x.project]
    assert {x.document.number for x in led} >= {"1891/QĐ-UBND", "176/KH-UBND"}
    # a row of the 1891 table: "Nâng cấp trung tâm tích hợp dữ liệu của tỉnh" ... 15 tỷ đồng
    row = next(x for x in led if "trung tâm tích hợp dữ liệu" in x.project.name)
    assert row.project.budget_dong == 15e9
    per_doc = {b.document.number: b for b in r.budgets}
    # the budget is the state budget; private money apart (tests/test_budgets.py)
    assert per_doc["1891/QĐ-UBND"].led_budget_dong + per_doc["1891/QĐ-UBND"].led_private_dong == sum(
        x.project.budget_dong or 0 for x in led if x.document.number == "1891/QĐ-UBND")
    assert r.total_led_budget_dong is None and r.overlapping  # the 2016-2020 and 2020 plans overlap


def test_agency_name_is_matched_without_diacritics_and_per_province(backend):
    a = agency(backend, "so thong tin va truyen thong", "kien giang")
    b = agency(backend, "Sở Thông tin và Truyền thông", "Kiên Giang")
    assert a.model_dump(exclude={"query", "province", "province_scope"}) == b.model_dump(
        exclude={"query", "province", "province_scope"})
    assert a.province_scope.members == b.province_scope.members == ["Kiên Giang"]
    ca_mau = agency(backend, "Sở Thông tin và Truyền thông", "Cà Mau")
    assert {x.province for x in ca_mau.agencies} == {"Cà Mau"}
    assert {x.key for x in ca_mau.agencies}.isdisjoint(x.key for x in a.agencies)


def test_unknown_agency_suggests(backend):
    with pytest.raises(LineageError) as err:  # a usage error (exit 2), not "none found"
        agency(backend, "Sở Thông tin và Truyềnn thông", "Kiên Giang")
    assert err.value.exit_code == 2
    assert "Sở Thông tin và Truyền thông" in (err.value.hint or "")


def test_level_4_online_services_from_the_2016_plan_to_the_2022_strategy(backend):
    r = targets(backend, province="Kiên Giang", metric="mức độ 4")
    docs = [row.document.number for row in r.rows]
    assert "1891/QĐ-UBND" in docs and "2174/QĐ-UBND" in docs
    assert docs.index("1891/QĐ-UBND") < docs.index("2174/QĐ-UBND")  # oldest plan first
    by_doc = {row.document.number: row for row in r.rows}
    assert by_doc["2174/QĐ-UBND"].value == 100 and by_doc["2174/QĐ-UBND"].unit == "%"
    assert all(row.document.province == "Kiên Giang" for row in r.rows)
    assert all("muc do 4" in row.text.lower().replace("ứ", "u").replace("ộ", "o").replace("đ", "d")
               or row.metric for row in r.rows)


def test_targets_of_one_metric_share_it(backend):
    rows = targets(backend, province="Kiên Giang").rows
    metrics = {row.metric for row in rows if row.metric}
    assert metrics, "the extraction sets Target.metric"
    m = sorted(metrics)[0]
    only = targets(backend, province="Kiên Giang", metric=m).rows
    assert only and all(row.metric == m or m in (row.text or "") for row in only)
    assert targets(backend, province="Hà Giang").rows == []
