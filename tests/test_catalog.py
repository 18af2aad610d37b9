"""The catalog of central documents: every fact sourced and consistent (catalog_check), merges that can
be run again (catalog_merge), and the facts of the 2015 -> 2025 local-government chain as the sources
state them."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import pytest

from graph.datafiles import read_json
from graph.loaders import catalog
from graph.loaders.catalog_check import check_catalog
from graph.loaders.catalog_merge import merge, states_date


@pytest.fixture(scope="module")
def raw() -> dict:
    return read_json(catalog.CATALOG_FILE)


def test_the_shipped_catalog_is_sound(raw):
    assert check_catalog(raw) == []
    assert len(raw["documents"]) >= 120 and len(raw["relations"]) >= 90  # nothing lost by accident


def test_no_fact_is_sourced_from_the_documents_the_project_is_measured_against(raw):
    """The samples and the development set are rulers: none of their pages or sentences is a source."""
    shared = Path(__file__).resolve().parents[1].parent / "shared"
    golds = [*shared.glob("gold/seeds/*.json"), *shared.glob("dev/gold/*.json")]
    if not golds:
        pytest.skip(f"no gold annotations beside the repository ({shared})")
    rulers = {json.loads(g.read_text("utf-8")).get("url") for g in golds} - {None}
    assert len(rulers) > 10
    sourced = [item.get("source_url") for item in [*raw["documents"], *raw["relations"]]]
    assert [u for u in sourced if u in rulers] == []


def test_every_fact_names_a_page_and_its_words(raw):
    for item in [*raw["documents"], *raw["relations"]]:
        assert item["source_url"].startswith(("https://", "http://")) and item["source_quote"].strip()
    citations = [d for d in raw["documents"] if d.get("source_kind") == "citation"]
    assert citations and not any(d.get("status") or d.get("effective") for d in citations)


def _bad(raw: dict, change) -> list[str]:
    broken = copy.deepcopy(raw)
    change(broken)
    return check_catalog(broken)


def _relation(raw: dict, old: str, new: str) -> dict:
    return next(r for r in raw["relations"] if r["old"] == old and r["new"] == new)


def test_the_checker_finds_each_kind_of_fault(raw):
    def earlier(c):  # 72/2025/QH15 (passed 16/6/2025) replacing 65/2025 before it was passed
        _relation(c, "65/2025/QH15", "72/2025/QH15")["date"] = "2025-02-01"

    def cycle(c):
        c["relations"].append({**_relation(c, "65/2025/QH15", "72/2025/QH15"), "old": "72/2025/QH15",
                               "new": "77/2015/QH13", "date": "2025-07-01"})

    def unsourced(c):
        _relation(c, "11/2003/QH11", "77/2015/QH13")["source_url"] = "vbpl.vn"

    def not_a_date(c):
        _relation(c, "11/2003/QH11", "77/2015/QH13")["date"] = "2016-02-30"

    def status_from_a_citation(c):
        next(d for d in c["documents"] if d.get("source_kind") == "citation")["status"] = "in_force"

    def unknown_end(c):
        _relation(c, "11/2003/QH11", "77/2015/QH13")["old"] = "Luật năm 2003"

    expected = {earlier: "before new 72/2025/QH15 was issued", cycle: "cycle of events",
                unsourced: "no source URL", not_a_date: "not a real date",
                status_from_a_citation: "never its status", unknown_end: "neither in the catalog nor"}
    for change, words in expected.items():
        problems = _bad(raw, change)
        assert any(words in p for p in problems), (change.__name__, problems)


def test_local_government_laws_as_the_sources_state_them():
    cat = catalog.load_catalog()
    ends = [(r.new, r.date, r.event) for r in cat.replacements("VN:77/2015/QH13") if r.event != "amended"]
    assert ends == [("VN:65/2025/QH15", dt.date(2025, 3, 1), "replaced")]
    (repeal,) = cat.replacements("VN:65/2025/QH15")
    assert repeal.new == "VN:72/2025/QH15" and repeal.date == dt.date(2025, 6, 16)
    assert "65/2025/QH15 hết hiệu lực" in repeal.source_quote
    assert cat.get("VN:72/2025/QH15").effective == dt.date(2025, 6, 16)
    assert cat.lookup_by_name("Luật Tổ chức chính quyền địa phương", as_of=dt.date(2025, 4, 1)).number \
        == "65/2025/QH15"
    assert cat.lookup_by_name("Luật Tổ chức chính quyền địa phương", as_of=dt.date(2025, 7, 1)).number \
        == "72/2025/QH15"


def test_merge_keeps_sourced_facts_drops_unsourced_ones_and_can_run_again(raw):
    legacy = {"documents": [*copy.deepcopy(raw["documents"]),
                            {"number": "49/2014/QH13", "doc_type": "Luật", "date": "2014-06-18",
                             "issuer": "Quốc hội", "name": "Luật Đầu tư công", "source": "vbpl.vn"}],
              "relations": [*copy.deepcopy(raw["relations"]),
                            {"old": "49/2014/QH13", "new": "39/2019/QH14", "type": "SUPERSEDES",
                             "date": "2020-01-01", "source": "vbpl.vn"}]}
    merged, report = merge(legacy, [])
    assert "left out (no source found): document 49/2014/QH13" in report
    assert any(line.startswith("left out (no source): event 49/2014/QH13") for line in report)
    assert check_catalog(merged) == []
    again, report_again = merge(merged, [])
    assert again == merged and report_again == []


def test_a_citation_never_brings_a_status():
    item = {"number": "163/2016/NĐ-CP", "doc_type": "Nghị định", "date": "2016-12-21", "issuer": "Chính phủ",
            "status": "in_force", "effective": "2017-01-01", "source": "as cited", "source_kind": "citation",
            "source_url": "https://example.org/x",
            "source_quote": "Nghị định số 163/2016/NĐ-CP ngày 21 tháng 12"}
    merged, _ = merge({"documents": [], "relations": []}, [{"documents": [item], "relations": []}])
    (doc,) = merged["documents"]
    assert "status" not in doc and "effective" not in doc


@pytest.mark.parametrize(("quote", "iso", "said"), [
    ("Luật số 47/2019/QH14 ngày 22 tháng 11 năm 2019", "2019-11-22", True),
    ("ngày 03/6/2020 của Thủ tướng", "2020-06-03", True),
    ("ngày 03/6/2020 của Thủ tướng", "2020-06-30", False)])
def test_a_date_is_kept_only_when_the_words_state_it(quote, iso, said):
    assert states_date(quote, iso) is said


def _resolution(number: str, date: str, title: str) -> dict:
    return {"number": number, "doc_type": "Nghị quyết", "date": date, "issuer": "Chính phủ", "title": title,
            "source": "test", "source_kind": "page", "source_url": f"https://example.org/{date}",
            "source_quote": f"Nghị quyết số {number} ngày {date[8:]}/{date[5:7]}/{date[:4]} của Chính phủ"}


def test_one_number_of_two_years_is_two_documents_and_an_event_names_which():
    """Numbers without their year restart every year: Nghị quyết 76/NQ-CP of 13/6/2013 (amending 30c/NQ-CP)
    and of 15/7/2021 (the master programme of administrative reform 2021-2030) are two documents; an event
    that names "76/NQ-CP" alone is refused, "76/NQ-CP:2021" names the second."""
    programme = "ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn"
    older = _resolution("76/NQ-CP", "2013-06-13", "sửa đổi, bổ sung một số điều của Nghị quyết số 30c/NQ-CP")
    newer = _resolution("76/NQ-CP", "2021-07-15", f"{programme} 2021 - 2030")
    base = _resolution("30c/NQ-CP", "2011-11-08", f"{programme} 2011 - 2020")
    event = {"old": "30c/NQ-CP", "new": "76/NQ-CP", "type": "SUPERSEDES", "date": "2021-07-15",
             "source": "test", "source_url": "https://example.org/e", "source_quote": "thay thế 30c/NQ-CP"}
    additions = [{"documents": [base, older], "relations": []}, {"documents": [newer], "relations": []}]
    merged, _ = merge({"documents": [], "relations": []}, additions)
    assert [d["date"] for d in merged["documents"]] == ["2011-11-08", "2013-06-13", "2021-07-15"]
    assert check_catalog(merged) == []
    bare = {**merged, "relations": [event]}
    assert any("76/NQ-CP" in p and "two documents" in p for p in check_catalog(bare))
    named = {**merged, "relations": [{**event, "new": "76/NQ-CP:2021"}]}
    assert check_catalog(named) == []
    (rel,) = catalog.parse_catalog(named).relations
    assert (rel.old, rel.new) == ("VN:30c/NQ-CP:2011", "VN:76/NQ-CP:2021")
